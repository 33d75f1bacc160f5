//! Entries and competition setup: service tests with an injected clock (both databases), and
//! the HTTP side (no-JS form posts, uploads, downloads, exports, authorisation).

use crate::common::{TestServer, at, on_each_backend};
use crate::people::{org_of, person, signed_in};
use app::backend::accounts::{self, Actor};
use app::backend::entities::{
    competition, entry, entry_version, mail_outbox, organisation_member, reminder_sent,
};
use app::backend::entries::{applicant, attachments, screening};
use app::backend::{competition_setup, publication};
use app::error::{AppError, Conflict, Problem};
use app::model::{CHECKLIST, Contact, EntryDraft, EntryStatus, Link, Role};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// A year open from `opens` until `closes`.
async fn year(
    db: &DatabaseConnection,
    y: i32,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
) -> competition::Model {
    competition::ActiveModel {
        year: Set(y),
        theme_sv: Set("Återfall i brott".into()),
        theme_en: Set(Some("Preventing reoffending".into())),
        description_sv: Set("Beskrivning".into()),
        opens_at: Set(Some(opens)),
        closes_at: Set(Some(closes)),
        created_at: Set(opens),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

async fn actor(db: &DatabaseConnection, user_id: i32) -> Actor {
    accounts::session_actor(db, user_id, at(2030, 1, 1, 0, 0).timestamp(), false)
        .await
        .unwrap()
        .unwrap()
}

pub(crate) fn complete() -> EntryDraft {
    EntryDraft {
        title: "Riskreducerande insatser".into(),
        organisation_display: "Polismyndigheten".into(),
        competing: true,
        start_date: "2019-01-01".into(),
        ongoing: true,
        description: "Samtal som minskar motivationen att utöva våld.".into(),
        problem: "Upprepat våld.".into(),
        objectives: "Färre hot.".into(),
        target_group: "Våldsutövare.".into(),
        methods: "Strukturerade samtal.".into(),
        partners: "Polisen.".into(),
        resources: "Utbildade poliser.".into(),
        evaluation: "I 72 procent av 118 ärenden upphörde våldet.".into(),
        replicability: "Metoden är dokumenterad.".into(),
        theme_relevance: "Skyddar utsatta.".into(),
        public_summary_sv: "Polisen samtalar med våldsutövare.".into(),
        publication_consent: true,
        contacts: vec![Contact {
            name: "Anna Andersson".into(),
            role: "Projektledare".into(),
            email: "anna@polisen.se".into(),
            phone: String::new(),
        }],
        links: vec![Link {
            label: "Rapport".into(),
            url: "https://example.se/rapport.pdf".into(),
        }],
        checklist: CHECKLIST.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

struct World {
    a: Actor,
    a2: Actor,
    b: Actor,
    admin: Actor,
}

async fn world(db: &DatabaseConnection) -> World {
    let a = person(
        db,
        "a@polisen.se",
        Some("Polismyndigheten"),
        &[Role::Applicant],
    )
    .await;
    let b = person(db, "b@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
    let admin = person(db, "admin@bra.se", None, &[Role::Admin]).await;
    // A colleague in A's organisation.
    let a2 = person(db, "a2@polisen.se", None, &[Role::Applicant]).await;
    let org_a = organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(a))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    organisation_member::ActiveModel {
        organisation_id: Set(org_a),
        user_id: Set(a2),
        joined_at: Set(at(2026, 11, 25, 9, 0)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    World {
        a: actor(db, a).await,
        a2: actor(db, a2).await,
        b: actor(db, b).await,
        admin: actor(db, admin).await,
    }
}

async fn receipts(db: &DatabaseConnection) -> u64 {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Template.eq("submission_receipt"))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_deadline_holds_to_the_second_across_the_summer_time_change() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        // Summer time starts on 28 March 2027 at 02:00: clocks jump to 03:00. The deadline is
        // 03:00 Stockholm time, which is 01:00 UTC; one second earlier the wall clock shows
        // 01:59:59.
        let deadline = at(2027, 3, 28, 3, 0);
        assert_eq!(deadline.to_rfc3339(), "2027-03-28T01:00:00+00:00");
        year(&db, 2027, at(2026, 11, 1, 9, 0), deadline).await;
        let org = w.a.organisations[0];
        let id = applicant::start(&db, &w.a, 2027, org, at(2026, 12, 1, 9, 0))
            .await
            .unwrap();
        let before = deadline - Duration::seconds(1);
        let after = deadline + Duration::seconds(1);
        let saved = applicant::save(&db, &w.a, id, 1, complete(), before)
            .await
            .unwrap_or_else(|e| panic!("{name}: a save one second before: {e:?}"));
        assert_eq!(saved.revision, 2);
        assert_eq!(
            saved.at.time, "01:59",
            "{name}: shown in Stockholm winter time"
        );
        let view = applicant::submit(&db, &w.a, id, 2, before, "http://x")
            .await
            .unwrap();
        assert_eq!(view.status, EntryStatus::Submitted);
        assert_eq!(view.deadline.as_ref().unwrap().time, "03:00");
        // At the deadline and after it, nothing changes any more.
        for t in [deadline, after] {
            let mut changed = complete();
            changed.title = "Ändrad".into();
            assert_eq!(
                applicant::save(&db, &w.a, id, 2, changed, t).await,
                Err(AppError::Conflict(Conflict::Closed)),
                "{name}"
            );
            assert_eq!(
                applicant::withdraw(&db, &w.a, id, t).await,
                Err(AppError::Conflict(Conflict::Closed))
            );
            assert_eq!(
                applicant::start(&db, &w.a, 2027, org, t).await,
                Err(AppError::Conflict(Conflict::Closed))
            );
            assert_eq!(
                attachments::upload(
                    &db,
                    &w.a,
                    std::env::temp_dir().as_path(),
                    id,
                    "a.pdf",
                    PDF.to_vec(),
                    t
                )
                .await
                .unwrap_err(),
                AppError::Conflict(Conflict::Closed)
            );
        }
        let view = applicant::view(&db, &w.a, id, after).await.unwrap();
        assert!(!view.editable);
        assert_eq!(
            view.draft.title, "Riskreducerande insatser",
            "{name}: nothing lost"
        );
        assert_eq!(view.status, EntryStatus::Submitted);
    })
    .await;
}

#[tokio::test]
async fn an_autumn_deadline_in_the_repeated_hour_takes_the_first_one() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        // 31 October 2027: 02:30 happens twice; the deadline is the first (summer time).
        let deadline = at(2027, 10, 31, 2, 30);
        assert_eq!(deadline.to_rfc3339(), "2027-10-31T00:30:00+00:00");
        year(&db, 2027, at(2027, 9, 1, 9, 0), deadline).await;
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], at(2027, 9, 2, 9, 0))
            .await
            .unwrap();
        assert!(
            applicant::save(
                &db,
                &w.a,
                id,
                1,
                complete(),
                deadline - Duration::seconds(1)
            )
            .await
            .is_ok(),
            "{name}"
        );
        // An hour later the wall clock shows 02:30 again, but the deadline has passed.
        let second_0230 = deadline + Duration::hours(1);
        assert_eq!(app::backend::clock::when(second_0230).time, "02:30");
        assert_eq!(
            applicant::save(&db, &w.a, id, 2, complete(), second_0230).await,
            Err(AppError::Conflict(Conflict::Closed))
        );
    })
    .await;
}

#[tokio::test]
async fn a_stale_tab_cannot_overwrite_newer_text() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let now = at(2026, 12, 1, 9, 0);
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        // Two tabs (or two colleagues) load revision 1.
        let mut first = complete();
        first.problem = "Texten från den första fliken.".into();
        let mut second = complete();
        second.problem = "Texten från den andra fliken.".into();
        let saved = applicant::save(&db, &w.a, id, 1, first, now).await.unwrap();
        assert_eq!(saved.revision, 2);
        assert_eq!(
            applicant::save(&db, &w.a2, id, 1, second.clone(), now).await,
            Err(AppError::Conflict(Conflict::Stale)),
            "{name}"
        );
        let view = applicant::view(&db, &w.a2, id, now).await.unwrap();
        assert_eq!(view.draft.problem, "Texten från den första fliken.");
        assert_eq!(view.revision, 2);
        // The colleague reloads, gets revision 2, and saves on top.
        applicant::save(&db, &w.a2, id, 2, second, now)
            .await
            .unwrap();
        let view = applicant::view(&db, &w.a, id, now).await.unwrap();
        assert_eq!(view.draft.problem, "Texten från den andra fliken.");
        assert_eq!(view.updated_by.as_deref(), Some("Person a2@polisen.se"));
        // Concurrent saves of the same revision: exactly one wins.
        let (x, y) = tokio::join!(
            applicant::save(&db, &w.a, id, 3, complete(), now),
            applicant::save(&db, &w.a2, id, 3, complete(), now),
        );
        assert_eq!(
            [x.is_ok(), y.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{name}: {x:?} {y:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn submitting_twice_makes_one_submission_and_one_receipt() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let now = at(2026, 12, 1, 9, 0);
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        applicant::save(&db, &w.a, id, 1, complete(), now)
            .await
            .unwrap();
        // A double click: two requests at once, then a retry.
        let (x, y) = tokio::join!(
            applicant::submit(&db, &w.a, id, 2, now, "http://x"),
            applicant::submit(&db, &w.a2, id, 2, now, "http://x"),
        );
        assert!(x.is_ok() && y.is_ok(), "{name}: {x:?} {y:?}");
        let again = applicant::submit(&db, &w.a, id, 2, now + Duration::minutes(1), "http://x")
            .await
            .unwrap();
        assert_eq!(again.versions.len(), 1, "{name}");
        assert_eq!(again.submitted.as_ref().unwrap().unix, now.timestamp());
        assert_eq!(receipts(&db).await, 1, "{name}: one receipt");
        let receipt = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Template.eq("submission_receipt"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let reference = again.reference.clone();
        assert!(reference.starts_with("ECPA-2027-"), "{reference}");
        assert!(receipt.body_text.contains(&reference));
        assert!(receipt.body_text.contains("Riskreducerande insatser"));
        assert!(receipt.subject.starts_with("Kvitto"));
    })
    .await;
}

#[tokio::test]
async fn every_submitted_version_is_kept_and_withdrawal_is_reversible() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let now = at(2026, 12, 1, 9, 0);
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        applicant::save(&db, &w.a, id, 1, complete(), now)
            .await
            .unwrap();
        applicant::submit(&db, &w.a, id, 2, now, "http://x")
            .await
            .unwrap();
        let mut changed = complete();
        changed.evaluation = "En ny utvärdering med fler ärenden.".into();
        let later = now + Duration::days(3);
        applicant::save(&db, &w.a2, id, 2, changed, later)
            .await
            .unwrap();
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        assert!(view.unsubmitted_changes, "{name}");
        assert_eq!(view.status, EntryStatus::Submitted, "still taking part");
        applicant::submit(&db, &w.a2, id, 3, later, "http://x")
            .await
            .unwrap();
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        assert!(!view.unsubmitted_changes);
        assert_eq!(
            view.versions.iter().map(|v| v.number).collect::<Vec<_>>(),
            vec![2, 1]
        );
        let v1 = applicant::version(&db, &w.a, id, 1).await.unwrap();
        let v2 = applicant::version(&db, &w.a, id, 2).await.unwrap();
        assert!(v1.draft.evaluation.starts_with("I 72 procent"));
        assert!(v2.draft.evaluation.starts_with("En ny utvärdering"));
        assert_eq!(v2.summary.submitted_by, "Person a2@polisen.se");
        // Withdraw, then take part again with the same text: no third version.
        applicant::withdraw(&db, &w.a, id, later).await.unwrap();
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        assert_eq!(view.status, EntryStatus::Withdrawn);
        assert_eq!(view.draft.evaluation, "En ny utvärdering med fler ärenden.");
        applicant::submit(&db, &w.a, id, 3, later, "http://x")
            .await
            .unwrap();
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        assert_eq!(view.status, EntryStatus::Submitted);
        assert_eq!(view.versions.len(), 2);
        assert_eq!(
            entry_version::Entity::find().count(&db).await.unwrap(),
            2,
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn only_complete_entries_from_confirmed_addresses_are_submitted() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let now = at(2026, 12, 1, 9, 0);
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        let mut d = complete();
        d.description = "ord ".repeat(601);
        d.links[0].url = "javascript:alert(1)".into();
        d.checklist.clear();
        applicant::save(&db, &w.a, id, 1, d, now).await.unwrap();
        let Err(AppError::Invalid(problems)) =
            applicant::submit(&db, &w.a, id, 2, now, "http://x").await
        else {
            panic!("{name}: an incomplete entry must be refused");
        };
        let fields: Vec<(&str, Problem)> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.problem))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("description", Problem::TooManyWords),
                ("links.0.url", Problem::InvalidUrl),
                ("checklist", Problem::MustConfirm),
            ]
        );
        assert_eq!(receipts(&db).await, 0);
        // Oversized text is refused even for a draft, and the stored draft is untouched.
        let mut huge = complete();
        huge.methods = "x".repeat(20_001);
        assert_eq!(
            applicant::save(&db, &w.a, id, 2, huge, now).await,
            Err(AppError::invalid_field("methods", Problem::TooLong))
        );
        let view = applicant::view(&db, &w.a, id, now).await.unwrap();
        assert_eq!(view.draft.description.split_whitespace().count(), 601);
        // An unconfirmed address may write drafts but not submit.
        let mut unverified = w.a.clone();
        unverified.verified = false;
        applicant::save(&db, &unverified, id, 2, complete(), now)
            .await
            .unwrap();
        assert_eq!(
            applicant::submit(&db, &unverified, id, 3, now, "http://x").await,
            Err(AppError::Unverified)
        );
    })
    .await;
}

#[tokio::test]
async fn other_organisations_see_nothing_of_an_entry() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let now = at(2026, 12, 1, 9, 0);
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        applicant::save(&db, &w.a, id, 1, complete(), now)
            .await
            .unwrap();
        let att = attachments::upload(
            &db,
            &w.a,
            tempfile::tempdir().unwrap().path(),
            id,
            "rapport.pdf",
            PDF.to_vec(),
            now,
        )
        .await
        .unwrap();
        // B cannot read, change, submit, withdraw or download; it all looks like nothing.
        assert_eq!(
            applicant::view(&db, &w.b, id, now).await,
            Err(AppError::NotFound),
            "{name}"
        );
        assert_eq!(
            applicant::save(&db, &w.b, id, 2, complete(), now).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            applicant::submit(&db, &w.b, id, 2, now, "http://x").await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            applicant::withdraw(&db, &w.b, id, now).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            applicant::version(&db, &w.b, id, 1).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            attachments::download(&db, &w.b, std::path::Path::new("/tmp"), att.id)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            attachments::remove(&db, &w.b, att.id, now).await,
            Err(AppError::NotFound)
        );
        assert!(
            applicant::mine(&db, &w.b, now)
                .await
                .unwrap()
                .entries
                .is_empty()
        );
        // B cannot start an entry for A's organisation either.
        assert!(matches!(
            applicant::start(&db, &w.b, 2027, w.a.organisations[0], now).await,
            Err(AppError::Invalid(_))
        ));
        // The colleague and the organiser can read it; the organiser cannot write it.
        assert_eq!(
            applicant::mine(&db, &w.a2, now)
                .await
                .unwrap()
                .entries
                .len(),
            1
        );
        assert!(applicant::view(&db, &w.admin, id, now).await.is_ok());
        assert_eq!(
            applicant::save(&db, &w.admin, id, 2, complete(), now).await,
            Err(AppError::NotFound)
        );
    })
    .await;
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_limited_in_number() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let now = at(2026, 12, 1, 9, 0);
        let dir = tempfile::tempdir().unwrap();
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        let upload = |name: &'static str, bytes: Vec<u8>| {
            let (db, a, dir) = (db.clone(), w.a.clone(), dir.path().to_path_buf());
            async move { attachments::upload(&db, &a, &dir, id, name, bytes, now).await }
        };
        let a = upload("../../etc/rapport.PDF", PDF.to_vec()).await.unwrap();
        assert_eq!(a.file_name, "rapport.pdf", "{name}");
        assert_eq!(a.content_type, "application/pdf");
        let (_, path) = attachments::download(&db, &w.a, dir.path(), a.id)
            .await
            .unwrap();
        assert!(path.starts_with(dir.path()));
        assert_eq!(std::fs::read(&path).unwrap(), PDF);
        // An HTML page named .pdf, and an empty file, are refused.
        assert_eq!(
            upload("x.pdf", b"<html><script>alert(1)</script></html>".to_vec())
                .await
                .unwrap_err(),
            AppError::invalid_field("file", Problem::UnsupportedFile)
        );
        assert_eq!(
            upload("x.pdf", vec![]).await.unwrap_err(),
            AppError::invalid_field("file", Problem::EmptyFile)
        );
        assert_eq!(
            upload("big.pdf", [PDF, &vec![b' '; 20 * 1024 * 1024]].concat())
                .await
                .unwrap_err(),
            AppError::invalid_field("file", Problem::FileTooLarge)
        );
        for _ in 1..10 {
            upload("r.pdf", PDF.to_vec()).await.unwrap();
        }
        assert_eq!(
            upload("r.pdf", PDF.to_vec()).await.unwrap_err(),
            AppError::Conflict(Conflict::TooManyFiles)
        );
        // Same content, one stored file.
        let stored: Vec<_> = walk(dir.path());
        assert_eq!(stored.len(), 1, "{name}: {stored:?}");
        // An upload does not make an open tab stale.
        assert_eq!(
            applicant::view(&db, &w.a, id, now).await.unwrap().revision,
            1
        );
    })
    .await;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[tokio::test]
async fn screening_after_the_deadline_tells_the_applicant_in_their_language() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        let deadline = at(2027, 8, 20, 23, 59);
        year(&db, 2027, at(2026, 11, 1, 9, 0), deadline).await;
        let now = at(2026, 12, 1, 9, 0);
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        applicant::save(&db, &w.a, id, 1, complete(), now)
            .await
            .unwrap();
        applicant::submit(&db, &w.a, id, 2, now, "http://x")
            .await
            .unwrap();
        // The colleague reads mail in English.
        let mut a2: app::backend::entities::app_user::ActiveModel =
            app::backend::entities::app_user::Entity::find_by_id(w.a2.user_id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .into();
        a2.language = Set("en".into());
        a2.update(&db).await.unwrap();
        assert_eq!(
            screening::screen(&db, &w.admin, id, true, "", now, "http://x").await,
            Err(AppError::Conflict(Conflict::NotYet)),
            "{name}: not before the deadline"
        );
        let after = deadline + Duration::days(1);
        assert_eq!(
            screening::screen(&db, &w.a, id, true, "", after, "http://x").await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            screening::screen(&db, &w.admin, id, false, "  ", after, "http://x").await,
            Err(AppError::invalid_field("reason", Problem::Required))
        );
        screening::screen(
            &db,
            &w.admin,
            id,
            false,
            "Projektet är inte genomfört i Sverige.",
            after,
            "http://x",
        )
        .await
        .unwrap();
        let view = applicant::view(&db, &w.a, id, after).await.unwrap();
        assert_eq!(view.status, EntryStatus::Ineligible);
        assert_eq!(
            view.screening_reason.as_deref(),
            Some("Projektet är inte genomfört i Sverige.")
        );
        let mails = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Template.eq("screening_result"))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(mails.len(), 2, "{name}: both members");
        let en = mails
            .iter()
            .find(|m| m.to_address == "a2@polisen.se")
            .unwrap();
        assert!(en.subject.contains("not eligible") && en.body_text.contains("Reason: Projektet"));
        let sv = mails
            .iter()
            .find(|m| m.to_address == "a@polisen.se")
            .unwrap();
        assert!(sv.subject.contains("uppfyller inte"));
        let list = screening::list(&db, &w.admin, 2027, after).await.unwrap();
        assert_eq!(list.rows.len(), 1);
        assert_eq!(list.rows[0].organisation, "Polismyndigheten");
        // Exports: a header and one row, formulas defused.
        let rows = screening::export_rows(&db, &w.admin, 2027).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][0], view.reference);
        assert_eq!(
            screening::export_rows(&db, &w.a, 2027).await,
            Err(AppError::Forbidden)
        );
        let xlsx = screening::to_xlsx(&rows, "ECPA 2027").unwrap();
        assert_eq!(&xlsx[..2], b"PK", "an xlsx is a zip file");
        // The list of entries is published after the deadline only.
        assert_eq!(
            competition_setup::list_entries(&db, &w.admin, 2027, true, now).await,
            Err(AppError::Conflict(Conflict::Closed))
        );
        screening::screen(&db, &w.admin, id, true, "", after, "http://x")
            .await
            .unwrap();
        competition_setup::list_entries(&db, &w.admin, 2027, true, after)
            .await
            .unwrap();
        let page = publication::competition_page(&db, 2027, after)
            .await
            .unwrap();
        assert_eq!(page.entry_list.len(), 1);
        assert_eq!(page.entry_list[0].title, "Riskreducerande insatser");
    })
    .await;
}

#[tokio::test]
async fn reminders_go_once_to_organisations_with_unsubmitted_drafts() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        let deadline = at(2027, 8, 20, 23, 59);
        year(&db, 2027, at(2026, 11, 1, 9, 0), deadline).await;
        let now = at(2026, 12, 1, 9, 0);
        // A has a draft; B has submitted.
        applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        let b = applicant::start(&db, &w.b, 2027, w.b.organisations[0], now)
            .await
            .unwrap();
        applicant::save(&db, &w.b, b, 1, complete(), now)
            .await
            .unwrap();
        applicant::submit(&db, &w.b, b, 2, now, "http://x")
            .await
            .unwrap();
        let reminders = || async {
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Template.eq("deadline_reminder"))
                .all(&db)
                .await
                .unwrap()
        };
        let eight_days = deadline - Duration::days(8);
        assert_eq!(
            screening::send_reminders(&db, eight_days, "http://x")
                .await
                .unwrap(),
            0
        );
        let seven_days = deadline - Duration::days(7);
        assert_eq!(
            screening::send_reminders(&db, seven_days, "http://x")
                .await
                .unwrap(),
            1,
            "{name}"
        );
        assert_eq!(
            screening::send_reminders(&db, seven_days + Duration::hours(1), "http://x")
                .await
                .unwrap(),
            0
        );
        let sent = reminders().await;
        assert_eq!(sent.len(), 2, "both members of A, nobody at B");
        assert!(sent.iter().all(|m| m.to_address.ends_with("@polisen.se")));
        assert!(sent[0].body_text.contains("20 augusti 2027 kl. 23.59"));
        let one_day = deadline - Duration::days(1);
        assert_eq!(
            screening::send_reminders(&db, one_day, "http://x")
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            screening::send_reminders(&db, one_day, "http://x")
                .await
                .unwrap(),
            0
        );
        assert_eq!(reminders().await.len(), 4);
        assert_eq!(reminder_sent::Entity::find().count(&db).await.unwrap(), 2);
        // After the deadline, nothing.
        assert_eq!(
            screening::send_reminders(&db, deadline, "http://x")
                .await
                .unwrap(),
            0
        );
    })
    .await;
}

#[tokio::test]
async fn the_organiser_creates_edits_and_clones_years() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        let now = at(2026, 11, 25, 9, 0);
        assert_eq!(
            competition_setup::form(&db, &w.a, None).await,
            Err(AppError::Forbidden)
        );
        let mut f = competition_setup::form(&db, &w.admin, None).await.unwrap();
        assert_eq!(f.year, "2026", "{name}: no years yet");
        assert_eq!(f.criteria.len(), 5);
        assert_eq!(f.criteria[1].weight, "2", "evaluated effect weighs double");
        assert_eq!(f.limits["description"], "600");
        f.year = "2027".into();
        f.theme_sv = "Att förebygga återfall i brott".into();
        f.description_sv = "Årets tema.".into();
        f.opens_at = "2027-03-01T09:00".into();
        f.closes_at = "2027-08-20T23:59".into();
        f.limits.insert("problem".into(), "250".into());
        f.criteria[2].weight = "3".into();
        assert_eq!(
            competition_setup::save(&db, &w.a, None, f.clone(), now).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            competition_setup::save(&db, &w.admin, None, f.clone(), now).await,
            Ok(2027)
        );
        assert_eq!(
            competition_setup::save(&db, &w.admin, None, f.clone(), now).await,
            Err(AppError::Conflict(Conflict::YearExists))
        );
        let stored = competition_setup::form(&db, &w.admin, Some(2027))
            .await
            .unwrap();
        assert_eq!(stored.closes_at, "2027-08-20T23:59");
        assert_eq!(stored.limits["problem"], "250");
        assert_eq!(stored.criteria[2].weight, "3");
        // Edit: a bad date order is refused per field and changes nothing.
        let mut bad = stored.clone();
        bad.closes_at = "2027-02-01T09:00".into();
        assert_eq!(
            competition_setup::save(&db, &w.admin, Some(2027), bad, now).await,
            Err(AppError::invalid_field("closes_at", Problem::OutOfOrder))
        );
        // Clone into 2028: same rubric and limits, dates a year later.
        assert_eq!(
            competition_setup::clone_year(&db, &w.admin, 2027, now).await,
            Ok(2028)
        );
        let cloned = competition_setup::form(&db, &w.admin, Some(2028))
            .await
            .unwrap();
        assert_eq!(cloned.opens_at, "2028-03-01T09:00");
        assert_eq!(cloned.closes_at, "2028-08-20T23:59");
        assert_eq!(cloned.limits["problem"], "250");
        assert_eq!(cloned.criteria[2].weight, "3");
        assert_eq!(cloned.theme_sv, "Att förebygga återfall i brott");
        let page = publication::competition_page(&db, 2027, at(2027, 4, 1, 9, 0))
            .await
            .unwrap();
        assert_eq!(page.criteria.len(), 5);
        assert_eq!(page.criteria[2].weight, 3);
        assert_eq!(entry::Entity::find().count(&db).await.unwrap(), 0, "{name}");
    })
    .await;
}
