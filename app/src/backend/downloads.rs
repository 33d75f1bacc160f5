//! The downloads room: who may fetch a stored file. It sits above the entries and the jury,
//! since an attachment is read by its organisation and the organiser (the entries' rule) and
//! by the jurors who may score its entry (the jury's rule). Public images are the
//! publication room's (`publication::media`).
use std::path::{Path, PathBuf};

use sea_orm::{DatabaseConnection, EntityTrait};

use super::accounts::Actor;
use super::blobs::stored_file;
use super::entities::attachment;
use super::{entries, jury};
use crate::error::AppError;

/// An attachment and the path of its bytes, for its organisation, the organiser and the jurors
/// who may score its entry.
pub async fn attachment(
    db: &DatabaseConnection,
    actor: &Actor,
    dir: &Path,
    attachment_id: i32,
) -> Result<(attachment::Model, PathBuf), AppError> {
    let a = attachment::Entity::find_by_id(attachment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // The organisation and the organiser; jurors who may score the entry, as supporting
    // material.
    if let Err(e) = entries::applicant::readable(db, actor, a.entry_id).await {
        if !jury::may_read_as_juror(db, actor, a.entry_id).await? {
            return Err(e);
        }
    }
    let path = stored_file(dir, &a.sha256)?;
    Ok((a, path))
}
