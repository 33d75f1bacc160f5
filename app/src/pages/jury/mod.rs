//! The jury's pages: a juror's years and entries, scoring, the chair's progress and ranking
//! with the decision, the organiser's jury page, and answering an invitation.
mod admin;
mod deliberation;
mod discussion;
mod grid;
mod invitation;
mod scoring;
mod shortlist;
mod unsaved;

pub use admin::*;
pub use deliberation::*;
pub use discussion::*;
pub use grid::*;
pub use invitation::*;
pub use scoring::*;
pub use shortlist::*;
pub use unsaved::*;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::account::action_error;
use crate::api::jury::{
    AddConflict, AddJuryNote, AnswerJuryInvitation, AppointChair, AssignJury, DeclareConflict,
    InviteJuror, RecordDecision, RemindJuror, ReopenDecision, ResendJurorInvitation,
    RevokeJurorInvitation, SetJuryAssignment, get_jury_admin, get_jury_discussion, get_jury_grid,
    get_jury_home, get_jury_invitation, get_jury_progress, get_jury_ranking, get_my_juries,
    get_scoring,
};
use crate::components::form::{form_done, form_error};
use crate::components::{
    charts::{Bar, BarChart},
    current_lang,
    data::{load, load_page},
    entry_document::EntryDocument,
    entry_fields::{GroupError, LineField, SectionField},
    form::{FormError, NumberChoice, RoundFields, SelectField, either_error, url_error, url_ok},
    lists::{LevelList, ScrollFrame, date_time},
    localized::local,
    number_param,
    page_meta::{NarrowPage, PageMeta, WidePage},
    round_param,
};
use crate::i18n::{Lang, entries::fill};
use crate::model::SECTIONS;
use crate::model::{
    DecisionInput, EntryLink, Hidden, JurorHome, JuryAdminView, JuryInvitationInfo, ProgressMatrix,
    RankingView, Reopening, RoundRef, ScoringView, SheetStatus, Text, When, country_name,
};

/// The title of a round's jury: "Juryn 2027", the European final's, or another country's
/// round's.
fn jury_title(r: RoundRef, lang: Lang) -> String {
    let year = r.year.to_string();
    match (r.europe, r.country) {
        (true, _) => fill(lang.eu().jury_title, &[&year]),
        (false, Some(c)) => fill(
            lang.rounds().jury_title,
            &[country_name(c.code(), lang), &year],
        ),
        (false, None) => fill(lang.j().jury_year, &[&year]),
    }
}

/// The language entries of the round are written in: Swedish in the home round, English in the
/// final and in other countries' rounds.
fn entry_lang(r: RoundRef) -> &'static str {
    if r.europe || r.country.is_some() {
        "en"
    } else {
        "sv"
    }
}

fn param(name: &'static str) -> impl Fn() -> i32 + Clone + Send + Sync + 'static {
    let number = number_param(name);
    move || number().unwrap_or(0)
}

fn status_label(s: SheetStatus, lang: Lang) -> &'static str {
    lang.j().sheet_statuses[match s {
        SheetStatus::NotStarted => 0,
        SheetStatus::Draft => 1,
        SheetStatus::Submitted => 2,
        SheetStatus::Recused => 3,
    }]
}

#[component]
pub fn JuryIndexPage() -> impl IntoView {
    let lang = current_lang();
    let j = lang.j();
    view! {
        <NarrowPage title=j.my_juries>
            {load(|| (), |_| get_my_juries(), move |years: Vec<(RoundRef, Text)>| {
                if years.is_empty() {
                    return view! { <p>{j.no_juries}</p> }.into_any();
                }
                view! {
                    <ul>
                        {years.into_iter().map(|(r, theme)| view! {
                            <li><a href=lang.href(&r.jury_path(""))>{jury_title(r, lang)}</a>": "{local(&theme, lang)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </NarrowPage>
    }
}

#[component]
pub fn JurorHomePage() -> impl IntoView {
    let lang = current_lang();
    let round = round_param();
    let r = round();
    load_page(
        round,
        |r: RoundRef| get_jury_home(r.year, r.europe_arg(), r.country_arg()),
        move |h: JurorHome| view! { <JurorHomeView h r lang/> },
    )
}

#[component]
fn JurorHomeView(h: JurorHome, r: RoundRef, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let e = lang.e();
    let title = jury_title(r, lang);
    let text_lang = entry_lang(r);
    let anonymous = h.anonymous;
    view! {
        <PageMeta title=title.clone() description=j.my_juries/>
        <div class="wrap">
            <h1>{title}</h1>
            <p>{local(&h.theme, lang)}" · "{h.phase.label(lang)}
                {h.closes.as_ref().map(|c| view! { " · "{j.closes}" "{date_time(c, lang)} })}</p>
            <label for="jury-progress">{fill(j.progress_label, &[&h.submitted.to_string(), &h.to_score.to_string()])}</label>
            <progress id="jury-progress" max=h.to_score.max(1) value=h.submitted>{format!("{}/{}", h.submitted, h.to_score)}</progress>
            {h.chair.then(|| view! {
                <p>
                    <a href=lang.href(&r.jury_path("/progress"))>{j.to_progress}</a>" · "
                    <a href=lang.href(&r.jury_path("/ranking"))>{j.to_ranking}</a>
                </p>
            })}
            {anonymous.then(|| view! { <p class="notice">{j.anonymous_review}</p> })}
            {h.shortlist.map(|s| view! { <ShortlistNotice s r lang/> })}
            <ScrollFrame label=j.your_entries.to_string()>
                <table>
                    <thead><tr>
                        <th scope="col">{e.col_title}</th>
                        <th scope="col">{e.col_reference}</th>
                        {(!anonymous).then(|| view! { <th scope="col">{e.col_organisation}</th> })}
                        <th scope="col">{e.col_status}</th>
                    </tr></thead>
                    <tbody>
                        {h.entries.into_iter().map(|row| view! {
                            <tr>
                                <td>{if row.status == SheetStatus::Recused {
                                    view! { <span lang=text_lang>{row.title.clone()}</span> }.into_any()
                                } else {
                                    view! { <a lang=text_lang href=lang.href(&r.jury_path(&format!("/entries/{}", row.entry_id)))>{row.title.clone()}</a> }.into_any()
                                }}</td>
                                <td>{row.reference}</td>
                                {(!anonymous).then(|| view! { <td>{row.organisation}</td> })}
                                <td class=format!("sheet-{}", row.status.code())>{status_label(row.status, lang)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </ScrollFrame>
            <ReadingPackLinks r lang/>
        </div>
    }
}

/// The juror's reading pack of the round: their entries in one PDF, the attachments in a zip.
#[component]
fn ReadingPackLinks(r: RoundRef, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let query = if lang == Lang::En { "?lang=en" } else { "" };
    let pack = move |ext: &str| format!("{}{query}", r.jury_path(&format!("/reading-pack.{ext}")));
    view! {
        <section aria-labelledby="pack-heading">
            <h2 id="pack-heading">{j.pack_title}</h2>
            <p>{j.pack_hint}</p>
            <ul>
                <li><a href=pack("pdf")>{j.pack_pdf}</a></li>
                <li><a href=pack("zip")>{j.pack_zip}</a></li>
            </ul>
        </section>
    }
}

/// Why a juror does not see the other jurors' scores, or the jury's discussion, yet.
fn hidden_note(h: Hidden, lang: Lang) -> &'static str {
    match h {
        Hidden::UntilOwnSubmitted => lang.j().hidden_until_own,
        Hidden::UntilJudgingCloses => lang.j().hidden_until_close,
    }
}
