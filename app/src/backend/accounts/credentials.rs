//! Changing what signs a person in: a forgotten password, a new password, a new address.
use crate::backend::begin_write;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::backend::entities::app_user;
use crate::backend::mail::Template;
use crate::backend::mail_limits::{self, Client, Purpose};
use crate::error::{AppError, Conflict, Problem};

use super::*;

/// Mails a reset link if the address belongs to an active account. Answers the same either way.
/// Every request counts towards the limits of the client and the address
/// ([`mail_limits`](crate::backend::mail_limits)), whether or not the address has an account.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    email: &str,
    client: Client<'_>,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let Ok(email) = normalise_email(email) else {
        return Err(AppError::invalid_field("email", Problem::InvalidEmail));
    };
    let txn = begin_write(db).await?;
    mail_limits::admit(&txn, Purpose::PasswordReset, client, &email, now).await?;
    if let Some(u) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(&txn)
        .await?
        .filter(|u| u.active)
    {
        let link = Link {
            purpose: "reset_password",
            payload: None,
            valid: Duration::hours(1),
            page: "/reset-password",
        };
        let mail = |name, link| Template::ResetPassword { name, link };
        send_link(&txn, &u, &u.email, link, mail, now, base_url).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Sets a new password with a reset token. Every existing session of the account ends.
pub async fn reset_password(
    db: &DatabaseConnection,
    token: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let (_, user) = take_token_user(&txn, token, "reset_password", now).await?;
    if let Some(problem) = check_password(password, &user.email, &user.name) {
        return Err(AppError::invalid_field("password", problem));
    }
    let hash = hash_password(password).await?;
    let mut u: app_user::ActiveModel = user.into();
    u.password_hash = Set(hash);
    // Whoever could read the reset mail could also prove ownership of the address.
    u.email_verified_at = Set(Some(now));
    u.sessions_valid_after = Set(Some(now));
    u.updated_at = Set(now);
    u.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Changes the signed-in person's password; the current one must be given.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: &Actor,
    current: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !verify_password(current, Some(&user.password_hash)).await {
        return Err(AppError::invalid_field(
            "current_password",
            Problem::WrongPassword,
        ));
    }
    if let Some(problem) = check_password(new, &user.email, &user.name) {
        return Err(AppError::invalid_field("new_password", problem));
    }
    let mut u: app_user::ActiveModel = user.into();
    u.password_hash = Set(hash_password(new).await?);
    u.updated_at = Set(now);
    u.update(db).await?;
    Ok(())
}

/// Starts a change of address: a link goes to the new address, and the change happens only
/// when it is opened.
pub async fn request_email_change(
    db: &DatabaseConnection,
    actor: &Actor,
    new_email: &str,
    password: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let new_email =
        normalise_email(new_email).map_err(|problem| AppError::invalid_field("email", problem))?;
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !verify_password(password, Some(&user.password_hash)).await {
        return Err(AppError::invalid_field("password", Problem::WrongPassword));
    }
    let txn = begin_write(db).await?;
    if app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&new_email))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(Conflict::EmailTaken));
    }
    let asker = Client::Person {
        user_id: actor.user_id,
        per_hour: mail_limits::ADDRESS_CHANGES_PER_PERSON,
    };
    mail_limits::admit(&txn, Purpose::EmailChange, asker, &new_email, now).await?;
    let link = Link {
        purpose: "change_email",
        payload: Some(new_email.clone()),
        valid: Duration::hours(VERIFY_HOURS),
        page: "/confirm-email",
    };
    let mail = |name, link| Template::ConfirmNewEmail { name, link };
    send_link(&txn, &user, &new_email, link, mail, now, base_url).await?;
    txn.commit().await?;
    Ok(())
}

/// Completes a change of address from the link sent to the new address.
pub async fn confirm_email_change(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let (t, user) = take_token_user(&txn, token, "change_email", now).await?;
    let new_email = t.payload.clone().ok_or(AppError::InvalidToken)?;
    if app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&new_email))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(Conflict::EmailTaken));
    }
    let mut u: app_user::ActiveModel = user.into();
    u.email = Set(new_email);
    u.email_verified_at = Set(Some(now));
    u.updated_at = Set(now);
    u.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}
