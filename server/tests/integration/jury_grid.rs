//! The jury's meeting grid: juror × entry on the total or one criterion, the odd scores out,
//! the raw and normalised means side by side, the chair's own conflicts hidden; the same
//! people and times as the ranking. Over HTTP in sv and en, without scripts. On SQLite and
//! PostgreSQL.

use crate::common::{TestServer, on_each_backend, page_text, status_of};
use crate::jury::{Jury, jury, sheet};
use crate::people::signed_in;
use app::backend::jury;
use app::error::{AppError, Conflict};
use app::model::{GridCell, GridView};
use chrono::Duration;
use sea_orm::{DatabaseConnection, Set};

/// Per entry, per juror (chair, j2, j3): one score for every criterion, except that j2 gives
/// 1 for evaluated effect on e2. On e0, j3's 1 is far from the others' 5 and 4.
const SCORES: [[i32; 3]; 4] = [[5, 4, 1], [3, 3, 3], [4, 4, 3], [2, 2, 2]];

async fn scored(db: &DatabaseConnection) -> Jury {
    let j = jury(db).await;
    let now = j.judging + Duration::days(1);
    for (i, e) in j.entries.iter().enumerate() {
        for (k, juror) in [&j.chair, &j.j2, &j.j3].into_iter().enumerate() {
            let t = SCORES[i][k];
            let mut scores = [t; 5];
            if i == 2 && k == 1 {
                scores[1] = 1;
            }
            jury::save_sheet(db, juror, *e, 0, sheet(scores, ""), true, now)
                .await
                .unwrap();
        }
    }
    j
}

fn values(g: &GridView, entry: i32) -> Vec<Option<(f64, bool)>> {
    g.rows
        .iter()
        .find(|r| r.entry_id == entry)
        .unwrap()
        .cells
        .iter()
        .map(|c| match c {
            GridCell::Score { value, outlier } => Some((*value, *outlier)),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_grid_shows_every_juror_s_score_and_marks_the_odd_ones_out() {
    on_each_backend(|db, name| async move {
        let j = scored(&db).await;
        let during = j.judging + Duration::days(2);
        // The same rule as the ranking: the chair after judging, the organiser always.
        assert_eq!(
            jury::grid_view(&db, &j.chair, j.year, "", during).await,
            Err(AppError::Conflict(Conflict::NotYet))
        );
        assert_eq!(
            jury::grid_view(&db, &j.j2, j.year, "", j.deliberation).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            jury::grid_view(&db, &j.admin, j.year, "nonsense", during).await,
            Err(AppError::NotFound)
        );

        let g = jury::grid_view(&db, &j.chair, j.year, "", j.deliberation)
            .await
            .unwrap();
        // Jurors by name: "Person chair@…", "Person j2@…", "Person j3@…".
        assert_eq!(g.jurors.len(), 3, "{name}");
        assert!(g.jurors[0].contains("chair"), "{:?}", g.jurors);
        assert_eq!(g.outlier_distance, 2.0, "on the 0–5 scale");
        // e0: j3's 1 stands out from the median 4; the others do not.
        assert_eq!(
            values(&g, j.entries[0]),
            vec![Some((5.0, false)), Some((4.0, false)), Some((1.0, true))]
        );
        assert_eq!(
            values(&g, j.entries[1]),
            vec![Some((3.0, false)); 3],
            "{name}: all alike"
        );
        // In the year's ranking order. e0 and e2 both total 10/3 (e2: 4, (4 + 2·1 + 12)/6 = 3
        // and 3); evaluated effect breaks the tie, 10/3 against 8/3: e0 first.
        let order: Vec<i32> = g.rows.iter().map(|r| r.entry_id).collect();
        assert_eq!(
            order,
            vec![j.entries[0], j.entries[2], j.entries[1], j.entries[3]],
            "{name}"
        );
        // The grid and the ranking agree on the raw result, and the normalised one differs.
        let ranking = jury::ranking_view(&db, &j.chair, j.year, j.deliberation)
            .await
            .unwrap();
        for (row, r) in g.rows.iter().zip(&ranking.rows) {
            assert_eq!(row.entry_id, r.entry_id);
            assert!((row.raw_mean - r.raw_mean).abs() < 1e-9, "{name}");
            assert!((row.spread - r.spread).abs() < 1e-9);
        }
        assert!(
            g.rows
                .iter()
                .any(|r| (r.raw_mean - r.normalised_mean).abs() > 0.1)
        );
        // With the year set to normalise, the ranking's score is the grid's normalised mean.
        j.change_round(&db, |c| c.normalise_scores = Set(true))
            .await;
        let ranking = jury::ranking_view(&db, &j.chair, j.year, j.deliberation)
            .await
            .unwrap();
        let g = jury::grid_view(&db, &j.chair, j.year, "", j.deliberation)
            .await
            .unwrap();
        assert!(g.normalised);
        for r in &ranking.rows {
            let row = g.rows.iter().find(|x| x.entry_id == r.entry_id).unwrap();
            assert!((row.normalised_mean - r.score).abs() < 1e-9, "{name}");
        }

        // One criterion: evaluated effect, where j2's 1 on e2 stands out.
        let g = jury::grid_view(&db, &j.chair, j.year, "effect", j.deliberation)
            .await
            .unwrap();
        assert_eq!(g.criterion.as_deref(), Some("effect"));
        assert_eq!(
            values(&g, j.entries[2]),
            vec![Some((4.0, false)), Some((1.0, true)), Some((3.0, false))]
        );
        let e2 = g.rows.iter().find(|r| r.entry_id == j.entries[2]).unwrap();
        assert!((e2.raw_mean - 8.0 / 3.0).abs() < 1e-9, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_s_own_conflict_hides_that_entry_s_scores_from_the_chair_only() {
    on_each_backend(|db, name| async move {
        let j = scored(&db).await;
        // The chair declares a conflict on e1 after scoring it.
        let now = j.judging + Duration::days(2);
        jury::declare_conflict(&db, &j.chair, j.entries[1], j.chair.user_id, "Jäv", now)
            .await
            .unwrap();
        let g = jury::grid_view(&db, &j.chair, j.year, "", j.deliberation)
            .await
            .unwrap();
        let row = g.rows.iter().find(|r| r.entry_id == j.entries[1]).unwrap();
        assert!(row.hidden, "{name}");
        assert_eq!(
            row.cells,
            vec![GridCell::Recused, GridCell::Missing, GridCell::Missing]
        );
        assert_eq!(
            (row.raw_mean, row.normalised_mean, row.spread),
            (0.0, 0.0, 0.0)
        );
        // The organiser sees the others' scores; the chair's sheet no longer counts.
        let g = jury::grid_view(&db, &j.admin, j.year, "", j.deliberation)
            .await
            .unwrap();
        let row = g.rows.iter().find(|r| r.entry_id == j.entries[1]).unwrap();
        assert!(!row.hidden);
        assert_eq!(row.cells[0], GridCell::Recused);
        assert_eq!(values(&g, j.entries[1])[1], Some((3.0, false)));
        // The ranking says so too, in words rather than as zeros, and leaves it out of the
        // spread chart.
        let ranking = jury::ranking_view(&db, &j.chair, j.year, j.deliberation)
            .await
            .unwrap();
        let hidden: Vec<i32> = ranking
            .rows
            .iter()
            .filter(|r| r.hidden)
            .map(|r| r.entry_id)
            .collect();
        assert_eq!(hidden, vec![j.entries[1]], "{name}");
        let s = TestServer::start(db.clone(), j.deliberation + Duration::hours(1)).await;
        let chair = signed_in(&s, "chair@bra.se").await;
        let text = page_text(&chair, format!("{}/jury/{}/ranking", s.base, j.year))
            .await
            .replace("<!>", "");
        assert!(
            text.contains("<td colspan=\"4\">Dolt (jäv)</td>"),
            "{name}: {text}"
        );
        // Nor does it lead the chair to the entry's feedback or discussion, which would refuse
        // them; the other rows do.
        for (e, linked) in [(j.entries[0], true), (j.entries[1], false)] {
            for path in [
                format!("/jury/feedback/{e}\""),
                format!("/jury/discussion/{e}\""),
            ] {
                assert_eq!(text.contains(&path), linked, "{name}: {path}");
            }
        }
        let chart = &text[text
            .find("Spridning mellan jurymedlemmar per bidrag")
            .unwrap()..];
        let chart = &chart[..chart.find("</figure>").unwrap()];
        assert!(
            chart.contains("Projekt 0") && !chart.contains("Projekt 1"),
            "{name}: {chart}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_grid_page_works_without_scripts_in_both_languages() {
    on_each_backend(|db, name| async move {
        let j = scored(&db).await;
        let s = TestServer::start(db.clone(), j.deliberation + Duration::hours(1)).await;
        let chair = signed_in(&s, "chair@bra.se").await;
        let ranking = page_text(&chair, format!("{}/jury/{}/ranking", s.base, j.year)).await;
        assert!(
            ranking.contains(&format!("href=\"/jury/{}/grid\"", j.year)),
            "{name}: the ranking links to the grid"
        );
        let text = page_text(&chair, format!("{}/jury/{}/grid", s.base, j.year))
            .await
            .replace("<!>", "");
        assert!(text.contains("Poäng per jurymedlem och bidrag: Totalt (viktat)"), "{name}: {text}");
        assert!(text.contains("minst 2 poäng från bidragets median"), "{name}: {text}");
        assert!(text.contains("<td class=\"outlier\"><strong>1,00</strong> <span class=\"outlier-mark\">avviker</span></td>"), "{name}: {text}");
        assert!(text.contains("href=\"/jury/2027/grid?criterion=effect\""), "{text}");
        let text = page_text(&chair, format!("{}/jury/{}/grid?criterion=effect", s.base, j.year))
            .await
            .replace("<!>", "");
        assert!(text.contains("Poäng per jurymedlem och bidrag: Utvärderad effekt"), "{name}: {text}");
        assert!(text.contains("<a href=\"/jury/2027/grid?criterion=effect\" aria-current=\"page\">"), "{text}");
        let text = page_text(&chair, format!("{}/en/jury/{}/grid?criterion=effect", s.base, j.year))
            .await
            .replace("<!>", "");
        assert!(text.contains("Scores per juror and entry: Evaluated effect"), "{name}: {text}");
        assert!(text.contains("stands out"), "{name}");
        assert!(text.contains("href=\"/en/jury/2027/grid\""), "{text}");
        // A criterion the year does not have names no page.
        let url = format!("{}/jury/{}/grid?criterion=x", s.base, j.year);
        assert_eq!(status_of(&chair, url).await, 404, "{name}");
    })
    .await;
}
