//! Server functions for accounts: register, verify, log in and out, passwords and addresses.
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{AccountView, PersonalData, RetentionRules, TotpEnrolment};

#[cfg(feature = "ssr")]
use crate::backend::{
    AppState,
    accounts::{self, totp},
    state::{PENDING_AT_KEY, PENDING_USER_KEY, client_ip, sign_in, signed_in},
};
#[cfg(feature = "ssr")]
use crate::i18n::Lang;

#[cfg(feature = "ssr")]
async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract().await.map_err(|_| AppError::Internal)
}

#[server(endpoint = "register")]
#[allow(clippy::too_many_arguments)]
pub async fn register(
    name: String,
    email: String,
    password: String,
    organisation: String,
    kind: String,
    city: String,
    org_number: String,
    lang: String,
) -> Result<(), AppError> {
    let s = AppState::get()?;
    let language = Lang::from_code(&lang);
    let r = accounts::Registration {
        name,
        email,
        password,
        organisation,
        kind,
        city,
        org_number,
        language,
    };
    let ip = client_ip().await;
    accounts::register(&s.db, r, s.anonymous(&ip), s.clock.now(), &s.base_url).await?;
    leptos_axum::redirect(&language.href("/register/sent"));
    Ok(())
}

#[server(endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    accounts::verify_email(&s.db, &token, s.clock.now()).await
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String, lang: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    let now = s.clock.now();
    let actor = accounts::authenticate(&s.db, &email, &password, &client_ip().await, now).await?;
    let session = session().await?;
    let lang = Lang::from_code(&lang);
    if totp::enabled(&s.db, actor.user_id).await? {
        session.cycle_id().await.map_err(|_| AppError::Internal)?;
        session
            .insert(PENDING_USER_KEY, actor.user_id)
            .await
            .map_err(|_| AppError::Internal)?;
        session
            .insert(PENDING_AT_KEY, now.timestamp())
            .await
            .map_err(|_| AppError::Internal)?;
        leptos_axum::redirect(&lang.href("/login/code"));
        return Ok(());
    }
    sign_in(&session, actor.user_id, now.timestamp()).await?;
    leptos_axum::redirect(&lang.href("/account"));
    Ok(())
}

/// The second step of a login with two-factor authentication.
#[server(endpoint = "login_code")]
pub async fn login_code(code: String, lang: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    let now = s.clock.now();
    let session = session().await?;
    let user_id = session
        .get::<i32>(PENDING_USER_KEY)
        .await
        .map_err(|_| AppError::Internal)?;
    let at = session
        .get::<i64>(PENDING_AT_KEY)
        .await
        .map_err(|_| AppError::Internal)?
        .unwrap_or(0);
    let pending = user_id.map(|user_id| (user_id, at));
    let user_id = accounts::second_step(&s.db, pending, &code, &client_ip().await, now).await?;
    sign_in(&session, user_id, now.timestamp()).await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href("/account"));
    Ok(())
}

#[server(endpoint = "start_two_factor")]
pub async fn start_two_factor() -> Result<TotpEnrolment, AppError> {
    let s = signed_in().await?;
    totp::start(&s.db, &s.actor).await
}

/// Returns the recovery codes, to be shown once.
#[server(endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, AppError> {
    let s = signed_in().await?;
    totp::confirm(&s.db, &s.actor, &code, s.now).await
}

#[server(endpoint = "disable_two_factor")]
pub async fn disable_two_factor(password: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    totp::disable(&s.db, &s.actor, &password).await
}

#[server(endpoint = "logout")]
pub async fn logout(lang: String) -> Result<(), AppError> {
    session()
        .await?
        .flush()
        .await
        .map_err(|_| AppError::Internal)?;
    leptos_axum::redirect(&Lang::from_code(&lang).href("/"));
    Ok(())
}

#[server(endpoint = "account")]
pub async fn get_account() -> Result<AccountView, AppError> {
    let s = signed_in().await?;
    accounts::account(&s.db, &s.actor).await
}

#[server(endpoint = "forgot_password")]
pub async fn forgot_password(email: String, lang: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    let (ip, now) = (client_ip().await, s.clock.now());
    accounts::request_password_reset(&s.db, &email, s.anonymous(&ip), now, &s.base_url).await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href("/forgot-password/sent"));
    Ok(())
}

#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String, lang: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    accounts::reset_password(&s.db, &token, &password, s.clock.now()).await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href("/login"));
    Ok(())
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    accounts::change_password(&s.db, &s.actor, &current_password, &new_password, s.now).await
}

#[server(endpoint = "change_email")]
pub async fn change_email(email: String, password: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    accounts::request_email_change(&s.db, &s.actor, &email, &password, s.now, &s.base_url).await
}

#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    accounts::confirm_email_change(&s.db, &token, s.clock.now()).await
}

/// The retention rules in force, for the privacy notice. Anyone may read them.
#[server(input = leptos::server_fn::codec::GetUrl, endpoint = "retention")]
pub async fn get_retention() -> Result<RetentionRules, AppError> {
    Ok(AppState::get()?.retention)
}

#[server(endpoint = "my_data")]
pub async fn my_data() -> Result<PersonalData, AppError> {
    let s = signed_in().await?;
    accounts::personal_data(&s.db, &s.actor).await
}

#[server(endpoint = "delete_account")]
pub async fn delete_account(password: String, lang: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    crate::backend::gdpr::delete_account(&s.db, &s.actor, &password, s.now).await?;
    session()
        .await?
        .flush()
        .await
        .map_err(|_| AppError::Internal)?;
    leptos_axum::redirect(&Lang::from_code(&lang).href("/"));
    Ok(())
}
