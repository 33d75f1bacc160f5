//! The shortlist round before full scoring: the year's setting, the jurors' answers, the
//! chair's advancement, and full scoring of the advanced entries only, for every view that asks
//! the jury's access rule. Services with an injected clock and pages over HTTP, on SQLite and
//! PostgreSQL.

use std::collections::BTreeMap;

use crate::common::{TestServer, at, audited, location, on_each_backend, page_text};
use crate::jury::{Jury, jury, sheet};
use crate::people::signed_in;
use app::backend::entities::{audit_log, mail_outbox};
use app::backend::jury::{self as judging, DecisionInput};
use app::backend::public_changes::PublicChanges;
use app::backend::{competition_setup, jury_setup};
use app::error::{AppError, Conflict, FieldError, Problem};
use app::model::{AdvanceForm, RoundRef, ShortlistKind};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

pub(crate) fn answers(pairs: &[(i32, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(e, v)| (e.to_string(), v.to_string()))
        .collect()
}

/// The organiser gives the year a shortlist round of quick ratings, due 5 September at 09:00,
/// on the year's form; a date outside judging and an unknown kind are refused first.
pub(crate) async fn with_shortlist(db: &DatabaseConnection, j: &Jury, now: DateTime<Utc>) {
    let public = PublicChanges::default();
    let mut f = competition_setup::form(db, &j.admin, Some(j.year))
        .await
        .unwrap();
    assert_eq!(
        (f.shortlist.as_str(), f.shortlist_closes_at.as_str()),
        ("", "")
    );
    let save = |f: app::model::CompetitionForm| {
        let public = public.clone();
        async move { competition_setup::save(db, &public, &j.admin, Some(j.year), f, now).await }
    };
    f.shortlist = "rating".into();
    assert_eq!(
        save(f.clone()).await,
        Err(AppError::Invalid(vec![FieldError::new(
            "shortlist_closes_at",
            Problem::Required
        )]))
    );
    // Before judging starts (29 August), and after deliberation (20 September).
    for outside in ["2027-08-28T09:00", "2027-09-21T09:00"] {
        f.shortlist_closes_at = outside.into();
        assert_eq!(
            save(f.clone()).await,
            Err(AppError::Invalid(vec![FieldError::new(
                "shortlist_closes_at",
                Problem::OutOfOrder
            )])),
            "{outside}"
        );
    }
    f.shortlist = "thumbs".into();
    f.shortlist_closes_at = "2027-09-05T09:00".into();
    assert_eq!(
        save(f.clone()).await,
        Err(AppError::Invalid(vec![FieldError::new(
            "shortlist",
            Problem::InvalidChoice
        )]))
    );
    f.shortlist = "rating".into();
    save(f).await.unwrap();
    let f = competition_setup::form(db, &j.admin, Some(j.year))
        .await
        .unwrap();
    assert_eq!(
        (f.shortlist.as_str(), f.shortlist_closes_at.as_str()),
        ("rating", "2027-09-05T09:00")
    );
}

/// A jury whose year has a shortlist round, served over HTTP on the day after judging began:
/// the jury, the server and that day.
pub(crate) async fn shortlist_served(db: &DatabaseConnection) -> (Jury, TestServer, DateTime<Utc>) {
    let j = jury(db).await;
    with_shortlist(db, &j, at(2027, 8, 1, 9, 0)).await;
    let now = j.judging + Duration::days(1);
    let s = TestServer::start(db.clone(), now).await;
    (j, s, now)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shortlist_round_then_full_scoring_of_the_advanced_entries() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let [e0, e1, e2, e3] = j.entries[..] else {
            panic!("four entries")
        };
        with_shortlist(&db, &j, at(2027, 8, 1, 9, 0)).await;
        let now = j.judging + Duration::days(1);
        let r = RoundRef::from(j.year);

        // The shortlist round: the entries are read, not scored.
        assert_eq!(
            judging::save_sheet(&db, &j.j2, e0, 0, sheet([3; 5], ""), false, now).await,
            Err(AppError::Conflict(Conflict::ShortlistFirst)),
            "{name}"
        );
        let desk = judging::scoring_view(&db, &j.j2, e0, now).await.unwrap();
        assert!(desk.shortlisting && !desk.editable, "{name}");
        let home = judging::juror_home(&db, &j.j2, j.year, now).await.unwrap();
        assert_eq!((home.entries.len(), home.to_score), (4, 0), "{name}");
        let status = home.shortlist.unwrap();
        assert!(status.open && !status.advanced, "{name}");
        assert_eq!((status.answered, status.of), (0, 4), "{name}");
        let (_, pack) = judging::readable_entries(&db, &j.j2, r).await.unwrap();
        assert_eq!(pack.len(), 4, "{name}");

        // j3 stands aside from the last entry; the others answer on all four.
        judging::declare_conflict(&db, &j.j3, e3, j.j3.user_id, "Jäv", now)
            .await
            .unwrap();
        for (juror, given) in [
            (&j.chair, [(e0, "5"), (e1, "4"), (e2, "4"), (e3, "1")]),
            (&j.j2, [(e0, "4"), (e1, "3"), (e2, "3"), (e3, "")]),
        ] {
            judging::save_answers(&db, juror, r, answers(&given), now)
                .await
                .unwrap();
        }
        assert_eq!(
            judging::save_answers(&db, &j.j3, r, answers(&[(e3, "2")]), now).await,
            Err(AppError::Conflict(Conflict::Recused)),
            "{name}"
        );
        assert_eq!(
            judging::save_answers(&db, &j.j3, r, answers(&[(e0, "6"), (e1, "x")]), now).await,
            Err(AppError::Invalid(vec![
                FieldError {
                    field: format!("answers.{e0}"),
                    problem: Problem::InvalidChoice
                },
                FieldError {
                    field: format!("answers.{e1}"),
                    problem: Problem::InvalidChoice
                },
            ])),
            "{name}"
        );
        judging::save_answers(
            &db,
            &j.j3,
            r,
            answers(&[(e0, "5"), (e1, "3"), (e2, "3")]),
            now,
        )
        .await
        .unwrap();
        // One audit line per saving that changed something: j2's empty answer on e3 changed
        // nothing, and the refused ones saved nothing.
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("jury.shortlist_answer")).await,
            3,
            "{name}"
        );

        // With answers in, the year's form keeps the round and its kind; the date still moves.
        let mut f = competition_setup::form(&db, &j.admin, Some(j.year))
            .await
            .unwrap();
        let public = PublicChanges::default();
        for kind in ["vote", ""] {
            f.shortlist = kind.into();
            assert_eq!(
                competition_setup::save(&db, &public, &j.admin, Some(j.year), f.clone(), now).await,
                Err(AppError::Invalid(vec![FieldError::new(
                    "shortlist",
                    Problem::ShortlistStarted
                )])),
                "{name}: {kind}"
            );
        }
        f.shortlist = "rating".into();
        f.shortlist_closes_at = "2027-09-06T09:00".into();
        competition_setup::save(&db, &public, &j.admin, Some(j.year), f, now)
            .await
            .unwrap();

        // A juror sees their own answers only; the chair sees every entry's.
        let mine = judging::shortlist_view(&db, &j.j2, r, now).await.unwrap();
        assert_eq!(mine.kind, ShortlistKind::Rating);
        assert!(
            mine.open && mine.tally.is_none() && !mine.may_advance,
            "{name}"
        );
        let given: Vec<Option<i32>> = mine.mine.iter().map(|c| c.answer).collect();
        assert_eq!(given, vec![Some(4), Some(3), Some(3), None], "{name}");
        let chair = judging::shortlist_view(&db, &j.chair, r, now)
            .await
            .unwrap();
        assert!(chair.may_advance, "{name}");
        let tally: Vec<(i32, u32, bool, u32, u32)> = chair
            .tally
            .unwrap()
            .iter()
            .map(|l| (l.entry_id, l.rank, l.tied, l.answers, l.jurors))
            .collect();
        assert_eq!(
            tally,
            vec![
                (e0, 1, false, 3, 3),
                (e1, 2, true, 3, 3),
                (e2, 2, true, 3, 3),
                (e3, 4, false, 1, 2),
            ],
            "{name}"
        );

        // Advancing: the chair's, with a reason, and not across a tie.
        let advance = |how: &str, top: &str, chosen: Vec<i32>, reason: &str| AdvanceForm {
            how: how.into(),
            top: top.into(),
            chosen,
            reason: reason.into(),
        };
        let try_advance = |by, form| judging::advance(&db, by, r, form, now, "http://x");
        assert_eq!(
            try_advance(&j.j2, advance("top", "1", vec![], "Bäst")).await,
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            try_advance(&j.chair, advance("top", "2", vec![], "Bäst")).await,
            Err(AppError::Invalid(vec![FieldError::new(
                "top",
                Problem::TiedAtCut
            )])),
            "{name}"
        );
        assert_eq!(
            try_advance(&j.chair, advance("top", "5", vec![], "")).await,
            Err(AppError::Invalid(vec![
                FieldError::new("reason", Problem::Required),
                FieldError::new("top", Problem::OutOfRange),
            ])),
            "{name}"
        );
        assert_eq!(
            try_advance(&j.chair, advance("chosen", "", vec![], "Bäst")).await,
            Err(AppError::Invalid(vec![FieldError::new(
                "chosen",
                Problem::Required
            )])),
            "{name}"
        );
        let reason = "De två starkaste enligt kortlistan och juryns samtal";
        try_advance(&j.chair, advance("chosen", "", vec![e1, e0], reason))
            .await
            .unwrap();
        assert_eq!(
            try_advance(&j.chair, advance("top", "1", vec![], "Igen")).await,
            Err(AppError::Conflict(Conflict::AlreadyAdvanced)),
            "{name}"
        );
        // Each juror is told once, with the advanced entries they score (both, for all three).
        let told = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Template.eq("shortlist_advanced"))
            .all(&db)
            .await
            .unwrap();
        let mut to: Vec<&str> = told.iter().map(|m| m.to_address.as_str()).collect();
        to.sort();
        assert_eq!(to, ["chair@bra.se", "j2@bra.se", "j3@bra.se"], "{name}");
        assert!(
            told.iter()
                .all(|m| m.body_text.contains("Du har 2 av dem att bedöma")
                    && m.body_text.contains("http://x/jury/2027")),
            "{name}: {}",
            told[0].body_text
        );
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("jury.shortlist_advance")).await,
            1,
            "{name}"
        );
        assert_eq!(
            judging::save_answers(&db, &j.j2, r, answers(&[(e2, "5")]), now).await,
            Err(AppError::Conflict(Conflict::ShortlistClosed)),
            "{name}"
        );
        let decided = judging::shortlist_view(&db, &j.j2, r, now).await.unwrap();
        let a = decided.advanced.unwrap();
        assert_eq!(
            (a.titles, a.top, a.reason.as_str(), a.by.as_str()),
            (
                vec!["Projekt 0".to_string(), "Projekt 1".to_string()],
                None,
                reason,
                "Person chair@bra.se"
            ),
            "{name}"
        );
        assert!(decided.mine.is_empty() && !decided.open, "{name}");

        // Full scoring covers the advanced entries only.
        assert_eq!(
            judging::scoring_view(&db, &j.j2, e2, now)
                .await
                .unwrap_err(),
            AppError::NotFound,
            "{name}"
        );
        assert!(!judging::may_read_as_juror(&db, &j.j2, e2).await.unwrap());
        let desk = judging::scoring_view(&db, &j.j2, e0, now).await.unwrap();
        assert!(desk.editable && !desk.shortlisting, "{name}");
        let home = judging::juror_home(&db, &j.j3, j.year, now).await.unwrap();
        let listed: Vec<i32> = home.entries.iter().map(|e| e.entry_id).collect();
        assert_eq!((listed, home.to_score), (vec![e0, e1], 2), "{name}");
        assert!(home.shortlist.unwrap().advanced, "{name}");
        let (_, pack) = judging::readable_entries(&db, &j.j2, r).await.unwrap();
        assert_eq!(pack.iter().map(|e| e.id).collect::<Vec<_>>(), vec![e0, e1]);
        let progress = judging::progress(&db, &j.chair, r).await.unwrap();
        assert_eq!(progress.entries.len(), 2, "{name}");
        for juror in [&j.chair, &j.j2, &j.j3] {
            for e in [e0, e1] {
                judging::save_sheet(&db, juror, e, 0, sheet([4; 5], ""), true, now)
                    .await
                    .unwrap();
            }
        }
        let ranking = judging::ranking_view(&db, &j.admin, r, now).await.unwrap();
        let ranked: Vec<i32> = ranking.rows.iter().map(|x| x.entry_id).collect();
        assert_eq!(ranked.len(), 2, "{name}");
        assert!(ranked.contains(&e0) && ranked.contains(&e1), "{name}");

        // The decision names an advanced entry only.
        let decision = |winner| DecisionInput {
            winner,
            motivation_sv: "Motivering".into(),
            tie_reason: "Lika".into(),
            ..Default::default()
        };
        let public = PublicChanges::default();
        assert_eq!(
            judging::decide(&db, &public, &j.chair, r, decision(e2), j.deliberation).await,
            Err(AppError::Invalid(vec![FieldError::new(
                "winner",
                Problem::InvalidChoice
            )])),
            "{name}"
        );
        judging::decide(&db, &public, &j.chair, r, decision(e0), j.deliberation)
            .await
            .unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shortlist_reminds_jurors_with_answers_left_before_its_date() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        with_shortlist(&db, &j, at(2027, 8, 1, 9, 0)).await;
        let r = RoundRef::from(j.year);
        let due = at(2027, 9, 5, 9, 0);
        let all: Vec<(i32, &str)> = j.entries.iter().map(|e| (*e, "3")).collect();
        judging::save_answers(&db, &j.j2, r, answers(&all), j.judging)
            .await
            .unwrap();
        judging::save_answers(&db, &j.j3, r, answers(&all[..1]), j.judging)
            .await
            .unwrap();
        let conn = &db;
        let outbox = |template: &'static str| async move {
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Template.eq(template))
                .all(conn)
                .await
                .unwrap()
        };
        let three = due - Duration::days(3);
        let send = |now| async move {
            jury_setup::send_reminders(conn, now, "http://x")
                .await
                .unwrap()
        };
        // None before three days ahead; then the chair (four left) and j3 (three left), once:
        // j2 has answered on all.
        let counts = [
            send(three - Duration::hours(1)).await,
            send(three).await,
            send(three).await,
        ];
        assert_eq!(counts, [0, 2, 0], "{name}");
        let mails = outbox("shortlist_reminder").await;
        let j3 = mails.iter().find(|m| m.to_address == "j3@bra.se").unwrap();
        assert!(j3.subject.contains("kortlistan"), "{name}: {}", j3.subject);
        assert!(
            j3.body_text.contains("svarat på 3 bidrag")
                && j3.body_text.contains("http://x/jury/2027/shortlist"),
            "{name}: {}",
            j3.body_text
        );
        assert!(mails.iter().all(|m| m.to_address != "j2@bra.se"), "{name}");
        // No sheet reminders while the entries are not to be scored yet.
        assert!(outbox("jury_reminder").await.is_empty(), "{name}");
        // After the shortlist's date, none.
        assert_eq!(send(due).await, 0, "{name}");
        assert_eq!(outbox("shortlist_reminder").await.len(), 2, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shortlist_pages_work_without_scripts_in_both_languages() {
    on_each_backend(|db, name| async move {
        let (j, s, now) = shortlist_served(&db).await;
        let page = format!("/jury/{}/shortlist", j.year);
        let year = j.year.to_string();
        let j2 = signed_in(&s, "j2@bra.se").await;

        // The juror's list points to the shortlist; the page has a radio group per entry.
        let home = page_text(&j2, format!("{}/jury/{year}", s.base)).await;
        assert!(
            home.contains("Bedömningen börjar med en kortlisteomgång")
                && home.contains(&format!("href=\"{page}\"")),
            "{name}: {home}"
        );
        let text = page_text(&j2, format!("{}{page}", s.base)).await;
        let e0 = j.entries[0];
        for part in [
            "<h1>Kortlista 2027</h1>".to_string(),
            format!("name=\"answers[{e0}]\" value=\"5\""),
            "Inget svar ännu".into(),
            "Du har svarat på 0 av 4 bidrag.".into(),
        ] {
            assert!(text.contains(&part), "{name}: {part}: {text}");
        }
        assert!(
            !text.contains("Juryns svar"),
            "{name}: no tally for a juror"
        );

        // Answered as a form posts it: back to the page, which keeps the answer.
        let field = format!("answers[{e0}]");
        let back = location(
            &s.form_post(
                &j2,
                "/api/save_shortlist_answers",
                &page,
                &[("year", &year), (&field, "4")],
            )
            .await,
        );
        assert!(!back.contains("__err"), "{name}: {back}");
        let text = page_text(&j2, back).await;
        assert!(text.contains("Dina svar är sparade."), "{name}");
        assert!(text.contains("Du har svarat på 1 av 4 bidrag."), "{name}");
        // Changed: the one answer is replaced, not added to.
        s.form_post(
            &j2,
            "/api/save_shortlist_answers",
            &page,
            &[("year", &year), (&field, "2")],
        )
        .await;
        let r = app::model::RoundRef::from(j.year);
        let mine = judging::shortlist_view(&db, &j.j2, r, now)
            .await
            .unwrap()
            .mine;
        assert_eq!(mine[0].answer, Some(2), "{name}");
        assert_eq!(
            mine.iter().filter(|c| c.answer.is_some()).count(),
            1,
            "{name}"
        );
        // A refused answer comes back in words.
        let back = location(
            &s.form_post(
                &j2,
                "/api/save_shortlist_answers",
                &page,
                &[("year", &year), (&field, "9")],
            )
            .await,
        );
        assert!(back.contains("__err"), "{name}: {back}");
        let text = page_text(&j2, back).await;
        assert!(text.contains("Välj ett av alternativen"), "{name}: {text}");

        // The chair sees the tally and advances the top entry, in English here.
        let chair = signed_in(&s, "chair@bra.se").await;
        let en = page_text(&chair, format!("{}/en{page}", s.base)).await;
        for part in [
            "<h1>Shortlist 2027</h1>",
            "Mean rating",
            "Advance the entries",
        ] {
            assert!(en.contains(part), "{name}: {part}");
        }
        let back = location(
            &s.form_post(
                &chair,
                "/api/advance_shortlist",
                &format!("/en{page}"),
                &[
                    ("year", &year),
                    ("how", "top"),
                    ("top", "1"),
                    ("reason", "Clearly first"),
                ],
            )
            .await,
        );
        assert!(!back.contains("__err"), "{name}: {back}");
        let en = page_text(&chair, back).await;
        assert!(
            en.contains("The entries have advanced to full scoring.")
                && en.contains("The top 1 advanced.")
                && en.contains("Clearly first"),
            "{name}: {en}"
        );
        // The organiser reads the page too; an applicant does not.
        let admin = signed_in(&s, "admin@bra.se").await;
        let text = page_text(&admin, format!("{}{page}", s.base)).await;
        assert!(text.contains("Kortlistan är avgjord"), "{name}");
        // The year's jury page leads to it, for a year with a shortlist round.
        let jury_admin = page_text(&admin, format!("{}/admin/competitions/{year}/jury", s.base))
            .await
            .replace("<!>", "");
        assert!(
            jury_admin.contains(&format!(
                "<a href=\"/jury/{year}/shortlist\">Kortlistan</a>"
            )),
            "{name}: {jury_admin}"
        );
        let applicant = signed_in(&s, "app0@example.se").await;
        let res = applicant
            .get(format!("{}/api/shortlist?year={year}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 404, "{name}");
    })
    .await;
}

/// For the authorisation matrix: the year has a vote shortlist round, which the chair has
/// advanced with every entry, so full scoring stands as without one.
pub(crate) async fn advanced_with_every_entry(
    db: &DatabaseConnection,
    j: &Jury,
    now: DateTime<Utc>,
) {
    use sea_orm::Set;
    j.change_round(db, |c| {
        c.shortlist_kind = Set(Some("vote".into()));
        c.shortlist_closes_at = Set(Some(at(2027, 9, 5, 9, 0)));
    })
    .await;
    let every = AdvanceForm {
        how: "top".into(),
        top: j.entries.len().to_string(),
        chosen: vec![],
        reason: "Alla går vidare".into(),
    };
    judging::advance(db, &j.chair, RoundRef::from(j.year), every, now, "x")
        .await
        .unwrap();
}
