//! The applicant's pages: my entries, the entry form with autosave and attachments, the
//! preview with submission, and the version history.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::account::action_error;
use crate::api::entries::{
    RemoveAttachment, StartEntry, SubmitEntry, WithdrawEntry, get_entry, get_entry_version,
    get_my_entries,
};
use crate::components::form::{form_done, form_error};
use crate::components::{
    current_lang,
    data::load_page,
    entry_document::{EntryDocument, EntryStatusBanner},
    entry_fields::{CheckField, GroupError, LineField, SectionField},
    form::{FormError, either_error, url_error},
    lists::date_time,
    page_meta::PageMeta,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{
    AttachmentView, CHECKLIST, Contact, EntryDraft, EntryListItem, EntryStatus, EntryView, Link,
    MAX_CONTACTS, MAX_LINKS, MyEntries, SECTIONS, SUMMARY_KEY, VersionView, WordLimits,
};

fn entry_id() -> impl Fn() -> Option<i32> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("id").and_then(|v| v.parse::<i32>().ok())
}

fn title_or_untitled(title: &str, lang: Lang) -> String {
    if title.trim().is_empty() {
        lang.e().untitled.to_string()
    } else {
        title.to_string()
    }
}

#[component]
pub fn MyEntriesPage() -> impl IntoView {
    let lang = current_lang();
    let e = lang.e();
    view! {
        <PageMeta title=e.my_entries description=e.my_entries_intro/>
        <div class="wrap">
            <h1>{e.my_entries}</h1>
            <p>{e.my_entries_intro}</p>
            {crate::components::data::load(
                || (),
                |_| get_my_entries(),
                move |m: MyEntries| view! { <MyEntriesView m lang/> },
            )}
        </div>
    }
}

#[component]
fn MyEntriesView(m: MyEntries, lang: Lang) -> impl IntoView {
    let e = lang.e();
    let start = ServerAction::<StartEntry>::new();
    let start_error = either_error(form_error(start), url_error("start_entry"));
    view! {
        <section aria-labelledby="start-heading" class="start-entry">
            <h2 id="start-heading">{e.start_entry}</h2>
            {match (m.open_years.is_empty(), m.organisations.is_empty()) {
                (true, _) => view! { <p>{e.none_open}</p> }.into_any(),
                (false, true) => view! { <p>{e.need_organisation}</p> }.into_any(),
                (false, false) => {
                    let orgs = m.organisations.clone();
                    let years = m.open_years.clone();
                    // The competition page's call to action says which year (`?year=2027`).
                    let wanted = use_query_map().read_untracked().get("year").and_then(|y| y.parse::<i32>().ok());
                    view! {
                        {years.iter().map(|(year, deadline)| view! {
                            <p>{fill(e.open_until, &[&year.to_string(), &lang.date_time(&deadline.date, &deadline.time)])}</p>
                        }).collect_view()}
                        {(!m.verified).then(|| view! { <p class="notice">{e.need_verified}</p> })}
                        <ActionForm action=start>
                            <FormError error=start_error lang/>
                            <input type="hidden" name="lang" value=lang.code()/>
                            {if years.len() == 1 {
                                view! { <input type="hidden" name="year" value=years[0].0.to_string()/> }.into_any()
                            } else {
                                view! {
                                    <div class="field">
                                        <label for="start-year">{e.col_year}</label>
                                        <select id="start-year" name="year">
                                            {years.iter().map(|(y, _)| view! { <option value=y.to_string() selected=wanted == Some(*y)>{*y}</option> }).collect_view()}
                                        </select>
                                    </div>
                                }.into_any()
                            }}
                            <div class="field">
                                <label for="start-organisation">{e.start_for}</label>
                                <select id="start-organisation" name="organisation_id">
                                    {orgs.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="button">{e.start_entry}</button>
                        </ActionForm>
                    }.into_any()
                }
            }}
        </section>
        <section aria-labelledby="list-heading">
            <h2 id="list-heading">{e.my_entries}</h2>
            {if m.entries.is_empty() {
                view! { <p>{e.no_entries}</p> }.into_any()
            } else {
                view! { <EntryTable rows=m.entries lang/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn EntryTable(rows: Vec<EntryListItem>, lang: Lang) -> impl IntoView {
    let e = lang.e();
    view! {
        <div class="table-scroll">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{e.col_title}</th>
                        <th scope="col">{e.col_reference}</th>
                        <th scope="col">{e.col_year}</th>
                        <th scope="col">{e.col_organisation}</th>
                        <th scope="col">{e.col_status}</th>
                        <th scope="col">{e.col_updated}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td><a href=lang.href(&format!("/entries/{}", r.id))>{title_or_untitled(&r.title, lang)}</a></td>
                            <td>{r.reference.clone()}</td>
                            <td>{r.year}</td>
                            <td>{r.organisation.clone()}</td>
                            <td>
                                {r.status.label(lang)}
                                {r.submitted.as_ref().filter(|_| r.status != EntryStatus::Draft).map(|s| view! { <br/><small>{date_time(s, lang)}</small> })}
                            </td>
                            <td>{date_time(&r.updated, lang)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn EntryEditPage() -> impl IntoView {
    let lang = current_lang();
    load_page(
        entry_id(),
        |id| async move {
            match id {
                Some(id) => get_entry(id).await,
                None => Err(AppError::NotFound),
            }
        },
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
            <h1 lang="sv">{title}</h1>
            <EntryStatusBanner v=v.clone() lang/>
            <nav class="entry-steps" aria-label=e.edit_title>
                <a href=lang.href(&format!("/entries/{id}/preview"))>{e.to_preview}</a>
                " · "
                <a href=lang.href(&format!("/entries/{id}/history"))>{e.to_history}</a>
            </nav>
            {if v.editable {
                // Islands: the form (autosave, rows, counts) and the attachments (upload with
                // progress). What a plain form post brought back in the URL is read here.
                let upload_returned = use_query_map().read_untracked().get("upload");
                view! {
                    <EntryForm
                        id
                        revision=v.revision
                        saved_at=v.updated.time.clone()
                        draft=v.draft.clone()
                        limits=v.limits.clone()
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

/// Where the autosave stands.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum SaveState {
    /// Saved at `HH:MM`.
    Saved(String),
    Dirty,
    Saving,
    Retrying,
    /// Someone saved in between; nothing more is sent until the page is reloaded.
    Conflict,
    /// The server refused the input; the fields say why.
    Invalid,
    /// Not something a retry fixes (signed out, deadline passed).
    Failed(AppError),
}

#[component]
fn SaveIndicator(state: RwSignal<SaveState>, lang: Lang) -> impl IntoView {
    let e = lang.e();
    let text = move || match state.get() {
        SaveState::Saved(at) => fill(e.saved_at, &[&at]),
        SaveState::Dirty => e.unsaved.to_string(),
        SaveState::Saving => e.saving.to_string(),
        SaveState::Retrying => e.retrying.to_string(),
        SaveState::Conflict => String::new(),
        SaveState::Invalid => AppError::Invalid(vec![]).message(lang).to_string(),
        SaveState::Failed(err) => err.message(lang).to_string(),
    };
    let class = move || match state.get() {
        SaveState::Saved(_) => "save-state saved",
        SaveState::Saving | SaveState::Dirty => "save-state pending",
        _ => "save-state problem",
    };
    view! {
        <p class=class role="status" id="save-state">{text}</p>
        <div role="alert" class="conflict-region">
            {move || (state.get() == SaveState::Conflict).then(|| view! {
                <div class="conflict">
                    <p>{e.conflict}</p>
                    <button type="button" class="button secondary" on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        let _ = window().location().reload();
                    }>{e.reload}</button>
                </div>
            })}
        </div>
    }
}

/// The entry form: saves itself a moment after each change, keeps contact and link rows, counts
/// words, warns before leaving unsaved text, and stops with a clear message when another tab
/// or colleague saved in between. Without scripts it is a plain form with "Save draft".
#[island]
fn EntryForm(
    id: i32,
    revision: i32,
    /// `HH:MM` of the last save.
    saved_at: String,
    draft: EntryDraft,
    limits: WordLimits,
    lang: Lang,
    /// The error a plain form post came back with.
    returned_error: Option<AppError>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let e = lang.e();
    let d = draft;
    let revision = RwSignal::new(revision);
    let state = RwSignal::new(SaveState::Saved(saved_at));
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

    let autosave = Autosave::new(id, lang, form_ref, revision, state, save_error);
    // The save bar stays in sight at the bottom of the window once scripts run (without them it
    // is at the end of the form). Browsers scroll a control reached by Tab into view only if it
    // is outside the window, not if the bar covers it, so the form scrolls it up above the bar
    // (WCAG 2.2 SC 2.4.11).
    let bar_ref = NodeRef::<leptos::html::Div>::new();
    let keep_focus_above_bar = move |ev: leptos::ev::FocusEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let (Some(bar), Some(target)) = (
                bar_ref.get_untracked(),
                ev.target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok()),
            ) else {
                return;
            };
            if bar.contains(Some(&target)) {
                return;
            }
            let (field, bar) = (
                target.get_bounding_client_rect(),
                bar.get_bounding_client_rect(),
            );
            let overlap = field.bottom() - bar.top();
            if overlap > -8.0 && field.top() < bar.bottom() {
                window().scroll_by_with_x_and_y(0.0, overlap + 16.0);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_change = move |_| autosave.changed();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let preview = ev
                .submitter()
                .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
                .is_some_and(|b| b.value() == "preview");
            autosave.save_now(preview);
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
            on:focusin=keep_focus_above_bar
            novalidate
        >
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="revision" value=move || revision.get().to_string()/>
            <input type="hidden" name="lang" value=lang.code()/>
            <FormError error=errors lang/>

            <fieldset>
                <legend>{e.part_project}</legend>
                <LineField name="draft[title]".to_string() key="title".to_string() label=e.field_title.into() value=d.title.clone() lang error=errors required=true/>
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

            <fieldset>
                <legend>{e.part_publication}</legend>
                <SectionField name="draft[public_summary_sv]".to_string() key="public_summary_sv".to_string() label=e.field_summary_sv hint=e.hint_summary value=d.public_summary_sv.clone() limit=limit(SUMMARY_KEY) lang error=errors rows=4 required=true/>
                <SectionField name="draft[public_summary_en]".to_string() key="public_summary_en".to_string() label=e.field_summary_en value=d.public_summary_en.clone() limit=limit(SUMMARY_KEY) lang error=errors rows=4/>
                <CheckField name="draft[publication_consent]".to_string() id="entry-publication_consent".into() label=e.field_consent checked=d.publication_consent hint=e.hint_consent/>
            </fieldset>

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

            <div class="save-bar" class:pinned=move || hydrated.get() node_ref=bar_ref>
                <SaveIndicator state lang/>
                <button type="submit" class="button secondary" name="then" value="">{e.save_draft}</button>
                <button type="submit" class="button" name="then" value="preview">{e.to_preview}</button>
            </div>
        </form>
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
    // The row's position among the rows decides its field names, so that they stay dense.
    let position = move || {
        rows.read()
            .iter()
            .position(|(k, _)| *k == index)
            .unwrap_or(0)
    };
    let at = move |pattern: &'static str| {
        Signal::derive(move || pattern.replace("{}", &position().to_string()))
    };
    let heading_id = format!("contact-{index}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <div class="row-group" role="group" aria-labelledby=labelled_by>
            <h3 id=heading_id>{move || fill(e.contact_n, &[&(position() + 1).to_string()])}</h3>
            <LineField name=at("draft[contacts][{}][name]") key=at("contacts.{}.name") label=e.contact_name.into() value=contact.name lang error=errors autocomplete="name"/>
            <LineField name=at("draft[contacts][{}][role]") key=at("contacts.{}.role") label=e.contact_role.into() value=contact.role lang error=errors autocomplete="organization-title"/>
            <LineField name=at("draft[contacts][{}][email]") key=at("contacts.{}.email") label=e.contact_email.into() value=contact.email lang error=errors kind="email" autocomplete="email"/>
            <LineField name=at("draft[contacts][{}][phone]") key=at("contacts.{}.phone") label=e.contact_phone.into() value=contact.phone lang error=errors kind="tel" autocomplete="tel"/>
            <RemoveRowButton lang on_click=move || {
                rows.update(|r| r.retain(|(k, _)| *k != index));
                on_remove();
            }/>
        </div>
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
    let position = move || {
        rows.read()
            .iter()
            .position(|(k, _)| *k == index)
            .unwrap_or(0)
    };
    let at = move |pattern: &'static str| {
        Signal::derive(move || pattern.replace("{}", &position().to_string()))
    };
    let heading_id = format!("link-{index}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <div class="row-group" role="group" aria-labelledby=labelled_by>
            <h3 id=heading_id>{move || fill(e.link_n, &[&(position() + 1).to_string()])}</h3>
            <LineField name=at("draft[links][{}][label]") key=at("links.{}.label") label=e.link_label.into() value=link.label lang error=errors/>
            <LineField name=at("draft[links][{}][url]") key=at("links.{}.url") label=e.link_url.into() value=link.url lang error=errors kind="url"/>
            <RemoveRowButton lang on_click=move || {
                rows.update(|r| r.retain(|(k, _)| *k != index));
                on_remove();
            }/>
        </div>
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

/// Debounced saving of the entry form: a few seconds after the last change, one request at a
/// time, retried with backoff while the network or server is down.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Autosave {
    id: i32,
    lang: Lang,
    form: NodeRef<leptos::html::Form>,
    revision: RwSignal<i32>,
    state: RwSignal<SaveState>,
    error: RwSignal<Option<AppError>>,
    /// Bumped on every change; a timer saves only if no change came after it.
    generation: StoredValue<u64>,
    in_flight: StoredValue<bool>,
    /// A change or a save request arrived while a save was running.
    again: StoredValue<bool>,
    failures: StoredValue<u32>,
}

/// Seconds after the last keystroke before saving.
#[cfg(feature = "hydrate")]
const DEBOUNCE_MS: u64 = 2_000;

impl Autosave {
    fn new(
        id: i32,
        lang: Lang,
        form: NodeRef<leptos::html::Form>,
        revision: RwSignal<i32>,
        state: RwSignal<SaveState>,
        error: RwSignal<Option<AppError>>,
    ) -> Self {
        let a = Autosave {
            id,
            lang,
            form,
            revision,
            state,
            error,
            generation: StoredValue::new(0),
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
            failures: StoredValue::new(0),
        };
        #[cfg(feature = "hydrate")]
        {
            // Warn before leaving with changes that are not saved yet.
            let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
                if matches!(
                    a.state.get_untracked(),
                    SaveState::Dirty | SaveState::Saving | SaveState::Retrying
                ) {
                    ev.prevent_default();
                    ev.set_return_value("unsaved");
                }
            });
            on_cleanup(move || handle.remove());
        }
        a
    }

    fn blocked(&self) -> bool {
        matches!(
            self.state.get_untracked(),
            SaveState::Conflict | SaveState::Failed(_)
        )
    }

    fn changed(self) {
        if self.blocked() {
            return;
        }
        self.generation.update_value(|g| *g += 1);
        if !self.in_flight.get_value() {
            self.state.set(SaveState::Dirty);
        }
        #[cfg(feature = "hydrate")]
        {
            let at = self.generation.get_value();
            set_timeout(
                move || {
                    if self.generation.get_value() == at {
                        self.save_now(false);
                    }
                },
                std::time::Duration::from_millis(DEBOUNCE_MS),
            );
        }
    }

    #[cfg(feature = "hydrate")]
    fn save_now(self, then_preview: bool) {
        use crate::api::entries::{SaveEntry, save_entry};
        use leptos::form::FromFormData;
        if self.blocked() {
            return;
        }
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        let Some(form) = self.form.get_untracked() else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let args = match SaveEntry::from_form_data(&data) {
            Ok(args) => args,
            Err(_) => {
                self.state.set(SaveState::Invalid);
                return;
            }
        };
        let started_at = self.generation.get_value();
        self.in_flight.set_value(true);
        self.state.set(SaveState::Saving);
        let revision = self.revision.get_untracked();
        leptos::task::spawn_local(async move {
            let result = save_entry(self.id, revision, args.draft, None, None).await;
            self.in_flight.set_value(false);
            match result {
                Ok(saved) => {
                    self.failures.set_value(0);
                    self.revision.set(saved.revision);
                    self.error.set(None);
                    let changed_since = self.generation.get_value() != started_at;
                    if changed_since || self.again.get_value() {
                        self.again.set_value(false);
                        self.state.set(SaveState::Dirty);
                        self.save_now(then_preview);
                    } else {
                        self.state.set(SaveState::Saved(saved.at.time));
                        if then_preview {
                            let url = self.lang.href(&format!("/entries/{}/preview", self.id));
                            let _ = window().location().set_href(&url);
                        }
                    }
                }
                Err(AppError::Conflict(crate::error::Conflict::Stale)) => {
                    self.state.set(SaveState::Conflict);
                }
                Err(err @ AppError::Invalid(_)) => {
                    self.error.set(Some(err));
                    self.state.set(SaveState::Invalid);
                }
                Err(
                    err @ (AppError::Unauthenticated
                    | AppError::Forbidden
                    | AppError::NotFound
                    | AppError::Conflict(_)),
                ) => {
                    self.state.set(SaveState::Failed(err));
                }
                Err(_) => {
                    // Network or server trouble: keep the text and try again, backing off.
                    let n = self.failures.get_value() + 1;
                    self.failures.set_value(n);
                    self.state.set(SaveState::Retrying);
                    let wait = (2u64.pow(n.min(5))).min(30);
                    set_timeout(
                        move || self.save_now(then_preview),
                        std::time::Duration::from_secs(wait),
                    );
                }
            }
        });
    }
}

/// The attachments, outside the entry form (forms cannot nest), with an upload progress bar.
#[island]
fn AttachmentsSection(
    id: i32,
    lang: Lang,
    initial: Vec<AttachmentView>,
    /// What a plain form upload came back with (`?upload=…`).
    returned: Option<String>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let e = lang.e();
    let files = RwSignal::new(initial);
    let remove = ServerAction::<RemoveAttachment>::new();
    let remove_error = action_error(remove.value());
    let progress = RwSignal::new(None::<(f64, f64)>);
    let upload_error = RwSignal::new(None::<String>);
    let upload_ok = RwSignal::new(false);
    let returned_message = move || {
        returned.as_ref().map(|code| match code.as_str() {
            "ok" => e.uploaded.to_string(),
            "too_large" => crate::error::Problem::FileTooLarge
                .message(lang)
                .to_string(),
            "empty" => crate::error::Problem::EmptyFile.message(lang).to_string(),
            "unsupported" => crate::error::Problem::UnsupportedFile
                .message(lang)
                .to_string(),
            "active" => crate::error::Problem::ActiveContent
                .message(lang)
                .to_string(),
            "too_many" => lang.problems().too_many_files.to_string(),
            "closed" => lang.problems().closed.to_string(),
            _ => e.upload_failed.to_string(),
        })
    };
    // Once the server confirms a removal, the list is read again.
    Effect::new(move |_| {
        if let Some(Ok(())) = remove.value().get() {
            leptos::task::spawn_local(async move {
                if let Ok(v) = get_entry(id).await {
                    files.set(v.attachments);
                }
            });
        }
    });
    let on_upload = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            upload_with_progress(ev, id, files, progress, upload_error, upload_ok, lang);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, upload_error, upload_ok, progress);
    };
    view! {
        <section id="attachments" aria-labelledby="attachments-heading" class="attachments">
            <h2 id="attachments-heading">{e.part_attachments}" "<span class="badge supporting">{e.supporting}</span></h2>
            <p class="hint" id="attachments-hint">{e.attachments_hint}</p>
            <FormError error=remove_error lang/>
            {move || {
                let list = files.get();
                if list.is_empty() {
                    view! { <p>{e.no_attachments}</p> }.into_any()
                } else {
                    view! {
                        <ul class="attachment-list">
                            {list.into_iter().map(|a| view! {
                                <li>
                                    <a href=format!("/attachments/{}", a.id)>{a.file_name.clone()}</a>
                                    " ("{format_size(a.size)}") "
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="attachment_id" value=a.id.to_string()/>
                                        <button type="submit" class="link-button" aria-label=format!("{} {}", e.remove, a.file_name)>{e.remove}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <form
                method="post"
                enctype="multipart/form-data"
                action=format!("/entries/{id}/attachments")
                on:submit=on_upload
                class="upload-form"
            >
                <input type="hidden" name="lang" value=lang.code()/>
                <div class="field">
                    <label for="attachment-file">{e.choose_file}</label>
                    <input id="attachment-file" name="file" type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" aria-describedby="attachments-hint upload-status"/>
                </div>
                <button type="submit" class="button secondary">{e.upload}</button>
                <div id="upload-status" role="status">
                    {move || progress.get().map(|(done, total)| view! {
                        <label for="upload-progress">{e.uploading}</label>
                        <progress id="upload-progress" max=total value=done>{format!("{:.0} %", done / total.max(1.0) * 100.0)}</progress>
                    })}
                    {move || upload_ok.get().then_some(e.uploaded)}
                    {move || upload_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                    {move || returned_message().map(|m| view! { <p>{m}</p> })}
                </div>
            </form>
        </section>
    }
}

fn format_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} kB", (bytes + 1023) / 1024)
    }
}

/// Sends the upload form with XMLHttpRequest so its progress can be shown.
#[cfg(feature = "hydrate")]
fn upload_with_progress(
    ev: leptos::ev::SubmitEvent,
    id: i32,
    files: RwSignal<Vec<AttachmentView>>,
    progress: RwSignal<Option<(f64, f64)>>,
    error: RwSignal<Option<String>>,
    ok: RwSignal<bool>,
    lang: Lang,
) {
    use leptos::wasm_bindgen::{JsCast, closure::Closure};
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return;
    };
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
        // No XHR: let the browser post the form itself.
        let _ = form.submit();
        return;
    };
    error.set(None);
    ok.set(false);
    progress.set(Some((0.0, 1.0)));
    let _ = xhr.open("POST", &format!("/entries/{id}/attachments"));
    let _ = xhr.set_request_header("Accept", "application/json");
    if let Ok(upload) = xhr.upload() {
        let on_progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |p: web_sys::ProgressEvent| {
                if p.length_computable() {
                    progress.set(Some((p.loaded(), p.total())));
                }
            });
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let done_xhr = xhr.clone();
    let on_done = Closure::<dyn FnMut()>::new(move || {
        progress.set(None);
        let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
        match done_xhr.status().unwrap_or(0) {
            200 => match serde_json::from_str::<AttachmentView>(&body) {
                Ok(a) => {
                    files.update(|f| f.push(a));
                    ok.set(true);
                    form.reset();
                }
                Err(_) => error.set(Some(lang.e().upload_failed.to_string())),
            },
            0 => error.set(Some(lang.e().upload_failed.to_string())),
            status => {
                let message = serde_json::from_str::<AppError>(&body)
                    .map(|err| match err.field("file") {
                        Some(p) => p.message(lang).to_string(),
                        None => err.message(lang).to_string(),
                    })
                    .unwrap_or_else(|_| {
                        if status == 413 {
                            crate::error::Problem::FileTooLarge
                                .message(lang)
                                .to_string()
                        } else {
                            lang.e().upload_failed.to_string()
                        }
                    });
                error.set(Some(message));
            }
        }
    });
    xhr.set_onloadend(Some(on_done.as_ref().unchecked_ref()));
    on_done.forget();
    let _ = xhr.send_with_opt_form_data(Some(&data));
}

#[component]
pub fn EntryPreviewPage() -> impl IntoView {
    let lang = current_lang();
    let submit = ServerAction::<SubmitEntry>::new();
    let withdraw = ServerAction::<WithdrawEntry>::new();
    let id = entry_id();
    load_page(
        move || (id(), submit.version().get(), withdraw.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_entry(id).await,
                None => Err(AppError::NotFound),
            }
        },
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
        |id| async move {
            match id {
                Some(id) => get_entry(id).await,
                None => Err(AppError::NotFound),
            }
        },
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
                        {v.versions.iter().map(|s| view! {
                            <li value=s.number>
                                <a href=lang.href(&format!("/entries/{id}/versions/{}", s.number))>{fill(e.version_n, &[&s.number.to_string()])}</a>
                                " – "{fill(e.submitted_by, &[&lang.date_time(&s.submitted.date, &s.submitted.time), &s.submitted_by])}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </div>
    }
}

#[component]
pub fn EntryVersionPage() -> impl IntoView {
    let lang = current_lang();
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("id").and_then(|v| v.parse::<i32>().ok()),
            p.get("number").and_then(|v| v.parse::<i32>().ok()),
        )
    };
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
                    <EntryDocument draft=v.draft limits=Default::default() lang attachment_names=v.attachments/>
                </div>
            }
        },
    )
}
