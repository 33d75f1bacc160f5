//! The jury's meeting grid: a table of every juror's score of every entry, on the weighted total
//! or one criterion (chosen by plain links), with the odd scores out marked in words as well as
//! by look, and the raw and normalised means side by side.
use super::*;
use crate::model::{GridCell, GridRow, GridView};

#[component]
pub fn JuryGridPage() -> impl IntoView {
    let lang = current_lang();
    let round = round_param();
    let query = use_query_map();
    let criterion = move || query.read().get("criterion").unwrap_or_default();
    let r = round();
    let j = lang.j();
    view! {
        <WidePage title=fill(j.grid_title, &[&r.year.to_string()]) description=j.grid_intro>
            <p>{j.grid_intro}</p>
            <p><a href=lang.href(&r.jury_path("/ranking"))>{j.to_ranking}</a></p>
            {load(
                move || (round(), criterion()),
                |(r, criterion): (RoundRef, String)| get_jury_grid(r.year, Some(criterion).filter(|c| !c.is_empty()), r.europe_arg(), r.country_arg()),
                move |g: GridView| view! { <Grid g r lang/> },
            )}
        </WidePage>
    }
}

#[component]
fn Grid(g: GridView, r: RoundRef, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let here = lang.href(&r.jury_path("/grid"));
    let shown = g
        .criterion
        .as_ref()
        .and_then(|k| g.criteria.iter().find(|(key, _)| key == k))
        .map(|(_, name)| name.pick(lang).0.to_string())
        .unwrap_or_else(|| j.grid_total.to_string());
    let choices = std::iter::once((String::new(), j.grid_total.to_string())).chain(
        g.criteria
            .iter()
            .map(|(key, name)| (key.clone(), name.pick(lang).0.to_string())),
    );
    let chosen = g.criterion.clone().unwrap_or_default();
    let decimals = if g.criterion.is_some() { 0 } else { 2 };
    view! {
        <nav aria-label=j.grid_choose>
            <ul class="filters">
                {choices.map(|(key, name)| {
                    let href = if key.is_empty() { here.clone() } else { format!("{here}?criterion={key}") };
                    let current = (key == chosen).then_some("page");
                    view! { <li><a href=href aria-current=current>{name}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        <p>{fill(j.grid_outlier_rule, &[&lang.decimal(g.outlier_distance, 0)])}</p>
        <ScrollFrame label=fill(j.grid_caption, &[&shown])>
            <table class="grid">
                <caption>{fill(j.grid_caption, &[&shown])}</caption>
                <thead><tr>
                    <th scope="col">{j.col_rank}</th>
                    <th scope="col">{j.col_entry}</th>
                    {g.jurors.iter().map(|name| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                    <th scope="col">{j.grid_raw}{(!g.normalised).then_some(" *")}</th>
                    <th scope="col">{j.grid_normalised}{g.normalised.then_some(" *")}</th>
                    <th scope="col">{j.col_spread}</th>
                </tr></thead>
                <tbody>
                    {g.rows.into_iter().map(|row| view! { <GridLine row decimals text_lang=entry_lang(r) lang/> }).collect_view()}
                </tbody>
            </table>
        </ScrollFrame>
        <p class="hint">"* "{j.grid_ranking_uses}</p>
    }
}

/// One entry's row: its jurors' scores and its means.
#[component]
fn GridLine(row: GridRow, decimals: usize, text_lang: &'static str, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let rank = if row.rank == 0 {
        "–".to_string()
    } else {
        row.rank.to_string()
    };
    let mean = move |v: f64| {
        if row.hidden {
            j.grid_hidden.to_string()
        } else {
            lang.decimal(v, 2)
        }
    };
    view! {
        <tr>
            <td>{rank}</td>
            <th scope="row" lang=text_lang>{row.title.clone()}</th>
            {row.cells.iter().map(|cell| match *cell {
                GridCell::Score { value, outlier: true } => view! {
                    <td class="outlier"><strong>{lang.decimal(value, decimals)}</strong>" "<span class="outlier-mark">{j.grid_outlier}</span></td>
                }.into_any(),
                GridCell::Score { value, outlier: false } => view! { <td>{lang.decimal(value, decimals)}</td> }.into_any(),
                GridCell::Recused => view! { <td>{j.recused_by}</td> }.into_any(),
                GridCell::Missing if row.hidden => view! { <td>{j.grid_hidden}</td> }.into_any(),
                GridCell::Missing => view! { <td>{j.grid_missing}</td> }.into_any(),
                GridCell::NotTheirs => view! { <td><span aria-hidden="true">"–"</span><span class="visually-hidden">{j.grid_not_theirs}</span></td> }.into_any(),
            }).collect_view()}
            <td>{mean(row.raw_mean)}</td>
            <td>{mean(row.normalised_mean)}</td>
            <td>{mean(row.spread)}</td>
        </tr>
    }
}
