//! The organiser's messages to groups of a round's people (`/admin/competitions/<year>/messages`,
//! `/admin/europe/<year>/messages`, `/admin/rounds/<country>/<year>/messages`): write one to a
//! group, now or at a set time, and see those sent and scheduled. Plain forms: it works the
//! same without JavaScript. A refused message comes back in the form, kept for its writer.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::messages::{
    CancelGroupMessage, DiscardUnsavedMessage, SendGroupMessage, get_group_messages,
};
use crate::components::entry_fields::{LineField, SectionField};
use crate::components::form::{
    DiscardForm, FormError, RoundFields, field_problem, form_done, form_error,
};
use crate::components::{current_lang, data::load, page_meta::WidePage, round_param};
use crate::i18n::{Lang, entries::fill};
use crate::model::{KeptMessage, MessageRow, MessagesView, RoundRef, Segment};

fn segment_name(lang: Lang, s: Segment) -> &'static str {
    let m = lang.messages();
    match s {
        Segment::Applicants => m.applicants,
        Segment::Drafts => m.drafts,
        Segment::Submitted => m.submitted,
        Segment::Jurors => m.jurors,
        Segment::UnfinishedJurors => m.unfinished_jurors,
    }
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    let lang = current_lang();
    let m = lang.messages();
    let round = round_param();
    let r = round();
    let send = ServerAction::<SendGroupMessage>::new();
    let cancel = ServerAction::<CancelGroupMessage>::new();
    let title = fill(m.title, &[&r.year.to_string()]);
    view! {
        <WidePage title description=m.intro intro=m.intro back=(lang.href(&r.admin_path("")), m.back)>
            {load(
                move || (round(), send.version().get(), cancel.version().get()),
                |(r, ..)| get_group_messages(r.year, r.europe_arg(), r.country_arg()),
                move |v: MessagesView| view! { <Messages v r lang send cancel/> },
            )}
        </WidePage>
    }
}

#[component]
fn Messages(
    v: MessagesView,
    r: RoundRef,
    lang: Lang,
    send: ServerAction<SendGroupMessage>,
    cancel: ServerAction<CancelGroupMessage>,
) -> impl IntoView {
    let m = lang.messages();
    let error = form_error(send);
    let segment_problem = field_problem(error, "segment");
    // The form starts from the reader's refused message, if one is kept.
    let start = v.kept.as_ref().map(|k| k.sent.clone()).unwrap_or_default();
    view! {
        <section aria-labelledby="message-new-heading">
            <h2 id="message-new-heading">{m.new_heading}</h2>
            {v.kept.clone().map(|k| view! { <KeptNotice k r lang/> })}
            <ActionForm action=send>
                <FormError error lang/>
                <p role="status">{move || form_done(send).get().then_some(m.done)}</p>
                <input type="hidden" name="year" value=v.year.to_string()/>
                <RoundFields r/>
                <div class="field" class:has-error=move || segment_problem.get().is_some()>
                    <label for="message-segment">{m.segment}" *"</label>
                    <select id="message-segment" name="segment" required=true
                        aria-invalid=move || segment_problem.get().map(|_| "true")
                        aria-describedby=move || segment_problem.get().map(|_| "message-segment-error")>
                        <option value="">"–"</option>
                        {v.segments.iter().map(|s| view! {
                            <option value=s.segment.code() selected=start.segment == s.segment.code()>
                                {format!("{} ({})", segment_name(lang, s.segment), fill(m.people, &[&s.people.to_string()]))}
                            </option>
                        }).collect_view()}
                    </select>
                    {move || segment_problem.get().map(|p| view! { <p class="field-error" id="message-segment-error">{p.message(lang)}</p> })}
                </div>
                <LineField name="subject_sv".to_string() key="subject_sv".to_string() label=m.subject_sv.to_string() value=start.subject_sv.clone() lang error required=true text_lang=Some("sv")/>
                <SectionField name="body_sv".into() key="body_sv".into() label=format!("{} *", m.body_sv) value=start.body_sv.clone() limit=None lang error text_lang=Some("sv")/>
                <LineField name="subject_en".to_string() key="subject_en".to_string() label=m.subject_en.to_string() value=start.subject_en.clone() lang error hint=m.english_hint text_lang=Some("en")/>
                <SectionField name="body_en".into() key="body_en".into() label=m.body_en value=start.body_en.clone() limit=None lang error text_lang=Some("en")/>
                <LineField name="send_at".to_string() key="send_at".to_string() label=m.send_at.to_string() value=start.send_at.clone() lang error kind="datetime-local" hint=m.send_at_hint/>
                <button type="submit" class="button">{m.send}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="messages-heading">
            <h2 id="messages-heading">{m.list_heading}</h2>
            {move || form_done(cancel).get().then(|| view! { <p class="notice" role="status">{m.cancelled}</p> })}
            <FormError error=form_error(cancel) lang/>
            {if v.messages.is_empty() {
                view! { <p>{m.none}</p> }.into_any()
            } else {
                view! { <MessageTable rows=v.messages.clone() lang cancel/> }.into_any()
            }}
        </section>
    }
}

/// The reader's refused message is in the form below: when it was sent, and a plain form that
/// clears it.
#[component]
fn KeptNotice(k: KeptMessage, r: RoundRef, lang: Lang) -> impl IntoView {
    let m = lang.messages();
    let discard = ServerAction::<DiscardUnsavedMessage>::new();
    view! {
        <p class="notice">{fill(m.kept_in_form, &[&lang.date_time(&k.at.date, &k.at.time)])}</p>
        <DiscardForm action=discard label=m.kept_discard lang>
            <input type="hidden" name="year" value=r.year.to_string()/>
            <RoundFields r/>
        </DiscardForm>
    }
}

#[component]
fn MessageTable(
    rows: Vec<MessageRow>,
    lang: Lang,
    cancel: ServerAction<CancelGroupMessage>,
) -> impl IntoView {
    let m = lang.messages();
    view! {
        <table class="messages">
            <thead>
                <tr>
                    <th scope="col">{m.col_subject}</th>
                    <th scope="col">{m.segment}</th>
                    <th scope="col">{m.col_when}</th>
                    <th scope="col">{m.col_recipients}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let at = lang.date_time(&row.at.date, &row.at.time);
                    let subject = row.subject.clone();
                    view! {
                        <tr>
                            <th scope="row">{row.subject.clone()}</th>
                            <td>{segment_name(lang, row.segment)}</td>
                            <td>{if row.sent { fill(m.sent_at, &[&at]) } else { fill(m.scheduled_for, &[&at]) }}</td>
                            <td>
                                {row.recipients.map(|n| n.to_string())}
                                {(!row.sent).then(|| view! {
                                    <ActionForm action=cancel>
                                        <input type="hidden" name="id" value=row.id.to_string()/>
                                        <button type="submit" class="button secondary" aria-label=fill(m.cancel_named, &[&subject])>{m.cancel}</button>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
