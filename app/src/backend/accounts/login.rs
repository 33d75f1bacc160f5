//! Signing in: the password step with its limits on failures, and the actor behind a session.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use crate::backend::entities::{
    app_user, login_failure, organisation_member, round_organiser, user_role,
};
use crate::error::AppError;
use crate::model::Role;

use super::*;

/// Failed logins counted per address and per IP address over this window.
pub const LOGIN_WINDOW_MINUTES: i64 = 15;
pub const LOGIN_MAX_PER_ACCOUNT: u64 = 5;
pub const LOGIN_MAX_PER_IP: u64 = 20;

/// Checks an email and password. Unknown address, wrong password and deactivated account all
/// give the same answer, in the same time. After too many failures for the address or from the
/// IP address within the window, every attempt is refused until the window has passed.
pub async fn authenticate(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<Actor, AppError> {
    let email: String = email.trim().to_lowercase().chars().take(254).collect();
    check_login_limits(db, &email, ip, now).await?;
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let password = if password.len() > 4 * PASSWORD_MAX {
        ""
    } else {
        password
    };
    let ok = verify_password(password, user.as_ref().map(|u| u.password_hash.as_str())).await;
    if let Some(u) = user.filter(|u| ok && u.active) {
        let id = u.id;
        let mut seen: app_user::ActiveModel = u.into();
        seen.last_login_at = Set(Some(now));
        seen.update(db).await?;
        return actor(db, id).await?.ok_or(AppError::InvalidCredentials);
    }
    record_login_failure(db, &email, ip, now).await?;
    Err(AppError::InvalidCredentials)
}

/// Refuses a login step when the address or the client has failed too often lately.
async fn check_login_limits(
    db: &DatabaseConnection,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let since = now - Duration::minutes(LOGIN_WINDOW_MINUTES);
    let recent = login_failure::Entity::find().filter(login_failure::Column::At.gt(since));
    let by_account = recent
        .clone()
        .filter(login_failure::Column::Email.eq(email))
        .count(db)
        .await?;
    let by_ip = recent
        .filter(login_failure::Column::Ip.eq(ip))
        .count(db)
        .await?;
    if by_account >= LOGIN_MAX_PER_ACCOUNT || by_ip >= LOGIN_MAX_PER_IP {
        return Err(AppError::RateLimited);
    }
    Ok(())
}

async fn record_login_failure(
    db: &DatabaseConnection,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    login_failure::ActiveModel {
        email: Set(email.to_string()),
        ip: Set(ip.chars().take(64).collect()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}

/// How long after the password step its second step, the two-factor code, may come.
pub const SECOND_STEP_SECONDS: i64 = 300;

/// The second step of a two-factor login: the code of the account that passed the password
/// step, `pending` being its user id and when (Unix seconds) that step passed, as the session
/// keeps them. Without one, or after `SECOND_STEP_SECONDS`, the person must start again. A
/// wrong code counts as a failed login of the address and the client, under the same limits as
/// the password step. Returns the user id to sign in.
pub async fn second_step(
    db: &DatabaseConnection,
    pending: Option<(i32, i64)>,
    code: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let Some((user_id, _)) = pending.filter(|(_, at)| now.timestamp() - at <= SECOND_STEP_SECONDS)
    else {
        return Err(AppError::Unauthenticated);
    };
    let email = app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|u| u.email)
        .unwrap_or_default();
    check_login_limits(db, &email, ip, now).await?;
    if let Err(e) = super::totp::verify(db, user_id, code, now).await {
        record_login_failure(db, &email, ip, now).await?;
        return Err(e);
    }
    Ok(user_id)
}

/// The actor behind a session: the user must still be active, and the session must have begun
/// after the last password reset or deactivation.
pub async fn session_actor(
    db: &DatabaseConnection,
    user_id: i32,
    login_at: i64,
    require_two_factor: bool,
) -> Result<Option<Actor>, AppError> {
    let Some(user) = app_user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if user
        .sessions_valid_after
        .is_some_and(|t| t.timestamp() > login_at)
    {
        return Ok(None);
    }
    let Some(mut actor) = actor(db, user_id).await? else {
        return Ok(None);
    };
    if require_two_factor && user.totp_enabled_at.is_none() {
        let before = actor.roles.len();
        actor.roles.retain(|r| *r == Role::Applicant);
        actor.roles_on_hold = actor.roles.len() < before || !actor.rounds.is_empty();
        actor.rounds.clear();
    }
    Ok(Some(actor))
}

/// The actor for a signed-in user id, or `None` if the account no longer exists or is
/// deactivated (which ends every session at once).
pub async fn actor(db: &DatabaseConnection, user_id: i32) -> Result<Option<Actor>, AppError> {
    let Some(user) = app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(None);
    };
    let mut roles: Vec<Role> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .iter()
        .filter_map(|r| Role::from_code(&r.role))
        .collect();
    roles.sort();
    let organisations = organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .iter()
        .map(|m| m.organisation_id)
        .collect();
    let rounds = round_organiser::Entity::find()
        .filter(round_organiser::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .iter()
        .map(|r| r.competition_id)
        .collect();
    Ok(Some(Actor {
        user_id,
        roles,
        organisations,
        rounds,
        verified: user.email_verified_at.is_some(),
        roles_on_hold: false,
    }))
}
