//! Server functions for accounts: register, verify, log in and out, and the own account.
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::AccountView;

#[cfg(feature = "ssr")]
use crate::backend::{
    AppState, accounts,
    state::{USER_KEY, current_actor},
};

#[cfg(feature = "ssr")]
fn lang_of(code: &str) -> Lang {
    if code == "en" { Lang::En } else { Lang::Sv }
}

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
    let language = lang_of(&lang);
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
    let actor = accounts::authenticate(&s.db, &email, &password).await?;
    let session = session().await?;
    // A new session id at login, so an id planted before cannot ride along.
    session.cycle_id().await.map_err(|_| AppError::Internal)?;
    session
        .insert(USER_KEY, actor.user_id)
        .await
        .map_err(|_| AppError::Internal)?;
    leptos_axum::redirect(&lang_of(&lang).href("/account"));
    Ok(())
}

#[server(endpoint = "logout")]
pub async fn logout(lang: String) -> Result<(), AppError> {
    session()
        .await?
        .flush()
        .await
        .map_err(|_| AppError::Internal)?;
    leptos_axum::redirect(&lang_of(&lang).href("/"));
    Ok(())
}

#[server(endpoint = "account")]
pub async fn get_account() -> Result<AccountView, AppError> {
    let s = AppState::get()?;
    let actor = current_actor().await?.ok_or(AppError::Unauthenticated)?;
    accounts::account(&s.db, &actor).await
}
