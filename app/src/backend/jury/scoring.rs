//! A juror's score sheets: the scoring view with what the rules let them see of others,
//! the checks, autosave and submission, and the juror's own overview.
use crate::backend::begin_write;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};

use crate::backend::accounts::Actor;
use crate::backend::anonymity;
use crate::backend::audit;
use crate::backend::clock::when;
use crate::backend::competition::{judging_closes, phase_at};
use crate::backend::entities::score_sheet::SheetState;
use crate::backend::entities::{attachment, competition, entry, jury_member, score_sheet};
use crate::backend::entries::applicant;
use crate::backend::rubric::criteria;
use crate::backend::unsaved::UnsavedForm;
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::model::{
    AssignedEntry, CriterionInfo, CriterionScore, EntryLink, Hidden, JurorHome, OtherSheet, Phase,
    Saved, ScoringView, SheetForm, SheetStatus, Text,
};
use crate::ranking;

use super::*;

pub(super) async fn sheet_of(
    db: &impl ConnectionTrait,
    entry_id: i32,
    juror_id: i32,
) -> Result<Option<score_sheet::Model>, AppError> {
    Ok(score_sheet::Entity::find()
        .filter(score_sheet::Column::EntryId.eq(entry_id))
        .filter(score_sheet::Column::JurorId.eq(juror_id))
        .one(db)
        .await?)
}

pub(super) fn status_of(sheet: Option<&score_sheet::Model>) -> SheetStatus {
    match sheet.map(|s| s.status) {
        None => SheetStatus::NotStarted,
        Some(SheetState::Submitted) => SheetStatus::Submitted,
        Some(SheetState::Draft) => SheetStatus::Draft,
    }
}

pub(super) fn form_of(sheet: Option<&score_sheet::Model>, criteria: &[CriterionInfo]) -> SheetForm {
    let stored = sheet.map(|s| s.scores.0.clone()).unwrap_or_default();
    SheetForm {
        scores: criteria
            .iter()
            .map(|k| {
                let s = stored.get(&k.key).cloned().unwrap_or_default();
                CriterionScore {
                    key: k.key.clone(),
                    score: s.score.map(|n| n.to_string()).unwrap_or_default(),
                    comment: s.comment,
                }
            })
            .collect(),
        overall_comment: sheet.map(|s| s.overall_comment.clone()).unwrap_or_default(),
    }
}

pub(super) fn weighted_total(scores: &Scores, criteria: &[CriterionInfo]) -> f64 {
    let values: Vec<f64> = criteria
        .iter()
        .map(|k| scores.get(&k.key).and_then(|s| s.score).unwrap_or(0) as f64)
        .collect();
    let weights: Vec<f64> = criteria.iter().map(|k| k.weight as f64).collect();
    ranking::weighted_mean(&values, &weights)
}

/// Why a juror does not see the other jurors' scores of an entry (and the jury's discussion of
/// it) yet: until judging closes where the year keeps scores blind, else until their own sheet
/// is in. `None`: they see them.
pub(super) fn others_hidden(
    c: &competition::Model,
    own: SheetStatus,
    now: DateTime<Utc>,
) -> Option<Hidden> {
    let closed = phase_at(c, now) > Phase::Judging;
    if !closed && c.blind_until_close {
        Some(Hidden::UntilJudgingCloses)
    } else if !closed && own != SheetStatus::Submitted {
        Some(Hidden::UntilOwnSubmitted)
    } else {
        None
    }
}

/// The entry, the juror's own sheet, and other jurors' sheets where the rules allow.
pub async fn scoring_view(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<ScoringView, AppError> {
    let (e, c, access) = juror_entry(db, actor, entry_id).await?;
    let criteria = criteria(db, &c).await?;
    let own = sheet_of(db, e.id, actor.user_id).await?;
    let status = status_of(own.as_ref());
    let revision = own.as_ref().map(|s| s.revision).unwrap_or(0);
    let editable = judging_open(&c, now) && access.may_score(e.id, actor.user_id);
    let stored = (revision, editable);
    let (unsaved, refused) = super::unsaved::for_form(db, actor, e.id, stored, &criteria).await?;
    let may_declare = conflicts_open(&c, now);
    let kept_conflict =
        super::unsaved::kept_text(db, actor, (UnsavedForm::Conflict, e.id), may_declare).await?;
    let others = if let Some(hidden) = others_hidden(&c, status, now) {
        Err(hidden)
    } else {
        let sheets: Vec<score_sheet::Model> = score_sheet::Entity::find()
            .filter(score_sheet::Column::EntryId.eq(e.id))
            .filter(score_sheet::Column::Status.eq(SheetState::Submitted))
            .filter(score_sheet::Column::JurorId.ne(actor.user_id))
            .all(db)
            .await?
            .into_iter()
            .filter(|s| access.may_score(e.id, s.juror_id))
            .collect();
        let names = user_names(db, sheets.iter().map(|s| s.juror_id)).await?;
        Ok(sheets
            .iter()
            .map(|s| OtherSheet {
                juror: names.get(&s.juror_id).cloned().unwrap_or_default(),
                total: weighted_total(&s.scores.0, &criteria),
                scores: form_of(Some(s), &criteria).scores,
                overall_comment: s.overall_comment.clone(),
            })
            .collect())
    };
    let attachments = attachment::Entity::find()
        .filter(attachment::Column::EntryId.eq(e.id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?;
    let (previous, next) = neighbours(&access, e.id, actor.user_id);
    let anonymous = anonymity::anonymous(&c);
    let mut entry = applicant::last_submitted(db, e.id)
        .await?
        .unwrap_or_default();
    let mut attachments: Vec<_> = attachments
        .into_iter()
        .map(applicant::attachment_view)
        .collect();
    if anonymous {
        anonymity::mask(&mut entry);
        anonymity::numbered_views(&mut attachments);
    }
    Ok(ScoringView {
        entry_id: e.id,
        year: c.year,
        reference: e.reference.clone(),
        entry,
        attachments,
        anonymous,
        sheet: refused.unwrap_or_else(|| form_of(own.as_ref(), &criteria)),
        criteria,
        scale: (c.scale_min, c.scale_max),
        status,
        revision,
        editable,
        shortlisting: access.stage() == Stage::Shortlist,
        closes: judging_closes(&c).map(when),
        others,
        previous,
        next,
        unsaved,
        may_declare,
        kept_conflict,
    })
}

/// The juror's entries either side of `entry` in their list, skipping those they stand aside
/// from.
fn neighbours(
    access: &JuryAccess,
    entry: i32,
    juror: i32,
) -> (Option<EntryLink>, Option<EntryLink>) {
    let mine: Vec<&entry::Model> = access
        .entries()
        .iter()
        .filter(|e| access.may_read(e.id, juror))
        .collect();
    let link = |e: &&entry::Model| EntryLink {
        entry_id: e.id,
        title: e.title.clone(),
    };
    match mine.iter().position(|e| e.id == entry) {
        Some(i) => (
            i.checked_sub(1).and_then(|p| mine.get(p)).map(link),
            mine.get(i + 1).map(link),
        ),
        None => (None, None),
    }
}

/// Checks a sheet against the rubric and scale; with `complete`, every criterion must be scored.
pub(super) fn check_sheet(
    form: &SheetForm,
    criteria: &[CriterionInfo],
    scale: (i32, i32),
    complete: bool,
) -> Result<Scores, AppError> {
    let mut problems = Vec::new();
    let mut out = Scores::new();
    for (i, k) in criteria.iter().enumerate() {
        let given = form.scores.iter().find(|s| s.key == k.key);
        let raw = given.map(|s| s.score.trim()).unwrap_or("");
        let comment = given
            .map(|s| s.comment.trim().to_string())
            .unwrap_or_default();
        let score = if raw.is_empty() {
            if complete {
                problems.push(FieldError::new(
                    format!("scores.{i}.score"),
                    Problem::Required,
                ));
            }
            None
        } else {
            match raw.parse::<i32>() {
                Ok(n) if (scale.0..=scale.1).contains(&n) => Some(n),
                _ => {
                    problems.push(FieldError::new(
                        format!("scores.{i}.score"),
                        Problem::OutOfRange,
                    ));
                    None
                }
            }
        };
        if comment.chars().count() > MAX_COMMENT {
            problems.push(FieldError::new(
                format!("scores.{i}.comment"),
                Problem::TooLong,
            ));
        }
        out.insert(k.key.clone(), Stored { score, comment });
    }
    if form
        .scores
        .iter()
        .any(|s| !criteria.iter().any(|k| k.key == s.key))
    {
        problems.push(FieldError::new("scores", Problem::InvalidChoice));
    }
    if form.overall_comment.chars().count() > MAX_COMMENT {
        problems.push(FieldError::new("overall_comment", Problem::TooLong));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// Saves (autosave) or submits a juror's sheet. `revision` is the sheet's revision the juror's
/// copy is based on (0 for a new sheet): a stale copy is refused. Every changed score is
/// written to the audit log with its old and new value. Nothing typed is lost: a refused sheet
/// is kept for the juror (`unsaved`).
pub async fn save_sheet(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    revision: i32,
    form: SheetForm,
    submit: bool,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    let (e, c, access) = juror_entry(db, actor, entry_id).await?;
    let sheet = (&e, &c, &access);
    let saved = store_sheet(db, actor, sheet, revision, &form, submit, now).await;
    let kept = super::unsaved::after_save(db, actor, (e.id, revision), &form, &saved, now).await;
    crate::backend::unsaved::answer(saved, kept)
}

/// Stores the sheet over `revision`, or refuses.
async fn store_sheet(
    db: &DatabaseConnection,
    actor: &Actor,
    (e, c, access): (&entry::Model, &competition::Model, &JuryAccess),
    revision: i32,
    form: &SheetForm,
    submit: bool,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    if !judging_open(c, now) {
        return Err(AppError::Conflict(Conflict::JudgingClosed));
    }
    if !access.may_score(e.id, actor.user_id) {
        return Err(AppError::Conflict(Conflict::ShortlistFirst));
    }
    let criteria = criteria(db, c).await?;
    let scores = check_sheet(form, &criteria, (c.scale_min, c.scale_max), submit)?;
    let txn = begin_write(db).await?;
    super::shortlist::advancement_stands(&txn, access).await?;
    let existing = sheet_of(&txn, e.id, actor.user_id).await?;
    let old = existing
        .as_ref()
        .map(|s| s.scores.0.clone())
        .unwrap_or_default();
    let status = if submit {
        SheetState::Submitted
    } else {
        existing
            .as_ref()
            .map(|s| s.status)
            .unwrap_or(SheetState::Draft)
    };
    let stored = score_sheet::Scores(scores.clone());
    let new_revision = match &existing {
        None => {
            if revision != 0 {
                return Err(AppError::Conflict(Conflict::Stale));
            }
            score_sheet::ActiveModel {
                entry_id: Set(e.id),
                juror_id: Set(actor.user_id),
                status: Set(status),
                revision: Set(1),
                overall_comment: Set(form.overall_comment.trim().to_string()),
                scores: Set(stored),
                submitted_at: Set(submit.then_some(now)),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            1
        }
        Some(s) => {
            let updated = score_sheet::Entity::update_many()
                .col_expr(score_sheet::Column::Status, Expr::value(status))
                .col_expr(
                    score_sheet::Column::Revision,
                    Expr::col(score_sheet::Column::Revision).add(1),
                )
                .col_expr(
                    score_sheet::Column::OverallComment,
                    Expr::value(form.overall_comment.trim().to_string()),
                )
                .col_expr(score_sheet::Column::Scores, Expr::value(stored))
                .col_expr(
                    score_sheet::Column::SubmittedAt,
                    Expr::value(if submit { Some(now) } else { s.submitted_at }),
                )
                .col_expr(score_sheet::Column::UpdatedAt, Expr::value(now))
                .filter(score_sheet::Column::Id.eq(s.id))
                .filter(score_sheet::Column::Revision.eq(revision))
                .exec(&txn)
                .await?;
            if updated.rows_affected == 0 {
                return Err(AppError::Conflict(Conflict::Stale));
            }
            revision + 1
        }
    };
    for k in &criteria {
        let (before, after) = (
            old.get(&k.key).and_then(|s| s.score),
            scores.get(&k.key).and_then(|s| s.score),
        );
        if before != after {
            audit::record(
                &txn,
                Some(actor.user_id),
                "score.change",
                format!("entry:{} juror:{} criterion:{}", e.id, actor.user_id, k.key),
                serde_json::json!({ "old": before, "new": after }),
                now,
            )
            .await?;
        }
    }
    if submit {
        audit::record(
            &txn,
            Some(actor.user_id),
            "score.submit",
            format!("entry:{} juror:{}", e.id, actor.user_id),
            serde_json::json!({ "revision": new_revision }),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(Saved {
        revision: new_revision,
        at: when(now),
    })
}

/// A juror's entries for a year, with the state of each sheet.
pub async fn juror_home(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    now: DateTime<Utc>,
) -> Result<JurorHome, AppError> {
    let c = round(db, r.into()).await?;
    let me = member(db, c.id, actor.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = JuryAccess::load(db, &c).await?;
    let entries = access.entries();
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let sheets: HashMap<i32, score_sheet::Model> = score_sheet::Entity::find()
        .filter(score_sheet::Column::JurorId.eq(actor.user_id))
        .filter(score_sheet::Column::EntryId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.entry_id, s))
        .collect();
    let anonymous = anonymity::anonymous(&c);
    let rows: Vec<AssignedEntry> = entries
        .iter()
        .filter(|e| access.assigned(e.id, actor.user_id))
        .map(|e| AssignedEntry {
            entry_id: e.id,
            reference: e.reference.clone(),
            title: e.title.clone(),
            organisation: if anonymous {
                String::new()
            } else {
                e.organisation_display.clone()
            },
            status: if access.conflicted(e.id, actor.user_id) {
                SheetStatus::Recused
            } else {
                status_of(sheets.get(&e.id))
            },
        })
        .collect();
    Ok(JurorHome {
        year: c.year,
        theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
        phase: phase_at(&c, now),
        closes: judging_closes(&c).map(when),
        submitted: rows
            .iter()
            .filter(|r| r.status == SheetStatus::Submitted)
            .count(),
        to_score: rows
            .iter()
            .filter(|r| access.may_score(r.entry_id, actor.user_id))
            .count(),
        entries: rows,
        chair: me.chair,
        anonymous,
        shortlist: super::shortlist::shortlist_status(db, &c, &access, actor.user_id, now).await?,
    })
}

/// The rounds whose jury the actor sits on, newest first: the home country's national rounds
/// and the European finals, with their themes.
pub async fn my_years(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<(RoundRef, Text)>, AppError> {
    let ids: Vec<i32> = jury_member::Entity::find()
        .filter(jury_member::Column::UserId.eq(actor.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.competition_id)
        .collect();
    Ok(competition::Entity::find()
        .filter(competition::Column::Id.is_in(ids))
        .order_by_desc(competition::Column::Year)
        .order_by_asc(competition::Column::RoundKind)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            (
                crate::backend::competition::round_ref(&c),
                Text::new(&c.theme_sv, c.theme_en.as_ref()),
            )
        })
        .collect())
}
