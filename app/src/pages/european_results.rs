//! The public page of a year's European final: its theme, the member states taking part and
//! the prize money (once announced); once the results are public, the winner and the runners-up first, then
//! every country's competing entry and the good practice, with the open data. A document:
//! nothing on it hydrates.
use leptos::prelude::*;

use crate::api::europe::get_european_results;
use crate::components::{
    current_lang, data::load_year_page, lists::date_time, page_meta::PageMeta,
};
use crate::i18n::{Lang, entries::fill};
use crate::model::{EuropeanResultsView, FinalPublicEntry, country_name};

#[component]
pub fn EuropeanResultsPage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    load_year_page(get_european_results, move |v: EuropeanResultsView| {
        view! { <EuropeanResults v lang/> }
    })
}

#[component]
fn EuropeanResults(v: EuropeanResultsView, lang: Lang) -> impl IntoView {
    let eu = lang.eu();
    let year = v.year;
    let title = fill(eu.title, &[&year.to_string()]);
    let countries = v
        .countries
        .iter()
        .map(|c| country_name(c, lang).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let (awarded, rest): (Vec<_>, Vec<_>) = v.entries.into_iter().partition(|e| e.place.is_some());
    let (competing, good_practice): (Vec<_>, Vec<_>) = rest.into_iter().partition(|e| e.competing);
    view! {
        <PageMeta title=format!("{title}: {}", v.theme) description=eu.public_intro/>
        <article class="wrap">
            <p class="eyebrow">"European Crime Prevention Award "{year}</p>
            <h1>{title}</h1>
            <p class="lead">{eu.public_intro}</p>
            <dl class="facts">
                <dt>{eu.rep_theme}</dt>
                <dd lang="en">{v.theme.clone()}</dd>
                {v.deadline.map(|d| view! { <dt>{eu.deadline}</dt><dd>{date_time(&d, lang)}</dd> })}
                <dt>{eu.countries}</dt>
                <dd>{countries}</dd>
                {v.prize_winner.map(|a| view! { <dt>{eu.prize_winner}</dt><dd>{lang.euros(a)}</dd> })}
                {v.prize_runner_up.map(|a| view! { <dt>{eu.prize_runner_up}</dt><dd>{lang.euros(a)}</dd> })}
            </dl>
            {match v.released {
                Some(at) => view! {
                    <p class="released">{eu.released}" "{date_time(&at, lang)}</p>
                    <Awarded entries=awarded lang/>
                    <Projects id="competing-heading" heading=eu.competing_heading entries=competing lang/>
                    <Projects id="good-practice-heading" heading=eu.good_practice_heading entries=good_practice lang/>
                    <p class="open-data">
                        {lang.p().open_data}": "
                        <a href=format!("/open-data/europe-{year}.json") type="application/json">{lang.p().open_data_json}</a>
                        " · "
                        <a href=format!("/open-data/europe-{year}.csv") type="text/csv">{lang.p().open_data_csv}</a>
                    </p>
                }.into_any(),
                None => view! {
                    <section aria-labelledby="results-heading" class="results">
                        <h2 id="results-heading">{lang.t().results}</h2>
                        <p>{eu.results_pending}</p>
                    </section>
                }.into_any(),
            }}
        </article>
    }
}

/// The winner and the runners-up, by place.
#[component]
fn Awarded(entries: Vec<FinalPublicEntry>, lang: Lang) -> impl IntoView {
    let t = lang.t();
    (!entries.is_empty()).then(|| {
        view! {
            <section aria-labelledby="awarded-heading" class="results">
                <h2 id="awarded-heading">{lang.eu().awarded_heading}</h2>
                {entries.into_iter().enumerate().map(|(i, e)| {
                    let winner = e.place == Some(1);
                    let (class, label) = if winner {
                        ("award winner", t.winner)
                    } else {
                        ("award", t.runner_up)
                    };
                    let id = format!("awarded-{i}");
                    let labelled_by = id.clone();
                    view! {
                        <article class=class aria-labelledby=labelled_by>
                            <p class="badge">{label}</p>
                            <h3 id=id lang="en">{e.title.clone()}</h3>
                            <ProjectFacts e=e.clone() lang/>
                            {e.motivation.map(|m| view! {
                                <h4>{t.jury_motivation}</h4>
                                <blockquote class="motivation prose" lang="en" inner_html=m></blockquote>
                            })}
                        </article>
                    }
                }).collect_view()}
            </section>
        }
    })
}

/// A list of projects under its own heading; nothing when there are none.
#[component]
fn Projects(
    id: &'static str,
    heading: &'static str,
    entries: Vec<FinalPublicEntry>,
    lang: Lang,
) -> impl IntoView {
    (!entries.is_empty()).then(|| {
        view! {
            <section aria-labelledby=id>
                <h2 id=id>{heading}</h2>
                <ul class="entries">
                    {entries.into_iter().map(|e| view! {
                        <li>
                            <h3 lang="en">{e.title.clone()}</h3>
                            <ProjectFacts e lang/>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// A project's country and organisation, and its summary in English.
#[component]
fn ProjectFacts(e: FinalPublicEntry, lang: Lang) -> impl IntoView {
    view! {
        <p class="org">{country_name(&e.country, lang).to_string()}" – "{e.organisation}</p>
        {(!e.summary.trim().is_empty()).then(|| view! { <p lang="en">{e.summary}</p> })}
    }
}
