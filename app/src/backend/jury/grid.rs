//! The jury's meeting grid: juror × entry, on one criterion or on the weighted total, for the
//! same people and at the same times as the ranking (`deliberation::Results`).
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::backend::accounts::Actor;
use crate::error::AppError;
use crate::model::{GridCell, GridRow, GridView};
use crate::ranking;

use super::deliberation::Results;
use super::*;

/// The grid on `criterion` (a key of the year's rubric), or on the weighted total when empty.
/// A key the rubric does not have is "not found", like any other address that names nothing.
pub async fn grid_view(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    criterion: &str,
    now: DateTime<Utc>,
) -> Result<GridView, AppError> {
    let res = Results::load(db, actor, r.into(), now).await?;
    let criterion = criterion.trim();
    let only = if criterion.is_empty() {
        None
    } else {
        Some(
            res.criteria
                .iter()
                .position(|k| k.key == criterion)
                .ok_or(AppError::NotFound)?,
        )
    };
    // One criterion weighs alone and breaks no ties; the total is the year's weighted mean.
    let weights = match only {
        Some(_) => ranking::Weights {
            weights: vec![1.0],
            effect: None,
        },
        None => res.weights(),
    };
    let input = res.input(only);
    let raw = ranking::rank(&input, &weights, false);
    let normalised = ranking::rank(&input, &weights, true);
    let mut jurors: Vec<(i32, String)> = user_names(db, res.access.members())
        .await?
        .into_iter()
        .collect();
    jurors.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    // Two points on a scale of five or six values, four on one of ten or eleven.
    let distance = outlier_distance(res.c.scale_min, res.c.scale_max);
    // The year's own order (its ranking: on the total, one of the two just made), then the
    // entries nobody has scored yet.
    let order = match (only, res.c.normalise_scores) {
        (None, false) => raw.clone(),
        (None, true) => normalised.clone(),
        (Some(_), _) => res.ranked(),
    };
    let by_id: HashMap<i32, &crate::backend::entities::entry::Model> =
        res.access.entries().iter().map(|e| (e.id, e)).collect();
    let mut entries: Vec<(&crate::backend::entities::entry::Model, usize)> = order
        .iter()
        .filter_map(|r| Some((*by_id.get(&r.entry)?, r.rank)))
        .collect();
    let ranked: HashSet<i32> = order.iter().map(|r| r.entry).collect();
    entries.extend(
        res.access
            .entries()
            .iter()
            .filter(|e| !ranked.contains(&e.id))
            .map(|e| (e, 0)),
    );
    let sheets: HashMap<(i32, i32), &ranking::Sheet> =
        input.iter().map(|s| ((s.entry, s.juror), s)).collect();
    let results = |rs: &[ranking::Ranked]| -> HashMap<i32, ranking::Ranked> {
        rs.iter().map(|r| (r.entry, r.clone())).collect()
    };
    let (raw, normalised) = (results(&raw), results(&normalised));
    let rows = entries
        .into_iter()
        .map(|(e, rank)| {
            let hidden = res.hidden.contains(&e.id);
            let mut cells: Vec<GridCell> = jurors
                .iter()
                .map(|(j, _)| {
                    if !res.access.assigned(e.id, *j) {
                        GridCell::NotTheirs
                    } else if res.access.conflicted(e.id, *j) {
                        GridCell::Recused
                    } else if hidden {
                        GridCell::Missing
                    } else {
                        sheets
                            .get(&(e.id, *j))
                            .map_or(GridCell::Missing, |s| GridCell::Score {
                                value: ranking::weighted_mean(&s.scores, &weights.weights),
                                outlier: false,
                            })
                    }
                })
                .collect();
            mark_outliers(&mut cells, distance);
            let (raw, normalised) = if hidden {
                (None, None)
            } else {
                (raw.get(&e.id), normalised.get(&e.id))
            };
            GridRow {
                entry_id: e.id,
                title: e.title.clone(),
                rank,
                cells,
                raw_mean: raw.as_ref().map_or(0.0, |r| r.raw_mean),
                normalised_mean: normalised.map_or(0.0, |r| r.score),
                spread: raw.map_or(0.0, |r| r.spread),
                hidden,
            }
        })
        .collect();
    Ok(GridView {
        year: res.c.year,
        criteria: res
            .criteria
            .iter()
            .map(|k| (k.key.clone(), k.name.clone()))
            .collect(),
        criterion: only.map(|i| res.criteria[i].key.clone()),
        normalised: res.c.normalise_scores,
        jurors: jurors.into_iter().map(|(_, name)| name).collect(),
        rows,
        outlier_distance: distance,
    })
}

/// How far from an entry's median a score stands out: 40 % of the scale's range, in whole
/// points, at least one.
pub fn outlier_distance(scale_min: i32, scale_max: i32) -> f64 {
    ((scale_max - scale_min) as f64 * 0.4).round().max(1.0)
}

/// Marks the scores of one entry that stand out from its median (`ranking::outliers`).
fn mark_outliers(cells: &mut [GridCell], distance: f64) {
    let values: Vec<f64> = cells
        .iter()
        .filter_map(|c| match c {
            GridCell::Score { value, .. } => Some(*value),
            _ => None,
        })
        .collect();
    let mut flags = ranking::outliers(&values, distance).into_iter();
    for cell in cells.iter_mut() {
        if let GridCell::Score { outlier, .. } = cell {
            *outlier = flags.next().unwrap_or(false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_stands_out_at_two_points_on_a_five_point_scale() {
        assert_eq!(outlier_distance(0, 5), 2.0);
        assert_eq!(outlier_distance(1, 5), 2.0);
        assert_eq!(outlier_distance(0, 10), 4.0);
        assert_eq!(outlier_distance(1, 3), 1.0);
        assert_eq!(outlier_distance(1, 1), 1.0);
    }
}
