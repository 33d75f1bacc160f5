//! How an entry comes to be: started empty by an applicant or a national representative, or
//! made in one go from text judged elsewhere (the national winner forwarded to the European
//! final), submitted at once as its first version.
use sea_orm::PaginatorTrait;

use super::*;
use crate::backend::entities::final_country;

/// Who makes the copy, and when.
pub(crate) struct Maker<'a> {
    pub user: &'a app_user::Model,
    pub now: DateTime<Utc>,
}

/// A new entry of `round` with `draft` as its text, at its first revision and not submitted.
/// For a caller that has checked who may; inside the caller's transaction. Its reference
/// carries the year, and in the final the country. Returns the new entry's id.
pub(crate) async fn create<C: ConnectionTrait>(
    txn: &C,
    round: &competition_entity::Model,
    organisation_id: i32,
    country: &str,
    draft: &EntryDraft,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    // A provisional reference, unique until the id is known.
    let provisional = format!("new-{user_id}-{}", now.timestamp_nanos_opt().unwrap_or(0));
    let mut row = draft_columns(draft);
    row.competition_id = Set(round.id);
    row.organisation_id = Set(organisation_id);
    row.reference = Set(provisional.clone());
    row.slug = Set(provisional);
    row.country = Set(country.to_string());
    row.status = Set(EntryStatus::Draft);
    row.revision = Set(1);
    row.submitted_revision = Set(None);
    row.submitted_at = Set(None);
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.withdrawn_at = Set(None);
    row.screening_reason = Set(None);
    row.screened_at = Set(None);
    row.updated_by = Set(Some(user_id));
    let created = row.insert(txn).await?;
    // The home country's entries keep the short form; another round's name their country.
    let reference = if round.round_kind == competition::NATIONAL && round.home {
        format!("ECPA-{}-{:04}", round.year, created.id)
    } else {
        format!("ECPA-{}-{}-{:04}", round.year, country, created.id)
    };
    entry::ActiveModel {
        id: Set(created.id),
        slug: Set(reference.to_lowercase()),
        reference: Set(reference),
        ..Default::default()
    }
    .update(txn)
    .await?;
    replace_rows(txn, created.id, draft).await?;
    Ok(created.id)
}

/// A new entry of `round`, submitted: `draft` as its text and first version, and the
/// `attachments`' records pointing at the same stored files. For a caller that has checked who
/// may do it; inside the caller's transaction. Returns the new entry's id.
pub(crate) async fn create_submitted<C: ConnectionTrait>(
    txn: &C,
    round: &competition_entity::Model,
    organisation_id: i32,
    country: &str,
    draft: &EntryDraft,
    attachments: &[attachment::Model],
    by: Maker<'_>,
) -> Result<i32, AppError> {
    let now = by.now;
    let id = create(txn, round, organisation_id, country, draft, by.user.id, now).await?;
    entry::ActiveModel {
        id: Set(id),
        status: Set(EntryStatus::Submitted),
        submitted_revision: Set(Some(1)),
        submitted_at: Set(Some(now)),
        ..Default::default()
    }
    .update(txn)
    .await?;
    for a in attachments {
        attachment::ActiveModel {
            entry_id: Set(id),
            file_name: Set(a.file_name.clone()),
            content_type: Set(a.content_type.clone()),
            size: Set(a.size),
            sha256: Set(a.sha256.clone()),
            uploaded_by: Set(a.uploaded_by),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let snapshot = Snapshot {
        draft: draft.clone(),
        attachments: attachments.iter().map(|a| a.file_name.clone()).collect(),
    };
    entry_version::ActiveModel {
        entry_id: Set(id),
        number: Set(1),
        revision: Set(1),
        submitted_at: Set(now),
        submitted_by: Set(Some(by.user.id)),
        submitted_by_name: Set(by.user.name.clone()),
        snapshot: Set(serde_json::to_string(&snapshot).map_err(|_| AppError::Internal)?),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(id)
}

/// Whether `country` has its one competing entry in the final already: one submitted and
/// competing, other than `except`. Inside a write transaction; it first writes the country's
/// row in the final, so that two such checks on PostgreSQL wait for each other rather than
/// both finding the place free (SQLite's writes are serial already).
pub(crate) async fn competing_taken<C: ConnectionTrait>(
    txn: &C,
    round_id: i32,
    country: &str,
    except: Option<i32>,
) -> Result<bool, AppError> {
    final_country::Entity::update_many()
        .col_expr(
            final_country::Column::Country,
            Expr::col(final_country::Column::Country),
        )
        .filter(final_country::Column::CompetitionId.eq(round_id))
        .filter(final_country::Column::Country.eq(country))
        .exec(txn)
        .await?;
    let mut q = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(round_id))
        .filter(entry::Column::Country.eq(country))
        .filter(entry::Column::Competing.eq(true))
        .filter(entry::Column::Status.eq(EntryStatus::Submitted));
    if let Some(id) = except {
        q = q.filter(entry::Column::Id.ne(id));
    }
    Ok(q.count(txn).await? > 0)
}
