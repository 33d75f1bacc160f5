//! Server functions of the organiser's EUCPN dossier page. Each calls one service, which checks
//! who may do what.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{DossierView, EnglishText, SendingRow};

#[cfg(feature = "ssr")]
use crate::backend::{dossier, state::signed_in};

#[server(input = GetUrl, endpoint = "dossier")]
pub async fn get_dossier(year: i32) -> Result<DossierView, AppError> {
    let s = signed_in().await?;
    dossier::view(&s.db, &s.actor, year, s.now).await
}

/// Saves the winner's English text on top of version `base`; answers with the version it now has.
#[server(endpoint = "save_dossier_english")]
pub async fn save_dossier_english(
    year: i32,
    base: i32,
    english: EnglishText,
) -> Result<i32, AppError> {
    let s = signed_in().await?;
    dossier::save_english(&s.db, &s.actor, year, base, english, s.now).await
}

/// Sets the year's EUCPN address.
#[server(endpoint = "save_eucpn_address")]
pub async fn save_eucpn_address(year: i32, address: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    dossier::save_address(&s.db, &s.actor, year, &address, s.now).await
}

/// Sends the year's dossier to EUCPN, through the outbox.
#[server(endpoint = "send_dossier")]
pub async fn send_dossier(year: i32) -> Result<SendingRow, AppError> {
    let s = signed_in().await?;
    dossier::send(&s.db, &s.actor, year, &s.base_url, s.now).await
}
