//! The organiser's dashboard of a year (`/admin/competitions/<year>/dashboard`): the entries
//! week by week as charts, each juror's sheets as a table, and the dates still ahead with the
//! reminders that will go before them. A document: nothing on it runs in the browser.
use leptos::prelude::*;

use crate::api::dashboard::get_year_dashboard;
use crate::components::charts::{Bar, BarChart};
use crate::components::lists::{ScrollFrame, date_time};
use crate::components::{
    current_lang, data::load, localized::local, number_param, page_meta::WidePage,
};
use crate::i18n::{Lang, entries::fill};
use crate::model::{DueLine, JurorLine, Milestone, WeekCount, YearDashboard};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.dashboard();
    let year = number_param("year");
    let y = year().unwrap_or(0);
    view! {
        <WidePage title=fill(t.title, &[&y.to_string()]) description=t.intro intro=t.intro
            back=(lang.href(&format!("/admin/competitions/{y}")), t.back)>
            {load(
                move || year().unwrap_or(0),
                get_year_dashboard,
                move |d: YearDashboard| view! { <Dashboard d lang/> },
            )}
        </WidePage>
    }
}

#[component]
fn Dashboard(d: YearDashboard, lang: Lang) -> impl IntoView {
    let t = lang.dashboard();
    view! {
        <dl class="facts">
            <dt>{t.theme}</dt><dd>{local(&d.theme, lang)}</dd>
            <dt>{t.phase}</dt><dd>{d.phase.label(lang)}</dd>
        </dl>
        <section aria-labelledby="dashboard-entries">
            <h2 id="dashboard-entries">{t.entries_heading}</h2>
            <EntryWeeks weeks=d.weeks lang/>
        </section>
        <section aria-labelledby="dashboard-jurors">
            <h2 id="dashboard-jurors">{t.jurors_heading}</h2>
            <JurorTable jurors=d.jurors lang/>
            <p><a href=lang.href(&format!("/jury/{}/progress", d.year))>{t.to_progress}</a></p>
        </section>
        <section aria-labelledby="dashboard-due">
            <h2 id="dashboard-due">{t.due_heading}</h2>
            <DueList due=d.due lang/>
        </section>
    }
}

/// Three charts on one axis: started, submitted and screened entries at each week's end.
#[component]
fn EntryWeeks(weeks: Vec<WeekCount>, lang: Lang) -> impl IntoView {
    let t = lang.dashboard();
    if weeks.iter().all(|w| w.started == 0) {
        return view! { <p>{t.no_entries}</p> }.into_any();
    }
    let highest = weeks.iter().map(|w| w.started).max().unwrap_or(0) as f64;
    let chart = |what: &'static str, value: fn(&WeekCount) -> u32| {
        let bars = weeks
            .iter()
            .map(|w| Bar {
                label: lang.date(&w.ends),
                value: f64::from(value(w)),
            })
            .collect();
        view! {
            <BarChart caption=fill(t.chart_caption, &[what]) axis_title=t.chart_axis bars decimals=0
                whole=true highest label_prefix=t.week_ending lang/>
        }
    };
    view! {
        <div class="dashboard-charts">
            {chart(t.started, |w| w.started)}
            {chart(t.submitted, |w| w.submitted)}
            {chart(t.screened, |w| w.screened)}
        </div>
    }
    .into_any()
}

#[component]
fn JurorTable(jurors: Vec<JurorLine>, lang: Lang) -> impl IntoView {
    let t = lang.dashboard();
    if jurors.is_empty() {
        return view! { <p>{t.no_jurors}</p> }.into_any();
    }
    view! {
        <ScrollFrame label=t.jurors_heading.to_string()>
            <table>
                <thead><tr>
                    <th scope="col">{t.col_juror}</th>
                    <th scope="col">{t.col_to_score}</th>
                    <th scope="col">{t.col_submitted}</th>
                    <th scope="col">{t.col_drafts}</th>
                    <th scope="col">{t.col_left}</th>
                    <th scope="col">{t.col_recused}</th>
                </tr></thead>
                <tbody>
                    {jurors.into_iter().map(|j| view! {
                        <tr>
                            <th scope="row">{j.name}{j.chair.then(|| format!(" ({})", t.chair))}</th>
                            <td>{j.to_score}</td>
                            <td>{j.submitted}</td>
                            <td>{j.drafts}</td>
                            <td>{j.to_score.saturating_sub(j.submitted)}</td>
                            <td>{j.recused}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollFrame>
    }
    .into_any()
}

/// The dates still ahead, each with the reminders that will go before it.
#[component]
fn DueList(due: Vec<DueLine>, lang: Lang) -> impl IntoView {
    let t = lang.dashboard();
    if due.is_empty() {
        return view! { <p>{t.nothing_due}</p> }.into_any();
    }
    view! {
        <ul class="due-list">
            {due.into_iter().map(|d| {
                let template = match d.what {
                    Milestone::Deadline => t.reminder_drafts,
                    Milestone::ShortlistCloses => t.reminder_answers,
                    _ => t.reminder_jurors,
                };
                view! {
                    <li>
                        <strong>{t.milestones[d.what as usize]}</strong>": "{date_time(&d.at, lang)}
                        {(!d.reminders.is_empty()).then(|| view! {
                            <ul>
                                {d.reminders.into_iter().map(|r| {
                                    let at = lang.date_time(&r.at.date, &r.at.time);
                                    view! { <li>{fill(template, &[&at, &r.days.to_string(), &r.recipients.to_string()])}</li> }
                                }).collect_view()}
                            </ul>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
