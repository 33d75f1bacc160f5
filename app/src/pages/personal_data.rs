//! The organiser's page for a person's request about their personal data: a GET search by
//! address (and name) that lists every place they are stored, the download of their data, and
//! their erasure behind a confirmation. Plain forms: it works the same without JavaScript.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::admin::{ErasePerson, find_person};
use crate::components::form::{FormError, form_error};
use crate::components::{current_lang, data::load, page_meta::PageMeta};
use crate::i18n::{Lang, entries::fill};
use crate::model::{PersonAccount, PersonPlace, PersonSearch};

#[component]
pub fn PersonalDataPage() -> impl IntoView {
    let lang = current_lang();
    let g = lang.gdpr();
    let query = use_query_map();
    let email = move || query.read().get("email").unwrap_or_default();
    let name = move || query.read().get("name").unwrap_or_default();
    let erased = move || {
        query
            .read()
            .get("erased")
            .and_then(|n| n.parse::<u64>().ok())
    };
    view! {
        <PageMeta title=g.title description=g.intro/>
        <div class="wrap">
            <h1>{g.title}</h1>
            <p>{g.intro}</p>
            {move || erased().map(|n| view! { <p class="notice" role="status">{fill(g.erased, &[&n.to_string()])}</p> })}
            {load(
                move || (email(), name()),
                |(e, n)| find_person(e, n),
                move |s: PersonSearch| view! {
                    <PersonSearchForm email=email() name=name() lang/>
                    {(!s.email.is_empty()).then(|| view! { <PersonFound s lang/> })}
                },
            )}
        </div>
    }
}

/// The search, as a GET form showing what was searched for.
#[component]
fn PersonSearchForm(email: String, name: String, lang: Lang) -> impl IntoView {
    let g = lang.gdpr();
    view! {
        <form method="get" action=lang.href("/admin/personal-data") class="person-search">
            <fieldset>
                <legend>{g.search_legend}</legend>
                <div class="field">
                    <label for="person-email">{g.email}" *"</label>
                    <input id="person-email" name="email" type="email" required=true value=email autocomplete="off"/>
                </div>
                <div class="field">
                    <label for="person-name">{g.name}" "<span class="optional">{lang.t().optional}</span></label>
                    <p class="hint" id="person-name-hint">{g.name_hint}</p>
                    <input id="person-name" name="name" type="text" value=name aria-describedby="person-name-hint" autocomplete="off"/>
                </div>
                <button type="submit" class="button">{g.search}</button>
            </fieldset>
        </form>
    }
}

/// What the search found: the account, the places, the download and the erasure.
#[component]
fn PersonFound(s: PersonSearch, lang: Lang) -> impl IntoView {
    let g = lang.gdpr();
    let searched = std::iter::once(s.email.clone())
        .chain(s.names.iter().cloned())
        .collect::<Vec<_>>()
        .join(", ");
    let export = format!("/admin/personal-data/export.zip?{}", s.query);
    let own = s.account.as_ref().is_some_and(|a| a.own);
    view! {
        <p>{fill(g.searched, &[&searched])}</p>
        <h2>{g.account}</h2>
        {match s.account.clone() {
            Some(a) => view! { <AccountFacts a lang/> }.into_any(),
            None => view! { <p>{g.no_account}</p> }.into_any(),
        }}
        <h2>{g.places}</h2>
        {if s.places.is_empty() {
            view! { <p>{g.no_places}</p> }.into_any()
        } else {
            view! {
                <p>{fill(g.places_count, &[&s.places.len().to_string()])}</p>
                <PlaceTable places=s.places.clone() lang/>
            }.into_any()
        }}
        <p>
            <a href=export download aria-describedby="person-export-hint">{g.export}</a>
        </p>
        <p class="hint" id="person-export-hint">{g.export_hint}</p>
        {if own {
            view! { <p class="notice">{g.own_account}</p> }.into_any()
        } else {
            view! { <EraseForm email=s.email.clone() name=s.names.first().cloned().unwrap_or_default() lang/> }.into_any()
        }}
    }
}

#[component]
fn AccountFacts(a: PersonAccount, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let g = lang.gdpr();
    let roles: Vec<&str> = a.roles.iter().map(|r| t.roles[*r as usize]).collect();
    view! {
        <dl class="facts">
            <dt>{t.field_name}</dt>
            <dd>{a.name}{(!a.active).then(|| format!(" ({})", g.account_inactive))}</dd>
            <dt>{t.account_roles}</dt>
            <dd>{if roles.is_empty() { t.none.to_string() } else { roles.join(", ") }}</dd>
            <dt>{t.account_organisations}</dt>
            <dd>{if a.organisations.is_empty() { t.none.to_string() } else { a.organisations.join(", ") }}</dd>
        </dl>
    }
}

#[component]
fn PlaceTable(places: Vec<PersonPlace>, lang: Lang) -> impl IntoView {
    let g = lang.gdpr();
    view! {
        <table class="places">
            <thead>
                <tr>
                    <th scope="col">{g.col_where}</th>
                    <th scope="col">{g.col_row}</th>
                    <th scope="col">{g.col_text}</th>
                </tr>
            </thead>
            <tbody>
                {places.into_iter().map(|p| view! {
                    <tr>
                        <td>{lang.stored_place(&p.table, &p.column)}</td>
                        <td>{p.row}</td>
                        <td class="excerpt">{p.excerpt}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The erasure, behind a checkbox the organiser must tick.
#[component]
fn EraseForm(email: String, name: String, lang: Lang) -> impl IntoView {
    let g = lang.gdpr();
    let action = ServerAction::<ErasePerson>::new();
    let error = form_error(action);
    let problem = crate::components::form::field_problem(error, "confirm");
    view! {
        <section aria-labelledby="erase-heading">
            <h2 id="erase-heading">{g.erase_title}</h2>
            <p>{g.erase_intro}</p>
            <ActionForm action=action>
                <input type="hidden" name="email" value=email/>
                <input type="hidden" name="name" value=name/>
                <input type="hidden" name="lang" value=lang.code()/>
                <FormError error lang/>
                <div class="field checkbox" class:has-error=move || problem.get().is_some()>
                    <input type="checkbox" id="erase-confirm" name="confirm" value="on"
                        aria-invalid=move || problem.get().map(|_| "true")
                        aria-describedby=move || problem.get().map(|_| "erase-confirm-error")/>
                    <label for="erase-confirm">{g.erase_confirm}</label>
                    {move || problem.get().map(|p| view! { <p class="field-error" id="erase-confirm-error">{p.message(lang)}</p> })}
                </div>
                <button type="submit" class="button secondary">{g.erase_submit}</button>
            </ActionForm>
        </section>
    }
}
