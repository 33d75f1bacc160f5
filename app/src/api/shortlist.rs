//! Server functions of the shortlist round. Each calls one service (`jury::shortlist`), which
//! checks who may do what.
use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::AdvanceForm;
use crate::model::ShortlistView;

#[cfg(feature = "ssr")]
use super::round_of;
#[cfg(feature = "ssr")]
use crate::backend::{jury, state::signed_in};

#[server(input = GetUrl, endpoint = "shortlist")]
pub async fn get_shortlist(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<ShortlistView, AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::shortlist_view(&s.db, &s.actor, round, s.now).await
}

/// Saves the juror's answers, by entry id (`answers[<id>]`); an empty one takes theirs back.
#[server(endpoint = "save_shortlist_answers")]
pub async fn save_shortlist_answers(
    year: i32,
    answers: Option<BTreeMap<String, String>>,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::save_answers(&s.db, &s.actor, round, answers.unwrap_or_default(), s.now).await
}

/// The chair advances the top N (`how=top`) or the ticked entries (`how=chosen`), with the reason.
#[server(endpoint = "advance_shortlist")]
pub async fn advance_shortlist(
    year: i32,
    how: Option<String>,
    top: Option<String>,
    chosen: Option<Vec<i32>>,
    reason: String,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::advance(
        &s.db,
        &s.actor,
        round,
        AdvanceForm {
            how: how.unwrap_or_default(),
            top: top.unwrap_or_default(),
            chosen: chosen.unwrap_or_default(),
            reason,
        },
        s.now,
        &s.base_url,
    )
    .await
}

/// The chair takes the advancement back, with the reason, before any score is saved.
#[server(endpoint = "take_back_shortlist")]
pub async fn take_back_shortlist(
    year: i32,
    reason: String,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::take_back_advance(&s.db, &s.actor, round, &reason, s.now, &s.base_url).await
}

/// Discards the reader's advancement that a save refused, kept for them.
#[server(endpoint = "discard_unsaved_advancement")]
pub async fn discard_unsaved_advancement(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::discard_unsaved_advancement(&s.db, &s.actor, round).await
}
