//! An entry shown read-only: the preview before submitting, a submitted version, and the
//! entry after the deadline. Its parts' headings have fixed ids (`entry-part-<part>`), so a page
//! shows one entry and may link to its parts.
use leptos::prelude::*;

use super::lists::date_time;
use crate::i18n::{Lang, entries::fill};
use crate::model::{
    AttachmentView, CHECKLIST, ENGLISH_PARTS, EnglishText, EntryDraft, EntryStatus, EntryView,
    SECTIONS, WordLimits, word_count,
};

/// An attachment's download; an anonymised one is named in the page's language.
fn attachment_href(id: i32, anonymous: bool, lang: Lang) -> String {
    match (anonymous, lang) {
        (true, Lang::En) => format!("/attachments/{id}?lang=en"),
        _ => format!("/attachments/{id}"),
    }
}

/// Text with its paragraphs kept.
fn paragraphs(text: &str) -> impl IntoView + use<> {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view()
}

#[component]
pub fn EntryDocument(
    draft: EntryDraft,
    limits: WordLimits,
    lang: Lang,
    /// Names of attached files, or the files themselves with download links.
    #[prop(optional)]
    attachments: Vec<AttachmentView>,
    #[prop(optional)] attachment_names: Vec<String>,
    /// For a juror of an anonymised round: the organisation and contacts say they are hidden,
    /// and the attachments' names (`2.pdf`) are read as "Bilaga 2.pdf".
    #[prop(optional)]
    anonymous: bool,
) -> impl IntoView {
    let e = lang.e();
    let d = draft;
    let yes_no = |b: bool| if b { e.yes } else { e.no };
    let dates = if d.ongoing {
        format!(
            "{} – ({})",
            lang.or_not_given(&d.start_date),
            e.field_ongoing
        )
    } else {
        format!(
            "{} – {}",
            lang.or_not_given(&d.start_date),
            lang.or_not_given(&d.end_date)
        )
    };
    view! {
        <article class="entry-document">
            <h2 lang="sv">{lang.or_not_given(&d.title)}</h2>
            <dl class="facts">
                <dt>{e.field_organisation_display}</dt>
                <dd>{if anonymous { e.anonymous_hidden.to_string() } else { lang.or_not_given(&d.organisation_display) }}</dd>
                <dt>{e.field_competing}</dt>
                <dd>{yes_no(d.competing)}</dd>
                <dt>{e.field_start_date}" – "{e.field_end_date}</dt>
                <dd>{dates}</dd>
                <dt>{e.field_video_url}</dt>
                <dd>{lang.or_not_given(&d.video_url)}</dd>
            </dl>
            <h3 id="entry-part-contacts">{e.part_contacts}</h3>
            {if anonymous {
                view! { <p>{e.anonymous_hidden}</p> }.into_any()
            } else if d.contacts.is_empty() {
                view! { <p>{e.not_given}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {d.contacts.iter().map(|c| view! {
                            <li>{c.name.clone()}{(!c.role.is_empty()).then(|| format!(", {}", c.role))}
                                " – "{c.email.clone()}{(!c.phone.is_empty()).then(|| format!(", {}", c.phone))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3 id="entry-part-links">{e.part_links}</h3>
            {if d.links.is_empty() {
                view! { <p>{e.not_given}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {d.links.iter().map(|l| view! { <li>{l.label.clone()}" – "<span class="url">{l.url.clone()}</span></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {SECTIONS.iter().enumerate().map(|(i, key)| {
                let text = d.section(key).to_string();
                let count = word_count(&text);
                let limit = limits.get(key);
                view! {
                    <section class="entry-section">
                        <h3 id=format!("entry-part-{key}")>{e.sections[i]}</h3>
                        <p class="word-count">{match limit {
                            Some(max) => fill(e.words_of, &[&count.to_string(), &max.to_string()]),
                            None => count.to_string(),
                        }}</p>
                        {if text.trim().is_empty() {
                            view! { <p class="missing">{e.not_given}</p> }.into_any()
                        } else {
                            paragraphs(&text).into_any()
                        }}
                    </section>
                }
            }).collect_view()}
            <EnglishDocument text=d.english.clone() lang/>
            <h3 id="entry-part-publication">{e.part_publication}</h3>
            <dl class="facts">
                <dt>{e.field_summary_sv}</dt>
                <dd lang="sv">{lang.or_not_given(&d.public_summary_sv)}</dd>
                <dt>{e.field_summary_en}</dt>
                <dd lang="en">{lang.or_not_given(&d.public_summary_en)}</dd>
                <dt>{e.field_consent}</dt>
                <dd>{yes_no(d.publication_consent)}</dd>
            </dl>
            <h3 id="entry-part-checklist">{e.part_checklist}</h3>
            <ul class="checklist">
                {CHECKLIST.iter().enumerate().map(|(i, key)| {
                    let done = d.checklist.iter().any(|c| c == key);
                    view! { <li>{if done { "✓ " } else { "✗ " }}{e.checklist[i]}" ("{yes_no(done)}")"</li> }
                }).collect_view()}
            </ul>
            <h3 id="entry-part-attachments">{e.part_attachments}" "<span class="badge supporting">{e.supporting}</span></h3>
            {if attachments.is_empty() && attachment_names.is_empty() {
                view! { <p>{e.no_attachments}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {attachments.into_iter().map(|a| view! {
                            <li><a href=attachment_href(a.id, anonymous, lang)>{if anonymous { fill(e.attachment_numbered, &[&a.file_name]) } else { a.file_name }}</a></li>
                        }).collect_view()}
                        {attachment_names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </article>
    }
}

/// Whether the English text is complete, or what it still lacks: its class and its sentence.
pub fn english_status(text: &EnglishText, lang: Lang) -> (&'static str, String) {
    let class = if text.is_complete() {
        "english-status"
    } else {
        "english-status missing-marker"
    };
    (class, lang.english_status(text))
}

/// What of the entry's text is still missing in English, then each part that is written.
#[component]
pub fn EnglishDocument(text: EnglishText, lang: Lang) -> impl IntoView {
    let d = lang.d();
    let (class, status) = english_status(&text, lang);
    view! {
        <section class="entry-english" aria-labelledby="entry-english-heading">
            <h3 id="entry-english-heading">{d.part_english}</h3>
            <p class=class>{status}</p>
            {ENGLISH_PARTS.into_iter().filter(|k| !text.part(k).trim().is_empty()).map(|k| view! {
                <h4>{lang.part_name(k)}</h4>
                <div lang="en">{paragraphs(text.part(k))}</div>
            }).collect_view()}
        </section>
    }
}

/// Where the entry stands: draft, submitted (with time), withdrawn, screened.
#[component]
pub fn EntryStatusBanner(v: EntryView, lang: Lang) -> impl IntoView {
    let e = lang.e();
    let (class, text) = match (&v.status, &v.submitted) {
        (EntryStatus::Draft, _) => ("status-banner draft", e.not_submitted.to_string()),
        (EntryStatus::Submitted, Some(at)) => (
            "status-banner submitted",
            fill(e.submitted_at, &[&lang.date_time(&at.date, &at.time)]),
        ),
        (EntryStatus::Submitted, None) => ("status-banner submitted", e.statuses[1].to_string()),
        (EntryStatus::Withdrawn, _) => ("status-banner withdrawn", e.withdrawn_note.to_string()),
        (EntryStatus::Eligible, _) => ("status-banner submitted", e.eligible_note.to_string()),
        (EntryStatus::Ineligible, _) => (
            "status-banner withdrawn",
            format!(
                "{} {}",
                e.ineligible_note,
                v.screening_reason.clone().unwrap_or_default()
            ),
        ),
    };
    view! {
        <div class=class>
            <p class="status-line"><strong>{text}</strong></p>
            {v.unsubmitted_changes.then(|| view! { <p>{e.unsubmitted_changes}</p> })}
            <p class="meta">
                {e.reference}": "<strong>{v.reference.clone()}</strong>
                {v.deadline.as_ref().map(|d| view! { " · "{e.deadline}": "{date_time(d, lang)} })}
            </p>
            {v.deadline
                .as_ref()
                .is_some_and(|d| d.unix <= v.now)
                .then(|| view! { <p>{e.read_only}</p> })}
            {v.feedback.then(|| view! {
                <p><a href=lang.href(&format!("/entries/{}/feedback", v.id))>{lang.feedback().read_link}</a></p>
            })}
        </div>
    }
}
