//! The shortlist round: a year may start judging with it (`competition.shortlist_kind`).
//! - Its jurors answer on each of their entries, a quick rating (1 to 5) or a yes/no vote, from
//!   the start of judging until the shortlist's date, and score none (`JuryAccess::Stage`).
//! - The chair (or the round's organiser) sees every entry's answers, and advances the top N or
//!   a chosen set, with a recorded reason, once, while judging is open. That ends the
//!   shortlist round: full scoring then covers the advanced entries only, for every view and
//!   job, since `JuryAccess` is what they all ask.
//! - Whose answers count is `JuryAccess::answer_counts`: an entry's jurors there, less those
//!   standing aside; the chair does not see the answers on an entry they stand aside from.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;

use crate::backend::accounts::Actor;
use crate::backend::audit;
use crate::backend::begin_write;
use crate::backend::clock::when;
use crate::backend::competition::{organises, phase_at, round_ref};
use crate::backend::entities::shortlist_advance::{self, Advanced};
use crate::backend::entities::{app_user, competition, entry, shortlist_vote};
use crate::backend::mail::{self, Template};
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::i18n::Lang;
use crate::model::{
    AdvanceForm, Advancement, Phase, ShortlistChoice, ShortlistKind, ShortlistStatus,
    ShortlistView, TallyLine,
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
    let advanced = shortlist_advance::Entity::find()
        .filter(shortlist_advance::Column::CompetitionId.eq(c.id))
        .one(db)
        .await?;
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
                advanced: advanced
                    .as_ref()
                    .is_some_and(|a| a.entries.0.contains(&n.entry.id)),
            });
        }
        lines
    });
    let may_advance = (chair || organiser)
        && access.stage() == Stage::Shortlist
        && phase_at(&c, now) == Phase::Judging;
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
                reason: a.reason,
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

/// How many of the juror's entries still want their answer while answers are taken (the
/// shortlist's reminders): `None` when none are taken.
pub(crate) async fn answers_due(
    db: &DatabaseConnection,
    c: &competition::Model,
    now: DateTime<Utc>,
) -> Result<Option<(JuryAccess, HashMap<(i32, i32), i32>)>, AppError> {
    if shortlist_kind(c).is_none() {
        return Ok(None);
    }
    let access = JuryAccess::load(db, c).await?;
    if !open(c, &access, now) {
        return Ok(None);
    }
    let answers = answers(db, &access).await?;
    Ok(Some((access, answers)))
}

/// The juror's answers still missing, out of what `answers_due` loaded.
pub(crate) fn answers_left(
    access: &JuryAccess,
    answers: &HashMap<(i32, i32), i32>,
    juror: i32,
) -> usize {
    access
        .shortlisted()
        .iter()
        .filter(|e| access.may_vote(e.id, juror) && !answers.contains_key(&(e.id, juror)))
        .count()
}

/// The jury's members with answers left in the shortlist round as things stand, whether or not
/// answers are taken yet (the dashboard's count of its reminders): none once it is advanced.
pub(crate) async fn answering(
    db: &DatabaseConnection,
    access: &JuryAccess,
) -> Result<Vec<i32>, AppError> {
    if access.stage() != Stage::Shortlist {
        return Ok(Vec::new());
    }
    let answers = answers(db, access).await?;
    Ok(access
        .members()
        .into_iter()
        .filter(|j| answers_left(access, &answers, *j) > 0)
        .collect())
}

/// Saves a juror's answers, by entry id: an empty answer takes theirs back. Only their own
/// entries, while answers are taken; each change is audited with its old and new answer.
pub async fn save_answers(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    form: BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let c = round(db, r.into()).await?;
    let kind = shortlist_kind(&c).ok_or(AppError::NotFound)?;
    member(db, c.id, actor.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = JuryAccess::load(db, &c).await?;
    if !open(&c, &access, now) {
        return Err(AppError::Conflict(Conflict::ShortlistClosed));
    }
    let mut wanted: Vec<(i32, Option<i32>)> = Vec::new();
    let mut problems = Vec::new();
    for (key, value) in &form {
        let Some(id) = key.trim().parse::<i32>().ok() else {
            problems.push(FieldError::new("answers", Problem::InvalidChoice));
            continue;
        };
        if !access.assigned(id, actor.user_id) {
            return Err(AppError::NotFound);
        }
        if access.conflicted(id, actor.user_id) {
            return Err(AppError::Conflict(Conflict::Recused));
        }
        match value.trim() {
            "" => wanted.push((id, None)),
            v => match v.parse::<i32>().ok().filter(|v| kind.values().contains(v)) {
                Some(v) => wanted.push((id, Some(v))),
                None => problems.push(FieldError {
                    field: format!("answers.{id}"),
                    problem: Problem::InvalidChoice,
                }),
            },
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let before = answers(db, &access).await?;
    let txn = begin_write(db).await?;
    let mut changed = serde_json::Map::new();
    for (entry_id, value) in wanted {
        let old = before.get(&(entry_id, actor.user_id)).copied();
        if old == value {
            continue;
        }
        match value {
            // One row per entry and juror, whatever another tab of theirs saves at once.
            Some(value) => {
                use shortlist_vote::Column as V;
                shortlist_vote::Entity::insert(shortlist_vote::ActiveModel {
                    entry_id: Set(entry_id),
                    juror_id: Set(actor.user_id),
                    value: Set(value),
                    saved_at: Set(now),
                    ..Default::default()
                })
                .on_conflict(
                    sea_orm::sea_query::OnConflict::columns([V::EntryId, V::JurorId])
                        .update_columns([V::Value, V::SavedAt])
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
            }
            None => {
                shortlist_vote::Entity::delete_many()
                    .filter(shortlist_vote::Column::EntryId.eq(entry_id))
                    .filter(shortlist_vote::Column::JurorId.eq(actor.user_id))
                    .exec(&txn)
                    .await?;
            }
        }
        changed.insert(entry_id.to_string(), json!({ "old": old, "new": value }));
    }
    if !changed.is_empty() {
        audit::record(
            &txn,
            Some(actor.user_id),
            "jury.shortlist_answer",
            format!("competition:{}", c.id),
            serde_json::Value::Object(changed),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The chair (or the round's organiser) advances the shortlist, once, while judging is open:
/// the top N by mean answer (refused where entries tie across the cut), or a chosen set, with
/// the reason. Audited. Each active juror with advanced entries to score is mailed, in the
/// same transaction. One refused is kept for whoever sent it (`unsaved`): the page shows it.
pub async fn advance(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    form: AdvanceForm,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let r: RoundRef = r.into();
    let advanced = record_advance(db, actor, r, &form, now, base_url).await;
    super::unsaved::after_advancement(db, actor, r, &form, &advanced, now).await?;
    advanced
}

async fn record_advance(
    db: &DatabaseConnection,
    actor: &Actor,
    r: RoundRef,
    form: &AdvanceForm,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let c = round(db, r).await?;
    shortlist_kind(&c).ok_or(AppError::Conflict(Conflict::NoShortlist))?;
    super::deliberation::overseer(db, actor, &c).await?;
    if phase_at(&c, now) != Phase::Judging {
        return Err(AppError::Conflict(Conflict::JudgingClosed));
    }
    let access = JuryAccess::load(db, &c).await?;
    if access.stage() != Stage::Shortlist {
        return Err(AppError::Conflict(Conflict::AlreadyAdvanced));
    }
    let answers = answers(db, &access).await?;
    let counts = counts(&access, &answers);
    let mut problems = Vec::new();
    let reason = form.reason.trim();
    if reason.is_empty() {
        problems.push(FieldError::new("reason", Problem::Required));
    } else if reason.chars().count() > MAX_COMMENT {
        problems.push(FieldError::new("reason", Problem::TooLong));
    }
    let (chosen, top): (Vec<i32>, Option<i32>) = match form.how.as_str() {
        "top" => match form
            .top
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=counts.len()).contains(n))
        {
            None => {
                problems.push(FieldError::new("top", Problem::OutOfRange));
                (Vec::new(), None)
            }
            Some(n) => {
                if counts
                    .get(n)
                    .is_some_and(|next| same(next.mean(), counts[n - 1].mean()))
                {
                    problems.push(FieldError::new("top", Problem::TiedAtCut));
                }
                (
                    counts[..n].iter().map(|c| c.entry.id).collect(),
                    Some(n as i32),
                )
            }
        },
        "chosen" => {
            let mut ids: Vec<i32> = Vec::new();
            for id in &form.chosen {
                if !access.shortlisted().iter().any(|e| e.id == *id) {
                    problems.push(FieldError::new("chosen", Problem::InvalidChoice));
                } else if !ids.contains(id) {
                    ids.push(*id);
                }
            }
            if ids.is_empty() {
                problems.push(FieldError::new("chosen", Problem::Required));
            }
            (ids, None)
        }
        _ => {
            problems.push(FieldError::new("how", Problem::InvalidChoice));
            (Vec::new(), None)
        }
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let mut chosen = chosen;
    chosen.sort_unstable();
    let txn = begin_write(db).await?;
    let inserted = shortlist_advance::Entity::insert(shortlist_advance::ActiveModel {
        competition_id: Set(c.id),
        entries: Set(Advanced(chosen.clone())),
        top: Set(top),
        reason: Set(reason.to_string()),
        advanced_by: Set(Some(actor.user_id)),
        advanced_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::column(shortlist_advance::Column::CompetitionId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        return Err(AppError::Conflict(Conflict::AlreadyAdvanced));
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "jury.shortlist_advance",
        format!("competition:{}", c.id),
        json!({ "entries": chosen, "top": top, "reason": reason }),
        now,
    )
    .await?;
    // Whom to tell: what each juror scores now is what they may read among the advanced.
    let to_score = |juror: i32| {
        chosen
            .iter()
            .filter(|e| access.may_read(**e, juror))
            .count()
    };
    let jurors: Vec<(i32, usize)> = access
        .members()
        .into_iter()
        .map(|j| (j, to_score(j)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let people = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(jurors.iter().map(|(j, _)| *j)))
        .filter(app_user::Column::Active.eq(true))
        .all(&txn)
        .await?;
    let words = mail::RoundWords::load(&txn, c.id).await?;
    for u in people {
        let count = jurors
            .iter()
            .find(|(j, _)| *j == u.id)
            .map_or(0, |(_, n)| *n);
        let lang = Lang::from_code(&u.language);
        let template = Template::ShortlistAdvanced {
            name: u.name.clone(),
            year: c.year,
            count,
            link: format!("{base_url}{}", lang.href(&round_ref(&c).jury_path(""))),
        };
        mail::enqueue_in_round(&txn, &words, &u.email, &u.name, lang, &template, now).await?;
    }
    txn.commit().await?;
    Ok(())
}
