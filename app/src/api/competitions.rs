//! Server functions of the organiser's competition setup and screening.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{CompetitionAdminRow, CompetitionForm, ScreeningView};

#[cfg(feature = "ssr")]
use crate::backend::{
    competition_setup,
    entries::{deadline_reminders, screening},
    state::signed_in,
};
#[cfg(feature = "ssr")]
use crate::i18n::Lang;

#[server(input = GetUrl, endpoint = "admin_competitions")]
pub async fn admin_competitions() -> Result<Vec<CompetitionAdminRow>, AppError> {
    let s = signed_in().await?;
    competition_setup::overview(&s.db, &s.actor, s.now).await
}

/// The form of a year; `year` 0 gives a new year's defaults.
#[server(input = GetUrl, endpoint = "competition_form")]
pub async fn get_competition_form(year: i32) -> Result<CompetitionForm, AppError> {
    let s = signed_in().await?;
    competition_setup::form(&s.db, &s.actor, (year != 0).then_some(year)).await
}

/// Saves a year (`original` 0 creates one) and shows it.
#[server(endpoint = "save_competition")]
pub async fn save_competition(
    original: i32,
    form: CompetitionForm,
    lang: String,
) -> Result<i32, AppError> {
    let s = signed_in().await?;
    let year = competition_setup::save(
        &s.db,
        &s.public,
        &s.actor,
        (original != 0).then_some(original),
        form,
        s.now,
    )
    .await?;
    leptos_axum::redirect(
        &Lang::from_code(&lang).href(&format!("/admin/competitions/{year}?saved=1")),
    );
    Ok(year)
}

#[server(endpoint = "clone_competition")]
pub async fn clone_competition(from: i32, lang: String) -> Result<i32, AppError> {
    let s = signed_in().await?;
    let year = competition_setup::clone_year(&s.db, &s.public, &s.actor, from, s.now).await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href(&format!("/admin/competitions/{year}")));
    Ok(year)
}

#[server(input = GetUrl, endpoint = "screening")]
pub async fn get_screening(
    year: i32,
    round_country: Option<String>,
) -> Result<ScreeningView, AppError> {
    let s = signed_in().await?;
    let r = super::round_of(year, None, round_country)?;
    screening::list(&s.db, &s.actor, r, s.now).await
}

/// `seen`: the screening the form was opened on; a form without it was opened on none.
#[server(endpoint = "screen_entry")]
pub async fn screen_entry(
    entry_id: i32,
    eligible: bool,
    reason: String,
    seen: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let seen = seen.unwrap_or_default();
    let verdict = screening::Verdict {
        entry_id,
        eligible,
        reason: &reason,
        seen: &seen,
    };
    screening::screen(&s.db, &s.public, &s.actor, verdict, s.now, &s.base_url).await
}

/// Discards the organiser's reason for an entry that a screening refused, kept for them.
#[server(endpoint = "discard_unsaved_screening")]
pub async fn discard_unsaved_screening(entry_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    screening::discard_unsaved_screening(&s.db, &s.actor, entry_id).await
}

/// Reminds the organisation of one unsubmitted draft now; answers how many people were mailed.
#[server(endpoint = "remind_entry")]
pub async fn remind_entry(entry_id: i32) -> Result<usize, AppError> {
    let s = signed_in().await?;
    deadline_reminders::remind_now(&s.db, &s.actor, entry_id, s.now, &s.base_url).await
}

#[server(endpoint = "publish_entry_list")]
pub async fn publish_entry_list(year: i32, publish: bool) -> Result<(), AppError> {
    let s = signed_in().await?;
    competition_setup::list_entries(&s.db, &s.public, &s.actor, year, publish, s.now).await
}
