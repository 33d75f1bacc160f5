use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;

use super::Clock;

/// Shared by every request: the router's state and the server functions' context.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// The generation of what the public sees, for the public-page cache.
    pub public: super::public_changes::PublicChanges,
    pub clock: Arc<dyn Clock>,
    pub leptos_options: LeptosOptions,
    /// The portal's public address, for links in mails: `http://127.0.0.1:3000`.
    pub base_url: String,
    /// Take the client's address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded: bool,
    /// `ECPA_REQUIRE_TOTP`: juror, chair and admin roles need two-factor login.
    pub require_two_factor: bool,
    /// `ECPA_UPLOAD_DIR`: attachments, stored by content hash, outside the web root.
    pub upload_dir: std::path::PathBuf,
    /// `ECPA_MAILS_PER_CLIENT`: mails of one kind a client address may ask for in an hour from
    /// the forms that need no account (registration, password reset, subscription).
    pub mails_per_client: u64,
    /// How long what is kept is kept (`ECPA_RETAIN_*`), for the privacy page.
    pub retention: crate::model::RetentionRules,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The state from a server function's context.
    pub fn get() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or(crate::error::AppError::Internal)
    }

    /// Someone not signed in, at client address `ip`, under the configured limit on mails.
    pub fn anonymous<'a>(&self, ip: &'a str) -> super::mail_limits::Client<'a> {
        super::mail_limits::Client::Address {
            ip,
            per_hour: self.mails_per_client,
        }
    }
}

/// The signed-in person, from the session cookie, checked against the database on every call
/// so that a deactivated account is out at once.
pub async fn current_actor() -> Result<Option<super::accounts::Actor>, crate::error::AppError> {
    let state = AppState::get()?;
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|_| crate::error::AppError::Internal)?;
    session_actor(&state, &session).await
}

/// The signed-in person of a session; also for plain axum handlers (uploads, downloads).
pub async fn session_actor(
    state: &AppState,
    session: &tower_sessions::Session,
) -> Result<Option<super::accounts::Actor>, crate::error::AppError> {
    let Some(user_id) = session
        .get::<i32>(USER_KEY)
        .await
        .map_err(|_| crate::error::AppError::Internal)?
    else {
        return Ok(None);
    };
    let login_at = session
        .get::<i64>(LOGIN_AT_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or(0);
    let actor =
        super::accounts::session_actor(&state.db, user_id, login_at, state.require_two_factor)
            .await?;
    if actor.is_none() {
        let _ = session.flush().await;
    }
    Ok(actor)
}

/// The session key that holds the signed-in user's id.
pub const USER_KEY: &str = "user_id";
/// The session keys for a login waiting for its second factor: user id and when.
pub const PENDING_USER_KEY: &str = "pending_user_id";
pub const PENDING_AT_KEY: &str = "pending_at";
/// The session key that holds when the session was signed in (unix seconds).
pub const LOGIN_AT_KEY: &str = "login_at";

/// The client's IP address, for rate limits.
pub async fn client_ip() -> String {
    let forwarded = match AppState::get() {
        Ok(s) if s.trust_forwarded => leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|p| {
                p.headers
                    .get("x-forwarded-for")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            })
            .and_then(|v| v.rsplit(',').next().map(|ip| ip.trim().to_string())),
        _ => None,
    };
    match forwarded {
        Some(ip) => ip,
        None => leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .await
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|_| "unknown".into()),
    }
}

/// The signed-in person, or `Unauthenticated`.
pub async fn require_actor() -> Result<super::accounts::Actor, crate::error::AppError> {
    current_actor()
        .await?
        .ok_or(crate::error::AppError::Unauthenticated)
}

/// What a server function for a signed-in person starts from: the state (the database, the
/// portal's address…), who is asking, and the time of the call. It derefs to the state.
pub struct SignedIn {
    pub state: AppState,
    pub actor: super::accounts::Actor,
    pub now: chrono::DateTime<chrono::Utc>,
}

impl std::ops::Deref for SignedIn {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.state
    }
}

/// The preamble of a server function for a signed-in person: `Unauthenticated` without one.
/// Whether the person may do what the function does is the service's to decide.
pub async fn signed_in() -> Result<SignedIn, crate::error::AppError> {
    let state = AppState::get()?;
    let actor = require_actor().await?;
    let now = state.clock.now();
    Ok(SignedIn { state, actor, now })
}

/// Signs `user_id` in on this session, with a new session id so that an id planted before
/// cannot ride along.
pub async fn sign_in(
    session: &tower_sessions::Session,
    user_id: i32,
    now: i64,
) -> Result<(), crate::error::AppError> {
    let internal = |_| crate::error::AppError::Internal;
    session.cycle_id().await.map_err(internal)?;
    session
        .remove::<i32>(PENDING_USER_KEY)
        .await
        .map_err(internal)?;
    session.insert(USER_KEY, user_id).await.map_err(internal)?;
    session.insert(LOGIN_AT_KEY, now).await.map_err(internal)?;
    Ok(())
}
