//! The preview with submission, the version history and one submitted version.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::entries::{SubmitEntry, WithdrawEntry, get_entry_version};
use crate::components::form::{form_done, form_error};
use crate::components::{
    current_lang,
    data::load_page,
    entry_document::{EntryDocument, EntryStatusBanner},
    form::{FormError, either_error, url_error},
    number_param,
    page_meta::PageMeta,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{EntryStatus, EntryView, SECTIONS, VersionView};

use super::*;

#[component]
pub fn EntryPreviewPage() -> impl IntoView {
    let lang = current_lang();
    let submit = ServerAction::<SubmitEntry>::new();
    let withdraw = ServerAction::<WithdrawEntry>::new();
    let id = entry_id();
    load_page(
        move || (id(), submit.version().get(), withdraw.version().get()),
        |(id, _, _)| entry_or_not_found(id),
        move |v: EntryView| view! { <EntryPreview v lang submit withdraw/> },
    )
}

#[component]
fn EntryPreview(
    v: EntryView,
    lang: Lang,
    submit: ServerAction<SubmitEntry>,
    withdraw: ServerAction<WithdrawEntry>,
) -> impl IntoView {
    let e = lang.e();
    let id = v.id;
    let submit_error = either_error(form_error(submit), url_error("submit_entry"));
    let withdraw_error = either_error(form_error(withdraw), url_error("withdraw_entry"));
    let taking_part = v.status == EntryStatus::Submitted;
    let can_submit = v.editable && v.problems.is_empty() && (!taking_part || v.unsubmitted_changes);
    let submit_label = if v.versions.is_empty() {
        e.submit
    } else {
        e.resubmit
    };
    let field_label = move |field: &str| -> String {
        let key = field.split('.').next().unwrap_or(field);
        let t = lang.e();
        let label = match key {
            "title" => t.field_title,
            "organisation_display" => t.field_organisation_display,
            "start_date" => t.field_start_date,
            "end_date" => t.field_end_date,
            "video_url" => t.field_video_url,
            "contacts" => t.part_contacts,
            "links" => t.part_links,
            "public_summary_sv" => t.field_summary_sv,
            "public_summary_en" => t.field_summary_en,
            "checklist" => t.part_checklist,
            k => SECTIONS
                .iter()
                .position(|s| *s == k)
                .map(|i| t.sections[i])
                .unwrap_or(t.edit_title),
        };
        match field
            .split('.')
            .nth(1)
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(n) if key == "contacts" => {
                format!("{} – {}", label, fill(t.contact_n, &[&(n + 1).to_string()]))
            }
            Some(n) if key == "links" => {
                format!("{} – {}", label, fill(t.link_n, &[&(n + 1).to_string()]))
            }
            _ => label.to_string(),
        }
    };
    let anchor = |field: &str| format!("#entry-{}", field.replace('.', "-"));
    let title = title_or_untitled(&v.draft.title, lang);
    view! {
        <PageMeta title=format!("{} – {}", e.preview_title, title) description=e.preview_intro/>
        <div class="wrap narrow entry-page">
            <p class="eyebrow"><a href=lang.href(&format!("/entries/{id}"))>{e.back_to_edit}</a></p>
            <h1>{e.preview_title}</h1>
            <p>{e.preview_intro}</p>
            <EntryStatusBanner v=v.clone() lang/>
            {move || form_done(submit).get().then(|| view! {
                <p class="notice success" role="status">{e.submitted_receipt}</p>
            })}
            {move || form_done(withdraw).get().then(|| view! {
                <p class="notice" role="status">{e.withdrawn_done}</p>
            })}
            {(v.editable && !v.problems.is_empty()).then(|| view! {
                <section class="problems" aria-labelledby="problems-heading">
                    <h2 id="problems-heading">{e.missing_before_submit}</h2>
                    <ul>
                        {v.problems.iter().map(|p| view! {
                            <li><a href=format!("{}{}", lang.href(&format!("/entries/{id}")), anchor(&p.field))>
                                {field_label(&p.field)}": "{p.problem.message(lang)}
                            </a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {can_submit.then(|| view! {
                <section class="submit-box" aria-labelledby="submit-heading">
                    <h2 id="submit-heading">{e.ready_to_submit}</h2>
                    <ActionForm action=submit>
                        <FormError error=submit_error lang/>
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="revision" value=v.revision.to_string()/>
                        <button type="submit" class="button" disabled=move || submit.pending().get()>{submit_label}</button>
                    </ActionForm>
                </section>
            })}
            <EntryDocument draft=v.draft.clone() limits=v.limits.clone() lang attachments=v.attachments.clone()/>
            {(v.editable && taking_part).then(|| view! {
                <section class="withdraw-box" aria-labelledby="withdraw-heading">
                    <h2 id="withdraw-heading">{e.withdraw}</h2>
                    <p id="withdraw-hint">{e.withdraw_hint}</p>
                    <ActionForm action=withdraw>
                        <FormError error=withdraw_error lang/>
                        <input type="hidden" name="id" value=id.to_string()/>
                        <button type="submit" class="button secondary" aria-describedby="withdraw-hint">{e.withdraw}</button>
                    </ActionForm>
                </section>
            })}
        </div>
    }
}

#[component]
pub fn EntryHistoryPage() -> impl IntoView {
    let lang = current_lang();
    load_page(
        entry_id(),
        entry_or_not_found,
        move |v: EntryView| view! { <EntryHistory v lang/> },
    )
}

#[component]
fn EntryHistory(v: EntryView, lang: Lang) -> impl IntoView {
    let e = lang.e();
    let id = v.id;
    view! {
        <PageMeta title=format!("{} – {}", e.history_title, v.reference) description=e.history_title/>
        <div class="wrap narrow">
            <p class="eyebrow"><a href=lang.href(&format!("/entries/{id}"))>{e.back_to_edit}</a></p>
            <h1>{e.history_title}</h1>
            <EntryStatusBanner v=v.clone() lang/>
            {if v.versions.is_empty() {
                view! { <p>{e.no_versions}</p> }.into_any()
            } else {
                view! {
                    <ol class="versions" reversed>
                        {v.versions.iter().map(|line| {
                            let s = &line.summary;
                            view! {
                                <li value=s.number>
                                    <a href=lang.href(&format!("/entries/{id}/versions/{}", s.number))>{fill(e.version_n, &[&s.number.to_string()])}</a>
                                    " – "{fill(e.submitted_by, &[&lang.date_time(&s.submitted.date, &s.submitted.time), &s.submitted_by])}
                                    <VersionChanges changed=line.changed.clone() lang/>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </div>
    }
}

/// What a version changed from the one before it; nothing for the first.
#[component]
fn VersionChanges(changed: Option<Vec<String>>, lang: Lang) -> impl IntoView {
    lang.version_changes(changed.as_deref())
        .map(|text| view! { <p class="meta">{text}</p> })
}

#[component]
pub fn EntryVersionPage() -> impl IntoView {
    let lang = current_lang();
    let (id, number) = (number_param("id"), number_param("number"));
    let key = move || (id(), number());
    load_page(
        key,
        |(id, number)| async move {
            match (id, number) {
                (Some(id), Some(n)) => get_entry_version(id, n).await.map(|v| (id, v)),
                _ => Err(AppError::NotFound),
            }
        },
        move |(id, v): (i32, VersionView)| {
            let e = lang.e();
            let heading = fill(e.version_n, &[&v.summary.number.to_string()]);
            view! {
                <PageMeta title=heading.clone() description=e.history_title/>
                <div class="wrap narrow">
                    <p class="eyebrow"><a href=lang.href(&format!("/entries/{id}/history"))>{e.history_title}</a></p>
                    <h1>{heading}</h1>
                    <p>{fill(e.submitted_by, &[&lang.date_time(&v.summary.submitted.date, &v.summary.submitted.time), &v.summary.submitted_by])}</p>
                    <VersionChanges changed=v.changed lang/>
                    <EntryDocument draft=v.draft limits=Default::default() lang attachment_names=v.attachments/>
                </div>
            }
        },
    )
}
