//! Who may read and score which entry (`jury::JuryAccess`, the one owner of that rule), as the
//! views, the download, the reminders and the feedback all see it: an entry left without
//! jurors, a juror unassigned after scoring, a conflict declared after scoring; and the chair,
//! who leads the discussion of entries outside their panel. On SQLite and PostgreSQL, the
//! download and the discussion over HTTP.

use crate::common::{TestServer, on_each_backend};
use crate::jury::{Jury, jury, score, sheet};
use crate::matrix::upload_pdf;
use crate::people::signed_in;
use app::backend::{feedback, jury, jury_setup};
use app::error::{AppError, Conflict};
use app::model::Hidden;
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;

/// The organiser unassigns `juror` from `entry` by hand.
async fn unassign(db: &DatabaseConnection, j: &Jury, entry: i32, juror: i32) {
    let now = j.judging + Duration::days(1);
    jury_setup::set_assignment(db, &j.admin, entry, juror, false, now)
        .await
        .unwrap();
}

/// What the organiser's jury page says `juror` has left.
async fn left(db: &DatabaseConnection, j: &Jury, juror: i32) -> Option<usize> {
    let now = j.judging + Duration::days(1);
    jury_setup::overview(db, &j.admin, j.year, now)
        .await
        .unwrap()
        .members
        .iter()
        .find(|m| m.user_id == juror)
        .and_then(|m| m.remaining)
}

/// How many jurors' sheets count for `entry` in the ranking, once judging has closed.
async fn counted(db: &DatabaseConnection, j: &Jury, entry: i32) -> usize {
    jury::ranking_view(db, &j.admin, j.year, j.deliberation)
        .await
        .unwrap()
        .rows
        .iter()
        .find(|r| r.entry_id == entry)
        .map(|r| r.jurors)
        .unwrap_or(0)
}

/// The names of the other jurors whose sheets `who` sees on `entry`.
async fn others_seen(
    db: &DatabaseConnection,
    who: &app::backend::accounts::Actor,
    entry: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<String> {
    jury::scoring_view(db, who, entry, now)
        .await
        .unwrap()
        .others
        .unwrap()
        .into_iter()
        .map(|o| o.juror)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_left_without_jurors_is_nobodys_to_open_score_or_download() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let (lonely, other) = (j.entries[0], j.entries[1]);
        let s = TestServer::start(db.clone(), now).await;
        let open = j.judging - Duration::days(30);
        let att = upload_pdf(&db, &j.applicant, s.uploads.path(), lonely, "r.pdf", open)
            .await
            .id;
        // The organiser removes every juror from the first entry by hand; the others keep
        // theirs.
        for juror in [&j.chair, &j.j2, &j.j3] {
            unassign(&db, &j, lonely, juror.user_id).await;
        }
        for juror in [&j.chair, &j.j2, &j.j3] {
            assert_eq!(
                jury::scoring_view(&db, juror, lonely, now).await.err(),
                Some(AppError::NotFound),
                "{name}"
            );
            assert_eq!(
                jury::save_sheet(&db, juror, lonely, 0, sheet([3; 5], ""), true, now).await,
                Err(AppError::NotFound),
                "{name}"
            );
            assert!(!jury::may_read_as_juror(&db, juror, lonely).await.unwrap());
            assert!(jury::may_read_as_juror(&db, juror, other).await.unwrap());
            let home = jury::juror_home(&db, juror, j.year, now).await.unwrap();
            assert!(home.entries.iter().all(|e| e.entry_id != lonely), "{name}");
            assert_eq!(home.entries.len(), 3, "{name}");
            assert_eq!(left(&db, &j, juror.user_id).await, Some(3), "{name}");
        }
        let progress = jury::progress(&db, &j.admin, j.year).await.unwrap();
        let row = progress
            .entries
            .iter()
            .position(|(id, _)| *id == lonely)
            .unwrap();
        assert!(progress.cells[row].iter().all(Option::is_none), "{name}");

        // Nor its attachment, by address.
        let j2 = signed_in(&s, "j2@bra.se").await;
        let res = j2
            .get(format!("{}/attachments/{att}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 404, "{name}");
        // The organiser still reads it.
        let admin = signed_in(&s, "admin@bra.se").await;
        let res = admin
            .get(format!("{}/attachments/{att}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}");
    })
    .await;
}

/// The jury, its first entry scored by all three jurors a day into judging, and that day.
async fn scored_by_all_three(db: &DatabaseConnection) -> (Jury, i32, DateTime<Utc>) {
    let j = jury(db).await;
    let now = j.judging + Duration::days(1);
    let e = j.entries[0];
    score(db, &j.chair, e, [4; 5], "Ordförande", now).await;
    score(db, &j.j2, e, [1; 5], "Andra", now).await;
    score(db, &j.j3, e, [5; 5], "Tredje", now).await;
    (j, e, now)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_juror_unassigned_after_scoring_no_longer_counts_or_shows() {
    on_each_backend(|db, name| async move {
        let (j, e, now) = scored_by_all_three(&db).await;
        assert_eq!(counted(&db, &j, e).await, 3, "{name}");
        assert_eq!(others_seen(&db, &j.j3, e, now).await.len(), 2, "{name}");

        unassign(&db, &j, e, j.j2.user_id).await;
        assert_eq!(
            jury::scoring_view(&db, &j.j2, e, now).await.err(),
            Some(AppError::NotFound),
            "{name}"
        );
        let seen = others_seen(&db, &j.j3, e, now).await;
        assert_eq!(seen.len(), 1, "{name}: {seen:?}");
        assert!(seen.iter().all(|n| !n.contains("j2@")), "{name}: {seen:?}");
        assert_eq!(counted(&db, &j, e).await, 2, "{name}");
        let home = jury::juror_home(&db, &j.j2, j.year, now).await.unwrap();
        assert!(home.entries.iter().all(|x| x.entry_id != e), "{name}");
        // The scores export lists the sheet as unassigned, without its scores or comment.
        let j2_row = || async {
            let (_, rows) = jury_setup::export_scores(&db, &j.admin, j.year, now)
                .await
                .unwrap();
            let mut mine = rows.into_iter().filter(|r| r[2] == "Person j2@bra.se");
            let row = mine.next().expect("j2's sheet");
            assert!(mine.next().is_none());
            (row[3].clone(), row[5].clone(), row.last().cloned().unwrap())
        };
        assert_eq!(
            j2_row().await,
            ("unassigned".into(), String::new(), String::new()),
            "{name}"
        );
        // Assigned again, the sheet counts again: nothing was lost.
        jury_setup::set_assignment(&db, &j.admin, e, j.j2.user_id, true, now)
            .await
            .unwrap();
        assert_eq!(counted(&db, &j, e).await, 3, "{name}");
        assert_eq!(
            j2_row().await,
            ("submitted".into(), "1".into(), "Andra".into()),
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflict_declared_after_scoring_excludes_and_hides_the_sheet() {
    on_each_backend(|db, name| async move {
        let (j, e, now) = scored_by_all_three(&db).await;
        assert_eq!(left(&db, &j, j.j2.user_id).await, Some(3), "{name}");

        jury::declare_conflict(&db, &j.j2, e, j.j2.user_id, "Jäv", now)
            .await
            .unwrap();
        assert_eq!(
            jury::scoring_view(&db, &j.j2, e, now).await.err(),
            Some(AppError::Conflict(Conflict::Recused)),
            "{name}"
        );
        let seen = others_seen(&db, &j.j3, e, now).await;
        assert_eq!(seen.len(), 1, "{name}: {seen:?}");
        assert!(seen.iter().all(|n| !n.contains("j2@")), "{name}: {seen:?}");
        assert_eq!(counted(&db, &j, e).await, 2, "{name}");
        assert_eq!(left(&db, &j, j.j2.user_id).await, Some(3), "{name}");
        // The feedback chooses among the two counted sheets only.
        let draft = feedback::draft(&db, &j.admin, e, j.deliberation)
            .await
            .unwrap();
        let mut jurors: Vec<usize> = draft.candidates.iter().map(|c| c.juror).collect();
        jurors.dedup();
        assert_eq!(jurors, vec![1, 2], "{name}");
        assert!(
            draft.candidates.iter().all(|c| c.text != "Andra"),
            "{name}: the conflicted juror's words are not offered"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_leads_the_discussion_of_entries_outside_their_panel_once_judging_closes() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let (outside, aside) = (j.entries[0], j.entries[1]);
        // Panels: neither the chair nor j2 has the first two entries; the chair stands aside
        // from the second.
        for e in [outside, aside] {
            for juror in [&j.chair, &j.j2] {
                unassign(&db, &j, e, juror.user_id).await;
            }
        }
        jury::declare_conflict(&db, &j.admin, aside, j.chair.user_id, "Jäv", now)
            .await
            .unwrap();
        score(&db, &j.j3, outside, [3; 5], "", now).await;
        jury::add_note(&db, &j.j3, outside, "Uppföljningen saknar mått.", now)
            .await
            .unwrap();

        // While judging, the chair finds the thread but not its notes, as with the scores.
        let v = jury::discussion(&db, &j.chair, outside, now).await.unwrap();
        assert_eq!(v.notes, Err(Hidden::UntilJudgingCloses), "{name}");
        assert!(!v.may_post, "{name}");
        assert_eq!(
            jury::add_note(&db, &j.chair, outside, "Tidigt.", now).await,
            Err(AppError::Conflict(Conflict::NotYet))
        );
        // A juror of another panel still finds nothing; nor does the chair where they stand
        // aside.
        let closed = j.deliberation + Duration::hours(1);
        for at in [now, closed] {
            assert_eq!(
                jury::discussion(&db, &j.j2, outside, at).await,
                Err(AppError::NotFound),
                "{name}"
            );
            assert_eq!(
                jury::discussion(&db, &j.chair, aside, at).await,
                Err(AppError::Conflict(Conflict::Recused)),
                "{name}"
            );
        }

        // Once judging has closed, the chair reads it and writes in it, and comes back to the
        // ranking they lead from; over HTTP without scripts too.
        let v = jury::discussion(&db, &j.chair, outside, closed)
            .await
            .unwrap();
        let notes = v.notes.unwrap();
        assert_eq!(notes.len(), 1, "{name}");
        assert_eq!(notes[0].body, "Uppföljningen saknar mått.", "{name}");
        assert!(v.may_post, "{name}");
        assert_eq!(v.back, format!("/jury/{}/ranking", j.year), "{name}");
        let s = TestServer::start(db.clone(), closed).await;
        let chair = signed_in(&s, "chair@bra.se").await;
        let page = format!("/jury/discussion/{outside}");
        let (back, text) = s
            .submit(
                &chair,
                "/api/add_jury_note",
                &page,
                &[
                    ("entry_id", &outside.to_string()),
                    ("body", "Vi tar upp det på mötet."),
                ],
            )
            .await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Uppföljningen saknar mått.")
                && text.contains("Vi tar upp det på mötet."),
            "{name}: {text}"
        );
    })
    .await;
}
