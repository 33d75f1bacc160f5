//! What the news and events editors share: the year an item belongs to, a Markdown field with
//! its live preview, the line that says whether an item is a draft, scheduled or public, and
//! the reader's text that a save refused, beside the form.
use leptos::prelude::*;

use crate::api::publication::{DiscardUnsavedItem, preview_markdown};
use crate::components::entry_fields::SectionField;
use crate::components::form::{DiscardForm, form_done};
use crate::components::lists::ScrollFrame;
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{KeptForm, NewsStatus, UNSAVED_DAYS, When};

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
    /// What the list is (its page's title), naming the frame it scrolls in.
    label: &'static str,
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
        <ScrollFrame label=label.to_string()>
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
        </ScrollFrame>
    }
    .into_any()
}

/// One field of a kept copy: its label, the language of its text (if one), and the text.
pub struct CopyLine {
    pub label: String,
    pub lang: Option<&'static str>,
    pub text: String,
}

impl CopyLine {
    pub fn new(label: &str, lang: Option<&'static str>, text: &str) -> CopyLine {
        CopyLine {
            label: label.to_string(),
            lang,
            text: text.to_string(),
        }
    }

    /// What every item has: its titles, address and summaries, each `(Swedish, English)`.
    pub fn heads(
        lang: Lang,
        titles: (&str, &str),
        slug: &str,
        summaries: (&str, &str),
    ) -> Vec<CopyLine> {
        let p = lang.p();
        vec![
            CopyLine::new(p.title_sv, Some("sv"), titles.0),
            CopyLine::new(p.title_en, Some("en"), titles.1),
            CopyLine::new(p.slug, None, slug),
            CopyLine::new(p.summary_sv, Some("sv"), summaries.0),
            CopyLine::new(p.summary_en, Some("en"), summaries.1),
        ]
    }
}

/// The editor's form attributes for a kept copy: the notice inside a form that starts from the
/// reader's refused text, and `data-restore="off"` while the copy is shown beside a form that
/// shows what is saved, so that the browser's script does not put what was typed back over it
/// (`boot.js`): the copy shows that.
pub fn kept_notice<F>(
    kept: &Option<KeptForm<F>>,
    lang: Lang,
) -> (Option<String>, Option<&'static str>) {
    match kept {
        Some(k) if k.in_form => (Some(fill(lang.p().kept_in_form, &[&at(lang, &k.at)])), None),
        Some(_) => (None, Some("off")),
        None => (None, None),
    }
}

/// The reader's text in a news or event editor (`kind`, item `id`) that a save refused and that
/// the form does not show: the fields written, why it was not saved, and a plain button that
/// discards it; after that, the status that says so.
#[component]
pub fn KeptCopy<F: 'static>(
    kind: &'static str,
    id: i32,
    kept: Option<KeptForm<F>>,
    /// The copy's fields, from `kept.form`; empty ones are left out.
    lines: Vec<CopyLine>,
    lang: Lang,
) -> impl IntoView {
    let p = lang.p();
    let discard = ServerAction::<DiscardUnsavedItem>::new();
    let copy = kept.filter(|k| !k.in_form).map(|k| {
        view! {
            <section aria-labelledby="kept-item-heading">
                <h2 id="kept-item-heading">{p.kept_title}</h2>
                <p>{fill(p.kept_intro, &[&at(lang, &k.at), &UNSAVED_DAYS.to_string()])}</p>
                <p class="notice">{p.kept_reasons[k.reason.index()]}</p>
                <dl class="kept-sheet">
                    {lines.into_iter().filter(|l| !l.text.trim().is_empty()).map(|l| view! {
                        <dt>{l.label}</dt>
                        <dd><p class="note-body" lang=l.lang>{l.text}</p></dd>
                    }).collect_view()}
                </dl>
                <DiscardForm action=discard label=p.kept_discard lang>
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="id" value=id.to_string()/>
                </DiscardForm>
            </section>
        }
    });
    view! {
        {move || form_done(discard).get().then(|| view! { <p class="notice success" role="status">{p.kept_discarded}</p> })}
        {copy}
    }
}
