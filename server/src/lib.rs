//! The `ecpa` server: configuration, database start-up and the axum router.
use std::{net::SocketAddr, sync::Arc};

mod files;
mod publication;

use app::backend::mail::{Mailer, Transport};
use app::backend::sessions::DbSessionStore;
use app::backend::{AppState, Clock, SystemClock};
use app::error::AppError;
use app::{App, shell};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// Configuration from the environment. Every variable has a default that runs the portal
/// locally on an embedded SQLite file.
#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// `LEPTOS_SITE_ADDR`.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: where the built CSS and wasm are served from.
    pub site_root: String,
    /// `ECPA_BASE_URL`: the public address, for links in mails.
    pub base_url: String,
    /// `ECPA_SMTP_URL`: unset means mail is written to `mail_dir`.
    pub smtp_url: Option<String>,
    /// `ECPA_MAIL_FROM`.
    pub mail_from: String,
    /// `ECPA_MAIL_DIR`.
    pub mail_dir: String,
    /// `ECPA_COOKIE_SECURE`: mark the session cookie Secure (serve over https). Defaults to true
    /// when `ECPA_BASE_URL` is https.
    pub cookie_secure: bool,
    /// `ECPA_TRUST_FORWARDED`: take client addresses from `X-Forwarded-For` (set it only behind
    /// a proxy that writes that header).
    pub trust_forwarded: bool,
    /// `ECPA_REQUIRE_TOTP`: juror, chair and admin roles take effect only with two-factor login.
    pub require_two_factor: bool,
    /// `ECPA_UPLOAD_DIR`: where attachments are stored, outside the web root.
    pub upload_dir: String,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/ecpa.db?mode=rwc";

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var =
            |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
        let site_addr = var("LEPTOS_SITE_ADDR", "127.0.0.1:3000");
        let base_url = var("ECPA_BASE_URL", &format!("http://{site_addr}"))
            .trim_end_matches('/')
            .to_string();
        Ok(Config {
            database_url: var("DATABASE_URL", DEFAULT_DATABASE_URL),
            site_addr: site_addr
                .parse()
                .map_err(|e| format!("LEPTOS_SITE_ADDR={site_addr:?} is not an address: {e}"))?,
            site_root: var("LEPTOS_SITE_ROOT", "target/site"),
            cookie_secure: match std::env::var("ECPA_COOKIE_SECURE") {
                Ok(v) => matches!(v.as_str(), "1" | "true" | "yes"),
                Err(_) => base_url.starts_with("https://"),
            },
            require_two_factor: matches!(
                var("ECPA_REQUIRE_TOTP", "").as_str(),
                "1" | "true" | "yes"
            ),
            trust_forwarded: matches!(
                var("ECPA_TRUST_FORWARDED", "").as_str(),
                "1" | "true" | "yes"
            ),
            base_url,
            smtp_url: std::env::var("ECPA_SMTP_URL")
                .ok()
                .filter(|u| !u.trim().is_empty()),
            mail_from: var("ECPA_MAIL_FROM", "ECPA Sverige <noreply@ecpa.invalid>"),
            mail_dir: var("ECPA_MAIL_DIR", "data/mail"),
            upload_dir: var("ECPA_UPLOAD_DIR", "data/uploads"),
        })
    }

    /// A config for tests and tools: defaults, with the given address.
    pub fn local(site_addr: SocketAddr) -> Config {
        Config {
            database_url: DEFAULT_DATABASE_URL.into(),
            site_addr,
            site_root: "target/site".into(),
            base_url: format!("http://{site_addr}"),
            smtp_url: None,
            mail_from: "ECPA Sverige <noreply@ecpa.invalid>".into(),
            mail_dir: "data/mail".into(),
            cookie_secure: false,
            trust_forwarded: false,
            require_two_factor: false,
            upload_dir: "data/uploads".into(),
        }
    }

    pub fn mailer(&self) -> Result<Mailer, String> {
        Ok(Mailer {
            from: self
                .mail_from
                .parse()
                .map_err(|e| format!("ECPA_MAIL_FROM is not a mail address: {e}"))?,
            transport: Transport::new(
                self.smtp_url.as_deref(),
                std::path::Path::new(&self.mail_dir),
            )?,
        })
    }

    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("ecpa"))
            .site_root(self.site_root.as_str())
            .site_pkg_dir(option_env!("LEPTOS_SITE_PKG_DIR").unwrap_or("pkg"))
            .site_addr(self.site_addr)
            .build()
    }
}

/// Opens the database, creating the SQLite file and its folder when needed, with WAL journaling
/// and foreign keys on.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let sqlite = url.starts_with("sqlite:");
    if sqlite {
        if let Some(dir) =
            sqlite_file(url).and_then(|f| std::path::Path::new(f).parent().map(|p| p.to_path_buf()))
        {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| DbErr::Custom(format!("cannot create {dir:?}: {e}")))?;
            }
        }
    }
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false)
        .connect_timeout(std::time::Duration::from_secs(5))
        .acquire_timeout(std::time::Duration::from_secs(10));
    if sqlite {
        // One writer at a time is SQLite's rule; a small pool avoids lock contention.
        opts.max_connections(8);
    }
    let db = Database::connect(opts).await?;
    if sqlite {
        // WAL is a property of the database file, so setting it once is enough. Foreign keys and
        // the busy timeout are per connection; sqlx turns both on for every connection it opens.
        db.execute_unprepared("PRAGMA journal_mode=WAL").await?;
    }
    Ok(db)
}

/// The file path of a `sqlite://path?opts` URL, unless it is in memory.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Connects and brings the schema up to date.
pub async fn open(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    migrate(&db).await?;
    Ok(db)
}

pub fn state(db: DatabaseConnection, config: &Config, clock: Arc<dyn Clock>) -> AppState {
    AppState {
        db,
        clock,
        leptos_options: config.leptos_options(),
        base_url: config.base_url.clone(),
        trust_forwarded: config.trust_forwarded,
        require_two_factor: config.require_two_factor,
        upload_dir: config.upload_dir.clone().into(),
    }
}

pub fn system_clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}

/// The whole application: pages, server functions and static files.
pub fn router(state: AppState, cookie_secure: bool) -> Router {
    let sessions = tower_sessions::SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("ecpa_session")
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(cookie_secure)
        .with_expiry(tower_sessions::Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::days(14),
        ));
    let routes = generate_route_list(App);
    let ctx_state = state.clone();
    Router::new()
        .merge(files::routes())
        .merge(publication::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ctx_state.clone()),
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            {
                let s = state.clone();
                move || provide_context(s.clone())
            },
            shell,
        ))
        .layer(axum::middleware::map_response(server_fn_status))
        .layer(sessions)
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(state)
}

/// Serves the router, telling handlers the peer address (for login rate limits).
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

/// Server functions report every error as 500; this gives an [`AppError`] its own status
/// (400 for bad arguments, 404, 503…). Only 500 responses are looked at, so it costs nothing on
/// the normal path.
async fn server_fn_status(res: axum::response::Response) -> axum::response::Response {
    let json = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    // Only server-function errors (JSON) are read; an HTML error page passes untouched.
    if res.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR || !json {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = axum::http::StatusCode::from_u16(err.status()).unwrap_or(parts.status);
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn sqlite_paths_are_read_from_urls() {
        assert_eq!(
            sqlite_file("sqlite://data/ecpa.db?mode=rwc"),
            Some("data/ecpa.db")
        );
        assert_eq!(sqlite_file("sqlite:/tmp/x.db"), Some("/tmp/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://x"), None);
    }
}
