//! The entry form: its page, the save indicator, the form island with its contact and link
//! rows.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{
    autosave::{Autosave, SaveBar, SaveRequest, SaveState},
    current_lang,
    data::load_page,
    entry_document::{EntryDocument, EntryStatusBanner},
    entry_fields::{CheckField, EnglishFields, GroupError, LineField, SectionField},
    form::{FormError, KeptNotice, KeptWords, url_error},
    page_meta::PageMeta,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{
    CHECKLIST, Contact, EntryDraft, EntryView, Link, MAX_CONTACTS, MAX_LINKS, SECTIONS,
    SUMMARY_KEY, WordLimits,
};

use super::attachments::AttachmentsSection;
use super::*;

#[component]
pub fn EntryEditPage() -> impl IntoView {
    let lang = current_lang();
    load_page(
        entry_id(),
        entry_or_not_found,
        move |v: EntryView| view! { <EntryEditor v lang/> },
    )
}

#[component]
fn EntryEditor(v: EntryView, lang: Lang) -> impl IntoView {
    let e = lang.e();
    let title = title_or_untitled(&v.draft.title, lang);
    let id = v.id;
    view! {
        <PageMeta title=format!("{} – {}", e.edit_title, title) description=e.my_entries_intro/>
        <div class="wrap narrow entry-page">
            <p class="eyebrow"><a href=lang.href("/entries")>{e.back_to_list}</a></p>
            <h1 lang=if v.english { "en" } else { "sv" }>{title}</h1>
            <EntryStatusBanner v=v.clone() lang/>
            <nav class="entry-steps" aria-label=e.edit_title>
                <a href=lang.href(&format!("/entries/{id}/preview"))>{e.to_preview}</a>
                " · "
                <a href=lang.href(&format!("/entries/{id}/history"))>{e.to_history}</a>
                " · "
                <a href=lang.href(&format!("/entries/{id}/reading-copy.pdf"))>{lang.d().copy_link}</a>
                " · "
                <a href=lang.href("/privacy")>{lang.t().privacy_note}</a>
            </nav>
            <KeptNotice
                sent=v.unsaved.clone().map(|k| (k.at, k.in_form.is_some()))
                href=format!("/entries/{id}/unsaved")
                words=KeptWords { in_form: e.unsaved_in_form, elsewhere: e.unsaved_notice, link: e.unsaved_link }
                lang
            />
            {v.anonymous_review.then(|| view! { <p class="notice">{e.anonymous_notice}</p> })}
            {if v.editable {
                // Islands: the form (autosave, rows, counts) and the attachments (upload with
                // progress). What a plain form post brought back in the URL is read here.
                let upload_returned = use_query_map().read_untracked().get("upload");
                let kept_in_form = v.unsaved.clone().and_then(|k| k.in_form);
                view! {
                    <EntryForm
                        id
                        revision=v.revision
                        saved_at=v.updated.time.clone()
                        refused=kept_in_form.is_some()
                        draft=kept_in_form.unwrap_or_else(|| v.draft.clone())
                        limits=v.limits.clone()
                        english=v.english
                        lang
                        returned_error=url_error("save_entry").get_untracked()
                    />
                    <AttachmentsSection id lang initial=v.attachments.clone() returned=upload_returned/>
                }.into_any()
            } else {
                let attachments = v.attachments.clone();
                view! { <EntryDocument draft=v.draft limits=v.limits lang attachments/> }.into_any()
            }}
        </div>
    }
}

/// How the entry form saves: `save_entry` with the draft; the "preview" button then opens
/// the preview.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct EntrySave {
    id: i32,
    lang: Lang,
}

impl SaveRequest for EntrySave {
    #[cfg(feature = "hydrate")]
    fn send(
        self,
        data: web_sys::FormData,
        revision: i32,
        _button: Option<String>,
    ) -> impl Future<Output = Result<crate::model::Saved, AppError>> + 'static {
        use crate::api::entries::{SaveEntry, save_entry};
        use leptos::form::FromFormData;
        let args = SaveEntry::from_form_data(&data).map_err(|_| AppError::Invalid(vec![]));
        async move { save_entry(self.id, revision, args?.draft, None, None).await }
    }

    #[cfg(feature = "hydrate")]
    fn after_button(self, button: &str) {
        if button == "preview" {
            let url = self.lang.href(&format!("/entries/{}/preview", self.id));
            let _ = window().location().set_href(&url);
        }
    }
}

/// The entry form: saves itself a moment after each change, keeps contact and link rows, counts
/// words, warns before leaving unsaved text, and stops with a clear message when another tab
/// or colleague saved in between. Without scripts it is a plain form with "Save draft"; text a
/// save refused for what it said comes back in it, marked as not saved, until it is corrected.
#[island]
fn EntryForm(
    id: i32,
    revision: i32,
    /// `HH:MM` of the last save.
    saved_at: String,
    draft: EntryDraft,
    /// `draft` is text a save refused for what it said, not what is saved.
    refused: bool,
    limits: WordLimits,
    /// An entry of a round that works in English (the final, or another country's round): so
    /// without the English version, the Swedish summary and the Swedish round's checklist.
    english: bool,
    lang: Lang,
    /// The error a plain form post came back with.
    returned_error: Option<AppError>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let e = lang.e();
    let d = draft;
    let revision = RwSignal::new(revision);
    let state = RwSignal::new(if refused {
        SaveState::Invalid
    } else {
        SaveState::Saved(saved_at)
    });
    let save_error = RwSignal::new(None::<AppError>);
    let errors = Signal::derive(move || save_error.get().or_else(|| returned_error.clone()));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // Rows shown for contacts and links: the saved ones plus one empty row to fill in.
    let contacts = RwSignal::new(
        d.contacts
            .iter()
            .cloned()
            .chain(std::iter::once(Contact::default()))
            .take(MAX_CONTACTS)
            .enumerate()
            .collect::<Vec<_>>(),
    );
    let links = RwSignal::new(
        d.links
            .iter()
            .cloned()
            .chain(std::iter::once(Link::default()))
            .take(MAX_LINKS)
            .enumerate()
            .collect::<Vec<_>>(),
    );
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let autosave = Autosave::new(
        EntrySave { id, lang },
        form_ref,
        revision,
        state,
        save_error,
    );
    let on_change = move |_| autosave.changed();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let button = ev
                .submitter()
                .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
                .map(|b| b.value())
                .unwrap_or_default();
            autosave.send(Some(button));
        }
    };

    let limit = |key: &str| limits.get(key);
    let sections = SECTIONS
        .iter()
        .enumerate()
        .map(|(i, key)| {
            view! {
                <SectionField
                    name=format!("draft[{key}]")
                    key=key.to_string()
                    label=e.sections[i]
                    hint=e.section_hints[i]
                    value=d.section(key).to_string()
                    limit=limit(key)
                    lang
                    error=errors
                    rows=if i == 0 { 14 } else { 6 }
                    required=true
                    text_lang=english.then_some("en")
                />
            }
        })
        .collect_view();

    view! {
        <form
            id="entry-form"
            method="post"
            action="/api/save_entry"
            node_ref=form_ref
            on:input=on_change
            on:change=on_change
            on:submit=on_submit
            novalidate
        >
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="revision" value=move || revision.get().to_string()/>
            <input type="hidden" name="lang" value=lang.code()/>
            <FormError error=errors lang/>

            <fieldset>
                <legend>{e.part_project}</legend>
                <LineField name="draft[title]".to_string() key="title".to_string() label=e.field_title.into() value=d.title.clone() lang error=errors required=true text_lang=english.then_some("en")/>
                <LineField name="draft[organisation_display]".to_string() key="organisation_display".to_string() label=e.field_organisation_display.into() value=d.organisation_display.clone() lang error=errors hint=e.hint_organisation_display required=true autocomplete="organization"/>
                <CheckField name="draft[competing]".to_string() id="entry-competing".into() label=e.field_competing checked=d.competing hint=e.hint_competing/>
                <LineField name="draft[start_date]".to_string() key="start_date".to_string() label=e.field_start_date.into() value=d.start_date.clone() lang error=errors kind="date" required=true/>
                <CheckField name="draft[ongoing]".to_string() id="entry-ongoing".into() label=e.field_ongoing checked=d.ongoing/>
                <LineField name="draft[end_date]".to_string() key="end_date".to_string() label=e.field_end_date.into() value=d.end_date.clone() lang error=errors kind="date" hint=e.hint_end_date/>
            </fieldset>

            <fieldset id="entry-contacts" aria-describedby="entry-contacts-hint">
                <legend>{e.part_contacts}</legend>
                <p class="hint" id="entry-contacts-hint">{e.contacts_hint}</p>
                <GroupError key="contacts" lang error=errors/>
                <For each=move || contacts.get() key=|(k, _)| *k let:row>
                    <ContactRow index=row.0 contact=row.1 lang errors rows=contacts on_remove=move || autosave.changed()/>
                </For>
                {move || (hydrated.get() && contacts.read().len() < MAX_CONTACTS).then(|| view! {
                    <button type="button" class="button secondary" on:click=move |_| {
                        contacts.update(|rows| {
                            let next = rows.iter().map(|(k, _)| *k).max().map_or(0, |k| k + 1);
                            rows.push((next, Contact::default()));
                        });
                    }>{e.add_contact}</button>
                })}
            </fieldset>

            <fieldset id="entry-links">
                <legend>{e.part_links}</legend>
                <p class="hint">{e.links_hint}</p>
                <For each=move || links.get() key=|(k, _)| *k let:row>
                    <LinkRow index=row.0 link=row.1 lang errors rows=links on_remove=move || autosave.changed()/>
                </For>
                {move || (hydrated.get() && links.read().len() < MAX_LINKS).then(|| view! {
                    <button type="button" class="button secondary" on:click=move |_| {
                        links.update(|rows| {
                            let next = rows.iter().map(|(k, _)| *k).max().map_or(0, |k| k + 1);
                            rows.push((next, Link::default()));
                        });
                    }>{e.add_link}</button>
                })}
                <LineField name="draft[video_url]".to_string() key="video_url".to_string() label=e.field_video_url.into() value=d.video_url.clone() lang error=errors kind="url"/>
            </fieldset>

            <fieldset>
                <legend>{e.part_sections}</legend>
                {sections}
            </fieldset>

            {(!english).then(|| view! {
                <EnglishFields names="draft[english][{}]" text=d.english.clone() limits=limits.clone() lang error=errors/>
            })}

            <fieldset>
                <legend>{e.part_publication}</legend>
                {(!english).then(|| view! {
                    <SectionField name="draft[public_summary_sv]".to_string() key="public_summary_sv".to_string() label=e.field_summary_sv hint=e.hint_summary value=d.public_summary_sv.clone() limit=limit(SUMMARY_KEY) lang error=errors rows=4 required=true/>
                })}
                <SectionField name="draft[public_summary_en]".to_string() key="public_summary_en".to_string() label=e.field_summary_en value=d.public_summary_en.clone() limit=limit(SUMMARY_KEY) lang error=errors rows=4 required=english text_lang=Some("en")/>
                <CheckField name="draft[publication_consent]".to_string() id="entry-publication_consent".into() label=e.field_consent checked=d.publication_consent hint=e.hint_consent/>
            </fieldset>

            {(!english).then(|| view! {
                <fieldset id="entry-checklist" aria-describedby="entry-checklist-intro">
                    <legend>{e.part_checklist}</legend>
                    <p class="hint" id="entry-checklist-intro">{e.checklist_intro}</p>
                    <GroupError key="checklist" lang error=errors/>
                    {CHECKLIST.iter().enumerate().map(|(i, key)| view! {
                        <CheckField
                            name=format!("draft[checklist][{i}]")
                            id=format!("entry-check-{key}")
                            label=e.checklist[i]
                            checked=d.checklist.iter().any(|c| c == key)
                            value=key
                        />
                    }).collect_view()}
                </fieldset>
            })}

            <SaveBar state lang conflict=e.conflict note=None>
                <button type="submit" class="button secondary" name="then" value="">{e.save_draft}</button>
                <button type="submit" class="button" name="then" value="preview">{e.to_preview}</button>
            </SaveBar>
        </form>
    }
}

/// Where a row stands among the rows still shown: its fields are named by that place, so
/// that the names stay dense when a row above is removed.
fn place_of<T: Send + Sync + 'static>(
    rows: RwSignal<Vec<(usize, T)>>,
    index: usize,
) -> impl Fn() -> usize + Copy + Send + Sync + 'static {
    move || {
        rows.read()
            .iter()
            .position(|(k, _)| *k == index)
            .unwrap_or(0)
    }
}

/// A field name by a row's place: `draft[links][{}][url]` becomes `draft[links][2][url]`.
fn named(
    place: impl Fn() -> usize + Copy + Send + Sync + 'static,
    pattern: &'static str,
) -> Signal<String> {
    Signal::derive(move || pattern.replace("{}", &place().to_string()))
}

/// One of a repeated group's rows (a contact, a link): a group headed by its number, its fields,
/// and a button that removes it.
#[component]
fn RowGroup<T: Send + Sync + 'static>(
    index: usize,
    /// The start of the heading's id: `contact`, `link`.
    kind: &'static str,
    /// The heading, with `{}` for the row's number.
    heading: &'static str,
    lang: Lang,
    rows: RwSignal<Vec<(usize, T)>>,
    on_remove: impl Fn() + Send + Sync + Copy + 'static,
    children: Children,
) -> impl IntoView {
    let place = place_of(rows, index);
    let heading_id = format!("{kind}-{index}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <div class="row-group" role="group" aria-labelledby=labelled_by>
            <h3 id=heading_id>{move || fill(heading, &[&(place() + 1).to_string()])}</h3>
            {children()}
            <RemoveRowButton lang on_click=move || {
                rows.update(|r| r.retain(|(k, _)| *k != index));
                on_remove();
            }/>
        </div>
    }
}

#[component]
fn ContactRow(
    index: usize,
    contact: Contact,
    lang: Lang,
    errors: Signal<Option<AppError>>,
    rows: RwSignal<Vec<(usize, Contact)>>,
    on_remove: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let e = lang.e();
    let place = place_of(rows, index);
    let at = move |pattern| named(place, pattern);
    view! {
        <RowGroup index kind="contact" heading=e.contact_n lang rows on_remove>
            <LineField name=at("draft[contacts][{}][name]") key=at("contacts.{}.name") label=e.contact_name.into() value=contact.name lang error=errors autocomplete="name"/>
            <LineField name=at("draft[contacts][{}][role]") key=at("contacts.{}.role") label=e.contact_role.into() value=contact.role lang error=errors autocomplete="organization-title"/>
            <LineField name=at("draft[contacts][{}][email]") key=at("contacts.{}.email") label=e.contact_email.into() value=contact.email lang error=errors kind="email" autocomplete="email"/>
            <LineField name=at("draft[contacts][{}][phone]") key=at("contacts.{}.phone") label=e.contact_phone.into() value=contact.phone lang error=errors kind="tel" autocomplete="tel"/>
        </RowGroup>
    }
}

#[component]
fn LinkRow(
    index: usize,
    link: Link,
    lang: Lang,
    errors: Signal<Option<AppError>>,
    rows: RwSignal<Vec<(usize, Link)>>,
    on_remove: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let e = lang.e();
    let place = place_of(rows, index);
    let at = move |pattern| named(place, pattern);
    view! {
        <RowGroup index kind="link" heading=e.link_n lang rows on_remove>
            <LineField name=at("draft[links][{}][label]") key=at("links.{}.label") label=e.link_label.into() value=link.label lang error=errors/>
            <LineField name=at("draft[links][{}][url]") key=at("links.{}.url") label=e.link_url.into() value=link.url lang error=errors kind="url"/>
        </RowGroup>
    }
}

/// Removing a row needs scripts; without them, emptying a row's fields removes it on save.
#[component]
fn RemoveRowButton(
    lang: Lang,
    on_click: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    move || {
        hydrated.get().then(|| {
            view! { <button type="button" class="link-button" on:click=move |_| on_click()>{lang.e().remove}</button> }
        })
    }
}
