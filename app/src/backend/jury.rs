//! The jury room: membership, assignments, conflicts of interest, score sheets, progress,
//! ranking and the decision. Who may see what is decided here and only here:
//! - a juror is a member of the year's jury; they score the entries assigned to them (all of
//!   them unless the organiser has assigned otherwise), except those they are conflicted on;
//! - a juror sees other jurors' scores of an entry only after submitting their own (or, if the
//!   year says so, only once judging has closed), and never for an entry they are conflicted on;
//! - the chair sees progress during judging and the ranking once judging has closed; the
//!   organiser (admin) sees both at any time, being no juror.
use crate::backend::begin_write;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};

use super::accounts::Actor;
use super::admin::require_admin;
use super::clock::when;
use super::competition::{criteria, phase_at};
use super::entities::{
    app_user, attachment, audit_log, award, competition, entry, jury_assignment, jury_conflict,
    jury_decision, jury_member, score_sheet, user_role,
};
use super::entries::{PUBLIC_STATUSES, applicant};
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::model::{
    AssignedEntry, CriterionInfo, CriterionScore, Hidden, JurorHome, OtherSheet, Phase,
    ProgressMatrix, RankingRow, RankingView, Role, Saved, ScoringView, SheetForm, SheetStatus,
    Text,
};
use crate::ranking;

const MAX_COMMENT: usize = 5_000;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Stored {
    score: Option<i32>,
    comment: String,
}

type Scores = BTreeMap<String, Stored>;

fn parse_scores(json: &str) -> Scores {
    serde_json::from_str(json).unwrap_or_default()
}

/// Writes one line to the audit log, in the caller's transaction.
pub(crate) async fn audit<C: ConnectionTrait>(
    db: &C,
    actor: Option<i32>,
    action: &str,
    subject: String,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    audit_log::ActiveModel {
        at: Set(now),
        actor_id: Set(actor),
        action: Set(action.into()),
        subject: Set(subject),
        detail: Set(detail.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn year(db: &DatabaseConnection, y: i32) -> Result<competition::Model, AppError> {
    competition::Entity::find()
        .filter(competition::Column::Year.eq(y))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn member(
    db: &DatabaseConnection,
    competition_id: i32,
    user_id: i32,
) -> Result<Option<jury_member::Model>, AppError> {
    Ok(jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(competition_id))
        .filter(jury_member::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// Judging is open from its start until deliberation (or a decision) begins.
fn judging_open(c: &competition::Model, now: DateTime<Utc>) -> bool {
    phase_at(c, now) == Phase::Judging
}

/// Entries that take part in judging: submitted or found eligible.
async fn judged_entries(
    db: &DatabaseConnection,
    competition_id: i32,
) -> Result<Vec<entry::Model>, AppError> {
    Ok(entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(competition_id))
        .filter(entry::Column::Status.is_in(PUBLIC_STATUSES))
        .order_by_asc(entry::Column::Reference)
        .all(db)
        .await?)
}

/// Who is assigned what. Without any assignment rows for the year, every juror has every entry.
struct Assignments {
    explicit: Option<HashSet<(i32, i32)>>,
}

impl Assignments {
    async fn load(db: &DatabaseConnection, entry_ids: &[i32]) -> Result<Self, AppError> {
        let rows = jury_assignment::Entity::find()
            .filter(jury_assignment::Column::EntryId.is_in(entry_ids.to_vec()))
            .all(db)
            .await?;
        Ok(Assignments {
            explicit: (!rows.is_empty())
                .then(|| rows.into_iter().map(|a| (a.entry_id, a.juror_id)).collect()),
        })
    }

    fn has(&self, entry_id: i32, juror_id: i32) -> bool {
        self.explicit
            .as_ref()
            .is_none_or(|set| set.contains(&(entry_id, juror_id)))
    }
}

async fn conflicts(
    db: &DatabaseConnection,
    entry_ids: &[i32],
) -> Result<HashSet<(i32, i32)>, AppError> {
    Ok(jury_conflict::Entity::find()
        .filter(jury_conflict::Column::EntryId.is_in(entry_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.entry_id, c.juror_id))
        .collect())
}

/// The entry, its year and the actor's membership, for a juror allowed to score it.
async fn juror_entry(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
) -> Result<(entry::Model, competition::Model), AppError> {
    let e = entry::Entity::find_by_id(entry_id)
        .one(db)
        .await?
        .filter(|e| PUBLIC_STATUSES.contains(&e.status.as_str()))
        .ok_or(AppError::NotFound)?;
    let c = applicant::competition_of(db, &e).await?;
    if member(db, c.id, actor.user_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if !Assignments::load(db, &[e.id])
        .await?
        .has(e.id, actor.user_id)
    {
        return Err(AppError::NotFound);
    }
    if conflicts(db, &[e.id])
        .await?
        .contains(&(e.id, actor.user_id))
    {
        return Err(AppError::Conflict(Conflict::Recused));
    }
    Ok((e, c))
}

/// Whether the actor may read the entry as a juror: assigned to it, a member of its year's
/// jury, without a conflict of interest (its attachments, as supporting material).
pub async fn may_read_as_juror(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
) -> Result<bool, AppError> {
    match juror_entry(db, actor, entry_id).await {
        Ok(_) => Ok(true),
        Err(AppError::NotFound | AppError::Conflict(Conflict::Recused)) => Ok(false),
        Err(e) => Err(e),
    }
}

async fn user_names(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// Adds a person to a year's jury (the organiser; also what accepting an invitation does) and
/// gives them the juror role, and the chair role when `chair`.
pub async fn add_member(
    db: &DatabaseConnection,
    actor: &Actor,
    y: i32,
    user_id: i32,
    chair: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let c = year(db, y).await?;
    let txn = begin_write(db).await?;
    join(&txn, c.id, user_id, chair, now).await?;
    audit(
        &txn,
        Some(actor.user_id),
        "jury.member",
        format!("competition:{} user:{user_id}", c.id),
        serde_json::json!({ "chair": chair }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub(crate) async fn join<C: ConnectionTrait>(
    db: &C,
    competition_id: i32,
    user_id: i32,
    chair: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(competition_id))
        .filter(jury_member::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(m) => {
            jury_member::ActiveModel {
                id: Set(m.id),
                chair: Set(chair || m.chair),
                ..Default::default()
            }
            .update(db)
            .await?;
        }
        None => {
            jury_member::ActiveModel {
                competition_id: Set(competition_id),
                user_id: Set(user_id),
                chair: Set(chair),
                joined_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    let roles: Vec<String> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect();
    for role in [Some(Role::Juror), chair.then_some(Role::Chair)]
        .into_iter()
        .flatten()
    {
        if !roles.iter().any(|r| r == role.code()) {
            user_role::ActiveModel {
                user_id: Set(user_id),
                role: Set(role.code().into()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The organiser records a juror's conflict of interest.
pub async fn add_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    juror_id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    declare_conflict(db, actor, entry_id, juror_id, reason, now).await
}

/// A conflict of interest: declared by the juror themself, or added by the organiser.
/// The juror's sheet for the entry, if any, no longer counts.
pub async fn declare_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    juror_id: i32,
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
    let e = entry::Entity::find_by_id(entry_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = applicant::competition_of(db, &e).await?;
    let own = juror_id == actor.user_id;
    if own {
        if member(db, c.id, actor.user_id).await?.is_none()
            || !Assignments::load(db, &[e.id])
                .await?
                .has(e.id, actor.user_id)
        {
            return Err(AppError::NotFound);
        }
    } else {
        require_admin(actor)?;
        if member(db, c.id, juror_id).await?.is_none() {
            return Err(AppError::invalid_field("juror_id", Problem::InvalidChoice));
        }
    }
    if phase_at(&c, now) > Phase::Deliberation {
        return Err(AppError::Conflict(Conflict::JudgingClosed));
    }
    let txn = begin_write(db).await?;
    let exists = jury_conflict::Entity::find()
        .filter(jury_conflict::Column::EntryId.eq(e.id))
        .filter(jury_conflict::Column::JurorId.eq(juror_id))
        .one(&txn)
        .await?
        .is_some();
    if !exists {
        jury_conflict::ActiveModel {
            entry_id: Set(e.id),
            juror_id: Set(juror_id),
            reason: Set(reason.to_string()),
            declared_by: Set(Some(actor.user_id)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit(
            &txn,
            Some(actor.user_id),
            "jury.conflict",
            format!("entry:{} juror:{juror_id}", e.id),
            serde_json::json!({ "reason": reason }),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn sheet_of(
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

fn status_of(sheet: Option<&score_sheet::Model>) -> SheetStatus {
    match sheet.map(|s| s.status.as_str()) {
        None => SheetStatus::NotStarted,
        Some("submitted") => SheetStatus::Submitted,
        Some(_) => SheetStatus::Draft,
    }
}

fn form_of(sheet: Option<&score_sheet::Model>, criteria: &[CriterionInfo]) -> SheetForm {
    let stored = sheet.map(|s| parse_scores(&s.scores)).unwrap_or_default();
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

fn weighted_total(scores: &Scores, criteria: &[CriterionInfo]) -> f64 {
    let values: Vec<f64> = criteria
        .iter()
        .map(|k| scores.get(&k.key).and_then(|s| s.score).unwrap_or(0) as f64)
        .collect();
    let weights: Vec<f64> = criteria.iter().map(|k| k.weight as f64).collect();
    ranking::weighted_mean(&values, &weights)
}

/// The entry, the juror's own sheet, and other jurors' sheets where the rules allow.
pub async fn scoring_view(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<ScoringView, AppError> {
    let (e, c) = juror_entry(db, actor, entry_id).await?;
    let criteria = criteria(db, &c).await?;
    let own = sheet_of(db, e.id, actor.user_id).await?;
    let status = status_of(own.as_ref());
    let closed = phase_at(&c, now) > Phase::Judging;
    let others = if !closed && c.blind_until_close {
        Err(Hidden::UntilJudgingCloses)
    } else if !closed && status != SheetStatus::Submitted {
        Err(Hidden::UntilOwnSubmitted)
    } else {
        let conflicted = conflicts(db, &[e.id]).await?;
        let sheets: Vec<score_sheet::Model> = score_sheet::Entity::find()
            .filter(score_sheet::Column::EntryId.eq(e.id))
            .filter(score_sheet::Column::Status.eq("submitted"))
            .filter(score_sheet::Column::JurorId.ne(actor.user_id))
            .all(db)
            .await?
            .into_iter()
            .filter(|s| !conflicted.contains(&(e.id, s.juror_id)))
            .collect();
        let names = user_names(db, sheets.iter().map(|s| s.juror_id)).await?;
        Ok(sheets
            .iter()
            .map(|s| {
                let scores = parse_scores(&s.scores);
                OtherSheet {
                    juror: names.get(&s.juror_id).cloned().unwrap_or_default(),
                    total: weighted_total(&scores, &criteria),
                    scores: form_of(Some(s), &criteria).scores,
                    overall_comment: s.overall_comment.clone(),
                }
            })
            .collect())
    };
    let attachments = attachment::Entity::find()
        .filter(attachment::Column::EntryId.eq(e.id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?;
    Ok(ScoringView {
        entry_id: e.id,
        year: c.year,
        reference: e.reference.clone(),
        entry: applicant::last_submitted(db, e.id)
            .await?
            .unwrap_or_default(),
        attachments: attachments
            .into_iter()
            .map(applicant::attachment_view)
            .collect(),
        sheet: form_of(own.as_ref(), &criteria),
        criteria,
        scale: (c.scale_min, c.scale_max),
        status,
        revision: own.as_ref().map(|s| s.revision).unwrap_or(0),
        editable: judging_open(&c, now),
        closes: c.deliberation_at.or(c.decided_at).map(when),
        others,
    })
}

/// Checks a sheet against the rubric and scale; with `complete`, every criterion must be scored.
fn check_sheet(
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
                problems.push(FieldError {
                    field: format!("scores.{i}.score"),
                    problem: Problem::Required,
                });
            }
            None
        } else {
            match raw.parse::<i32>() {
                Ok(n) if (scale.0..=scale.1).contains(&n) => Some(n),
                _ => {
                    problems.push(FieldError {
                        field: format!("scores.{i}.score"),
                        problem: Problem::OutOfRange,
                    });
                    None
                }
            }
        };
        if comment.chars().count() > MAX_COMMENT {
            problems.push(FieldError {
                field: format!("scores.{i}.comment"),
                problem: Problem::TooLong,
            });
        }
        out.insert(k.key.clone(), Stored { score, comment });
    }
    if form
        .scores
        .iter()
        .any(|s| !criteria.iter().any(|k| k.key == s.key))
    {
        problems.push(FieldError {
            field: "scores".into(),
            problem: Problem::InvalidChoice,
        });
    }
    if form.overall_comment.chars().count() > MAX_COMMENT {
        problems.push(FieldError {
            field: "overall_comment".into(),
            problem: Problem::TooLong,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// Saves (autosave) or submits a juror's sheet. `revision` is the sheet's revision the juror's
/// copy is based on (0 for a new sheet): a stale copy is refused. Every changed score is
/// written to the audit log with its old and new value.
pub async fn save_sheet(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    revision: i32,
    form: SheetForm,
    submit: bool,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    let (e, c) = juror_entry(db, actor, entry_id).await?;
    if !judging_open(&c, now) {
        return Err(AppError::Conflict(Conflict::JudgingClosed));
    }
    let criteria = criteria(db, &c).await?;
    let scores = check_sheet(&form, &criteria, (c.scale_min, c.scale_max), submit)?;
    let txn = begin_write(db).await?;
    let existing = sheet_of(&txn, e.id, actor.user_id).await?;
    let old = existing
        .as_ref()
        .map(|s| parse_scores(&s.scores))
        .unwrap_or_default();
    let status = if submit {
        "submitted"
    } else {
        existing
            .as_ref()
            .map(|s| s.status.as_str())
            .unwrap_or("draft")
    };
    let json = serde_json::to_string(&scores).map_err(|_| AppError::Internal)?;
    let new_revision = match &existing {
        None => {
            if revision != 0 {
                return Err(AppError::Conflict(Conflict::Stale));
            }
            score_sheet::ActiveModel {
                entry_id: Set(e.id),
                juror_id: Set(actor.user_id),
                status: Set(status.into()),
                revision: Set(1),
                overall_comment: Set(form.overall_comment.trim().to_string()),
                scores: Set(json),
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
                .col_expr(score_sheet::Column::Scores, Expr::value(json))
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
            audit(
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
        audit(
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
    y: i32,
    now: DateTime<Utc>,
) -> Result<JurorHome, AppError> {
    let c = year(db, y).await?;
    let me = member(db, c.id, actor.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let entries = judged_entries(db, c.id).await?;
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let assigned = Assignments::load(db, &ids).await?;
    let conflicted = conflicts(db, &ids).await?;
    let sheets: HashMap<i32, score_sheet::Model> = score_sheet::Entity::find()
        .filter(score_sheet::Column::JurorId.eq(actor.user_id))
        .filter(score_sheet::Column::EntryId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.entry_id, s))
        .collect();
    let rows: Vec<AssignedEntry> = entries
        .iter()
        .filter(|e| assigned.has(e.id, actor.user_id))
        .map(|e| AssignedEntry {
            entry_id: e.id,
            reference: e.reference.clone(),
            title: e.title.clone(),
            organisation: e.organisation_display.clone(),
            status: if conflicted.contains(&(e.id, actor.user_id)) {
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
        closes: c.deliberation_at.or(c.decided_at).map(when),
        submitted: rows
            .iter()
            .filter(|r| r.status == SheetStatus::Submitted)
            .count(),
        to_score: rows
            .iter()
            .filter(|r| r.status != SheetStatus::Recused)
            .count(),
        entries: rows,
        chair: me.chair,
    })
}

/// The years whose jury the actor sits on, newest first: (year, theme).
pub async fn my_years(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<(i32, Text)>, AppError> {
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
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.year, Text::new(&c.theme_sv, c.theme_en.as_ref())))
        .collect())
}

/// The chair (or the organiser) may oversee the year; returns whether the actor is the chair.
async fn overseer(
    db: &DatabaseConnection,
    actor: &Actor,
    c: &competition::Model,
) -> Result<bool, AppError> {
    if actor.has(Role::Admin) {
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
    y: i32,
) -> Result<ProgressMatrix, AppError> {
    let c = year(db, y).await?;
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
    let entries = judged_entries(db, c.id).await?;
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let assigned = Assignments::load(db, &ids).await?;
    let conflicted = conflicts(db, &ids).await?;
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
                    assigned.has(e.id, *j).then(|| {
                        if conflicted.contains(&(e.id, *j)) {
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
    y: i32,
    now: DateTime<Utc>,
) -> Result<RankingView, AppError> {
    let c = year(db, y).await?;
    let is_chair = overseer(db, actor, &c).await?;
    if is_chair && phase_at(&c, now) <= Phase::Judging {
        return Err(AppError::Conflict(Conflict::NotYet));
    }
    let criteria = criteria(db, &c).await?;
    let entries = judged_entries(db, c.id).await?;
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let conflicted = conflicts(db, &ids).await?;
    let assigned = Assignments::load(db, &ids).await?;
    let sheets: Vec<score_sheet::Model> = score_sheet::Entity::find()
        .filter(score_sheet::Column::EntryId.is_in(ids.clone()))
        .filter(score_sheet::Column::Status.eq("submitted"))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| {
            !conflicted.contains(&(s.entry_id, s.juror_id)) && assigned.has(s.entry_id, s.juror_id)
        })
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
                parse_scores(&s.scores),
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

/// Records the decision, which closes judging. Once only.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    y: i32,
    input: DecisionInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let c = year(db, y).await?;
    let is_chair = overseer(db, actor, &c).await?;
    if !actor.has(Role::Admin) && !is_chair {
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
    let ranking = ranking_view(db, &admin_view(actor), y, now).await?;
    let mut problems = Vec::new();
    let judged: HashSet<i32> = judged_entries(db, c.id)
        .await?
        .iter()
        .map(|e| e.id)
        .collect();
    let mut seen = HashSet::new();
    for (field, id) in std::iter::once(("winner", input.winner))
        .chain(input.runners_up.iter().map(|i| ("runners_up", *i)))
        .chain(input.mentions.iter().map(|i| ("mentions", *i)))
    {
        if !judged.contains(&id) || !seen.insert(id) {
            problems.push(FieldError {
                field: field.into(),
                problem: Problem::InvalidChoice,
            });
        }
    }
    if input.motivation_sv.trim().is_empty() {
        problems.push(FieldError {
            field: "motivation_sv".into(),
            problem: Problem::Required,
        });
    }
    for (field, text) in [
        ("motivation_sv", &input.motivation_sv),
        ("motivation_en", &input.motivation_en),
        ("tie_reason", &input.tie_reason),
    ] {
        if text.chars().count() > MAX_COMMENT {
            problems.push(FieldError {
                field: field.into(),
                problem: Problem::TooLong,
            });
        }
    }
    // A winner still tied at the top needs the chair's recorded reason.
    let winner_tied = ranking
        .rows
        .iter()
        .any(|r| r.entry_id == input.winner && r.tied && r.rank == 1);
    if winner_tied && input.tie_reason.trim().is_empty() {
        problems.push(FieldError {
            field: "tie_reason".into(),
            problem: Problem::Required,
        });
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
    audit(
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
    crate::backend::publication::changed(db).await;
    Ok(())
}

/// The decision checks use the full ranking whoever records it.
fn admin_view(actor: &Actor) -> Actor {
    let mut a = actor.clone();
    if !a.roles.contains(&Role::Admin) {
        a.roles.push(Role::Admin);
    }
    a
}
