//! Attachments: an entry's supporting files (PDF, JPEG, PNG), added and removed by its
//! author (its organisation, or in the final its country's representative) while the entry is
//! open. The files themselves are kept by `blobs`; who may
//! download one is decided by `downloads`, above this room and the jury's.
use crate::backend::begin_write;
use std::path::Path;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter,
};

use super::applicant::{attachment_view, writable};
use crate::backend::accounts::Actor;
use crate::backend::blobs::{self, check, clean_name};
use crate::backend::entities::{attachment, entry};
use crate::error::{AppError, Conflict, Problem};
use crate::model::{AttachmentView, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};

/// Adds an attachment to an entry its author is still allowed to change.
pub async fn upload(
    db: &DatabaseConnection,
    actor: &Actor,
    dir: &Path,
    entry_id: i32,
    raw_name: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<AttachmentView, AppError> {
    let e = writable(db, actor, entry_id, now).await?.0;
    if bytes.is_empty() {
        return Err(AppError::invalid_field("file", Problem::EmptyFile));
    }
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(AppError::invalid_field("file", Problem::FileTooLarge));
    }
    let (mime, extension) = check(&bytes).map_err(|p| AppError::invalid_field("file", p))?;
    // A quick refusal before storing anything; the count that counts is in the transaction.
    if count(db, e.id).await? >= MAX_ATTACHMENTS {
        return Err(AppError::Conflict(Conflict::TooManyFiles));
    }
    let (sha256, size) = blobs::store(dir, bytes, mime).await?;
    // Touching the entry first takes its row lock (PostgreSQL) or the write lock (SQLite), so
    // two uploads at once cannot both see nine files and make eleven.
    let txn = begin_write(db).await?;
    touch(&txn, actor, e.id, now).await?;
    if count(&txn, e.id).await? >= MAX_ATTACHMENTS {
        return Err(AppError::Conflict(Conflict::TooManyFiles));
    }
    let saved = attachment::ActiveModel {
        entry_id: Set(e.id),
        file_name: Set(clean_name(raw_name, extension)),
        content_type: Set(mime.to_string()),
        size: Set(size),
        sha256: Set(sha256),
        uploaded_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(attachment_view(saved))
}

/// Removes an attachment from the entry. The stored file stays: a submitted version may name it.
pub async fn remove(
    db: &DatabaseConnection,
    actor: &Actor,
    attachment_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let a = attachment::Entity::find_by_id(attachment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = writable(db, actor, a.entry_id, now).await?.0;
    attachment::Entity::delete_by_id(a.id).exec(db).await?;
    touch(db, actor, e.id, now).await
}

async fn count<C: ConnectionTrait>(db: &C, entry_id: i32) -> Result<usize, AppError> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::EntryId.eq(entry_id))
        .count(db)
        .await? as usize)
}

/// Records who changed the entry last, without touching its revision: an open tab's autosave
/// must not turn stale because a colleague added a file.
async fn touch<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    entry::ActiveModel {
        id: Set(entry_id),
        updated_at: Set(now),
        updated_by: Set(Some(actor.user_id)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
