//! Who is asking, for the routes outside the server functions (uploads, downloads, exports,
//! images): the signed-in person of the session cookie, checked against the database on every
//! request as `app::backend::state::session_actor` does for the server functions.
use app::backend::AppState;
use app::backend::accounts::Actor;
use app::backend::state::session_actor;
use app::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// The person signed in, if anyone is. Extracting it fails only when the session or the
/// database cannot be read.
pub struct MaybeSignedIn(pub Option<Actor>);

impl MaybeSignedIn {
    /// The person, or `Unauthenticated` for a route that then answers in its own way (a plain
    /// form is sent to the login page).
    pub fn required(self) -> Result<Actor, AppError> {
        self.0.ok_or(AppError::Unauthenticated)
    }
}

impl FromRequestParts<AppState> for MaybeSignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = tower_sessions::Session::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::Internal)?;
        Ok(MaybeSignedIn(session_actor(state, &session).await?))
    }
}

/// The person signed in. A request without one is answered 401 before the handler runs.
pub struct SignedIn(pub Actor);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        MaybeSignedIn::from_request_parts(parts, state)
            .await?
            .required()
            .map(SignedIn)
    }
}
