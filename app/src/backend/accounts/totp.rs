//! Two-factor login with time-based one-time codes (RFC 6238) and recovery codes.
use crate::backend::begin_write;
use chrono::{DateTime, Utc};
use qrcode::QrCode;
use qrcode::render::svg;
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use totp_rs::{Builder, Secret, Totp};

use super::{self as accounts, Actor, token_hash};
use crate::backend::entities::{app_user, recovery_code};
use crate::error::{AppError, Conflict, Problem};
use crate::model::TotpEnrolment;

pub const RECOVERY_CODES: usize = 10;

fn totp(secret_base32: &str, account: &str) -> Result<Totp, AppError> {
    let secret = Secret::try_from_base32(secret_base32).map_err(|_| AppError::Internal)?;
    Builder::new()
        .with_secret(secret)
        .with_issuer(Some("ECPA Sverige".to_string()))
        .with_account_name(account.to_string())
        .build()
        .map_err(|_| AppError::Internal)
}

fn bad_code() -> AppError {
    AppError::invalid_field("code", Problem::WrongCode)
}

/// Starts enrolment: a new secret, shown as a QR code (SVG) and as text. It takes effect only
/// when a code from it is confirmed.
pub async fn start(db: &DatabaseConnection, actor: &Actor) -> Result<TotpEnrolment, AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if user.totp_enabled_at.is_some() {
        return Err(AppError::Conflict(Conflict::TwoFactorOn));
    }
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    let secret = Secret::new_stack(bytes).to_base32();
    let t = totp(&secret, &user.email)?;
    let url = t.to_url().map_err(|_| AppError::Internal)?;
    let qr_svg = QrCode::new(url.as_bytes())
        .map_err(|_| AppError::Internal)?
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .build();
    let mut u: app_user::ActiveModel = user.into();
    u.totp_secret = Set(Some(secret.clone()));
    u.update(db).await?;
    Ok(TotpEnrolment {
        secret,
        otpauth_url: url,
        qr_svg,
    })
}

/// Confirms enrolment with a code from the app, and returns fresh recovery codes (shown once).
pub async fn confirm(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if user.totp_enabled_at.is_some() {
        return Err(AppError::Conflict(Conflict::TwoFactorOn));
    }
    let secret = user
        .totp_secret
        .clone()
        .ok_or(AppError::BadRequest("no enrolment started".into()))?;
    let step = totp(&secret, &user.email)?
        .check(code.trim(), now.timestamp().max(0) as u64)
        .ok_or_else(bad_code)?;
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let mut b = [0u8; 5];
            rand::rng().fill_bytes(&mut b);
            let h = hex::encode(b);
            format!("{}-{}", &h[..5], &h[5..])
        })
        .collect();
    let txn = begin_write(db).await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    for c in &codes {
        recovery_code::ActiveModel {
            user_id: Set(user.id),
            code_hash: Set(token_hash(c)),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let mut u: app_user::ActiveModel = user.into();
    u.totp_enabled_at = Set(Some(now));
    u.totp_last_step = Set(Some(step as i64));
    u.update(&txn).await?;
    txn.commit().await?;
    Ok(codes)
}

/// Turns two-factor login off; the password must be given.
pub async fn disable(
    db: &DatabaseConnection,
    actor: &Actor,
    password: &str,
) -> Result<(), AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !accounts::verify_password(password, Some(&user.password_hash)).await {
        return Err(AppError::invalid_field("password", Problem::WrongPassword));
    }
    let txn = begin_write(db).await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    let mut u: app_user::ActiveModel = user.into();
    u.totp_secret = Set(None);
    u.totp_enabled_at = Set(None);
    u.totp_last_step = Set(None);
    u.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn enabled(db: &DatabaseConnection, user_id: i32) -> Result<bool, AppError> {
    Ok(app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .is_some_and(|u| u.totp_enabled_at.is_some()))
}

/// Checks the second factor at login: a current code (each accepted once) or an unused recovery
/// code (then used up).
pub async fn verify(
    db: &DatabaseConnection,
    user_id: i32,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let user = app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let (Some(secret), Some(_)) = (user.totp_secret.clone(), user.totp_enabled_at) else {
        return Err(AppError::Unauthenticated);
    };
    let code = code.trim().to_lowercase();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        let step = totp(&secret, &user.email)?
            .check(&code, now.timestamp().max(0) as u64)
            .ok_or_else(bad_code)? as i64;
        if user.totp_last_step.is_some_and(|last| step <= last) {
            return Err(bad_code());
        }
        let mut u: app_user::ActiveModel = user.into();
        u.totp_last_step = Set(Some(step));
        u.update(db).await?;
        return Ok(());
    }
    let rc = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(token_hash(&code)))
        .filter(recovery_code::Column::UsedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(bad_code)?;
    let mut rc: recovery_code::ActiveModel = rc.into();
    rc.used_at = Set(Some(now));
    rc.update(db).await?;
    Ok(())
}
