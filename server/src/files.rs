//! Routes outside the server functions: attachment upload and download, and the organiser's
//! exports. Thin: read the request, call one service, shape the response.
use app::backend::AppState;
use app::backend::entries::{attachments, screening};
use app::backend::state::session_actor;
use app::error::{AppError, Problem};
use app::i18n::Lang;
use app::model::MAX_ATTACHMENT_BYTES;
use axum::Json;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Listed;

pub fn routes() -> Listed {
    Listed::default()
        .route(
            "POST",
            "/entries/{id}/attachments",
            post(upload).layer(DefaultBodyLimit::max(
                MAX_ATTACHMENT_BYTES as usize + 64 * 1024,
            )),
        )
        .route("GET", "/attachments/{id}", get(download))
        .route(
            "GET",
            "/admin/competitions/{year}/entries.csv",
            get(export_csv),
        )
        .route(
            "GET",
            "/admin/competitions/{year}/entries.xlsx",
            get(export_xlsx),
        )
        .route("GET", "/jury/{year}/scores.csv", get(scores_csv))
        .route("GET", "/jury/{year}/scores.xlsx", get(scores_xlsx))
}

pub(crate) fn error_response(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(e)).into_response()
}

/// The query value a plain-form upload reports back to the entry page.
fn upload_code(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid(_) => match e.field("file") {
            Some(Problem::FileTooLarge) => "too_large",
            Some(Problem::EmptyFile) => "empty",
            Some(Problem::ActiveContent) => "active",
            _ => "unsupported",
        },
        AppError::Conflict(app::error::Conflict::TooManyFiles) => "too_many",
        AppError::Conflict(_) => "closed",
        _ => "failed",
    }
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// `multipart/form-data` with a `file` field, and optionally `lang` for the redirect back.
/// Scripts (`Accept: application/json`) get JSON; a plain form gets a redirect to the entry.
async fn upload(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(id): Path<i32>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let json = wants_json(&headers);
    let mut lang = Lang::Sv;
    let result = async {
        let actor = session_actor(&state, &session)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let mut file: Option<(String, Vec<u8>)> = None;
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return Err(AppError::invalid_field("file", Problem::FileTooLarge));
                }
                Err(_) => return Err(AppError::BadRequest("multipart".into())),
            };
            match field.name() {
                Some("lang") => {
                    lang = Lang::from_code(&field.text().await.unwrap_or_default());
                }
                Some("file") => {
                    let name = field.file_name().unwrap_or("").to_string();
                    let bytes = match field.bytes().await {
                        Ok(b) => b.to_vec(),
                        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            return Err(AppError::invalid_field("file", Problem::FileTooLarge));
                        }
                        Err(_) => return Err(AppError::BadRequest("multipart".into())),
                    };
                    file = Some((name, bytes));
                }
                _ => {}
            }
        }
        let (name, bytes) = file.ok_or(AppError::invalid_field("file", Problem::EmptyFile))?;
        attachments::upload(
            &state.db,
            &actor,
            &state.upload_dir,
            id,
            &name,
            bytes,
            state.clock.now(),
        )
        .await
    }
    .await;
    match (result, json) {
        (Ok(a), true) => Json(a).into_response(),
        (Err(e), true) => error_response(e),
        (Err(AppError::Unauthenticated), false) => {
            Redirect::to(&lang.href("/login")).into_response()
        }
        (Ok(_), false) => Redirect::to(&lang.href(&format!("/entries/{id}?upload=ok#attachments")))
            .into_response(),
        (Err(e), false) => Redirect::to(&lang.href(&format!(
            "/entries/{id}?upload={}#attachments",
            upload_code(&e)
        )))
        .into_response(),
    }
}

/// `attachment; filename="ascii"; filename*=UTF-8''…` for any stored name.
fn disposition(name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = utf8_percent_encode(name, NON_ALPHANUMERIC);
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// Headers that keep a downloaded file from being run as a page.
fn file_headers(content_type: &str, name: &str) -> [(header::HeaderName, HeaderValue); 5] {
    [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        ),
        (header::CONTENT_DISPOSITION, disposition(name)),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; sandbox"),
        ),
    ]
}

async fn download(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(id): Path<i32>,
) -> Response {
    let result = async {
        let actor = session_actor(&state, &session)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let (a, path) = attachments::download(&state.db, &actor, &state.upload_dir, id).await?;
        let bytes = tokio::fs::read(&path).await.map_err(|e| {
            tracing::error!(error = %e, ?path, "attachment file missing");
            AppError::NotFound
        })?;
        Ok::<_, AppError>((a, bytes))
    }
    .await;
    match result {
        Ok((a, bytes)) => (file_headers(&a.content_type, &a.file_name), bytes).into_response(),
        Err(e) => error_response(e),
    }
}

async fn export(
    state: AppState,
    session: tower_sessions::Session,
    year: i32,
    xlsx: bool,
) -> Response {
    let result = async {
        let actor = session_actor(&state, &session)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let rows = screening::export_rows(&state.db, &actor, year).await?;
        if xlsx {
            screening::to_xlsx(&rows, &format!("ECPA {year}"))
        } else {
            screening::to_csv(&rows)
        }
    }
    .await;
    spreadsheet(result, xlsx, &format!("ecpa-{year}-entries"))
}

async fn export_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(year): Path<i32>,
) -> Response {
    export(state, session, year, false).await
}

async fn export_xlsx(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(year): Path<i32>,
) -> Response {
    export(state, session, year, true).await
}

async fn scores(
    state: AppState,
    session: tower_sessions::Session,
    year: i32,
    xlsx: bool,
) -> Response {
    let result = async {
        let actor = session_actor(&state, &session)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let (header, rows) =
            app::backend::jury_setup::export_scores(&state.db, &actor, year, state.clock.now())
                .await?;
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        if xlsx {
            screening::xlsx_file(&header, &rows, &format!("ECPA {year}"))
        } else {
            screening::csv_file(&header, &rows)
        }
    }
    .await;
    spreadsheet(result, xlsx, &format!("ecpa-{year}-scores"))
}

async fn scores_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(year): Path<i32>,
) -> Response {
    scores(state, session, year, false).await
}

async fn scores_xlsx(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(year): Path<i32>,
) -> Response {
    scores(state, session, year, true).await
}

/// An export as a download: CSV or XLSX bytes under `stem.csv` / `stem.xlsx`, or the error.
fn spreadsheet(result: Result<Vec<u8>, AppError>, xlsx: bool, stem: &str) -> Response {
    match result {
        Ok(bytes) => {
            let (mime, ext) = if xlsx {
                (
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "xlsx",
                )
            } else {
                ("text/csv; charset=utf-8", "csv")
            };
            (file_headers(mime, &format!("{stem}.{ext}")), bytes).into_response()
        }
        Err(e) => error_response(e),
    }
}
