//! Server functions of the applicant's entries. Each checks nothing itself: the service does.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{EntryDraft, EntryView, MyEntries, Saved, VersionView};

#[cfg(feature = "ssr")]
use crate::backend::{
    AppState,
    entries::{applicant, attachments},
    state::require_actor,
};
#[cfg(feature = "ssr")]
use crate::i18n::Lang;

#[server(input = GetUrl, endpoint = "my_entries")]
pub async fn get_my_entries() -> Result<MyEntries, AppError> {
    let s = AppState::get()?;
    applicant::mine(&s.db, &require_actor().await?, s.clock.now()).await
}

/// Starts an entry and goes to its form.
#[server(endpoint = "start_entry")]
pub async fn start_entry(year: i32, organisation_id: i32, lang: String) -> Result<i32, AppError> {
    let s = AppState::get()?;
    let id = applicant::start(
        &s.db,
        &require_actor().await?,
        year,
        organisation_id,
        s.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href(&format!("/entries/{id}")));
    Ok(id)
}

#[server(input = GetUrl, endpoint = "entry")]
pub async fn get_entry(id: i32) -> Result<EntryView, AppError> {
    let s = AppState::get()?;
    applicant::view(&s.db, &require_actor().await?, id, s.clock.now()).await
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
    let s = AppState::get()?;
    let saved = applicant::save(
        &s.db,
        &require_actor().await?,
        id,
        revision,
        draft,
        s.clock.now(),
    )
    .await?;
    if then.as_deref() == Some("preview") {
        let lang = Lang::from_code(lang.as_deref().unwrap_or("sv"));
        leptos_axum::redirect(&lang.href(&format!("/entries/{id}/preview")));
    }
    Ok(saved)
}

#[server(endpoint = "submit_entry")]
pub async fn submit_entry(id: i32, revision: i32) -> Result<EntryView, AppError> {
    let s = AppState::get()?;
    applicant::submit(
        &s.db,
        &require_actor().await?,
        id,
        revision,
        s.clock.now(),
        &s.base_url,
    )
    .await
}

#[server(endpoint = "withdraw_entry")]
pub async fn withdraw_entry(id: i32) -> Result<(), AppError> {
    let s = AppState::get()?;
    applicant::withdraw(&s.db, &require_actor().await?, id, s.clock.now()).await
}

#[server(input = GetUrl, endpoint = "entry_version")]
pub async fn get_entry_version(id: i32, number: i32) -> Result<VersionView, AppError> {
    let s = AppState::get()?;
    applicant::version(&s.db, &require_actor().await?, id, number).await
}

#[server(endpoint = "remove_attachment")]
pub async fn remove_attachment(attachment_id: i32) -> Result<(), AppError> {
    let s = AppState::get()?;
    attachments::remove(&s.db, &require_actor().await?, attachment_id, s.clock.now()).await
}
