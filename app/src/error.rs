//! The one error type of the portal, mapped to an HTTP status and a localised message.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The database or another dependency is down; the detail is logged, never shown.
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// Transport or (de)serialisation failure of a server function call.
    #[error("server function: {0}")]
    ServerFn(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest(_) => 400,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::ServerFn(_) => 500,
        }
    }

    pub fn message(&self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            AppError::NotFound => t.not_found_text,
            AppError::BadRequest(_) => t.error_bad_request,
            AppError::Unavailable => t.error_unavailable,
            AppError::Internal | AppError::ServerFn(_) => t.error_internal,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => AppError::BadRequest(m),
            other => AppError::ServerFn(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        match err {
            sea_orm::DbErr::ConnectionAcquire(_) | sea_orm::DbErr::Conn(_) => AppError::Unavailable,
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_status_and_message() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::Unavailable.status(), 503);
        assert_eq!(AppError::BadRequest("x".into()).status(), 400);
        assert_eq!(
            AppError::Internal.message(Lang::Sv),
            Lang::Sv.t().error_internal
        );
        assert_eq!(
            AppError::NotFound.message(Lang::En),
            Lang::En.t().not_found_text
        );
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("year".into()));
        assert_eq!(e, AppError::BadRequest("year".into()));
    }
}
