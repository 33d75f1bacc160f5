use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_location;

use super::current_lang;
use crate::i18n::Lang;

/// The site's origin (`https://host`), for absolute links in meta tags: the configured base URL
/// on the server, the page's own origin in the browser.
fn origin() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::backend::AppState>()
            .map(|s| s.base_url.clone())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
}

/// An optional image for link previews.
#[derive(Default)]
pub struct MaybeImage(Option<String>);

impl From<Option<String>> for MaybeImage {
    fn from(v: Option<String>) -> Self {
        MaybeImage(v)
    }
}

/// The page's `<title>` ("Page – ECPA Sverige") and meta description, its canonical address
/// and the Swedish and English alternates (`hreflang`), and OpenGraph and Twitter tags so a
/// shared link shows a title and summary.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    /// Use the title as is, without the site name.
    #[prop(optional)]
    full: bool,
    /// `article` for news and events; `website` otherwise.
    #[prop(default = "website")]
    kind: &'static str,
    /// An absolute or root-relative image for link previews.
    #[prop(optional, into)]
    image: MaybeImage,
) -> impl IntoView {
    let lang = current_lang();
    let site = lang.t().site_name;
    let title = if full {
        title
    } else {
        format!("{title} – {site}")
    };
    let origin = origin();
    let path = use_location().pathname.get_untracked();
    let neutral = Lang::neutral_path(&path).to_string();
    let url = |l: Lang| format!("{origin}{}", l.href(&neutral));
    let canonical = url(lang);
    let image = image.0.map(|i| {
        if i.starts_with('/') {
            format!("{origin}{i}")
        } else {
            i
        }
    });
    // leptos_meta writes the `<title>` text unescaped on the server, so a title containing
    // `</title><script>` would run; the server's copy is escaped here. In the browser the text
    // goes to `document.title`, which takes it as plain text.
    #[cfg(feature = "ssr")]
    let title_text = super::form::escaped(&title);
    #[cfg(not(feature = "ssr"))]
    let title_text = title.clone();
    view! {
        <Title text=title_text/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Link rel="alternate" hreflang="sv" href=url(Lang::Sv)/>
        <Link rel="alternate" hreflang="en" href=url(Lang::En)/>
        <Link rel="alternate" hreflang="x-default" href=url(Lang::Sv)/>
        <Link rel="alternate" type_="application/atom+xml" title=lang.p().feed href=format!("{origin}{}", lang.href("/feed.atom"))/>
        <Meta property="og:type" content=kind/>
        <Meta property="og:site_name" content=site/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=canonical/>
        <Meta property="og:locale" content=if lang == Lang::Sv { "sv_SE" } else { "en_GB" }/>
        <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" }/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
        {image.map(|i| view! {
            <Meta property="og:image" content=i.clone()/>
            <Meta name="twitter:image" content=i/>
        })}
    }
}

/// A narrow page of one purpose (a form, a confirmation): its meta tags, its heading and an
/// optional introduction, then `children`. The description for link previews is the
/// introduction where there is one, else the title, unless given.
#[component]
pub fn NarrowPage(
    title: &'static str,
    #[prop(optional)] intro: Option<&'static str>,
    #[prop(optional)] description: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let description = description.or(intro).unwrap_or(title);
    view! {
        <PageMeta title=title description=description/>
        <div class="wrap narrow">
            <h1>{title}</h1>
            {intro.map(|p| view! { <p>{p}</p> })}
            {children()}
        </div>
    }
}

/// A page of full width (a list, an editor, an overview): its meta tags, an optional link back
/// to the page above it, its heading, an optional introduction, then `children`.
#[component]
pub fn WidePage(
    #[prop(into)] title: String,
    description: &'static str,
    #[prop(optional)] intro: Option<&'static str>,
    /// Show the introduction as the page's lead paragraph.
    #[prop(optional)]
    lead: bool,
    /// The page above this one: its address and its name.
    #[prop(optional)]
    back: Option<(String, &'static str)>,
    children: Children,
) -> impl IntoView {
    view! {
        <PageMeta title=title.clone() description=description/>
        <div class="wrap">
            {back.map(|(href, name)| view! { <p class="eyebrow"><a href=href>{name}</a></p> })}
            <h1>{title}</h1>
            {intro.map(|p| view! { <p class=lead.then_some("lead")>{p}</p> })}
            {children()}
        </div>
    }
}
