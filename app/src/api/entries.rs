//! Server functions of the applicant's entries. Each checks nothing itself: the service does.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{EntryDraft, EntryView, MyEntries, Saved, UnsavedView, VersionView};

#[cfg(feature = "ssr")]
use crate::backend::{
    entries::{applicant, attachments},
    state::signed_in,
};
#[cfg(feature = "ssr")]
use crate::i18n::Lang;

#[server(input = GetUrl, endpoint = "my_entries")]
pub async fn get_my_entries() -> Result<MyEntries, AppError> {
    let s = signed_in().await?;
    applicant::mine(&s.db, &s.actor, s.now).await
}

/// Starts an entry and goes to its form.
#[server(endpoint = "start_entry")]
pub async fn start_entry(
    year: i32,
    organisation_id: i32,
    lang: String,
    round_country: Option<String>,
) -> Result<i32, AppError> {
    let s = signed_in().await?;
    let r = super::round_of(year, None, round_country)?;
    let id = applicant::start(&s.db, &s.actor, r, organisation_id, s.now).await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href(&format!("/entries/{id}")));
    Ok(id)
}

#[server(input = GetUrl, endpoint = "entry")]
pub async fn get_entry(id: i32) -> Result<EntryView, AppError> {
    let s = signed_in().await?;
    applicant::view(&s.db, &s.actor, id, s.now).await
}

/// Autosave and the "Save draft" button: refused when `revision` is no longer current.
/// A plain form post with `then=preview` goes on to the preview once saved.
#[server(endpoint = "save_entry")]
pub async fn save_entry(
    id: i32,
    revision: i32,
    draft: EntryDraft,
    then: Option<String>,
    lang: Option<String>,
) -> Result<Saved, AppError> {
    let s = signed_in().await?;
    let saved = applicant::save(&s.db, &s.actor, id, revision, draft, s.now).await?;
    if then.as_deref() == Some("preview") {
        let lang = Lang::from_code(lang.as_deref().unwrap_or("sv"));
        leptos_axum::redirect(&lang.href(&format!("/entries/{id}/preview")));
    }
    Ok(saved)
}

#[server(endpoint = "submit_entry")]
pub async fn submit_entry(id: i32, revision: i32) -> Result<EntryView, AppError> {
    let s = signed_in().await?;
    applicant::submit(&s.db, &s.public, &s.actor, id, revision, s.now, &s.base_url).await
}

#[server(endpoint = "withdraw_entry")]
pub async fn withdraw_entry(id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    applicant::withdraw(&s.db, &s.public, &s.actor, id, s.now).await
}

#[server(input = GetUrl, endpoint = "entry_version")]
pub async fn get_entry_version(id: i32, number: i32) -> Result<VersionView, AppError> {
    let s = signed_in().await?;
    applicant::version(&s.db, &s.actor, id, number).await
}

/// The reader's own text of the entry that a save refused, kept for them.
#[server(input = GetUrl, endpoint = "unsaved_entry")]
pub async fn get_unsaved_entry(id: i32) -> Result<UnsavedView, AppError> {
    let s = signed_in().await?;
    applicant::unsaved(&s.db, &s.actor, id).await
}

/// Discards the reader's kept text of the entry and goes back to its form.
#[server(endpoint = "discard_unsaved_entry")]
pub async fn discard_unsaved_entry(id: i32, lang: Option<String>) -> Result<(), AppError> {
    let s = signed_in().await?;
    applicant::discard_unsaved(&s.db, &s.actor, id).await?;
    let lang = Lang::from_code(lang.as_deref().unwrap_or("sv"));
    leptos_axum::redirect(&lang.href(&format!("/entries/{id}")));
    Ok(())
}

#[server(endpoint = "remove_attachment")]
pub async fn remove_attachment(attachment_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    attachments::remove(&s.db, &s.actor, attachment_id, s.now).await
}
