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
//!
//! Both preparers may have the page open at once: every save moves the feedback's revision on,
//! and a save sent from an older one is refused rather than writing over the other's text. What
//! a save refused (that, or a summary too long) is kept for whoever sent it (`backend::unsaved`):
//! refused for what it said, with nothing saved since, the form shows it again; otherwise the
//! page shows it beside the form until they discard it.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait, OnConflict},
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
use crate::backend::unsaved::{self, UnsavedForm, Whose};
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::model::*;

/// The longest summary, in characters, per language.
pub const MAX_SUMMARY: usize = 5_000;
const OVERALL: &str = "overall";

pub use crate::model::FeedbackInput;

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

/// The page where the organiser or the chair prepares the feedback on an entry: what is saved,
/// or the reader's own text that was refused for what it said while nothing newer is saved.
pub async fn draft(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<FeedbackDraftView, AppError> {
    let (e, c, organiser) = preparing(db, actor, entry_id, now).await?;
    let f = stored(db, e.id).await?;
    let revision = f.as_ref().map_or(0, |f| f.revision);
    let kept = unsaved::kept::<FeedbackInput, _>(db, whose(actor, e.id)).await?;
    let in_form = kept.as_ref().is_some_and(|k| k.belongs_in_form(revision));
    let start = match (&kept, &f) {
        (Some(k), _) if in_form => k.fields.clone(),
        (_, Some(f)) => FeedbackInput {
            summary_sv: f.summary_sv.clone(),
            summary_en: f.summary_en.clone(),
            chosen: f.chosen.0.clone(),
        },
        _ => FeedbackInput::default(),
    };
    let candidates = candidates(db, &c, &e, &start.chosen).await?;
    let kept = kept.map(|k| KeptFeedback {
        at: k.at,
        reason: k.reason,
        in_form,
        chosen: candidates
            .iter()
            .filter(|o| k.fields.chosen.contains(&o.key))
            .map(|o| FeedbackCandidate {
                chosen: true,
                ..o.clone()
            })
            .collect(),
        summary_sv: k.fields.summary_sv,
        summary_en: k.fields.summary_en,
    });
    Ok(FeedbackDraftView {
        entry_id: e.id,
        year: c.year,
        reference: e.reference.clone(),
        title: e.title.clone(),
        revision,
        summary_sv: start.summary_sv,
        summary_en: start.summary_en,
        candidates,
        kept,
        state: state(f.as_ref()),
        organiser,
        results_public: results_public(&c, now),
        back: back_path(&c, organiser),
    })
}

/// The actor's kept feedback on an entry.
fn whose(actor: &Actor, entry_id: i32) -> Whose {
    Whose::of(actor, entry_id, UnsavedForm::Feedback)
}

/// Saves the summary and the chosen comments over `revision`, before or after release (a
/// released correction shows at once); audited with the old and new values. A save from an
/// older revision is refused, and so is one that says too much or chooses what is not offered;
/// either is kept for the actor, and a save settles what the form showed again.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    (entry_id, revision): (i32, i32),
    input: FeedbackInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (e, c, _) = preparing(db, actor, entry_id, now).await?;
    let saved = store(db, actor, (&e, &c), revision, &input, now).await;
    let kept = unsaved::after(db, whose(actor, e.id), (&input, revision), &saved, now).await;
    unsaved::answer(saved, kept)
}

/// Stores the feedback over `revision`, or refuses.
async fn store(
    db: &DatabaseConnection,
    actor: &Actor,
    (e, c): (&entry::Model, &competition::Model),
    revision: i32,
    input: &FeedbackInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let summary_sv = input.summary_sv.trim().to_string();
    let summary_en = input.summary_en.trim().to_string();
    let mut errors = Vec::new();
    for (field, text) in [("summary_sv", &summary_sv), ("summary_en", &summary_en)] {
        if text.chars().count() > MAX_SUMMARY {
            errors.push(FieldError::new(field, Problem::TooLong));
        }
    }
    let offered = candidates(db, c, e, &[]).await?;
    let mut chosen: Vec<String> = Vec::new();
    for key in &input.chosen {
        if !offered.iter().any(|o| &o.key == key) {
            errors.push(FieldError::new("chosen", Problem::InvalidChoice));
            break;
        }
        if !chosen.contains(key) {
            chosen.push(key.clone());
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let changed = AppError::Conflict(Conflict::FeedbackChanged);
    let txn = begin_write(db).await?;
    let old = entry_feedback::Entity::find()
        .filter(entry_feedback::Column::EntryId.eq(e.id))
        .one(&txn)
        .await?;
    if old.as_ref().map_or(0, |f| f.revision) != revision {
        return Err(changed);
    }
    let before = old.as_ref().map(|f| {
        serde_json::json!({ "summary_sv": f.summary_sv, "summary_en": f.summary_en, "chosen": f.chosen.0 })
    });
    let after =
        serde_json::json!({ "summary_sv": summary_sv, "summary_en": summary_en, "chosen": chosen });
    let columns = entry_feedback::ActiveModel {
        summary_sv: Set(summary_sv),
        summary_en: Set(summary_en),
        chosen: Set(Chosen(chosen)),
        updated_by: Set(Some(actor.user_id)),
        updated_at: Set(now),
        ..Default::default()
    };
    // Conditional on the revision (or on there being no row yet), so that of two saves sent
    // from the same revision at once only one is stored.
    let written = if old.is_some() {
        entry_feedback::Entity::update_many()
            .set(columns)
            .col_expr(
                entry_feedback::Column::Revision,
                Expr::col(entry_feedback::Column::Revision).add(1),
            )
            .filter(entry_feedback::Column::EntryId.eq(e.id))
            .filter(entry_feedback::Column::Revision.eq(revision))
            .exec(&txn)
            .await?
            .rows_affected
    } else {
        let row = entry_feedback::ActiveModel {
            entry_id: Set(e.id),
            released_by: Set(None),
            released_at: Set(None),
            revision: Set(1),
            ..columns
        };
        let first = OnConflict::column(entry_feedback::Column::EntryId)
            .do_nothing()
            .to_owned();
        entry_feedback::Entity::insert(row)
            .on_conflict(first)
            .exec_without_returning(&txn)
            .await?
    };
    if written == 0 {
        return Err(changed);
    }
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

/// Discards the actor's kept feedback on an entry they prepare, if any.
pub async fn discard_unsaved(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (e, ..) = preparing(db, actor, entry_id, now).await?;
    unsaved::discard(db, whose(actor, e.id)).await?;
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
