//! The accounts room: people, their organisations and roles, passwords and email tokens.
use crate::backend::begin_write;
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};

use super::clock::when;
use super::entities::{
    app_user, auth_token, invitation, login_failure, mail_outbox, organisation,
    organisation_member, user_role,
};
use super::mail::{self, Template};
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::i18n::Lang;
use crate::model::{AccountView, ORGANISATION_KINDS, PersonalData, Role};

/// Who is asking. Every service that is not public takes one and checks it first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i32,
    pub roles: Vec<Role>,
    pub organisations: Vec<i32>,
    pub verified: bool,
    /// Juror, chair and admin roles held back because two-factor login is required but off.
    pub roles_on_hold: bool,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Acting for an organisation (inviting colleagues, and submitting entries) needs a
    /// confirmed address.
    pub fn require_verified(&self) -> Result<(), AppError> {
        if self.verified {
            Ok(())
        } else {
            Err(AppError::Unverified)
        }
    }
}

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;
const VERIFY_HOURS: i64 = 48;

/// Frequently used passwords of at least 12 characters (from public breach statistics), and
/// patterns that make a long password easy to guess.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789123",
    "111111111111",
    "000000000000",
    "qwertyuiopas",
    "qwertyuiop123",
    "qwertyuiopå",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "passwordpassword",
    "password1234",
    "password12345",
    "password123456",
    "lösenord1234",
    "losenord1234",
    "lösenordlösenord",
    "iloveyou1234",
    "sommar2024!!",
    "sommaren2024",
    "welcome12345",
    "letmein12345",
    "administrator",
    "administrator1",
    "abcdefghijkl",
    "abc123abc123",
    "qwerty123456",
    "qwertyqwerty",
    "asdfghjklöä",
    "asdfghjkl123",
    "zxcvbnm12345",
    "trustno1trustno1",
    "monkey123456",
    "dragon123456",
    "football1234",
    "baseball1234",
    "superman1234",
    "princess1234",
    "sunshine1234",
    "changeme1234",
    "brottsförebyggande",
];

fn too_common(password: &str, email: &str, name: &str) -> bool {
    let p = password.to_lowercase();
    let first = p.chars().next();
    if p.chars().all(|c| Some(c) == first) {
        return true;
    }
    let digits: Vec<u32> = p.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() == p.chars().count() && digits.windows(2).all(|w| (w[1] + 10 - w[0]) % 10 == 1)
    {
        return true;
    }
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    if (local.len() >= 4 && p.contains(&local))
        || (name.len() >= 4 && p == name.to_lowercase().replace(' ', ""))
    {
        return true;
    }
    COMMON_PASSWORDS.contains(&p.as_str())
}

/// Checks a new password; `email` and `name` are those of its owner.
pub fn check_password(password: &str, email: &str, name: &str) -> Option<Problem> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Some(Problem::PasswordTooShort)
    } else if n > PASSWORD_MAX {
        Some(Problem::PasswordTooLong)
    } else if too_common(password, email, name) {
        Some(Problem::PasswordTooCommon)
    } else {
        None
    }
}

/// A normalised email address, or why it is not one.
pub fn normalise_email(raw: &str) -> Result<String, Problem> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(Problem::Required);
    }
    if email.len() > 254 {
        return Err(Problem::TooLong);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(Problem::InvalidEmail);
    };
    let ok = !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@')
        && email
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[],;:\\\"".contains(c));
    if ok {
        Ok(email)
    } else {
        Err(Problem::InvalidEmail)
    }
}

/// A required one-line text of at most `max` characters, trimmed.
pub(crate) fn required(
    field: &str,
    value: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(FieldError {
            field: field.into(),
            problem: Problem::Required,
        });
    } else if v.chars().count() > max || v.chars().any(char::is_control) {
        errors.push(FieldError {
            field: field.into(),
            problem: Problem::TooLong,
        });
    }
    v.to_string()
}

/// A Swedish organisation number: ten digits, optionally with a dash after the sixth.
pub fn normalise_org_number(raw: &str) -> Result<Option<String>, Problem> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let digits: String = v.chars().filter(|c| *c != '-').collect();
    if digits.len() == 10
        && digits.chars().all(|c| c.is_ascii_digit())
        && v.chars().filter(|c| *c == '-').count() <= 1
    {
        Ok(Some(format!("{}-{}", &digits[..6], &digits[6..])))
    } else {
        Err(Problem::InvalidOrgNumber)
    }
}

/// What a person types to register.
#[derive(Clone, Debug, Default)]
pub struct Registration {
    pub name: String,
    pub email: String,
    pub password: String,
    pub organisation: String,
    pub kind: String,
    pub city: String,
    pub org_number: String,
    pub language: Lang,
}

struct ValidRegistration {
    name: String,
    email: String,
    org: OrganisationProfile,
}

fn validate(r: &Registration) -> Result<ValidRegistration, AppError> {
    let mut errors = Vec::new();
    let name = required("name", &r.name, 200, &mut errors);
    let email = normalise_email(&r.email).unwrap_or_else(|problem| {
        errors.push(FieldError {
            field: "email".into(),
            problem,
        });
        String::new()
    });
    if let Some(problem) = check_password(&r.password, &email, &name) {
        errors.push(FieldError {
            field: "password".into(),
            problem,
        });
    }
    let org = validate_organisation(
        "organisation",
        &r.organisation,
        &r.kind,
        &r.city,
        &r.org_number,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(ValidRegistration { name, email, org })
}

/// An organisation's profile as checked input.
pub(crate) struct OrganisationProfile {
    pub name: String,
    pub kind: String,
    pub city: Option<String>,
    pub org_number: Option<String>,
}

/// Checks an organisation's profile; `name_field` is the form's name for the name field.
pub(crate) fn validate_organisation(
    name_field: &str,
    name: &str,
    kind: &str,
    city: &str,
    org_number: &str,
    errors: &mut Vec<FieldError>,
) -> OrganisationProfile {
    let name = required(name_field, name, 200, errors);
    if !ORGANISATION_KINDS.contains(&kind) {
        errors.push(FieldError {
            field: "kind".into(),
            problem: Problem::InvalidChoice,
        });
    }
    let city = city.trim();
    if city.chars().count() > 100 || city.chars().any(char::is_control) {
        errors.push(FieldError {
            field: "city".into(),
            problem: Problem::TooLong,
        });
    }
    let org_number = normalise_org_number(org_number).unwrap_or_else(|problem| {
        errors.push(FieldError {
            field: "org_number".into(),
            problem,
        });
        None
    });
    OrganisationProfile {
        name,
        kind: kind.to_string(),
        city: (!city.is_empty()).then(|| city.to_string()),
        org_number,
    }
}

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

/// Registers a person and their new organisation, and queues the verification mail, all in one
/// transaction. For an address that already has an account it only queues a mail to that
/// address, and answers exactly as for a new one, so the form reveals nothing about who has an
/// account.
pub async fn register(
    db: &DatabaseConnection,
    r: Registration,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let v = validate(&r)?;
    let password_hash = hash_password(&r.password).await?;
    let lang = r.language;
    let txn = begin_write(db).await?;
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
    let token = issue_token(
        &txn,
        user.id,
        "verify_email",
        None,
        Duration::hours(VERIFY_HOURS),
        now,
    )
    .await?;
    let link = format!("{base_url}{}?token={token}", lang.href("/verify-email"));
    mail::enqueue(
        &txn,
        &user.email,
        &user.name,
        lang,
        &Template::VerifyEmail {
            name: user.name.clone(),
            link,
        },
        now,
    )
    .await?;
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
        return actor(db, u.id).await?.ok_or(AppError::InvalidCredentials);
    }
    record_login_failure(db, &email, ip, now).await?;
    Err(AppError::InvalidCredentials)
}

/// Refuses a login step when the address or the client has failed too often lately.
pub async fn check_login_limits(
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

pub async fn record_login_failure(
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

/// The address of an account, for the login limits of the second step.
pub async fn email_of(db: &DatabaseConnection, user_id: i32) -> Result<String, AppError> {
    Ok(app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|u| u.email)
        .unwrap_or_default())
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
        actor.roles_on_hold = actor.roles.len() < before;
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
    Ok(Some(Actor {
        user_id,
        roles,
        organisations,
        verified: user.email_verified_at.is_some(),
        roles_on_hold: false,
    }))
}

/// The signed-in person's own account.
pub async fn account(db: &DatabaseConnection, actor: &Actor) -> Result<AccountView, AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let organisations = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(actor.organisations.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect();
    Ok(AccountView {
        two_factor: user.totp_enabled_at.is_some(),
        roles_on_hold: actor.roles_on_hold,
        name: user.name,
        email: user.email,
        verified: user.email_verified_at.is_some(),
        roles: actor.roles.clone(),
        organisations,
    })
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

/// Stores a new single-use token for `user_id` and returns the token for the mail.
async fn issue_token<C: ConnectionTrait>(
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

/// Takes a token for `purpose`: it must exist, be unused and unexpired. Marks it used.
async fn take_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<auth_token::Model, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::InvalidToken);
    }
    let t = auth_token::Entity::find()
        .filter(auth_token::Column::TokenHash.eq(token_hash(token)))
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
async fn take_token_user<C: ConnectionTrait>(
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

fn user_lang(u: &app_user::Model) -> Lang {
    Lang::from_code(&u.language)
}

/// Mails a reset link if the address belongs to an active account. Answers the same either way.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    email: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let Ok(email) = normalise_email(email) else {
        return Err(AppError::invalid_field("email", Problem::InvalidEmail));
    };
    let txn = begin_write(db).await?;
    if let Some(u) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(&txn)
        .await?
        .filter(|u| u.active)
    {
        let token =
            issue_token(&txn, u.id, "reset_password", None, Duration::hours(1), now).await?;
        let lang = user_lang(&u);
        let link = format!("{base_url}{}?token={token}", lang.href("/reset-password"));
        mail::enqueue(
            &txn,
            &u.email,
            &u.name,
            lang,
            &Template::ResetPassword {
                name: u.name.clone(),
                link,
            },
            now,
        )
        .await?;
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
    let token = issue_token(
        &txn,
        user.id,
        "change_email",
        Some(new_email.clone()),
        Duration::hours(VERIFY_HOURS),
        now,
    )
    .await?;
    let lang = user_lang(&user);
    let link = format!("{base_url}{}?token={token}", lang.href("/confirm-email"));
    mail::enqueue(
        &txn,
        &new_email,
        &user.name,
        lang,
        &Template::ConfirmNewEmail {
            name: user.name.clone(),
            link,
        },
        now,
    )
    .await?;
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

/// Everything stored about the signed-in person.
pub async fn personal_data(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<PersonalData, AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let account = account(db, actor).await?;
    let mails = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(&user.email))
        .order_by_desc(mail_outbox::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| (when(m.created_at), m.subject, m.status))
        .collect();
    let invitations_sent = invitation::Entity::find()
        .filter(invitation::Column::InvitedBy.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.email)
        .collect();
    let failed_logins = login_failure::Entity::find()
        .filter(login_failure::Column::Email.eq(&user.email))
        .count(db)
        .await?;
    Ok(PersonalData {
        name: user.name,
        email: user.email,
        language: user.language,
        created: when(user.created_at),
        verified: user.email_verified_at.map(when),
        roles: account.roles,
        organisations: account.organisations,
        mails,
        invitations_sent,
        failed_logins,
    })
}

/// Erases the signed-in person's personal data. The entries they wrote belong to their
/// organisation and stay; the account row stays as an anonymous placeholder so that history
/// (invitations sent, audit) still points somewhere. The last member of an organisation cannot
/// leave it memberless.
pub async fn delete_account(
    db: &DatabaseConnection,
    actor: &Actor,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !verify_password(password, Some(&user.password_hash)).await {
        return Err(AppError::invalid_field("password", Problem::WrongPassword));
    }
    let txn = begin_write(db).await?;
    for org_id in &actor.organisations {
        let members = organisation_member::Entity::find()
            .filter(organisation_member::Column::OrganisationId.eq(*org_id))
            .count(&txn)
            .await?;
        if members <= 1 {
            return Err(AppError::Conflict(Conflict::LastMember));
        }
    }
    organisation_member::Entity::delete_many()
        .filter(organisation_member::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    auth_token::Entity::delete_many()
        .filter(auth_token::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    mail_outbox::Entity::delete_many()
        .filter(mail_outbox::Column::ToAddress.eq(&user.email))
        .exec(&txn)
        .await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Email.eq(&user.email))
        .exec(&txn)
        .await?;
    let id = user.id;
    let mut u: app_user::ActiveModel = user.into();
    u.email = Set(format!("deleted-{id}@deleted.invalid"));
    u.name = Set(String::new());
    u.password_hash = Set(String::new());
    u.active = Set(false);
    u.email_verified_at = Set(None);
    u.sessions_valid_after = Set(Some(now));
    u.updated_at = Set(now);
    u.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalise_email("  Anna.Berg@Mora.SE "),
            Ok("anna.berg@mora.se".into())
        );
        assert_eq!(normalise_email(""), Err(Problem::Required));
        for bad in [
            "anna",
            "anna@",
            "@mora.se",
            "anna@mora",
            "anna@@mora.se",
            "an na@mora.se",
            "anna@mora..se",
            "<a>@b.se",
        ] {
            assert_eq!(normalise_email(bad), Err(Problem::InvalidEmail), "{bad}");
        }
        assert_eq!(
            normalise_email(&format!("{}@x.se", "a".repeat(300))),
            Err(Problem::TooLong)
        );
    }

    #[test]
    fn passwords_need_length_and_must_not_be_common() {
        assert_eq!(
            check_password("kort", "a@b.se", "A"),
            Some(Problem::PasswordTooShort)
        );
        assert_eq!(
            check_password(&"x".repeat(129), "a@b.se", "A"),
            Some(Problem::PasswordTooLong)
        );
        assert_eq!(
            check_password("Password1234", "a@b.se", "A"),
            Some(Problem::PasswordTooCommon)
        );
        assert_eq!(
            check_password("aaaaaaaaaaaaaa", "a@b.se", "A"),
            Some(Problem::PasswordTooCommon)
        );
        assert_eq!(
            check_password("345678901234", "a@b.se", "A"),
            Some(Problem::PasswordTooCommon)
        );
        assert_eq!(
            check_password("annaberg2026!", "annaberg@mora.se", "Anna Berg"),
            Some(Problem::PasswordTooCommon)
        );
        assert_eq!(check_password("lingon-cykel-fjäll-7", "a@b.se", "A"), None);
        // Length counts characters, not bytes.
        assert_eq!(
            check_password("åäöåäöåäöåä", "a@b.se", "A"),
            Some(Problem::PasswordTooShort)
        );
    }

    #[test]
    fn organisation_numbers_are_ten_digits() {
        assert_eq!(normalise_org_number(""), Ok(None));
        assert_eq!(
            normalise_org_number("2021000001"),
            Ok(Some("202100-0001".into()))
        );
        assert_eq!(
            normalise_org_number(" 202100-0001 "),
            Ok(Some("202100-0001".into()))
        );
        assert_eq!(
            normalise_org_number("20210-00001-"),
            Err(Problem::InvalidOrgNumber)
        );
        assert_eq!(normalise_org_number("abc"), Err(Problem::InvalidOrgNumber));
    }

    #[test]
    fn registration_reports_every_bad_field() {
        let err = validate(&Registration {
            kind: "bank".into(),
            org_number: "1".into(),
            ..Default::default()
        })
        .err()
        .unwrap();
        for (field, problem) in [
            ("name", Problem::Required),
            ("email", Problem::Required),
            ("password", Problem::PasswordTooShort),
            ("organisation", Problem::Required),
            ("kind", Problem::InvalidChoice),
            ("org_number", Problem::InvalidOrgNumber),
        ] {
            assert_eq!(err.field(field), Some(problem), "{field}");
        }
    }

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
