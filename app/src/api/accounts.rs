//! Server functions for accounts: register, verify, log in and out, passwords and addresses.
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{AccountView, PersonalData};

#[cfg(feature = "ssr")]
use crate::backend::{
    AppState, accounts,
    state::{LOGIN_AT_KEY, USER_KEY, client_ip, current_actor},
};
#[cfg(feature = "ssr")]
use crate::i18n::Lang;

#[cfg(feature = "ssr")]
async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract().await.map_err(|_| AppError::Internal)
}

#[cfg(feature = "ssr")]
async fn signed_in() -> Result<accounts::Actor, AppError> {
    current_actor().await?.ok_or(AppError::Unauthenticated)
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
    accounts::register(&s.db, r, s.clock.now(), &s.base_url).await?;
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
    // A new session id at login, so an id planted before cannot ride along.
    session.cycle_id().await.map_err(|_| AppError::Internal)?;
    session
        .insert(USER_KEY, actor.user_id)
        .await
        .map_err(|_| AppError::Internal)?;
    session
        .insert(LOGIN_AT_KEY, now.timestamp())
        .await
        .map_err(|_| AppError::Internal)?;
    leptos_axum::redirect(&Lang::from_code(&lang).href("/account"));
    Ok(())
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
    let s = AppState::get()?;
    accounts::account(&s.db, &signed_in().await?).await
}

#[server(endpoint = "forgot_password")]
pub async fn forgot_password(email: String, lang: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    accounts::request_password_reset(&s.db, &email, s.clock.now(), &s.base_url).await?;
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
    let s = AppState::get()?;
    accounts::change_password(
        &s.db,
        &signed_in().await?,
        &current_password,
        &new_password,
        s.clock.now(),
    )
    .await
}

#[server(endpoint = "change_email")]
pub async fn change_email(email: String, password: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    accounts::request_email_change(
        &s.db,
        &signed_in().await?,
        &email,
        &password,
        s.clock.now(),
        &s.base_url,
    )
    .await
}

#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    accounts::confirm_email_change(&s.db, &token, s.clock.now()).await
}

#[server(endpoint = "my_data")]
pub async fn my_data() -> Result<PersonalData, AppError> {
    let s = AppState::get()?;
    accounts::personal_data(&s.db, &signed_in().await?).await
}

#[server(endpoint = "delete_account")]
pub async fn delete_account(password: String, lang: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    accounts::delete_account(&s.db, &signed_in().await?, &password, s.clock.now()).await?;
    session()
        .await?
        .flush()
        .await
        .map_err(|_| AppError::Internal)?;
    leptos_axum::redirect(&Lang::from_code(&lang).href("/"));
    Ok(())
}
