//! Server functions of other countries' national rounds hosted on the portal: the secretariat
//! hosts one and names its organisers; the organisers set its dates. Each calls one service,
//! which checks who may do what.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{HostedRoundView, RoundDates};

#[cfg(feature = "ssr")]
use crate::backend::{rounds, state::signed_in};
#[cfg(feature = "ssr")]
use crate::model::Country;

#[cfg(feature = "ssr")]
fn country_of(code: &str) -> Result<Country, AppError> {
    Country::parse(code).ok_or(AppError::NotFound)
}

/// Hosts `country`'s national round of `year`, if it is not hosted yet, and names the account
/// with `email` one of its organisers.
#[server(endpoint = "host_round")]
pub async fn host_round(year: i32, country: String, email: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    rounds::host(&s.db, &s.actor, year, &country, &email, s.now).await
}

/// Takes a person off the organisers of `country`'s round of `year`.
#[server(endpoint = "remove_round_organiser")]
pub async fn remove_round_organiser(
    year: i32,
    country: String,
    user_id: i32,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let country = country_of(&country)?;
    rounds::remove_organiser(&s.db, &s.actor, year, country, user_id, s.now).await
}

#[server(input = GetUrl, endpoint = "hosted_round")]
pub async fn get_hosted_round(year: i32, country: String) -> Result<HostedRoundView, AppError> {
    let s = signed_in().await?;
    rounds::view(&s.db, &s.actor, year, country_of(&country)?, s.now).await
}

#[server(endpoint = "save_round_dates")]
pub async fn save_round_dates(
    year: i32,
    country: String,
    dates: RoundDates,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let country = country_of(&country)?;
    rounds::save_dates(&s.db, &s.public, &s.actor, year, country, dates, s.now).await
}
