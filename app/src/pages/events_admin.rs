//! The organiser's events: the list, and the editor with time, place, links, speakers and a
//! Markdown description with its live preview, and beside it the reader's text that a save
//! refused, when the editor shows what is saved instead.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::publication::{SaveEvent, get_event_edit, get_events_admin};
use crate::components::publishing_fields::{
    CopyLine, ItemRow, ItemTable, KeptCopy, MarkdownField, YearSelect, kept_notice, status_text,
};
use crate::components::{
    current_lang,
    data::load,
    entry_fields::{CheckField, GroupError, LineField, SectionField},
    form::{FormError, url_error},
    number_param,
    page_meta::WidePage,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{EventAdminRow, EventEditView, NewsStatus, SpeakerForm};

#[component]
pub fn EventsAdminPage() -> impl IntoView {
    let lang = current_lang();
    let ev = lang.ev();
    view! {
        <WidePage title=ev.admin_title description=ev.admin_intro intro=ev.admin_intro>
            <p><a class="button" href=lang.href("/admin/events/new")>{ev.new_event}</a></p>
            {load(|| (), |_| get_events_admin(), move |rows: Vec<EventAdminRow>| {
                let rows = rows.into_iter().map(|r| ItemRow {
                    href: lang.href(&format!("/admin/events/{}", r.id)),
                    title: r.title,
                    detail: lang.date_time(&r.starts.date, &r.starts.time),
                    status: r.status,
                }).collect();
                view! { <ItemTable rows lang label=ev.admin_title detail=ev.col_starts empty=ev.no_events/> }
            })}
        </WidePage>
    }
}

#[component]
pub fn EventEditPage() -> impl IntoView {
    let lang = current_lang();
    let ev = lang.ev();
    let id_param = number_param("id");
    let id = move || id_param().unwrap_or(0);
    let title = move || {
        if id() == 0 {
            ev.new_event
        } else {
            ev.edit_event
        }
    };
    view! {
        <WidePage title=title() description=ev.admin_intro back=(lang.href("/admin/events"), ev.admin_title)>
            {load(id, get_event_edit, move |v: EventEditView| view! { <EventEditor v lang/> })}
        </WidePage>
    }
}

#[component]
fn EventEditor(v: EventEditView, lang: Lang) -> impl IntoView {
    let p = lang.p();
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let public_slug = matches!(v.status, NewsStatus::Published(_)).then(|| v.form.slug.clone());
    view! {
        <p role="status">{move || saved().then_some(p.saved)}" "{status_text(lang, &v.status)}</p>
        {public_slug.map(|slug| view! { <p><a href=lang.href(&format!("/events/{slug}"))>{p.view_public}</a></p> })}
        <EventForm v=v.clone() lang returned_error=url_error("save_event").get_untracked()/>
        <KeptCopy kind="event" id=v.id kept=v.kept.clone() lines=copy_lines(&v, lang) lang/>
    }
}

/// The fields of the reader's kept text, for its copy beside the form.
fn copy_lines(v: &EventEditView, lang: Lang) -> Vec<CopyLine> {
    let ev = lang.ev();
    let Some(f) = v.kept.as_ref().map(|k| &k.form) else {
        return Vec::new();
    };
    let titles = (f.title_sv.as_str(), f.title_en.as_str());
    let mut lines = CopyLine::heads(lang, titles, &f.slug, (&f.summary_sv, &f.summary_en));
    lines.extend([
        CopyLine::new(ev.starts_at, None, &f.starts_at),
        CopyLine::new(ev.ends_at, None, &f.ends_at),
        CopyLine::new(ev.place, None, &f.place),
        CopyLine::new(ev.registration_url, None, &f.registration_url),
        CopyLine::new(ev.video_url, None, &f.video_url),
        CopyLine::new(ev.description_sv, Some("sv"), &f.body_sv),
        CopyLine::new(ev.description_en, Some("en"), &f.body_en),
    ]);
    lines.extend(f.speakers.iter().enumerate().map(|(i, s)| {
        let parts = [&s.name, &s.role_sv, &s.role_en, &s.organisation];
        let text: Vec<&str> = parts
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect();
        CopyLine::new(
            &fill(ev.speaker_n, &[&(i + 1).to_string()]),
            None,
            &text.join(", "),
        )
    }));
    lines
}

/// The event editor's form: a plain form with the live previews as islands; a refused save
/// keeps everything typed with the errors at their fields. It sends the revision it was opened
/// at, and starts from the reader's kept text where that belongs in it.
#[component]
fn EventForm(v: EventEditView, lang: Lang, returned_error: Option<AppError>) -> impl IntoView {
    let p = lang.p();
    let ev = lang.ev();
    let save = ServerAction::<SaveEvent>::new();
    let errors = Signal::derive(move || match save.value().get() {
        Some(r) => r.err(),
        None => returned_error.clone(),
    });
    let (notice, restore) = kept_notice(&v.kept, lang);
    let f = v.form;
    let publish = f.publish.clone();
    view! {
        <ActionForm action=save attr:class="news-form" attr:data-restore=restore>
            <FormError error=errors lang/>
            {notice.map(|n| view! { <p class="notice">{n}</p> })}
            <input type="hidden" name="id" value=v.id.to_string()/>
            <input type="hidden" name="revision" value=v.revision.to_string()/>
            <input type="hidden" name="lang" value=lang.code()/>
            <LineField name="event[title_sv]".to_string() key="title_sv".to_string() label=p.title_sv.to_string() value=f.title_sv.clone() lang error=errors required=true/>
            <LineField name="event[title_en]".to_string() key="title_en".to_string() label=p.title_en.to_string() value=f.title_en.clone() lang error=errors/>
            <LineField name="event[slug]".to_string() key="slug".to_string() label=p.slug.to_string() value=f.slug.clone() lang error=errors hint=p.slug_hint/>
            <YearSelect name="event[year]" years=v.years.clone() selected=f.year.clone() lang error=errors/>
            <SectionField name="event[summary_sv]".to_string() key="summary_sv".to_string() label=p.summary_sv value=f.summary_sv.clone() limit=None lang error=errors rows=3 required=true/>
            <SectionField name="event[summary_en]".to_string() key="summary_en".to_string() label=p.summary_en value=f.summary_en.clone() limit=None lang error=errors rows=3/>
            <LineField name="event[starts_at]".to_string() key="starts_at".to_string() label=ev.starts_at.to_string() value=f.starts_at.clone() lang error=errors kind="datetime-local" hint=ev.time_hint required=true/>
            <LineField name="event[ends_at]".to_string() key="ends_at".to_string() label=ev.ends_at.to_string() value=f.ends_at.clone() lang error=errors kind="datetime-local"/>
            <LineField name="event[place]".to_string() key="place".to_string() label=ev.place.to_string() value=f.place.clone() lang error=errors hint=ev.place_hint/>
            <CheckField name="event[online]".to_string() id="event-online".to_string() label=ev.online_label checked=f.online.is_some() value="on"/>
            <LineField name="event[registration_url]".to_string() key="registration_url".to_string() label=ev.registration_url.to_string() value=f.registration_url.clone() lang error=errors kind="url" hint=ev.url_hint/>
            <LineField name="event[video_url]".to_string() key="video_url".to_string() label=ev.video_url.to_string() value=f.video_url.clone() lang error=errors kind="url" hint=ev.url_hint/>
            <MarkdownField name="event[body_sv]".to_string() key="body_sv".to_string() label=ev.description_sv.to_string() preview_label=p.preview_sv.to_string() value=f.body_sv.clone() preview=v.preview_sv.clone() lang error=errors.get_untracked() required=false/>
            <MarkdownField name="event[body_en]".to_string() key="body_en".to_string() label=ev.description_en.to_string() preview_label=p.preview_en.to_string() value=f.body_en.clone() preview=v.preview_en.clone() lang error=errors.get_untracked() required=false/>
            <fieldset id="entry-speakers" aria-describedby="speakers-hint">
                <legend>{ev.speakers_legend}</legend>
                <p class="hint" id="speakers-hint">{ev.speakers_hint}</p>
                <GroupError key="speakers" lang error=errors/>
                {f.speakers.iter().cloned().enumerate().map(|(i, s)| view! { <SpeakerRow i s lang errors/> }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{p.publishing}</legend>
                <div class="check"><input type="radio" id="publish-draft" name="event[publish]" value="draft" checked=publish == "draft"/><label for="publish-draft">{p.publish_draft}</label></div>
                <div class="check"><input type="radio" id="publish-now" name="event[publish]" value="now" checked=publish == "now"/><label for="publish-now">{p.publish_immediately}</label></div>
                <div class="check"><input type="radio" id="publish-schedule" name="event[publish]" value="schedule" checked=publish == "schedule"/><label for="publish-schedule">{p.publish_scheduled}</label></div>
                <LineField name="event[publish_at]".to_string() key="publish_at".to_string() label=p.publish_time.to_string() value=f.publish_at.clone() lang error=errors kind="datetime-local"/>
            </fieldset>
            <button type="submit" class="button">{ev.save_event}</button>
        </ActionForm>
    }
}

#[component]
fn SpeakerRow(
    i: usize,
    s: SpeakerForm,
    lang: Lang,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let ev = lang.ev();
    let name = move |field: &str| format!("event[speakers][{i}][{field}]");
    let key = move |field: &str| format!("speakers.{i}.{field}");
    let heading_id = format!("speaker-{i}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <div class="contact-row" role="group" aria-labelledby=labelled_by>
            <h3 id=heading_id>{fill(ev.speaker_n, &[&(i + 1).to_string()])}</h3>
            <LineField name=name("name") key=key("name") label=ev.speaker_name.into() value=s.name lang error=errors autocomplete="name"/>
            <LineField name=name("role_sv") key=key("role_sv") label=ev.speaker_role_sv.into() value=s.role_sv lang error=errors/>
            <LineField name=name("role_en") key=key("role_en") label=ev.speaker_role_en.into() value=s.role_en lang error=errors/>
            <LineField name=name("organisation") key=key("organisation") label=ev.speaker_organisation.into() value=s.organisation lang error=errors/>
            <CheckField name=name("moderator") id=format!("speaker-{i}-moderator") label=ev.speaker_moderator checked=s.moderator.is_some() value="on"/>
        </div>
    }
}
