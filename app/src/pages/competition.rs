use leptos::prelude::*;

use super::home::Deadline;
use crate::api::get_competition;
use crate::components::{
    current_lang,
    data::load_year_page,
    lists::{EventList, LevelList, NewsList, date_time},
    localized::{local, local_html, local_par},
    page_meta::PageMeta,
};
use crate::i18n::{Lang, entries::fill};
use crate::model::{AwardKind, AwardedEntry, CompetitionView, EntrySummary, Phase, Results};

#[component]
pub fn CompetitionPage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    load_year_page(get_competition, move |c: CompetitionView| {
        view! { <CompetitionDetails c lang/> }
    })
}

#[component]
fn CompetitionDetails(c: CompetitionView, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let e = lang.e();
    let s = &c.summary;
    let theme = s.theme.pick(lang).0.to_string();
    view! {
        <PageMeta
            title=format!("ECPA {}: {theme}", s.year)
            description=format!("{} {}: {theme}", t.competition_description, s.year)
            image=c.results.as_ref().and_then(|r| r.awarded.first()).and_then(|a| a.photo.as_ref()).map(|p| p.url.clone())
        />
        <article class="wrap">
            <p class="eyebrow">"European Crime Prevention Award "{s.year}</p>
            <h1>{local(&s.theme, lang)}</h1>
            <div class="lead">{local_par(&c.description, lang)}</div>
            <dl class="facts">
                <dt>{t.phase}</dt>
                <dd><span class="phase">{s.phase.label(lang)}</span></dd>
                {(s.phase <= Phase::Open)
                    .then(|| s.opens_at.clone())
                    .flatten()
                    .map(|o| view! { <dt>{t.opens}</dt><dd>{date_time(&o, lang)}</dd> })}
                <Deadline c=s.clone() now=c.now lang/>
                {c.european_final.as_ref().map(|f| view! { <dt>{t.european_final}</dt><dd>{local(f, lang)}</dd> })}
                {c.prize.as_ref().map(|p| view! { <dt>{t.prize}</dt><dd>{local(p, lang)}</dd> })}
            </dl>
            {c.who_may_apply.as_ref().map(|w| view! {
                <section aria-labelledby="who-heading">
                    <h2 id="who-heading">{t.who_may_apply}</h2>
                    {local_par(w, lang)}
                </section>
            })}
            {(s.phase == Phase::Open).then(|| view! {
                <section aria-labelledby="apply-heading" class="apply">
                    <h2 id="apply-heading">{e.how_to_apply}</h2>
                    <p>{e.apply_cta}</p>
                    <p><a class="button" href=format!("{}?year={}", lang.href("/entries"), s.year)>{e.start_entry}</a></p>
                </section>
            })}
            <section aria-labelledby="criteria-heading">
                <h2 id="criteria-heading">{e.criteria}</h2>
                <p>{fill(e.scale, &[&c.scale.0.to_string(), &c.scale.1.to_string()])}</p>
                <dl class="criteria">
                    {c.criteria.iter().map(|k| view! {
                        <dt>{local(&k.name, lang)}" "<span class="weight">"("{fill(e.weight, &[&k.weight.to_string()])}")"</span></dt>
                        <dd>{local(&k.description, lang)}<LevelList levels=k.levels.clone() lang/></dd>
                    }).collect_view()}
                </dl>
            </section>
            {(!c.entry_list.is_empty() && c.results.is_none()).then(|| view! {
                <section aria-labelledby="entry-list-heading">
                    <h2 id="entry-list-heading">{e.entry_list}</h2>
                    <ul class="entry-list">
                        {c.entry_list.iter().map(|l| view! {
                            <li><span lang="sv" class="entry-title">{l.title.clone()}</span>{(!l.organisation.is_empty()).then(|| format!(" – {}", l.organisation))}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <section aria-labelledby="results-heading" class="results">
                <h2 id="results-heading">{t.results}</h2>
                {match c.results {
                    Some(r) => view! {
                        <ResultsView r year=s.year lang/>
                        <p class="open-data">
                            {lang.p().open_data}": "
                            <a href=format!("/open-data/{}.json", s.year) type="application/json">{lang.p().open_data_json}</a>
                            " · "
                            <a href=format!("/open-data/{}.csv", s.year) type="text/csv">{lang.p().open_data_csv}</a>
                        </p>
                    }.into_any(),
                    None => view! { <p>{t.results_not_published}</p> }.into_any(),
                }}
            </section>
            {(!c.news.is_empty()).then(|| view! {
                <section aria-labelledby="news-heading">
                    <h2 id="news-heading">{t.related_news}</h2>
                    <NewsList items=c.news lang nested=true/>
                </section>
            })}
            {(!c.events.is_empty()).then(|| view! {
                <section aria-labelledby="events-heading">
                    <h2 id="events-heading">{t.related_events}</h2>
                    <EventList items=c.events lang nested=true/>
                </section>
            })}
        </article>
    }
}

#[component]
fn ResultsView(r: Results, year: i32, lang: Lang) -> impl IntoView {
    let t = lang.t();
    // Titles from the final held on the portal are English; typed-in ones the organiser's.
    let title_lang = if r.european_held { "en" } else { "sv" };
    view! {
        {r.awarded.into_iter().map(|a| view! { <Award a lang/> }).collect_view()}
        {(!r.european.is_empty()).then(|| view! {
            <h3>{t.european_result}</h3>
            <ol class="european">
                {r.european.into_iter().map(|p| view! {
                    <li value=p.rank>
                        {local(&p.country, lang)}
                        {p.project_title.map(|title| view! { ": "<span lang=title_lang>{title}</span> })}
                    </li>
                }).collect_view()}
            </ol>
            {r.european_held.then(|| view! {
                <p><a href=lang.href(&format!("/europe/{year}"))>{fill(lang.eu().public_link, &[&year.to_string()])}</a></p>
            })}
        })}
        {(!r.others.is_empty()).then(|| view! {
            <h3>{t.other_entries}</h3>
            <ul class="entries">
                {r.others.into_iter().map(|e| view! { <OtherEntry e lang/> }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn Award(a: AwardedEntry, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let (class, label) = match a.kind {
        AwardKind::Winner => ("award winner", t.winner),
        AwardKind::RunnerUp => ("award", t.runner_up),
        AwardKind::Mention => ("award", t.mention),
    };
    let heading_id = format!("{}-title", a.entry.slug);
    let labelled_by = heading_id.clone();
    view! {
        <article class=class id=a.entry.slug.clone() aria-labelledby=labelled_by>
            <p class="badge">{label}</p>
            <h3 id=heading_id lang="sv">{a.entry.title}</h3>
            <p class="org">{a.entry.organisation}</p>
            {a.photo.map(|p| view! {
                <img class="award-photo" src=p.url alt=p.alt.pick(lang).0.to_string()/>
            })}
            {local_par(&a.entry.summary, lang)}
            {a.about.map(|about| view! { <h4>{t.about_winner}</h4>{local_html(&about, lang)} })}
            {a.motivation.map(|m| view! {
                <h4>{t.jury_motivation}</h4>
                <blockquote class="motivation">{local_html(&m, lang)}</blockquote>
            })}
            {a.european_rank.map(|rank| view! {
                <p class="placement"><strong>{t.european_placement}": "</strong>{rank}</p>
            })}
        </article>
    }
}

#[component]
fn OtherEntry(e: EntrySummary, lang: Lang) -> impl IntoView {
    view! {
        <li id=e.slug>
            <h4 lang="sv">{e.title}</h4>
            <p class="org">{e.organisation}</p>
            {local_par(&e.summary, lang)}
        </li>
    }
}
