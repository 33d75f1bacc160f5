//! The jurors' answers in the shortlist round: saving them, and who still owes theirs (for the
//! reminders and the dashboard).
use std::collections::BTreeMap;

use sea_orm::ActiveValue::Set;
use serde_json::json;

use crate::backend::{audit, begin_write};
use crate::error::{Conflict, FieldError, Problem};

use super::*;

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
