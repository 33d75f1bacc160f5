use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::current_lang;

/// The page's `<title>` ("Page – ECPA Sverige") and meta description.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    /// Use the title as is, without the site name.
    #[prop(optional)]
    full: bool,
) -> impl IntoView {
    let site = current_lang().t().site_name;
    let title = if full {
        title
    } else {
        format!("{title} – {site}")
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
    }
}
