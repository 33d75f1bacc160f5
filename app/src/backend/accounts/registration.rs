//! New accounts: registration with a new organisation, the address confirmed by mail, and
//! the first admin from the command line.
use crate::backend::begin_write;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use crate::backend::entities::{app_user, organisation, organisation_member, user_role};
use crate::backend::mail::{self, Template};
use crate::backend::mail_limits::{self, Client, Purpose};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::model::Role;

use super::*;

/// Inserts an active account with one role.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_user<C: ConnectionTrait>(
    db: &C,
    email: &str,
    name: &str,
    password_hash: String,
    language: Lang,
    verified_at: Option<DateTime<Utc>>,
    role: Role,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let user = app_user::ActiveModel {
        email: Set(email.to_string()),
        name: Set(name.to_string()),
        password_hash: Set(password_hash),
        language: Set(language.code().into()),
        active: Set(true),
        email_verified_at: Set(verified_at),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    user_role::ActiveModel {
        user_id: Set(user.id),
        role: Set(role.code().into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(user)
}

/// Registers a person and their new organisation, and queues the verification mail, all in one
/// transaction. For an address that already has an account it only queues a mail to that
/// address, and answers exactly as for a new one, so the form reveals nothing about who has an
/// account. A valid registration counts towards the limits of the client and the address
/// ([`mail_limits`](crate::backend::mail_limits)) either way.
pub async fn register(
    db: &DatabaseConnection,
    r: Registration,
    client: Client<'_>,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let v = validate(&r)?;
    let password_hash = hash_password(&r.password).await?;
    let lang = r.language;
    let txn = begin_write(db).await?;
    mail_limits::admit(&txn, Purpose::Registration, client, &v.email, now).await?;
    if let Some(existing) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&v.email))
        .one(&txn)
        .await?
    {
        let existing_lang = if existing.language == "en" {
            Lang::En
        } else {
            Lang::Sv
        };
        let template = Template::AlreadyRegistered {
            name: existing.name.clone(),
            login_link: format!("{base_url}{}", existing_lang.href("/login")),
        };
        mail::enqueue(
            &txn,
            &existing.email,
            &existing.name,
            existing_lang,
            &template,
            now,
        )
        .await?;
        txn.commit().await?;
        return Ok(());
    }
    let org = organisation::ActiveModel {
        name: Set(v.org.name),
        kind: Set(v.org.kind),
        city: Set(v.org.city),
        org_number: Set(v.org.org_number),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let user = insert_user(
        &txn,
        &v.email,
        &v.name,
        password_hash,
        lang,
        None,
        Role::Applicant,
        now,
    )
    .await?;
    organisation_member::ActiveModel {
        organisation_id: Set(org.id),
        user_id: Set(user.id),
        joined_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let link = Link {
        purpose: "verify_email",
        payload: None,
        valid: Duration::hours(VERIFY_HOURS),
        page: "/verify-email",
    };
    let mail = |name, link| Template::VerifyEmail { name, link };
    send_link(&txn, &user, &user.email, link, mail, now, base_url).await?;
    txn.commit().await?;
    Ok(())
}

/// Marks an email address verified. A token works once, and only before it expires.
pub async fn verify_email(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let (_, user) = take_token_user(&txn, token, "verify_email", now).await?;
    if user.email_verified_at.is_none() {
        let mut u: app_user::ActiveModel = user.into();
        u.email_verified_at = Set(Some(now));
        u.updated_at = Set(now);
        u.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Creates the first admin from the command line, or makes an existing account admin.
/// The address counts as verified: the operator typed it.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let email =
        normalise_email(email).map_err(|problem| AppError::invalid_field("email", problem))?;
    let txn = begin_write(db).await?;
    let user = match app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(&txn)
        .await?
    {
        Some(u) => u,
        None => {
            if let Some(problem) = check_password(password, &email, name) {
                return Err(AppError::invalid_field("password", problem));
            }
            let name = name.trim();
            if name.is_empty() {
                return Err(AppError::invalid_field("name", Problem::Required));
            }
            insert_user(
                &txn,
                &email,
                name,
                hash_password(password).await?,
                Lang::Sv,
                Some(now),
                Role::Admin,
                now,
            )
            .await?
        }
    };
    let has_admin = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user.id))
        .filter(user_role::Column::Role.eq(Role::Admin.code()))
        .one(&txn)
        .await?
        .is_some();
    if !has_admin {
        user_role::ActiveModel {
            user_id: Set(user.id),
            role: Set(Role::Admin.code().into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(user.id)
}
