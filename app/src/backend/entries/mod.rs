//! The entries room: the public view here; the applicant's side, attachments and the
//! organiser's screening in the submodules.
pub mod applicant;
pub mod attachments;
pub mod deadline_reminders;
pub mod screening;

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::entities::entry;
use crate::error::AppError;
use crate::model::{EntryStatus, EntrySummary, Text};

/// Statuses of entries that take part and may be listed in public.
pub const PUBLIC_STATUSES: [EntryStatus; 2] = [EntryStatus::Submitted, EntryStatus::Eligible];

fn public_filter() -> sea_orm::Condition {
    sea_orm::Condition::all().add(entry::Column::Status.is_in(PUBLIC_STATUSES))
}

/// What the public sees of an entry: title and organisation always, the short description only
/// with the applicants' consent to publication.
pub fn summary(e: &entry::Model) -> EntrySummary {
    EntrySummary {
        slug: e.slug.clone(),
        title: e.title.clone(),
        organisation: e.organisation_display.clone(),
        summary: if e.publication_consent {
            Text::new(&e.public_summary_sv, e.public_summary_en.as_ref())
        } else {
            Text::default()
        },
    }
}

/// Entries of a year that took part (submitted or found eligible), by title.
pub async fn public_entries(
    db: &DatabaseConnection,
    competition_id: i32,
) -> Result<Vec<entry::Model>, AppError> {
    Ok(entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(competition_id))
        .filter(public_filter())
        .order_by_asc(entry::Column::Title)
        .all(db)
        .await?)
}

pub async fn count_public(db: &DatabaseConnection, competition_id: i32) -> Result<u64, AppError> {
    Ok(entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(competition_id))
        .filter(public_filter())
        .count(db)
        .await?)
}

pub async fn by_id(db: &DatabaseConnection, id: i32) -> Result<entry::Model, AppError> {
    entry::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}
