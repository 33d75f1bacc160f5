//! Text an applicant typed that a save refused: a colleague had saved first, a field was over
//! what the portal stores, or the entry takes no changes now. It is kept (`backend::unsaved`)
//! for the person who typed it, if they write the entry. Text refused for what it said comes
//! back in the form until it is saved; any other waits on its own page
//! (`/entries/<id>/unsaved`) until they discard it. Nobody else reads it, the round's organiser
//! included.
use super::*;
use crate::backend::unsaved::{self, UnsavedForm, Whose};
use crate::model::{KeptEntry, UnsavedView};

/// Keeps `draft`, sent on `revision` and refused by `error`, for the actor, if they write the
/// entry; replaces what was kept for them before.
pub(super) async fn keep(
    db: &DatabaseConnection,
    actor: &Actor,
    (id, revision): (i32, i32),
    draft: &EntryDraft,
    error: &AppError,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(reason) = unsaved::reason(error) else {
        return Ok(());
    };
    let Some(e) = entry::Entity::find_by_id(id).one(db).await? else {
        return Ok(());
    };
    let c = competition_of(db, &e).await?;
    if !is_author(db, actor, &e, &c).await? {
        return Ok(());
    }
    unsaved::keep(
        db,
        Whose::of(actor, id, UnsavedForm::Entry),
        draft,
        revision,
        reason,
        now,
    )
    .await
}

/// The actor's refused text of an entry they read, if it is still kept, and whether the form,
/// stored now at `revision`, shows it again: only if the actor may change the entry now
/// (`editable`) and the text was refused for what it said with nothing saved since.
pub(super) async fn for_form<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    (revision, editable): (i32, bool),
) -> Result<Option<KeptEntry>, AppError> {
    let kept = unsaved::kept::<EntryDraft, _>(db, Whose::of(actor, id, UnsavedForm::Entry)).await?;
    Ok(kept.map(|k| KeptEntry {
        in_form: (editable && k.belongs_in_form(revision)).then_some(k.fields),
        at: k.at,
    }))
}

/// After the actor saved the entry over `revision`: the text the form showed again is saved
/// now, so it is no longer kept.
pub(super) async fn settle(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    revision: i32,
) -> Result<(), AppError> {
    unsaved::settle(db, Whose::of(actor, id, UnsavedForm::Entry), revision).await
}

/// The actor's refused text of the entry; "not found" if there is none.
pub async fn unsaved(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<UnsavedView, AppError> {
    let e = readable(db, actor, id).await?;
    let kept = unsaved::kept(db, Whose::of(actor, id, UnsavedForm::Entry))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(UnsavedView {
        id,
        reference: e.reference,
        at: kept.at,
        reason: kept.reason,
        draft: kept.fields,
    })
}

/// Discards the actor's refused text of the entry, if any.
pub async fn discard_unsaved(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<(), AppError> {
    readable(db, actor, id).await?;
    unsaved::discard(db, Whose::of(actor, id, UnsavedForm::Entry)).await?;
    Ok(())
}
