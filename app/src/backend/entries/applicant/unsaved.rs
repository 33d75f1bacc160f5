//! Text an applicant typed that a save refused: a colleague had saved first, a field was over
//! what the portal stores, or the entry takes no changes now. The form with scripts keeps such
//! text on the screen; a plain form post is answered with a redirect, and the text would be
//! gone. So it is kept here for the person who typed it, the latest per entry, shown on its
//! own page (`/entries/<id>/unsaved`) until they discard it, and removed by retention after
//! `UNSAVED_DAYS` days. Nobody else reads it, the round's organiser included.
use super::*;
use crate::backend::entities::unsaved_text;
use crate::model::{UnsavedReason, UnsavedView, When};

/// Why `error` refused a save, if it is a refusal whose text is worth keeping.
fn reason(error: &AppError) -> Option<UnsavedReason> {
    match error {
        AppError::Conflict(Conflict::Stale) => Some(UnsavedReason::Stale),
        AppError::Conflict(Conflict::Closed) => Some(UnsavedReason::Closed),
        AppError::Invalid(_) => Some(UnsavedReason::Invalid),
        _ => None,
    }
}

/// Keeps `draft`, refused by `error`, for the actor, if they write the entry; replaces what
/// was kept for them before.
pub(super) async fn keep(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    draft: &EntryDraft,
    error: &AppError,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(reason) = reason(error) else {
        return Ok(());
    };
    let Some(e) = entry::Entity::find_by_id(id).one(db).await? else {
        return Ok(());
    };
    let c = competition_of(db, &e).await?;
    if !is_author(db, actor, &e, &c).await? {
        return Ok(());
    }
    let json = serde_json::to_string(draft).map_err(|_| AppError::Internal)?;
    let txn = begin_write(db).await?;
    delete_mine(&txn, id, actor).await?;
    unsaved_text::ActiveModel {
        entry_id: Set(id),
        user_id: Set(actor.user_id),
        draft: Set(json),
        reason: Set(reason.code().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The actor's row of entry `id`.
fn mine(id: i32, actor: &Actor) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(unsaved_text::Column::EntryId.eq(id))
        .add(unsaved_text::Column::UserId.eq(actor.user_id))
}

async fn find_mine<C: ConnectionTrait>(
    db: &C,
    id: i32,
    actor: &Actor,
) -> Result<Option<unsaved_text::Model>, AppError> {
    Ok(unsaved_text::Entity::find()
        .filter(mine(id, actor))
        .one(db)
        .await?)
}

async fn delete_mine<C: ConnectionTrait>(db: &C, id: i32, actor: &Actor) -> Result<u64, AppError> {
    Ok(unsaved_text::Entity::delete_many()
        .filter(mine(id, actor))
        .exec(db)
        .await?
        .rows_affected)
}

/// When the actor's refused text of an entry they read was kept, if it still is.
pub(super) async fn kept_at<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<Option<When>, AppError> {
    Ok(find_mine(db, id, actor).await?.map(|u| when(u.created_at)))
}

/// The actor's refused text of the entry; "not found" if there is none.
pub async fn unsaved(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<UnsavedView, AppError> {
    let e = readable(db, actor, id).await?;
    let u = find_mine(db, id, actor).await?.ok_or(AppError::NotFound)?;
    Ok(UnsavedView {
        id,
        reference: e.reference,
        at: when(u.created_at),
        reason: UnsavedReason::parse(&u.reason).unwrap_or(UnsavedReason::Stale),
        draft: serde_json::from_str(&u.draft).map_err(|_| AppError::Internal)?,
    })
}

/// Discards the actor's refused text of the entry; "not found" if there is none.
pub async fn discard_unsaved(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<(), AppError> {
    readable(db, actor, id).await?;
    if delete_mine(db, id, actor).await? == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
