//! The organiser's competition pages: the years, a year's settings, and screening.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::competitions::{
    CloneCompetition, DiscardUnsavedScreening, PublishEntryList, RemindEntry, SaveCompetition,
    ScreenEntry, admin_competitions, get_competition_form, get_screening,
};
use crate::components::form::{DiscardForm, form_done, form_error};
use crate::components::{
    current_lang,
    data::load,
    entry_fields::{CheckField, GroupError, LineField, SectionField},
    form::{FormError, either_error, url_error},
    lists::{ScrollFrame, date_time},
    localized::local,
    number_param,
    page_meta::{PageMeta, WidePage},
    round_param,
};
use crate::error::{AppError, Problem};
use crate::i18n::{Lang, entries::fill};
use crate::model::{
    CompetitionAdminRow, CompetitionForm, DEFAULT_LIMITS, DraftRow, PHASE_FIELDS, Phase, SECTIONS,
    SUMMARY_KEY, ScreeningRow, ScreeningView, UnsavedReason, country_name,
};

#[component]
pub fn CompetitionsAdminPage() -> impl IntoView {
    let lang = current_lang();
    let e = lang.e();
    let clone = ServerAction::<CloneCompetition>::new();
    let clone_error = either_error(form_error(clone), url_error("clone_competition"));
    view! {
        <WidePage title=e.admin_competitions description=e.admin_competitions_intro intro=e.admin_competitions_intro>
            <p><a class="button" href=lang.href("/admin/competitions/new")>{e.new_year}</a></p>
            <FormError error=clone_error lang/>
            {load(
                || (),
                |_| admin_competitions(),
                move |rows: Vec<CompetitionAdminRow>| view! { <YearTable rows lang clone/> },
            )}
        </WidePage>
    }
}

#[component]
fn YearTable(
    rows: Vec<CompetitionAdminRow>,
    lang: Lang,
    clone: ServerAction<CloneCompetition>,
) -> impl IntoView {
    let e = lang.e();
    let t = lang.t();
    let latest = rows.first().map(|r| r.year);
    view! {
        {latest.map(|y| view! {
            <ActionForm action=clone>
                <input type="hidden" name="from" value=y.to_string()/>
                <input type="hidden" name="lang" value=lang.code()/>
                <button type="submit" class="button secondary">{fill(e.clone_year, &[&(y + 1).to_string(), &y.to_string()])}</button>
            </ActionForm>
        })}
        <ScrollFrame label=e.admin_competitions.to_string()>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{e.col_year}</th>
                        <th scope="col">{t.theme}</th>
                        <th scope="col">{t.phase}</th>
                        <th scope="col">{e.col_entries}</th>
                        <th scope="col"><span class="visually-hidden">{e.edit}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.year}</td>
                            <td>{local(&r.theme, lang)}</td>
                            <td>{r.phase.label(lang)}</td>
                            <td>{r.entries}" ("{r.submitted}")"</td>
                            <td>
                                <a href=lang.href(&format!("/admin/competitions/{}", r.year))>{e.edit}<span class="visually-hidden">" "{r.year}</span></a>
                                " · "
                                <a href=lang.href(&format!("/admin/competitions/{}/dashboard", r.year))>{lang.dashboard().link}<span class="visually-hidden">" "{r.year}</span></a>
                                " · "
                                <a href=lang.href(&format!("/admin/competitions/{}/entries", r.year))>{e.screen}<span class="visually-hidden">" "{r.year}</span></a>
                                " · "
                                <a href=lang.href(&format!("/admin/competitions/{}/jury", r.year))>{lang.j().my_juries}<span class="visually-hidden">" "{r.year}</span></a>
                                " · "
                                <a href=lang.href(&format!("/admin/competitions/{}/results", r.year))>{lang.p().to_results}<span class="visually-hidden">" "{r.year}</span></a>
                                {(r.phase >= Phase::Decided).then(|| view! {
                                    " · "
                                    <a href=lang.href(&format!("/admin/competitions/{}/dossier", r.year))>{lang.d().link}<span class="visually-hidden">" "{r.year}</span></a>
                                })}
                                " · "
                                <a href=lang.href(&format!("/admin/competitions/{}/messages", r.year))>{lang.messages().link_short}<span class="visually-hidden">" "{r.year}</span></a>
                                " · "
                                <a href=lang.href(&format!("/admin/competitions/{}/mails", r.year))>{lang.mail_texts().link_short}<span class="visually-hidden">" "{r.year}</span></a>
                                " · "
                                <a href=format!("{}?year={}", lang.href("/admin/audit"), r.year)>{lang.audit().history}<span class="visually-hidden">" "{r.year}</span></a>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollFrame>
    }
}

#[component]
pub fn CompetitionEditPage() -> impl IntoView {
    let lang = current_lang();
    let e = lang.e();
    // `/admin/competitions/new` has no year.
    let year_param = number_param("year");
    let year = move || year_param().unwrap_or(0);
    let heading = move || match year() {
        0 => e.new_year.to_string(),
        y => fill(e.edit_year, &[&y.to_string()]),
    };
    view! {
        <PageMeta title=heading() description=e.admin_competitions_intro/>
        <div class="wrap narrow">
            <p class="eyebrow"><a href=lang.href("/admin/competitions")>{e.admin_competitions}</a></p>
            <h1>{heading}</h1>
            {move || (year() > 0).then(|| view! {
                <p><a href=lang.href(&format!("/admin/competitions/{}/dashboard", year()))>{lang.dashboard().link}</a></p>
            })}
            {load(year, get_competition_form, move |f: CompetitionForm| {
                // What a plain form post came back with: an error, or `?saved=1`.
                let saved = use_query_map().read_untracked().get("saved").is_some();
                view! { <YearForm f original=year() lang saved returned_error=url_error("save_competition").get_untracked()/> }
            })}
        </div>
    }
}

/// The year's settings. An island: a refused save keeps everything typed, with the errors at
/// their fields; a plain form post saves the same way.
#[component]
fn YearForm(
    f: CompetitionForm,
    original: i32,
    lang: Lang,
    /// The page was reached by a successful save (`?saved=1`).
    saved: bool,
    /// The error a plain form post came back with.
    returned_error: Option<AppError>,
) -> impl IntoView {
    let e = lang.e();
    let save = ServerAction::<SaveCompetition>::new();
    let errors = Signal::derive(move || match save.value().get() {
        Some(r) => r.err(),
        None => returned_error.clone(),
    });
    let saved = move || match save.value().get() {
        Some(r) => r.is_ok(),
        None => saved,
    };
    let text = move |key: &'static str, label: &'static str, value: &str, required: bool| {
        view! { <LineField name=format!("form[{key}]") key=key.to_string() label=label.to_string() value=value.to_string() lang error=errors required/> }
    };
    let area = move |key: &'static str, label: &'static str, value: &str, required: bool| {
        view! { <SectionField name=format!("form[{key}]") key=key.to_string() label value=value.to_string() limit=None lang error=errors rows=4 required/> }
    };
    let dates = [
        f.opens_at.clone(),
        f.closes_at.clone(),
        f.judging_at.clone(),
        f.deliberation_at.clone(),
        f.decided_at.clone(),
        f.published_at.clone(),
    ];
    view! {
        <ActionForm action=save>
            <input type="hidden" name="original" value=original.to_string()/>
            <input type="hidden" name="lang" value=lang.code()/>
            <p role="status">{move || saved().then_some(e.year_saved)}</p>
            <FormError error=errors lang/>
            <fieldset>
                <legend>{e.part_texts}</legend>
                <LineField name="form[year]".to_string() key="year".to_string() label=e.field_year.into() value=f.year.clone() lang error=errors kind="number" required=true/>
                {text("theme_sv", e.field_theme_sv, &f.theme_sv, true)}
                {text("theme_en", e.field_theme_en, &f.theme_en, false)}
                {area("description_sv", e.field_description_sv, &f.description_sv, true)}
                {area("description_en", e.field_description_en, &f.description_en, false)}
                {area("who_may_apply_sv", e.field_who_sv, &f.who_may_apply_sv, false)}
                {area("who_may_apply_en", e.field_who_en, &f.who_may_apply_en, false)}
                {text("prize_sv", e.field_prize_sv, &f.prize_sv, false)}
                {text("prize_en", e.field_prize_en, &f.prize_en, false)}
            </fieldset>
            <fieldset aria-describedby="phases-hint">
                <legend>{e.part_phases}</legend>
                <p class="hint" id="phases-hint">{e.phases_hint}</p>
                {PHASE_FIELDS.iter().zip(dates).enumerate().map(|(i, (key, value))| view! {
                    <LineField name=format!("form[{key}]") key=key.to_string() label=e.phase_fields[i].to_string() value=value.clone() lang error=errors kind="datetime-local"/>
                }).collect_view()}
            </fieldset>
            <ShortlistFields shortlist=f.shortlist.clone() closes=f.shortlist_closes_at.clone() lang errors/>
            <fieldset>
                <legend>{e.part_reminders}</legend>
                <LineField name="form[deadline_reminders]".to_string() key="deadline_reminders".to_string() label=e.field_deadline_reminders.into() value=f.deadline_reminders.clone() lang error=errors hint=e.hint_deadline_reminders/>
                <LineField name="form[jury_reminders]".to_string() key="jury_reminders".to_string() label=e.field_jury_reminders.into() value=f.jury_reminders.clone() lang error=errors hint=e.hint_jury_reminders/>
            </fieldset>
            <fieldset>
                <legend>{e.part_rubric}</legend>
                <CheckField name="form[blind_until_close]".to_string() id="form-blind".to_string() label=e.field_blind checked=f.blind_until_close hint=e.hint_blind/>
                <CheckField name="form[normalise_scores]".to_string() id="form-normalise".to_string() label=e.field_normalise checked=f.normalise_scores hint=e.hint_normalise/>
                <CheckField name="form[anonymous_review]".to_string() id="form-anonymous".to_string() label=e.field_anonymous checked=f.anonymous_review hint=e.hint_anonymous/>
                <LineField name="form[scale_min]".to_string() key="scale_min".to_string() label=e.field_scale_min.into() value=f.scale_min.clone() lang error=errors kind="number" required=true/>
                <LineField name="form[scale_max]".to_string() key="scale_max".to_string() label=e.field_scale_max.into() value=f.scale_max.clone() lang error=errors kind="number" required=true/>
                {f.criteria.iter().enumerate().map(|(i, k)| {
                    let heading_id = format!("criterion-{i}-heading");
                    let labelled_by = heading_id.clone();
                    view! {
                        <div class="row-group" role="group" aria-labelledby=labelled_by>
                            <h3 id=heading_id>{fill(e.criterion_n, &[&(i + 1).to_string()])}": "{k.name_sv.clone()}</h3>
                            <input type="hidden" name=format!("form[criteria][{i}][key]") value=k.key.clone()/>
                            <LineField name=format!("form[criteria][{i}][name_sv]") key=format!("criteria.{i}.name_sv") label=e.field_name_sv.into() value=k.name_sv.clone() lang error=errors required=true/>
                            <LineField name=format!("form[criteria][{i}][name_en]") key=format!("criteria.{i}.name_en") label=e.field_name_en.into() value=k.name_en.clone() lang error=errors/>
                            <SectionField name=format!("form[criteria][{i}][description_sv]") key=format!("criteria.{i}.description_sv") label=e.field_description_sv value=k.description_sv.clone() limit=None lang error=errors rows=3/>
                            <SectionField name=format!("form[criteria][{i}][description_en]") key=format!("criteria.{i}.description_en") label=e.field_description_en value=k.description_en.clone() limit=None lang error=errors rows=3/>
                            <LineField name=format!("form[criteria][{i}][weight]") key=format!("criteria.{i}.weight") label=e.field_weight.into() value=k.weight.clone() lang error=errors kind="number" required=true/>
                            <SectionField name=format!("form[criteria][{i}][levels_sv]") key=format!("criteria.{i}.levels_sv") label=e.field_levels_sv hint=e.hint_levels value=k.levels_sv.clone() limit=None lang error=errors rows=6/>
                            <SectionField name=format!("form[criteria][{i}][levels_en]") key=format!("criteria.{i}.levels_en") label=e.field_levels_en value=k.levels_en.clone() limit=None lang error=errors rows=6 text_lang=Some("en")/>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset aria-describedby="limits-hint">
                <legend>{e.part_limits}</legend>
                <p class="hint" id="limits-hint">{e.limits_hint}</p>
                {DEFAULT_LIMITS.iter().map(|(key, _)| {
                    let label = SECTIONS
                        .iter()
                        .position(|s| s == key)
                        .map(|i| e.sections[i])
                        .unwrap_or(if *key == SUMMARY_KEY { e.limit_summary } else { key });
                    view! {
                        <LineField name=format!("form[limits][{key}]") key=format!("limits.{key}") label=label.to_string() value=f.limits.get(*key).cloned().unwrap_or_default() lang error=errors kind="number" required=true/>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{e.save_year}</button>
        </ActionForm>
    }
}

#[component]
pub fn ScreeningPage() -> impl IntoView {
    let lang = current_lang();
    let e = lang.e();
    // The home country's round (`/admin/competitions/<year>/entries`), or another country's
    // hosted here (`/admin/rounds/<country>/<year>/entries`), which has no public list or
    // exports of its own.
    let round = round_param();
    let r = round();
    let screen = ServerAction::<ScreenEntry>::new();
    let discard = ServerAction::<DiscardUnsavedScreening>::new();
    let publish = ServerAction::<PublishEntryList>::new();
    let remind = ServerAction::<RemindEntry>::new();
    let (heading, back) = match r.country {
        Some(c) => (
            fill(
                lang.rounds().screening_title,
                &[country_name(c.code(), lang), &r.year.to_string()],
            ),
            (lang.href(&r.admin_path("")), lang.rounds().page),
        ),
        None => (
            fill(e.screening_title, &[&r.year.to_string()]),
            (lang.href("/admin/competitions"), e.admin_competitions),
        ),
    };
    let home = r.country.is_none();
    view! {
        <WidePage title=heading description=e.screening_intro intro=e.screening_intro back>
            {load(
                move || (round(), (screen.version().get(), discard.version().get()), publish.version().get(), remind.version().get()),
                |(r, ..)| get_screening(r.year, r.country_arg()),
                move |v: ScreeningView| view! { <Screening v lang screen discard publish remind home/> },
            )}
        </WidePage>
    }
}

#[component]
fn Screening(
    v: ScreeningView,
    lang: Lang,
    screen: ServerAction<ScreenEntry>,
    discard: ServerAction<DiscardUnsavedScreening>,
    publish: ServerAction<PublishEntryList>,
    remind: ServerAction<RemindEntry>,
    /// The home country's round: with its exports and its public list of entries.
    home: bool,
) -> impl IntoView {
    let e = lang.e();
    let screen_error = either_error(form_error(screen), url_error("screen_entry"));
    let publish_error = either_error(form_error(publish), url_error("publish_entry_list"));
    let year = v.year;
    let (phase, list_published) = (v.phase, v.list_published.clone());
    let list_and_exports = home.then(|| view! {
        <p>
            <a href=format!("/admin/competitions/{year}/entries.csv?dialect={}", lang.csv_dialect()) download>{e.export_csv}</a>
            " · "
            <a href=format!("/admin/competitions/{year}/entries.xlsx") download>{e.export_xlsx}</a>
            " · "
            <a href=format!("{}?year={year}", lang.href("/admin/audit"))>{fill(lang.audit().year_history, &[&year.to_string()])}</a>
        </p>
        <section aria-labelledby="list-heading">
            <h2 id="list-heading">{e.entry_list}</h2>
            <p>{match &list_published {
                Some(at) => fill(e.list_published, &[&lang.date_time(&at.date, &at.time)]),
                None => e.list_not_published.to_string(),
            }}</p>
            <FormError error=publish_error lang/>
            {(phase >= Phase::Screening).then(|| view! {
                <ActionForm action=publish>
                    <input type="hidden" name="year" value=year.to_string()/>
                    <input type="hidden" name="publish" value=list_published.is_none().to_string()/>
                    <button type="submit" class="button secondary">
                        {if list_published.is_none() { e.publish_list } else { e.unpublish_list }}
                    </button>
                </ActionForm>
            })}
        </section>
    });
    let submitted = v.rows.len();
    view! {
        {list_and_exports}
        <section aria-labelledby="submitted-heading">
            <h2 id="submitted-heading">{fill(e.submitted_heading, &[&submitted.to_string()])}</h2>
            // "Not eligible" without a reason marks no field (nothing was typed to keep in one),
            // so its announcement says what is missing; a reason too long is marked in its field.
            <div role="alert" class="form-error-region">
                {move || screen_error.get().map(|err| {
                    let text = match err.field("reason") {
                        Some(Problem::Required) => e.reason_required,
                        _ => err.message(lang),
                    };
                    view! { <p class="form-error">{text}</p> }
                })}
            </div>
            {let can_screen = v.phase >= Phase::Screening;
            if v.rows.is_empty() {
                view! { <p>{e.no_submitted}</p> }.into_any()
            } else {
                view! {
                    <ul class="screening-list">
                        {v.rows.into_iter().map(|r| view! { <ScreeningItem r lang screen discard can_screen history=home/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <DraftList drafts=v.drafts can_remind=v.can_remind lang remind/>
    }
}

/// The drafts not yet submitted, each with "remind now" while the year takes entries.
#[component]
fn DraftList(
    drafts: Vec<DraftRow>,
    can_remind: bool,
    lang: Lang,
    remind: ServerAction<RemindEntry>,
) -> impl IntoView {
    let e = lang.e();
    let remind_error = either_error(form_error(remind), url_error("remind_entry"));
    let reminded = form_done(remind);
    view! {
        <section aria-labelledby="drafts-heading">
            <h2 id="drafts-heading">{fill(e.drafts_heading, &[&drafts.len().to_string()])}</h2>
            <p>{if can_remind { e.drafts_intro } else { e.drafts_closed }}</p>
            <FormError error=remind_error lang/>
            <p role="status">{move || reminded.get().then_some(e.reminded)}</p>
            {if drafts.is_empty() {
                view! { <p>{e.no_drafts}</p> }.into_any()
            } else {
                view! {
                    <ul class="draft-list">
                        {drafts.into_iter().map(|d| {
                            let title = if d.title.trim().is_empty() { e.untitled.to_string() } else { d.title.clone() };
                            let label = format!("{} {} ({})", e.remind_now, title, d.organisation);
                            view! {
                                <li>
                                    <strong>{title}</strong>" · "{d.reference}" · "{d.organisation}
                                    " · "{e.col_updated}": "{date_time(&d.updated, lang)}
                                    {can_remind.then(|| view! {
                                        <ActionForm action=remind attr:class="inline-form">
                                            <input type="hidden" name="entry_id" value=d.id.to_string()/>
                                            " "<button type="submit" class="link-button" aria-label=label>{e.remind_now}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ScreeningItem(
    r: ScreeningRow,
    lang: Lang,
    screen: ServerAction<ScreenEntry>,
    discard: ServerAction<DiscardUnsavedScreening>,
    can_screen: bool,
    /// Links the entry's history in the audit log (the home round's organiser reads it).
    history: bool,
) -> impl IntoView {
    let e = lang.e();
    let id = r.id;
    // The reader's reason refused for what it said comes back in its field, marked; one sent
    // from a page opened before the entry was screened again, with why. Either may be let go.
    let returned = r.kept.clone().filter(|k| k.in_form);
    let kept = returned.is_some();
    let notice = returned.as_ref().map(|k| {
        let words = if k.reason == UnsavedReason::Stale {
            e.reason_kept_stale
        } else {
            e.reason_kept_in_form
        };
        fill(words, &[&lang.date_time(&k.at.date, &k.at.time)])
    });
    let reason_key = format!("reason-{id}");
    let returned_error = Signal::stored(
        r.problem
            .filter(|_| returned.is_some())
            .map(|p| AppError::invalid_field(&reason_key, p)),
    );
    let reason = returned
        .map(|k| k.form)
        .or(r.reason.clone())
        .unwrap_or_default();
    let heading_id = format!("screen-{id}-heading");
    let labelled_by = heading_id.clone();
    let title = if r.title.trim().is_empty() {
        e.untitled.to_string()
    } else {
        r.title.clone()
    };
    view! {
        <li class="screening-item" aria-labelledby=labelled_by>
            <h3 id=heading_id><a href=lang.href(&format!("/entries/{id}/preview"))>{title}</a></h3>
            <p class="meta">
                {r.reference.clone()}" · "{r.organisation.clone()}" · "<strong>{r.status.label(lang)}</strong>
                " · "{e.col_updated}": "{date_time(&r.updated, lang)}
                {r.submitted.as_ref().map(|s| view! { " · "{e.col_submitted}": "{date_time(s, lang)} })}
                {history.then(|| view! {
                    " · "<a href=format!("{}?object=entry:{id}", lang.href("/admin/audit"))>{lang.audit().history}<span class="visually-hidden">" "{r.reference.clone()}</span></a>
                })}
            </p>
            {r.reason.clone().map(|reason| view! { <p>{e.reason}": "{reason}</p> })}
            {can_screen.then(|| view! {
                <ActionForm action=screen>
                    <input type="hidden" name="entry_id" value=id.to_string()/>
                    <input type="hidden" name="seen" value=r.seen.clone()/>
                    {notice.map(|n| view! { <p class="notice">{n}</p> })}
                    <SectionField name="reason".to_string() key=reason_key label=e.reason hint=e.reason_hint value=reason limit=None lang error=returned_error rows=2/>
                    <button type="submit" class="button" name="eligible" value="true">{e.mark_eligible}</button>
                    " "
                    <button type="submit" class="button secondary" name="eligible" value="false">{e.mark_ineligible}</button>
                </ActionForm>
                {kept.then(|| view! {
                    <DiscardForm action=discard label=e.unsaved_discard lang>
                        <input type="hidden" name="entry_id" value=id.to_string()/>
                    </DiscardForm>
                })}
            })}
        </li>
    }
}

/// Whether the year has a shortlist round, of which kind, and its date.
#[component]
fn ShortlistFields(
    shortlist: String,
    closes: String,
    lang: Lang,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let s = lang.shortlist();
    let kinds = [
        ("", s.kind_none),
        ("rating", s.kind_rating),
        ("vote", s.kind_vote),
    ];
    view! {
        <fieldset aria-describedby="shortlist-hint">
            <legend>{s.part}</legend>
            <p class="hint" id="shortlist-hint">{s.part_hint}</p>
            <GroupError key="shortlist" lang error=errors/>
            {kinds.into_iter().map(|(code, label)| {
                let id = format!("form-shortlist-{}", if code.is_empty() { "none" } else { code });
                view! {
                    <div class="check"><input type="radio" id=id.clone() name="form[shortlist]" value=code checked=shortlist == code/><label for=id>{label}</label></div>
                }
            }).collect_view()}
            <LineField name="form[shortlist_closes_at]".to_string() key="shortlist_closes_at".to_string() label=s.field_closes.into() value=closes lang error=errors kind="datetime-local" hint=s.hint_closes/>
        </fieldset>
    }
}
