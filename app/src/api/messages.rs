//! Server functions of the organiser's group messages. Each calls one service in
//! `backend::messages`, which decides who may do what.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::MessagesView;

#[cfg(feature = "ssr")]
use super::round_of;
#[cfg(feature = "ssr")]
use crate::backend::{messages, state::signed_in};

/// The organiser's page of a round's group messages.
#[server(input = GetUrl, endpoint = "group_messages")]
pub async fn get_group_messages(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<MessagesView, AppError> {
    let s = signed_in().await?;
    messages::view(&s.db, &s.actor, round_of(year, europe, round_country)?).await
}

/// Writes a message to a group: sent now, or at `send_at` (Stockholm time).
#[server(endpoint = "send_group_message")]
#[allow(clippy::too_many_arguments)]
pub async fn send_group_message(
    year: i32,
    segment: String,
    subject_sv: String,
    body_sv: String,
    subject_en: String,
    body_en: String,
    send_at: String,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let input = messages::MessageInput {
        segment,
        subject_sv,
        body_sv,
        subject_en,
        body_en,
        send_at,
    };
    let r = round_of(year, europe, round_country)?;
    messages::create(&s.db, &s.actor, r, input, s.now, &s.base_url).await
}

/// Clears the form of the reader's refused message, kept for them.
#[server(endpoint = "discard_unsaved_message")]
pub async fn discard_unsaved_message(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    messages::discard_unsaved(&s.db, &s.actor, round_of(year, europe, round_country)?).await
}

/// Cancels a message not yet sent.
#[server(endpoint = "cancel_group_message")]
pub async fn cancel_group_message(id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    messages::cancel(&s.db, &s.actor, id, s.now).await
}
