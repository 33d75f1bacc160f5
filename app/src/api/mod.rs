//! Server functions: thin wrappers that take the state from context and call one service.
//! All of these are public reads; they are GET so responses can be cached.
pub mod accounts;
pub mod admin;
pub mod competitions;
pub mod dashboard;
pub mod dossier;
pub mod entries;
pub mod europe;
pub mod feedback;
pub mod jury;
pub mod mail_texts;
pub mod messages;
pub mod organisations;
pub mod publication;
pub mod rounds;
pub mod shortlist;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::*;

#[cfg(feature = "ssr")]
use crate::backend::{AppState, publication as public};

#[server(input = GetUrl, endpoint = "home")]
pub async fn get_home() -> Result<HomeView, AppError> {
    let s = AppState::get()?;
    public::home(&s.db, s.clock.now()).await
}

#[server(input = GetUrl, endpoint = "competition")]
pub async fn get_competition(year: i32) -> Result<CompetitionView, AppError> {
    let s = AppState::get()?;
    public::competition_page(&s.db, year, s.clock.now()).await
}

#[server(input = GetUrl, endpoint = "archive")]
pub async fn get_archive() -> Result<Vec<ArchiveYear>, AppError> {
    let s = AppState::get()?;
    public::archive(&s.db, s.clock.now()).await
}

#[server(input = GetUrl, endpoint = "news")]
pub async fn get_news() -> Result<Vec<NewsSummary>, AppError> {
    let s = AppState::get()?;
    public::news_list(&s.db, s.clock.now(), None, None).await
}

#[server(input = GetUrl, endpoint = "news_article")]
pub async fn get_news_article(slug: String) -> Result<NewsArticle, AppError> {
    let s = AppState::get()?;
    public::news_article(&s.db, &slug, s.clock.now()).await
}

#[server(input = GetUrl, endpoint = "events")]
pub async fn get_events() -> Result<EventsView, AppError> {
    let s = AppState::get()?;
    public::events_page(&s.db, s.clock.now()).await
}

#[server(input = GetUrl, endpoint = "event")]
pub async fn get_event(slug: String) -> Result<EventView, AppError> {
    let s = AppState::get()?;
    public::event(&s.db, &slug, s.clock.now()).await
}

/// The round a server function's arguments name: `europe=true` for the year's final,
/// `round_country=NL` for another country's national round hosted here, neither for the home
/// country's round. A country that is not a member state names no round.
#[cfg(feature = "ssr")]
pub(crate) fn round_of(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<RoundRef, AppError> {
    RoundRef::new(year, europe, round_country).ok_or(AppError::NotFound)
}
