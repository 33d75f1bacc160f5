//! The jury's decision: recorded once by the chair (or the round's organiser), which closes
//! judging; taken back with a reason while the results are not public, after which the jury
//! records a new one. Every reopening is kept (`decision_reopening`) and audited.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};

use crate::backend::accounts::Actor;
use crate::backend::audit;
use crate::backend::begin_write;
use crate::backend::clock::when;
use crate::backend::competition::{EUROPEAN, as_organiser, in_english, phase_at};
use crate::backend::entities::{award, competition, decision_reopening, jury_decision};
use crate::backend::public_changes::PublicChanges;
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::model::{Phase, Reopening};

pub use crate::model::DecisionInput;

use super::deliberation::{overseer, ranking_view};
use super::*;

/// The European final names a winner and at most this many runners-up.
pub const EUROPEAN_RUNNERS_UP: usize = 2;

/// Records the decision, which closes judging. Once only. A decision refused for what it said,
/// because another was recorded first, or because judging is over is kept for whoever sent it
/// (`unsaved`): the page shows it again.
pub async fn decide(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    r: impl Into<RoundRef>,
    input: DecisionInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let r: RoundRef = r.into();
    let recorded = record(db, public, actor, r, &input, now).await;
    let kept = super::unsaved::after_decision(db, actor, r, &input, &recorded, now).await;
    crate::backend::unsaved::answer(recorded, kept)
}

async fn record(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    r: RoundRef,
    input: &DecisionInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let c = round(db, r).await?;
    overseer(db, actor, &c).await?;
    if jury_decision::Entity::find()
        .filter(jury_decision::Column::CompetitionId.eq(c.id))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(Conflict::AlreadyDecided));
    }
    let phase = phase_at(&c, now);
    if phase < Phase::Judging || phase > Phase::Deliberation {
        return Err(AppError::Conflict(Conflict::JudgingClosed));
    }
    let ranking = ranking_view(db, &admin_view(actor, &c), r, now).await?;
    let mut problems = Vec::new();
    // The entries in play: after a shortlist round, the advanced ones.
    let judged: HashSet<i32> = JuryAccess::load(db, &c)
        .await?
        .entries()
        .iter()
        .map(|e| e.id)
        .collect();
    let mut seen = HashSet::new();
    for (field, id) in std::iter::once(("winner", input.winner))
        .chain(input.runners_up.iter().map(|i| ("runners_up", *i)))
        .chain(input.mentions.iter().map(|i| ("mentions", *i)))
    {
        if !judged.contains(&id) {
            problems.push(FieldError::new(field, Problem::InvalidChoice));
        } else if !seen.insert(id) {
            problems.push(FieldError::new(field, Problem::ChosenTwice));
        }
    }
    // The final decides in English, with a winner and two runners-up; a national round in its
    // language (Swedish at home, English in another country's round), with as many runners-up
    // and mentions as the jury wants.
    let europe = c.round_kind == EUROPEAN;
    let (field, motivation) = if in_english(&c) {
        ("motivation_en", &input.motivation_en)
    } else {
        ("motivation_sv", &input.motivation_sv)
    };
    if motivation.trim().is_empty() {
        problems.push(FieldError::new(field, Problem::Required));
    }
    if europe && input.runners_up.len() > EUROPEAN_RUNNERS_UP {
        problems.push(FieldError::new("runners_up", Problem::TooMany));
    }
    if europe && !input.mentions.is_empty() {
        problems.push(FieldError::new("mentions", Problem::InvalidChoice));
    }
    for (field, text) in [
        ("motivation_sv", &input.motivation_sv),
        ("motivation_en", &input.motivation_en),
        ("tie_reason", &input.tie_reason),
    ] {
        if text.chars().count() > MAX_COMMENT {
            problems.push(FieldError::new(field, Problem::TooLong));
        }
    }
    // A winner still tied at the top needs the chair's recorded reason.
    let winner_tied = ranking
        .rows
        .iter()
        .any(|r| r.entry_id == input.winner && r.tied && r.rank == 1);
    if winner_tied && input.tie_reason.trim().is_empty() {
        problems.push(FieldError::new("tie_reason", Problem::Required));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let txn = begin_write(db).await?;
    let inserted = jury_decision::Entity::insert(jury_decision::ActiveModel {
        competition_id: Set(c.id),
        decided_by: Set(Some(actor.user_id)),
        decided_at: Set(now),
        motivation_md_sv: Set(input.motivation_sv.trim().to_string()),
        motivation_md_en: Set(
            Some(input.motivation_en.trim().to_string()).filter(|s| !s.is_empty())
        ),
        tie_reason: Set(Some(input.tie_reason.trim().to_string()).filter(|s| !s.is_empty())),
        ..Default::default()
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::column(jury_decision::Column::CompetitionId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        return Err(AppError::Conflict(Conflict::AlreadyDecided));
    }
    // What the organiser wrote about an awarded project (and its photo) stays with the project
    // through a reopening: a project awarded again keeps it, whatever its new place.
    let written: HashMap<i32, award::Model> = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| (a.entry_id, a))
        .collect();
    award::Entity::delete_many()
        .filter(award::Column::CompetitionId.eq(c.id))
        .exec(&txn)
        .await?;
    let picks = std::iter::once(("winner", input.winner))
        .chain(input.runners_up.iter().map(|i| ("runner_up", *i)))
        .chain(input.mentions.iter().map(|i| ("mention", *i)));
    for (rank, (kind, entry_id)) in picks.enumerate() {
        let winner = kind == "winner";
        let before = written.get(&entry_id);
        award::ActiveModel {
            competition_id: Set(c.id),
            entry_id: Set(entry_id),
            kind: Set(kind.into()),
            rank: Set(rank as i32 + 1),
            about_sv: Set(before.and_then(|a| a.about_sv.clone())),
            about_en: Set(before.and_then(|a| a.about_en.clone())),
            photo_id: Set(before.and_then(|a| a.photo_id)),
            photo_alt_sv: Set(before.and_then(|a| a.photo_alt_sv.clone())),
            photo_alt_en: Set(before.and_then(|a| a.photo_alt_en.clone())),
            motivation_sv: Set(winner.then(|| input.motivation_sv.trim().to_string())),
            motivation_en: Set(winner
                .then(|| input.motivation_en.trim().to_string())
                .filter(|s| !s.is_empty())),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    // Recording the decision closes judging: the year moves to "decided" now.
    competition::ActiveModel {
        id: Set(c.id),
        decided_at: Set(Some(now)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "decision.record",
        format!("competition:{}", c.id),
        serde_json::json!({
            "winner": input.winner,
            "runners_up": input.runners_up,
            "mentions": input.mentions,
            "tie_reason": input.tie_reason,
        }),
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

/// The decision checks use the full ranking whoever records it: the organiser's.
pub(super) fn admin_view(actor: &Actor, c: &competition::Model) -> Actor {
    as_organiser(actor, c)
}

/// Takes a recorded decision back, with the reason, while the results are not public. The
/// round returns to deliberation (judging stays closed), a scheduled release is taken back
/// with it, and the decision as it stood is kept for the next one to start from. What the
/// organiser wrote about the awarded projects stays until the new decision. A reason refused
/// (too long, the decision reopened by someone else first, the results public) is kept for
/// whoever typed it (`unsaved`): the page shows it again.
pub async fn reopen(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    r: impl Into<RoundRef>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let r: RoundRef = r.into();
    let c = round(db, r).await?;
    overseer(db, actor, &c).await?;
    // The decision as the reader's page showed it: taken back so many times before.
    let revision = super::unsaved::reopened(db, &c).await?;
    let taken = take_back(db, public, actor, r, reason, now).await;
    let sent = (reason, revision);
    let kept = super::unsaved::after_reopening(db, actor, &c, sent, &taken, now).await;
    crate::backend::unsaved::answer(taken, kept)
}

async fn take_back(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    r: RoundRef,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid_field("reason", Problem::Required));
    }
    if reason.chars().count() > MAX_COMMENT {
        return Err(AppError::invalid_field("reason", Problem::TooLong));
    }
    let txn = begin_write(db).await?;
    // Read again on the write transaction, so that a release or another reopening cannot slip
    // in between the checks and the change.
    let c = round(&txn, r).await?;
    if phase_at(&c, now).results_public() {
        return Err(AppError::Conflict(Conflict::AlreadyPublished));
    }
    let decision = jury_decision::Entity::find()
        .filter(jury_decision::Column::CompetitionId.eq(c.id))
        .one(&txn)
        .await?
        .ok_or(AppError::Conflict(Conflict::NothingToReopen))?;
    let previous = as_it_stands(&txn, &decision).await?;
    let release_taken_back = c.results_released_at.filter(|at| *at > now);
    // Conditional on the row still being there: of two reopenings at once (PostgreSQL reads
    // committed rows, so both can see the decision), the second finds nothing to take back.
    let taken_back = jury_decision::Entity::delete_by_id(decision.id)
        .exec(&txn)
        .await?
        .rows_affected;
    if taken_back == 0 {
        return Err(AppError::Conflict(Conflict::NothingToReopen));
    }
    // Back to deliberation: judging does not open again.
    competition::ActiveModel {
        id: Set(c.id),
        decided_at: Set(None),
        deliberation_at: Set(Some(c.deliberation_at.unwrap_or(decision.decided_at))),
        results_released_at: Set(c.results_released_at.filter(|at| *at <= now)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    decision_reopening::ActiveModel {
        competition_id: Set(c.id),
        reopened_by: Set(Some(actor.user_id)),
        reopened_at: Set(now),
        reason: Set(reason.to_string()),
        decided_at: Set(decision.decided_at),
        previous: Set(previous.clone()),
        release_taken_back: Set(release_taken_back),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "decision.reopen",
        format!("competition:{}", c.id),
        serde_json::json!({
            "reason": reason,
            "decided_at": decision.decided_at.to_rfc3339(),
            "previous": previous,
            "release_taken_back": release_taken_back.map(|t| t.to_rfc3339()),
        }),
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

/// The decision as it stands now: its awards in order, and the winner's motivation as the
/// organiser may since have edited it.
async fn as_it_stands<C: ConnectionTrait>(
    db: &C,
    decision: &jury_decision::Model,
) -> Result<DecisionInput, AppError> {
    let awards = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(decision.competition_id))
        .order_by_asc(award::Column::Rank)
        .all(db)
        .await?;
    let of = |kind: &str| -> Vec<i32> {
        awards
            .iter()
            .filter(|a| a.kind == kind)
            .map(|a| a.entry_id)
            .collect()
    };
    let winner = awards.iter().find(|a| a.kind == "winner");
    Ok(DecisionInput {
        winner: winner.map(|a| a.entry_id).unwrap_or_default(),
        runners_up: of("runner_up"),
        mentions: of("mention"),
        motivation_sv: winner
            .and_then(|a| a.motivation_sv.clone())
            .unwrap_or_else(|| decision.motivation_md_sv.clone()),
        motivation_en: winner
            .and_then(|a| a.motivation_en.clone())
            .or_else(|| decision.motivation_md_en.clone())
            .unwrap_or_default(),
        tie_reason: decision.tie_reason.clone().unwrap_or_default(),
    })
}

/// A round's reopenings, oldest first, with who made them.
pub(super) async fn reopenings(
    db: &DatabaseConnection,
    c: &competition::Model,
) -> Result<Vec<(Reopening, DecisionInput)>, AppError> {
    let rows = decision_reopening::Entity::find()
        .filter(decision_reopening::Column::CompetitionId.eq(c.id))
        .order_by_asc(decision_reopening::Column::Id)
        .all(db)
        .await?;
    let names = user_names(db, rows.iter().filter_map(|r| r.reopened_by)).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                Reopening {
                    at: when(r.reopened_at),
                    by: r
                        .reopened_by
                        .and_then(|u| names.get(&u).cloned())
                        .unwrap_or_default(),
                    reason: r.reason,
                    decided: when(r.decided_at),
                    release_taken_back: r.release_taken_back.map(when),
                },
                r.previous,
            )
        })
        .collect())
}
