//! The chair's pages: progress during judging, the ranking with its charts, and the decision.
use super::*;
use crate::api::jury::{DiscardUnsavedDecision, DiscardUnsavedReopening};
use crate::components::form::{DiscardForm, KeptTextCopy};
use crate::model::{KeptDecision, KeptText, UNSAVED_DAYS, WinnerOnward};

#[component]
pub fn JuryProgressPage() -> impl IntoView {
    let lang = current_lang();
    let round = round_param();
    let r = round();
    let j = lang.j();
    view! {
        <WidePage title=fill(j.progress_title, &[&r.year.to_string()]) description=j.to_progress>
            {load(round, |r: RoundRef| get_jury_progress(r.year, r.europe_arg(), r.country_arg()), move |m: ProgressMatrix| view! { <Matrix m r lang/> })}
        </WidePage>
    }
}

#[component]
fn Matrix(m: ProgressMatrix, r: RoundRef, lang: Lang) -> impl IntoView {
    let j = lang.j();
    view! {
        <ScrollFrame label=fill(j.progress_title, &[&r.year.to_string()])>
            <table class="matrix">
                <thead><tr>
                    <th scope="col">{j.col_entry}</th>
                    {m.jurors.iter().map(|(_, name)| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {m.entries.iter().zip(m.cells.iter()).map(|((_, title), row)| view! {
                        <tr>
                            <th scope="row" lang=entry_lang(r)>{title.clone()}</th>
                            {row.iter().map(|cell| match cell {
                                Some(s) => view! { <td class=format!("sheet-{}", s.code())>{status_label(*s, lang)}</td> }.into_any(),
                                None => view! { <td>"–"</td> }.into_any(),
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollFrame>
    }
}

#[component]
pub fn JuryRankingPage() -> impl IntoView {
    let lang = current_lang();
    let round = round_param();
    let rr = round();
    let y = rr.year;
    let j = lang.j();
    view! {
        <WidePage title=fill(j.ranking_title, &[&y.to_string()]) description=j.tie_rule>
            <p class="notice">{j.tie_rule}</p>
            <p><a href=lang.href(&rr.jury_path("/grid"))>{j.to_grid}</a></p>
            <p>
                <a href=format!("{}?dialect={}", rr.jury_path("/scores.csv"), lang.csv_dialect()) download>{j.export_csv}</a>" · "
                <a href=rr.jury_path("/scores.xlsx") download>{j.export_xlsx}</a>
            </p>
            {load(round, |r: RoundRef| get_jury_ranking(r.year, r.europe_arg(), r.country_arg()), move |r: RankingView| view! { <Ranking r round=rr lang/> })}
        </WidePage>
    }
}

#[component]
fn Ranking(r: RankingView, round: RoundRef, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let text_lang = entry_lang(round);
    let errors = url_error("record_decision");
    let entries: Vec<(i32, String)> = r
        .rows
        .iter()
        .map(|x| (x.entry_id, x.title.clone()))
        .collect();
    let body = r.rows.iter().map(|x| view! {
        <tr>
            <td>{x.rank}{x.tied.then(|| view! { " "<span class="badge">{j.tied}</span> })}</td>
            <th scope="row"><span lang=text_lang>{x.title.clone()}</span>
                {(!x.organisation.is_empty()).then(|| view! { <br/><small>{x.organisation.clone()}</small> })}
                {(!x.recused.is_empty()).then(|| view! { <br/><small>{j.recused_by}": "{x.recused.join(", ")}</small> })}
                // The entry's feedback and discussion, except where the reader stands aside from
                // it: both would refuse them.
                {(!x.hidden).then(|| view! {
                    <br/><a href=lang.href(&format!("/jury/feedback/{}", x.entry_id))>{lang.feedback().prepare}</a>
                    " · "<a href=lang.href(&format!("/jury/discussion/{}", x.entry_id))>{j.discussion_short}<span class="visually-hidden">" – "{x.title.clone()}</span></a>
                })}</th>
            {if x.hidden {
                view! { <td colspan="4">{j.grid_hidden}</td> }.into_any()
            } else {
                view! {
                    <td>{lang.decimal(x.score, 2)}</td>
                    <td>{lang.decimal(x.raw_mean, 2)}</td>
                    <td>{lang.decimal(x.spread, 2)}</td>
                    <td>{lang.decimal(x.effect_mean, 2)}</td>
                }.into_any()
            }}
            <td>{x.jurors}</td>
        </tr>
    }).collect_view();
    view! {
        {r.normalised.then(|| view! { <p>{j.normalised_note}</p> })}
        <ScrollFrame label=fill(j.ranking_title, &[&r.year.to_string()])>
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
                    {body}
                </tbody>
            </table>
        </ScrollFrame>
        <SpreadChart rows=r.rows.iter().filter(|x| !x.hidden).map(|x| (x.title.clone(), x.spread)).collect() text_lang lang/>
        <DistributionCharts distribution=r.distribution.clone() scale=r.scale lang/>
        <section aria-labelledby="comments-heading">
            <h2 id="comments-heading">{j.comments}</h2>
            {r.rows.iter().filter(|x| !x.comments.is_empty()).map(|x| view! {
                <h3 lang=text_lang>{x.title.clone()}</h3>
                <ul>{x.comments.iter().map(|(who, c)| view! { <li><strong>{who.clone()}":"</strong>" "{c.clone()}</li> }).collect_view()}</ul>
            }).collect_view()}
        </section>
        <section aria-labelledby="decision-heading">
            <h2 id="decision-heading">{j.decision_title}</h2>
            {match r.decided {
                // A decision sent from a tab opened before this one was recorded is refused; the
                // form is gone, so its error is announced here (what it sent is listed below).
                Some(at) => {
                    // A reason of the reader's refused for what it said comes back in the form.
                    let returned = r.kept_reopening.clone().filter(|k| k.in_form);
                    view! {
                        <FormError error=errors lang/>
                        <p role="status">{fill(j.decided_at, &[&lang.date_time(&at.date, &at.time)])}</p>
                        {if r.may_reopen {
                            view! { <ReopenForm round returned onward=r.onward.clone() lang/> }.into_any()
                        } else {
                            // A reopening sent as the results were published is refused; its
                            // form is gone, so its error is announced here.
                            view! {
                                <FormError error=url_error("reopen_decision") lang/>
                                <p>{j.reopen_too_late}</p>
                            }.into_any()
                        }}
                    }
                }.into_any(),
                None => {
                    // A decision of the reader's refused for what it said comes back in the form.
                    let returned = r.kept.clone().filter(|k| k.in_form);
                    view! {
                        // A reopening sent from a tab opened before the decision was taken back
                        // is refused; its form is gone, so its error is announced here.
                        <FormError error=url_error("reopen_decision") lang/>
                        {url_ok("reopen_decision").get_untracked().then(|| view! { <p role="status">{j.reopened_done}</p> })}
                        {returned.as_ref().map(|k| view! { <p class="notice">{fill(j.decision_kept_in_form, &[&lang.date_time(&k.at.date, &k.at.time)])}</p> })}
                        {(r.previous.is_some() && returned.is_none()).then(|| view! { <p>{j.starts_from_previous}</p> })}
                        <DecisionForm round entries=entries.clone() previous=returned.map(|k| k.form).or(r.previous.clone()).unwrap_or_default() lang returned_error=errors.get_untracked()/>
                    }
                }.into_any(),
            }}
            {r.kept.clone().filter(|k| !k.in_form).map(|k| view! { <KeptDecisionCopy k entries round lang/> })}
            {r.kept_reopening.clone().filter(|k| !k.in_form).map(|k| view! { <KeptReopeningCopy k round lang/> })}
            {(!r.reopenings.is_empty()).then(|| view! { <ReopeningList reopenings=r.reopenings.clone() lang/> })}
        </section>
    }
}

/// A decision of the reader's that a save refused and that the form does not show: as it was
/// sent, why it was not recorded, and a plain form to discard it.
#[component]
fn KeptDecisionCopy(
    k: KeptDecision,
    entries: Vec<(i32, String)>,
    round: RoundRef,
    lang: Lang,
) -> impl IntoView {
    let j = lang.j();
    let discard = ServerAction::<DiscardUnsavedDecision>::new();
    let text_lang = entry_lang(round);
    // Titles of the entries chosen; an id that is no entry of the round (the post is untrusted)
    // is left out.
    let chosen = |ids: &[i32]| -> AnyView {
        let titles: Vec<String> = ids
            .iter()
            .filter_map(|id| {
                entries
                    .iter()
                    .find(|(e, _)| e == id)
                    .map(|(_, t)| t.clone())
            })
            .collect();
        if titles.is_empty() {
            view! { {j.none_chosen} }.into_any()
        } else {
            view! { <span lang=text_lang>{titles.join(", ")}</span> }.into_any()
        }
    };
    let written = |text: String, text_lang: Option<&'static str>| -> AnyView {
        if text.trim().is_empty() {
            view! { {j.none_chosen} }.into_any()
        } else {
            view! { <p class="note-body" lang=text_lang>{text}</p> }.into_any()
        }
    };
    let sent = k.form;
    view! {
        <h3>{j.decision_kept_title}</h3>
        <p>{fill(j.decision_kept_intro, &[&lang.date_time(&k.at.date, &k.at.time), &UNSAVED_DAYS.to_string()])}</p>
        <p class="notice">{j.decision_kept_reasons[k.reason.index()]}</p>
        <dl class="kept-sheet">
            <dt>{j.winner}</dt><dd>{chosen(&[sent.winner])}</dd>
            <dt>{j.runners_up}</dt><dd>{chosen(&sent.runners_up)}</dd>
            <dt>{j.mentions}</dt><dd>{chosen(&sent.mentions)}</dd>
            <dt>{j.motivation_sv}</dt><dd>{written(sent.motivation_sv, Some("sv"))}</dd>
            <dt>{j.motivation_en}</dt><dd>{written(sent.motivation_en, Some("en"))}</dd>
            <dt>{j.tie_reason}</dt><dd>{written(sent.tie_reason, None)}</dd>
        </dl>
        <DiscardForm action=discard label=j.unsaved_discard lang>
            <input type="hidden" name="year" value=round.year.to_string()/>
            <RoundFields r=round/>
        </DiscardForm>
    }
}

/// Taking the recorded decision back, with the reason: a plain form. A reason of the reader's
/// refused for what it said (`returned`) comes back in it, as it was sent.
#[component]
fn ReopenForm(
    round: RoundRef,
    returned: Option<KeptText>,
    onward: WinnerOnward,
    lang: Lang,
) -> impl IntoView {
    let j = lang.j();
    let reopen = ServerAction::<ReopenDecision>::new();
    let errors = form_error(reopen);
    let notice = returned.as_ref().map(|k| {
        fill(
            j.reopen_kept_in_form,
            &[&lang.date_time(&k.at.date, &k.at.time)],
        )
    });
    let value = returned.map(|k| k.form).unwrap_or_default();
    view! {
        <h3 id="reopen-heading">{j.reopen_title}</h3>
        <p>{j.reopen_explain}</p>
        <WinnerOnwardNotes onward lang/>
        {notice.map(|n| view! { <p class="notice">{n}</p> })}
        <ActionForm action=reopen>
            <FormError error=errors lang/>
            <input type="hidden" name="year" value=round.year.to_string()/>
            <RoundFields r=round/>
            <SectionField name="reason".to_string() key="reason".to_string() label=j.reopen_reason hint=j.reopen_reason_hint value limit=None lang error=errors rows=3 required=true/>
            <button type="submit" class="button secondary">{j.reopen}</button>
        </ActionForm>
    }
}

/// Where the winner has gone already, which a new decision with another winner has to follow:
/// the dossier sent to EUCPN, the entry in the European final.
#[component]
fn WinnerOnwardNotes(onward: WinnerOnward, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let sent = onward.dossier_sent.map(|at| {
        let text = fill(
            j.reopen_dossier_sent,
            &[&lang.date_time(&at.date, &at.time)],
        );
        view! { <p class="notice" id="reopen-dossier-sent">{text}</p> }
    });
    let in_final = onward
        .in_final
        .then(|| view! { <p class="notice" id="reopen-in-final">{j.reopen_in_final}</p> });
    (sent, in_final)
}

/// A reason to reopen the decision of the reader's that a save refused and that the form does
/// not show, with a plain form to discard it.
#[component]
fn KeptReopeningCopy(k: KeptText, round: RoundRef, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let discard = ServerAction::<DiscardUnsavedReopening>::new();
    view! {
        <KeptTextCopy k words=j.reopen_kept nested=true lang>
            <DiscardForm action=discard label=j.unsaved_discard lang>
                <input type="hidden" name="year" value=round.year.to_string()/>
                <RoundFields r=round/>
            </DiscardForm>
        </KeptTextCopy>
    }
}

/// The decisions taken back so far: when, by whom, from when, and why.
#[component]
fn ReopeningList(reopenings: Vec<Reopening>, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let at = move |w: &When| lang.date_time(&w.date, &w.time);
    view! {
        <h3>{j.reopenings}</h3>
        <ul class="reopenings">
            {reopenings.into_iter().map(|r| view! {
                <li>
                    <p>{fill(j.reopened, &[&at(&r.at), if r.by.is_empty() { "–" } else { &r.by }, &at(&r.decided)])}</p>
                    <p>{j.reopen_reason}": "{r.reason}</p>
                    {r.release_taken_back.map(|w| view! { <p>{fill(j.release_taken_back, &[&at(&w)])}</p> })}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The chair's decision, a plain form: a refused decision comes back with its error, and, if it
/// was refused for what it said, as it was sent (kept for the sender, `jury::unsaved`); a
/// recorded one comes back to the page, which then shows it.
#[component]
fn DecisionForm(
    round: RoundRef,
    entries: Vec<(i32, String)>,
    /// Where the form starts: empty, the decision last taken back, or the reader's own that was
    /// refused for what it said.
    previous: DecisionInput,
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
                        <input type="hidden" name="year" value=round.year.to_string()/>
                        <RoundFields r=round/>
                        <div class="field">
                            <label for="decision-winner">{j.winner}" *"</label>
                            <select id="decision-winner" name="winner">
                                {entries.iter().map(|(id, t)| view! { <option value=id.to_string() selected=*id == previous.winner>{t.clone()}</option> }).collect_view()}
                            </select>
                        </div>
                        <fieldset>
                            <legend>{j.runners_up}</legend>
                            <GroupError key="runners_up" lang error=errors/>
                            {entries.iter().enumerate().map(|(i, (id, t))| view! {
                                <div class="check"><input type="checkbox" id=format!("runner-{id}") name=format!("runners_up[{i}]") value=id.to_string() checked=previous.runners_up.contains(id)/><label for=format!("runner-{id}")>{t.clone()}</label></div>
                            }).collect_view()}
                        </fieldset>
                        // The final has a winner and two runners-up, without mentions.
                        {(!round.europe).then(|| view! {
                            <fieldset>
                                <legend>{j.mentions}</legend>
                                <GroupError key="mentions" lang error=errors/>
                                {entries.iter().enumerate().map(|(i, (id, t))| view! {
                                    <div class="check"><input type="checkbox" id=format!("mention-{id}") name=format!("mentions[{i}]") value=id.to_string() checked=previous.mentions.contains(id)/><label for=format!("mention-{id}")>{t.clone()}</label></div>
                                }).collect_view()}
                            </fieldset>
                        })}
                        <SectionField name="motivation_sv".to_string() key="motivation_sv".to_string() label=j.motivation_sv hint=j.motivation_hint value=previous.motivation_sv.clone() limit=None lang error=errors rows=5 required=entry_lang(round) == "sv"/>
                        <SectionField name="motivation_en".to_string() key="motivation_en".to_string() label=j.motivation_en hint=j.motivation_hint value=previous.motivation_en.clone() limit=None lang error=errors rows=5 required=entry_lang(round) == "en"/>
                        <SectionField name="tie_reason".to_string() key="tie_reason".to_string() label=j.tie_reason hint=j.tie_reason_hint value=previous.tie_reason.clone() limit=None lang error=errors rows=2/>
                        <button type="submit" class="button">{j.record_decision}</button>
                    </ActionForm>
    }
}

/// The spread (standard deviation) of the jurors' scores per entry.
#[component]
fn SpreadChart(rows: Vec<(String, f64)>, text_lang: &'static str, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let bars = rows
        .into_iter()
        .map(|(label, value)| Bar { label, value })
        .collect();
    view! {
        <BarChart caption=j.spread_chart.to_string() axis_title=j.spread_axis bars decimals=2 label_lang=text_lang lang/>
    }
}

/// How many scores each value got, one small chart per criterion.
#[component]
fn DistributionCharts(
    distribution: Vec<(Text, Vec<u32>)>,
    scale: (i32, i32),
    lang: Lang,
) -> impl IntoView {
    let j = lang.j();
    // One axis for all, so the criteria compare at a glance.
    let highest = distribution
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(0);
    view! {
        <section aria-labelledby="distribution-heading">
            <h2 id="distribution-heading">{j.distribution}</h2>
            <div class="small-multiples">
                {distribution.into_iter().map(|(name, counts)| {
                    let bars = counts
                        .iter()
                        .enumerate()
                        .map(|(i, c)| Bar { label: (scale.0 + i as i32).to_string(), value: *c as f64 })
                        .collect();
                    view! {
                        <BarChart caption=name.pick(lang).0.to_string() axis_title=j.distribution_axis bars decimals=0 whole=true label_prefix=j.score_value highest=highest as f64 lang/>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}
