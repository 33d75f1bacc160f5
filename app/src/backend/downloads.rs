//! The downloads room: who may fetch a stored file. It sits above the entries and the jury,
//! since an attachment is read by its organisation and the organiser (the entries' rule) and
//! by the jurors who may score its entry (the jury's rule). Public images are the
//! publication room's (`publication::media`).
use std::path::Path;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::accounts::Actor;
use super::blobs::{pdf_without_metadata, stored_file};
use super::entities::attachment;
use super::{anonymity, entries, jury};
use crate::error::AppError;
use crate::i18n::Lang;

/// An attachment as its reader downloads it.
#[derive(Debug)]
pub struct Download {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// An attachment, for its organisation, the organiser and the jurors who may score its entry.
/// A juror of an anonymised round gets it under its number ("Bilaga 2.pdf", named in `lang`)
/// and, for a PDF, without its metadata (`anonymity`).
pub async fn attachment(
    db: &DatabaseConnection,
    actor: &Actor,
    dir: &Path,
    attachment_id: i32,
    lang: Lang,
) -> Result<Download, AppError> {
    let a = attachment::Entity::find_by_id(attachment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // The organisation and the organiser; jurors who may score the entry, as supporting
    // material.
    let as_juror = match entries::applicant::readable(db, actor, a.entry_id).await {
        Ok(_) => false,
        Err(e) => {
            if !jury::may_read_as_juror(db, actor, a.entry_id).await? {
                return Err(e);
            }
            true
        }
    };
    let path = stored_file(dir, &a.sha256)?;
    let bytes = tokio::fs::read(&path).await.map_err(|e| {
        tracing::error!(error = %e, ?path, "attachment file missing");
        AppError::NotFound
    })?;
    // Only a juror's copy can be anonymised: the round is looked up for them alone.
    let anonymous = as_juror && {
        let e = entries::applicant::find(db, a.entry_id).await?;
        anonymity::anonymous(&entries::applicant::competition_of(db, &e).await?)
    };
    if !anonymous {
        return Ok(Download {
            name: a.file_name,
            content_type: a.content_type,
            bytes,
        });
    }
    let before = attachment::Entity::find()
        .filter(attachment::Column::EntryId.eq(a.entry_id))
        .filter(attachment::Column::Id.lt(a.id))
        .count(db)
        .await? as usize;
    let bytes = tokio::task::spawn_blocking(move || pdf_without_metadata(bytes))
        .await
        .map_err(|_| AppError::Internal)?;
    Ok(Download {
        name: anonymity::attachment_name(before + 1, &a.file_name, lang),
        content_type: a.content_type,
        bytes,
    })
}
