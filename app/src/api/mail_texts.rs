//! Server functions of a year's own mail words. Each calls one service in
//! `backend::mail_texts`, which decides who may do what.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{MailTextEditor, MailTextForm, MailTextsView};

#[cfg(feature = "ssr")]
use crate::backend::{mail_texts, state::signed_in};

/// The year's editable mails and which have the year's own words.
#[server(input = GetUrl, endpoint = "mail_texts")]
pub async fn get_mail_texts(year: i32) -> Result<MailTextsView, AppError> {
    let s = signed_in().await?;
    mail_texts::list(&s.db, &s.actor, year).await
}

/// One mail's words in both languages, with its placeholders and a preview.
#[server(input = GetUrl, endpoint = "mail_text")]
pub async fn get_mail_text(year: i32, mail: String) -> Result<MailTextEditor, AppError> {
    let s = signed_in().await?;
    mail_texts::editor(&s.db, &s.actor, year, &mail, &s.base_url).await
}

#[server(endpoint = "save_mail_text")]
pub async fn save_mail_text(year: i32, mail: String, form: MailTextForm) -> Result<(), AppError> {
    let s = signed_in().await?;
    mail_texts::save(&s.db, &s.actor, year, &mail, form, s.now).await
}

/// Goes back to the portal's words for a mail.
#[server(endpoint = "reset_mail_text")]
pub async fn reset_mail_text(year: i32, mail: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    mail_texts::reset(&s.db, &s.actor, year, &mail, s.now).await
}
