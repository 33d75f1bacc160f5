//! Publication routes outside the server functions: image uploads for awards and news, public
//! images, the Atom feeds, the sitemap, robots.txt and the open data. Thin: read the request,
//! call one service, shape the response.
use app::backend::publication::{feeds, media, news, release, subscriptions};
use app::backend::{AppState, europe};
use app::error::AppError;
use app::i18n::Lang;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};

use crate::Listed;
use crate::actor::MaybeSignedIn;
use crate::upload::{self, Upload};

pub fn routes() -> Listed {
    let image_limit = DefaultBodyLimit::max(media::MAX_IMAGE_BYTES + 64 * 1024);
    Listed::default()
        .route(
            "POST",
            "/admin/competitions/{year}/awards/{id}/photo",
            post(award_photo).layer(image_limit),
        )
        .route(
            "POST",
            "/admin/news/{id}/image",
            post(news_image).layer(image_limit),
        )
        .route("GET", "/media/{id}", get(image))
        .route(
            "GET,POST",
            "/unsubscribe/one-click",
            post(one_click_unsubscribe).get(unsubscribe_page),
        )
        .route("GET", "/feed.atom", shared(get(feed_sv)))
        .route("GET", "/en/feed.atom", shared(get(feed_en)))
        .route("GET", "/sitemap.xml", shared(get(sitemap)))
        .route("GET", "/robots.txt", get(robots))
        .route("GET", "/open-data/{file}", shared(get(open_data)))
}

/// A route whose answer is the same for every anonymous visitor: the public-page cache may
/// keep one copy (see `app::components::status::shared_by_everyone` for the pages).
fn shared(route: MethodRouter<AppState>) -> MethodRouter<AppState> {
    route.layer(axum::middleware::map_response(
        |mut res: Response| async move {
            res.headers_mut().insert(
                app::backend::public_changes::SHARED_COPY,
                HeaderValue::from_static("1"),
            );
            res
        },
    ))
}

/// Reads the form, signs in the actor and runs `store`; a plain form gets a redirect back to
/// `back` (with `?{error_key}=code` on failure), a script gets the status.
async fn upload_then<F, Fut>(
    signed_in: MaybeSignedIn,
    multipart: Multipart,
    back: &str,
    error_key: &str,
    store: F,
) -> Response
where
    F: FnOnce(app::backend::accounts::Actor, Upload) -> Fut,
    Fut: std::future::Future<Output = Result<(), AppError>>,
{
    let mut up = Upload::default();
    let read = async {
        let actor = signed_in.required()?;
        upload::read(multipart, &mut up).await?;
        Ok::<_, AppError>(actor)
    }
    .await;
    let lang = up.lang();
    let result = match read {
        Ok(actor) => store(actor, up).await,
        Err(e) => Err(e),
    };
    let sep = if back.contains('?') { '&' } else { '?' };
    match result {
        Ok(()) => Redirect::to(&lang.href(back)).into_response(),
        Err(AppError::Unauthenticated) => Redirect::to(&lang.href("/login")).into_response(),
        Err(e @ (AppError::Forbidden | AppError::NotFound)) => e.into_response(),
        Err(e) => Redirect::to(&lang.href(&format!("{back}{sep}{error_key}={}", upload::code(&e))))
            .into_response(),
    }
}

async fn award_photo(
    State(s): State<AppState>,
    signed_in: MaybeSignedIn,
    Path((year, id)): Path<(i32, i32)>,
    multipart: Multipart,
) -> Response {
    let back = format!("/admin/competitions/{year}/results?award={id}");
    let of = ImageOf::Award { year, id };
    upload_then(signed_in, multipart, &back, "photo_error", |actor, up| {
        store_image(s, actor, up, of)
    })
    .await
}

async fn news_image(
    State(s): State<AppState>,
    signed_in: MaybeSignedIn,
    Path(id): Path<i32>,
    multipart: Multipart,
) -> Response {
    let back = format!("/admin/news/{id}");
    upload_then(signed_in, multipart, &back, "image_error", |actor, up| {
        store_image(s, actor, up, ImageOf::News(id))
    })
    .await
}

/// What an uploaded image is for.
enum ImageOf {
    /// The photo of award `id` of `year`'s results.
    Award { year: i32, id: i32 },
    /// The image of news item `id`.
    News(i32),
}

/// Stores the uploaded image through the service that owns what it is for.
async fn store_image(
    s: AppState,
    actor: app::backend::accounts::Actor,
    up: Upload,
    of: ImageOf,
) -> Result<(), AppError> {
    let (db, public, dir, now) = (&s.db, &s.public, &s.upload_dir, s.clock.now());
    match of {
        ImageOf::Award { year, id } => {
            release::set_award_photo(db, public, &actor, dir, year, id, up.image(), now).await
        }
        ImageOf::News(id) => news::set_image(db, public, &actor, dir, id, up.image(), now).await,
    }
}

async fn image(
    State(state): State<AppState>,
    MaybeSignedIn(actor): MaybeSignedIn,
    Path(id): Path<i32>,
) -> Response {
    let result = async {
        let (path, content_type, public) = media::open(
            &state.db,
            actor.as_ref(),
            &state.upload_dir,
            id,
            state.clock.now(),
        )
        .await?;
        let bytes = tokio::fs::read(&path).await.map_err(|e| {
            tracing::error!(error = %e, ?path, "image file missing");
            AppError::NotFound
        })?;
        Ok::<_, AppError>((content_type, bytes, public))
    }
    .await;
    match result {
        Ok((content_type, bytes, public)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_str(&content_type)
                        .unwrap_or(HeaderValue::from_static("application/octet-stream")),
                ),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static(if public {
                        "public, max-age=300"
                    } else {
                        "private, no-store"
                    }),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("default-src 'none'; sandbox"),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

fn text(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=60"),
            ),
        ],
        body,
    )
        .into_response()
}

async fn feed(state: AppState, lang: Lang) -> Response {
    match feeds::atom(&state.db, lang, state.clock.now(), &state.base_url).await {
        Ok(xml) => text("application/atom+xml; charset=utf-8", xml),
        Err(e) => e.into_response(),
    }
}

async fn feed_sv(State(state): State<AppState>) -> Response {
    feed(state, Lang::Sv).await
}

async fn feed_en(State(state): State<AppState>) -> Response {
    feed(state, Lang::En).await
}

async fn sitemap(State(state): State<AppState>) -> Response {
    match feeds::sitemap(&state.db, state.clock.now(), &state.base_url).await {
        Ok(xml) => text("application/xml; charset=utf-8", xml),
        Err(e) => e.into_response(),
    }
}

async fn robots(State(state): State<AppState>) -> Response {
    text("text/plain; charset=utf-8", feeds::robots(&state.base_url))
}

/// `/open-data/2022.json` or `/open-data/2022.csv`: the home country's round;
/// `/open-data/europe-2022.json` or `.csv`: the European final.
async fn open_data(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((name, ext)) = file.split_once('.') else {
        return AppError::NotFound.into_response();
    };
    let (europe, year) = match name.strip_prefix("europe-") {
        Some(year) => (true, year),
        None => (false, name),
    };
    let Ok(year) = year.parse::<i32>() else {
        return AppError::NotFound.into_response();
    };
    let now = state.clock.now();
    let body = if europe {
        match europe::open_data(&state.db, year, now).await {
            Ok(d) => open_file(ext, &d, europe::open_data_csv),
            Err(e) => Err(e),
        }
    } else {
        match feeds::open_data(&state.db, year, now).await {
            Ok(d) => open_file(ext, &d, feeds::open_data_csv),
            Err(e) => Err(e),
        }
    };
    let (content_type, body) = match body {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let prefix = if europe { "ecpa-europe" } else { "ecpa" };
    let disposition = HeaderValue::from_str(&format!(
        "inline; filename=\"{prefix}-{year}-results.{ext}\""
    ))
    .unwrap_or(HeaderValue::from_static("inline"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        body,
    )
        .into_response()
}

/// Open data as the file `ext` asks for: JSON, or CSV by `csv`.
fn open_file<T: serde::Serialize>(
    ext: &str,
    data: &T,
    csv: fn(&T) -> Result<Vec<u8>, AppError>,
) -> Result<(&'static str, Vec<u8>), AppError> {
    match ext {
        "json" => serde_json::to_vec_pretty(data)
            .map(|b| ("application/json", b))
            .map_err(|_| AppError::Internal),
        "csv" => csv(data).map(|b| ("text/csv; charset=utf-8", b)),
        _ => Err(AppError::NotFound),
    }
}

#[derive(serde::Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// RFC 8058: a mail client's POST (`List-Unsubscribe=One-Click`) ends the subscription at once.
async fn one_click_unsubscribe(
    State(state): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Response {
    match subscriptions::unsubscribe(&state.db, &q.token).await {
        Ok(()) => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Prenumerationen är avslutad. / The subscription has ended.\n",
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// A client that opens the one-click address in a browser gets the page with the button.
async fn unsubscribe_page(Query(q): Query<TokenQuery>) -> Redirect {
    let token: String =
        percent_encoding::utf8_percent_encode(&q.token, percent_encoding::NON_ALPHANUMERIC)
            .collect();
    Redirect::to(&format!("/unsubscribe?token={token}"))
}
