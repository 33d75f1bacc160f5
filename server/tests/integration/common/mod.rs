//! Test support: a fresh database per test on SQLite (a temp file) and, when
//! `ECPA_TEST_POSTGRES_URL` is set, on PostgreSQL (a new database created for the test).
#![allow(dead_code)]

pub mod smtp;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use app::backend::{AppState, Clock, FixedClock};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

pub struct Backend {
    pub name: &'static str,
    pub url: String,
    pub db: DatabaseConnection,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, database: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "ecpa_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

pub async fn sqlite() -> Backend {
    sqlite_with(server::Pool::default()).await
}

/// The pool the service tests run on: one connection, so that code which asks the pool for a
/// connection while it holds one (inside a transaction) waits for itself and fails within
/// seconds instead of passing here and tying up every connection under load.
pub fn one_connection() -> server::Pool {
    server::Pool::one(std::time::Duration::from_secs(5))
}

pub async fn sqlite_with(pool: server::Pool) -> Backend {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/ecpa.db?mode=rwc", dir.path().display());
    let db = server::open_with(&url, pool).await.expect("open sqlite");
    Backend {
        name: "sqlite",
        url,
        db,
        cleanup: Cleanup::Sqlite(dir),
    }
}

/// The PostgreSQL server to test against, if any. On CI it must be set: a suite that silently
/// skipped PostgreSQL would prove nothing about it.
pub fn postgres_url() -> Option<String> {
    match std::env::var("ECPA_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("CI").is_err(),
                "CI must set ECPA_TEST_POSTGRES_URL"
            );
            None
        }
    }
}

pub async fn postgres(admin_url: &str) -> Backend {
    postgres_with(admin_url, server::Pool::default()).await
}

pub async fn postgres_with(admin_url: &str, pool: server::Pool) -> Backend {
    let database = unique_name();
    let admin = Database::connect(admin_url)
        .await
        .expect("connect to PostgreSQL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{database}\""))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(admin_url);
    let url = format!("{base}/{database}");
    let db = server::open_with(&url, pool).await.expect("open postgres");
    Backend {
        name: "postgres",
        url,
        db,
        cleanup: Cleanup::Postgres {
            admin_url: admin_url.to_string(),
            database,
        },
    }
}

impl Backend {
    pub async fn finish(self) {
        let Backend { db, cleanup, .. } = self;
        db.close().await.ok();
        if let Cleanup::Postgres {
            admin_url,
            database,
        } = cleanup
        {
            if let Ok(admin) = Database::connect(&admin_url).await {
                admin
                    .execute_unprepared(&format!(
                        "DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"
                    ))
                    .await
                    .ok();
                admin.close().await.ok();
            }
        }
    }
}

/// The public pages' generation of a portal no page cache watches: for services a test calls
/// without a server. A test with a server passes the server's (`TestServer::public`).
pub fn unwatched() -> app::backend::public_changes::PublicChanges {
    Default::default()
}

/// Runs the same test body on SQLite and, when configured, on PostgreSQL, each with a pool of
/// one connection (`one_connection`).
pub async fn on_each_backend<F, Fut>(body: F)
where
    F: Fn(DatabaseConnection, &'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    on_each_backend_with(one_connection, body).await
}

/// [`on_each_backend`] with the pool `pool` gives, e.g. the portal's own for tests of
/// concurrent transactions.
pub async fn on_each_backend_with<F, Fut>(pool: fn() -> server::Pool, body: F)
where
    F: Fn(DatabaseConnection, &'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    let b = sqlite_with(pool()).await;
    body(b.db.clone(), b.name).await;
    b.finish().await;
    if let Some(url) = postgres_url() {
        let b = postgres_with(&url, pool()).await;
        body(b.db.clone(), b.name).await;
        b.finish().await;
    }
}

/// The client of set-up that stands for many people: the services' limits on mails per client
/// do not apply to it (the limits per recipient still do).
pub const FIXTURE: app::backend::mail_limits::Client<'static> =
    app::backend::mail_limits::Client::Address {
        ip: "fixture",
        per_hour: u64::MAX,
    };

pub fn at(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> DateTime<Utc> {
    app::backend::clock::stockholm(y, m, d, hh, mm).expect("valid Stockholm time")
}

/// A client with its own cookie jar that does not follow redirects, and gives up after a minute
/// so that a request the server never answers fails the test instead of hanging the suite.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client")
}

/// A server on an ephemeral loopback port, with a clock the test controls. Tests run on a
/// multi-threaded runtime: on a single-threaded one, Leptos' SSR of a page with resources can
/// stall for good under load (leptos-rs/leptos#4647), seen here once in a full run.
pub struct TestServer {
    pub base: String,
    pub clock: Arc<FixedClock>,
    pub client: reqwest::Client,
    /// Where this server keeps attachments.
    pub uploads: tempfile::TempDir,
    /// The generation of what this server's public sees: services called beside the server
    /// take it, so that its cached pages go stale.
    pub public: app::backend::public_changes::PublicChanges,
    handle: tokio::task::JoinHandle<()>,
}

impl TestServer {
    pub async fn start(db: DatabaseConnection, now: DateTime<Utc>) -> TestServer {
        Self::start_with(db, now, |_| {}).await
    }

    /// Starts with a changed configuration.
    pub async fn start_with(
        db: DatabaseConnection,
        now: DateTime<Utc>,
        configure: impl FnOnce(&mut server::Config),
    ) -> TestServer {
        let clock = Arc::new(FixedClock::new(now));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let base = format!("http://{addr}");
        let uploads = tempfile::tempdir().expect("upload dir");
        let mut config = server::Config::local(addr);
        config.upload_dir = uploads.path().display().to_string();
        configure(&mut config);
        let state: AppState = server::state(db, &config, clock.clone() as Arc<dyn Clock>);
        let public = state.public.clone();
        let router = server::router(state, &config);
        let header_timeout = config.header_timeout;
        let handle = tokio::spawn(async move {
            server::serve(listener, router, header_timeout, std::future::pending())
                .await
                .expect("serve");
        });
        let client = client();
        TestServer {
            base,
            clock,
            client,
            uploads,
            public,
            handle,
        }
    }

    /// Posts a form from `page` as a browser without JavaScript does (it asks for HTML).
    pub async fn form_post(
        &self,
        client: &reqwest::Client,
        path: &str,
        page: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(format!("{}{path}", self.base))
            .header("accept", "text/html")
            .header("referer", format!("{}{page}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Posts a form as a browser without JavaScript does and follows its redirect: where it led,
    /// and that page's text with the hydration markers taken out (empty when nothing redirected).
    pub async fn submit(
        &self,
        client: &reqwest::Client,
        path: &str,
        page: &str,
        fields: &[(&str, &str)],
    ) -> (String, String) {
        let back = location(&self.form_post(client, path, page, fields).await);
        if back.is_empty() {
            return (back, String::new());
        }
        let text = page_text(client, &back).await.replace("<!>", "");
        (back, text)
    }

    /// A fresh browser: its own cookie jar, not following redirects.
    pub fn browser(&self) -> reqwest::Client {
        client()
    }

    /// Calls a server function as a script would (form-encoded POST); returns status and body.
    pub async fn call(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        fields: &[(&str, &str)],
    ) -> (u16, String) {
        let res = client
            .post(format!("{}/api/{endpoint}", self.base))
            .form(fields)
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }

    /// GET a path; returns the status and the body, without Leptos' `<!>` hydration markers
    /// (they split text nodes, which would make plain-text assertions brittle).
    pub async fn get(&self, path: &str) -> (u16, String) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        (status, res.text().await.expect("body").replace("<!>", ""))
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.handle.abort();
    }
}

/// A child process (a server, nginx) that is killed when the test lets go of it, pass or fail.
pub struct KillOnDrop(pub std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A loopback port nothing listens on at the moment.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// GETs `url` with `client` (its cookies) and returns the body.
pub async fn page_text(client: &reqwest::Client, url: impl reqwest::IntoUrl) -> String {
    client
        .get(url)
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body")
}

/// Where a redirect leads, or nothing.
pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// How many audit-log rows match `filter`, e.g. `audit_log::Column::Action.eq("final.enter")`.
pub async fn audited(db: &DatabaseConnection, filter: sea_orm::sea_query::SimpleExpr) -> u64 {
    use app::backend::entities::audit_log;
    use sea_orm::{EntityTrait, PaginatorTrait, QueryFilter};
    audit_log::Entity::find()
        .filter(filter)
        .count(db)
        .await
        .unwrap()
}

/// The status a GET of `url` answers `client` with.
pub async fn status_of(client: &reqwest::Client, url: impl reqwest::IntoUrl) -> u16 {
    client
        .get(url)
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

/// The page `text` a plain form came back to after its save was refused because the form had
/// been saved since: the form carries the saved `revision` and tells the browser's script to
/// leave it as the server filled it (`data-restore="off"`), and the sender's copy follows under
/// `heading`. Returns the copy.
pub fn stale_copy<'a>(text: &'a str, revision: i32, heading: &str, name: &str) -> &'a str {
    assert!(
        text.contains(&format!("name=\"revision\" value=\"{revision}\""))
            && text.contains("data-restore=\"off\""),
        "{name}: {text}"
    );
    text.split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("{name}: no copy in {text}"))
}

/// Whether `page` announces `message` in a `role="alert"` region, as a form's error is, so that
/// a screen reader reads it out on arrival.
pub fn alerts(page: &str, message: &str) -> bool {
    page.match_indices("role=\"alert\"").any(|(at, _)| {
        let region = &page[at..];
        region[..region.find("</div>").unwrap_or(region.len())].contains(message)
    })
}

/// Posts the discard form of the server function `endpoint` twice without scripts, as from two
/// tabs: both are answered with a redirect back to `page` marked done (a discard that finds
/// nothing is done, not an error), and after each `nothing_kept` holds.
pub async fn discard_twice(
    s: &TestServer,
    client: &reqwest::Client,
    (endpoint, page, form): (&str, &str, &[(&str, &str)]),
    nothing_kept: impl AsyncFn() -> bool,
    name: &str,
) {
    for _tab in 0..2 {
        let res = s
            .form_post(client, &format!("/api/{endpoint}"), page, form)
            .await;
        assert!(
            location(&res).ends_with(&format!("{page}?__ok={endpoint}")),
            "{name}: {}",
            location(&res)
        );
        assert!(nothing_kept().await, "{name}: {endpoint}");
    }
}

/// Takes the schema back to before migration `name`: it and every migration after it go down,
/// whatever number of them follows.
pub async fn migrate_down_through(db: &DatabaseConnection, name: &str) {
    use sea_orm_migration::MigratorTrait;
    let steps = migrations::Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == name)
        .unwrap_or_else(|| panic!("no migration {name}"))
        + 1;
    migrations::Migrator::down(db, Some(steps as u32))
        .await
        .unwrap();
}
