//! What every response and every state-changing request passes through: security headers
//! (a Content-Security-Policy that lets only the app's own scripts run, nosniff, a referrer
//! policy, no framing, HSTS on https), the refusal of cross-origin POSTs (CSRF), and limits on
//! request bodies and how slowly they may arrive.
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The inline scripts Leptos writes into every page after its body: the (here always empty)
/// tables through which server-rendered data would reach hydrating code. They are the only
/// inline scripts a page has, and the page policy allows exactly these, by their hashes.
pub const LEPTOS_INLINE_SCRIPTS: [&str; 2] = [
    "__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];",
    "__INCOMPLETE_CHUNKS=[];",
];

/// `'sha256-…'` of an inline script's text, as a policy names it.
pub fn script_hash(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy of every HTML page: scripts only from this origin (the loader and the wasm
/// bundle's glue) and Leptos' two fixed inline scripts by their hashes, WebAssembly compilation
/// for the islands, nothing framed, no plugins, forms only to this origin. It is the same for
/// every page and every response, so a page's bytes are the same for every visitor.
pub fn page_policy() -> &'static str {
    static POLICY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        let hashes: Vec<String> = LEPTOS_INLINE_SCRIPTS
            .iter()
            .map(|s| script_hash(s))
            .collect();
        format!(
            "default-src 'self'; script-src 'self' {} 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            hashes.join(" ")
        )
    })
}

/// The policy of everything else (JSON, feeds, files): nothing runs, nothing frames it.
pub const DEFAULT_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

#[derive(Clone)]
pub struct Security {
    /// `scheme://host[:port]` of `ECPA_BASE_URL`.
    pub origin: String,
    /// Send `Strict-Transport-Security` (the portal is served over https).
    pub hsts: bool,
}

impl Security {
    /// Shared behind an `Arc`, so a request clones one pointer.
    pub fn new(base_url: &str) -> std::sync::Arc<Security> {
        std::sync::Arc::new(Security {
            origin: origin_of(base_url).unwrap_or_default(),
            hsts: base_url.starts_with("https://"),
        })
    }
}

/// `scheme://host[:port]` of a URL, lower case; `None` for anything else (`null`, a path).
fn origin_of(url: &str) -> Option<String> {
    let url = url.to_ascii_lowercase();
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty() && matches!(scheme, "http" | "https")).then(|| format!("{scheme}://{host}"))
}

/// Whether a browser request comes from the portal's own pages. Browsers send `Origin` with
/// every POST (and `Referer` unless told not to); a request with neither is not from a
/// browser, so it carries no ambient cookies an attacker could ride on, and is let through.
fn same_origin(headers: &HeaderMap, own: &str) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    let ours = |claimed: Option<String>| match claimed {
        Some(o) => {
            o == own
                || host
                    .as_deref()
                    .is_some_and(|h| o.split_once("://").is_some_and(|(_, oh)| oh == h))
        }
        None => false,
    };
    if let Some(origin) = headers.get(header::ORIGIN) {
        return ours(origin.to_str().ok().and_then(origin_of));
    }
    if let Some(referer) = headers.get(header::REFERER) {
        return ours(referer.to_str().ok().and_then(origin_of));
    }
    true
}

/// Refuses a state-changing request from another site (403), and sets the security headers on
/// every response.
pub async fn guard(
    State(sec): State<std::sync::Arc<Security>>,
    req: Request,
    next: Next,
) -> Response {
    let unsafe_method = !matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    let mut res = if unsafe_method && !same_origin(req.headers(), &sec.origin) {
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Förfrågan kom från en annan webbplats och togs inte emot. / \
             The request came from another site and was refused.\n",
        )
            .into_response()
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    // The policy follows from what the answer is, decided here and nowhere else: every HTML
    // document gets the page policy (and is revalidated, never kept), everything else the
    // policy for files unless its handler chose a stricter one (attachments add `sandbox`).
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/html"));
    if html {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(page_policy()),
        );
        h.entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-cache"));
    } else {
        h.entry(header::CONTENT_SECURITY_POLICY)
            .or_insert(HeaderValue::from_static(DEFAULT_POLICY));
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if sec.hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

#[derive(Clone, Copy)]
pub struct BodyLimits {
    pub max: usize,
    pub timeout: Duration,
}

/// Reads the whole request body before the handler runs: more than `max` bytes is 413 (at once
/// when the declared length says so), a body still arriving after `timeout` is 408. Handlers
/// then never wait on a slow client or buffer an endless one.
pub async fn buffered_body(State(limits): State<BodyLimits>, req: Request, next: Next) -> Response {
    use http_body_util::BodyExt;
    let refuse = |status: StatusCode, text: &'static str| {
        (
            status,
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CONNECTION, "close"),
            ],
            text,
        )
            .into_response()
    };
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Förfrågan är för stor. / The request is too large.\n",
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max as u64) {
        return too_large();
    }
    let (parts, body) = req.into_parts();
    let limited = http_body_util::Limited::new(body, limits.max);
    match tokio::time::timeout(limits.timeout, limited.collect()).await {
        Err(_) => refuse(
            StatusCode::REQUEST_TIMEOUT,
            "Förfrågan kom inte fram i tid. / The request did not arrive in time.\n",
        ),
        Ok(Err(e))
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            too_large()
        }
        Ok(Err(_)) => refuse(
            StatusCode::BAD_REQUEST,
            "Förfrågan kunde inte läsas. / The request could not be read.\n",
        ),
        Ok(Ok(collected)) => {
            let body = axum::body::Body::from(collected.to_bytes());
            next.run(Request::from_parts(parts, body)).await
        }
    }
}

/// Largest body of a server-function call (a whole entry draft, URL-encoded, fits with room).
pub const MAX_FORM_BYTES: usize = 4 * 1024 * 1024;

/// How long a request body may take to arrive; a slower one is cut off with 408.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_the_portals_own_origin_may_post() {
        let own = "https://ecpa.bra.se";
        let ok = |pairs: &[(&'static str, &str)]| same_origin(&headers(pairs), own);
        assert!(ok(&[("origin", "https://ecpa.bra.se")]));
        assert!(ok(&[("origin", "HTTPS://ECPA.BRA.SE")]));
        assert!(ok(&[("referer", "https://ecpa.bra.se/entries/3")]));
        assert!(ok(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000")
        ]));
        assert!(ok(&[]), "no browser, no cookies to ride on");
        assert!(!ok(&[("origin", "https://evil.example")]));
        assert!(!ok(&[("origin", "null")]));
        assert!(!ok(&[("origin", "https://ecpa.bra.se.evil.example")]));
        assert!(!ok(&[("referer", "https://evil.example/ecpa.bra.se")]));
        assert!(!ok(&[
            ("host", "ecpa.bra.se"),
            ("origin", "https://evil.example")
        ]));
        // Origin decides when both are there.
        assert!(!ok(&[
            ("origin", "https://evil.example"),
            ("referer", "https://ecpa.bra.se/")
        ]));
    }

    #[test]
    fn origins_are_scheme_host_and_port() {
        assert_eq!(
            origin_of("http://127.0.0.1:3000/x?y").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(origin_of("null"), None);
        assert_eq!(origin_of("javascript://x"), None);
        assert_eq!(origin_of("https://"), None);
    }
}
