//! What the organiser's news and event editors do with a save that was refused: sent from an
//! editor opened before the item was saved again (in another tab or by someone else), or
//! refused for what it said. What was sent is kept for whoever sent it (`backend::unsaved`),
//! per item, or per kind for an item not yet created (id 0). Refused for what it said, with
//! nothing saved since, the editor starts from it; otherwise the editor shows what is saved and
//! the page shows the copy beside it until its writer discards it.
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde::{Serialize, de::DeserializeOwned};

use crate::backend::accounts::Actor;
use crate::backend::admin::require_admin;
use crate::backend::markdown;
use crate::backend::public_changes::PublicChanges;
use crate::backend::unsaved::{self, UnsavedForm, Whose};
use crate::error::{AppError, Problem};
use crate::model::KeptForm;

/// The organiser's kept text in the editor of item `id` of the kind `form`.
fn whose(actor: &Actor, form: UnsavedForm, id: i32) -> Whose {
    Whose::of(actor, id, form)
}

/// What the editor of item `id` (0: a new one), saved at `revision` as `saved`, starts from,
/// and the reader's kept text to show beside it.
pub(super) async fn start<F: Clone + DeserializeOwned>(
    db: &DatabaseConnection,
    actor: &Actor,
    (form, id, revision): (UnsavedForm, i32, i32),
    saved: F,
) -> Result<(F, Option<KeptForm<F>>), AppError> {
    let Some(k) = unsaved::kept::<F, _>(db, whose(actor, form, id)).await? else {
        return Ok((saved, None));
    };
    let in_form = k.belongs_in_form(revision);
    let start = if in_form { k.fields.clone() } else { saved };
    Ok((
        start,
        Some(KeptForm {
            at: k.at,
            reason: k.reason,
            in_form,
            form: k.fields,
        }),
    ))
}

/// The editor's previews of its Swedish and English bodies: rendered from the kept text when
/// the editor starts from it, the `saved` renderings otherwise.
pub(super) fn previews<F>(
    kept: &Option<KeptForm<F>>,
    (body_sv, body_en): (&str, &str),
    saved: (String, Option<String>),
) -> (String, String) {
    if kept.as_ref().is_some_and(|k| k.in_form) {
        (markdown::render(body_sv), markdown::render(body_en))
    } else {
        (saved.0, saved.1.unwrap_or_default())
    }
}

/// After a save of `fields` to item `id` over `revision` that `saved` tells the outcome of:
/// keeps them for the actor if the save was refused for a reason worth it, or settles what the
/// editor showed again; a stored item changes the public pages. Returns `saved`. The caller has
/// checked that the actor may edit.
pub(super) async fn after<T: Serialize>(
    (db, public): (&DatabaseConnection, &PublicChanges),
    actor: &Actor,
    (form, id, revision): (UnsavedForm, i32, i32),
    fields: &T,
    saved: Result<i32, AppError>,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let kept = unsaved::after(db, whose(actor, form, id), (fields, revision), &saved, now).await;
    if saved.is_ok() {
        public.changed(db).await;
    }
    unsaved::answer(saved, kept)
}

/// Discards the organiser's kept text in the editor of a `news` item or an `event` (`id` 0: a
/// new one), if any.
pub async fn discard(
    db: &DatabaseConnection,
    actor: &Actor,
    kind: &str,
    id: i32,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let form = match kind {
        "news" => UnsavedForm::News,
        "event" => UnsavedForm::Event,
        _ => return Err(AppError::invalid_field("kind", Problem::InvalidChoice)),
    };
    unsaved::discard(db, whose(actor, form, id)).await?;
    Ok(())
}
