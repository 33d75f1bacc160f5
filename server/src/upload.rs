//! Reading an upload, for every route that takes one (attachments, award photos, news images):
//! a multipart form's text fields and its `file`, within the route's body limit, and the code a
//! plain form's page shows an upload's error by.
use std::collections::HashMap;

use app::error::{AppError, Conflict, Problem};
use app::i18n::Lang;
use axum::extract::Multipart;
use axum::http::StatusCode;

/// A multipart form's text fields and its `file` (name, bytes).
#[derive(Default)]
pub struct Upload {
    pub fields: HashMap<String, String>,
    pub file: Option<(String, Vec<u8>)>,
}

impl Upload {
    /// A text field, empty when the form did not send it.
    pub fn field(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    /// The language of the form (its `lang` field), for the page the answer goes back to.
    pub fn lang(&self) -> Lang {
        Lang::from_code(self.fields.get("lang").map(String::as_str).unwrap_or("sv"))
    }

    /// The image and its alternative texts, as an award-photo or news-image form sends them;
    /// the bytes move, they are not copied.
    pub fn image(mut self) -> app::backend::publication::media::ImageUpload {
        let (name, bytes) = self.file.take().unwrap_or_default();
        app::backend::publication::media::ImageUpload {
            name,
            bytes,
            alt_sv: self.field("alt_sv"),
            alt_en: self.field("alt_en"),
        }
    }

    /// The file, or the error a form without one gets.
    pub fn take_file(&mut self) -> Result<(String, Vec<u8>), AppError> {
        self.file
            .take()
            .ok_or(AppError::invalid_field("file", Problem::EmptyFile))
    }
}

/// Reads the form into `up`. The fields read before an error stay in `up`, so that the answer
/// is still in the form's language. A body over the route's limit is `FileTooLarge`.
pub async fn read(mut multipart: Multipart, up: &mut Upload) -> Result<(), AppError> {
    let too_large = || AppError::invalid_field("file", Problem::FileTooLarge);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Ok(()),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(AppError::BadRequest("multipart".into())),
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = match field.bytes().await {
                Ok(b) => b.to_vec(),
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
                Err(_) => return Err(AppError::BadRequest("multipart".into())),
            };
            up.file = Some((file_name, bytes));
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| AppError::BadRequest("multipart".into()))?;
            up.fields.insert(name, text);
        }
    }
}

/// The query value (`?upload=`, `?photo_error=`, `?image_error=`) a plain form's page shows an
/// upload's error by.
pub fn code(e: &AppError) -> &'static str {
    match e {
        AppError::Conflict(Conflict::TooManyFiles) => "too_many",
        AppError::Conflict(_) => "closed",
        _ => match e.field("file") {
            Some(Problem::FileTooLarge) => "too_large",
            Some(Problem::EmptyFile) => "empty",
            Some(Problem::ActiveContent) => "active",
            Some(_) => "unsupported",
            None if e.field("alt_sv").is_some() => "alt",
            None => "failed",
        },
    }
}
