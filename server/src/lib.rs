//! The `ecpa` server: configuration, database start-up and the axum router.
#![recursion_limit = "256"]
use std::{net::SocketAddr, sync::Arc};

mod actor;
mod assets;
pub mod backup;
pub mod cache;
mod db;
pub mod encoding;
mod files;
mod forms;
pub mod jobs;
mod publication;
pub mod security;
mod upload;

use app::backend::mail::{Mailer, Transport};
use app::backend::sessions::DbSessionStore;
use app::backend::{AppState, Clock, SystemClock};
use app::error::AppError;
use app::model::RetentionRules;
use app::{App, shell};
use axum::Router;
pub use db::{Pool, connect, connect_with, migrate, open, open_with};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
pub use secrecy::{ExposeSecret, SecretString};

/// Configuration from the environment. Every variable has a default that runs the portal
/// locally on an embedded SQLite file. The two addresses that can hold a password are secrets:
/// they print as `[REDACTED]`, and reading one takes `expose_secret()`.
#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: SecretString,
    /// `LEPTOS_SITE_ADDR`.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: where the built CSS and wasm are served from.
    pub site_root: String,
    /// `ECPA_BASE_URL`: the public address, for links in mails.
    pub base_url: String,
    /// `ECPA_SMTP_URL`: unset means mail is written to `mail_dir`.
    pub smtp_url: Option<SecretString>,
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
    /// `ECPA_MAILS_PER_CLIENT`: mails of one kind (a registration, a password reset, a
    /// subscription) one client address may ask for in an hour. Many people behind one address
    /// (an office, a test suite) may need more than the default.
    pub mails_per_client: u64,
    /// `ECPA_RETAIN_DRAFT_MONTHS`, `ECPA_RETAIN_MAIL_DAYS` and `ECPA_RETAIN_PEOPLE_YEARS` (unset:
    /// kept under the archive rules): the retention rules, applied by
    /// a daily job and shown on the privacy page.
    pub retention: RetentionRules,
    /// How long a request body may take to arrive (30 s; tests shorten it).
    pub body_timeout: std::time::Duration,
    /// How long a client may take to send its request headers (10 s; tests shorten it).
    pub header_timeout: std::time::Duration,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/ecpa.db?mode=rwc";

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var =
            |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
        let number = |name: &str, default: u32| match std::env::var(name) {
            Ok(v) => v
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{name}={v:?} is not a whole number above zero")),
            Err(_) => Ok(default),
        };
        let site_addr = var("LEPTOS_SITE_ADDR", "127.0.0.1:3000");
        let base_url = var("ECPA_BASE_URL", &format!("http://{site_addr}"))
            .trim_end_matches('/')
            .to_string();
        Ok(Config {
            database_url: var("DATABASE_URL", DEFAULT_DATABASE_URL).into(),
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
                .filter(|u| !u.trim().is_empty())
                .map(SecretString::from),
            mail_from: var("ECPA_MAIL_FROM", "ECPA Sverige <noreply@ecpa.invalid>"),
            mail_dir: var("ECPA_MAIL_DIR", "data/mail"),
            upload_dir: var("ECPA_UPLOAD_DIR", "data/uploads"),
            mails_per_client: match std::env::var("ECPA_MAILS_PER_CLIENT") {
                Ok(v) => v.trim().parse().map_err(|_| {
                    format!("ECPA_MAILS_PER_CLIENT={v:?} is not a whole number of mails")
                })?,
                Err(_) => app::backend::mail_limits::PER_CLIENT,
            },
            retention: RetentionRules {
                draft_months: number(
                    "ECPA_RETAIN_DRAFT_MONTHS",
                    RetentionRules::DEFAULT_DRAFT_MONTHS,
                )?,
                mail_days: number("ECPA_RETAIN_MAIL_DAYS", RetentionRules::DEFAULT_MAIL_DAYS)?,
                people_years: match std::env::var("ECPA_RETAIN_PEOPLE_YEARS") {
                    Ok(v) if !v.trim().is_empty() => Some(number("ECPA_RETAIN_PEOPLE_YEARS", 0)?),
                    _ => None,
                },
            },
            body_timeout: security::BODY_TIMEOUT,
            header_timeout: HEADER_TIMEOUT,
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
            mails_per_client: app::backend::mail_limits::PER_CLIENT,
            retention: RetentionRules::default(),
            body_timeout: security::BODY_TIMEOUT,
            header_timeout: HEADER_TIMEOUT,
        }
    }

    pub fn mailer(&self) -> Result<Mailer, String> {
        Ok(Mailer::new(
            self.mail_from
                .parse()
                .map_err(|e| format!("ECPA_MAIL_FROM is not a mail address: {e}"))?,
            Transport::new(
                self.smtp_url.as_ref().map(|u| u.expose_secret()),
                std::path::Path::new(&self.mail_dir),
            )?,
        ))
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

pub fn state(db: DatabaseConnection, config: &Config, clock: Arc<dyn Clock>) -> AppState {
    AppState {
        db,
        public: Default::default(),
        clock,
        leptos_options: config.leptos_options(),
        base_url: config.base_url.clone(),
        trust_forwarded: config.trust_forwarded,
        require_two_factor: config.require_two_factor,
        upload_dir: config.upload_dir.clone().into(),
        mails_per_client: config.mails_per_client,
        retention: config.retention,
    }
}

pub fn system_clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}

/// A router that also lists what it routes (methods and path), so that the authorisation
/// matrix can call every route there is.
#[derive(Default)]
pub struct Listed {
    router: Router<AppState>,
    routes: Vec<(&'static str, &'static str)>,
}

impl Listed {
    /// Adds `handler` at `path`; `methods` names the methods it answers, comma-separated.
    pub fn route(
        mut self,
        methods: &'static str,
        path: &'static str,
        handler: axum::routing::MethodRouter<AppState>,
    ) -> Self {
        self.router = self.router.route(path, handler);
        self.routes.push((methods, path));
        self
    }

    fn merge(mut self, other: Listed) -> Self {
        self.router = self.router.merge(other.router);
        self.routes.extend(other.routes);
        self
    }
}

fn extra() -> Listed {
    files::routes()
        .merge(publication::routes())
        .merge(assets::routes())
}

/// Every route outside the pages and server functions, as (methods, path).
pub fn extra_routes() -> Vec<(&'static str, &'static str)> {
    extra().routes
}

/// Every page's path, in both languages (`/competitions/{year}`, `/en/competitions/{year}`).
pub fn page_routes() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_string()).collect()
}

/// The app's page routes, generated once per process. Generating them renders the app with
/// resource loading switched off by a process-wide flag (leptos_server's
/// `SuppressResourceLoad`), so a second generation while another router in the same process
/// is rendering pages would leave that page's resources waiting forever (seen as rare hangs of
/// the HTTP tests, which start many servers at once). Every router waits for this one.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application: pages, server functions and static files, behind the security
/// guard (headers, cross-origin refusal) and the body limits.
pub fn router(state: AppState, config: &Config) -> Router {
    let trust_forwarded = config.trust_forwarded;
    let sessions = tower_sessions::SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("ecpa_session")
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(config.cookie_secure)
        .with_expiry(tower_sessions::Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::days(14),
        ));
    let routes = route_list();
    let context = {
        let s = state.clone();
        move || {
            provide_context(s.clone());
            // No nonce: pages have no inline script of their own, and the two Leptos writes are
            // allowed by hash, so a page is the same bytes for every visitor.
            let _ = take_context::<leptos::nonce::Nonce>();
        }
    };
    let app = Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        // Pages and server functions get their whole body, within a size and a time limit,
        // before they run; the upload routes below stream larger bodies with their own limit.
        .layer(axum::middleware::from_fn_with_state(
            security::BodyLimits {
                max: security::MAX_FORM_BYTES,
                timeout: config.body_timeout,
            },
            security::buffered_body,
        ))
        // Uploads stream their bodies; they too must arrive in time.
        .merge(
            extra()
                .router
                .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
                    config.body_timeout,
                ))
                .layer(axum::middleware::from_fn(close_after_upload)),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::map_response(server_fn_status))
        // A plain form post comes back to its page with its result in the address.
        .layer(axum::middleware::from_fn(forms::mark_result))
        .layer(sessions)
        .with_state(state.clone());
    // The cache and the guard wrap the routed app as a whole, in front of routing: a cached
    // answer then costs no clone of the page handler (and its options) per request.
    Router::new()
        .fallback_service(app)
        // Anonymous views of public pages, from memory when nothing public has changed.
        .layer(axum::middleware::from_fn_with_state(
            cache::PublicCache::new(&state),
            cache::serve_cached,
        ))
        .layer(axum::middleware::from_fn_with_state(
            security::Security::new(&config.base_url),
            security::guard,
        ))
        // Answers not compressed already (cached pages, built assets) are compressed as they
        // go: at a level that costs little, since each is compressed anew.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::compression::CompressionLevel::Precise(4)),
        )
        .layer(axum::middleware::from_fn(isolate_owner))
        .layer(tower_http::request_id::PropagateRequestIdLayer::x_request_id())
        // A span per request, named by its id, so that every log line of one request can be
        // found together. The path only: a query can hold a token.
        .layer(
            tower_http::trace::TraceLayer::new_for_http().make_span_with(
                |req: &axum::http::Request<axum::body::Body>| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("");
                    tracing::info_span!("request", id, method = %req.method(), path = req.uri().path())
                },
            ),
        )
        .layer(tower_http::request_id::SetRequestIdLayer::x_request_id(
            tower_http::request_id::MakeRequestUuid,
        ))
        // A client's own id is taken only from a trusted proxy; anyone else gets a new one.
        .layer(axum::middleware::map_request(
            move |mut req: axum::extract::Request| async move {
                if !trust_forwarded {
                    req.headers_mut().remove("x-request-id");
                }
                req
            },
        ))
}

/// Runs a request with no reactive owner of another request in reach.
///
/// Leptos keeps "the current owner" in a thread-local, and `Owner::new_root` (every page render)
/// sets it and leaves it set on that worker thread. A request polled next on the same thread
/// (Leptos' static-file and server-function handlers create their owner with `Owner::new()`,
/// a child of whatever is current) then sees that page's contexts: its `ResponseOptions`, whose
/// headers the static-file answer took, so the page went out without its policy and fell back
/// to the one for files (seen as an unstyled page that never hydrated). Each poll of a request
/// therefore starts and ends with no current owner.
async fn isolate_owner(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    WithoutOwner(Box::pin(next.run(req))).await
}

struct WithoutOwner<F>(F);

fn clear_owner() {
    if let Some(owner) = leptos::reactive::owner::Owner::current() {
        owner.unset();
    }
}

impl<F: std::future::Future + Unpin> std::future::Future for WithoutOwner<F> {
    type Output = F::Output;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        clear_owner();
        let out = std::pin::Pin::new(&mut self.0).poll(cx);
        clear_owner();
        out
    }
}

/// Serves the router until `shutdown` resolves, then lets open requests finish (for at most
/// `DRAIN`). Each request learns its peer address (for login rate limits). A client must send
/// its request headers within `header_timeout`, so a connection that trickles them in
/// (slowloris) is closed instead of held open forever; bodies have their own limit
/// (`security`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    header_timeout: std::time::Duration,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use tower::ServiceExt;
    const DRAIN: std::time::Duration = std::time::Duration::from_secs(20);
    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    builder.http2().timer(TokioTimer::new());
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<_>| {
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
            router.clone().oneshot(req.map(axum::body::Body::new))
        });
        let conn = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some requests were still open at shutdown");
    }
    Ok(())
}

/// How long a client may take to send its request headers.
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// An upload refused before its body was read (too large, not allowed) leaves the rest of the
/// body on the connection, so the connection cannot carry another request: after an upload the
/// connection closes, or a client that reused it would get a broken answer. Uploads are rare,
/// so this costs nothing.
async fn close_after_upload(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let upload = req.method() == axum::http::Method::POST;
    let mut res = next.run(req).await;
    if upload {
        res.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    res
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
    use super::*;

    #[test]
    fn the_configuration_never_prints_a_password() {
        let mut config = Config::local("127.0.0.1:3000".parse().unwrap());
        config.database_url = "postgres://ecpa:db-s3cret@db.example/ecpa".into();
        config.smtp_url = Some("smtps://mailer:smtp-s3cret@smtp.example:465".into());
        let printed = format!("{config:?} {config:#?}");
        assert!(!printed.contains("s3cret"), "{printed}");
        assert!(
            printed.contains("127.0.0.1:3000"),
            "the rest still prints: {printed}"
        );
        // The code that needs them still reads them.
        assert!(config.database_url.expose_secret().contains("db-s3cret"));
    }
}
