//! The chair's and the organiser's view of judging: progress, the ranking, and the decision
//! that closes judging.
use crate::backend::begin_write;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};

use crate::backend::accounts::Actor;
use crate::backend::audit;
use crate::backend::clock::when;
use crate::backend::competition::{
    EUROPEAN, as_organiser, criteria, in_english, organises, phase_at,
};
use crate::backend::entities::score_sheet::SheetState;
use crate::backend::entities::{award, competition, jury_decision, jury_member, score_sheet};
use crate::backend::public_changes::PublicChanges;
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::model::{Phase, ProgressMatrix, RankingRow, RankingView, SheetStatus};
use crate::ranking;

use super::*;

/// The chair (or the round's organiser) may oversee the round; returns whether the actor is the
/// chair.
pub(crate) async fn overseer(
    db: &DatabaseConnection,
    actor: &Actor,
    c: &competition::Model,
) -> Result<bool, AppError> {
    if organises(actor, c) {
        return Ok(false);
    }
    match member(db, c.id, actor.user_id).await? {
        Some(m) if m.chair => Ok(true),
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::Forbidden),
    }
}

/// Juror × entry states, for the chair and the organiser. No scores.
pub async fn progress(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
) -> Result<ProgressMatrix, AppError> {
    let c = round(db, r.into()).await?;
    overseer(db, actor, &c).await?;
    let jurors = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(c.id))
        .all(db)
        .await?;
    let names = user_names(db, jurors.iter().map(|j| j.user_id)).await?;
    let mut jurors: Vec<(i32, String)> = jurors
        .iter()
        .map(|j| {
            (
                j.user_id,
                names.get(&j.user_id).cloned().unwrap_or_default(),
            )
        })
        .collect();
    jurors.sort_by(|a, b| a.1.cmp(&b.1));
    let access = JuryAccess::load(db, &c).await?;
    let entries = access.entries();
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let sheets: HashMap<(i32, i32), score_sheet::Model> = score_sheet::Entity::find()
        .filter(score_sheet::Column::EntryId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| ((s.entry_id, s.juror_id), s))
        .collect();
    let cells = entries
        .iter()
        .map(|e| {
            jurors
                .iter()
                .map(|(j, _)| {
                    access.assigned(e.id, *j).then(|| {
                        if access.conflicted(e.id, *j) {
                            SheetStatus::Recused
                        } else {
                            status_of(sheets.get(&(e.id, *j)))
                        }
                    })
                })
                .collect()
        })
        .collect();
    Ok(ProgressMatrix {
        jurors,
        entries: entries.iter().map(|e| (e.id, e.title.clone())).collect(),
        cells,
    })
}

/// The ranking, for the organiser at any time and for the chair once judging has closed.
/// Entries the chair is conflicted on show their rank but not their scores or comments.
pub async fn ranking_view(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    now: DateTime<Utc>,
) -> Result<RankingView, AppError> {
    let c = round(db, r.into()).await?;
    let is_chair = overseer(db, actor, &c).await?;
    if is_chair && phase_at(&c, now) <= Phase::Judging {
        return Err(AppError::Conflict(Conflict::NotYet));
    }
    let criteria = criteria(db, &c).await?;
    let access = JuryAccess::load(db, &c).await?;
    let entries = access.entries();
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let conflicted = access.conflicts();
    let sheets: Vec<score_sheet::Model> = score_sheet::Entity::find()
        .filter(score_sheet::Column::EntryId.is_in(ids.clone()))
        .filter(score_sheet::Column::Status.eq(SheetState::Submitted))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| access.may_score(s.entry_id, s.juror_id))
        .collect();
    let names = user_names(
        db,
        sheets
            .iter()
            .map(|s| s.juror_id)
            .chain(conflicted.iter().map(|c| c.1)),
    )
    .await?;
    let parsed: Vec<(i32, i32, Scores, String)> = sheets
        .iter()
        .map(|s| {
            (
                s.juror_id,
                s.entry_id,
                s.scores.0.clone(),
                s.overall_comment.clone(),
            )
        })
        .collect();
    let input: Vec<ranking::Sheet> = parsed
        .iter()
        .map(|(j, e, scores, _)| ranking::Sheet {
            juror: *j,
            entry: *e,
            scores: criteria
                .iter()
                .map(|k| scores.get(&k.key).and_then(|s| s.score).unwrap_or(0) as f64)
                .collect(),
        })
        .collect();
    let weights = ranking::Weights {
        weights: criteria.iter().map(|k| k.weight as f64).collect(),
        effect: criteria.iter().position(|k| k.key == "effect"),
    };
    let ranked = ranking::rank(&input, &weights, c.normalise_scores);
    let hidden = |entry_id: i32| is_chair && conflicted.contains(&(entry_id, actor.user_id));
    let rows = ranked
        .iter()
        .filter_map(|r| {
            let e = entries.iter().find(|e| e.id == r.entry)?;
            let secret = hidden(e.id);
            Some(RankingRow {
                entry_id: e.id,
                title: e.title.clone(),
                organisation: e.organisation_display.clone(),
                rank: r.rank,
                score: if secret { 0.0 } else { r.score },
                raw_mean: if secret { 0.0 } else { r.raw_mean },
                spread: if secret { 0.0 } else { r.spread },
                effect_mean: if secret { 0.0 } else { r.effect_mean },
                jurors: r.jurors,
                tied: r.tied,
                recused: conflicted
                    .iter()
                    .filter(|(en, _)| *en == e.id)
                    .map(|(_, j)| names.get(j).cloned().unwrap_or_default())
                    .collect(),
                comments: if secret {
                    Vec::new()
                } else {
                    parsed
                        .iter()
                        .filter(|(_, en, _, comment)| *en == e.id && !comment.is_empty())
                        .map(|(j, _, _, comment)| {
                            (names.get(j).cloned().unwrap_or_default(), comment.clone())
                        })
                        .collect()
                },
            })
        })
        .collect();
    let span = std::cmp::max(c.scale_max - c.scale_min + 1, 1) as usize;
    let distribution = criteria
        .iter()
        .map(|k| {
            let mut counts = vec![0u32; span];
            for (_, e, scores, _) in &parsed {
                if hidden(*e) {
                    continue;
                }
                if let Some(n) = scores.get(&k.key).and_then(|s| s.score) {
                    if let Some(slot) = counts.get_mut(std::cmp::max(n - c.scale_min, 0) as usize) {
                        *slot += 1;
                    }
                }
            }
            (k.name.clone(), counts)
        })
        .collect();
    let decided = jury_decision::Entity::find()
        .filter(jury_decision::Column::CompetitionId.eq(c.id))
        .one(db)
        .await?
        .map(|d| when(d.decided_at));
    Ok(RankingView {
        year: c.year,
        normalised: c.normalise_scores,
        rows,
        distribution,
        scale: (c.scale_min, c.scale_max),
        decided,
    })
}

/// What the chair records: the winner, runners-up and mentions, and the jury's motivation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionInput {
    pub winner: i32,
    pub runners_up: Vec<i32>,
    pub mentions: Vec<i32>,
    pub motivation_sv: String,
    pub motivation_en: String,
    pub tie_reason: String,
}

/// The European final names a winner and at most this many runners-up.
pub const EUROPEAN_RUNNERS_UP: usize = 2;

/// Records the decision, which closes judging. Once only.
pub async fn decide(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    r: impl Into<RoundRef>,
    input: DecisionInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let r: RoundRef = r.into();
    let c = round(db, r).await?;
    let is_chair = overseer(db, actor, &c).await?;
    if !organises(actor, &c) && !is_chair {
        return Err(AppError::Forbidden);
    }
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
    let judged: HashSet<i32> = judged_entries(db, &c).await?.iter().map(|e| e.id).collect();
    let mut seen = HashSet::new();
    for (field, id) in std::iter::once(("winner", input.winner))
        .chain(input.runners_up.iter().map(|i| ("runners_up", *i)))
        .chain(input.mentions.iter().map(|i| ("mentions", *i)))
    {
        if !judged.contains(&id) || !seen.insert(id) {
            problems.push(FieldError::new(field, Problem::InvalidChoice));
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
    award::Entity::delete_many()
        .filter(award::Column::CompetitionId.eq(c.id))
        .exec(&txn)
        .await?;
    let picks = std::iter::once(("winner", input.winner))
        .chain(input.runners_up.iter().map(|i| ("runner_up", *i)))
        .chain(input.mentions.iter().map(|i| ("mention", *i)));
    for (rank, (kind, entry_id)) in picks.enumerate() {
        let winner = kind == "winner";
        award::ActiveModel {
            competition_id: Set(c.id),
            entry_id: Set(entry_id),
            kind: Set(kind.into()),
            rank: Set(rank as i32 + 1),
            about_sv: Set(None),
            about_en: Set(None),
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
