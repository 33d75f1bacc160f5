//! Taking the shortlist's advancement back: the chair's or the organiser's, with a reason, while
//! judging is open and no juror has saved a score. The round is in its shortlist round again
//! with every answer kept, and the jurors told. Services with an injected clock and the page as
//! plain forms over HTTP, on SQLite and PostgreSQL.

use crate::common::{audited, location, on_each_backend, page_text};
use crate::jury::{jury, sheet};
use crate::people::signed_in;
use crate::shortlist::{answers, shortlist_served, with_shortlist};
use app::backend::entities::{audit_log, mail_outbox};
use app::backend::jury as judging;
use app::error::{AppError, Conflict, FieldError, Problem};
use app::model::{AdvanceForm, RoundRef};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_takes_an_advancement_back_until_a_juror_saves_a_score() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let [e0, e1, e2, _] = j.entries[..] else {
            panic!("four entries")
        };
        with_shortlist(&db, &j, crate::common::at(2027, 8, 1, 9, 0)).await;
        let now = j.judging + Duration::days(1);
        let r = RoundRef::from(j.year);
        let given = [(e0, "5"), (e1, "4"), (e2, "3")];
        for juror in [&j.chair, &j.j2] {
            judging::save_answers(&db, juror, r, answers(&given), now)
                .await
                .unwrap();
        }
        let take_back = |by, reason: &'static str| {
            judging::take_back_advance(&db, by, r, reason, now, "http://x")
        };
        assert_eq!(
            take_back(&j.chair, "Fel").await,
            Err(AppError::Conflict(Conflict::NotAdvanced)),
            "{name}: nothing advanced yet"
        );
        let chosen = |ids: Vec<i32>, reason: &str| AdvanceForm {
            how: "chosen".into(),
            top: String::new(),
            chosen: ids,
            reason: reason.into(),
        };
        judging::advance(
            &db,
            &j.chair,
            r,
            chosen(vec![e1, e0], "De två främsta"),
            now,
            "x",
        )
        .await
        .unwrap();

        // Whoever may take it back is told so; a juror is not.
        let view = |by| judging::shortlist_view(&db, by, r, now);
        assert_eq!(
            view(&j.chair).await.unwrap().take_back,
            Some(true),
            "{name}"
        );
        assert_eq!(
            view(&j.admin).await.unwrap().take_back,
            Some(true),
            "{name}"
        );
        assert_eq!(view(&j.j2).await.unwrap().take_back, None, "{name}");
        assert_eq!(
            take_back(&j.j2, "Fel").await,
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            take_back(&j.chair, "  ").await,
            Err(AppError::Invalid(vec![FieldError::new(
                "reason",
                Problem::Required
            )])),
            "{name}"
        );
        let long: &'static str = "ord ".repeat(2_000).leak();
        assert_eq!(
            take_back(&j.chair, long).await,
            Err(AppError::Invalid(vec![FieldError::new(
                "reason",
                Problem::TooLong
            )])),
            "{name}"
        );
        assert_eq!(
            judging::take_back_advance(&db, &j.chair, r, "Fel", j.deliberation, "http://x").await,
            Err(AppError::Conflict(Conflict::JudgingClosed)),
            "{name}: not after judging"
        );
        take_back(&j.chair, "Fel urval: Projekt 2 ska också med.")
            .await
            .unwrap();

        // The shortlist round again, every answer as it was; nothing is scored.
        let again = view(&j.j2).await.unwrap();
        assert!(again.open && again.advanced.is_none(), "{name}");
        let kept: Vec<Option<i32>> = again.mine.iter().map(|c| c.answer).collect();
        assert_eq!(kept, vec![Some(5), Some(4), Some(3), None], "{name}");
        let chair = view(&j.chair).await.unwrap();
        assert!(chair.may_advance && chair.take_back.is_none(), "{name}");
        assert_eq!(
            judging::save_sheet(&db, &j.j2, e0, 0, sheet([3; 5], ""), false, now).await,
            Err(AppError::Conflict(Conflict::ShortlistFirst)),
            "{name}"
        );
        assert_eq!(
            take_back(&j.chair, "Igen").await,
            Err(AppError::Conflict(Conflict::NotAdvanced)),
            "{name}: once"
        );

        // Audited with what was advanced, and each juror told, with the reason and the link.
        let line = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("jury.shortlist_take_back"))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(line.len(), 1, "{name}");
        let detail: serde_json::Value = serde_json::from_str(&line[0].detail).unwrap();
        assert_eq!(
            detail,
            serde_json::json!({
                "reason": "Fel urval: Projekt 2 ska också med.",
                "was": { "entries": [e0, e1], "top": null, "reason": "De två främsta" },
            }),
            "{name}"
        );
        let told = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Template.eq("shortlist_taken_back"))
            .order_by_asc(mail_outbox::Column::ToAddress)
            .all(&db)
            .await
            .unwrap();
        let to: Vec<&str> = told.iter().map(|m| m.to_address.as_str()).collect();
        assert_eq!(to, ["chair@bra.se", "j2@bra.se", "j3@bra.se"], "{name}");
        assert!(
            told.iter().all(|m| m
                .body_text
                .contains("Motivering: Fel urval: Projekt 2 ska också med.")
                && m.body_text.contains("http://x/jury/2027/shortlist")
                && m.subject.contains("taget tillbaka")),
            "{name}: {}",
            told[0].body_text
        );

        // Advanced anew; once a juror has saved a score, even a draft, it stands.
        judging::advance(&db, &j.chair, r, chosen(vec![e0, e1, e2], "Tre"), now, "x")
            .await
            .unwrap();
        judging::save_sheet(&db, &j.j3, e2, 0, sheet([3; 5], ""), false, now)
            .await
            .unwrap();
        assert_eq!(
            view(&j.chair).await.unwrap().take_back,
            Some(false),
            "{name}"
        );
        assert_eq!(
            take_back(&j.chair, "Fel").await,
            Err(AppError::Conflict(Conflict::ScoringBegun)),
            "{name}"
        );
        let stands = view(&j.chair).await.unwrap().advanced.unwrap();
        assert_eq!(stands.reason, "Tre", "{name}");
        assert_eq!(
            audited(
                &db,
                audit_log::Column::Action.eq("jury.shortlist_take_back")
            )
            .await,
            1,
            "{name}: nothing more recorded"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_advancement_is_taken_back_as_a_plain_form_in_both_languages() {
    on_each_backend(|db, name| async move {
        let (j, s, now) = shortlist_served(&db).await;
        let page = format!("/jury/{}/shortlist", j.year);
        let year = j.year.to_string();
        let chair = signed_in(&s, "chair@bra.se").await;
        let post = |path: &'static str, page: String, fields: Vec<(&'static str, String)>| {
            let (s, chair) = (&s, &chair);
            async move {
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                location(&s.form_post(chair, path, &page, &fields).await)
            }
        };
        // The first entry advances, as the chair's form posts it.
        let advance = || {
            let fields = vec![
                ("year", year.clone()),
                ("how", "chosen".into()),
                ("chosen[0]", j.entries[0].to_string()),
                ("reason", "Klart främst".into()),
            ];
            post("/api/advance_shortlist", page.clone(), fields)
        };
        let back = advance().await;
        assert!(!back.contains("__err"), "{name}: {back}");
        let text = page_text(&chair, back).await;
        assert!(
            text.contains("<h2 id=\"take-back-heading\">Ta tillbaka valet</h2>")
                && text.contains("Ingen i juryn har sparat poäng ännu"),
            "{name}: {text}"
        );
        let en = page_text(&chair, format!("{}/en{page}", s.base)).await;
        assert!(en.contains("Take the choice back"), "{name}");

        // Without a reason: refused, in words, and nothing changes.
        let back = post(
            "/api/take_back_shortlist",
            page.clone(),
            vec![("year", year.clone()), ("reason", String::new())],
        )
        .await;
        assert!(back.contains("__err"), "{name}: {back}");
        let text = page_text(&chair, back).await;
        assert!(text.contains("Fyll i fältet."), "{name}: {text}");
        let r = RoundRef::from(j.year);
        let v = judging::shortlist_view(&db, &j.chair, r, now)
            .await
            .unwrap();
        assert!(v.advanced.is_some(), "{name}");

        // With one, in English: back to the page, which offers the advancement again.
        let back = post(
            "/api/take_back_shortlist",
            format!("/en{page}"),
            vec![("year", year.clone()), ("reason", "Wrong number".into())],
        )
        .await;
        assert!(!back.contains("__err"), "{name}: {back}");
        let en = page_text(&chair, back).await;
        assert!(
            en.contains("The choice is taken back. Judging is in the shortlist round again.")
                && en.contains("Advance the entries")
                && !en.contains("take-back-heading"),
            "{name}: {en}"
        );

        // Sent again from a page opened before: refused, and said so in words.
        let back = post(
            "/api/take_back_shortlist",
            page.clone(),
            vec![("year", year.clone()), ("reason", "Igen".into())],
        )
        .await;
        assert!(back.contains("__err"), "{name}: {back}");
        let text = page_text(&chair, back).await;
        assert!(
            text.contains("Kortlistan är inte avgjord, så det finns inget val att ta tillbaka."),
            "{name}: {text}"
        );

        // Advanced again and a score saved: the page says why it can no longer be taken back.
        let back = advance().await;
        assert!(!back.contains("__err"), "{name}: {back}");
        judging::save_sheet(&db, &j.j2, j.entries[0], 0, sheet([4; 5], ""), false, now)
            .await
            .unwrap();
        let text = page_text(&chair, format!("{}{page}", s.base)).await;
        assert!(
            text.contains("Valet kan inte längre tas tillbaka")
                && !text.contains("take-back-heading"),
            "{name}: {text}"
        );
    })
    .await;
}

/// How many of this database's sessions wait for a lock, in all and on the session `pid`.
async fn waiting(db: &sea_orm::DatabaseConnection, pid: i32) -> (i64, i64) {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let sql = format!(
        "SELECT count(*) AS all_of, count(*) FILTER (WHERE {pid} = ANY(pg_blocking_pids(pid))) \
         AS on_pid FROM pg_stat_activity \
         WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0"
    );
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap()
        .expect("a row");
    (
        row.try_get("", "all_of").unwrap(),
        row.try_get("", "on_pid").unwrap(),
    )
}

/// Waits until `reached` holds of what [`waiting`] says, or `done` has finished; a minute
/// without either fails the test with `what`.
async fn until_waiting(
    db: &sea_orm::DatabaseConnection,
    pid: i32,
    reached: impl Fn((i64, i64)) -> bool,
    done: &Task,
    what: &str,
) {
    for _ in 0..6_000 {
        if done.is_finished() || reached(waiting(db, pid).await) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("{what}: {:?}", waiting(db, pid).await);
}

/// A session that holds a lock on the score sheets' table, in `mode`, until it is committed;
/// with its process id.
async fn holding(
    db: &sea_orm::DatabaseConnection,
    mode: &str,
) -> (sea_orm::DatabaseTransaction, i32) {
    use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
    let hold = db.begin().await.unwrap();
    hold.execute_unprepared(&format!("LOCK TABLE score_sheet IN {mode} MODE"))
        .await
        .unwrap();
    let row = hold
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_backend_pid() AS pid",
        ))
        .await
        .unwrap()
        .expect("a row");
    (hold, row.try_get("", "pid").unwrap())
}

type Task = tokio::task::JoinHandle<Result<(), AppError>>;

/// Runs two services in a forced order on PostgreSQL: a session holds the score sheets' table
/// in `mode`; `first` starts and waits on that session, then `second` starts and waits behind
/// `first` (`what` names each wait); then the session lets go. Answers what each came to.
async fn one_after_the_other(
    db: &sea_orm::DatabaseConnection,
    mode: &str,
    first: impl FnOnce() -> Task,
    second: impl FnOnce() -> Task,
    what: [&str; 2],
) -> (Result<(), AppError>, Result<(), AppError>) {
    let (hold, pid) = holding(db, mode).await;
    let first = first();
    until_waiting(db, pid, |w| w == (1, 1), &first, what[0]).await;
    let second = second();
    until_waiting(db, pid, |w| w == (2, 1), &second, what[1]).await;
    hold.commit().await.unwrap();
    (first.await.unwrap(), second.await.unwrap())
}

/// On PostgreSQL a sheet and a take-back can run at the same moment (SQLite's write
/// transactions are one at a time). Each order is forced by a session that holds the score
/// sheets' table: a sheet being saved keeps the advancement, and the take-back that waited on
/// it is refused; a sheet saved once the take-back has the row is refused, and kept for the
/// juror. No sheet is left hidden behind a shortlist round.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sheet_saved_during_a_take_back_either_keeps_the_advancement_or_is_refused_and_kept() {
    let Some(url) = crate::common::postgres_url() else {
        return;
    };
    let b = crate::common::postgres(&url).await;
    let db = b.db.clone();
    let j = jury(&db).await;
    let [e0, e1, ..] = j.entries[..] else {
        panic!("four entries")
    };
    with_shortlist(&db, &j, crate::common::at(2027, 8, 1, 9, 0)).await;
    let now = j.judging + Duration::days(1);
    let r = RoundRef::from(j.year);
    let advance = || {
        let form = AdvanceForm {
            how: "chosen".into(),
            top: String::new(),
            chosen: vec![e0, e1],
            reason: "De två".into(),
        };
        judging::advance(&db, &j.chair, r, form, now, "x")
    };
    let spawn_save = || {
        let (db, juror) = (db.clone(), j.j2.clone());
        tokio::spawn(async move {
            judging::save_sheet(&db, &juror, e0, 0, sheet([3; 5], ""), false, now)
                .await
                .map(|_| ())
        })
    };
    let spawn_take_back = || {
        let (db, chair) = (db.clone(), j.chair.clone());
        tokio::spawn(async move {
            judging::take_back_advance(&db, &chair, r, "Fel", now, "http://x").await
        })
    };
    let sheets = || async {
        use app::backend::entities::score_sheet;
        use sea_orm::PaginatorTrait;
        score_sheet::Entity::find().count(&db).await.unwrap()
    };

    // The take-back first: it has deleted the row and waits to count the sheets; the sheet
    // waits for the row.
    advance().await.unwrap();
    let (take_back, save) = one_after_the_other(
        &db,
        "ACCESS EXCLUSIVE",
        spawn_take_back,
        spawn_save,
        ["take-back at the count", "sheet behind the take-back"],
    )
    .await;
    assert_eq!(take_back, Ok(()));
    assert_eq!(save, Err(AppError::Conflict(Conflict::ShortlistFirst)));
    assert_eq!(sheets().await, 0);
    let kept = judging::unsaved_sheet(&db, &j.j2, e0).await.unwrap();
    assert_eq!(kept.sheet.scores[0].score, "3", "the juror's sheet is kept");
    judging::discard_unsaved_sheet(&db, &j.j2, e0)
        .await
        .unwrap();

    // The sheet first: it holds the advancement and waits to be written; the take-back waits
    // for it, then finds it.
    advance().await.unwrap();
    let (save, take_back) = one_after_the_other(
        &db,
        "SHARE ROW EXCLUSIVE",
        spawn_save,
        spawn_take_back,
        ["sheet at its write", "take-back behind"],
    )
    .await;
    assert_eq!(save, Ok(()));
    assert_eq!(take_back, Err(AppError::Conflict(Conflict::ScoringBegun)));
    assert_eq!(sheets().await, 1);
    let stands = judging::shortlist_view(&db, &j.chair, r, now)
        .await
        .unwrap();
    assert!(stands.advanced.is_some(), "the advancement stands");
    b.finish().await;
}
