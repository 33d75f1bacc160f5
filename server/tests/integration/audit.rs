//! The audit log as a hash chain: lines written by the services link up, on both databases and
//! under concurrent writers; an edited or removed line is found at its place.

use crate::common::{on_each_backend, on_each_backend_with};
use crate::publication::decided;
use crate::screening::screened;
use app::backend::audit::{self, Break};
use app::backend::entities::audit_log;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

/// The ids of the log's lines, in order.
async fn ids(db: &sea_orm::DatabaseConnection) -> Vec<i32> {
    audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_services_lines_form_a_chain_that_shows_an_edit_or_a_removal() {
    on_each_backend(|db, name| async move {
        // Scores, submissions and the decision are audited.
        decided(&db).await;
        let lines = ids(&db).await;
        assert!(lines.len() >= 10, "{name}: {lines:?}");
        let check = audit::verify(&db).await.unwrap();
        assert_eq!(check.lines, lines.len() as u64, "{name}");
        assert_eq!(check.broken, None, "{name}");

        // Changing who did it, behind the portal's back.
        let third = lines[2];
        db.execute_unprepared(&format!(
            "UPDATE audit_log SET actor_id = actor_id + 1 WHERE id = {third}"
        ))
        .await
        .unwrap();
        assert_eq!(
            audit::verify(&db).await.unwrap().broken,
            Some((third, Break::Edited)),
            "{name}"
        );

        // Removing a line breaks the link of the one after it; nothing before it is blamed.
        let on = remove_with_the_line_before(&db, &lines, third).await;
        assert_eq!(
            audit::verify(&db).await.unwrap().broken,
            Some((on, Break::Unlinked)),
            "{name}"
        );
    })
    .await;
}

/// Removes the line `tampered` and the one before it, so that the first break is the link of
/// the line after them. Returns that line's id.
async fn remove_with_the_line_before(
    db: &sea_orm::DatabaseConnection,
    lines: &[i32],
    tampered: i32,
) -> i32 {
    let at = lines.iter().position(|l| *l == tampered).unwrap();
    db.execute_unprepared(&format!(
        "DELETE FROM audit_log WHERE id IN ({}, {tampered})",
        lines[at - 1]
    ))
    .await
    .unwrap();
    lines[at + 1]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_line_written_while_another_transaction_holds_an_unlinked_line_waits_for_it() {
    use sea_orm::TransactionTrait;
    // The portal's own pool: B needs a connection of its own while A holds one.
    on_each_backend_with(server::Pool::default, |db, name| async move {
        let now = crate::common::at(2027, 10, 1, 9, 0);
        let line = |what: &str| serde_json::json!({ "what": what });
        audit::record(&db, None, "news.save", "news:1".into(), line("first"), now)
            .await
            .unwrap();
        // A writes a line and keeps its transaction open; B writes one meanwhile. B's line must
        // link to A's, so B waits until A commits (PostgreSQL's advisory lock, SQLite's write
        // lock). Without the wait both would link to the first line and the chain would fork.
        let a = db.begin().await.unwrap();
        audit::record(&a, None, "news.save", "news:2".into(), line("a"), now)
            .await
            .unwrap();
        let b = {
            let db = db.clone();
            tokio::spawn(async move {
                audit::record(&db, None, "news.save", "news:3".into(), line("b"), now).await
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(!b.is_finished(), "{name}: B waited for A");
        a.commit().await.unwrap();
        b.await.unwrap().unwrap();
        let check = audit::verify(&db).await.unwrap();
        assert_eq!((check.lines, check.broken), (3, None), "{name}");
    })
    .await;
}

/// The details of the lines of `action`, in order, with their subjects and actors.
async fn events(
    db: &sea_orm::DatabaseConnection,
    action: &str,
) -> Vec<(String, Option<i32>, serde_json::Value)> {
    use sea_orm::{ColumnTrait, QueryFilter};
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| {
            (
                l.subject,
                l.actor_id,
                serde_json::from_str(&l.detail).unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_screening_roles_invitations_and_exports_are_audited_with_old_and_new_values() {
    use app::backend::entities::jury_invitation;
    use app::backend::entries::screening;
    use app::backend::{admin, competition_setup, jury_setup};
    use app::model::Role;
    use sea_orm::{ColumnTrait, QueryFilter};
    use serde_json::json;
    on_each_backend(|db, name| async move {
        let j = crate::jury::jury(&db).await;
        let now = j.judging + chrono::Duration::hours(1);
        let admin_id = Some(j.admin.user_id);
        let year = format!("competition:{}", j.round);

        // The deadline moved twice: two lines, each with the old and the new date, and
        // nothing else (the other settings did not change).
        let mut f = competition_setup::form(&db, &j.admin, Some(j.year))
            .await
            .unwrap();
        let first = f.closes_at.clone();
        for moved in ["2027-08-21T23:59", "2027-08-22T23:59"] {
            f.closes_at = moved.into();
            competition_setup::save(
                &db,
                &crate::common::unwatched(),
                &j.admin,
                Some(j.year),
                f.clone(),
                now,
            )
            .await
            .unwrap();
        }
        let saves = events(&db, "competition.save").await;
        assert_eq!(saves.len(), 2, "{name}");
        assert_eq!(
            saves[0],
            (
                year.clone(),
                admin_id,
                json!({ "closes_at": { "before": first, "after": "2027-08-21T23:59" } })
            ),
            "{name}"
        );
        assert_eq!(
            saves[1].2,
            json!({ "closes_at": { "before": "2027-08-21T23:59", "after": "2027-08-22T23:59" } })
        );

        // Screening: the status and reason before and after.
        let e = j.entries[0];
        screened(&db, &j.admin, e, false, "Utanför temat", now)
            .await
            .unwrap();
        assert_eq!(
            events(&db, "entry.screen").await,
            vec![(
                format!("entry:{e}"),
                admin_id,
                json!({
                    "status": { "before": "submitted", "after": "ineligible" },
                    "reason": { "before": null, "after": "Utanför temat" },
                })
            )],
            "{name}"
        );

        // Roles and deactivation, on the person's account.
        let who = j.applicant.user_id;
        admin::set_roles(&db, &j.admin, who, &[Role::Applicant, Role::Juror], now)
            .await
            .unwrap();
        // Saving the same roles again changes nothing and writes nothing.
        admin::set_roles(&db, &j.admin, who, &[Role::Juror, Role::Applicant], now)
            .await
            .unwrap();
        let roles = events(&db, "user.roles").await;
        assert_eq!(roles.len(), 1, "{name}: {roles:?}");
        assert_eq!(roles[0].0, format!("user:{who}"));
        assert_eq!(roles[0].2["value"]["after"], json!(["applicant", "juror"]));
        admin::set_active(&db, &j.admin, who, false, now)
            .await
            .unwrap();
        assert_eq!(
            events(&db, "user.active").await,
            vec![(
                format!("user:{who}"),
                admin_id,
                json!({ "value": { "before": true, "after": false } })
            )],
            "{name}"
        );

        // An invitation sent, sent again and revoked: the log names the row, not the address.
        jury_setup::invite(
            &db,
            &j.admin,
            j.year,
            "ny.jurymedlem@bra.se",
            now,
            "http://x",
        )
        .await
        .unwrap();
        let i = jury_invitation::Entity::find()
            .filter(jury_invitation::Column::Email.eq("ny.jurymedlem@bra.se"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        jury_setup::resend(&db, &j.admin, i.id, now, "http://x")
            .await
            .unwrap();
        jury_setup::revoke(&db, &j.admin, i.id, now).await.unwrap();
        let subject = format!("competition:{} invitation:{}", j.round, i.id);
        for action in ["jury.invite", "jury.invite_resend", "jury.invite_revoke"] {
            let lines = events(&db, action).await;
            assert_eq!(lines.len(), 1, "{name}: {action}");
            assert_eq!((&lines[0].0, lines[0].1), (&subject, admin_id), "{action}");
            assert!(
                !lines[0].2.to_string().contains('@'),
                "{action}: no address"
            );
        }
        assert_eq!(
            events(&db, "jury.invite_revoke").await[0].2,
            json!({ "status": { "before": "pending", "after": "revoked" } })
        );

        // Downloads of the exports.
        jury_setup::export_scores(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        screening::export_rows(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        for action in ["export.scores", "export.entries"] {
            let lines = events(&db, action).await;
            assert_eq!(lines.len(), 1, "{name}: {action}");
            assert_eq!((&lines[0].0, lines[0].1), (&year, admin_id), "{action}");
        }
        // A refused download is not a download.
        assert!(
            screening::export_rows(&db, &j.j2, j.year, now)
                .await
                .is_err()
        );
        assert_eq!(events(&db, "export.entries").await.len(), 1, "{name}");

        assert_eq!(audit::verify(&db).await.unwrap().broken, None, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_filters_the_log_a_page_at_a_time() {
    use app::backend::audit_trail;
    use app::error::AppError;
    use app::model::{AUDIT_PAGE_SIZE, AuditFilter};
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let all = ids(&db).await;
        let view = |f: AuditFilter| {
            let (db, admin) = (db.clone(), j.admin.clone());
            async move { audit_trail::trail(&db, &admin, &f).await.unwrap() }
        };
        let everything = view(AuditFilter::default()).await;
        assert_eq!(everything.total, all.len() as u64, "{name}");
        assert_eq!(everything.years, vec![2027]);
        assert!(everything.kinds.contains(&"decision.record".to_string()));
        // Newest first.
        assert_eq!(everything.lines[0].id, *all.last().unwrap());
        assert_eq!(everything.lines[0].year, Some(2027));

        // By person: the chair's lines only, each named.
        let chair = view(AuditFilter {
            person: "CHAIR@bra".into(),
            ..Default::default()
        })
        .await;
        assert!(chair.total > 0, "{name}");
        assert!(
            chair
                .lines
                .iter()
                .all(|l| l.person.as_deref() == Some("Person chair@bra.se"))
        );
        // By kind, and by object: an entry's history holds its sheets, not another entry's
        // whose id begins with the same digits.
        let e = j.entries[0];
        let history = view(AuditFilter {
            object: format!("entry:{e}"),
            ..Default::default()
        })
        .await;
        assert!(history.total >= 3, "{name}: three jurors' sheets");
        assert!(
            history
                .lines
                .iter()
                .all(|l| l.object == format!("entry:{e}")
                    || l.object.starts_with(&format!("entry:{e} "))),
            "{name}"
        );
        let kind = view(AuditFilter {
            kind: "decision.record".into(),
            ..Default::default()
        })
        .await;
        assert_eq!(kind.total, 1, "{name}");
        // Another year, and a year with nothing.
        assert_eq!(
            view(AuditFilter {
                year: Some(2031),
                ..Default::default()
            })
            .await
            .total,
            0
        );
        assert_eq!(
            view(AuditFilter {
                year: Some(2027),
                ..Default::default()
            })
            .await
            .total,
            everything.total
        );

        // Pages of fifty, newest first: the last page ends with the oldest line, and a page
        // past the end shows the last one.
        let n = all.len() as u64;
        assert!(
            n > AUDIT_PAGE_SIZE,
            "{name}: {n} lines make more than one page"
        );
        let pages = n.div_ceil(AUDIT_PAGE_SIZE);
        assert_eq!(everything.lines.len() as u64, AUDIT_PAGE_SIZE);
        let last = view(AuditFilter {
            page: Some(pages),
            ..Default::default()
        })
        .await;
        assert_eq!(
            (last.total, last.pages, last.page),
            (n, pages, pages),
            "{name}"
        );
        assert_eq!(last.lines.len() as u64, n - (pages - 1) * AUDIT_PAGE_SIZE);
        assert_eq!(last.lines.last().unwrap().id, all[0], "the oldest last");
        let past = view(AuditFilter {
            page: Some(99),
            ..Default::default()
        })
        .await;
        assert_eq!(past.page, pages);

        // Only the organiser reads the log.
        for other in [&j.chair, &j.applicant] {
            assert_eq!(
                audit_trail::trail(&db, other, &AuditFilter::default()).await,
                Err(AppError::Forbidden),
                "{name}"
            );
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_page_and_its_csv_work_without_javascript_in_both_languages() {
    use crate::common::{TestServer, page_text, status_of};
    use crate::people::signed_in;
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let s = TestServer::start(db.clone(), j.deliberation).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let e = j.entries[0];

        let body = page_text(
            &admin,
            format!("{}/admin/audit?year=2027&kind=score.submit", s.base),
        )
        .await;
        assert!(body.contains("<h1>Händelselogg</h1>"), "{name}: {body}");
        assert!(
            body.contains("Bedömning inskickad"),
            "{name}: the kind's label"
        );
        assert!(
            !body.contains("Juryns beslut registrerat</td>"),
            "{name}: filtered by kind"
        );
        assert!(
            body.contains(r#"<option value="2027" selected"#),
            "{name}: the filter in force is shown"
        );
        assert!(
            body.contains(&format!(r#"href="/admin/audit?object=entry:{e}""#)),
            "{name}: each object links its history"
        );
        assert!(
            body.contains(
                r#"href="/admin/audit.csv?year=2027&amp;kind=score.submit&amp;dialect=semicolon""#
            ),
            "{name}: the export keeps the filters, in Swedish Excel's dialect: {body}"
        );
        let body = page_text(
            &admin,
            format!("{}/en/admin/audit?object=entry:{e}", s.base),
        )
        .await;
        assert!(body.contains("<h1>Audit log</h1>"), "{name}");
        assert!(body.contains("Scores submitted"), "{name}");
        assert!(
            body.contains("&amp;dialect=comma\""),
            "{name}: in English, commas"
        );

        // By default the file is Swedish Excel's: semicolons, after a byte-order mark.
        let text = page_text(
            &admin,
            format!("{}/admin/audit.csv?kind=score.submit", s.base),
        )
        .await;
        assert!(
            text.starts_with("\u{feff}id;at;person;kind;object;year;detail;hash\n"),
            "{name}: {text}"
        );

        // The CSV: a header and one row per line the filters match.
        let res = admin
            .get(format!(
                "{}/admin/audit.csv?kind=score.submit&dialect=comma",
                s.base
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv"),
            "{name}"
        );
        let text = res.text().await.unwrap();
        let rows: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            rows[0], "id,at,person,kind,object,year,detail,hash",
            "{name}"
        );
        assert_eq!(
            rows.len(),
            1 + 12,
            "{name}: four entries, three jurors each"
        );
        assert!(
            rows[1..].iter().all(|r| r.contains(",score.submit,")),
            "{name}"
        );

        // Anyone else is refused, page and file alike.
        let chair = signed_in(&s, "chair@bra.se").await;
        for path in ["/admin/audit.csv", "/admin/audit"] {
            let url = format!("{}{path}", s.base);
            assert_eq!(status_of(&chair, url).await, 403, "{name}: {path}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_list_of_entries_and_a_european_placing_removed_are_audited() {
    use app::backend::competition_setup;
    use app::backend::entities::european_result;
    use app::backend::publication::release;
    use app::model::EuropeanForm;
    use serde_json::json;
    on_each_backend(|db, name| async move {
        let j = crate::jury::jury(&db).await;
        let now = j.judging + chrono::Duration::hours(1);
        let public = crate::common::unwatched();
        // Published, published again (no change, no line), hidden.
        for publish in [true, true, false] {
            competition_setup::list_entries(&db, &public, &j.admin, j.year, publish, now)
                .await
                .unwrap();
        }
        let lines: Vec<serde_json::Value> = events(&db, "entry_list.publish")
            .await
            .into_iter()
            .map(|l| l.2)
            .collect();
        assert_eq!(
            lines,
            vec![
                json!({ "published": { "before": false, "after": true } }),
                json!({ "published": { "before": true, "after": false } }),
            ],
            "{name}"
        );

        // A European placing typed in and taken away again: the line keeps what was removed.
        let form = EuropeanForm {
            rank: "3".into(),
            country_sv: "Danmark".into(),
            country_en: "Denmark".into(),
            ..Default::default()
        };
        release::add_european(&db, &public, &j.admin, j.year, form, now)
            .await
            .unwrap();
        let placing = european_result::Entity::find()
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        release::remove_european(&db, &public, &j.admin, j.year, placing.id, now)
            .await
            .unwrap();
        let removed = events(&db, "european.remove").await;
        assert_eq!(removed.len(), 1, "{name}");
        assert_eq!(removed[0].1, Some(j.admin.user_id));
        assert_eq!(
            removed[0].2,
            json!({
                "rank": { "before": 3, "after": null },
                "country": { "before": "Danmark", "after": null },
            })
        );
        // Removing it again is "not found", and writes nothing.
        assert!(
            release::remove_european(&db, &public, &j.admin, j.year, placing.id, now)
                .await
                .is_err()
        );
        assert_eq!(events(&db, "european.remove").await.len(), 1, "{name}");
        assert_eq!(audit::verify(&db).await.unwrap().broken, None, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn award_photos_and_news_images_are_audited() {
    use app::backend::publication::{news, release};
    use serde_json::json;
    on_each_backend(|db, name| async move {
        let j = crate::publication::decided(&db).await;
        let now = j.deliberation + chrono::Duration::days(1);
        let public = crate::common::unwatched();
        let uploads = tempfile::tempdir().unwrap();
        let view = release::admin_view(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        let award = view.awards[0].id;
        let photo = crate::publication::image("a.png", "Pristagarna", "");
        release::set_award_photo(
            &db,
            &public,
            &j.admin,
            uploads.path(),
            j.year,
            award,
            photo,
            now,
        )
        .await
        .unwrap();
        // Removed, then removed again: the second changes nothing and writes nothing.
        for _ in 0..2 {
            release::remove_award_photo(&db, &public, &j.admin, j.year, award, now)
                .await
                .unwrap();
        }
        let set = events(&db, "award.photo").await;
        assert_eq!(set.len(), 1, "{name}");
        assert_eq!(set[0].0, format!("award:{award}"));
        assert_eq!(set[0].1, Some(j.admin.user_id));
        let image = set[0].2["photo"]["after"].clone();
        assert!(image.is_i64(), "{name}: {}", set[0].2);
        assert_eq!(
            set[0].2,
            json!({
                "photo": { "before": null, "after": image },
                "alt_sv": { "before": null, "after": "Pristagarna" },
            })
        );
        let removed = events(&db, "award.photo_remove").await;
        assert_eq!(removed.len(), 1, "{name}");
        assert_eq!(
            removed[0].2,
            json!({ "photo": { "before": image, "after": null } })
        );

        // A news item's image, set and then replaced.
        let form = app::model::NewsForm {
            kind: "news".into(),
            title_sv: "Utkast".into(),
            summary_sv: "Ingress".into(),
            body_sv: "Text".into(),
            publish: "draft".into(),
            ..Default::default()
        };
        let item = news::save(&db, &public, &j.admin, (0, 0), form, now)
            .await
            .unwrap();
        for alt in ["Bild", "Ny bild"] {
            let image = crate::publication::image("b.png", alt, "");
            news::set_image(&db, &public, &j.admin, uploads.path(), item, image, now)
                .await
                .unwrap();
        }
        let images = events(&db, "news.image").await;
        assert_eq!(images.len(), 2, "{name}");
        assert_eq!(images[1].0, format!("news:{item}"));
        assert_eq!(
            images[1].2["alt_sv"],
            json!({ "before": "Bild", "after": "Ny bild" })
        );
        assert_eq!(
            images[1].2["image"]["before"],
            images[0].2["image"]["after"]
        );
        assert_eq!(audit::verify(&db).await.unwrap().broken, None, "{name}");
    })
    .await;
}
