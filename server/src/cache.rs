//! The public-page cache: an anonymous GET of a public page (home, years, archive, news,
//! events, feeds, sitemap, open data) is answered from the bytes rendered for the previous
//! visitor, as long as nothing public has changed since.
//!
//! An entry is valid while
//! - the public content's generation is the one it was rendered at: every service that
//!   changes public content bumps it after its commit (and, on PostgreSQL, tells the other
//!   instances with `NOTIFY`, see [`listen`]);
//! - the clock has not reached the next moment at which something scheduled becomes public or
//!   a year changes phase ([`app::backend::publication::next_public_change`]);
//! - and it is at most [`MAX_AGE`] old, a bound for anything else that shows time (countdowns).
//!
//! Pages carry a fresh CSP nonce every time: the cached copy's nonce is replaced in the body and
//! in the policy header.
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use app::backend::AppState;
use app::backend::publication::{generation, next_public_change};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};

/// The longest an entry is served, whatever else happens.
pub const MAX_AGE: Duration = Duration::seconds(60);
/// Entries kept at most; public paths are few, so this only guards against key floods.
const MAX_ENTRIES: usize = 2_000;
/// Largest body kept.
const MAX_BODY: usize = 2 * 1024 * 1024;

struct Entry {
    generation: u64,
    expires: DateTime<Utc>,
    status: StatusCode,
    content_type: HeaderValue,
    /// The body cut where its nonce stood (a page), or whole (one piece): a copy gets its own
    /// nonce put between the pieces, without searching the body again.
    pieces: Vec<Bytes>,
    /// Whether the body is a page with a nonce (then there are at least two pieces).
    page: bool,
}

/// The cache and what it needs of the app: the database (for the next scheduled change) and
/// the clock. Shared behind an `Arc`, so a request clones one pointer.
pub struct PublicCache {
    entries: RwLock<HashMap<String, Arc<Entry>>>,
    db: sea_orm::DatabaseConnection,
    clock: Arc<dyn app::backend::Clock>,
}

impl PublicCache {
    pub fn new(state: &AppState) -> Arc<PublicCache> {
        Arc::new(PublicCache {
            entries: RwLock::new(HashMap::new()),
            db: state.db.clone(),
            clock: state.clock.clone(),
        })
    }
}

/// `body` cut at every occurrence of `nonce` (128 random bits occur nowhere else).
fn cut(body: &Bytes, nonce: &str) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let hay = &body[..];
    let needle = nonce.as_bytes();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if &hay[i..i + needle.len()] == needle {
            pieces.push(body.slice(start..i));
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(body.slice(start..));
    pieces
}

/// Paths whose anonymous view is the same for everyone.
fn public_path(path: &str) -> bool {
    let p = path.strip_prefix("/en").unwrap_or(path);
    let p = if p.is_empty() { "/" } else { p };
    matches!(
        p,
        "/" | "/archive" | "/news" | "/events" | "/accessibility" | "/feed.atom"
    ) || path == "/sitemap.xml"
        || ["/competitions/", "/news/", "/events/"]
            .iter()
            .any(|prefix| p.strip_prefix(prefix).is_some_and(one_segment))
        || path.strip_prefix("/open-data/").is_some_and(one_segment)
}

fn one_segment(rest: &str) -> bool {
    !rest.is_empty() && !rest.contains('/') && rest.len() <= 120
}

/// A signed-in visitor sees their own header and pages; only anonymous ones share copies.
fn anonymous(headers: &HeaderMap) -> bool {
    !headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.contains("ecpa_session="))
}

fn nonce_in(csp: &str) -> Option<String> {
    let i = csp.find("'nonce-")? + 7;
    Some(csp[i..].split('\'').next()?.to_string())
}

/// The cached response, with a new nonce where the page has one. The body is the cached pieces
/// and the nonce as they are, handed to the connection one after another (written with one
/// vectored write), so no copy of the page is made per visitor.
fn respond(e: &Entry) -> Response {
    let mut res = if e.page {
        let nonce = leptos::nonce::Nonce::new().to_string();
        let policy = HeaderValue::from_str(&crate::security::page_policy(&nonce));
        let nonce = Bytes::from(nonce);
        let mut frames = Vec::with_capacity(e.pieces.len() * 2);
        for (i, piece) in e.pieces.iter().enumerate() {
            if i > 0 {
                frames.push(nonce.clone());
            }
            frames.push(piece.clone());
        }
        let mut res = (e.status, axum::body::Body::new(Pieces(frames.into()))).into_response();
        if let Ok(v) = policy {
            res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
        }
        res
    } else {
        (e.status, e.pieces[0].clone()).into_response()
    };
    res.headers_mut()
        .insert(header::CONTENT_TYPE, e.content_type.clone());
    res.headers_mut()
        .insert("x-cache", HeaderValue::from_static("hit"));
    res
}

/// A body of ready pieces, sent in order; its length is known, so it gets a Content-Length.
struct Pieces(std::collections::VecDeque<Bytes>);

impl http_body::Body for Pieces {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        std::task::Poll::Ready(self.0.pop_front().map(|b| Ok(http_body::Frame::data(b))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.0.iter().map(|b| b.len() as u64).sum())
    }
}

pub async fn serve_cached(
    State(cache): State<Arc<PublicCache>>,
    req: Request,
    next: Next,
) -> Response {
    let cacheable = matches!(*req.method(), Method::GET | Method::HEAD)
        && req.uri().query().is_none()
        && public_path(req.uri().path())
        && anonymous(req.headers());
    if !cacheable {
        return next.run(req).await;
    }
    let key = req.uri().path().to_string();
    let now = cache.clock.now();
    let current = generation();
    if let Some(e) = cache
        .entries
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
        .cloned()
        && e.generation == current
        && now < e.expires
    {
        return respond(&e);
    }
    let res = next.run(req).await;
    let status = res.status();
    // Only whole answers that do not set anything: a page, a 404, a feed.
    if !(status == StatusCode::OK || status == StatusCode::NOT_FOUND)
        || res.headers().contains_key(header::SET_COOKIE)
    {
        return res;
    }
    let Some(content_type) = res.headers().get(header::CONTENT_TYPE).cloned() else {
        return res;
    };
    let nonce = res
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(nonce_in);
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    let expires = match next_public_change(&cache.db, now).await {
        Ok(Some(at)) => at.min(now + MAX_AGE),
        Ok(None) => now + MAX_AGE,
        // Without knowing what is scheduled, keep nothing.
        Err(_) => now,
    };
    if expires > now {
        let mut entries = cache.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        let (pieces, page) = match &nonce {
            Some(n) => (cut(&bytes, n), true),
            None => (vec![bytes.clone()], false),
        };
        entries.insert(
            key,
            Arc::new(Entry {
                generation: current,
                expires,
                status,
                content_type,
                pieces,
                page,
            }),
        );
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// On PostgreSQL, bumps this instance's generation whenever another instance (or this one)
/// announces a public change; after a lost connection it bumps once more, for whatever was
/// missed meanwhile. Runs until the process ends.
pub async fn listen(database_url: String) {
    use sea_orm::sqlx::postgres::PgListener;
    loop {
        match PgListener::connect(&database_url).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(app::backend::publication::CHANNEL).await {
                    tracing::warn!(error = %e, "cannot listen for public changes");
                } else {
                    app::backend::publication::bump();
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(_)) => app::backend::publication::bump(),
                            // The connection was lost and is re-made on the next call.
                            Ok(None) => app::backend::publication::bump(),
                            Err(e) => {
                                tracing::warn!(error = %e, "public-change listener failed");
                                break;
                            }
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot connect the public-change listener"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_paths_are_cached() {
        for p in [
            "/",
            "/en",
            "/competitions/2022",
            "/en/competitions/2022",
            "/archive",
            "/news/rri-vinner-ecpa-2022",
            "/en/events",
            "/feed.atom",
            "/en/feed.atom",
            "/sitemap.xml",
            "/open-data/2022.json",
        ] {
            assert!(public_path(p), "{p}");
        }
        for p in [
            "/account",
            "/entries/3",
            "/admin/news",
            "/jury/2027",
            "/api/home",
            "/competitions/2022/x",
            "/login",
            "/media/3",
            "/en/sitemap.xml",
            "/subscribe",
        ] {
            assert!(!public_path(p), "{p}");
        }
    }

    #[test]
    fn a_body_is_cut_where_its_nonce_stands() {
        let body =
            Bytes::from_static(b"<script nonce=\"N0\">x</script><link crossorigin=\"N0\">N0");
        let pieces = cut(&body, "N0");
        assert_eq!(pieces.len(), 4);
        assert_eq!(
            pieces.concat(),
            b"<script nonce=\"\">x</script><link crossorigin=\"\">".to_vec()
        );
        assert_eq!(cut(&Bytes::from_static(b"no nonce"), "N0").len(), 1);
    }

    #[test]
    fn signed_in_visitors_are_not_served_copies() {
        let mut h = HeaderMap::new();
        assert!(anonymous(&h));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=x; ecpa_session=abc"),
        );
        assert!(!anonymous(&h));
    }
}
