//! The national representative's page of a year's European final: the country's projects,
//! the national winner to forward, and a project to enter directly.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::europe::{EnterDirectly, ForwardWinner, get_represented};
use crate::components::{
    current_lang,
    data::load,
    entry_fields::LineField,
    form::{FormError, either_error, form_done, form_error, url_error},
    lists::{ScrollFrame, date_time},
    number_param,
    page_meta::WidePage,
};
use crate::i18n::{Lang, entries::fill};
use crate::model::{FinalEntryRow, RepresentedCountry, RepresentedView, country_name};
use crate::pages::entries::title_or_untitled;

#[component]
pub fn RepresentativePage() -> impl IntoView {
    let lang = current_lang();
    let eu = lang.eu();
    let year = number_param("year");
    let forward = ServerAction::<ForwardWinner>::new();
    let y = year().unwrap_or(0);
    view! {
        <WidePage title=fill(eu.rep_title, &[&y.to_string()]) description=eu.rep_intro intro=eu.rep_intro
            back=(lang.href("/account"), lang.t().account_title)>
            {load(
                move || (year().unwrap_or(0), forward.version().get()),
                |(y, _)| get_represented(y),
                move |v: RepresentedView| view! { <Represented v lang forward/> },
            )}
        </WidePage>
    }
}

#[component]
fn Represented(
    v: RepresentedView,
    lang: Lang,
    forward: ServerAction<ForwardWinner>,
) -> impl IntoView {
    let eu = lang.eu();
    let year = v.year;
    let open = v.open;
    view! {
        <dl class="facts">
            <dt>{eu.rep_theme}</dt>
            <dd lang="en">{v.theme.clone()}</dd>
            <dt>{eu.deadline}</dt>
            <dd>{v.deadline.as_ref().map(|d| date_time(d, lang))}</dd>
        </dl>
        {(!open).then(|| view! { <p class="notice" role="status">{eu.rep_closed}</p> })}
        {v.countries.into_iter().map(|c| view! { <Country c year open lang forward/> }).collect_view()}
    }
}

/// One country's projects, and the ways to enter more.
#[component]
fn Country(
    c: RepresentedCountry,
    year: i32,
    open: bool,
    lang: Lang,
    forward: ServerAction<ForwardWinner>,
) -> impl IntoView {
    let eu = lang.eu();
    let name = country_name(&c.country, lang).to_string();
    let heading = format!("country-{}-heading", c.country);
    let entered = c.competing_entered;
    let label = format!("{name} – {}", eu.rep_entries);
    view! {
        <section aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{name}</h2>
            <h3>{eu.rep_entries}</h3>
            {if c.entries.is_empty() {
                view! { <p>{eu.rep_none}</p> }.into_any()
            } else {
                view! { <Projects rows=c.entries label=label.clone() lang/> }.into_any()
            }}
            {c.outdated_forward.map(|r| view! { <p class="notice" id=format!("forward-outdated-{}", c.country)>{fill(eu.forward_outdated, &[&r])}</p> })}
            {c.reopened_forward.map(|r| view! { <p class="notice" id=format!("forward-reopened-{}", c.country)>{fill(eu.forward_reopened, &[&r])}</p> })}
            {c.home_round.filter(|_| open && !entered).map(|winner| view! {
                <ForwardForm year winner lang action=forward/>
            })}
            {open.then(|| view! { <DirectEntryForm year country=c.country.clone() entered lang/> })}
        </section>
    }
}

#[component]
fn Projects(rows: Vec<FinalEntryRow>, label: String, lang: Lang) -> impl IntoView {
    let (e, eu) = (lang.e(), lang.eu());
    view! {
        <ScrollFrame label=label>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{e.col_title}</th>
                        <th scope="col">{e.col_reference}</th>
                        <th scope="col">{e.col_organisation}</th>
                        <th scope="col">{eu.col_kind}</th>
                        <th scope="col">{e.col_status}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td><a href=lang.href(&format!("/entries/{}", r.id)) lang="en">{title_or_untitled(&r.title, lang)}</a></td>
                            <td>{r.reference.clone()}</td>
                            <td>{r.organisation.clone()}</td>
                            <td>{if r.competing { eu.kind_competing } else { eu.kind_good_practice }}</td>
                            <td>{r.status.label(lang)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollFrame>
    }
}

/// The home country's national winner, forwarded in one action once it can be.
#[component]
fn ForwardForm(
    year: i32,
    winner: Option<crate::model::WinnerToForward>,
    lang: Lang,
    action: ServerAction<ForwardWinner>,
) -> impl IntoView {
    let eu = lang.eu();
    let error = either_error(form_error(action), url_error("forward_winner"));
    view! {
        <h3>{eu.forward_heading}</h3>
        <p>{eu.forward_intro}</p>
        <p role="status">{move || form_done(action).get().then_some(eu.forwarded)}</p>
        {match winner {
            None => view! { <p>{eu.forward_not_decided}</p> }.into_any(),
            Some(w) => view! {
                <p>{fill(eu.winner, &[&w.title])}</p>
                {(!w.english_complete).then(|| view! { <p>{eu.forward_english_missing}</p> })}
                <ActionForm action>
                    <FormError error lang/>
                    <input type="hidden" name="year" value=year.to_string()/>
                    <button type="submit" class="button">{eu.forward_button}</button>
                </ActionForm>
            }.into_any(),
        }}
    }
}

/// A project entered directly: the organisation and the kind, then the entry form.
#[component]
fn DirectEntryForm(year: i32, country: String, entered: bool, lang: Lang) -> impl IntoView {
    let eu = lang.eu();
    let action = ServerAction::<EnterDirectly>::new();
    let error = either_error(form_error(action), url_error("enter_directly"));
    let id = |kind: &str| format!("kind-{country}-{kind}");
    let (competing_id, practice_id) = (id("competing"), id("good-practice"));
    view! {
        <h3>{eu.direct_heading}</h3>
        <p>{eu.direct_intro}</p>
        <ActionForm action>
            <FormError error lang/>
            <input type="hidden" name="year" value=year.to_string()/>
            <input type="hidden" name="country" value=country.clone()/>
            <input type="hidden" name="lang" value=lang.code()/>
            <LineField name="organisation".to_string() key=format!("organisation.{country}") label=eu.organisation.to_string() value=String::new() lang error hint=eu.organisation_hint required=true autocomplete="organization"/>
            <fieldset>
                <legend>{eu.kind_legend}</legend>
                {entered.then(|| view! { <p class="hint">{eu.competing_taken}</p> })}
                <div class="check">
                    <input type="radio" id=competing_id.clone() name="kind" value="competing" checked=!entered disabled=entered/>
                    <label for=competing_id>{eu.kind_competing}</label>
                </div>
                <div class="check">
                    <input type="radio" id=practice_id.clone() name="kind" value="good_practice" checked=entered/>
                    <label for=practice_id>{eu.kind_good_practice}</label>
                </div>
            </fieldset>
            <button type="submit" class="button">{eu.start}</button>
        </ActionForm>
    }
}
