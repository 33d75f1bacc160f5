//! The chair's and the organiser's view of judging: progress, and the ranking the decision
//! is made from (`decision` records it).
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::backend::accounts::Actor;
use crate::backend::clock::when;
use crate::backend::competition::{organises, phase_at};
use crate::backend::entities::score_sheet::SheetState;
use crate::backend::entities::{competition, jury_decision, jury_member, score_sheet};
use crate::backend::rubric::criteria;
use crate::backend::unsaved::{UnsavedForm, Whose};
use crate::error::{AppError, Conflict};
use crate::model::{CriterionInfo, Phase, ProgressMatrix, RankingRow, RankingView, SheetStatus};
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

/// What the ranking and the meeting grid are made from, for someone who may see the results:
/// the organiser at any time, the chair once judging has closed. Only submitted sheets count,
/// and only while their juror may score the entry (`JuryAccess::may_score`).
pub(super) struct Results {
    pub c: competition::Model,
    pub criteria: Vec<CriterionInfo>,
    pub access: JuryAccess,
    pub sheets: Vec<score_sheet::Model>,
    /// Entries whose scores the viewer may not see: the chair's own conflicts.
    pub hidden: HashSet<i32>,
    /// The viewer is the chair of a round that reviews anonymously: organisations stay hidden.
    pub masked: bool,
}

impl Results {
    pub async fn load(
        db: &DatabaseConnection,
        actor: &Actor,
        r: RoundRef,
        now: DateTime<Utc>,
    ) -> Result<Results, AppError> {
        let c = round(db, r).await?;
        let is_chair = overseer(db, actor, &c).await?;
        if is_chair && phase_at(&c, now) <= Phase::Judging {
            return Err(AppError::Conflict(Conflict::NotYet));
        }
        let criteria = criteria(db, &c).await?;
        let access = JuryAccess::load(db, &c).await?;
        let ids: Vec<i32> = access.entries().iter().map(|e| e.id).collect();
        let sheets = score_sheet::Entity::find()
            .filter(score_sheet::Column::EntryId.is_in(ids))
            .filter(score_sheet::Column::Status.eq(SheetState::Submitted))
            .all(db)
            .await?
            .into_iter()
            .filter(|s| access.may_score(s.entry_id, s.juror_id))
            .collect();
        let hidden = access
            .conflicts()
            .iter()
            .filter(|(_, j)| is_chair && *j == actor.user_id)
            .map(|(e, _)| *e)
            .collect();
        Ok(Results {
            masked: is_chair && crate::backend::anonymity::anonymous(&c),
            c,
            criteria,
            access,
            sheets,
            hidden,
        })
    }

    /// The criteria's weights, and which one is evaluated effect (the tie-break).
    pub fn weights(&self) -> ranking::Weights {
        ranking::Weights {
            weights: self.criteria.iter().map(|k| k.weight as f64).collect(),
            effect: self.criteria.iter().position(|k| k.key == "effect"),
        }
    }

    /// The sheets as the ranking reads them: every criterion in rubric order, or only the one
    /// at `only`. A criterion left unscored counts as 0.
    pub fn input(&self, only: Option<usize>) -> Vec<ranking::Sheet> {
        self.sheets
            .iter()
            .map(|s| ranking::Sheet {
                juror: s.juror_id,
                entry: s.entry_id,
                scores: self
                    .criteria
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| only.is_none_or(|o| o == *i))
                    .map(|(_, k)| s.scores.0.get(&k.key).and_then(|s| s.score).unwrap_or(0) as f64)
                    .collect(),
            })
            .collect()
    }

    /// The year's ranking, as its setting says (raw or normalised).
    pub fn ranked(&self) -> Vec<ranking::Ranked> {
        ranking::rank(&self.input(None), &self.weights(), self.c.normalise_scores)
    }
}

/// The ranking, for the organiser at any time and for the chair once judging has closed.
/// Entries the chair is conflicted on show their rank but not their scores or comments.
pub async fn ranking_view(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    now: DateTime<Utc>,
) -> Result<RankingView, AppError> {
    let res = Results::load(db, actor, r.into(), now).await?;
    let c = &res.c;
    let entries = res.access.entries();
    let conflicted = res.access.conflicts();
    let names = user_names(
        db,
        res.sheets
            .iter()
            .map(|s| s.juror_id)
            .chain(conflicted.iter().map(|c| c.1)),
    )
    .await?;
    let hidden = |entry_id: i32| res.hidden.contains(&entry_id);
    let rows = res
        .ranked()
        .iter()
        .filter_map(|r| {
            let e = entries.iter().find(|e| e.id == r.entry)?;
            let secret = hidden(e.id);
            Some(RankingRow {
                entry_id: e.id,
                title: e.title.clone(),
                organisation: if res.masked {
                    String::new()
                } else {
                    e.organisation_display.clone()
                },
                rank: r.rank,
                score: if secret { 0.0 } else { r.score },
                raw_mean: if secret { 0.0 } else { r.raw_mean },
                spread: if secret { 0.0 } else { r.spread },
                effect_mean: if secret { 0.0 } else { r.effect_mean },
                jurors: r.jurors,
                tied: r.tied,
                hidden: secret,
                recused: conflicted
                    .iter()
                    .filter(|(en, _)| *en == e.id)
                    .map(|(_, j)| names.get(j).cloned().unwrap_or_default())
                    .collect(),
                comments: if secret {
                    Vec::new()
                } else {
                    res.sheets
                        .iter()
                        .filter(|s| s.entry_id == e.id && !s.overall_comment.is_empty())
                        .map(|s| {
                            (
                                names.get(&s.juror_id).cloned().unwrap_or_default(),
                                s.overall_comment.clone(),
                            )
                        })
                        .collect()
                },
            })
        })
        .collect();
    let span = std::cmp::max(c.scale_max - c.scale_min + 1, 1) as usize;
    let distribution = res
        .criteria
        .iter()
        .map(|k| {
            let mut counts = vec![0u32; span];
            for s in res.sheets.iter().filter(|s| !hidden(s.entry_id)) {
                if let Some(n) = s.scores.0.get(&k.key).and_then(|s| s.score)
                    && let Some(slot) = counts.get_mut(std::cmp::max(n - c.scale_min, 0) as usize)
                {
                    *slot += 1;
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
    let reopenings = super::decision::reopenings(db, c).await?;
    let revision = i32::try_from(reopenings.len()).unwrap_or(i32::MAX);
    let may_reopen = decided.is_some() && !phase_at(c, now).results_public();
    let onward = if may_reopen {
        crate::backend::dossier::onward(db, c).await?
    } else {
        Default::default()
    };
    let whose = |form| Whose::of(actor, c.id, form);
    let kept = (revision, decided.is_none());
    let kept = super::unsaved::kept_copy(db, whose(UnsavedForm::Decision), kept).await?;
    let kept_reopening = (revision, may_reopen);
    let kept_reopening =
        super::unsaved::kept_copy(db, whose(UnsavedForm::Reopening), kept_reopening).await?;
    Ok(RankingView {
        year: c.year,
        normalised: c.normalise_scores,
        rows,
        distribution,
        scale: (c.scale_min, c.scale_max),
        may_reopen,
        onward,
        previous: reopenings
            .last()
            .filter(|_| decided.is_none())
            .map(|(_, previous)| previous.clone()),
        reopenings: reopenings.into_iter().map(|(r, _)| r).collect(),
        decided,
        kept,
        kept_reopening,
    })
}
