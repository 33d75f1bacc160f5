//! Server functions of the jury's feedback to applicants. Each calls one service in
//! `backend::feedback`, which decides who may do what.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::FeedbackInput;
use crate::model::{EntryFeedback, FeedbackDraftView, FeedbackRow};

#[cfg(feature = "ssr")]
use super::round_of;
#[cfg(feature = "ssr")]
use crate::backend::{feedback, state::signed_in};

/// The organiser's or chair's page for the feedback on one entry.
#[server(input = GetUrl, endpoint = "feedback_draft")]
pub async fn get_feedback_draft(entry_id: i32) -> Result<FeedbackDraftView, AppError> {
    let s = signed_in().await?;
    feedback::draft(&s.db, &s.actor, entry_id, s.now).await
}

/// Saves the summary and the chosen comments (`chosen[i]`, one per ticked box) over the
/// revision the form was loaded at.
#[server(endpoint = "save_feedback")]
pub async fn save_feedback(
    entry_id: i32,
    revision: i32,
    summary_sv: String,
    summary_en: String,
    chosen: Option<Vec<String>>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let input = FeedbackInput {
        summary_sv,
        summary_en,
        chosen: chosen.unwrap_or_default(),
    };
    feedback::save(&s.db, &s.actor, (entry_id, revision), input, s.now).await
}

/// Discards the reader's feedback on one entry that a save refused.
#[server(endpoint = "discard_unsaved_feedback")]
pub async fn discard_unsaved_feedback(entry_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    feedback::discard_unsaved(&s.db, &s.actor, entry_id, s.now).await
}

/// Releases the feedback on one entry to its applicant, who is mailed.
#[server(endpoint = "release_feedback")]
pub async fn release_feedback(entry_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    feedback::release(&s.db, &s.actor, entry_id, s.now, &s.base_url).await
}

/// The organiser's overview of a round's feedback.
#[server(input = GetUrl, endpoint = "feedback_overview")]
pub async fn get_feedback_overview(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<Vec<FeedbackRow>, AppError> {
    let s = signed_in().await?;
    feedback::overview(&s.db, &s.actor, round_of(year, europe, round_country)?).await
}

/// The released feedback on an entry, for whoever may read the entry.
#[server(input = GetUrl, endpoint = "entry_feedback")]
pub async fn get_entry_feedback(entry_id: i32) -> Result<EntryFeedback, AppError> {
    let s = signed_in().await?;
    feedback::for_entry(&s.db, &s.actor, entry_id).await
}
