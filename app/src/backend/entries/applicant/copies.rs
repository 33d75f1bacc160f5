//! An entry made in one go from text that was judged elsewhere: the national winner forwarded
//! to the European final. It is submitted at once, as its first version.
use super::*;

/// Who makes the copy, and when.
pub(crate) struct Maker<'a> {
    pub user: &'a app_user::Model,
    pub now: DateTime<Utc>,
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
    // A provisional reference, unique until the id is known.
    let provisional = format!(
        "new-{}-{}",
        by.user.id,
        now.timestamp_nanos_opt().unwrap_or(0)
    );
    let mut row = draft_columns(draft);
    row.competition_id = Set(round.id);
    row.organisation_id = Set(organisation_id);
    row.reference = Set(provisional.clone());
    row.slug = Set(provisional);
    row.country = Set(country.to_string());
    row.status = Set(EntryStatus::Submitted);
    row.revision = Set(1);
    row.submitted_revision = Set(Some(1));
    row.submitted_at = Set(Some(now));
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.withdrawn_at = Set(None);
    row.screening_reason = Set(None);
    row.screened_at = Set(None);
    row.updated_by = Set(Some(by.user.id));
    let created = row.insert(txn).await?;
    let reference = format!("ECPA-{}-{}-{:04}", round.year, country, created.id);
    entry::ActiveModel {
        id: Set(created.id),
        slug: Set(reference.to_lowercase()),
        reference: Set(reference),
        ..Default::default()
    }
    .update(txn)
    .await?;
    replace_rows(txn, created.id, draft).await?;
    for a in attachments {
        attachment::ActiveModel {
            entry_id: Set(created.id),
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
        entry_id: Set(created.id),
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
    Ok(created.id)
}
