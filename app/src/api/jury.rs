//! Server functions of judging. Each calls one service, which checks who may do what. Those of a
//! year's jury take `europe=true` for the European final's jury; without it they mean the home
//! country's national round.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{
    AssignmentReport, DiscussionView, GridView, JurorHome, JuryAdminView, JuryInvitationInfo,
    ProgressMatrix, RankingView, RoundRef, Saved, ScoringView, SheetForm, Text, UnsavedSheetView,
};

#[cfg(feature = "ssr")]
use super::round_of;
#[cfg(feature = "ssr")]
use crate::backend::{
    AppState, jury, jury_setup,
    state::{current_actor, sign_in, signed_in},
};
#[cfg(feature = "ssr")]
use crate::i18n::Lang;

#[server(input = GetUrl, endpoint = "my_juries")]
pub async fn get_my_juries() -> Result<Vec<(RoundRef, Text)>, AppError> {
    let s = signed_in().await?;
    jury::my_years(&s.db, &s.actor).await
}

#[server(input = GetUrl, endpoint = "jury_home")]
pub async fn get_jury_home(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<JurorHome, AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::juror_home(&s.db, &s.actor, round, s.now).await
}

#[server(input = GetUrl, endpoint = "scoring")]
pub async fn get_scoring(entry_id: i32) -> Result<ScoringView, AppError> {
    let s = signed_in().await?;
    jury::scoring_view(&s.db, &s.actor, entry_id, s.now).await
}

/// Saves the juror's sheet; with `submit` set, submits it (every criterion scored).
#[server(endpoint = "save_scores")]
pub async fn save_scores(
    entry_id: i32,
    revision: i32,
    sheet: SheetForm,
    submit: Option<String>,
) -> Result<Saved, AppError> {
    let s = signed_in().await?;
    let submit = submit.as_deref() == Some("true");
    jury::save_sheet(&s.db, &s.actor, entry_id, revision, sheet, submit, s.now).await
}

/// The juror's own sheet of an entry that a save refused, kept for them.
#[server(input = GetUrl, endpoint = "unsaved_sheet")]
pub async fn get_unsaved_sheet(entry_id: i32) -> Result<UnsavedSheetView, AppError> {
    let s = signed_in().await?;
    jury::unsaved_sheet(&s.db, &s.actor, entry_id).await
}

/// Discards the juror's kept sheet of an entry and goes back to its scoring page.
#[server(endpoint = "discard_unsaved_sheet")]
pub async fn discard_unsaved_sheet(entry_id: i32, lang: Option<String>) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = jury::discard_unsaved_sheet(&s.db, &s.actor, entry_id).await?;
    let lang = Lang::from_code(lang.as_deref().unwrap_or("sv"));
    leptos_axum::redirect(&lang.href(&round.jury_path(&format!("/entries/{entry_id}"))));
    Ok(())
}

/// A juror declares their own conflict of interest with an entry.
#[server(endpoint = "declare_conflict")]
pub async fn declare_conflict(entry_id: i32, reason: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    jury::declare_own_conflict(&s.db, &s.actor, entry_id, &reason, s.now).await
}

/// Discards the juror's reason for a conflict of interest with an entry that a save refused,
/// kept for them.
#[server(endpoint = "discard_unsaved_conflict")]
pub async fn discard_unsaved_conflict(entry_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    jury::discard_unsaved_conflict(&s.db, &s.actor, entry_id).await
}

#[server(input = GetUrl, endpoint = "jury_progress")]
pub async fn get_jury_progress(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<ProgressMatrix, AppError> {
    let s = signed_in().await?;
    jury::progress(&s.db, &s.actor, round_of(year, europe, round_country)?).await
}

#[server(input = GetUrl, endpoint = "jury_ranking")]
pub async fn get_jury_ranking(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<RankingView, AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::ranking_view(&s.db, &s.actor, round, s.now).await
}

/// The jury's meeting grid on one criterion (its key), or on the weighted total (empty).
#[server(input = GetUrl, endpoint = "jury_grid")]
pub async fn get_jury_grid(
    year: i32,
    criterion: Option<String>,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<GridView, AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::grid_view(
        &s.db,
        &s.actor,
        round,
        criterion.as_deref().unwrap_or_default(),
        s.now,
    )
    .await
}

/// The jury's discussion of an entry.
#[server(input = GetUrl, endpoint = "jury_discussion")]
pub async fn get_jury_discussion(entry_id: i32) -> Result<DiscussionView, AppError> {
    let s = signed_in().await?;
    jury::discussion(&s.db, &s.actor, entry_id, s.now).await
}

/// Adds a note to the jury's discussion of an entry.
#[server(endpoint = "add_jury_note")]
pub async fn add_jury_note(entry_id: i32, body: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    jury::add_note(&s.db, &s.actor, entry_id, &body, s.now).await
}

/// Discards the reader's note to the jury's discussion of an entry that a save refused, kept
/// for them.
#[server(endpoint = "discard_unsaved_note")]
pub async fn discard_unsaved_note(entry_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    jury::discard_unsaved_note(&s.db, &s.actor, entry_id, s.now).await
}

#[server(endpoint = "record_decision")]
#[allow(clippy::too_many_arguments)]
pub async fn record_decision(
    year: i32,
    winner: i32,
    runners_up: Option<Vec<i32>>,
    mentions: Option<Vec<i32>>,
    motivation_sv: String,
    motivation_en: String,
    tie_reason: String,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::decide(
        &s.db,
        &s.public,
        &s.actor,
        round,
        jury::DecisionInput {
            winner,
            runners_up: runners_up.unwrap_or_default(),
            mentions: mentions.unwrap_or_default(),
            motivation_sv,
            motivation_en,
            tie_reason,
        },
        s.now,
    )
    .await
}

/// Takes the recorded decision back, with the reason, while the results are not public.
#[server(endpoint = "reopen_decision")]
pub async fn reopen_decision(
    year: i32,
    reason: String,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::reopen(&s.db, &s.public, &s.actor, round, &reason, s.now).await
}

/// Discards the reader's decision that a save refused, kept for them.
#[server(endpoint = "discard_unsaved_decision")]
pub async fn discard_unsaved_decision(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::discard_unsaved_decision(&s.db, &s.actor, round).await
}

/// Discards the reader's reason to reopen the decision that a save refused, kept for them.
#[server(endpoint = "discard_unsaved_reopening")]
pub async fn discard_unsaved_reopening(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::discard_unsaved_reopening(&s.db, &s.actor, round).await
}

#[server(input = GetUrl, endpoint = "jury_admin")]
pub async fn get_jury_admin(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<JuryAdminView, AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury_setup::overview(&s.db, &s.actor, round, s.now).await
}

/// Invites a juror; to the European final's jury with the member state they come from.
#[server(endpoint = "invite_juror")]
pub async fn invite_juror(
    year: i32,
    email: String,
    country: Option<String>,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let r = round_of(year, europe, round_country)?;
    if r.europe {
        let country = country.unwrap_or_default();
        jury_setup::invite_to_final(&s.db, &s.actor, year, &email, &country, s.now, &s.base_url)
            .await
    } else {
        jury_setup::invite(&s.db, &s.actor, r, &email, s.now, &s.base_url).await
    }
}

#[server(endpoint = "resend_juror_invitation")]
pub async fn resend_juror_invitation(invitation_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    jury_setup::resend(&s.db, &s.actor, invitation_id, s.now, &s.base_url).await
}

#[server(endpoint = "revoke_juror_invitation")]
pub async fn revoke_juror_invitation(invitation_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    jury_setup::revoke(&s.db, &s.actor, invitation_id, s.now).await
}

#[server(endpoint = "appoint_chair")]
pub async fn appoint_chair(
    year: i32,
    user_id: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let r = round_of(year, europe, round_country)?;
    jury_setup::set_chair(&s.db, &s.actor, r, user_id, s.now).await
}

/// Reminds one juror now of the sheets they have left.
#[server(endpoint = "remind_juror")]
pub async fn remind_juror(
    year: i32,
    user_id: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let r = round_of(year, europe, round_country)?;
    jury_setup::remind_now(&s.db, &s.actor, r, user_id, s.now, &s.base_url).await
}

#[server(endpoint = "assign_jury")]
pub async fn assign_jury(
    year: i32,
    per_entry: usize,
    cap: usize,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<AssignmentReport, AppError> {
    let s = signed_in().await?;
    let r = round_of(year, europe, round_country)?;
    jury_setup::assign(&s.db, &s.actor, r, per_entry, cap, s.now).await
}

#[server(endpoint = "set_jury_assignment")]
pub async fn set_jury_assignment(
    entry_id: i32,
    juror_id: i32,
    assigned: bool,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    jury_setup::set_assignment(&s.db, &s.actor, entry_id, juror_id, assigned, s.now).await
}

/// The organiser records a juror's conflict of interest.
#[server(endpoint = "add_conflict")]
pub async fn add_conflict(entry_id: i32, juror_id: i32, reason: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    let sent = crate::model::RecordedConflict {
        entry_id,
        juror_id,
        reason,
    };
    jury::add_conflict(&s.db, &s.actor, sent, s.now).await
}

/// Discards the organiser's record of a conflict of interest that a save refused, kept for them.
#[server(endpoint = "discard_unsaved_recorded_conflict")]
pub async fn discard_unsaved_recorded_conflict(
    year: i32,
    europe: Option<bool>,
    round_country: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let round = round_of(year, europe, round_country)?;
    jury::discard_unsaved_recorded_conflict(&s.db, &s.actor, round).await
}

#[server(input = GetUrl, endpoint = "jury_invitation")]
pub async fn get_jury_invitation(token: String) -> Result<JuryInvitationInfo, AppError> {
    let s = AppState::get()?;
    jury_setup::invitation_info(&s.db, &token, s.clock.now()).await
}

/// Accepts or declines a jury invitation; a new juror's account is made and signed in.
#[server(endpoint = "answer_jury_invitation")]
pub async fn answer_jury_invitation(
    token: String,
    accept: bool,
    name: String,
    password: String,
    lang: String,
) -> Result<bool, AppError> {
    let s = AppState::get()?;
    let now = s.clock.now();
    let actor = current_actor().await?;
    let language = Lang::from_code(&lang);
    let created = jury_setup::respond(
        &s.db,
        &token,
        actor.as_ref(),
        accept,
        &name,
        &password,
        language,
        now,
    )
    .await?;
    if let Some(user_id) = created {
        let session: tower_sessions::Session = leptos_axum::extract()
            .await
            .map_err(|_| AppError::Internal)?;
        sign_in(&session, user_id, now.timestamp()).await?;
    }
    if accept {
        leptos_axum::redirect(&language.href("/jury"));
    }
    Ok(accept)
}
