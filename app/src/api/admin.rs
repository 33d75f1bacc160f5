//! Server functions for the organiser: users and the mail outbox.
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{OutboxRow, Role, UserRow};

#[cfg(feature = "ssr")]
use crate::backend::{AppState, admin, state::current_actor};

#[cfg(feature = "ssr")]
async fn signed_in() -> Result<crate::backend::accounts::Actor, AppError> {
    current_actor().await?.ok_or(AppError::Unauthenticated)
}

#[server(endpoint = "admin_users")]
pub async fn admin_users(query: String) -> Result<Vec<UserRow>, AppError> {
    let s = AppState::get()?;
    admin::users(&s.db, &signed_in().await?, &query).await
}

/// `roles` holds the role codes to keep, e.g. `applicant,juror`.
#[server(endpoint = "admin_set_roles")]
pub async fn admin_set_roles(user_id: i32, roles: String) -> Result<(), AppError> {
    let s = AppState::get()?;
    let mut parsed = Vec::new();
    for code in roles.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        parsed.push(
            Role::from_code(code)
                .ok_or_else(|| AppError::BadRequest(format!("unknown role {code:?}")))?,
        );
    }
    admin::set_roles(&s.db, &signed_in().await?, user_id, &parsed).await
}

#[server(endpoint = "admin_set_active")]
pub async fn admin_set_active(user_id: i32, active: bool) -> Result<(), AppError> {
    let s = AppState::get()?;
    admin::set_active(&s.db, &signed_in().await?, user_id, active, s.clock.now()).await
}

#[server(endpoint = "admin_outbox")]
pub async fn admin_outbox(status: String) -> Result<Vec<OutboxRow>, AppError> {
    let s = AppState::get()?;
    admin::outbox(
        &s.db,
        &signed_in().await?,
        Some(status.as_str()).filter(|s| !s.is_empty()),
    )
    .await
}
