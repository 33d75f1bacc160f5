use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::{components::A, hooks::use_location};

use crate::i18n::Lang;

fn lang_memo() -> Memo<Lang> {
    let location = use_location();
    Memo::new(move |_| Lang::from_path(&location.pathname.get()))
}

/// Sets `<html lang>` from the URL.
#[component]
pub fn HtmlLang() -> impl IntoView {
    let lang = lang_memo();
    view! { <Html {..} lang=move || lang.get().code()/> }
}

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    let lang = lang_memo();
    let t = move || lang.get().t();
    let other_href = move || {
        lang.get()
            .other()
            .href(Lang::neutral_path(&location.pathname.get()))
    };
    let nav = move |path: &'static str| move || lang.get().href(path);
    view! {
        <a class="skip-link" href="#main" rel="external">{move || t().skip_to_content}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href=nav("/")>
                    <span class="brand-name">{move || t().site_name}</span>
                    <span class="brand-tagline">{move || t().site_tagline}</span>
                </a>
                <nav aria-label=move || t().nav_label>
                    <ul class="nav-list">
                        <li><A href=nav("/") exact=true>{move || t().nav_home}</A></li>
                        <li><A href=nav("/archive")>{move || t().nav_archive}</A></li>
                        <li><A href=nav("/news")>{move || t().nav_news}</A></li>
                        <li><A href=nav("/events")>{move || t().nav_events}</A></li>
                        <li><A href=nav("/account")>{move || t().nav_account}</A></li>
                    </ul>
                </nav>
                <a
                    class="lang-switch"
                    href=other_href
                    hreflang=move || lang.get().other().code()
                    lang=move || lang.get().other().code()
                    rel="alternate"
                >
                    {move || t().other_language}
                </a>
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let lang = lang_memo();
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>{move || lang.get().t().footer_about}</p>
                <ul class="footer-links">
                    <li><a href=move || lang.get().href("/accessibility")>{move || lang.get().p().a11y_link}</a></li>
                    <li><a href=move || lang.get().href("/privacy")>{move || lang.get().t().privacy_link}</a></li>
                    <li><a href=move || lang.get().href("/subscribe")>{move || lang.get().p().subscribe_title}</a></li>
                    <li><a href=move || lang.get().href("/feed.atom") rel="external">{move || lang.get().p().feed}</a></li>
                </ul>
            </div>
        </footer>
    }
}
