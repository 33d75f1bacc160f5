//! The jury's feedback to applicants. After judging, the round's organiser or its jury chair
//! chooses jurors' comments on an entry and writes a summary (in Swedish, English or both); once
//! the results are public the organiser releases it, the applicant is mailed, and reads it under
//! their entry. Who may do what is decided here:
//! - prepare: the round's organiser at any time, the chair once judging has closed, never on an
//!   entry the chair is conflicted on;
//! - release: the organiser only, once the results are public, once per entry;
//! - read: whoever may read the entry, and only what was released.
//!
//! Comments are chosen by sheet and criterion and read from the sheet each time, so a juror is
//! never named and their words are never copied. A juror conflicted on the entry, or whose sheet
//! is not submitted, contributes nothing.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};

use crate::backend::accounts::Actor;
use crate::backend::admin::organised;
use crate::backend::audit;
use crate::backend::begin_write;
use crate::backend::clock::when;
use crate::backend::competition::{organises, round_ref};
use crate::backend::entities::entry_feedback::{self, Chosen};
use crate::backend::entities::score_sheet::{self, SheetState};
use crate::backend::entities::{competition, entry};
use crate::backend::entries::applicant;
use crate::backend::jury::{JuryAccess, judged_entries, overseer};
use crate::backend::mail::{self, Template};
use crate::backend::publication::recipients;
use crate::backend::rubric::criteria;
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::model::*;

/// The longest summary, in characters, per language.
pub const MAX_SUMMARY: usize = 5_000;
const OVERALL: &str = "overall";

/// What the organiser or chair saves: the summary in each language and the chosen comments'
/// keys (`FeedbackCandidate::key`).
#[derive(Clone, Debug, Default)]
pub struct FeedbackInput {
    pub summary_sv: String,
    pub summary_en: String,
    pub chosen: Vec<String>,
}

/// The entry, its round, and whether the actor organises the round (otherwise they are its
/// chair): the one check for preparing feedback.
async fn preparing(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<(entry::Model, competition::Model, bool), AppError> {
    let e = applicant::find(db, entry_id).await?;
    let c = applicant::competition_of(db, &e).await?;
    let organiser = may_prepare(db, actor, &e, &c, now).await?;
    Ok((e, c, organiser))
}

/// Whether the actor may prepare the feedback on `e`: `true` for the round's organiser, `false`
/// for its chair once judging has closed and unless conflicted on the entry.
async fn may_prepare(
    db: &DatabaseConnection,
    actor: &Actor,
    e: &entry::Model,
    c: &competition::Model,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let chair = overseer(db, actor, c).await?;
    let access = JuryAccess::load(db, c).await?;
    if chair {
        if crate::backend::competition::phase_at(c, now) <= Phase::Judging {
            return Err(AppError::Conflict(Conflict::NotYet));
        }
        if access.conflicted(e.id, actor.user_id) {
            return Err(AppError::Conflict(Conflict::Recused));
        }
    }
    // Only an entry the jury judged has feedback.
    if !access.entries().iter().any(|j| j.id == e.id) {
        return Err(AppError::NotFound);
    }
    Ok(!chair)
}

/// Every comment jurors wrote on the entry in their submitted sheets, numbered per juror in the
/// order the sheets were made, without names; jurors conflicted on the entry are left out.
async fn candidates(
    db: &DatabaseConnection,
    c: &competition::Model,
    e: &entry::Model,
    chosen: &[String],
) -> Result<Vec<FeedbackCandidate>, AppError> {
    let access = JuryAccess::load(db, c).await?;
    let sheets = score_sheet::Entity::find()
        .filter(score_sheet::Column::EntryId.eq(e.id))
        .filter(score_sheet::Column::Status.eq(SheetState::Submitted))
        .order_by_asc(score_sheet::Column::Id)
        .all(db)
        .await?;
    let criteria = criteria(db, c).await?;
    let mut out = Vec::new();
    let counted = sheets.iter().filter(|s| access.may_score(e.id, s.juror_id));
    for (n, s) in counted.enumerate() {
        let named = criteria.iter().map(|k| {
            let text = s.scores.0.get(&k.key).map(|v| v.comment.as_str());
            (k.key.as_str(), Some(k.name.clone()), text.unwrap_or(""))
        });
        let overall = std::iter::once((OVERALL, None, s.overall_comment.as_str()));
        for (key, criterion, text) in named.chain(overall) {
            if text.trim().is_empty() {
                continue;
            }
            let key = format!("{}:{key}", s.id);
            out.push(FeedbackCandidate {
                chosen: chosen.contains(&key),
                key,
                juror: n + 1,
                criterion,
                text: text.trim().to_string(),
            });
        }
    }
    Ok(out)
}

async fn stored(
    db: &DatabaseConnection,
    entry_id: i32,
) -> Result<Option<entry_feedback::Model>, AppError> {
    Ok(entry_feedback::Entity::find()
        .filter(entry_feedback::Column::EntryId.eq(entry_id))
        .one(db)
        .await?)
}

fn state(f: Option<&entry_feedback::Model>) -> FeedbackState {
    match f {
        Some(f) if f.released_at.is_some() => {
            FeedbackState::Released(when(f.released_at.unwrap_or(f.updated_at)))
        }
        Some(f)
            if !f.chosen.0.is_empty()
                || !f.summary_sv.trim().is_empty()
                || !f.summary_en.trim().is_empty() =>
        {
            FeedbackState::Prepared
        }
        _ => FeedbackState::Empty,
    }
}

fn results_public(c: &competition::Model, now: DateTime<Utc>) -> bool {
    c.results_released_at.is_some_and(|at| at <= now)
}

/// Where the preparer came from: the organiser's overview on the round's results page, or the
/// chair's ranking.
fn back_path(c: &competition::Model, organiser: bool) -> String {
    let r = round_ref(c);
    if organiser {
        r.admin_path("/results")
    } else {
        r.jury_path("/ranking")
    }
}

/// The page where the organiser or the chair prepares the feedback on an entry.
pub async fn draft(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<FeedbackDraftView, AppError> {
    let (e, c, organiser) = preparing(db, actor, entry_id, now).await?;
    let f = stored(db, e.id).await?;
    let chosen = f.as_ref().map(|f| f.chosen.0.clone()).unwrap_or_default();
    Ok(FeedbackDraftView {
        entry_id: e.id,
        year: c.year,
        reference: e.reference.clone(),
        title: e.title.clone(),
        summary_sv: f.as_ref().map(|f| f.summary_sv.clone()).unwrap_or_default(),
        summary_en: f.as_ref().map(|f| f.summary_en.clone()).unwrap_or_default(),
        candidates: candidates(db, &c, &e, &chosen).await?,
        state: state(f.as_ref()),
        organiser,
        results_public: results_public(&c, now),
        back: back_path(&c, organiser),
    })
}

/// Saves the summary and the chosen comments, before or after release (a released correction
/// shows at once); audited with the old and new values.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    input: FeedbackInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (e, c, _) = preparing(db, actor, entry_id, now).await?;
    let summary_sv = input.summary_sv.trim().to_string();
    let summary_en = input.summary_en.trim().to_string();
    let mut errors = Vec::new();
    for (field, text) in [("summary_sv", &summary_sv), ("summary_en", &summary_en)] {
        if text.chars().count() > MAX_SUMMARY {
            errors.push(FieldError::new(field, Problem::TooLong));
        }
    }
    let offered = candidates(db, &c, &e, &[]).await?;
    let mut chosen: Vec<String> = Vec::new();
    for key in input.chosen {
        if !offered.iter().any(|o| o.key == key) {
            errors.push(FieldError::new("chosen", Problem::InvalidChoice));
            break;
        }
        if !chosen.contains(&key) {
            chosen.push(key);
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = begin_write(db).await?;
    let old = entry_feedback::Entity::find()
        .filter(entry_feedback::Column::EntryId.eq(e.id))
        .one(&txn)
        .await?;
    let before = old.as_ref().map(|f| {
        serde_json::json!({ "summary_sv": f.summary_sv, "summary_en": f.summary_en, "chosen": f.chosen.0 })
    });
    let after =
        serde_json::json!({ "summary_sv": summary_sv, "summary_en": summary_en, "chosen": chosen });
    let mut row: entry_feedback::ActiveModel = match old {
        Some(f) => f.into(),
        None => entry_feedback::ActiveModel {
            entry_id: Set(e.id),
            released_by: Set(None),
            released_at: Set(None),
            ..Default::default()
        },
    };
    row.summary_sv = Set(summary_sv);
    row.summary_en = Set(summary_en);
    row.chosen = Set(Chosen(chosen));
    row.updated_by = Set(Some(actor.user_id));
    row.updated_at = Set(now);
    row.save(&txn).await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "feedback.save",
        format!("competition:{} entry:{}", c.id, e.id),
        serde_json::json!({ "old": before, "new": after }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Releases the feedback on an entry to its applicant and mails them, once: the organiser only,
/// after the results are public, with something to read.
pub async fn release(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let e = applicant::find(db, entry_id).await?;
    let c = applicant::competition_of(db, &e).await?;
    // The role first: to the chair this is "not yours", at any time.
    if !organises(actor, &c) {
        return Err(AppError::Forbidden);
    }
    may_prepare(db, actor, &e, &c, now).await?;
    if !results_public(&c, now) {
        return Err(AppError::Conflict(Conflict::ResultsNotPublic));
    }
    let f = stored(db, e.id).await?;
    if f.as_ref().is_some_and(|f| f.released_at.is_some()) {
        return Err(AppError::Conflict(Conflict::FeedbackReleased));
    }
    let summary = f
        .as_ref()
        .is_some_and(|f| !f.summary_sv.trim().is_empty() || !f.summary_en.trim().is_empty());
    if !summary && released(db, &c, &e, f.as_ref()).await?.is_empty() {
        return Err(AppError::Conflict(Conflict::FeedbackEmpty));
    }
    let (org, to) = recipients(db, &c, &e).await?;
    let mails: Vec<mail::Outgoing> = to
        .into_iter()
        .map(|(address, _name, lang)| mail::Outgoing {
            to_address: address,
            to_name: org.clone(),
            lang,
            template: Template::FeedbackReleased {
                year: c.year,
                title: e.title.clone(),
                link: format!(
                    "{base_url}{}",
                    lang.href(&format!("/entries/{}/feedback", e.id))
                ),
            },
        })
        .collect();
    let txn = begin_write(db).await?;
    // The conditional update claims the release: two organisers pressing at once send one mail.
    let claimed = entry_feedback::Entity::update_many()
        .col_expr(entry_feedback::Column::ReleasedAt, Expr::value(Some(now)))
        .col_expr(
            entry_feedback::Column::ReleasedBy,
            Expr::value(Some(actor.user_id)),
        )
        .filter(entry_feedback::Column::EntryId.eq(e.id))
        .filter(entry_feedback::Column::ReleasedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if claimed == 0 {
        return Err(AppError::Conflict(Conflict::FeedbackReleased));
    }
    mail::enqueue_many(&txn, &mails, now).await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "feedback.release",
        format!("competition:{} entry:{}", c.id, e.id),
        serde_json::json!({ "mails": mails.len() }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The chosen comments as they read now: a sheet no longer submitted, or of a juror since found
/// conflicted, gives nothing, and neither does an emptied comment.
async fn released(
    db: &DatabaseConnection,
    c: &competition::Model,
    e: &entry::Model,
    f: Option<&entry_feedback::Model>,
) -> Result<Vec<FeedbackComment>, AppError> {
    let Some(f) = f else {
        return Ok(Vec::new());
    };
    let offered: HashMap<String, FeedbackCandidate> = candidates(db, c, e, &[])
        .await?
        .into_iter()
        .map(|o| (o.key.clone(), o))
        .collect();
    Ok(f.chosen
        .0
        .iter()
        .filter_map(|k| offered.get(k))
        .map(|o| FeedbackComment {
            criterion: o.criterion.clone(),
            text: o.text.clone(),
        })
        .collect())
}

/// The jury's feedback on an entry for whoever may read the entry: nothing until released.
pub async fn for_entry(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
) -> Result<EntryFeedback, AppError> {
    let e = applicant::readable(db, actor, entry_id).await?;
    let c = applicant::competition_of(db, &e).await?;
    let f = stored(db, e.id).await?.filter(|f| f.released_at.is_some());
    let comments = released(db, &c, &e, f.as_ref()).await?;
    Ok(EntryFeedback {
        entry_id: e.id,
        reference: e.reference.clone(),
        title: e.title.clone(),
        year: c.year,
        released: f.as_ref().and_then(|f| f.released_at).map(when),
        summary_sv: f.as_ref().map(|f| f.summary_sv.clone()).unwrap_or_default(),
        summary_en: f.as_ref().map(|f| f.summary_en.clone()).unwrap_or_default(),
        comments,
    })
}

/// The organiser's overview of the feedback on every judged entry of a round.
pub async fn overview(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
) -> Result<Vec<FeedbackRow>, AppError> {
    let c = organised(db, actor, r.into()).await?;
    let entries = judged_entries(db, &c).await?;
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let stored: HashMap<i32, entry_feedback::Model> = entry_feedback::Entity::find()
        .filter(entry_feedback::Column::EntryId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.entry_id, f))
        .collect();
    Ok(entries
        .into_iter()
        .map(|e| FeedbackRow {
            entry_id: e.id,
            state: state(stored.get(&e.id)),
            reference: e.reference,
            title: e.title,
        })
        .collect())
}
