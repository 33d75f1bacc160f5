//! Routes outside the server functions: attachment upload and download, and the organiser's
//! exports. Thin: read the request, call one service, shape the response.
use app::backend::AppState;
use app::backend::documents::{Format, MadeFile};
use app::backend::dossier;
use app::backend::entries::{attachments, screening};
use app::backend::{audit_trail, downloads, exports, gdpr, jury_setup};
use app::backend::{reading_copy, reading_pack};
use app::error::AppError;
use app::i18n::Lang;
use app::model::MAX_ATTACHMENT_BYTES;
use axum::Json;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Listed;
use crate::actor::{MaybeSignedIn, SignedIn};
use crate::upload::{self, Upload};

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
            get(entries_export::<false>),
        )
        .route(
            "GET",
            "/admin/competitions/{year}/entries.xlsx",
            get(entries_export::<true>),
        )
        .route(
            "GET",
            "/jury/{year}/scores.csv",
            get(scores_export::<false>),
        )
        .route(
            "GET",
            "/jury/{year}/scores.xlsx",
            get(scores_export::<true>),
        )
        .route(
            "GET",
            "/europe/{year}/jury/scores.csv",
            get(final_scores_export::<false>),
        )
        .route(
            "GET",
            "/europe/{year}/jury/scores.xlsx",
            get(final_scores_export::<true>),
        )
        .route(
            "GET",
            "/rounds/{country}/{year}/jury/scores.csv",
            get(round_scores_export::<false>),
        )
        .route(
            "GET",
            "/rounds/{country}/{year}/jury/scores.xlsx",
            get(round_scores_export::<true>),
        )
        .route(
            "GET",
            "/admin/competitions/{year}/dossier.pdf",
            get(dossier_file::<false>),
        )
        .route(
            "GET",
            "/admin/competitions/{year}/dossier.docx",
            get(dossier_file::<true>),
        )
        .route("GET", "/admin/audit.csv", get(audit_export))
        .route("GET", "/account/data.zip", get(my_data_export))
        .route("GET", "/admin/personal-data/export.zip", get(person_export))
        .route("GET", "/jury/{year}/reading-pack.pdf", get(pack::<false>))
        .route("GET", "/jury/{year}/reading-pack.zip", get(pack::<true>))
        .route(
            "GET",
            "/europe/{year}/jury/reading-pack.pdf",
            get(final_pack::<false>),
        )
        .route(
            "GET",
            "/europe/{year}/jury/reading-pack.zip",
            get(final_pack::<true>),
        )
        .route(
            "GET",
            "/rounds/{country}/{year}/jury/reading-pack.pdf",
            get(round_pack::<false>),
        )
        .route(
            "GET",
            "/rounds/{country}/{year}/jury/reading-pack.zip",
            get(round_pack::<true>),
        )
        .route(
            "GET",
            "/entries/{id}/reading-copy.pdf",
            get(reading_copy::<false>),
        )
        .route(
            "GET",
            "/en/entries/{id}/reading-copy.pdf",
            get(reading_copy::<true>),
        )
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
    signed_in: MaybeSignedIn,
    Path(id): Path<i32>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let json = wants_json(&headers);
    let mut up = Upload::default();
    let result = async {
        let actor = signed_in.required()?;
        upload::read(multipart, &mut up).await?;
        let (name, bytes) = up.take_file()?;
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
    let lang = up.lang();
    match (result, json) {
        (Ok(a), true) => Json(a).into_response(),
        (Err(e), true) => e.into_response(),
        (Err(AppError::Unauthenticated), false) => {
            Redirect::to(&lang.href("/login")).into_response()
        }
        (Ok(_), false) => Redirect::to(&lang.href(&format!("/entries/{id}?upload=ok#attachments")))
            .into_response(),
        (Err(e), false) => Redirect::to(&lang.href(&format!(
            "/entries/{id}?upload={}#attachments",
            upload::code(&e)
        )))
        .into_response(),
    }
}

/// `attachment; filename="ascii"; filename*=UTF-8''…` for any stored name.
fn disposition(name: &str) -> HeaderValue {
    named("attachment", name)
}

/// `<kind>; filename="ascii"; filename*=UTF-8''…`: `attachment` saves, `inline` shows.
fn named(kind: &str, name: &str) -> HeaderValue {
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
        "{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
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

/// An attachment; `?lang=en` names an anonymised juror's copy in English.
async fn download(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<i32>,
    Query(q): Query<LangQuery>,
) -> Response {
    match downloads::attachment(&state.db, &actor, &state.upload_dir, id, q.lang()).await {
        Ok(d) => (file_headers(&d.content_type, &d.name), d.bytes).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The entries of a year, one row each: `.csv`, or `.xlsx` when `XLSX`.
async fn entries_export<const XLSX: bool>(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<i32>,
    Query(csv): Query<CsvQuery>,
) -> Response {
    let table = screening::export_rows(&state.db, &actor, year, state.clock.now())
        .await
        .map(|rows| {
            let header = screening::export_columns().into_iter().map(String::from);
            (header.collect(), rows)
        });
    spreadsheet::<XLSX>(table, year, "entries", csv.dialect())
}

/// Every score and comment of a year: `.csv`, or `.xlsx` when `XLSX`.
async fn scores_export<const XLSX: bool>(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<i32>,
    Query(csv): Query<CsvQuery>,
) -> Response {
    let table = jury_setup::export_scores(&state.db, &actor, year, state.clock.now()).await;
    spreadsheet::<XLSX>(table, year, "scores", csv.dialect())
}

/// Every score and comment of the year's European final, for the secretariat and the final's
/// chair.
async fn final_scores_export<const XLSX: bool>(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<i32>,
    Query(csv): Query<CsvQuery>,
) -> Response {
    let r = app::model::RoundRef::final_of(year);
    let table = jury_setup::export_scores(&state.db, &actor, r, state.clock.now()).await;
    spreadsheet::<XLSX>(table, year, "europe-scores", csv.dialect())
}

/// Every score and comment of another country's round hosted here, for its organisers and its
/// chair. A country that is not a member state is "not found".
async fn round_scores_export<const XLSX: bool>(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path((country, year)): Path<(String, i32)>,
    Query(csv): Query<CsvQuery>,
) -> Response {
    let Some(country) = app::model::Country::parse(&country) else {
        return AppError::NotFound.into_response();
    };
    let r = app::model::RoundRef::national(year, country);
    let table = jury_setup::export_scores(&state.db, &actor, r, state.clock.now()).await;
    spreadsheet::<XLSX>(
        table,
        year,
        &format!("{}-scores", country.slug()),
        csv.dialect(),
    )
}

/// The audit log's lines that the page's filters match, as CSV.
async fn audit_export(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let filter = app::model::AuditFilter::from_query(|k| query.get(k).cloned());
    let dialect = exports::Dialect::from_query(query.get("dialect").map(String::as_str));
    match audit_trail::trail_csv(&state.db, &actor, &filter, dialect).await {
        Ok(bytes) => (
            file_headers("text/csv; charset=utf-8", "ecpa-audit.csv"),
            bytes,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// The signed-in person's own data, as a zip to keep.
async fn my_data_export(State(state): State<AppState>, SignedIn(actor): SignedIn) -> Response {
    let now = state.clock.now();
    zip_file(gdpr::my_export(&state.db, &actor, &state.upload_dir, now).await)
}

/// A person's data for the organiser handling their request, by address (and name).
async fn person_export(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(q): Query<PersonQuery>,
) -> Response {
    let now = state.clock.now();
    let name = q.name.unwrap_or_default();
    zip_file(gdpr::export_for(&state.db, &actor, &state.upload_dir, &q.email, &name, now).await)
}

#[derive(serde::Deserialize)]
struct PersonQuery {
    #[serde(default)]
    email: String,
    name: Option<String>,
}

fn zip_file(made: Result<Vec<u8>, AppError>) -> Response {
    match made {
        Ok(bytes) => (file_headers("application/zip", "personal-data.zip"), bytes).into_response(),
        Err(e) => e.into_response(),
    }
}

/// A CSV download's choice of dialect: `?dialect=comma`, or Swedish Excel's semicolons.
#[derive(serde::Deserialize)]
struct CsvQuery {
    dialect: Option<String>,
}

impl CsvQuery {
    fn dialect(&self) -> exports::Dialect {
        exports::Dialect::from_query(self.dialect.as_deref())
    }
}

/// An export as a download, `ecpa-<year>-<what>.csv` or `.xlsx`, or the error.
fn spreadsheet<const XLSX: bool>(
    table: Result<(Vec<String>, Vec<Vec<String>>), AppError>,
    year: i32,
    what: &str,
    dialect: exports::Dialect,
) -> Response {
    let file = table.and_then(|(header, rows)| {
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        if XLSX {
            exports::xlsx_file(&header, &rows, &format!("ECPA {year}"))
        } else {
            exports::csv_file(&header, &rows, dialect)
        }
    });
    let (mime, ext) = if XLSX {
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    } else {
        ("text/csv; charset=utf-8", "csv")
    };
    match file {
        Ok(bytes) => (
            file_headers(mime, &format!("ecpa-{year}-{what}.{ext}")),
            bytes,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// A file the portal made itself: shown in the browser (`inline`, a PDF's preview) or saved.
/// The portal wrote every byte, so the PDF needs no sandbox: the browser's viewer must run.
fn made(f: MadeFile, inline: bool) -> Response {
    (download_headers(f.content_type, &f.name, inline), f.bytes).into_response()
}

/// A made file's headers: its type, shown in the browser or saved under its name, never
/// sniffed or kept in a cache.
fn download_headers(
    content_type: &'static str,
    name: &str,
    inline: bool,
) -> [(header::HeaderName, HeaderValue); 4] {
    [
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        (
            header::CONTENT_DISPOSITION,
            named(if inline { "inline" } else { "attachment" }, name),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ),
    ]
}

/// The year's Annex I dossier: the PDF shown in the browser (a preview), the DOCX saved.
async fn dossier_file<const DOCX: bool>(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<i32>,
) -> Response {
    let format = if DOCX { Format::Docx } else { Format::Pdf };
    match dossier::file(&state.db, &actor, year, format, state.clock.now()).await {
        Ok(f) => made(f, !DOCX),
        Err(e) => e.into_response(),
    }
}

/// An entry's reading copy, a PDF shown in the browser, its headings in Swedish or (`EN`)
/// English.
async fn reading_copy<const EN: bool>(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<i32>,
) -> Response {
    let lang = if EN { Lang::En } else { Lang::Sv };
    match reading_copy::file(&state.db, &actor, id, lang).await {
        Ok(f) => made(f, true),
        Err(e) => e.into_response(),
    }
}

/// `?lang=en` for English headings and file names; Swedish otherwise.
#[derive(serde::Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

impl LangQuery {
    fn lang(&self) -> Lang {
        if self.lang.as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::Sv
        }
    }
}

/// A juror's reading pack of a round, downloaded: their entries in one PDF, or (`ZIP`) those
/// entries' attachments in one zip, streamed from the temporary file it was written to.
async fn reading_pack_of<const ZIP: bool>(
    state: &AppState,
    actor: &app::backend::accounts::Actor,
    r: app::model::RoundRef,
    lang: Lang,
) -> Response {
    if !ZIP {
        return match reading_pack::pdf(&state.db, actor, r, lang).await {
            Ok(f) => made(f, false),
            Err(e) => e.into_response(),
        };
    }
    match reading_pack::attachments(&state.db, actor, &state.upload_dir, r, lang).await {
        Ok(zip) => {
            let length = zip.file.metadata().map(|m| m.len()).unwrap_or(0);
            let stream = tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(zip.file));
            (
                download_headers("application/zip", &zip.name, false),
                [(header::CONTENT_LENGTH, HeaderValue::from(length))],
                axum::body::Body::from_stream(stream),
            )
                .into_response()
        }
        Err(e) => e.into_response(),
    }
}

async fn pack<const ZIP: bool>(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<i32>,
    Query(q): Query<LangQuery>,
) -> Response {
    reading_pack_of::<ZIP>(&state, &actor, year.into(), q.lang()).await
}

async fn final_pack<const ZIP: bool>(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<i32>,
    Query(q): Query<LangQuery>,
) -> Response {
    let r = app::model::RoundRef::final_of(year);
    reading_pack_of::<ZIP>(&state, &actor, r, q.lang()).await
}

/// A country that is not a member state is "not found".
async fn round_pack<const ZIP: bool>(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path((country, year)): Path<(String, i32)>,
    Query(q): Query<LangQuery>,
) -> Response {
    let Some(country) = app::model::Country::parse(&country) else {
        return AppError::NotFound.into_response();
    };
    let r = app::model::RoundRef::national(year, country);
    reading_pack_of::<ZIP>(&state, &actor, r, q.lang()).await
}
