use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{get_event, get_events};
use crate::components::{
    current_lang,
    data::{load, load_page},
    lists::{EventList, date_time, place_text},
    localized::{local, local_html},
    page_meta::{PageMeta, WidePage},
};
use crate::i18n::Lang;
use crate::model::{EventView, EventsView, Speaker};

#[component]
pub fn EventsPage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    let t = lang.t();
    view! {
        <WidePage title=t.events_title description=t.events_description>
            {load(|| (), |_| get_events(), move |v: EventsView| view! { <UpcomingAndPast v lang/> })}
        </WidePage>
    }
}

#[component]
fn UpcomingAndPast(v: EventsView, lang: Lang) -> impl IntoView {
    let ev = lang.ev();
    view! {
        <section aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">{ev.upcoming}</h2>
            {if v.upcoming.is_empty() {
                view! { <p>{ev.no_upcoming}</p> }.into_any()
            } else {
                view! { <EventList items=v.upcoming lang nested=true/> }.into_any()
            }}
        </section>
        <section aria-labelledby="past-heading">
            <h2 id="past-heading">{ev.past}</h2>
            {if v.past.is_empty() {
                view! { <p>{ev.no_past}</p> }.into_any()
            } else {
                view! { <EventList items=v.past lang nested=true/> }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn EventPage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    let params = use_params_map();
    load_page(
        move || params.read().get("slug").unwrap_or_default(),
        get_event,
        move |e: EventView| view! { <EventDetails e lang/> },
    )
}

#[component]
fn EventDetails(e: EventView, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let s = &e.summary;
    view! {
        <PageMeta title=s.title.pick(lang).0.to_string() description=s.summary.pick(lang).0.to_string() kind="article"/>
        <article class="wrap narrow">
            <h1>{local(&s.title, lang)}</h1>
            <p class="lead">{local(&s.summary, lang)}</p>
            <dl class="facts">
                <dt>{t.when}</dt>
                <dd>
                    {date_time(&s.starts, lang)}
                    {e.ends.as_ref().map(|end| view! { "–"<time datetime=format!("{}T{}", end.date, end.time)>{end.time.clone()}</time> })}
                </dd>
                <dt>{lang.ev().where_}</dt>
                <dd>{place_text(s.place.as_deref(), s.online, lang)}</dd>
            </dl>
            {e.registration_url.clone().map(|url| view! { <p><a class="button" href=url>{lang.ev().register}</a></p> })}
            {local_html(&e.body_html, lang)}
            {(!e.speakers.is_empty()).then(|| view! {
                <section aria-labelledby="speakers-heading">
                    <h2 id="speakers-heading">{t.speakers}</h2>
                    <ul class="speakers">
                        {e.speakers.iter().map(|sp| view! { <SpeakerItem sp=sp.clone() lang/> }).collect_view()}
                    </ul>
                </section>
            })}
            {e.video_url.clone().map(|url| view! { <p><a class="button" href=url>{t.watch_recording}</a></p> })}
            <p class="links">
                {e.competition_year.map(|y| view! {
                    <a href=lang.href(&format!("/competitions/{y}"))>"ECPA "{y}</a>" · "
                })}
                <a href=lang.href("/events")>{t.back_to_events}</a>
            </p>
        </article>
    }
}

#[component]
fn SpeakerItem(sp: Speaker, lang: Lang) -> impl IntoView {
    let t = lang.t();
    view! {
        <li>
            <strong>{sp.name}</strong>
            {sp.moderator.then(|| view! { " ("{t.moderator}")" })}
            ", "{local(&sp.role, lang)}", "{sp.organisation}
        </li>
    }
}
