//! The jury's discussion of an entry: a thread of notes for its jurors and the round's
//! organiser, never for applicants. A juror reads and writes it on the same terms as they see
//! the other jurors' scores (`scoring::others_hidden`): once their own sheet is in, or once
//! judging has closed where the year keeps scores blind until then. Notes can be added from the
//! start of judging until the results are public. The jury's chair, who leads the deliberation,
//! also reads and writes the thread of every entry the jury judged outside their own panel, once
//! judging has closed (unless they stand aside from it). A note refused is kept for its writer
//! (`unsaved`).
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::backend::accounts::Actor;
use crate::backend::clock::when;
use crate::backend::competition::{organises, phase_at, round_ref};
use crate::backend::entities::{competition, entry, jury_note};
use crate::backend::entries::applicant;
use crate::backend::unsaved::UnsavedForm;
use crate::error::{AppError, Conflict, Problem};
use crate::model::{DiscussionView, Hidden, JuryNote, Phase};

use super::scoring::{others_hidden, sheet_of, status_of};
use super::*;

/// Who reads an entry's thread, and whether the thread is open to them yet.
struct Reader {
    e: entry::Model,
    c: competition::Model,
    /// Organisers always; jurors per `others_hidden`.
    hidden: Option<Hidden>,
    juror: bool,
}

async fn reader(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<Reader, AppError> {
    let e = entry::Entity::find_by_id(entry_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = applicant::competition_of(db, &e).await?;
    if organises(actor, &c) {
        return Ok(Reader {
            e,
            c,
            hidden: None,
            juror: false,
        });
    }
    let access = JuryAccess::load(db, &c).await?;
    if !access.assigned(e.id, actor.user_id) && leads(db, actor, &access, &e, &c).await? {
        // The chair leads the deliberation of every entry the jury judged, also those outside
        // their panel: the thread opens to them when judging closes, as the scores do.
        let open = phase_at(&c, now) > Phase::Judging;
        return Ok(Reader {
            e,
            c,
            hidden: (!open).then_some(Hidden::UntilJudgingCloses),
            juror: false,
        });
    }
    judges(&access, actor, &e)?;
    let own = sheet_of(db, e.id, actor.user_id).await?;
    let hidden = others_hidden(&c, status_of(own.as_ref()), now);
    Ok(Reader {
        e,
        c,
        hidden,
        juror: true,
    })
}

/// Whether the actor chairs the round's jury and `e` is one of the entries it judges: 409 if
/// the chair stands aside from it.
async fn leads(
    db: &DatabaseConnection,
    actor: &Actor,
    access: &JuryAccess,
    e: &entry::Model,
    c: &competition::Model,
) -> Result<bool, AppError> {
    let judged = access.entries().iter().any(|j| j.id == e.id);
    if !judged
        || !member(db, c.id, actor.user_id)
            .await?
            .is_some_and(|m| m.chair)
    {
        return Ok(false);
    }
    if access.conflicted(e.id, actor.user_id) {
        return Err(AppError::Conflict(Conflict::Recused));
    }
    Ok(true)
}

/// The thread, oldest first; or why it is not shown yet.
pub async fn discussion(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<DiscussionView, AppError> {
    let r = reader(db, actor, entry_id, now).await?;
    let notes = match r.hidden {
        Some(h) => Err(h),
        None => Ok(notes_of(db, actor, r.e.id).await?),
    };
    let round = round_ref(&r.c);
    let may_post = notes.is_ok() && open_for_notes(&r.c, now);
    let kept = super::unsaved::kept_text(db, actor, (UnsavedForm::Note, r.e.id), may_post).await?;
    Ok(DiscussionView {
        entry_id: r.e.id,
        reference: r.e.reference.clone(),
        title: r.e.title.clone(),
        back: if r.juror {
            round.jury_path(&format!("/entries/{}", r.e.id))
        } else {
            round.jury_path("/ranking")
        },
        round,
        may_post,
        notes,
        kept,
    })
}

async fn notes_of(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
) -> Result<Vec<JuryNote>, AppError> {
    let rows = jury_note::Entity::find()
        .filter(jury_note::Column::EntryId.eq(entry_id))
        .order_by_asc(jury_note::Column::Id)
        .all(db)
        .await?;
    let names = user_names(db, rows.iter().filter_map(|n| n.author_id)).await?;
    Ok(rows
        .into_iter()
        .map(|n| JuryNote {
            author: n
                .author_id
                .and_then(|a| names.get(&a).cloned())
                .unwrap_or_default(),
            own: n.author_id == Some(actor.user_id),
            at: when(n.created_at),
            body: n.body,
        })
        .collect())
}

/// From the start of judging until the results are public.
fn open_for_notes(c: &competition::Model, now: DateTime<Utc>) -> bool {
    let phase = phase_at(c, now);
    phase >= Phase::Judging && !phase.results_public()
}

/// Adds a note to the thread. A note refused as too long, or because notes had closed, is kept
/// for whoever wrote it (`unsaved`): the page shows it again.
pub async fn add_note(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let added = post(db, actor, entry_id, body, now).await;
    let kept = super::unsaved::after_note(db, actor, entry_id, body, &added, now).await;
    crate::backend::unsaved::answer(added, kept)
}

/// Discards the actor's note to the thread that a save refused, kept for them, if any: for
/// someone who reads the thread.
pub async fn discard_unsaved_note(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let r = reader(db, actor, entry_id, now).await?;
    super::unsaved::discard_text(db, actor, (UnsavedForm::Note, r.e.id)).await
}

async fn post(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let r = reader(db, actor, entry_id, now).await?;
    if r.hidden.is_some() {
        return Err(AppError::Conflict(Conflict::NotYet));
    }
    if !open_for_notes(&r.c, now) {
        return Err(AppError::Conflict(Conflict::JudgingClosed));
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::invalid_field("body", Problem::Required));
    }
    if body.chars().count() > MAX_COMMENT {
        return Err(AppError::invalid_field("body", Problem::TooLong));
    }
    jury_note::ActiveModel {
        entry_id: Set(r.e.id),
        author_id: Set(Some(actor.user_id)),
        body: Set(body.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
