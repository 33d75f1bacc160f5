//! The static assets under `/pkg`: the hashed stylesheet, wasm bundle and glue from the build,
//! served precompressed (`.br`, `.gz` made at build time) and kept by browsers for a year; and
//! the islands loader, compressed once in memory.
use std::sync::OnceLock;

use app::assets::{BOOT_JS, boot_file_name, immutable};
use app::backend::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower::ServiceExt;

use crate::Listed;
use crate::encoding::Encoded;

pub const FOREVER: &str = "public, max-age=31536000, immutable";

pub fn routes() -> Listed {
    Listed::default().route("GET", "/pkg/{*file}", get(pkg))
}

fn boot() -> &'static (String, Encoded) {
    static BOOT: OnceLock<(String, Encoded)> = OnceLock::new();
    BOOT.get_or_init(|| {
        (
            boot_file_name(),
            Encoded::new(axum::body::Bytes::from_static(BOOT_JS.as_bytes()), true),
        )
    })
}

async fn pkg(State(state): State<AppState>, req: Request) -> Response {
    let file = req
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let (boot_name, boot_body) = boot();
    if file == *boot_name {
        let (coding, bytes) = boot_body.pick(req.headers());
        let mut res = (StatusCode::OK, bytes).into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/javascript; charset=utf-8"),
        );
        if let Some(v) = coding.header() {
            h.insert(header::CONTENT_ENCODING, v);
        }
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(FOREVER));
        return res;
    }
    let files = tower_http::services::ServeDir::new(state.leptos_options.site_root.as_ref())
        .precompressed_br()
        .precompressed_gzip();
    let Ok(res) = files.oneshot(req).await;
    let mut res = res.into_response();
    let found = res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED;
    let cache = if found && immutable(&file) {
        FOREVER
    } else {
        "no-cache"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}
