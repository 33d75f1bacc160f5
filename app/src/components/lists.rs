use leptos::prelude::*;

use super::localized::local;
use crate::i18n::Lang;
use crate::model::{EventSummary, Level, NewsSummary, When};

/// `<time>` showing a date in words.
pub fn date(w: &When, lang: Lang) -> impl IntoView + use<> {
    view! { <time datetime=w.date.clone()>{lang.date(&w.date)}</time> }
}

/// `<time>` showing a date and a time of day.
pub fn date_time(w: &When, lang: Lang) -> impl IntoView + use<> {
    view! { <time datetime=format!("{}T{}", w.date, w.time)>{lang.date_time(&w.date, &w.time)}</time> }
}

/// Item headings are `<h2>` on a list page and `<h3>` inside a section.
fn item_heading(nested: bool, href: String, title: AnyView) -> AnyView {
    if nested {
        view! { <h3><a href=href>{title}</a></h3> }.into_any()
    } else {
        view! { <h2><a href=href>{title}</a></h2> }.into_any()
    }
}

/// One article of a list: a heading linking to `href`, a line of `meta`, and a summary.
struct Item {
    href: String,
    title: AnyView,
    meta: AnyView,
    summary: AnyView,
}

/// The articles as a list, or the sentence that there are none.
fn item_list(items: Vec<Item>, none: &'static str, nested: bool) -> AnyView {
    if items.is_empty() {
        return view! { <p>{none}</p> }.into_any();
    }
    view! {
        <ul class="item-list">
            {items
                .into_iter()
                .map(|i| {
                    view! {
                        <li>
                            <article>
                                {item_heading(nested, i.href, i.title)}
                                <p class="meta">{i.meta}</p>
                                <p>{i.summary}</p>
                            </article>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn NewsList(
    items: Vec<NewsSummary>,
    lang: Lang,
    #[prop(optional)] nested: bool,
) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|n| Item {
            href: lang.href(&format!("/news/{}", n.slug)),
            title: local(&n.title, lang),
            meta: view! {
                <span class="tag">{n.kind.label(lang)}</span>
                " · "
                {date(&n.published, lang)}
            }
            .into_any(),
            summary: local(&n.summary, lang),
        })
        .collect();
    item_list(items, lang.t().news_empty, nested)
}

#[component]
pub fn EventList(
    items: Vec<EventSummary>,
    lang: Lang,
    #[prop(optional)] nested: bool,
) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|e| Item {
            href: lang.href(&format!("/events/{}", e.slug)),
            title: local(&e.title, lang),
            meta: view! {
                {date_time(&e.starts, lang)}
                " · "
                {place_text(e.place.as_deref(), e.online, lang)}
            }
            .into_any(),
            summary: local(&e.summary, lang),
        })
        .collect();
    item_list(items, lang.t().events_empty, nested)
}

/// "Place", "Online", or "Place · Online".
pub fn place_text(place: Option<&str>, online: bool, lang: Lang) -> String {
    match (place, online) {
        (Some(p), true) => format!("{p} · {}", lang.ev().online),
        (Some(p), false) => p.to_string(),
        (None, _) => lang.ev().online.to_string(),
    }
}

/// A wide table's frame: it scrolls sideways where the screen is narrower than the table, and a
/// keyboard can scroll it too (it takes focus, named by `label`); a region only a mouse can
/// scroll hides columns from keyboard users.
#[component]
pub fn ScrollFrame(label: String, children: Children) -> impl IntoView {
    view! { <div class="table-scroll" role="region" aria-label=label tabindex="0">{children()}</div> }
}

/// What the scores on a criterion mean, lowest first, folded under "What the scores mean" (a
/// native `<details>`: it opens by keyboard and without scripts): beside a typed score on the
/// juror's sheet, and under each criterion on the year's public page. Nothing without levels.
#[component]
pub fn LevelList(levels: Vec<Level>, lang: Lang) -> impl IntoView {
    (!levels.is_empty()).then(|| {
        view! {
            <details class="level-list">
                <summary>{lang.j().levels_title}</summary>
                <dl>
                    {levels.into_iter().map(|l| view! { <dt>{l.score}</dt><dd>{local(&l.meaning, lang)}</dd> }).collect_view()}
                </dl>
            </details>
        }
    })
}
