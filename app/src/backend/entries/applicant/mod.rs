//! The applicant's side of an entry: start, autosave, submit, withdraw, versions.
//!
//! Who may do what, checked here and nowhere else:
//! - in a national round, members of the entry's organisation read and (while the round is
//!   open) change it;
//! - in the European final, the national representative of the entry's country does;
//! - the round's organiser reads its entries (and no other round's) but does not write
//!   applicants' text;
//! - anyone else gets "not found", so an entry's existence does not leak.
//!
//! Its parts: `drafts` (how a draft is stored), `reading` (the views) and `unsaved` (text a
//! save refused, kept for its writer); the access rules and the changes are here.
mod copies;
mod drafts;
mod reading;
mod unsaved;

pub(crate) use copies::*;
pub(crate) use drafts::*;
pub use reading::*;
pub use unsaved::{discard_unsaved, unsaved};

use crate::backend::begin_write;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::backend::accounts::Actor;
use crate::backend::clock::when;
use crate::backend::competition::{self, phase_at};
use crate::backend::entities::{
    app_user, attachment, competition as competition_entity, entry, entry_contact, entry_feedback,
    entry_link, entry_version, organisation,
};
use crate::backend::mail::{self, Template};
use crate::backend::public_changes::PublicChanges;
use crate::error::{AppError, Conflict};
use crate::i18n::Lang;
use crate::model::{
    ATTACHMENTS_PART, AttachmentView, Contact, EntryDraft, EntryListItem, EntryStatus, EntryView,
    Link, MyEntries, Phase, RoundRef, Saved, Text, VersionLine, VersionSummary, VersionView,
};

/// Changes are accepted while the round is open: from its opening until the deadline.
pub(crate) fn open_for_changes(c: &competition_entity::Model, now: DateTime<Utc>) -> bool {
    phase_at(c, now) == Phase::Open
}

/// A round whose organisations' members may start and change entries now: an open national
/// round. The final's entries are the representatives', even where an organisation's national
/// entry became one.
pub(crate) fn open_to_applicants(c: &competition_entity::Model, now: DateTime<Utc>) -> bool {
    c.round_kind == competition::NATIONAL && open_for_changes(c, now)
}

fn is_member(actor: &Actor, e: &entry::Model) -> bool {
    actor.organisations.contains(&e.organisation_id)
}

/// Who writes an entry: in a national round the members of its organisation, in the European
/// final the national representative of its country.
async fn is_author<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    e: &entry::Model,
    c: &competition_entity::Model,
) -> Result<bool, AppError> {
    if c.round_kind == competition::NATIONAL {
        Ok(is_member(actor, e))
    } else {
        competition::represents(db, actor.user_id, c.id, &e.country).await
    }
}

pub(crate) async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<entry::Model, AppError> {
    entry::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub(crate) async fn competition_of<C: ConnectionTrait>(
    db: &C,
    e: &entry::Model,
) -> Result<competition_entity::Model, AppError> {
    competition_entity::Entity::find_by_id(e.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// An entry the actor may read: its organisation's members, its round's organiser (never
/// another round's), and in the final its country's representative.
pub async fn readable(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<entry::Model, AppError> {
    let e = find(db, id).await?;
    if is_member(actor, &e)
        || competition::organises(actor, &competition_of(db, &e).await?)
        || competition::represents(db, actor.user_id, e.competition_id, &e.country).await?
    {
        Ok(e)
    } else {
        Err(AppError::NotFound)
    }
}

/// An entry the actor may change now: its author, while the round is open.
pub(crate) async fn writable(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(entry::Model, competition_entity::Model), AppError> {
    let e = find(db, id).await?;
    let c = competition_of(db, &e).await?;
    if !is_author(db, actor, &e, &c).await? {
        return Err(AppError::NotFound);
    }
    if !open_for_changes(&c, now) {
        return Err(AppError::Conflict(Conflict::Closed));
    }
    Ok((e, c))
}

/// Starts an entry for one of the actor's organisations in a national round that is open now:
/// the home country's of `r`'s year, or another country's hosted here.
pub async fn start(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    organisation_id: i32,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let r: RoundRef = r.into();
    if !actor.organisations.contains(&organisation_id) {
        return Err(AppError::invalid_field(
            "organisation_id",
            crate::error::Problem::InvalidChoice,
        ));
    }
    if r.europe {
        return Err(AppError::NotFound);
    }
    let c = Some(competition::round(db, r).await?)
        .filter(|c| phase_at(c, now) > Phase::Draft)
        .ok_or(AppError::NotFound)?;
    if !open_to_applicants(&c, now) {
        return Err(AppError::Conflict(Conflict::Closed));
    }
    let org = organisation::Entity::find_by_id(organisation_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = EntryDraft {
        organisation_display: org.name,
        competing: true,
        ongoing: true,
        ..Default::default()
    };
    let txn = begin_write(db).await?;
    let country = c.country.clone();
    let id = create(
        &txn,
        &c,
        organisation_id,
        &country,
        &draft,
        actor.user_id,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Saves the draft if `revision` is still the entry's revision; otherwise someone saved in
/// between, and the save is refused rather than overwriting their text.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    revision: i32,
    draft: EntryDraft,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    let draft = draft.normalised();
    let saved = store(db, actor, id, revision, &draft, now).await;
    let kept = match &saved {
        // Nothing typed is lost: a refused save's text is kept for its writer.
        Err(refused) => unsaved::keep(db, actor, (id, revision), &draft, refused, now).await,
        Ok(_) => unsaved::settle(db, actor, id, revision).await,
    };
    crate::backend::unsaved::answer(saved, kept)
}

/// Stores the draft over `revision`, or refuses.
async fn store(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    revision: i32,
    draft: &EntryDraft,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    let problems = draft.storage_problems();
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let (e, _) = writable(db, actor, id, now).await?;
    if e.revision != revision {
        return Err(AppError::Conflict(Conflict::Stale));
    }
    let txn = begin_write(db).await?;
    // The conditional update comes first: it takes the write lock and is the optimistic lock.
    let mut columns = draft_columns(draft);
    columns.updated_at = Set(now);
    columns.updated_by = Set(Some(actor.user_id));
    let updated = entry::Entity::update_many()
        .set(columns)
        .col_expr(
            entry::Column::Revision,
            Expr::col(entry::Column::Revision).add(1),
        )
        .filter(entry::Column::Id.eq(id))
        .filter(entry::Column::Revision.eq(revision))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::Conflict(Conflict::Stale));
    }
    replace_rows(&txn, id, draft).await?;
    txn.commit().await?;
    Ok(Saved {
        revision: revision + 1,
        at: when(now),
    })
}

/// What a submission carries: the text and the names of the attachments.
#[derive(serde::Serialize, serde::Deserialize)]
struct Snapshot {
    draft: EntryDraft,
    attachments: Vec<String>,
}

/// The entry as it was last submitted: what the jury judges.
pub async fn last_submitted<C: ConnectionTrait>(
    db: &C,
    entry_id: i32,
) -> Result<Option<EntryDraft>, AppError> {
    Ok(latest_version(db, entry_id).await?.map(|(_, s)| s.draft))
}

/// The entry's latest submitted version, with what it carries.
async fn latest_version<C: ConnectionTrait>(
    db: &C,
    entry_id: i32,
) -> Result<Option<(entry_version::Model, Snapshot)>, AppError> {
    let Some(v) = entry_version::Entity::find()
        .filter(entry_version::Column::EntryId.eq(entry_id))
        .order_by_desc(entry_version::Column::Number)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let snapshot = serde_json::from_str(&v.snapshot).map_err(|_| AppError::Internal)?;
    Ok(Some((v, snapshot)))
}

/// Whether the latest version carries the text at `revision` with the attachments `files`:
/// submitting them again would add nothing.
fn carries(
    latest: &Option<(entry_version::Model, Snapshot)>,
    revision: i32,
    files: &[String],
) -> bool {
    latest
        .as_ref()
        .is_some_and(|(v, s)| v.revision == revision && s.attachments == files)
}

async fn attachment_names<C: ConnectionTrait>(db: &C, id: i32) -> Result<Vec<String>, AppError> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::EntryId.eq(id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.file_name)
        .collect())
}

/// Submits the entry as it is at `revision`, with its attachments as they are. Repeating it (a
/// double click, a retry after a lost answer) changes nothing and sends no second receipt. An
/// attachment added or removed since the last submission is something to submit: it does not
/// move the text's revision (an open tab's autosave would turn stale), so the new version has
/// the same revision as the one before, with other files.
pub async fn submit(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    id: i32,
    revision: i32,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<EntryView, AppError> {
    actor.require_verified()?;
    let (e, c) = writable(db, actor, id, now).await?;
    if submitted_as_is(db, &e, revision).await? {
        return view(db, actor, id, now).await;
    }
    if e.revision != revision {
        return Err(AppError::Conflict(Conflict::Stale));
    }
    let draft = draft_of(db, &e).await?;
    let problems = draft.submission_problems(&competition::limits(&c), competition::in_english(&c));
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let submitter = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;

    let txn = begin_write(db).await?;
    // Writing the row takes its lock (PostgreSQL; SQLite's write lock is taken already), so a
    // second submit at once waits here and then reads what the first one did.
    let locked = entry::Entity::update_many()
        .col_expr(
            entry::Column::Revision,
            Expr::col(entry::Column::Revision).into(),
        )
        .filter(entry::Column::Id.eq(id))
        .filter(entry::Column::Revision.eq(revision))
        .exec(&txn)
        .await?;
    if locked.rows_affected == 0 {
        // Someone saved in between.
        return Err(AppError::Conflict(Conflict::Stale));
    }
    if submitted_as_is(&txn, &find(&txn, id).await?, revision).await? {
        // Another request submitted the same first.
        drop(txn);
        return view(db, actor, id, now).await;
    }
    entry::Entity::update_many()
        .col_expr(entry::Column::Status, Expr::value(EntryStatus::Submitted))
        .col_expr(entry::Column::SubmittedAt, Expr::value(now))
        .col_expr(entry::Column::SubmittedRevision, Expr::value(revision))
        .col_expr(
            entry::Column::WithdrawnAt,
            Expr::value(None::<DateTime<Utc>>),
        )
        .filter(entry::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    // A country enters one competing entry in the final.
    if c.round_kind == competition::EUROPEAN
        && draft.competing
        && competing_taken(&txn, c.id, &e.country, Some(id)).await?
    {
        return Err(AppError::Conflict(Conflict::AlreadyEntered));
    }
    let files = attachment_names(&txn, id).await?;
    let latest = latest_version(&txn, id).await?;
    let number = match latest {
        // Submitted again after a withdrawal, unchanged: the same version takes part again.
        Some((v, _)) if carries(&latest, revision, &files) => v.number,
        _ => {
            let number = latest.map_or(1, |(v, _)| v.number + 1);
            let snapshot = Snapshot {
                draft: draft.clone(),
                attachments: files.clone(),
            };
            entry_version::ActiveModel {
                entry_id: Set(id),
                number: Set(number),
                revision: Set(revision),
                submitted_at: Set(now),
                submitted_by: Set(Some(actor.user_id)),
                submitted_by_name: Set(submitter.name.clone()),
                snapshot: Set(serde_json::to_string(&snapshot).map_err(|_| AppError::Internal)?),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            number
        }
    };
    let lang = Lang::from_code(&submitter.language);
    let words = mail::RoundWords::load(&txn, c.id).await?;
    mail::enqueue_in_round(
        &txn,
        &words,
        &submitter.email,
        &submitter.name,
        lang,
        &Template::SubmissionReceipt(mail::Receipt {
            name: submitter.name.clone(),
            title: draft.title.clone(),
            organisation: draft.organisation_display.clone(),
            reference: e.reference.clone(),
            year: c.year,
            version: number,
            submitted: when(now),
            attachments: files.len(),
            link: format!("{base_url}{}", lang.href(&format!("/entries/{id}"))),
        }),
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    view(db, actor, id, now).await
}

/// Whether the entry takes part as it is at `revision`: that revision is submitted, and the
/// latest version carries the attachments as they are now.
async fn submitted_as_is<C: ConnectionTrait>(
    db: &C,
    e: &entry::Model,
    revision: i32,
) -> Result<bool, AppError> {
    if e.status != EntryStatus::Submitted || e.submitted_revision != Some(revision) {
        return Ok(false);
    }
    let files = attachment_names(db, e.id).await?;
    Ok(carries(&latest_version(db, e.id).await?, revision, &files))
}

/// Withdraws a submitted entry before the deadline. Its versions are kept.
pub async fn withdraw(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (e, _) = writable(db, actor, id, now).await?;
    match e.status {
        EntryStatus::Withdrawn => Ok(()),
        EntryStatus::Submitted => {
            entry::Entity::update_many()
                .col_expr(entry::Column::Status, Expr::value(EntryStatus::Withdrawn))
                .col_expr(entry::Column::WithdrawnAt, Expr::value(now))
                .filter(entry::Column::Id.eq(id))
                .filter(entry::Column::Status.eq(EntryStatus::Submitted))
                .exec(db)
                .await?;
            public.changed(db).await;
            Ok(())
        }
        _ => Err(AppError::Conflict(Conflict::NotSubmitted)),
    }
}
