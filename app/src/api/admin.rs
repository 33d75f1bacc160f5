//! Server functions for the organiser: users and the mail outbox.
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::Role;
use crate::model::{OutboxRow, UserRow};

#[cfg(feature = "ssr")]
use crate::backend::{AppState, admin, state::require_actor};

#[server(endpoint = "admin_users")]
pub async fn admin_users(query: String) -> Result<Vec<UserRow>, AppError> {
    let s = AppState::get()?;
    admin::users(&s.db, &require_actor().await?, &query).await
}

/// One checkbox per role: a role is kept when its field is sent.
#[server(endpoint = "admin_set_roles")]
pub async fn admin_set_roles(
    user_id: i32,
    applicant: Option<String>,
    juror: Option<String>,
    chair: Option<String>,
    admin: Option<String>,
) -> Result<(), AppError> {
    let s = AppState::get()?;
    let roles: Vec<Role> = [
        (applicant, Role::Applicant),
        (juror, Role::Juror),
        (chair, Role::Chair),
        (admin, Role::Admin),
    ]
    .into_iter()
    .filter_map(|(field, role)| field.map(|_| role))
    .collect();
    admin::set_roles(&s.db, &require_actor().await?, user_id, &roles).await
}

#[server(endpoint = "admin_set_active")]
pub async fn admin_set_active(user_id: i32, active: bool) -> Result<(), AppError> {
    let s = AppState::get()?;
    admin::set_active(
        &s.db,
        &require_actor().await?,
        user_id,
        active,
        s.clock.now(),
    )
    .await
}

#[server(endpoint = "admin_outbox")]
pub async fn admin_outbox(status: String) -> Result<Vec<OutboxRow>, AppError> {
    let s = AppState::get()?;
    admin::outbox(
        &s.db,
        &require_actor().await?,
        Some(status.as_str()).filter(|s| !s.is_empty()),
    )
    .await
}
