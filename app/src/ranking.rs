//! Aggregation and ranking of jury scores: pure code, no database.
//!
//! The rules (DOMAIN.md, "Judging rules"):
//! - each juror's score of an entry is the weighted mean of the criterion scores;
//! - an entry's score is the mean of its jurors' scores, optionally after normalising each
//!   juror's scores to z-scores over that juror's entries, so that a harsh or lenient juror
//!   does not decide the result;
//! - the spread is the standard deviation of the jurors' (raw) scores of the entry;
//! - ties are broken by the higher mean on "evaluated effect"; entries still tied share a rank
//!   and are flagged for the chair to decide, with a recorded reason.
//!
//! Recused jurors are simply absent: only submitted sheets of jurors without a conflict are
//! passed in.
use std::collections::HashMap;

/// One juror's submitted scores of one entry, one per criterion in rubric order.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub juror: i32,
    pub entry: i32,
    pub scores: Vec<f64>,
}

/// The weights per criterion, and which criterion is "evaluated effect" (the tie-break).
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    pub weights: Vec<f64>,
    pub effect: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub entry: i32,
    /// 1-based; entries still tied after the tie-break share a rank (1, 1, 3).
    pub rank: usize,
    /// The score the ranking uses: raw, or normalised when asked.
    pub score: f64,
    /// Mean over jurors of their weighted means, without normalisation.
    pub raw_mean: f64,
    /// Population standard deviation of the jurors' weighted means.
    pub spread: f64,
    /// Mean over jurors of the "evaluated effect" score.
    pub effect_mean: f64,
    pub jurors: usize,
    /// Tied with another entry on score and on evaluated effect: the chair decides.
    pub tied: bool,
}

/// Differences smaller than this are ties (scores are means of whole points).
const EPSILON: f64 = 1e-9;

/// Σ wᵢ·sᵢ / Σ wᵢ; with all weights zero, the plain mean.
pub fn weighted_mean(scores: &[f64], weights: &[f64]) -> f64 {
    let total: f64 = weights.iter().take(scores.len()).sum();
    if total <= 0.0 {
        return mean(scores);
    }
    scores.iter().zip(weights).map(|(s, w)| s * w).sum::<f64>() / total
}

pub fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

/// Population standard deviation; 0 for fewer than two values.
pub fn std_dev(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / xs.len() as f64).sqrt()
}

/// Ranks the entries that have at least one sheet.
pub fn rank(sheets: &[Sheet], w: &Weights, normalise: bool) -> Vec<Ranked> {
    // Each sheet's weighted mean, once.
    let totals: Vec<f64> = sheets
        .iter()
        .map(|s| weighted_mean(&s.scores, &w.weights))
        .collect();
    // Per juror: mean and standard deviation of their weighted means, for z-scores.
    let mut per_juror: HashMap<i32, Vec<f64>> = HashMap::new();
    if normalise {
        for (s, t) in sheets.iter().zip(&totals) {
            per_juror.entry(s.juror).or_default().push(*t);
        }
    }
    let juror_stats: HashMap<i32, (f64, f64)> = per_juror
        .into_iter()
        .map(|(j, xs)| (j, (mean(&xs), std_dev(&xs))))
        .collect();
    // Per entry: the jurors' totals (raw and as used), and their effect scores.
    struct Acc {
        raw: Vec<f64>,
        used: Vec<f64>,
        effect: Vec<f64>,
    }
    let mut per_entry: HashMap<i32, Acc> = HashMap::new();
    for (s, t) in sheets.iter().zip(&totals) {
        let used = if normalise {
            match juror_stats.get(&s.juror) {
                // A juror who gave every entry the same total says nothing about order.
                Some((_, sd)) if *sd <= EPSILON => 0.0,
                Some((m, sd)) => (t - m) / sd,
                None => 0.0,
            }
        } else {
            *t
        };
        let acc = per_entry.entry(s.entry).or_insert_with(|| Acc {
            raw: Vec::new(),
            used: Vec::new(),
            effect: Vec::new(),
        });
        acc.raw.push(*t);
        acc.used.push(used);
        if let Some(score) = w.effect.and_then(|i| s.scores.get(i)) {
            acc.effect.push(*score);
        }
    }
    let mut ranked: Vec<Ranked> = per_entry
        .into_iter()
        .map(|(entry, a)| Ranked {
            entry,
            rank: 0,
            score: mean(&a.used),
            raw_mean: mean(&a.raw),
            spread: std_dev(&a.raw),
            effect_mean: mean(&a.effect),
            jurors: a.raw.len(),
            tied: false,
        })
        .collect();
    let same = |a: f64, b: f64| (a - b).abs() <= EPSILON;
    ranked.sort_by(|a, b| {
        let by = |x: f64, y: f64| {
            if same(x, y) {
                std::cmp::Ordering::Equal
            } else {
                y.total_cmp(&x)
            }
        };
        by(a.score, b.score)
            .then(by(a.effect_mean, b.effect_mean))
            .then(a.entry.cmp(&b.entry))
    });
    for i in 0..ranked.len() {
        let tied_with_previous = i > 0
            && same(ranked[i].score, ranked[i - 1].score)
            && same(ranked[i].effect_mean, ranked[i - 1].effect_mean);
        if tied_with_previous {
            ranked[i].rank = ranked[i - 1].rank;
            ranked[i].tied = true;
            ranked[i - 1].tied = true;
        } else {
            ranked[i].rank = i + 1;
        }
    }
    ranked
}

/// The middle value (the mean of the two middle ones for an even count); 0 for none.
pub fn median(xs: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if sorted.is_empty() {
        return 0.0;
    }
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
    }
}

/// Which of one entry's scores stand out for the jury's meeting: with at least three scores,
/// those at least `distance` from their median. With two, neither is the odd one out.
pub fn outliers(xs: &[f64], distance: f64) -> Vec<bool> {
    if xs.len() < 3 {
        return vec![false; xs.len()];
    }
    let m = median(xs);
    xs.iter()
        .map(|x| (x - m).abs() >= distance - EPSILON)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_far_from_the_entry_s_median_stands_out_when_there_are_three_or_more() {
        assert!(close(median(&[5.0, 1.0, 4.0]), 4.0));
        assert!(close(median(&[5.0, 1.0, 4.0, 2.0]), 3.0));
        assert!(close(median(&[]), 0.0));
        // On a 1–5 scale, two points from the median.
        assert_eq!(outliers(&[5.0, 4.0, 1.0], 2.0), vec![false, false, true]);
        assert_eq!(outliers(&[4.0, 4.0, 2.0], 2.0), vec![false, false, true]);
        assert_eq!(outliers(&[4.0, 3.0, 2.0], 2.0), vec![false, false, false]);
        assert_eq!(outliers(&[5.0, 1.0], 2.0), vec![false, false]);
        assert!(outliers(&[], 2.0).is_empty());
    }

    /// The default rubric: five criteria, evaluated effect (the second) weighs 2.
    fn ecpa() -> Weights {
        Weights {
            weights: vec![1.0, 2.0, 1.0, 1.0, 1.0],
            effect: Some(1),
        }
    }

    fn sheet(juror: i32, entry: i32, scores: [f64; 5]) -> Sheet {
        Sheet {
            juror,
            entry,
            scores: scores.to_vec(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_weighted_mean_counts_effect_twice() {
        // (4 + 2·5 + 3 + 2 + 1) / 6 = 20 / 6
        assert!(close(
            weighted_mean(&[4.0, 5.0, 3.0, 2.0, 1.0], &ecpa().weights),
            20.0 / 6.0
        ));
        assert!(close(weighted_mean(&[2.0, 4.0], &[0.0, 0.0]), 3.0));
        assert!(close(
            std_dev(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]),
            2.0
        ));
        assert_eq!(std_dev(&[3.0]), 0.0);
    }

    #[test]
    fn entries_rank_by_the_mean_over_jurors_with_spread() {
        // Entry 1: totals 4 and 3 -> mean 3.5, spread 0.5. Entry 2: totals 3 and 3 -> 3, 0.
        let sheets = [
            sheet(10, 1, [4.0; 5]),
            sheet(11, 1, [3.0; 5]),
            sheet(10, 2, [3.0; 5]),
            sheet(11, 2, [3.0; 5]),
        ];
        let r = rank(&sheets, &ecpa(), false);
        assert_eq!(r.iter().map(|x| x.entry).collect::<Vec<_>>(), vec![1, 2]);
        assert!(close(r[0].score, 3.5) && close(r[0].spread, 0.5));
        assert!(close(r[1].score, 3.0) && close(r[1].spread, 0.0));
        assert_eq!((r[0].rank, r[1].rank), (1, 2));
        assert_eq!(r[0].jurors, 2);
    }

    #[test]
    fn evaluated_effect_breaks_a_tie_and_a_remaining_tie_goes_to_the_chair() {
        // Entries 1, 2 and 3 all total 3 (18/6), with effect 4, 2 and 2:
        // 1 first on effect, 2 and 3 share rank 2 and are flagged. Entry 4 is fourth.
        let sheets = [
            sheet(10, 1, [2.0, 4.0, 2.0, 3.0, 3.0]),
            sheet(10, 2, [4.0, 2.0, 4.0, 3.0, 3.0]),
            sheet(10, 3, [3.0, 2.0, 3.0, 4.0, 4.0]),
            sheet(10, 4, [1.0, 1.0, 1.0, 1.0, 1.0]),
        ];
        let r = rank(&sheets, &ecpa(), false);
        let summary: Vec<(i32, usize, bool)> =
            r.iter().map(|x| (x.entry, x.rank, x.tied)).collect();
        assert_eq!(
            summary,
            vec![(1, 1, false), (2, 2, true), (3, 2, true), (4, 4, false)]
        );
        assert!(close(r[0].effect_mean, 4.0));
    }

    #[test]
    fn normalising_gives_a_narrow_scale_juror_an_equal_say() {
        // Juror 10 uses the whole scale; juror 11 uses a narrow band but clearly prefers
        // entry 2. Totals (all criteria equal, so the weighted mean is the score):
        //   juror 10: e1 = 5, e2 = 1, e3 = 3   mean 3,   sd √(8/3)
        //   juror 11: e1 = 2, e2 = 3, e3 = 2   mean 7/3, sd √(2/9)
        // Raw means: e1 3.5, e3 2.5, e2 2.0, so raw order is 1, 3, 2.
        // z-scores:  e1 (1.2247 − 0.7071)/2 = 0.2588, e2 (−1.2247 + 1.4142)/2 = 0.0947,
        //            e3 (0 − 0.7071)/2 = −0.3536, so normalised order is 1, 2, 3.
        let flat = |t: f64| [t; 5];
        let sheets = [
            sheet(10, 1, flat(5.0)),
            sheet(10, 2, flat(1.0)),
            sheet(10, 3, flat(3.0)),
            sheet(11, 1, flat(2.0)),
            sheet(11, 2, flat(3.0)),
            sheet(11, 3, flat(2.0)),
        ];
        let raw = rank(&sheets, &ecpa(), false);
        assert_eq!(
            raw.iter().map(|x| x.entry).collect::<Vec<_>>(),
            vec![1, 3, 2]
        );
        assert!(close(raw[0].score, 3.5) && close(raw[1].score, 2.5) && close(raw[2].score, 2.0));
        let z = rank(&sheets, &ecpa(), true);
        assert_eq!(z.iter().map(|x| x.entry).collect::<Vec<_>>(), vec![1, 2, 3]);
        let (sd10, sd11) = ((8.0f64 / 3.0).sqrt(), (2.0f64 / 9.0).sqrt());
        let z1 = ((5.0 - 3.0) / sd10 + (2.0 - 7.0 / 3.0) / sd11) / 2.0;
        let z2 = ((1.0 - 3.0) / sd10 + (3.0 - 7.0 / 3.0) / sd11) / 2.0;
        let z3 = ((3.0 - 3.0) / sd10 + (2.0 - 7.0 / 3.0) / sd11) / 2.0;
        assert!(
            close(z[0].score, z1) && close(z[1].score, z2) && close(z[2].score, z3),
            "{z:?}"
        );
        assert!((z1 - 0.2588).abs() < 1e-4 && (z2 - 0.0947).abs() < 1e-4);
        // The raw mean and the spread are reported unchanged.
        assert!(close(z[2].raw_mean, 2.5) && close(z[2].spread, 0.5));
    }

    #[test]
    fn a_juror_with_a_single_entry_or_equal_totals_adds_zero_when_normalised() {
        let sheets = [
            sheet(10, 1, [5.0; 5]),
            sheet(11, 1, [2.0; 5]),
            sheet(11, 2, [2.0; 5]),
        ];
        // Juror 10 scored one entry, juror 11 gave both the same: every z-score is 0, and
        // evaluated effect decides (entry 1: (5 + 2)/2 = 3.5 against 2).
        let z = rank(&sheets, &ecpa(), true);
        assert!(z.iter().all(|x| close(x.score, 0.0)), "{z:?}");
        assert_eq!(
            z.iter()
                .map(|x| (x.entry, x.rank, x.tied))
                .collect::<Vec<_>>(),
            vec![(1, 1, false), (2, 2, false)]
        );
    }

    #[test]
    fn no_sheets_no_ranking() {
        assert!(rank(&[], &ecpa(), true).is_empty());
    }
}
