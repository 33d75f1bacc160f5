//! Passwords and single-use tokens: Argon2id hashes, login checks that take as long for
//! unknown addresses, and tokens stored only as hashes.
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::backend::entities::{app_user, auth_token};
use crate::backend::mail::{self, Template};
use crate::error::AppError;

pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|_| AppError::Internal)
}

/// A hash of a random password nobody has. Logins for unknown addresses are checked against
/// it, so they take as long as logins for known addresses.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let (password, _) = new_token();
        Argon2::default()
            .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// Verifies a password against a stored hash; `None` verifies against the dummy hash (and fails).
pub async fn verify_password(password: &str, hash: Option<&str>) -> bool {
    let (password, hash) = (password.to_string(), hash.map(str::to_string));
    tokio::task::spawn_blocking(move || {
        let hash = hash.as_deref().unwrap_or_else(|| dummy_hash());
        PasswordHash::new(hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A new random token (256 bits, hex) and the hash that is stored.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The stored hash of a token that came in a link, or `InvalidToken` when it is not shaped
/// like one of ours (64 hex digits), so that nothing else is looked up.
pub fn link_token_hash(token: &str) -> Result<String, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::InvalidToken);
    }
    Ok(token_hash(token))
}

/// Stores a new single-use token for `user_id` and returns the token for the mail.
pub(super) async fn issue_token<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    purpose: &str,
    payload: Option<String>,
    valid: Duration,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let (token, hash) = new_token();
    auth_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.into()),
        token_hash: Set(hash),
        expires_at: Set(now + valid),
        used_at: Set(None),
        created_at: Set(now),
        payload: Set(payload),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// What a single-use link is for: the token's purpose, what it carries, how long it works, and
/// the page it opens.
pub(super) struct Link<'a> {
    pub purpose: &'a str,
    pub payload: Option<String>,
    pub valid: Duration,
    pub page: &'a str,
}

/// Stores a token for `user` and queues the mail with its link, made by `template` from the
/// person's name and the link, to `to`. Both happen in the caller's transaction, so the mail
/// goes out only if what it belongs to is committed.
pub(super) async fn send_link<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
    to: &str,
    link: Link<'_>,
    template: impl FnOnce(String, String) -> Template,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let token = issue_token(db, user.id, link.purpose, link.payload, link.valid, now).await?;
    let lang = super::user_lang(user);
    let url = format!("{base_url}{}?token={token}", lang.href(link.page));
    let mail = template(user.name.clone(), url);
    mail::enqueue(db, to, &user.name, lang, &mail, now).await?;
    Ok(())
}

/// Takes a token for `purpose`: it must exist, be unused and unexpired. Marks it used.
pub(super) async fn take_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<auth_token::Model, AppError> {
    let t = auth_token::Entity::find()
        .filter(auth_token::Column::TokenHash.eq(link_token_hash(token)?))
        .filter(auth_token::Column::Purpose.eq(purpose))
        .one(db)
        .await?
        .filter(|t| t.used_at.is_none() && t.expires_at > now)
        .ok_or(AppError::InvalidToken)?;
    let mut used: auth_token::ActiveModel = t.clone().into();
    used.used_at = Set(Some(now));
    used.update(db).await?;
    Ok(t)
}

/// Takes a token (see [`take_token`]) and loads the account it belongs to.
pub(super) async fn take_token_user<C: ConnectionTrait>(
    db: &C,
    token: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<(auth_token::Model, app_user::Model), AppError> {
    let t = take_token(db, token, purpose, now).await?;
    let user = app_user::Entity::find_by_id(t.user_id)
        .one(db)
        .await?
        .ok_or(AppError::InvalidToken)?;
    Ok((t, user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_eq!(a.len(), 64, "256 bits, hex");
        assert_ne!(a, b);
        assert_eq!(ha, token_hash(&a));
        assert_ne!(ha, a);
    }

    #[tokio::test]
    async fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("lingon-cykel-fjäll-7").await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("lingon-cykel-fjäll-7", Some(&h)).await);
        assert!(!verify_password("lingon-cykel-fjäll-8", Some(&h)).await);
        assert!(!verify_password("x", None).await);
        assert!(dummy_hash().starts_with("$argon2id$"));
        assert!(!verify_password("x", Some("not a hash")).await);
    }
}
