//! Public images (award photos, news images): JPEG or PNG by content, stored by SHA-256 beside
//! the attachments. An image is served only while something public shows it, or to an admin,
//! so a draft's image cannot be found by guessing its address.
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use crate::backend::accounts::Actor;
use crate::backend::blobs::{self, check, clean_name, stored_path};
use crate::backend::competition::phase_at;
use crate::backend::entities::{award, competition, media, news_item};
use crate::error::{AppError, FieldError, Problem};
use crate::model::Role;

use super::publishing::opt;

/// Largest image, in bytes.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

pub fn url(id: i32) -> String {
    format!("/media/{id}")
}

/// An uploaded image with its alternative texts, as the award-photo and news-image forms send
/// it.
pub struct ImageUpload {
    pub name: String,
    pub bytes: Vec<u8>,
    pub alt_sv: String,
    pub alt_en: String,
}

/// A stored image with its alternative texts, trimmed (`None` where not written), for the row
/// that shows it.
pub struct StoredImage {
    pub id: i32,
    pub alt_sv: Option<String>,
    pub alt_en: Option<String>,
}

impl ImageUpload {
    /// Checks the alternative texts (the Swedish one is required, since an image without one is
    /// not published; each at most `max_alt` characters), then stores the image.
    pub async fn store(
        self,
        db: &DatabaseConnection,
        actor: &Actor,
        dir: &std::path::Path,
        max_alt: usize,
        now: DateTime<Utc>,
    ) -> Result<StoredImage, AppError> {
        let mut problems = Vec::new();
        if self.alt_sv.trim().is_empty() {
            problems.push(FieldError::new("alt_sv", Problem::Required));
        }
        for (field, text) in [("alt_sv", &self.alt_sv), ("alt_en", &self.alt_en)] {
            if text.chars().count() > max_alt {
                problems.push(FieldError::new(field, Problem::TooLong));
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let id = store(db, actor, dir, &self.name, self.bytes, now).await?;
        Ok(StoredImage {
            id,
            alt_sv: opt(&self.alt_sv),
            alt_en: opt(&self.alt_en),
        })
    }
}

/// Stores an uploaded image and returns its id.
pub async fn store(
    db: &DatabaseConnection,
    actor: &Actor,
    dir: &std::path::Path,
    raw_name: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    if bytes.is_empty() {
        return Err(AppError::invalid_field("file", Problem::EmptyFile));
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(AppError::invalid_field("file", Problem::FileTooLarge));
    }
    let (mime, extension) = check(&bytes)
        .and_then(|t| {
            t.0.starts_with("image/")
                .then_some(t)
                .ok_or(Problem::UnsupportedFile)
        })
        .map_err(|p| AppError::invalid_field("file", p))?;
    let (sha256, size) = blobs::store(dir, bytes, mime).await?;
    Ok(media::ActiveModel {
        sha256: Set(sha256),
        content_type: Set(mime.into()),
        size: Set(size),
        name: Set(clean_name(raw_name, extension)),
        uploaded_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// Whether a public page shows the image now.
async fn shown_in_public(
    db: &DatabaseConnection,
    id: i32,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let published_news = news_item::Entity::find()
        .filter(news_item::Column::ImageId.eq(id))
        .filter(news_item::Column::PublishedAt.lte(now))
        .count(db)
        .await?;
    if published_news > 0 {
        return Ok(true);
    }
    for a in award::Entity::find()
        .filter(award::Column::PhotoId.eq(id))
        .all(db)
        .await?
    {
        if let Some(c) = competition::Entity::find_by_id(a.competition_id)
            .one(db)
            .await?
            && phase_at(&c, now).results_public()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The stored file and its type, for `GET /media/{id}`; 404 unless it is public or the actor
/// is an admin.
pub async fn open(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    dir: &std::path::Path,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(std::path::PathBuf, String, bool), AppError> {
    let m = media::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let public = shown_in_public(db, id, now).await?;
    if !public && !actor.is_some_and(|a| a.has(Role::Admin)) {
        return Err(AppError::NotFound);
    }
    if m.sha256.len() != 64 || !m.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    Ok((stored_path(dir, &m.sha256), m.content_type, public))
}
