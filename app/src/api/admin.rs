//! Server functions for the organiser: users, the mail outbox, the audit log, and people's
//! requests about their personal data.
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::Lang;
#[cfg(feature = "ssr")]
use crate::model::Role;
use crate::model::{AuditFilter, AuditView, ErasureReport, OutboxRow, PersonSearch, UserRow};

#[cfg(feature = "ssr")]
use crate::backend::{admin, audit_trail, gdpr, state::signed_in};

#[server(endpoint = "admin_users")]
pub async fn admin_users(query: String) -> Result<Vec<UserRow>, AppError> {
    let s = signed_in().await?;
    admin::users(&s.db, &s.actor, &query).await
}

/// One checkbox per role: a role is kept when its field is sent.
#[server(endpoint = "admin_set_roles")]
pub async fn admin_set_roles(
    user_id: i32,
    applicant: Option<String>,
    juror: Option<String>,
    chair: Option<String>,
    admin: Option<String>,
    secretariat: Option<String>,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    let roles: Vec<Role> = [
        (applicant, Role::Applicant),
        (juror, Role::Juror),
        (chair, Role::Chair),
        (admin, Role::Admin),
        (secretariat, Role::Secretariat),
    ]
    .into_iter()
    .filter_map(|(field, role)| field.map(|_| role))
    .collect();
    admin::set_roles(&s.db, &s.actor, user_id, &roles, s.now).await
}

#[server(endpoint = "admin_set_active")]
pub async fn admin_set_active(user_id: i32, active: bool) -> Result<(), AppError> {
    let s = signed_in().await?;
    admin::set_active(&s.db, &s.actor, user_id, active, s.now).await
}

#[server(endpoint = "admin_outbox")]
pub async fn admin_outbox(status: String) -> Result<Vec<OutboxRow>, AppError> {
    let s = signed_in().await?;
    admin::outbox(
        &s.db,
        &s.actor,
        Some(status.as_str()).filter(|s| !s.is_empty()),
    )
    .await
}

/// A page of the audit log, filtered.
#[server(endpoint = "audit_trail")]
pub async fn get_audit_trail(filter: AuditFilter) -> Result<AuditView, AppError> {
    let s = signed_in().await?;
    audit_trail::trail(&s.db, &s.actor, &filter).await
}

/// Everything stored about a person, for their request: by address, and by name as well.
#[server(endpoint = "person_search")]
pub async fn find_person(email: String, name: String) -> Result<PersonSearch, AppError> {
    let s = signed_in().await?;
    gdpr::search(&s.db, &s.actor, &email, &name).await
}

/// Erases a person on their request, once the organiser has ticked the confirmation; then
/// shows the search again, which now finds what was kept and nothing else.
#[server(endpoint = "erase_person")]
pub async fn erase_person(
    email: String,
    name: String,
    confirm: Option<String>,
    lang: String,
) -> Result<ErasureReport, AppError> {
    let s = signed_in().await?;
    let confirmed = confirm.is_some();
    let report = gdpr::erase_for(&s.db, &s.actor, &email, &name, confirmed, s.now).await?;
    let query = crate::model::person_query(&email, &name);
    leptos_axum::redirect(&format!(
        "{}?{query}&erased={}",
        Lang::from_code(&lang).href("/admin/personal-data"),
        report.changed + report.deleted + report.blanked
    ));
    Ok(report)
}
