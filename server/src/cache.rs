//! The public-page cache: an anonymous GET of a public page (home, years, archive, news,
//! events, feeds, sitemap, open data) is answered from the bytes rendered for the previous
//! visitor, as long as nothing public has changed since. Which answers are public is said by
//! the pages and routes themselves, with the `SHARED_COPY` header
//! (`app::components::status::shared_by_everyone`, `publication::shared`); this layer only
//! keeps what is so marked, and takes the mark off.
//!
//! An entry is valid while
//! - the public content's generation is the one it was rendered at: every service that
//!   changes public content bumps it after its commit (and, on PostgreSQL, tells the other
//!   instances with `NOTIFY`, see [`listen`]);
//! - the clock has not reached the next moment at which something scheduled becomes public or
//!   a year changes phase ([`app::backend::publication::next_public_change`]);
//! - and it is at most [`MAX_AGE`] old, a bound for anything else that shows time (countdowns).
//!
//! A page is the same bytes for every visitor (its policy has no per-response nonce), so each
//! copy is compressed once, with brotli and gzip, when it is stored, and every visitor gets the
//! encoding their browser asks for.
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use app::backend::AppState;
use app::backend::public_changes::{PublicChanges, SHARED_COPY};
use app::backend::publication::next_public_change;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use http_body_util::BodyExt;

use crate::encoding::Encoded;

/// The longest an entry is served, whatever else happens.
pub const MAX_AGE: Duration = Duration::seconds(60);
/// Entries kept at most; public paths are few, so this only guards against key floods.
const MAX_ENTRIES: usize = 2_000;
/// Largest body kept; a larger answer is passed on as it is, uncached.
const MAX_BODY: usize = 2 * 1024 * 1024;

struct Entry {
    generation: u64,
    expires: DateTime<Utc>,
    status: StatusCode,
    content_type: HeaderValue,
    body: Encoded,
}

/// The cache and what it needs of the app: the database (for the next scheduled change) and
/// the clock. Shared behind an `Arc`, so a request clones one pointer.
pub struct PublicCache {
    entries: RwLock<HashMap<String, Arc<Entry>>>,
    /// One render at a time per path: when a copy expires under load, the first request renders
    /// it and the others wait for that copy, instead of all rendering (and compressing) at once.
    filling: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Paths whose answer did not say it is the same for everyone: they skip the waiting above.
    private: RwLock<HashSet<String>>,
    db: sea_orm::DatabaseConnection,
    clock: Arc<dyn app::backend::Clock>,
    public: PublicChanges,
}

impl PublicCache {
    pub fn new(state: &AppState) -> Arc<PublicCache> {
        Arc::new(PublicCache {
            entries: RwLock::new(HashMap::new()),
            filling: Default::default(),
            private: Default::default(),
            db: state.db.clone(),
            clock: state.clock.clone(),
            public: state.public.clone(),
        })
    }
}

/// A signed-in visitor sees their own header and pages; only anonymous ones share copies.
fn anonymous(headers: &HeaderMap) -> bool {
    !headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.contains("ecpa_session="))
}

/// A stored page in the encoding the request asks for.
fn respond(e: &Entry, request: &HeaderMap, hit: bool) -> Response {
    let (coding, bytes) = e.body.pick(request);
    let mut res = (e.status, bytes).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, e.content_type.clone());
    if let Some(v) = coding.header() {
        h.insert(header::CONTENT_ENCODING, v);
    }
    if e.body.varies() {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if hit {
        h.insert("x-cache", HeaderValue::from_static("hit"));
    }
    res
}

/// Reads a body of at most `limit` bytes; a longer one comes back as it was, unread.
async fn read_at_most(body: Body, limit: usize) -> Result<Bytes, Body> {
    let mut body = body;
    let mut read: Vec<Bytes> = Vec::new();
    let mut size = 0;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(Body::from(Bytes::from(read.concat())));
        };
        if let Ok(data) = frame.into_data() {
            size += data.len();
            read.push(data);
            if size > limit {
                let head = futures_util::stream::iter(read.into_iter().map(Ok::<_, axum::Error>));
                let rest = body.into_data_stream();
                return Err(Body::from_stream(futures_util::StreamExt::chain(
                    head, rest,
                )));
            }
        }
    }
    Ok(Bytes::from(read.concat()))
}

pub async fn serve_cached(
    State(cache): State<Arc<PublicCache>>,
    req: Request,
    next: Next,
) -> Response {
    let head = *req.method() == Method::HEAD;
    let cacheable = (*req.method() == Method::GET || head)
        && req.uri().query().is_none()
        && anonymous(req.headers());
    if !cacheable {
        let mut res = next.run(req).await;
        res.headers_mut().remove(SHARED_COPY);
        return res;
    }
    let key = req.uri().path().to_string();
    let accept = req.headers().clone();
    let fresh = |cache: &PublicCache| {
        let (now, current) = (cache.clock.now(), cache.public.generation());
        cache
            .entries
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .cloned()
            .filter(|e| e.generation == current && now < e.expires)
    };
    if let Some(e) = fresh(&cache) {
        return respond(&e, &accept, true);
    }
    // A path whose page or route has said it is not public renders for each visitor, with no
    // waiting on others.
    if cache
        .private
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .contains(&key)
    {
        let mut res = next.run(req).await;
        res.headers_mut().remove(SHARED_COPY);
        return res;
    }
    let lock = {
        let mut filling = cache.filling.lock().unwrap_or_else(|e| e.into_inner());
        if filling.len() >= MAX_ENTRIES {
            filling.clear();
        }
        filling.entry(key.clone()).or_default().clone()
    };
    // The first renders (holding the lock while it does); the others wait for it, then take
    // its copy. If it could not be stored (an error page, a cookie, a page that is not
    // public), they render side by side.
    let _filling = match lock.clone().try_lock_owned() {
        Ok(guard) => {
            // Another request may have stored a copy and let go of the lock between the look
            // above and this one.
            if let Some(e) = fresh(&cache) {
                return respond(&e, &accept, true);
            }
            Some(guard)
        }
        Err(_) => {
            drop(lock.lock().await);
            if let Some(e) = fresh(&cache) {
                return respond(&e, &accept, true);
            }
            None
        }
    };
    let now = cache.clock.now();
    let current = cache.public.generation();
    let mut res = next.run(req).await;
    let shared = res.headers_mut().remove(SHARED_COPY).is_some();
    if !shared {
        let mut private = cache.private.write().unwrap_or_else(|e| e.into_inner());
        if private.len() >= MAX_ENTRIES {
            private.clear();
        }
        private.insert(key);
        return res;
    }
    let status = res.status();
    // Of those, only whole answers that set nothing: a page, a 404, a feed. A HEAD answer has
    // no body to keep.
    if head
        || !(status == StatusCode::OK || status == StatusCode::NOT_FOUND)
        || res.headers().contains_key(header::SET_COOKIE)
        || res.headers().contains_key(header::CONTENT_ENCODING)
    {
        return res;
    }
    let Some(content_type) = res.headers().get(header::CONTENT_TYPE).cloned() else {
        return res;
    };
    let (parts, body) = res.into_parts();
    let bytes = match read_at_most(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(body) => return Response::from_parts(parts, body),
    };
    let expires = match next_public_change(&cache.db, now).await {
        Ok(Some(at)) => at.min(now + MAX_AGE),
        Ok(None) => now + MAX_AGE,
        // Without knowing what is scheduled, keep nothing.
        Err(_) => now,
    };
    let compress = content_type
        .to_str()
        .is_ok_and(crate::encoding::compressible);
    let encoded = {
        let input = bytes.clone();
        tokio::task::spawn_blocking(move || Encoded::new(input, compress))
            .await
            .unwrap_or_else(|_| Encoded::new(bytes, false))
    };
    let entry = Arc::new(Entry {
        generation: current,
        expires,
        status,
        content_type,
        body: encoded,
    });
    if expires > now {
        let mut entries = cache.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, entry.clone());
    }
    let mut res = respond(&entry, &accept, false);
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_LENGTH && !res.headers().contains_key(name) {
            res.headers_mut().insert(name.clone(), value.clone());
        }
    }
    res
}

/// On PostgreSQL, bumps this instance's generation whenever another instance (or this one)
/// announces a public change; after a lost connection it bumps once more, for whatever was
/// missed meanwhile. Runs until the process ends.
pub async fn listen(database_url: String, public: PublicChanges) {
    use sea_orm::sqlx::postgres::PgListener;
    loop {
        match PgListener::connect(&database_url).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(app::backend::public_changes::CHANNEL).await {
                    tracing::warn!(error = %e, "cannot listen for public changes");
                } else {
                    public.bump();
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(_)) => public.bump(),
                            // The connection was lost and is re-made on the next call.
                            Ok(None) => public.bump(),
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
