use leptos::prelude::*;

use crate::api::get_home;
use crate::components::{
    countdown::Countdown,
    current_lang,
    data::load,
    lists::{EventList, NewsList, date, date_time},
    localized::local,
    page_meta::PageMeta,
};
use crate::i18n::Lang;
use crate::model::{CompetitionSummary, HomeView, Phase};

#[component]
pub fn HomePage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    let t = lang.t();
    view! {
        <PageMeta title=t.home_title description=t.home_description full=true/>
        <div class="wrap">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
            {load(|| (), |_| get_home(), move |home: HomeView| view! { <HomeSections home lang/> })}
        </div>
    }
}

#[component]
fn HomeSections(home: HomeView, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let now = home.now;
    view! {
        <section class="card current" aria-labelledby="current-heading">
            <h2 id="current-heading">{t.home_current}</h2>
            {match home.current {
                Some(c) => view! { <CurrentCompetition c now lang/> }.into_any(),
                None => view! { <p>{t.home_no_competition}</p> }.into_any(),
            }}
        </section>
        <div class="columns">
            <section aria-labelledby="news-heading">
                <h2 id="news-heading">{t.home_latest_news}</h2>
                <NewsList items=home.news lang nested=true/>
                <p><a href=lang.href("/news")>{t.back_to_news}</a></p>
            </section>
            <section aria-labelledby="events-heading">
                <h2 id="events-heading">{t.home_events}</h2>
                <EventList items=home.events lang nested=true/>
                <p><a href=lang.href("/events")>{t.back_to_events}</a></p>
            </section>
        </div>
    }
}

#[component]
fn CurrentCompetition(c: CompetitionSummary, now: i64, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let href = lang.href(&format!("/competitions/{}", c.year));
    view! {
        <h3><a href=href.clone()>"ECPA "{c.year}</a></h3>
        <dl class="facts">
            <dt>{t.theme}</dt>
            <dd>{local(&c.theme, lang)}</dd>
            <dt>{t.phase}</dt>
            <dd><span class="phase">{c.phase.label(lang)}</span></dd>
            <Deadline c=c.clone() now lang/>
            {c.winner.map(|w| {
                let href = format!("{href}#{}", w.slug);
                view! {
                    <dt>{t.winner_label}</dt>
                    <dd><a href=href>{w.title}</a>", "{w.organisation}</dd>
                }
            })}
        </dl>
        <p><a class="button" href=href>{t.read_more_about_year}" "{c.year}</a></p>
    }
}

/// The deadline as facts: with a countdown while open, as a past date afterwards.
#[component]
pub fn Deadline(c: CompetitionSummary, now: i64, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let Some(closes) = c.closes_at else {
        return ().into_any();
    };
    match c.phase {
        Phase::Draft | Phase::Open => view! {
            <dt>{t.deadline}</dt>
            <dd>{date_time(&closes, lang)}</dd>
            <dt>{t.time_left}</dt>
            <dd><Countdown deadline=closes.unix now lang/></dd>
        }
        .into_any(),
        _ => view! {
            <dt>{t.deadline_passed}</dt>
            <dd>{date(&closes, lang)}</dd>
        }
        .into_any(),
    }
}
