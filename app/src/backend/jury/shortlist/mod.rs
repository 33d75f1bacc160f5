//! The shortlist round: a year may start judging with it (`competition.shortlist_kind`).
//! - Its jurors answer on each of their entries, a quick rating (1 to 5) or a yes/no vote, from
//!   the start of judging until the shortlist's date, and score none (`JuryAccess::Stage`).
//! - The chair (or the round's organiser) sees every entry's answers, and advances the top N or
//!   a chosen set, with a recorded reason, once, while judging is open. That ends the
//!   shortlist round: full scoring then covers the advanced entries only, for every view and
//!   job, since `JuryAccess` is what they all ask. Until a juror saves a score, they may take
//!   the advancement back, with a reason, and the shortlist round resumes.
//! - Whose answers count is `JuryAccess::answer_counts`: an entry's jurors there, less those
//!   standing aside; the chair does not see the answers on an entry they stand aside from.
//!
//! Its parts: `answering` (the jurors' answers, and who still owes theirs), `advance` (the
//! chair's advancement) and `take_back` (undoing it); the page's view and what they share are
//! here.
mod advance;
mod answering;
mod take_back;

pub use advance::*;
pub use answering::*;
pub(super) use take_back::advancement_stands;
pub use take_back::take_back_advance;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::backend::accounts::Actor;
use crate::backend::clock::when;
use crate::backend::competition::{organises, phase_at};
use crate::backend::entities::shortlist_advance;
use crate::backend::entities::{competition, entry, shortlist_vote};
use crate::error::AppError;
use crate::model::{
    Advancement, Phase, ShortlistChoice, ShortlistKind, ShortlistStatus, ShortlistView, TallyLine,
};

use super::*;

/// The year's shortlist round's kind; `None` without one.
pub(crate) fn shortlist_kind(c: &competition::Model) -> Option<ShortlistKind> {
    c.shortlist_kind
        .as_deref()
        .and_then(ShortlistKind::from_code)
}

/// The year's shortlist round has begun to count: an answer is saved, or it is advanced. Its
/// kind can then no longer change (the year's form asks), so no answer is read on a scale it
/// was not given on, and an advanced set is not undone by taking the round away.
pub async fn shortlist_started(
    db: &impl sea_orm::ConnectionTrait,
    c: &competition::Model,
) -> Result<bool, AppError> {
    use sea_orm::{PaginatorTrait, QuerySelect};
    if shortlist_advance::Entity::find()
        .filter(shortlist_advance::Column::CompetitionId.eq(c.id))
        .count(db)
        .await?
        > 0
    {
        return Ok(true);
    }
    let ids: Vec<i32> = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .select_only()
        .column(entry::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(shortlist_vote::Entity::find()
        .filter(shortlist_vote::Column::EntryId.is_in(ids))
        .count(db)
        .await?
        > 0)
}

/// Answers are taken: the round is in its shortlist round, judging is open, and the
/// shortlist's date has not passed.
fn open(c: &competition::Model, access: &JuryAccess, now: DateTime<Utc>) -> bool {
    access.stage() == Stage::Shortlist
        && judging_open(c, now)
        && c.shortlist_closes_at.is_none_or(|t| now < t)
}

/// Every answer on the round's shortlisted entries, by (entry, juror).
async fn answers(
    db: &impl sea_orm::ConnectionTrait,
    access: &JuryAccess,
) -> Result<HashMap<(i32, i32), i32>, AppError> {
    let ids: Vec<i32> = access.shortlisted().iter().map(|e| e.id).collect();
    Ok(shortlist_vote::Entity::find()
        .filter(shortlist_vote::Column::EntryId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| ((v.entry_id, v.juror_id), v.value))
        .collect())
}

/// One entry's counted answers.
struct Count<'a> {
    entry: &'a entry::Model,
    answers: Vec<i32>,
    jurors: usize,
}

impl Count<'_> {
    fn mean(&self) -> Option<f64> {
        (!self.answers.is_empty())
            .then(|| self.answers.iter().sum::<i32>() as f64 / self.answers.len() as f64)
    }
}

/// The shortlisted entries with their counted answers, the highest mean first (those without
/// answers last, then by reference).
fn counts<'a>(access: &'a JuryAccess, answers: &HashMap<(i32, i32), i32>) -> Vec<Count<'a>> {
    let jurors = access.members();
    let mut out: Vec<Count> = access
        .shortlisted()
        .iter()
        .map(|e| {
            let counted: Vec<i32> = jurors
                .iter()
                .copied()
                .filter(|j| access.answer_counts(e.id, *j))
                .collect();
            Count {
                entry: e,
                answers: counted
                    .iter()
                    .filter_map(|j| answers.get(&(e.id, *j)).copied())
                    .collect(),
                jurors: counted.len(),
            }
        })
        .collect();
    let key = |c: &Count| c.mean().unwrap_or(f64::NEG_INFINITY);
    out.sort_by(|a, b| key(b).total_cmp(&key(a)));
    out
}

/// Whether two entries' means are the same (to the last hundredth, as shown).
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 0.005,
        (None, None) => true,
        _ => false,
    }
}

/// The shortlist page: the actor's entries with their answers, and for the chair and the
/// organiser every entry's answers and the advancement. 404 for anyone else, or without a
/// shortlist round.
pub async fn shortlist_view(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    now: DateTime<Utc>,
) -> Result<ShortlistView, AppError> {
    let c = round(db, r.into()).await?;
    let kind = shortlist_kind(&c).ok_or(AppError::NotFound)?;
    let me = member(db, c.id, actor.user_id).await?;
    let organiser = organises(actor, &c);
    if me.is_none() && !organiser {
        return Err(AppError::NotFound);
    }
    let chair = me.as_ref().is_some_and(|m| m.chair);
    let access = JuryAccess::load(db, &c).await?;
    let answers = answers(db, &access).await?;
    let anonymous = crate::backend::anonymity::anonymous(&c);
    let organisation = |e: &entry::Model, masked: bool| {
        if masked {
            String::new()
        } else {
            e.organisation_display.clone()
        }
    };
    let mine = access
        .shortlisted()
        .iter()
        .filter(|_| me.is_some() && access.stage() == Stage::Shortlist)
        .filter(|e| access.assigned(e.id, actor.user_id))
        .map(|e| ShortlistChoice {
            entry_id: e.id,
            reference: e.reference.clone(),
            title: e.title.clone(),
            organisation: organisation(e, anonymous),
            answer: answers.get(&(e.id, actor.user_id)).copied(),
            recused: access.conflicted(e.id, actor.user_id),
        })
        .collect();
    let advanced = access.advancement();
    let tally = (chair || organiser).then(|| {
        let counts = counts(&access, &answers);
        let mut lines: Vec<TallyLine> = Vec::new();
        for (i, n) in counts.iter().enumerate() {
            let tied_before = i > 0 && same(counts[i - 1].mean(), n.mean());
            let tied_after = counts.get(i + 1).is_some_and(|m| same(m.mean(), n.mean()));
            let rank = match lines.last() {
                Some(prev) if tied_before => prev.rank,
                _ => i as u32 + 1,
            };
            let hidden = chair && access.conflicted(n.entry.id, actor.user_id);
            lines.push(TallyLine {
                entry_id: n.entry.id,
                reference: n.entry.reference.clone(),
                title: n.entry.title.clone(),
                organisation: organisation(n.entry, chair && anonymous),
                rank,
                tied: tied_before || tied_after,
                answers: if hidden { 0 } else { n.answers.len() as u32 },
                jurors: n.jurors as u32,
                yes: if hidden {
                    0
                } else {
                    n.answers.iter().filter(|a| **a == 1).count() as u32
                },
                mean: if hidden { None } else { n.mean() },
                hidden,
                advanced: advanced.is_some_and(|a| a.entries.0.contains(&n.entry.id)),
            });
        }
        lines
    });
    let may_advance = (chair || organiser)
        && access.stage() == Stage::Shortlist
        && phase_at(&c, now) == Phase::Judging;
    // Whether the advancement may be taken back, for whoever may take it back.
    let take_back = match (chair || organiser, advanced) {
        (true, Some(_)) => Some(
            phase_at(&c, now) == Phase::Judging && !take_back::scoring_begun(db, &access).await?,
        ),
        _ => None,
    };
    let kept = (chair || organiser, may_advance);
    let kept = super::unsaved::kept_advancement(db, actor, &c, kept).await?;
    let advancement = match advanced {
        Some(a) => {
            let by = user_names(db, a.advanced_by).await?;
            Some(Advancement {
                titles: access
                    .shortlisted()
                    .iter()
                    .filter(|e| a.entries.0.contains(&e.id))
                    .map(|e| e.title.clone())
                    .collect(),
                top: a.top,
                reason: a.reason.clone(),
                by: a
                    .advanced_by
                    .and_then(|u| by.get(&u).cloned())
                    .unwrap_or_default(),
                at: when(a.advanced_at),
            })
        }
        None => None,
    };
    Ok(ShortlistView {
        year: c.year,
        kind,
        closes: c.shortlist_closes_at.map(when),
        open: me.is_some() && open(&c, &access, now),
        mine,
        tally,
        may_advance,
        advanced: advancement,
        take_back,
        anonymous,
        kept,
    })
}

/// Where the juror's round stands with its shortlist, for their list; `None` without one.
pub(crate) async fn shortlist_status(
    db: &DatabaseConnection,
    c: &competition::Model,
    access: &JuryAccess,
    juror: i32,
    now: DateTime<Utc>,
) -> Result<Option<ShortlistStatus>, AppError> {
    if shortlist_kind(c).is_none() {
        return Ok(None);
    }
    let answers = answers(db, access).await?;
    let theirs: Vec<i32> = access
        .shortlisted()
        .iter()
        .map(|e| e.id)
        .filter(|e| access.answer_counts(*e, juror))
        .collect();
    Ok(Some(ShortlistStatus {
        open: open(c, access, now),
        closes: c.shortlist_closes_at.map(when),
        answered: theirs
            .iter()
            .filter(|e| answers.contains_key(&(**e, juror)))
            .count(),
        of: theirs.len(),
        advanced: access.stage() == Stage::Scoring,
    }))
}
