//! Server functions of the organiser's publication pages (results, news, events) and of the
//! news subscription. Each calls one service, which checks who may do what.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{
    AwardForm, EuropeanForm, EventAdminRow, EventEditView, EventForm, NewsAdminRow, NewsEditView,
    NewsForm, ResultsAdminView,
};

#[cfg(feature = "ssr")]
use super::round_of;
#[cfg(feature = "ssr")]
use crate::backend::{
    AppState,
    publication::{events, kept, news, release, subscriptions},
    state::{client_ip, require_actor, signed_in},
};
#[cfg(feature = "ssr")]
use crate::i18n::Lang;

/// The results page of a round: the home country's (`europe` absent) or the year's European
/// final's (`europe=true`).
#[server(input = GetUrl, endpoint = "results_admin")]
pub async fn get_results_admin(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<ResultsAdminView, AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    release::admin_view(&s.db, &s.actor, round, s.now).await
}

/// Publishes the decided results now (`at` empty) or at `at` (Stockholm time).
#[server(endpoint = "publish_results")]
pub async fn publish_results(
    year: i32,
    at: String,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let r = round_of(year, europe, round_country)?;
    release::release(&s.db, &s.public, &s.actor, r, &at, s.now, &s.base_url)
        .await
        .map(|_| ())
}

#[server(endpoint = "unschedule_results")]
pub async fn unschedule_results(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let r = round_of(year, europe, round_country)?;
    release::unschedule(&s.db, &s.public, &s.actor, r, s.now).await
}

#[server(endpoint = "save_award")]
pub async fn save_award(year: i32, award_id: i32, award: AwardForm) -> Result<(), AppError> {
    let s = signed_in().await?;
    release::save_award(&s.db, &s.public, &s.actor, year, award_id, award, s.now).await
}

#[server(endpoint = "remove_award_photo")]
pub async fn remove_award_photo(year: i32, award_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    release::remove_award_photo(&s.db, &s.public, &s.actor, year, award_id, s.now).await
}

#[server(endpoint = "add_european")]
pub async fn add_european(year: i32, placement: EuropeanForm) -> Result<(), AppError> {
    let s = signed_in().await?;
    release::add_european(&s.db, &s.public, &s.actor, year, placement, s.now).await
}

#[server(endpoint = "remove_european")]
pub async fn remove_european(year: i32, id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    release::remove_european(&s.db, &s.public, &s.actor, year, id, s.now).await
}

#[server(input = GetUrl, endpoint = "news_admin")]
pub async fn get_news_admin() -> Result<Vec<NewsAdminRow>, AppError> {
    let s = signed_in().await?;
    news::list(&s.db, &s.actor, s.now).await
}

/// The editor of item `id` (0: a new one).
#[server(input = GetUrl, endpoint = "news_edit")]
pub async fn get_news_edit(id: i32) -> Result<NewsEditView, AppError> {
    let s = signed_in().await?;
    news::edit_view(&s.db, &s.actor, id, s.now).await
}

/// Saves an item over the revision its editor was opened at, and shows it in the editor again.
#[server(endpoint = "save_news")]
pub async fn save_news(
    id: i32,
    revision: i32,
    news: NewsForm,
    lang: String,
) -> Result<i32, AppError> {
    let s = signed_in().await?;
    let saved = news::save(&s.db, &s.public, &s.actor, (id, revision), news, s.now).await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href(&format!("/admin/news/{saved}?saved=1")));
    Ok(saved)
}

/// The sanitised HTML of Markdown, for the editor's live preview.
#[server(endpoint = "preview_markdown")]
pub async fn preview_markdown(source: String) -> Result<String, AppError> {
    news::preview(&require_actor().await?, &source)
}

#[server(input = GetUrl, endpoint = "events_admin")]
pub async fn get_events_admin() -> Result<Vec<EventAdminRow>, AppError> {
    let s = signed_in().await?;
    events::list(&s.db, &s.actor, s.now).await
}

/// The editor of event `id` (0: a new one).
#[server(input = GetUrl, endpoint = "event_edit")]
pub async fn get_event_edit(id: i32) -> Result<EventEditView, AppError> {
    let s = signed_in().await?;
    events::edit_view(&s.db, &s.actor, id, s.now).await
}

/// Saves an event over the revision its editor was opened at, and shows it in the editor again.
#[server(endpoint = "save_event")]
pub async fn save_event(
    id: i32,
    revision: i32,
    event: EventForm,
    lang: String,
) -> Result<i32, AppError> {
    let s = signed_in().await?;
    let saved = events::save(&s.db, &s.public, &s.actor, (id, revision), event, s.now).await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href(&format!("/admin/events/{saved}?saved=1")));
    Ok(saved)
}

/// Discards the reader's kept text in the editor of a `news` item or an `event` (`id` 0: a new
/// one).
#[server(endpoint = "discard_unsaved_item")]
pub async fn discard_unsaved_item(kind: String, id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    kept::discard(&s.db, &s.actor, &kind, id).await
}

#[server(endpoint = "subscribe")]
pub async fn subscribe(email: String, lang: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    let lang = Lang::from_code(&lang);
    let (ip, now) = (client_ip().await, s.clock.now());
    subscriptions::subscribe(&s.db, &email, lang, s.anonymous(&ip), now, &s.base_url).await?;
    leptos_axum::redirect(&lang.href("/subscribe/sent"));
    Ok(())
}

#[server(endpoint = "confirm_subscription")]
pub async fn confirm_subscription(token: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    subscriptions::confirm(&s.db, &token, s.clock.now()).await
}

#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    subscriptions::unsubscribe(&s.db, &token).await
}
