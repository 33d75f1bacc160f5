use leptos::prelude::*;

use crate::i18n::Lang;
use crate::model::Text;

/// Inline content in `lang`, or the Swedish original marked `lang="sv"` with a visible note.
pub fn local(text: &Text, lang: Lang) -> AnyView {
    let (s, fell_back) = text.pick(lang);
    let s = s.to_string();
    if fell_back {
        view! {
            <span lang="sv">{s}</span>
            " "
            <small class="fallback-note">"("{lang.t().only_in_swedish}")"</small>
        }
        .into_any()
    } else {
        s.into_any()
    }
}

/// A block of content in `lang`, as plain paragraphs; nothing for an empty text.
pub fn local_par(text: &Text, lang: Lang) -> AnyView {
    if text.sv.trim().is_empty() {
        return ().into_any();
    }
    let (s, fell_back) = text.pick(lang);
    let s = s.to_string();
    let note = fell_back.then(|| view! { <p class="fallback-note">{lang.t().only_in_swedish}</p> });
    view! {
        {note}
        <p lang=fell_back.then_some("sv")>{s}</p>
    }
    .into_any()
}

/// Sanitised HTML (rendered from Markdown when saved) in `lang`, with the same fallback.
pub fn local_html(text: &Text, lang: Lang) -> AnyView {
    let (s, fell_back) = text.pick(lang);
    let s = s.to_string();
    let note = fell_back.then(|| view! { <p class="fallback-note">{lang.t().only_in_swedish}</p> });
    view! {
        {note}
        <div class="prose" lang=fell_back.then_some("sv") inner_html=s></div>
    }
    .into_any()
}
