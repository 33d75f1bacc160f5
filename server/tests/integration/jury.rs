//! Judging: service tests with an injected clock, on SQLite and PostgreSQL.

use crate::common::{at, audited, on_each_backend, unwatched};
use crate::entries::complete;
use crate::people::person;
use app::backend::accounts::{self, Actor};
use app::backend::entities::{audit_log, award, competition, entry};
use app::backend::entries::applicant;
use app::backend::jury::{self, DecisionInput};
use app::error::{AppError, Conflict, Problem};
use app::model::{CriterionScore, Hidden, Phase, Role, SheetForm, SheetStatus};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

pub(crate) const KEYS: [&str; 5] = [
    "theme",
    "effect",
    "innovation",
    "cooperation",
    "replicability",
];

pub(crate) async fn actor(db: &DatabaseConnection, user_id: i32) -> Actor {
    accounts::session_actor(db, user_id, at(2030, 1, 1, 0, 0).timestamp(), false)
        .await
        .unwrap()
        .unwrap()
}

pub(crate) fn sheet(scores: [i32; 5], comment: &str) -> SheetForm {
    SheetForm {
        scores: KEYS
            .iter()
            .zip(scores)
            .map(|(k, s)| CriterionScore {
                key: k.to_string(),
                score: s.to_string(),
                comment: format!("{k}: {s}"),
            })
            .collect(),
        overall_comment: comment.into(),
    }
}

/// A juror scores an entry they have not scored before and submits the sheet.
pub(crate) async fn score(
    db: &DatabaseConnection,
    juror: &Actor,
    entry: i32,
    scores: [i32; 5],
    comment: &str,
    now: DateTime<Utc>,
) {
    jury::save_sheet(db, juror, entry, 0, sheet(scores, comment), true, now)
        .await
        .unwrap();
}

pub(crate) struct Jury {
    pub(crate) year: i32,
    /// The year's round (`competition.id`).
    pub(crate) round: i32,
    pub(crate) judging: DateTime<Utc>,
    pub(crate) deliberation: DateTime<Utc>,
    pub(crate) entries: Vec<i32>,
    pub(crate) chair: Actor,
    pub(crate) j2: Actor,
    pub(crate) j3: Actor,
    pub(crate) admin: Actor,
    pub(crate) applicant: Actor,
}

/// For the authorisation tests: j3 declares a conflict on the first entry, and the admin invites
/// a new juror. Returns that invitation's id.
pub(crate) async fn conflict_and_jury_invitation(
    db: &DatabaseConnection,
    j: &Jury,
    now: DateTime<Utc>,
) -> String {
    jury::declare_conflict(db, &j.j3, j.entries[0], j.j3.user_id, "Jäv", now)
        .await
        .unwrap();
    app::backend::jury_setup::invite(db, &j.admin, j.year, "ny@bra.se", now, "http://x")
        .await
        .unwrap();
    app::backend::jury_setup::overview(db, &j.admin, j.year, now)
        .await
        .unwrap()
        .invitations[0]
        .id
        .to_string()
}

/// A year with four submitted entries, judged by a chair and two jurors.
impl Jury {
    /// The year's round as it is stored now.
    pub(crate) async fn stored_round(&self, db: &DatabaseConnection) -> competition::Model {
        competition::Entity::find_by_id(self.round)
            .one(db)
            .await
            .unwrap()
            .unwrap()
    }

    /// Changes the year's round as `change` says, and stores it.
    pub(crate) async fn change_round(
        &self,
        db: &DatabaseConnection,
        change: impl FnOnce(&mut competition::ActiveModel),
    ) {
        let mut c: competition::ActiveModel = self.stored_round(db).await.into();
        change(&mut c);
        c.update(db).await.unwrap();
    }
}

pub(crate) async fn jury(db: &DatabaseConnection) -> Jury {
    let closes = at(2027, 8, 20, 23, 59);
    let judging = at(2027, 8, 29, 9, 0);
    let deliberation = at(2027, 9, 20, 9, 0);
    let round = competition::ActiveModel {
        year: Set(2027),
        theme_sv: Set("Återfall".into()),
        description_sv: Set("Text".into()),
        opens_at: Set(Some(at(2027, 3, 1, 9, 0))),
        closes_at: Set(Some(closes)),
        judging_at: Set(Some(judging)),
        deliberation_at: Set(Some(deliberation)),
        published_at: Set(Some(at(2027, 11, 1, 9, 0))),
        created_at: Set(at(2027, 1, 1, 9, 0)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let open = at(2027, 5, 1, 9, 0);
    let mut entries = Vec::new();
    let mut applicant_actor = None;
    for (i, org) in ["Mora kommun", "Orsa kommun", "Polisen", "Barnafrid"]
        .iter()
        .enumerate()
    {
        let id = person(
            db,
            &format!("app{i}@example.se"),
            Some(org),
            &[Role::Applicant],
        )
        .await;
        let a = actor(db, id).await;
        let e = applicant::start(db, &a, 2027, a.organisations[0], open)
            .await
            .unwrap();
        let mut d = complete();
        d.title = format!("Projekt {i}");
        applicant::save(db, &a, e, 1, d, open).await.unwrap();
        applicant::submit(db, &unwatched(), &a, e, 2, open, "http://x")
            .await
            .unwrap();
        entries.push(e);
        applicant_actor.get_or_insert(a);
    }
    let admin = actor(db, person(db, "admin@bra.se", None, &[Role::Admin]).await).await;
    let mut jurors = Vec::new();
    for (i, name) in ["chair", "j2", "j3"].iter().enumerate() {
        let id = person(db, &format!("{name}@bra.se"), None, &[]).await;
        jury::add_member(db, &admin, 2027, id, i == 0, open)
            .await
            .unwrap();
        jurors.push(actor(db, id).await);
    }
    let j3 = jurors.pop().unwrap();
    let j2 = jurors.pop().unwrap();
    let chair = jurors.pop().unwrap();
    Jury {
        year: 2027,
        round,
        judging,
        deliberation,
        entries,
        chair,
        j2,
        j3,
        admin,
        applicant: applicant_actor.unwrap(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scoring_is_open_from_the_start_of_judging_to_the_second_until_deliberation() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let e = j.entries[0];
        let second = Duration::seconds(1);
        assert_eq!(
            jury::save_sheet(
                &db,
                &j.j2,
                e,
                0,
                sheet([3; 5], ""),
                false,
                j.judging - second
            )
            .await,
            Err(AppError::Conflict(Conflict::JudgingClosed)),
            "{name}"
        );
        let saved = jury::save_sheet(&db, &j.j2, e, 0, sheet([3; 5], ""), false, j.judging)
            .await
            .unwrap();
        assert_eq!(saved.revision, 1);
        let last = j.deliberation - second;
        jury::save_sheet(&db, &j.j2, e, 1, sheet([4; 5], ""), true, last)
            .await
            .unwrap();
        assert_eq!(
            jury::save_sheet(&db, &j.j2, e, 2, sheet([5; 5], ""), true, j.deliberation).await,
            Err(AppError::Conflict(Conflict::JudgingClosed))
        );
        let view = jury::scoring_view(&db, &j.j2, e, j.deliberation)
            .await
            .unwrap();
        assert!(!view.editable);
        assert_eq!(
            view.sheet.scores[0].score, "4",
            "{name}: the last accepted scores stay"
        );
        assert_eq!(view.status, SheetStatus::Submitted);
        assert_eq!(
            view.entry.title, "Projekt 0",
            "the submitted version is judged"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_juror_sees_other_scores_only_after_submitting_their_own() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let e = j.entries[1];
        let now = j.judging + Duration::days(1);
        score(&db, &j.chair, e, [5; 5], "Mycket bra", now).await;
        let view = jury::scoring_view(&db, &j.j2, e, now).await.unwrap();
        assert_eq!(view.others, Err(Hidden::UntilOwnSubmitted), "{name}");
        // A draft is not enough.
        jury::save_sheet(&db, &j.j2, e, 0, sheet([2; 5], ""), false, now)
            .await
            .unwrap();
        let view = jury::scoring_view(&db, &j.j2, e, now).await.unwrap();
        assert_eq!(view.others, Err(Hidden::UntilOwnSubmitted));
        jury::save_sheet(&db, &j.j2, e, 1, sheet([2; 5], "Svagt"), true, now)
            .await
            .unwrap();
        let others = jury::scoring_view(&db, &j.j2, e, now)
            .await
            .unwrap()
            .others
            .unwrap();
        assert_eq!(others.len(), 1);
        assert_eq!(others[0].juror, "Person chair@bra.se");
        assert_eq!(others[0].overall_comment, "Mycket bra");
        assert!((others[0].total - 5.0).abs() < 1e-9);
        // Blind until judging closes, when the year says so.
        j.change_round(&db, |c| c.blind_until_close = Set(true))
            .await;
        assert_eq!(
            jury::scoring_view(&db, &j.j2, e, now).await.unwrap().others,
            Err(Hidden::UntilJudgingCloses)
        );
        let closed = jury::scoring_view(&db, &j.j2, e, j.deliberation)
            .await
            .unwrap();
        assert_eq!(closed.others.unwrap().len(), 1, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sheet_and_invitation_statuses_are_stored_as_the_same_words_as_before() {
    use crate::entries::stored_status;
    use app::backend::entities::score_sheet;
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let e = j.entries[1];
        let now = j.judging + Duration::days(1);
        jury::save_sheet(&db, &j.j2, e, 0, sheet([2; 5], ""), false, now)
            .await
            .unwrap();
        let id = score_sheet::Entity::find()
            .filter(score_sheet::Column::EntryId.eq(e))
            .filter(score_sheet::Column::JurorId.eq(j.j2.user_id))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .id;
        assert_eq!(
            stored_status(&db, "score_sheet", id).await,
            "draft",
            "{name}"
        );
        jury::save_sheet(&db, &j.j2, e, 1, sheet([2; 5], "Svagt"), true, now)
            .await
            .unwrap();
        assert_eq!(
            stored_status(&db, "score_sheet", id).await,
            "submitted",
            "{name}"
        );
        let invitation: i32 = conflict_and_jury_invitation(&db, &j, now)
            .await
            .parse()
            .unwrap();
        assert_eq!(
            stored_status(&db, "jury_invitation", invitation).await,
            "pending"
        );
        app::backend::jury_setup::revoke(&db, &j.admin, invitation, now)
            .await
            .unwrap();
        assert_eq!(
            stored_status(&db, "jury_invitation", invitation).await,
            "revoked"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scores_and_checklists_stored_as_text_before_read_the_same_from_the_json_columns() {
    use crate::entries::stored_text;
    use app::model::CHECKLIST;
    use sea_orm::ConnectionTrait;
    use sea_orm_migration::MigratorTrait;
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let (e, other) = (j.entries[0], j.entries[1]);
        let now = j.judging + Duration::days(1);
        jury::save_sheet(&db, &j.j2, e, 0, sheet([4, 3, 5, 2, 1], "Väl beskrivet"), false, now)
            .await
            .unwrap();
        let sheet_before = jury::scoring_view(&db, &j.j2, e, now).await.unwrap().sheet;
        let draft_before = applicant::view(&db, &j.applicant, e, now)
            .await
            .unwrap()
            .draft;
        assert_eq!(draft_before.checklist.len(), CHECKLIST.len(), "{name}");

        // Back to the schema of before: the checklist is comma-separated text again and the
        // scores a JSON text. The migrations after that one go down first.
        crate::common::migrate_down_through(&db, "m20261203_000009_json_columns").await;
        assert_eq!(
            stored_text(&db, "entry", "checklist", e).await,
            draft_before.checklist.join(","),
            "{name}"
        );
        // An older portal left a checklist empty, and a sheet with a score left out.
        db.execute_unprepared(&format!("UPDATE entry SET checklist = '' WHERE id = {other}"))
            .await
            .unwrap();
        db.execute_unprepared(&format!(
            "UPDATE score_sheet SET scores = '{{\"theme\":{{\"score\":4,\"comment\":\"theme: 4\"}}}}' \
             WHERE entry_id = {e}"
        ))
        .await
        .unwrap();

        // And forward again: what was there reads as it did.
        migrations::Migrator::up(&db, None).await.unwrap();
        let draft_after = applicant::view(&db, &j.applicant, e, now)
            .await
            .unwrap()
            .draft;
        assert_eq!(draft_after.checklist, draft_before.checklist, "{name}");
        let other_row = entry::Entity::find_by_id(other).one(&db).await.unwrap().unwrap();
        assert!(other_row.checklist.0.is_empty(), "{name}");
        let sheet_after = jury::scoring_view(&db, &j.j2, e, now).await.unwrap().sheet;
        assert_eq!(sheet_after.scores[0], sheet_before.scores[0], "{name}");
        assert_eq!(sheet_after.scores[1].score, "", "{name}: the score left out stays out");
        assert_eq!(sheet_after.overall_comment, "Väl beskrivet");
        // The sheet saves again on the new column, and reads back what was saved.
        jury::save_sheet(&db, &j.j2, e, 1, sheet([5, 5, 5, 5, 5], ""), false, now)
            .await
            .unwrap();
        let saved = jury::scoring_view(&db, &j.j2, e, now).await.unwrap().sheet;
        assert_eq!(saved, sheet([5, 5, 5, 5, 5], ""), "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflicted_juror_is_shut_out_of_the_entry_and_its_aggregate() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let (e0, e1) = (j.entries[0], j.entries[1]);
        let now = j.judging + Duration::days(1);
        // j3 had scored e0 before declaring: that sheet no longer counts.
        score(&db, &j.j3, e0, [0; 5], "", now).await;
        let declare = |by, entry, juror, reason: &'static str| {
            jury::declare_conflict(&db, by, entry, juror, reason, now)
        };
        assert_eq!(
            declare(&j.j3, e0, j.j3.user_id, " ").await,
            Err(AppError::invalid_field("reason", Problem::Required))
        );
        declare(&j.j3, e0, j.j3.user_id, "Jag har arbetat i projektet.")
            .await
            .unwrap();
        assert_eq!(
            jury::scoring_view(&db, &j.j3, e0, now).await,
            Err(AppError::Conflict(Conflict::Recused)),
            "{name}"
        );
        assert_eq!(
            jury::save_sheet(&db, &j.j3, e0, 1, sheet([5; 5], ""), true, now).await,
            Err(AppError::Conflict(Conflict::Recused))
        );
        let home = jury::juror_home(&db, &j.j3, j.year, now).await.unwrap();
        let row = home.entries.iter().find(|r| r.entry_id == e0).unwrap();
        assert_eq!(row.status, SheetStatus::Recused);
        assert_eq!(home.to_score, 3);
        // The organiser adds a conflict for j2 on e1; a juror cannot add one for someone else.
        assert_eq!(
            declare(&j.j3, e1, j.j2.user_id, "Jäv").await,
            Err(AppError::Forbidden)
        );
        declare(&j.admin, e1, j.j2.user_id, "Anställd hos sökanden")
            .await
            .unwrap();
        assert_eq!(
            jury::scoring_view(&db, &j.j2, e1, now).await,
            Err(AppError::Conflict(Conflict::Recused))
        );
        // The others score e0; the ranking counts them, not j3.
        score(&db, &j.chair, e0, [4; 5], "Bra", now).await;
        score(&db, &j.j2, e0, [2; 5], "", now).await;
        let r = jury::ranking_view(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        let row = r.rows.iter().find(|x| x.entry_id == e0).unwrap();
        assert_eq!(row.jurors, 2, "{name}");
        assert!((row.raw_mean - 3.0).abs() < 1e-9 && (row.spread - 1.0).abs() < 1e-9);
        assert_eq!(row.recused, vec!["Person j3@bra.se".to_string()]);
        let progress = jury::progress(&db, &j.chair, j.year).await.unwrap();
        let ei = progress
            .entries
            .iter()
            .position(|(id, _)| *id == e0)
            .unwrap();
        let ji = progress
            .jurors
            .iter()
            .position(|(id, _)| *id == j.j3.user_id)
            .unwrap();
        assert_eq!(progress.cells[ei][ji], Some(SheetStatus::Recused));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scores_are_checked_and_every_change_is_audited() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let e = j.entries[2];
        let now = j.judging + Duration::days(2);
        let Err(AppError::Invalid(problems)) =
            jury::save_sheet(&db, &j.j2, e, 0, sheet([6, 3, -1, 3, 3], ""), false, now).await
        else {
            panic!("{name}: out of range must be refused");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["scores.0.score", "scores.2.score"]);
        let mut partial = sheet([3; 5], "");
        partial.scores[4].score = String::new();
        jury::save_sheet(&db, &j.j2, e, 0, partial.clone(), false, now)
            .await
            .unwrap();
        assert_eq!(
            jury::save_sheet(&db, &j.j2, e, 1, partial, true, now).await,
            Err(AppError::invalid_field("scores.4.score", Problem::Required)),
            "a submission scores every criterion"
        );
        jury::save_sheet(&db, &j.j2, e, 1, sheet([3; 5], ""), true, now)
            .await
            .unwrap();
        // A stale tab cannot overwrite; a change after submitting is logged old -> new.
        assert_eq!(
            jury::save_sheet(&db, &j.j2, e, 1, sheet([1; 5], ""), true, now).await,
            Err(AppError::Conflict(Conflict::Stale))
        );
        jury::save_sheet(
            &db,
            &j.j2,
            e,
            2,
            sheet([3, 5, 3, 3, 3], ""),
            true,
            now + Duration::hours(1),
        )
        .await
        .unwrap();
        let log = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("score.change"))
            .filter(
                audit_log::Column::Subject
                    .eq(format!("entry:{e} juror:{} criterion:effect", j.j2.user_id)),
            )
            .order_by_asc(audit_log::Column::Id)
            .all(&db)
            .await
            .unwrap();
        let details: Vec<&str> = log.iter().map(|l| l.detail.as_str()).collect();
        assert_eq!(
            details,
            vec![r#"{"new":3,"old":null}"#, r#"{"new":5,"old":3}"#],
            "{name}"
        );
        assert_eq!(log[1].actor_id, Some(j.j2.user_id));
        // Those outside the jury see nothing.
        for outsider in [&j.applicant, &j.admin] {
            assert_eq!(
                jury::scoring_view(&db, outsider, e, now).await,
                Err(AppError::NotFound)
            );
            assert_eq!(
                jury::save_sheet(&db, outsider, e, 0, sheet([5; 5], ""), true, now).await,
                Err(AppError::NotFound)
            );
        }
        assert_eq!(
            jury::juror_home(&db, &j.applicant, j.year, now).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            jury::progress(&db, &j.j2, j.year).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            jury::progress(&db, &j.applicant, j.year).await,
            Err(AppError::Forbidden)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_sees_the_ranking_after_judging_and_records_the_decision_once() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(3);
        // Totals per entry (chair, j2, j3): e0 4,4,4  e1 3,3,3  e2 5,4,3  e3 2,2,2
        let totals = [[4, 4, 4], [3, 3, 3], [5, 4, 3], [2, 2, 2]];
        for (i, e) in j.entries.iter().enumerate() {
            for (k, juror) in [&j.chair, &j.j2, &j.j3].into_iter().enumerate() {
                let t = totals[i][k];
                jury::save_sheet(
                    &db,
                    juror,
                    *e,
                    0,
                    sheet([t; 5], &format!("Kommentar {k}")),
                    true,
                    now,
                )
                .await
                .unwrap();
            }
        }
        let home = jury::juror_home(&db, &j.j2, j.year, now).await.unwrap();
        assert_eq!((home.submitted, home.to_score), (4, 4));
        assert_eq!(
            jury::ranking_view(&db, &j.chair, j.year, now).await,
            Err(AppError::Conflict(Conflict::NotYet)),
            "{name}: not while judging"
        );
        assert_eq!(
            jury::ranking_view(&db, &j.j2, j.year, j.deliberation).await,
            Err(AppError::Forbidden)
        );
        let r = jury::ranking_view(&db, &j.chair, j.year, j.deliberation)
            .await
            .unwrap();
        let order: Vec<(i32, usize, bool)> = r
            .rows
            .iter()
            .map(|x| (x.entry_id, x.rank, x.tied))
            .collect();
        // e0 and e2 both average 4 with effect 4: tied at the top, the chair decides.
        assert_eq!(
            order,
            vec![
                (j.entries[0], 1, true),
                (j.entries[2], 1, true),
                (j.entries[1], 3, false),
                (j.entries[3], 4, false)
            ]
        );
        assert!((r.rows[1].spread - (2.0f64 / 3.0).sqrt()).abs() < 1e-9);
        assert_eq!(r.rows[0].comments.len(), 3);
        assert_eq!(
            r.distribution[1].1.iter().sum::<u32>(),
            12,
            "12 effect scores"
        );
        let decision = DecisionInput {
            winner: j.entries[2],
            runners_up: vec![j.entries[0]],
            mentions: vec![],
            motivation_sv: "Ett **tydligt** resultat.".into(),
            motivation_en: "A clear result.".into(),
            tie_reason: String::new(),
        };
        assert_eq!(
            jury::decide(
                &db,
                &unwatched(),
                &j.j2,
                j.year,
                decision.clone(),
                j.deliberation
            )
            .await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            jury::decide(
                &db,
                &unwatched(),
                &j.chair,
                j.year,
                decision.clone(),
                j.deliberation
            )
            .await,
            Err(AppError::invalid_field("tie_reason", Problem::Required)),
            "a tied winner needs a recorded reason"
        );
        let decision = DecisionInput {
            tie_reason: "Större spridning i landet.".into(),
            ..decision
        };
        jury::decide(
            &db,
            &unwatched(),
            &j.chair,
            j.year,
            decision.clone(),
            j.deliberation,
        )
        .await
        .unwrap();
        assert_eq!(
            jury::decide(
                &db,
                &unwatched(),
                &j.chair,
                j.year,
                decision,
                j.deliberation
            )
            .await,
            Err(AppError::Conflict(Conflict::AlreadyDecided))
        );
        let awards = award::Entity::find()
            .order_by_asc(award::Column::Rank)
            .all(&db)
            .await
            .unwrap();
        assert_eq!(awards.len(), 2, "{name}");
        assert_eq!(
            (awards[0].entry_id, awards[0].kind.as_str()),
            (j.entries[2], "winner")
        );
        assert_eq!(awards[1].kind, "runner_up");
        let c = j.stored_round(&db).await;
        assert_eq!(c.decided_at, Some(j.deliberation));
        assert_eq!(
            app::backend::competition::phase_at(&c, j.deliberation),
            Phase::Decided
        );
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("decision.record")).await,
            1
        );
        // Still unpublished: the public sees no results.
        let page = app::backend::publication::competition_page(&db, j.year, j.deliberation)
            .await
            .unwrap();
        assert!(page.results.is_none());
        assert_eq!(entry::Entity::find().count(&db).await.unwrap(), 4);
    })
    .await;
}

pub(crate) fn token_in(body: &str) -> String {
    let i = body.find("/jury/invitation?token=").expect("a link") + "/jury/invitation?token=".len();
    body[i..i + 64].to_string()
}

pub(crate) async fn last_mail_to(
    db: &DatabaseConnection,
    to: &str,
) -> app::backend::entities::mail_outbox::Model {
    use app::backend::entities::mail_outbox;
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(to))
        .order_by_desc(mail_outbox::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("a mail")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jurors_are_invited_by_mail_and_accept_or_decline() {
    use app::backend::jury_setup;
    use app::model::JuryInvitationStatus;
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging - Duration::days(5);
        assert_eq!(
            jury_setup::invite(&db, &j.j2, j.year, "ny@bra.se", now, "http://x").await,
            Err(AppError::Forbidden)
        );
        jury_setup::invite(&db, &j.admin, j.year, "Ny@Bra.se", now, "http://x")
            .await
            .unwrap();
        jury_setup::invite(&db, &j.admin, j.year, "nej@bra.se", now, "http://x")
            .await
            .unwrap();
        jury_setup::invite(&db, &j.admin, j.year, "app0@example.se", now, "http://x")
            .await
            .unwrap();
        let mail = last_mail_to(&db, "ny@bra.se").await;
        assert!(mail.subject.contains("juryn"), "{name}");
        let token = token_in(&mail.body_text);
        let info = jury_setup::invitation_info(&db, &token, now).await.unwrap();
        assert_eq!(
            (info.year, info.email.as_str(), info.has_account),
            (2027, "ny@bra.se", false)
        );
        // A new person accepts with a name and password: a juror account, already verified.
        let Ok(Some(user_id)) = jury_setup::respond(
            &db,
            &token,
            None,
            true,
            "Nora Ny",
            "lingon-cykel-fjäll-7",
            app::i18n::Lang::Sv,
            now,
        )
        .await
        else {
            panic!("{name}: accepting creates the account");
        };
        let nora = actor(&db, user_id).await;
        assert!(nora.has(Role::Juror) && nora.verified && !nora.has(Role::Applicant));
        assert!(jury::juror_home(&db, &nora, j.year, now).await.is_ok());
        assert_eq!(
            jury_setup::invitation_info(&db, &token, now).await,
            Err(AppError::InvalidToken),
            "used once"
        );
        // Declining.
        let token = token_in(&last_mail_to(&db, "nej@bra.se").await.body_text);
        assert_eq!(
            jury_setup::respond(&db, &token, None, false, "", "", app::i18n::Lang::Sv, now).await,
            Ok(None)
        );
        // An existing account must be signed in as itself to accept.
        let token = token_in(&last_mail_to(&db, "app0@example.se").await.body_text);
        let accept_as = async |who: &Actor| {
            jury_setup::respond(
                &db,
                &token,
                Some(who),
                true,
                "",
                "",
                app::i18n::Lang::Sv,
                now,
            )
            .await
        };
        assert_eq!(accept_as(&j.j2).await, Err(AppError::Unauthenticated));
        assert_eq!(accept_as(&j.applicant).await, Ok(None));
        assert!(
            actor(&db, j.applicant.user_id).await.has(Role::Juror),
            "an applicant can also be a juror"
        );
        let view = jury_setup::overview(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        let statuses: Vec<(String, JuryInvitationStatus)> = view
            .invitations
            .iter()
            .map(|i| (i.email.clone(), i.status))
            .collect();
        assert_eq!(
            statuses,
            vec![
                (
                    "app0@example.se".to_string(),
                    JuryInvitationStatus::Accepted
                ),
                ("nej@bra.se".to_string(), JuryInvitationStatus::Declined),
                ("ny@bra.se".to_string(), JuryInvitationStatus::Accepted),
            ]
        );
        assert_eq!(view.members.len(), 5);
        // Resend and revoke a pending one; an expired link is refused.
        jury_setup::invite(&db, &j.admin, j.year, "sen@bra.se", now, "http://x")
            .await
            .unwrap();
        let old = token_in(&last_mail_to(&db, "sen@bra.se").await.body_text);
        let id = jury_setup::overview(&db, &j.admin, j.year, now)
            .await
            .unwrap()
            .invitations[0]
            .id;
        let later = now + Duration::days(15);
        assert_eq!(
            jury_setup::invitation_info(&db, &old, later).await,
            Err(AppError::InvalidToken)
        );
        jury_setup::resend(&db, &j.admin, id, later, "http://x")
            .await
            .unwrap();
        let new = token_in(&last_mail_to(&db, "sen@bra.se").await.body_text);
        assert_ne!(old, new);
        assert!(jury_setup::invitation_info(&db, &new, later).await.is_ok());
        jury_setup::revoke(&db, &j.admin, id, later).await.unwrap();
        assert_eq!(
            jury_setup::invitation_info(&db, &new, later).await,
            Err(AppError::InvalidToken)
        );
        // The organiser appoints another chair: one chair at a time.
        jury_setup::set_chair(&db, &j.admin, j.year, j.j2.user_id, now)
            .await
            .unwrap();
        let members = jury_setup::overview(&db, &j.admin, j.year, now)
            .await
            .unwrap()
            .members;
        let chairs: Vec<&str> = members
            .iter()
            .filter(|m| m.chair)
            .map(|m| m.email.as_str())
            .collect();
        assert_eq!(chairs, vec!["j2@bra.se"], "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn balanced_assignment_limits_who_scores_what_and_reminders_go_once() {
    use app::backend::jury_setup;
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        jury::declare_conflict(&db, &j.admin, j.entries[0], j.chair.user_id, "Jäv", now)
            .await
            .unwrap();
        let report = jury_setup::assign(&db, &j.admin, j.year, 2, 3, now)
            .await
            .unwrap();
        assert_eq!(report.pairs, 8, "{name}");
        assert!(report.shortfalls.is_empty());
        assert!(report.loads.iter().all(|(_, n)| *n <= 3));
        // Each juror now has only their entries; an unassigned one is not found.
        let home = jury::juror_home(&db, &j.j2, j.year, now).await.unwrap();
        let mine: Vec<i32> = home.entries.iter().map(|e| e.entry_id).collect();
        let other = *j
            .entries
            .iter()
            .find(|e| !mine.contains(e))
            .expect("one not assigned");
        assert_eq!(
            jury::scoring_view(&db, &j.j2, other, now).await,
            Err(AppError::NotFound)
        );
        // Manual adjustment.
        jury_setup::set_assignment(&db, &j.admin, other, j.j2.user_id, true, now)
            .await
            .unwrap();
        assert!(jury::scoring_view(&db, &j.j2, other, now).await.is_ok());
        // Impossible constraints are explained.
        let report = jury_setup::assign(&db, &j.admin, j.year, 3, 4, now)
            .await
            .unwrap();
        assert_eq!(report.shortfalls.len(), 1);
        assert_eq!(report.shortfalls[0].entry_id, j.entries[0]);
        assert_eq!(
            report.shortfalls[0].conflicted,
            vec!["Person chair@bra.se".to_string()]
        );
        // Back to all-to-all.
        jury_setup::assign(&db, &j.admin, j.year, 0, 0, now)
            .await
            .unwrap();
        assert_eq!(
            jury::juror_home(&db, &j.j2, j.year, now)
                .await
                .unwrap()
                .entries
                .len(),
            4
        );
        // j3 finishes everything; the others get reminders 3 days and 1 day before the close.
        for e in &j.entries {
            score(&db, &j.j3, *e, [3; 5], "", now).await;
        }
        let reminders = || async {
            app::backend::entities::mail_outbox::Entity::find()
                .filter(app::backend::entities::mail_outbox::Column::Template.eq("jury_reminder"))
                .all(&db)
                .await
                .unwrap()
        };
        assert_eq!(
            jury_setup::send_reminders(&db, j.deliberation - Duration::days(4), "http://x")
                .await
                .unwrap(),
            0
        );
        let three = j.deliberation - Duration::days(3);
        assert_eq!(
            jury_setup::send_reminders(&db, three, "http://x")
                .await
                .unwrap(),
            2,
            "{name}"
        );
        assert_eq!(
            jury_setup::send_reminders(&db, three, "http://x")
                .await
                .unwrap(),
            0,
            "once"
        );
        let sent = reminders().await;
        assert!(sent.iter().all(|m| m.to_address != "j3@bra.se"));
        let chair_mail = sent
            .iter()
            .find(|m| m.to_address == "chair@bra.se")
            .unwrap();
        assert!(
            chair_mail.body_text.contains("3 bidrag kvar"),
            "the chair is recused from one: {}",
            chair_mail.body_text
        );
        assert_eq!(
            jury_setup::send_reminders(&db, j.deliberation - Duration::hours(20), "http://x")
                .await
                .unwrap(),
            2
        );
        assert_eq!(reminders().await.len(), 4);
        // Exports: everything for the organiser, for the chair only after judging.
        let (header, rows) = jury_setup::export_scores(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        assert_eq!(header[5], "theme_score");
        assert_eq!(rows.len(), 4);
        assert_eq!(
            jury_setup::export_scores(&db, &j.chair, j.year, now).await,
            Err(AppError::Conflict(Conflict::NotYet))
        );
        assert!(
            jury_setup::export_scores(&db, &j.chair, j.year, j.deliberation)
                .await
                .is_ok()
        );
        assert_eq!(
            jury_setup::export_scores(&db, &j.j2, j.year, j.deliberation).await,
            Err(AppError::Forbidden)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
/// Who may call which jury server function is the generated matrix's (`matrix.rs`, the same
/// year in judging and the same people); what is left here is what a status cannot say.
async fn each_person_sees_of_the_jury_only_what_is_theirs() {
    use crate::common::TestServer;
    use crate::people::signed_in;
    on_each_backend(|db, _| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        conflict_and_jury_invitation(&db, &j, now).await;
        let s = TestServer::start(db.clone(), now).await;
        let clients = [
            ("anonymous", s.browser()),
            ("applicant", signed_in(&s, "app0@example.se").await),
            ("juror", signed_in(&s, "j2@bra.se").await),
            ("conflicted juror", signed_in(&s, "j3@bra.se").await),
            ("chair", signed_in(&s, "chair@bra.se").await),
            ("admin", signed_in(&s, "admin@bra.se").await),
        ];
        let e0 = j.entries[0].to_string();
        let year = j.year.to_string();
        // Another juror's draft of the entry the conflicted juror may not see.
        let res = clients[2]
            .1
            .post(format!("{}/api/save_scores", s.base))
            .form(&[
                ("entry_id", e0.as_str()),
                ("revision", "0"),
                ("sheet[overall_comment]", "Utkast"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200);
        // The conflicted juror's list says "recused" and their scoring page gives nothing away.
        let (_, conflicted) = &clients[3];
        let body = conflicted
            .get(format!("{}/api/scoring", s.base))
            .query(&[("entry_id", &e0)])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !body.contains("Utkast") && !body.contains("Projekt 0"),
            "{body}"
        );
        // The scores export: the organiser now; the chair only after judging.
        for ((who, client), want) in clients.iter().zip([401, 403, 403, 403, 409, 200]) {
            let res = client
                .get(format!("{}/jury/{year}/scores.csv", s.base))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), want, "scores.csv as {who}");
        }
        // Pages render for those allowed.
        let (_, juror) = &clients[2];
        let html = juror
            .get(format!("{}/jury/{year}", s.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Projekt 1") && html.contains("bedömningar inskickade"));
        let html = juror
            .get(format!("{}/jury/{year}/entries/{}", s.base, j.entries[1]))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("Visas när du har skickat in din egen bedömning"),
            "blind first phase"
        );
        let res = conflicted
            .get(format!("{}/jury/{year}/entries/{e0}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 409);
    })
    .await;
}

/// The organiser reminds one juror now, from the jury page, without scripts: the page shows
/// what each juror has left; the reminder says how many, goes out once an hour at most, and is
/// in the audit log. A juror with nothing left, or a reminder after judging, is refused in words.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_reminds_its_jurors_on_its_own_days() {
    use app::backend::entities::competition::{self as year, ReminderDays};
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let mut c: year::ActiveModel = year::Entity::find()
            .filter(year::Column::Year.eq(j.year))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .into();
        c.jury_reminders = Set(ReminderDays(vec![5, 2]));
        c.update(&db).await.unwrap();
        let send = |days: i64| {
            let db = db.clone();
            let at = j.deliberation - Duration::days(days);
            async move {
                app::backend::jury_setup::send_reminders(&db, at, "http://x")
                    .await
                    .unwrap()
            }
        };
        // Three jurors, nothing scored: each is reminded on the year's days, not on 3 and 1.
        assert_eq!(send(6).await, 0, "{name}");
        assert_eq!(send(5).await, 3, "{name}");
        assert_eq!(send(3).await, 0, "{name}");
        assert_eq!(send(2).await, 3, "{name}");
        assert_eq!(send(1).await, 0, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_reminds_one_juror_now_at_most_once_an_hour() {
    use crate::common::{TestServer, location, page_text};
    use app::backend::entities::mail_outbox;
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        for e in &j.entries {
            score(&db, &j.chair, *e, [4; 5], "", now).await;
        }
        for e in &j.entries[..2] {
            score(&db, &j.j2, *e, [3; 5], "", now).await;
        }
        let s = TestServer::start(db.clone(), now).await;
        let admin = crate::people::signed_in(&s, "admin@bra.se").await;
        let page = "/admin/competitions/2027/jury";
        let text = page_text(&admin, format!("{}{page}", s.base)).await;
        let text = text.replace("<!>", "");
        assert!(
            text.contains("j2@bra.se) – 2 bedömningar kvar"),
            "{name}: {text}"
        );
        assert!(text.contains("j3@bra.se) – 4 bedömningar kvar"), "{name}");
        assert!(
            text.contains("href=\"/jury/2027/ranking\"") && !text.contains("/shortlist\""),
            "{name}: no shortlist round, no link to one"
        );
        assert_eq!(
            text.matches("action=\"/api/remind_juror\"").count(),
            2,
            "{name}: the chair has nothing left, so no button"
        );
        let post = |who: i32| {
            let (s, admin) = (&s, &admin);
            async move {
                let who = who.to_string();
                let fields = [("year", "2027"), ("user_id", who.as_str())];
                location(&s.form_post(admin, "/api/remind_juror", page, &fields).await)
            }
        };
        let reminders = || async {
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Template.eq("jury_reminder"))
                .all(&db)
                .await
                .unwrap()
        };

        // j2 is reminded of the two sheets left.
        let back = post(j.j2.user_id).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        let text = page_text(&admin, back).await;
        assert!(text.contains("Påminnelsen är skickad."), "{name}: {text}");
        let sent = reminders().await;
        assert_eq!(sent.len(), 1, "{name}");
        assert_eq!(sent[0].to_address, "j2@bra.se");
        assert!(
            sent[0].body_text.contains('2'),
            "{name}: {}",
            sent[0].body_text
        );
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("jury.remind")).await,
            1,
            "{name}"
        );

        // Again within the hour: refused, in words; nothing more is sent.
        let back = post(j.j2.user_id).await;
        assert!(back.contains("__err"), "{name}: {back}");
        let text = page_text(&admin, back).await;
        assert!(text.contains("För många mejl"), "{name}: {text}");
        assert_eq!(reminders().await.len(), 1, "{name}");

        // The chair has nothing left.
        let text = page_text(&admin, post(j.chair.user_id).await).await;
        assert!(text.contains("inga bedömningar kvar"), "{name}: {text}");

        // The next hour, j2 may be reminded again; after judging, nobody.
        s.clock.set(now + Duration::hours(1));
        assert!(!post(j.j2.user_id).await.contains("__err"), "{name}");
        assert_eq!(reminders().await.len(), 2, "{name}");
        s.clock.set(j.deliberation);
        let text = page_text(&admin, post(j.j3.user_id).await).await;
        assert!(
            text.contains(
                app::error::AppError::Conflict(Conflict::JudgingClosed)
                    .message(app::i18n::Lang::Sv)
            ),
            "{name}: {text}"
        );
        assert_eq!(reminders().await.len(), 2, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_jurors_scores_show_under_the_criteria_names_in_the_readers_language() {
    use crate::common::{TestServer, page_text};
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let e = j.entries[0];
        let mut form = sheet([4; 5], "");
        for s in &mut form.scores {
            s.comment.clear();
        }
        form.scores[0].comment = "Tydlig koppling".into();
        jury::save_sheet(&db, &j.j2, e, 0, form, true, now)
            .await
            .unwrap();
        score(&db, &j.j3, e, [3; 5], "", now).await;
        let s = TestServer::start(db.clone(), now).await;
        let j3 = crate::people::signed_in(&s, "j3@bra.se").await;
        for (lang, theme, effect) in [
            ("", "Tema", "Utvärderad effekt"),
            ("/en", "Theme", "Evaluated effect"),
        ] {
            let text = page_text(&j3, format!("{}{lang}/jury/2027/entries/{e}", s.base)).await;
            let text = text.replace("<!>", "");
            assert!(
                text.contains(&format!("<li>{theme}: 4 – Tydlig koppling</li>")),
                "{name}{lang}: {text}"
            );
            assert!(
                text.contains(&format!("<li>{effect}: 4</li>")),
                "{name}{lang}"
            );
            assert!(!text.contains("<li>theme: "), "{name}{lang}: no raw keys");
        }
    })
    .await;
}
