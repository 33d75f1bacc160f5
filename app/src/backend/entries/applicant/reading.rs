//! What the applicant and the organiser read: the entry, a version, the organisation's list.
use super::*;

async fn user_name<C: ConnectionTrait>(
    db: &C,
    id: Option<i32>,
) -> Result<Option<String>, AppError> {
    Ok(match id {
        Some(id) => app_user::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.name),
        None => None,
    })
}

pub(crate) fn attachment_view(a: attachment::Model) -> AttachmentView {
    AttachmentView {
        id: a.id,
        file_name: a.file_name,
        content_type: a.content_type,
        size: a.size,
        uploaded: when(a.created_at),
    }
}

fn version_summary(v: &entry_version::Model) -> VersionSummary {
    VersionSummary {
        number: v.number,
        submitted: when(v.submitted_at),
        submitted_by: v.submitted_by_name.clone(),
    }
}

/// A stored version's snapshot; one that cannot be read has none.
fn snapshot_of(v: &entry_version::Model) -> Option<Snapshot> {
    serde_json::from_str(&v.snapshot).ok()
}

/// What a version changed from the one before it: the draft's parts in the form's order, then
/// the attachments. `None` for the first version, or where either copy cannot be read.
fn changes(version: Option<&Snapshot>, before: Option<&Snapshot>) -> Option<Vec<String>> {
    let (now, before) = (version?, before?);
    let mut parts = now.draft.changed_parts(&before.draft);
    if now.attachments != before.attachments {
        parts.push(ATTACHMENTS_PART);
    }
    Some(parts.into_iter().map(String::from).collect())
}

/// The history, newest first, from the versions newest first.
fn version_lines(versions: &[entry_version::Model]) -> Vec<VersionLine> {
    let snapshots: Vec<Option<Snapshot>> = versions.iter().map(snapshot_of).collect();
    versions
        .iter()
        .enumerate()
        .map(|(i, v)| VersionLine {
            summary: version_summary(v),
            changed: changes(
                snapshots[i].as_ref(),
                snapshots.get(i + 1).and_then(Option::as_ref),
            ),
        })
        .collect()
}

/// The whole entry for someone allowed to read it.
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<EntryView, AppError> {
    let e = readable(db, actor, id).await?;
    let c = competition_of(db, &e).await?;
    let draft = draft_of(db, &e).await?;
    let limits = competition::limits(&c);
    let org = organisation::Entity::find_by_id(e.organisation_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let attachments = attachment::Entity::find()
        .filter(attachment::Column::EntryId.eq(id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?;
    let versions = entry_version::Entity::find()
        .filter(entry_version::Column::EntryId.eq(id))
        .order_by_desc(entry_version::Column::Number)
        .all(db)
        .await?;
    let last_snapshot_files = versions
        .first()
        .and_then(snapshot_of)
        .map(|s| s.attachments);
    let files: Vec<String> = attachments.iter().map(|a| a.file_name.clone()).collect();
    let status = e.status;
    let editable = is_author(db, actor, &e, &c).await? && open_for_changes(&c, now);
    let unsubmitted_changes = matches!(status, EntryStatus::Submitted)
        && (e.submitted_revision != Some(e.revision)
            || last_snapshot_files.is_some_and(|f| f != files));
    Ok(EntryView {
        id: e.id,
        reference: e.reference.clone(),
        year: c.year,
        theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
        organisation: org,
        status,
        revision: e.revision,
        problems: draft.submission_problems(&limits, competition::in_english(&c)),
        english: competition::in_english(&c),
        anonymous_review: c.anonymous_review,
        draft,
        limits,
        editable,
        deadline: c.closes_at.map(when),
        now: now.timestamp(),
        updated: when(e.updated_at),
        updated_by: user_name(db, e.updated_by).await?,
        submitted: e
            .submitted_at
            .filter(|_| status != EntryStatus::Draft)
            .map(when),
        unsubmitted_changes,
        screening_reason: e.screening_reason.clone(),
        attachments: attachments.into_iter().map(attachment_view).collect(),
        versions: version_lines(&versions),
        unsaved: super::unsaved::for_form(db, actor, id, (e.revision, editable)).await?,
        feedback: entry_feedback::Entity::find()
            .filter(entry_feedback::Column::EntryId.eq(id))
            .filter(entry_feedback::Column::ReleasedAt.is_not_null())
            .one(db)
            .await?
            .is_some(),
    })
}

/// One submitted version, for someone allowed to read the entry.
pub async fn version(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    number: i32,
) -> Result<VersionView, AppError> {
    readable(db, actor, id).await?;
    let v = entry_version::Entity::find()
        .filter(entry_version::Column::EntryId.eq(id))
        .filter(entry_version::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let snapshot = snapshot_of(&v).ok_or(AppError::Internal)?;
    let before = entry_version::Entity::find()
        .filter(entry_version::Column::EntryId.eq(id))
        .filter(entry_version::Column::Number.lt(number))
        .order_by_desc(entry_version::Column::Number)
        .one(db)
        .await?;
    Ok(VersionView {
        summary: version_summary(&v),
        changed: changes(
            Some(&snapshot),
            before.as_ref().and_then(snapshot_of).as_ref(),
        ),
        draft: snapshot.draft,
        attachments: snapshot.attachments,
    })
}

/// The entry as it reads on paper: the last submitted version (what the jury judges) with its
/// files and when it was sent, or, before any submission, the draft and files as they stand.
/// For a reader the caller has already let in.
pub async fn paper_text<C: ConnectionTrait>(
    db: &C,
    e: &entry::Model,
) -> Result<(EntryDraft, Vec<String>, Option<VersionSummary>), AppError> {
    if let Some((v, snapshot)) = latest_version(db, e.id).await? {
        return Ok((
            snapshot.draft,
            snapshot.attachments,
            Some(version_summary(&v)),
        ));
    }
    Ok((
        draft_of(db, e).await?,
        attachment_names(db, e.id).await?,
        None,
    ))
}

/// The entries of the actor's organisations, newest year first, and where a new one can start.
pub async fn mine(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<MyEntries, AppError> {
    let rows = entry::Entity::find()
        .filter(entry::Column::OrganisationId.is_in(actor.organisations.clone()))
        .order_by_desc(entry::Column::UpdatedAt)
        .limit(500)
        .all(db)
        .await?;
    // The national rounds' entries; a project forwarded to the final is the representative's.
    let years = competition_entity::Entity::find()
        .filter(competition_entity::Column::Id.is_in(rows.iter().map(|e| e.competition_id)))
        .filter(competition_entity::Column::RoundKind.eq(competition::NATIONAL))
        .all(db)
        .await?;
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(actor.organisations.clone()))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?;
    let org_name = |id: i32| {
        orgs.iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let entries = rows
        .iter()
        .filter_map(|e| {
            let c = years.iter().find(|c| c.id == e.competition_id)?;
            let status = e.status;
            Some(EntryListItem {
                id: e.id,
                reference: e.reference.clone(),
                year: c.year,
                title: e.title.clone(),
                organisation: org_name(e.organisation_id),
                status,
                updated: when(e.updated_at),
                submitted: e
                    .submitted_at
                    .filter(|_| status != EntryStatus::Draft)
                    .map(when),
                editable: open_to_applicants(c, now),
            })
        })
        .collect();
    let open_years = competition::all(db)
        .await?
        .iter()
        .filter(|c| open_to_applicants(c, now))
        .filter_map(|c| c.closes_at.map(|d| (c.year, when(d))))
        .collect();
    let open_rounds = competition_entity::Entity::find()
        .filter(competition_entity::Column::RoundKind.eq(competition::NATIONAL))
        .filter(competition_entity::Column::Home.eq(false))
        .order_by_desc(competition_entity::Column::Year)
        .order_by_asc(competition_entity::Column::Country)
        .all(db)
        .await?
        .iter()
        .filter(|c| open_to_applicants(c, now))
        .filter_map(|c| c.closes_at.map(|d| (competition::round_ref(c), when(d))))
        .collect();
    Ok(MyEntries {
        entries,
        open_years,
        open_rounds,
        organisations: orgs.into_iter().map(|o| (o.id, o.name)).collect(),
        verified: actor.verified,
    })
}
