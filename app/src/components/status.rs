use leptos::prelude::*;

use super::{current_lang, page_meta::PageMeta};
use crate::error::AppError;

/// Sets the HTTP status of the server-rendered response.
fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(
            axum::http::StatusCode::from_u16(_code)
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
}

/// Says that the page being rendered looks the same to every anonymous visitor: no per-visitor
/// text, no per-response token. The public-page cache then keeps one copy of it (until
/// something public changes). The public pages call this themselves, so that which pages are
/// public is said in one place, the page; a page that does not is rendered for each visitor.
pub fn shared_by_everyone() {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(
            axum::http::HeaderName::from_static(crate::backend::public_changes::SHARED_COPY),
            axum::http::HeaderValue::from_static("1"),
        );
    }
}

/// A page that only says a mail is on its way (registration, password reset, subscription):
/// its heading and one line, announced to screen readers.
#[component]
pub fn MailSentPage(title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <PageMeta title=title description=text/>
        <div class="wrap narrow" role="status">
            <h1>{title}</h1>
            <p>{text}</p>
        </div>
    }
}

/// The 404 page: also the router's fallback.
#[component]
pub fn NotFoundView() -> impl IntoView {
    set_status(404);
    let lang = current_lang();
    let t = lang.t();
    view! {
        <PageMeta title=t.not_found_title description=t.not_found_text/>
        <div class="wrap narrow">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><a href=lang.href("/")>{t.go_home}</a></p>
        </div>
    }
}

/// Links that help after an error: log in when that is what is missing.
fn error_links(error: &AppError, lang: crate::i18n::Lang) -> impl IntoView + use<> {
    let t = lang.t();
    (*error == AppError::Unauthenticated).then(|| {
        view! {
            <p><a class="button" href=lang.href("/login")>{t.login_submit}</a></p>
            <p><a href=lang.href("/register")>{t.login_no_account}</a></p>
        }
    })
}

/// The shared error page, with the status that belongs to the error. `inline` shows only the
/// message, for pages that keep their own title and heading.
#[component]
pub fn ErrorView(error: AppError, #[prop(optional)] inline: bool) -> impl IntoView {
    set_status(error.status());
    let lang = current_lang();
    let t = lang.t();
    if inline {
        return view! {
            <div role="alert" class="inline-error">
                <p>{error.message(lang)}</p>
                {error_links(&error, lang)}
            </div>
        }
        .into_any();
    }
    if error == AppError::NotFound {
        return view! { <NotFoundView/> }.into_any();
    }
    let title = if error == AppError::Unauthenticated {
        t.login_title
    } else {
        t.error_title
    };
    view! {
        <PageMeta title=title description=error.message(lang)/>
        <div class="wrap narrow" role="alert">
            <h1>{title}</h1>
            <p>{error.message(lang)}</p>
            {error_links(&error, lang)}
            <p><a href=lang.href("/")>{t.go_home}</a></p>
        </div>
    }
    .into_any()
}
