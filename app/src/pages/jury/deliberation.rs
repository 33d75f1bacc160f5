//! The chair's pages: progress during judging, the ranking with its charts, and the decision.
use super::*;

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
        <div class="table-scroll">
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
        </div>
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
                            <th scope="row"><span lang=text_lang>{x.title.clone()}</span><br/><small>{x.organisation.clone()}</small>
                                {(!x.recused.is_empty()).then(|| view! { <br/><small>{j.recused_by}": "{x.recused.join(", ")}</small> })}
                                <br/><a href=lang.href(&format!("/jury/feedback/{}", x.entry_id))>{lang.feedback().prepare}</a></th>
                            <td>{lang.decimal(x.score, 2)}</td>
                            <td>{lang.decimal(x.raw_mean, 2)}</td>
                            <td>{lang.decimal(x.spread, 2)}</td>
                            <td>{lang.decimal(x.effect_mean, 2)}</td>
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
                <h3 lang=text_lang>{x.title.clone()}</h3>
                <ul>{x.comments.iter().map(|(who, c)| view! { <li><strong>{who.clone()}":"</strong>" "{c.clone()}</li> }).collect_view()}</ul>
            }).collect_view()}
        </section>
        <section aria-labelledby="decision-heading">
            <h2 id="decision-heading">{j.decision_title}</h2>
            {match r.decided {
                Some(at) => view! { <p role="status">{fill(j.decided_at, &[&lang.date_time(&at.date, &at.time)])}</p> }.into_any(),
                None => view! { <DecisionForm round entries=entries.clone() lang returned_error=errors.get_untracked()/> }.into_any(),
            }}
        </section>
    }
}

/// The chair's decision, a plain form: a refused decision comes back with its error (the loader
/// puts back what was typed); a recorded one comes back to the page, which then shows it.
#[component]
fn DecisionForm(
    round: RoundRef,
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
                        <input type="hidden" name="year" value=round.year.to_string()/>
                        <RoundFields r=round/>
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
                        // The final has a winner and two runners-up, without mentions.
                        {(!round.europe).then(|| view! {
                            <fieldset>
                                <legend>{j.mentions}</legend>
                                {entries.iter().enumerate().map(|(i, (id, t))| view! {
                                    <div class="check"><input type="checkbox" id=format!("mention-{id}") name=format!("mentions[{i}]") value=id.to_string()/><label for=format!("mention-{id}")>{t.clone()}</label></div>
                                }).collect_view()}
                            </fieldset>
                        })}
                        <SectionField name="motivation_sv".to_string() key="motivation_sv".to_string() label=j.motivation_sv hint=j.motivation_hint value=String::new() limit=None lang error=errors rows=5 required=entry_lang(round) == "sv"/>
                        <SectionField name="motivation_en".to_string() key="motivation_en".to_string() label=j.motivation_en hint=j.motivation_hint value=String::new() limit=None lang error=errors rows=5 required=entry_lang(round) == "en"/>
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
                        <text x=205.0 + w y=y + 13 font-size="12">{lang.decimal(*v, 2)}</text>
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
