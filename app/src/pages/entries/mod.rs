//! The applicant's pages: my entries, the entry form with autosave and attachments, the
//! preview with submission, and the version history.
//!
//! Parts: `editor` (the form; its autosave is `components::autosave`, shared with the jury's
//! score sheet), `attachments`, `submitted` (preview, history, versions), `unsaved` (text a
//! save refused, kept for its writer); the list of my entries is here.
mod attachments;
mod editor;
mod submitted;
mod unsaved;

pub use editor::EntryEditPage;
pub use submitted::{EntryHistoryPage, EntryPreviewPage, EntryVersionPage};
pub use unsaved::EntryUnsavedPage;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::entries::{StartEntry, get_entry, get_my_entries};
use crate::components::form::form_error;
use crate::components::{
    current_lang,
    form::{FormError, NumberChoice, either_error, url_error},
    lists::{ScrollFrame, date_time},
    number_param,
    page_meta::WidePage,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{
    EntryListItem, EntryStatus, EntryView, MyEntries, RoundRef, When, country_name,
};

fn entry_id() -> impl Fn() -> Option<i32> + Clone + Send + Sync + 'static {
    number_param("id")
}

/// The entry of the page's address, or "not found" for an address without a usable id.
async fn entry_or_not_found(id: Option<i32>) -> Result<EntryView, AppError> {
    match id {
        Some(id) => get_entry(id).await,
        None => Err(AppError::NotFound),
    }
}

pub(crate) fn title_or_untitled(title: &str, lang: Lang) -> String {
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
        <WidePage title=e.my_entries description=e.my_entries_intro intro=e.my_entries_intro>
            {crate::components::data::load(
                || (),
                |_| get_my_entries(),
                move |m: MyEntries| view! { <MyEntriesView m lang/> },
            )}
        </WidePage>
    }
}

#[component]
fn MyEntriesView(m: MyEntries, lang: Lang) -> impl IntoView {
    let e = lang.e();
    let start = ServerAction::<StartEntry>::new();
    let start_error = either_error(form_error(start), url_error("start_entry"));
    // The home country's round has its section while it is open, or while nothing else is;
    // each open round of another country has its own below. Their one error and the address
    // notice stand above them all, so a refused start is never out of sight.
    let hosted_open = !m.open_rounds.is_empty() && !m.organisations.is_empty();
    let home_section = !m.open_years.is_empty() || !hosted_open;
    let may_start = (!m.open_years.is_empty() || hosted_open) && !m.organisations.is_empty();
    view! {
        <FormError error=start_error lang/>
        {(!m.verified && may_start).then(|| view! { <p class="notice">{e.need_verified}</p> })}
        {home_section.then(|| view! {
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
                        <ActionForm action=start>
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
                            <NumberChoice id="start-organisation" name="organisation_id" label=e.start_for options=orgs/>
                            <button type="submit" class="button">{e.start_entry}</button>
                        </ActionForm>
                    }.into_any()
                }
            }}
        </section>
        })}
        {hosted_open.then(|| view! {
            <HostedRoundStarts rounds=m.open_rounds.clone() orgs=m.organisations.clone() lang start/>
        })}
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

/// Other countries' national rounds hosted here and open now: one form each, in English like
/// the round.
#[component]
fn HostedRoundStarts(
    rounds: Vec<(RoundRef, When)>,
    orgs: Vec<(i32, String)>,
    lang: Lang,
    start: ServerAction<StartEntry>,
) -> impl IntoView {
    let t = lang.rounds();
    view! {
        {rounds.into_iter().filter_map(|(r, deadline)| r.country.map(|c| (r, c, deadline))).map(|(r, c, deadline)| {
            let name = country_name(c.code(), lang).to_string();
            let year = r.year.to_string();
            let id = format!("start-{}-{}", c.slug(), r.year);
            let (heading, labelled_by) = (format!("{id}-heading"), format!("{id}-heading"));
            let select = format!("{id}-organisation");
            let orgs = orgs.clone();
            view! {
                <section aria-labelledby=labelled_by class="start-entry">
                    <h2 id=heading>{fill(t.start_in, &[&name, &year])}</h2>
                    <p>{fill(t.open_until, &[&name, &year, &lang.date_time(&deadline.date, &deadline.time)])}</p>
                    <ActionForm action=start>
                        <input type="hidden" name="lang" value=lang.code()/>
                        <input type="hidden" name="year" value=year.clone()/>
                        <input type="hidden" name="round_country" value=c.code()/>
                        <NumberChoice id=select name="organisation_id" label=lang.e().start_for options=orgs/>
                        <button type="submit" class="button">{lang.e().start_entry}<span class="visually-hidden">" – "{name.clone()}</span></button>
                    </ActionForm>
                </section>
            }
        }).collect_view()}
    }
}

#[component]
fn EntryTable(rows: Vec<EntryListItem>, lang: Lang) -> impl IntoView {
    let e = lang.e();
    view! {
        <ScrollFrame label=e.my_entries.to_string()>
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
        </ScrollFrame>
    }
}
