//! Server functions of the EUCPN secretariat's and the national representatives' pages. Each calls one service, which checks who
//! may do what.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::Lang;
use crate::model::{EuropeanResultsView, FinalView, FinalsView, RepresentedView};

#[cfg(feature = "ssr")]
use crate::backend::{europe, state::signed_in};

#[server(input = GetUrl, endpoint = "finals")]
pub async fn get_finals() -> Result<FinalsView, AppError> {
    let s = signed_in().await?;
    europe::finals(&s.db, &s.actor, s.now).await
}

#[server(input = GetUrl, endpoint = "final_round")]
pub async fn get_final(year: i32) -> Result<FinalView, AppError> {
    let s = signed_in().await?;
    europe::view(&s.db, &s.actor, year).await
}

/// Opens or changes the year's final; `countries` are the member states taking part, and
/// `judging_closes` (optional) ends the jury's scoring.
#[server(endpoint = "save_final")]
pub async fn save_final(
    year: i32,
    theme: String,
    deadline: String,
    judging_closes: Option<String>,
    anonymous: Option<bool>,
    countries: Option<Vec<String>>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let countries = countries.unwrap_or_default();
    let settings = europe::FinalSettings {
        theme: &theme,
        deadline: &deadline,
        judging_closes: judging_closes.as_deref().unwrap_or_default(),
        // A checkbox: sent only when ticked.
        anonymous: anonymous.unwrap_or(false),
        countries: &countries,
    };
    europe::save(&s.db, &s.public, &s.actor, year, &settings, s.now).await
}

/// Sets the final's prize money in whole euros; an empty field is "not announced".
#[server(endpoint = "save_prizes")]
pub async fn save_prizes(
    year: i32,
    prize_winner: String,
    prize_runner_up: String,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    europe::save_prizes(
        &s.db,
        &s.public,
        &s.actor,
        year,
        &prize_winner,
        &prize_runner_up,
        s.now,
    )
    .await
}

/// The public page of a year's European final.
#[server(input = GetUrl, endpoint = "european_results")]
pub async fn get_european_results(year: i32) -> Result<EuropeanResultsView, AppError> {
    let s = crate::backend::AppState::get()?;
    europe::public_view(&s.db, year, s.clock.now()).await
}

/// Forwards the home country's national winner to the year's final; answers with the new
/// entry's id.
#[server(endpoint = "forward_winner")]
pub async fn forward_winner(year: i32) -> Result<i32, AppError> {
    let s = signed_in().await?;
    europe::forward_winner(&s.db, &s.actor, year, s.now).await
}

/// Names (or, with an empty address, removes) a country's national representative.
#[server(endpoint = "save_representative")]
pub async fn save_representative(
    year: i32,
    country: String,
    email: String,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    europe::save_representative(&s.db, &s.actor, year, &country, &email, s.now).await
}

/// The national representative's page of a year's final.
#[server(input = GetUrl, endpoint = "represented_final")]
pub async fn get_represented(year: i32) -> Result<RepresentedView, AppError> {
    let s = signed_in().await?;
    europe::representing(&s.db, &s.actor, year, s.now).await
}

/// Starts a project of the representative's country in the final and goes to its form.
/// `kind` is `competing` or `good_practice`.
#[server(endpoint = "enter_directly")]
pub async fn enter_directly(
    year: i32,
    country: String,
    organisation: String,
    kind: String,
    lang: String,
) -> Result<i32, AppError> {
    let s = signed_in().await?;
    let competing = kind == "competing";
    let id = europe::enter_directly(
        &s.db,
        &s.actor,
        year,
        &country,
        &organisation,
        competing,
        s.now,
    )
    .await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href(&format!("/entries/{id}")));
    Ok(id)
}
