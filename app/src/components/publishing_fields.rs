//! What the news and events editors share: the year an item belongs to, a Markdown field with
//! its live preview, and the line that says whether an item is a draft, scheduled or public.
use leptos::prelude::*;

use crate::api::publication::preview_markdown;
use crate::components::entry_fields::SectionField;
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{NewsStatus, When};

fn at(lang: Lang, w: &When) -> String {
    lang.date_time(&w.date, &w.time)
}

pub fn status_text(lang: Lang, s: &NewsStatus) -> String {
    let p = lang.p();
    match s {
        NewsStatus::Draft => p.draft.into(),
        NewsStatus::Scheduled(w) => fill(p.scheduled, &[&at(lang, w)]),
        NewsStatus::Published(w) => fill(p.published, &[&at(lang, w)]),
    }
}

/// The competition year an item belongs to, or none.
#[component]
pub fn YearSelect(
    name: &'static str,
    years: Vec<i32>,
    selected: String,
    lang: Lang,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let p = lang.p();
    let problem = Signal::derive(move || error.get().and_then(|e| e.field("year")));
    view! {
        <div class="field" class:has-error=move || problem.get().is_some()>
            <label for="entry-year">{p.year}</label>
            <select id="entry-year" name=name aria-describedby=move || problem.get().map(|_| "entry-year-error") aria-invalid=move || problem.get().map(|_| "true")>
                <option value="" selected=selected.is_empty()>{p.no_year}</option>
                {years.iter().map(|y| {
                    let y = y.to_string();
                    view! { <option value=y.clone() selected=y == selected>{y.clone()}</option> }
                }).collect_view()}
            </select>
            {move || problem.get().map(|pr| view! { <p class="field-error" id="entry-year-error">{pr.message(lang)}</p> })}
        </div>
    }
}

/// A Markdown textarea with its preview beside it, refreshed from the server (which renders and
/// sanitises exactly as when saving) half a second after typing stops. An island: the rest of
/// the editor is a plain form.
#[island]
pub fn MarkdownField(
    name: String,
    key: String,
    label: String,
    preview_label: String,
    value: String,
    preview: String,
    lang: Lang,
    /// The error a plain form post came back with.
    error: Option<AppError>,
    required: bool,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let error = Signal::stored(error);
    let p = lang.p();
    let (html, set_html) = signal(preview);
    let generation = StoredValue::new(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        let source = event_target_value(&ev);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(rendered) = preview_markdown(source).await
                        && generation.get_value() == mine
                    {
                        set_html.set(rendered);
                    }
                });
            },
            std::time::Duration::from_millis(500),
        );
    };
    let preview_id = format!("preview-{key}");
    let preview_labelled = preview_id.clone();
    view! {
        <div class="markdown-field">
            <div on:input=on_input>
                <SectionField name=name key=key label=label hint=p.body_hint value=value limit=None lang error rows=12 required/>
            </div>
            <section class="markdown-preview" aria-labelledby=preview_labelled>
                <h3 id=preview_id>{preview_label}</h3>
                <div class="prose" aria-live="polite" inner_html=move || {
                    let h = html.get();
                    if h.trim().is_empty() { format!("<p class=\"hint\">{}</p>", p.preview_empty) } else { h }
                }></div>
            </section>
        </div>
    }
}

/// One row of the organiser's list of news items or events.
pub struct ItemRow {
    /// The item's editor.
    pub href: String,
    pub title: String,
    /// The list's own column: a news item's kind, an event's start.
    pub detail: String,
    pub status: NewsStatus,
}

/// The organiser's list of news items or events: each title links to its editor, then the
/// list's own column, then whether the item is a draft, scheduled or public.
#[component]
pub fn ItemTable(
    rows: Vec<ItemRow>,
    lang: Lang,
    /// The heading of the list's own column.
    detail: &'static str,
    /// What an empty list says.
    empty: &'static str,
) -> impl IntoView {
    let p = lang.p();
    if rows.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{p.col_title}</th>
                    <th scope="col">{detail}</th>
                    <th scope="col">{p.col_status}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row"><a href=r.href lang="sv">{r.title}</a></th>
                            <td>{r.detail}</td>
                            <td>{status_text(lang, &r.status)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
