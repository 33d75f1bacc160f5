//! The jury's pages: a juror's years and entries, scoring, the chair's progress and ranking
//! with the decision, the organiser's jury page, and answering an invitation.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::account::action_error;
use crate::api::jury::{
    AddConflict, AnswerJuryInvitation, AppointChair, AssignJury, DeclareConflict, InviteJuror,
    RecordDecision, ResendJurorInvitation, RevokeJurorInvitation, SetJuryAssignment,
    get_jury_admin, get_jury_home, get_jury_invitation, get_jury_progress, get_jury_ranking,
    get_my_juries, get_scoring,
};
use crate::components::form::{form_done, form_error};
use crate::components::{
    current_lang,
    data::{load, load_page},
    entry_document::EntryDocument,
    entry_fields::{LineField, SectionField},
    form::{FormError, either_error, url_error},
    lists::date_time,
    localized::local,
    page_meta::PageMeta,
};
use crate::i18n::{Lang, entries::fill};
use crate::model::{
    Hidden, JurorHome, JuryAdminView, JuryInvitationInfo, ProgressMatrix, RankingView, ScoringView,
    SheetStatus, Text,
};

fn param(name: &'static str) -> impl Fn() -> i32 + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get(name)
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    }
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
        <PageMeta title=j.my_juries description=j.my_juries/>
        <div class="wrap narrow">
            <h1>{j.my_juries}</h1>
            {load(|| (), |_| get_my_juries(), move |years: Vec<(i32, Text)>| {
                if years.is_empty() {
                    return view! { <p>{j.no_juries}</p> }.into_any();
                }
                view! {
                    <ul>
                        {years.into_iter().map(|(y, theme)| view! {
                            <li><a href=lang.href(&format!("/jury/{y}"))>{fill(j.jury_year, &[&y.to_string()])}</a>": "{local(&theme, lang)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </div>
    }
}

#[component]
pub fn JurorHomePage() -> impl IntoView {
    let lang = current_lang();
    load_page(
        param("year"),
        get_jury_home,
        move |h: JurorHome| view! { <JurorHomeView h lang/> },
    )
}

#[component]
fn JurorHomeView(h: JurorHome, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let e = lang.e();
    let title = fill(j.jury_year, &[&h.year.to_string()]);
    let y = h.year;
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
                    <a href=lang.href(&format!("/jury/{y}/progress"))>{j.to_progress}</a>" · "
                    <a href=lang.href(&format!("/jury/{y}/ranking"))>{j.to_ranking}</a>
                </p>
            })}
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col">{e.col_title}</th>
                        <th scope="col">{e.col_reference}</th>
                        <th scope="col">{e.col_organisation}</th>
                        <th scope="col">{e.col_status}</th>
                    </tr></thead>
                    <tbody>
                        {h.entries.into_iter().map(|r| view! {
                            <tr>
                                <td>{if r.status == SheetStatus::Recused {
                                    view! { <span lang="sv">{r.title.clone()}</span> }.into_any()
                                } else {
                                    view! { <a lang="sv" href=lang.href(&format!("/jury/{y}/entries/{}", r.entry_id))>{r.title.clone()}</a> }.into_any()
                                }}</td>
                                <td>{r.reference}</td>
                                <td>{r.organisation}</td>
                                <td class=format!("sheet-{}", r.status.code())>{status_label(r.status, lang)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
pub fn ScoringPage() -> impl IntoView {
    let lang = current_lang();
    let id = param("id");
    load_page(
        id,
        get_scoring,
        move |v: ScoringView| view! { <Scoring v lang/> },
    )
}

#[component]
fn Scoring(v: ScoringView, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let declare = ServerAction::<DeclareConflict>::new();
    let declare_error = url_error("declare_conflict");
    let title = v.entry.title.clone();
    let year = v.year;
    view! {
        <PageMeta title=format!("{} – {}", j.score_entry, title) description=j.score_entry/>
        <div class="wrap narrow scoring">
            <p class="eyebrow"><a href=lang.href(&format!("/jury/{year}"))>{fill(j.jury_year, &[&year.to_string()])}</a></p>
            <h1>{j.score_entry}": "<span lang="sv">{title}</span></h1>
            <p class="meta">{v.reference.clone()}{v.closes.as_ref().map(|c| view! { " · "{j.closes}" "{date_time(c, lang)} })}</p>
            <p class="notice">{j.supporting_note}</p>
            <EntryDocument draft=v.entry.clone() limits=Default::default() lang attachments=v.attachments.clone()/>
            <section aria-labelledby="scores-heading">
                <h2 id="scores-heading">{j.your_scores}</h2>
                {(!v.editable).then(|| view! { <p>{j.closed_note}</p> })}
                <ScoreSheet
                    entry_id=v.entry_id
                    revision=v.revision
                    submitted=v.status == SheetStatus::Submitted
                    editable=v.editable
                    criteria=v.criteria.clone()
                    scale=v.scale
                    sheet=v.sheet.clone()
                    lang
                    returned_error=url_error("save_scores").get_untracked()
                />
            </section>
            <OthersView others=v.others.clone() lang/>
            {v.editable.then(|| view! {
                <section aria-labelledby="conflict-heading" class="withdraw-box">
                    <h2 id="conflict-heading">{j.conflict_title}</h2>
                    <p id="conflict-hint">{j.conflict_hint}</p>
                    <ActionForm action=declare>
                        <FormError error=declare_error lang/>
                        <input type="hidden" name="entry_id" value=v.entry_id.to_string()/>
                        <SectionField name="reason".to_string() key="reason".to_string() label=j.conflict_reason value=String::new() limit=None lang error=declare_error rows=2 required=true/>
                        <button type="submit" class="button secondary" aria-describedby="conflict-hint">{j.declare_conflict}</button>
                    </ActionForm>
                </section>
            })}
        </div>
    }
}

/// Where a score sheet's saving stands.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum SheetSave {
    Idle,
    Saving,
    /// Saved as a draft at `HH:MM`.
    Saved(String),
    Retrying,
    /// Another tab saved in between: reload to see it.
    Conflict,
}

/// The juror's score sheet. It saves itself as a draft two seconds after the last change, one
/// request at a time, retried with backoff while the server cannot be reached. "Save" and
/// "Submit" wait for a running autosave, send the sheet, and read the page again; without
/// scripts they are plain form posts. The sheet is never re-rendered while the juror works,
/// so no timer outlives what it refers to.
#[island]
fn ScoreSheet(
    entry_id: i32,
    revision: i32,
    submitted: bool,
    editable: bool,
    criteria: Vec<crate::model::CriterionInfo>,
    scale: (i32, i32),
    sheet: crate::model::SheetForm,
    lang: Lang,
    /// The error a plain form post came back with.
    returned_error: Option<crate::error::AppError>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let j = lang.j();
    let revision = RwSignal::new(revision);
    let state = RwSignal::new(SheetSave::Idle);
    let error = RwSignal::new(returned_error);
    let errors = Signal::from(error);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let sheet_save = SheetSaver {
        entry_id,
        form: form_ref,
        revision,
        state,
        error,
        changes: StoredValue::new(0),
        in_flight: StoredValue::new(false),
        queued: StoredValue::new(None),
        failures: StoredValue::new(0),
    };
    let on_change = move |_| {
        if editable {
            sheet_save.changed();
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            ev.prevent_default();
            let submit = ev
                .submitter()
                .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
                .is_some_and(|b| b.value() == "true");
            sheet_save.send(Some(submit));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let saved_text = move || match state.get() {
        SheetSave::Idle => String::new(),
        SheetSave::Saving => lang.e().saving.to_string(),
        SheetSave::Saved(at) => fill(j.saved, &[&at]),
        SheetSave::Retrying => lang.e().retrying.to_string(),
        SheetSave::Conflict => j.sheet_conflict.to_string(),
    };
    let (lo, hi) = scale;
    view! {
        <p role="status" id="save-state">{submitted.then_some(j.submitted_scores)}" "{saved_text}</p>
        <form method="post" action="/api/save_scores" node_ref=form_ref on:input=on_change on:change=on_change on:submit=on_submit>
            <FormError error=errors lang/>
            <input type="hidden" name="entry_id" value=entry_id.to_string()/>
            <input type="hidden" name="revision" value=move || revision.get().to_string()/>
            {criteria.iter().enumerate().map(|(i, k)| {
                let s = sheet.scores.get(i).cloned().unwrap_or_default();
                let heading_id = format!("criterion-{i}");
                let labelled = heading_id.clone();
                view! {
                    <fieldset class="criterion" aria-labelledby=labelled>
                        <legend id=heading_id>{local(&k.name, lang)}" ("{fill(lang.e().weight, &[&k.weight.to_string()])}")"</legend>
                        <p class="hint">{local(&k.description, lang)}</p>
                        <input type="hidden" name=format!("sheet[scores][{i}][key]") value=k.key.clone()/>
                        <LineField name=format!("sheet[scores][{i}][score]") key=format!("scores.{i}.score") label=format!("{} – {}", j.score_label, k.name.pick(lang).0) value=s.score lang error=errors kind="number" hint=if lo == 0 && hi == 5 { "0–5" } else { "" } required=true/>
                        <SectionField name=format!("sheet[scores][{i}][comment]") key=format!("scores.{i}.comment") label=j.comment_label value=s.comment limit=None lang error=errors rows=3/>
                    </fieldset>
                }
            }).collect_view()}
            <SectionField name="sheet[overall_comment]".to_string() key="overall_comment".to_string() label=j.overall_comment value=sheet.overall_comment.clone() limit=None lang error=errors rows=4/>
            <p class="hint">{fill(j.scale_hint, &[&lo.to_string(), &hi.to_string()])}</p>
            <button type="submit" class="button secondary" name="submit" value="false" disabled=!editable>{j.save}</button>
            " "
            <button type="submit" class="button" name="submit" value="true" disabled=!editable>{j.submit_scores}</button>
        </form>
    }
}

/// The score sheet's saving: drafts after changes, and the buttons' saves.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct SheetSaver {
    entry_id: i32,
    form: NodeRef<leptos::html::Form>,
    revision: RwSignal<i32>,
    state: RwSignal<SheetSave>,
    error: RwSignal<Option<crate::error::AppError>>,
    /// Bumped on every change; a timer saves only if no change came after it.
    changes: StoredValue<u64>,
    in_flight: StoredValue<bool>,
    /// What to send once the running request is answered: a draft (`None`), or a button's save
    /// (`Some(submit)`), which replaces any draft.
    queued: StoredValue<Option<Option<bool>>>,
    failures: StoredValue<u32>,
}

impl SheetSaver {
    fn changed(self) {
        if self.state.get_untracked() == SheetSave::Conflict {
            return;
        }
        self.changes.update_value(|n| *n += 1);
        #[cfg(feature = "hydrate")]
        {
            let at = self.changes.get_value();
            set_timeout(
                move || {
                    if self.changes.get_value() == at {
                        self.send(None);
                    }
                },
                std::time::Duration::from_secs(2),
            );
        }
    }

    /// Sends the sheet: as a draft (`None`), or saved or submitted by a button.
    #[cfg(feature = "hydrate")]
    fn send(self, button: Option<bool>) {
        use crate::api::jury::{SaveScores, save_scores};
        use crate::error::{AppError, Conflict};
        use leptos::form::FromFormData;
        if button.is_some() {
            // A button's save makes any waiting draft save unnecessary.
            self.changes.update_value(|n| *n += 1);
        }
        if self.in_flight.get_value() {
            let queued = self.queued.get_value();
            if button.is_some() || queued.is_none() {
                self.queued.set_value(Some(button.or(queued.flatten())));
            }
            return;
        }
        if button.is_none() && self.state.get_untracked() == SheetSave::Conflict {
            return;
        }
        let Some(form) = self.form.get_untracked() else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let Ok(args) = SaveScores::from_form_data(&data) else {
            return;
        };
        self.in_flight.set_value(true);
        self.state.set(SheetSave::Saving);
        let revision = self.revision.get_untracked();
        let submit = button.map(|b| b.to_string());
        leptos::task::spawn_local(async move {
            let result = save_scores(self.entry_id, revision, args.sheet, submit).await;
            self.in_flight.set_value(false);
            match result {
                Ok(saved) => {
                    self.failures.set_value(0);
                    self.revision.set(saved.revision);
                    self.error.set(None);
                    if button.is_some() {
                        // Read the page again: status, and others' scores once submitted.
                        let _ = window().location().reload();
                        return;
                    }
                    self.state.set(SheetSave::Saved(saved.at.time));
                }
                Err(AppError::Conflict(Conflict::Stale)) => {
                    self.state.set(SheetSave::Conflict);
                }
                Err(err @ (AppError::Invalid(_) | AppError::Conflict(_))) if button.is_some() => {
                    self.error.set(Some(err));
                    self.state.set(SheetSave::Idle);
                }
                Err(AppError::Invalid(_)) => {
                    // A draft with a value out of range: submitting will say so.
                    self.state.set(SheetSave::Idle);
                }
                Err(
                    err @ (AppError::Unauthenticated
                    | AppError::Forbidden
                    | AppError::NotFound
                    | AppError::Conflict(_)),
                ) => {
                    self.error.set(Some(err));
                    self.state.set(SheetSave::Idle);
                }
                Err(_) => {
                    // Network or server trouble: keep the sheet and try again, backing off.
                    let n = self.failures.get_value() + 1;
                    self.failures.set_value(n);
                    self.state.set(SheetSave::Retrying);
                    let wait = 2u64.pow(n.min(5)).min(30);
                    let again = self.queued.get_value().unwrap_or(button);
                    self.queued.set_value(None);
                    set_timeout(
                        move || self.send(again),
                        std::time::Duration::from_secs(wait),
                    );
                    return;
                }
            }
            if let Some(next) = self.queued.get_value() {
                self.queued.set_value(None);
                self.send(next);
            }
        });
    }
}

#[component]
fn OthersView(others: Result<Vec<crate::model::OtherSheet>, Hidden>, lang: Lang) -> impl IntoView {
    let j = lang.j();
    view! {
        <section aria-labelledby="others-heading">
            <h2 id="others-heading">{j.others_title}</h2>
            {match others {
                Err(Hidden::UntilOwnSubmitted) => view! { <p class="others-hidden">{j.hidden_until_own}</p> }.into_any(),
                Err(Hidden::UntilJudgingCloses) => view! { <p class="others-hidden">{j.hidden_until_close}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>{j.no_others}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="others">
                        {list.into_iter().map(|o| view! {
                            <li>
                                <strong>{o.juror}</strong>" – "{j.total}": "{format!("{:.2}", o.total)}
                                <ul>{o.scores.into_iter().map(|s| view! { <li>{s.key}": "{s.score}" "{s.comment}</li> }).collect_view()}</ul>
                                {(!o.overall_comment.is_empty()).then(|| view! { <p>{o.overall_comment}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
pub fn JuryProgressPage() -> impl IntoView {
    let lang = current_lang();
    let year = param("year");
    let y = year();
    let j = lang.j();
    view! {
        <PageMeta title=fill(j.progress_title, &[&y.to_string()]) description=j.to_progress/>
        <div class="wrap">
            <h1>{fill(j.progress_title, &[&y.to_string()])}</h1>
            {load(year, get_jury_progress, move |m: ProgressMatrix| view! { <Matrix m lang/> })}
        </div>
    }
}

#[component]
fn Matrix(m: ProgressMatrix, lang: Lang) -> impl IntoView {
    let j = lang.j();
    view! {
        <div class="table-scroll">
            <table class="matrix">
                <thead><tr>
                    <th scope="col">{j.col_entry}</th>
                    {m.jurors.iter().map(|(_, name)| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {m.entries.iter().zip(m.cells.iter()).map(|((_, title), row)| view! {
                        <tr>
                            <th scope="row" lang="sv">{title.clone()}</th>
                            {row.iter().map(|cell| match cell {
                                Some(s) => view! { <td class=format!("sheet-{}", s.code())>{status_label(*s, lang)}</td> }.into_any(),
                                None => view! { <td>"–"</td> }.into_any(),
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn JuryRankingPage() -> impl IntoView {
    let lang = current_lang();
    let year = param("year");
    let y = year();
    let j = lang.j();
    view! {
        <PageMeta title=fill(j.ranking_title, &[&y.to_string()]) description=j.tie_rule/>
        <div class="wrap">
            <h1>{fill(j.ranking_title, &[&y.to_string()])}</h1>
            <p class="notice">{j.tie_rule}</p>
            <p>
                <a href=format!("/jury/{y}/scores.csv") download>{j.export_csv}</a>" · "
                <a href=format!("/jury/{y}/scores.xlsx") download>{j.export_xlsx}</a>
            </p>
            {load(year, get_jury_ranking, move |r: RankingView| view! { <Ranking r lang/> })}
        </div>
    }
}

#[component]
fn Ranking(r: RankingView, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let errors = url_error("record_decision");
    let entries: Vec<(i32, String)> = r
        .rows
        .iter()
        .map(|x| (x.entry_id, x.title.clone()))
        .collect();
    view! {
        {r.normalised.then(|| view! { <p>{j.normalised_note}</p> })}
        <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{j.col_rank}</th>
                    <th scope="col">{j.col_entry}</th>
                    <th scope="col">{j.col_score}</th>
                    <th scope="col">{j.col_raw}</th>
                    <th scope="col">{j.col_spread}</th>
                    <th scope="col">{j.col_effect}</th>
                    <th scope="col">{j.col_jurors}</th>
                </tr></thead>
                <tbody>
                    {r.rows.iter().map(|x| view! {
                        <tr>
                            <td>{x.rank}{x.tied.then(|| view! { " "<span class="badge">{j.tied}</span> })}</td>
                            <th scope="row"><span lang="sv">{x.title.clone()}</span><br/><small>{x.organisation.clone()}</small>
                                {(!x.recused.is_empty()).then(|| view! { <br/><small>{j.recused_by}": "{x.recused.join(", ")}</small> })}</th>
                            <td>{format!("{:.2}", x.score)}</td>
                            <td>{format!("{:.2}", x.raw_mean)}</td>
                            <td>{format!("{:.2}", x.spread)}</td>
                            <td>{format!("{:.2}", x.effect_mean)}</td>
                            <td>{x.jurors}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <SpreadChart rows=r.rows.iter().map(|x| (x.title.clone(), x.spread)).collect() lang/>
        <DistributionChart distribution=r.distribution.clone() scale=r.scale lang/>
        <section aria-labelledby="comments-heading">
            <h2 id="comments-heading">{j.comments}</h2>
            {r.rows.iter().filter(|x| !x.comments.is_empty()).map(|x| view! {
                <h3 lang="sv">{x.title.clone()}</h3>
                <ul>{x.comments.iter().map(|(who, c)| view! { <li><strong>{who.clone()}":"</strong>" "{c.clone()}</li> }).collect_view()}</ul>
            }).collect_view()}
        </section>
        <section aria-labelledby="decision-heading">
            <h2 id="decision-heading">{j.decision_title}</h2>
            {match r.decided {
                Some(at) => view! { <p role="status">{fill(j.decided_at, &[&lang.date_time(&at.date, &at.time)])}</p> }.into_any(),
                None => view! { <DecisionForm year=r.year entries=entries.clone() lang returned_error=errors.get_untracked()/> }.into_any(),
            }}
        </section>
    }
}

/// The chair's decision, a plain form: a refused decision comes back with its error (the loader
/// puts back what was typed); a recorded one comes back to the page, which then shows it.
#[component]
fn DecisionForm(
    year: i32,
    entries: Vec<(i32, String)>,
    lang: Lang,
    returned_error: Option<crate::error::AppError>,
) -> impl IntoView {
    let j = lang.j();
    let decide = ServerAction::<RecordDecision>::new();
    let errors = Signal::derive(move || match decide.value().get() {
        Some(r) => r.err(),
        None => returned_error.clone(),
    });
    view! {
                    <ActionForm action=decide>
                        <FormError error=errors lang/>
                        <input type="hidden" name="year" value=year.to_string()/>
                        <div class="field">
                            <label for="decision-winner">{j.winner}" *"</label>
                            <select id="decision-winner" name="winner">
                                {entries.iter().map(|(id, t)| view! { <option value=id.to_string()>{t.clone()}</option> }).collect_view()}
                            </select>
                        </div>
                        <fieldset>
                            <legend>{j.runners_up}</legend>
                            {entries.iter().enumerate().map(|(i, (id, t))| view! {
                                <div class="check"><input type="checkbox" id=format!("runner-{id}") name=format!("runners_up[{i}]") value=id.to_string()/><label for=format!("runner-{id}")>{t.clone()}</label></div>
                            }).collect_view()}
                        </fieldset>
                        <fieldset>
                            <legend>{j.mentions}</legend>
                            {entries.iter().enumerate().map(|(i, (id, t))| view! {
                                <div class="check"><input type="checkbox" id=format!("mention-{id}") name=format!("mentions[{i}]") value=id.to_string()/><label for=format!("mention-{id}")>{t.clone()}</label></div>
                            }).collect_view()}
                        </fieldset>
                        <SectionField name="motivation_sv".to_string() key="motivation_sv".to_string() label=j.motivation_sv hint=j.motivation_hint value=String::new() limit=None lang error=errors rows=5 required=true/>
                        <SectionField name="motivation_en".to_string() key="motivation_en".to_string() label=j.motivation_en hint=j.motivation_hint value=String::new() limit=None lang error=errors rows=5/>
                        <SectionField name="tie_reason".to_string() key="tie_reason".to_string() label=j.tie_reason hint=j.tie_reason_hint value=String::new() limit=None lang error=errors rows=2/>
                        <button type="submit" class="button">{j.record_decision}</button>
                    </ActionForm>
    }
}

/// Bars of the spread (standard deviation) per entry, as inline SVG with a text equivalent.
#[component]
fn SpreadChart(rows: Vec<(String, f64)>, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let max = rows.iter().map(|r| r.1).fold(0.0f64, f64::max).max(0.5);
    let height = 24 * rows.len().max(1) + 10;
    view! {
        <figure class="chart">
            <figcaption>{j.spread_chart}</figcaption>
            <svg role="img" aria-label=j.spread_chart width="100%" viewBox=format!("0 0 600 {height}") preserveAspectRatio="xMinYMin meet">
                {rows.iter().enumerate().map(|(i, (title, v))| {
                    let w = (v / max * 380.0).max(1.0);
                    let y = 5 + i * 24;
                    view! {
                        <text x="0" y=y + 15 font-size="12">{title.chars().take(28).collect::<String>()}</text>
                        <rect x="200" y=y width=w height="16" fill="#0b4a7a"></rect>
                        <text x=205.0 + w y=y + 13 font-size="12">{format!("{v:.2}")}</text>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

/// How many scores each value got, per criterion, as small bar groups in inline SVG.
#[component]
fn DistributionChart(
    distribution: Vec<(Text, Vec<u32>)>,
    scale: (i32, i32),
    lang: Lang,
) -> impl IntoView {
    let j = lang.j();
    let max = distribution
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    view! {
        <figure class="chart">
            <figcaption>{j.distribution}</figcaption>
            {distribution.into_iter().map(|(name, counts)| {
                let label = format!("{}: {}", name.pick(lang).0, counts.iter().enumerate().map(|(i, c)| format!("{}={c}", scale.0 + i as i32)).collect::<Vec<_>>().join(", "));
                view! {
                    <svg role="img" aria-label=label width="220" height="80" viewBox="0 0 220 80">
                        {counts.iter().enumerate().map(|(i, c)| {
                            let h = (*c as f64 / max * 50.0).max(0.5);
                            let x = 10 + i * 34;
                            view! {
                                <rect x=x y=60.0 - h width="24" height=h fill="#8a4b00"></rect>
                                <text x=x + 8 y="75" font-size="11">{scale.0 + i as i32}</text>
                            }
                        }).collect_view()}
                        <text x="0" y="10" font-size="11">{name.pick(lang).0.to_string()}</text>
                    </svg>
                }
            }).collect_view()}
        </figure>
    }
}

#[component]
pub fn JuryAdminPage() -> impl IntoView {
    let lang = current_lang();
    let j = lang.j();
    let year = param("year");
    let invite = ServerAction::<InviteJuror>::new();
    let resend = ServerAction::<ResendJurorInvitation>::new();
    let revoke = ServerAction::<RevokeJurorInvitation>::new();
    let chair = ServerAction::<AppointChair>::new();
    let conflict = ServerAction::<AddConflict>::new();
    let manual = ServerAction::<SetJuryAssignment>::new();
    let acts = JuryActions {
        invite,
        resend,
        revoke,
        chair,
        conflict,
        manual,
    };
    let y = year();
    view! {
        <PageMeta title=fill(j.admin_title, &[&y.to_string()]) description=j.members/>
        <div class="wrap">
            <p class="eyebrow"><a href=lang.href("/admin/competitions")>{lang.e().admin_competitions}</a></p>
            <h1>{fill(j.admin_title, &[&y.to_string()])}</h1>
            {load(
                move || (year(), invite.version().get(), resend.version().get(), revoke.version().get(), chair.version().get(), conflict.version().get(),
                    manual.version().get()),
                |(y, ..)| get_jury_admin(y),
                move |v: JuryAdminView| view! { <JuryAdmin v lang acts/> },
            )}
        </div>
    }
}

#[derive(Clone, Copy)]
struct JuryActions {
    invite: ServerAction<InviteJuror>,
    resend: ServerAction<ResendJurorInvitation>,
    revoke: ServerAction<RevokeJurorInvitation>,
    chair: ServerAction<AppointChair>,
    conflict: ServerAction<AddConflict>,
    manual: ServerAction<SetJuryAssignment>,
}

/// The balanced assignment. An island: the report of what it did (and which entries could not
/// get enough jurors, and why) comes back from the server function and is shown in place. A
/// plain form post assigns too, and the page then shows the new assignment.
#[island]
fn BalancedAssignment(
    year: i32,
    entry_count: usize,
    lang: Lang,
    /// The error a plain form post came back with.
    returned_error: Option<crate::error::AppError>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let j = lang.j();
    let assign = ServerAction::<AssignJury>::new();
    let assign_error = Signal::derive(move || {
        action_error(assign.value())
            .get()
            .or_else(|| returned_error.clone())
    });
    view! {
        <ActionForm action=assign>
            <FormError error=assign_error lang/>
            <input type="hidden" name="year" value=year.to_string()/>
            <LineField name="per_entry".to_string() key="per_entry".to_string() label=j.per_entry.into() value="0".into() lang error=assign_error kind="number" hint=j.per_entry_hint required=true/>
            <LineField name="cap".to_string() key="cap".to_string() label=j.cap.into() value=entry_count.to_string() lang error=assign_error kind="number" required=true/>
            <button type="submit" class="button secondary">{j.assign}</button>
        </ActionForm>
        <div role="status">
            {move || assign.value().get().and_then(|r| r.ok()).map(|r| view! {
                <p>{fill(j.assigned_pairs, &[&r.pairs.to_string()])}" "<a href=lang.href(&format!("/admin/competitions/{year}/jury"))>{j.reload_to_see}</a></p>
                <ul>{r.shortfalls.into_iter().map(|s| view! {
                    <li>{fill(j.shortfall, &[&s.title, &s.assigned.to_string(), &s.wanted.to_string(), &s.conflicted.join(", "), &s.at_cap.join(", ")])}</li>
                }).collect_view()}</ul>
            })}
        </div>
    }
}

#[component]
fn JuryAdmin(v: JuryAdminView, lang: Lang, acts: JuryActions) -> impl IntoView {
    let j = lang.j();
    let invite_error = either_error(form_error(acts.invite), url_error("invite_juror"));
    let assign_error = url_error("assign_jury");
    let conflict_error = either_error(form_error(acts.conflict), url_error("add_conflict"));
    let manual_error = either_error(form_error(acts.manual), url_error("set_jury_assignment"));
    let year = v.year;
    let members = v.members.clone();
    let entries = v.entries.clone();
    let entry_count = v.entries.len();
    let (manual_entries, manual_members) = (v.entries.clone(), v.members.clone());
    view! {
        <p>
            <a href=lang.href(&format!("/jury/{year}/progress"))>{j.to_progress}</a>" · "
            <a href=lang.href(&format!("/jury/{year}/ranking"))>{j.to_ranking}</a>
        </p>
        <section aria-labelledby="members-heading">
            <h2 id="members-heading">{j.members}</h2>
            <ul>
                {v.members.clone().into_iter().map(|(id, name, email, is_chair)| view! {
                    <li>{name.clone()}" ("{email.clone()}")"
                        {if is_chair {
                            view! { " – "<strong>{j.chair}</strong> }.into_any()
                        } else {
                            view! {
                                <ActionForm action=acts.chair attr:class="inline-form">
                                    <input type="hidden" name="year" value=year.to_string()/>
                                    <input type="hidden" name="user_id" value=id.to_string()/>
                                    " "<button type="submit" class="link-button" aria-label=format!("{} {}", j.make_chair, name)>{j.make_chair}</button>
                                </ActionForm>
                            }.into_any()
                        }}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{j.invite}</h2>
            <ActionForm action=acts.invite>
                <FormError error=invite_error lang/>
                <input type="hidden" name="year" value=year.to_string()/>
                <LineField name="email".to_string() key="email".to_string() label=j.invite_email.into() value=String::new() lang error=invite_error kind="email" required=true/>
                <button type="submit" class="button">{j.invite}</button>
            </ActionForm>
            <h3>{j.invitations}</h3>
            <ul>
                {v.invitations.clone().into_iter().map(|i| {
                    let open = matches!(i.status, crate::model::JuryInvitationStatus::Pending | crate::model::JuryInvitationStatus::Expired);
                    let label = j.invitation_statuses[i.status as usize];
                    let (resend_label, revoke_label) = (format!("{} {}", j.resend, i.email), format!("{} {}", j.revoke, i.email));
                    view! {
                        <li>{i.email.clone()}" – "{label}" – "{date_time(&i.sent, lang)}
                            {open.then(|| view! {
                                <ActionForm action=acts.resend attr:class="inline-form">
                                    <input type="hidden" name="invitation_id" value=i.id.to_string()/>
                                    " "<button type="submit" class="link-button" aria-label=resend_label>{j.resend}</button>
                                </ActionForm>
                                <ActionForm action=acts.revoke attr:class="inline-form">
                                    <input type="hidden" name="invitation_id" value=i.id.to_string()/>
                                    " "<button type="submit" class="link-button" aria-label=revoke_label>{j.revoke}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="assignment-heading">
            <h2 id="assignment-heading">{j.assignment}</h2>
            <p>{if v.assigned_explicitly { j.assignment_explicit } else { j.assignment_all }}</p>
            <BalancedAssignment year entry_count lang returned_error=assign_error.get_untracked()/>
        </section>
        <section aria-labelledby="manual-heading">
            <h2 id="manual-heading">{j.manual}</h2>
            <ActionForm action=acts.manual>
                <FormError error=manual_error lang/>
                <div class="field">
                    <label for="manual-entry">{j.entry_id}</label>
                    <select id="manual-entry" name="entry_id">
                        {manual_entries.into_iter().map(|(id, t)| view! { <option value=id.to_string()>{t}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="manual-juror">{j.juror}</label>
                    <select id="manual-juror" name="juror_id">
                        {manual_members.into_iter().map(|(id, name, _, _)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary" name="assigned" value="true">{j.assign_one}</button>
                " "
                <button type="submit" class="button secondary" name="assigned" value="false">{j.unassign_one}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="conflict-admin-heading">
            <h2 id="conflict-admin-heading">{j.add_conflict}</h2>
            <ActionForm action=acts.conflict>
                <FormError error=conflict_error lang/>
                <div class="field">
                    <label for="conflict-entry">{j.entry_id}</label>
                    <select id="conflict-entry" name="entry_id">
                        {entries.into_iter().map(|(id, t)| view! { <option value=id.to_string()>{t}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="conflict-juror">{j.juror}</label>
                    <select id="conflict-juror" name="juror_id">
                        {members.into_iter().map(|(id, name, _, _)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                <SectionField name="reason".to_string() key="reason".to_string() label=j.conflict_reason value=String::new() limit=None lang error=conflict_error rows=2 required=true/>
                <button type="submit" class="button secondary">{j.add_conflict}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn JuryInvitationPage() -> impl IntoView {
    let lang = current_lang();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let j = lang.j();
    view! {
        <PageMeta title=j.invitation_title description=j.invitation_title/>
        <div class="wrap narrow">
            <h1>{j.invitation_title}</h1>
            {load(token, get_jury_invitation, move |i: JuryInvitationInfo| view! { <AnswerInvitation i token=token() lang/> })}
        </div>
    }
}

#[component]
fn AnswerInvitation(i: JuryInvitationInfo, token: String, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let answer = ServerAction::<AnswerJuryInvitation>::new();
    let errors = either_error(form_error(answer), url_error("answer_jury_invitation"));
    let declined = form_done(answer);
    view! {
        <p>{fill(j.invitation_text, &[&i.year.to_string()])}" "{local(&i.theme, lang)}</p>
        <p>{i.email.clone()}</p>
        {i.has_account.then(|| view! { <p class="notice">{j.sign_in_first}" "<a href=lang.href("/login")>{lang.t().login_title}</a></p> })}
        <p role="status">{move || declined.get().then_some(j.declined)}</p>
        <ActionForm action=answer>
            <FormError error=errors lang/>
            <input type="hidden" name="token" value=token/>
            <input type="hidden" name="lang" value=lang.code()/>
            {(!i.has_account).then(|| view! {
                <LineField name="name".to_string() key="name".to_string() label=j.new_name.into() value=String::new() lang error=errors autocomplete="name" required=true/>
                <LineField name="password".to_string() key="password".to_string() label=j.new_password.into() value=String::new() lang error=errors kind="password" autocomplete="new-password" required=true/>
            })}
            {i.has_account.then(|| view! {
                <input type="hidden" name="name" value=""/>
                <input type="hidden" name="password" value=""/>
            })}
            <button type="submit" class="button" name="accept" value="true">{j.accept}</button>
            " "
            <button type="submit" class="button secondary" name="accept" value="false">{j.decline}</button>
        </ActionForm>
    }
}
