//! The scoring desk: what each score means for each criterion (the year's rubric, with
//! defaults the organiser may rewrite, also on the year's public page), the juror's entries
//! either side of the one being scored, and the desk as plain HTML and forms in sv and en. On
//! SQLite and PostgreSQL.

use crate::common::{TestServer, location, on_each_backend, page_text};
use crate::jury::jury;
use crate::people::signed_in;
use app::backend::{competition_setup, jury};
use app::error::{AppError, FieldError, Problem};
use app::model::{EntryLink, Level, Text};
use chrono::Duration;

fn link(entry_id: i32, i: usize) -> Option<EntryLink> {
    Some(EntryLink {
        entry_id,
        title: format!("Projekt {i}"),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_score_has_a_meaning_the_organiser_may_rewrite() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let public = crate::common::unwatched();
        // The defaults, on the default 0–5 scale: every score of every criterion described.
        let v = jury::scoring_view(&db, &j.j2, j.entries[0], now).await.unwrap();
        assert!(v.criteria.iter().all(|k| k.levels.len() == 6), "{name}");
        let effect = &v.criteria[1];
        assert_eq!(effect.key, "effect");
        assert_eq!(effect.levels[4].score, 4);
        assert!(effect.levels[4].meaning.sv.starts_with("Utvärderad; de flesta mål"), "{name}");
        assert!(effect.levels[4].meaning.en.as_deref().unwrap().starts_with("Evaluated; most"));

        // The organiser's form shows them as lines, one per score.
        let mut f = competition_setup::form(&db, &j.admin, Some(j.year)).await.unwrap();
        assert!(f.criteria[1].levels_sv.contains("\n4: Utvärderad; de flesta mål"), "{name}");
        assert!(f.criteria[1].levels_en.starts_with("0: No evaluation"));

        // Rewritten: two levels, one in English too, in any order.
        f.criteria[1].levels_sv = "5: Starkt stöd\n\n1: Svagt stöd".into();
        f.criteria[1].levels_en = "5: Strong support".into();
        f.criteria[2].levels_sv = String::new();
        f.criteria[2].levels_en = String::new();
        competition_setup::save(&db, &public, &j.admin, Some(j.year), f.clone(), now)
            .await
            .unwrap();
        let v = jury::scoring_view(&db, &j.j2, j.entries[0], now).await.unwrap();
        assert_eq!(
            v.criteria[1].levels,
            vec![
                Level { score: 1, meaning: Text::new("Svagt stöd", None::<String>) },
                Level { score: 5, meaning: Text::new("Starkt stöd", Some("Strong support")) },
            ],
            "{name}"
        );
        assert!(v.criteria[2].levels.is_empty(), "{name}: emptied, not back to the defaults");
        assert_eq!(v.criteria[0].levels.len(), 6, "{name}: the others keep theirs");
        let again = competition_setup::form(&db, &j.admin, Some(j.year)).await.unwrap();
        assert_eq!(again.criteria[1].levels_sv, "1: Svagt stöd\n5: Starkt stöd");

        // Refused per field: a score off the scale, a line without a score, English alone.
        let mut bad = f.clone();
        bad.criteria[0].levels_sv = "6: Mer än bäst".into();
        bad.criteria[3].levels_sv = "Bra samverkan".into();
        bad.criteria[4].levels_sv = "1: Svår".into();
        bad.criteria[4].levels_en = "2: Fair".into();
        let refused = competition_setup::save(&db, &public, &j.admin, Some(j.year), bad, now).await;
        assert_eq!(
            refused,
            Err(AppError::Invalid(vec![
                FieldError::new("criteria.0.levels_sv", Problem::LevelLine),
                FieldError::new("criteria.3.levels_sv", Problem::LevelLine),
                FieldError::new("criteria.4.levels_en", Problem::LevelWithoutSwedish),
            ])),
            "{name}"
        );
        // A wider scale: lines are checked against it, and it has no default descriptions.
        let mut wide = f.clone();
        wide.scale_min = "1".into();
        wide.scale_max = "10".into();
        let refused = competition_setup::save(&db, &public, &j.admin, Some(j.year), wide.clone(), now).await;
        assert!(
            matches!(&refused, Err(AppError::Invalid(p)) if p.iter().any(|e| e.field == "criteria.0.levels_sv" && e.problem == Problem::LevelLine)),
            "{name}: the default 0 is off a 1–10 scale: {refused:?}"
        );
        for k in &mut wide.criteria {
            k.levels_sv = "10: Bäst".into();
            k.levels_en = String::new();
        }
        competition_setup::save(&db, &public, &j.admin, Some(j.year), wide, now)
            .await
            .unwrap();
        let v = jury::scoring_view(&db, &j.j2, j.entries[0], now).await.unwrap();
        assert_eq!(v.scale, (1, 10));
        assert_eq!(v.criteria[3].levels, vec![Level { score: 10, meaning: Text::new("Bäst", None::<String>) }]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_year_s_public_page_says_what_each_score_means_as_the_jurors_read_it() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let public = crate::common::unwatched();
        // The organiser rewrites one criterion's levels and empties another's.
        let mut f = competition_setup::form(&db, &j.admin, Some(j.year))
            .await
            .unwrap();
        f.criteria[1].levels_sv = "1: Svagt stöd\n5: Starkt stöd".into();
        f.criteria[1].levels_en = "5: Strong support".into();
        f.criteria[2].levels_sv = String::new();
        f.criteria[2].levels_en = String::new();
        competition_setup::save(&db, &public, &j.admin, Some(j.year), f, now)
            .await
            .unwrap();
        let desk = jury::scoring_view(&db, &j.j2, j.entries[0], now)
            .await
            .unwrap();
        let s = TestServer::start(db.clone(), now).await;

        // In Swedish: a fold under each criterion that has levels, none under the emptied
        // one, and every meaning the jurors read, score by score.
        let (status, sv) = s.get(&format!("/competitions/{}", j.year)).await;
        assert_eq!(status, 200, "{name}");
        assert_eq!(
            sv.matches("<summary>Vad poängen betyder</summary>").count(),
            4,
            "{name}"
        );
        for k in &desk.criteria {
            for l in &k.levels {
                let line = format!("<dt>{}</dt><dd>{}</dd>", l.score, l.meaning.sv);
                assert!(sv.contains(&line), "{name}: {line} in {sv}");
            }
        }
        assert!(sv.contains("<dt>1</dt><dd>Svagt stöd</dd>"), "{name}");
        // In English: the English meaning, and the Swedish one marked where there is none.
        let (_, en) = s.get(&format!("/en/competitions/{}", j.year)).await;
        assert_eq!(
            en.matches("<summary>What the scores mean</summary>")
                .count(),
            4,
            "{name}"
        );
        assert!(
            en.contains("<dt>5</dt><dd>Strong support</dd>"),
            "{name}: {en}"
        );
        assert!(
            en.contains("<dt>1</dt><dd><span lang=\"sv\">Svagt stöd</span>"),
            "{name}: {en}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_leads_to_the_juror_s_next_entry_past_those_they_stand_aside_from() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let e = &j.entries;
        let steps = |v: app::model::ScoringView| (v.previous, v.next);
        let v = jury::scoring_view(&db, &j.j3, e[0], now).await.unwrap();
        assert_eq!(steps(v), (None, link(e[1], 1)), "{name}");
        let v = jury::scoring_view(&db, &j.j3, e[3], now).await.unwrap();
        assert_eq!(steps(v), (link(e[2], 2), None), "{name}");
        // j3 stands aside from e1: it is no step of theirs.
        jury::declare_conflict(&db, &j.j3, e[1], j.j3.user_id, "Jäv", now)
            .await
            .unwrap();
        let v = jury::scoring_view(&db, &j.j3, e[0], now).await.unwrap();
        assert_eq!(steps(v), (None, link(e[2], 2)), "{name}");
        let v = jury::scoring_view(&db, &j.j3, e[2], now).await.unwrap();
        assert_eq!(steps(v), (link(e[0], 0), link(e[3], 3)), "{name}");
        // Another juror's steps are their own.
        let v = jury::scoring_view(&db, &j.j2, e[2], now).await.unwrap();
        assert_eq!(steps(v), (link(e[1], 1), link(e[3], 3)), "{name}");
    })
    .await;
}

/// The value of the radio input `id` and whether it is checked.
pub(crate) fn radio(html: &str, id: &str) -> (String, bool) {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id}: {html}"));
    let start = html[..at].rfind('<').unwrap();
    let tag = &html[start..at + html[at..].find('>').unwrap()];
    assert!(tag.contains("type=\"radio\""), "{tag}");
    let value = tag.split("value=\"").nth(1).unwrap();
    (
        value[..value.find('"').unwrap()].to_string(),
        tag.contains("checked"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_scores_without_scripts_in_both_languages() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let s = TestServer::start(db.clone(), now).await;
        let juror = signed_in(&s, "j2@bra.se").await;
        let (e0, e1, e2) = (j.entries[0], j.entries[1], j.entries[2]);
        let page = format!("/jury/{}/entries/{e1}", j.year);
        let html = page_text(&juror, format!("{}{page}", s.base)).await.replace("<!>", "");
        // The sheet: each criterion's scores as a choice, each with its meaning, none chosen.
        assert!(html.contains("<legend>Poäng – Utvärderad effekt</legend>"), "{name}: {html}");
        assert_eq!(radio(&html, "score-1-none"), (String::new(), true));
        assert_eq!(radio(&html, "score-1-4"), ("4".into(), false));
        assert!(html.contains("<label for=\"score-1-4\"><span class=\"level-score\">4</span> <span class=\"level-meaning\">Utvärderad; de flesta mål är nådda"), "{name}: {html}");
        assert!(html.contains("Tabb flyttar mellan kriterierna"));
        // One tap to the sheet; the entry's parts; the juror's entries either side.
        assert!(html.contains("<a href=\"#scores-heading\">Till din bedömning</a>"), "{name}");
        assert!(html.contains("<nav aria-label=\"Bidragets delar\" class=\"entry-index\">"), "{html}");
        assert!(html.contains("href=\"#entry-part-evaluation\"") && html.contains("id=\"entry-part-evaluation\""));
        assert!(html.contains(&format!("<a rel=\"prev\" href=\"/jury/2027/entries/{e0}\">Föregående: <span lang=\"sv\">Projekt 0</span></a>")), "{name}: {html}");
        assert!(html.contains(&format!("<a rel=\"next\" href=\"/jury/2027/entries/{e2}\">Nästa: <span lang=\"sv\">Projekt 2</span></a>")));

        // Submitted with a score left open: refused in words, tied to that criterion's choice.
        let id = e1.to_string();
        let mut fields: Vec<(String, String)> = vec![
            ("entry_id".into(), id.clone()),
            ("revision".into(), "0".into()),
            ("submit".into(), "true".into()),
        ];
        for (i, key) in ["theme", "effect", "innovation", "cooperation", "replicability"].iter().enumerate() {
            fields.push((format!("sheet[scores][{i}][key]"), key.to_string()));
            fields.push((format!("sheet[scores][{i}][score]"), if i == 1 { String::new() } else { "3".into() }));
            fields.push((format!("sheet[scores][{i}][comment]"), String::new()));
        }
        let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let back = location(&s.form_post(&juror, "/api/save_scores", &page, &form).await);
        assert!(back.contains("__err"), "{name}: {back}");
        let html = page_text(&juror, back).await.replace("<!>", "");
        assert!(
            html.contains("<fieldset aria-describedby=\"criterion-1-description entry-scores-1-score-error\" class=\"levels\">"),
            "{name}: {html}"
        );
        assert!(html.contains("<p id=\"entry-scores-1-score-error\" class=\"field-error\">Fyll i fältet.</p>"), "{name}");

        // Chosen and submitted: the choice stays checked.
        let mut form = form.clone();
        let at = form.iter().position(|(k, _)| *k == "sheet[scores][1][score]").unwrap();
        form[at].1 = "4";
        let back = location(&s.form_post(&juror, "/api/save_scores", &page, &form).await);
        assert!(!back.contains("__err"), "{name}: {back}");
        let html = page_text(&juror, format!("{}{page}", s.base)).await;
        assert_eq!(radio(&html, "score-1-4"), ("4".into(), true), "{name}");
        assert_eq!(radio(&html, "score-1-none"), (String::new(), false));
        assert_eq!(radio(&html, "score-0-3"), ("3".into(), true));

        // In English: the meanings and the desk's words.
        let html = page_text(&juror, format!("{}/en{page}", s.base)).await.replace("<!>", "");
        assert!(html.contains("<legend>Score – Evaluated effect</legend>"), "{name}: {html}");
        assert!(html.contains("<span class=\"level-meaning\">Evaluated; most objectives reached"), "{name}");
        assert!(html.contains(">To your scores</a>") && html.contains("aria-label=\"Parts of the entry\""));
        assert!(html.contains(&format!("<a rel=\"next\" href=\"/en/jury/2027/entries/{e2}\">Next: <span lang=\"sv\">Projekt 2</span></a>")), "{name}: {html}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_edits_what_scores_mean_on_the_year_s_page() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let s = TestServer::start(db.clone(), j.judging).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        for (path, label, line) in [
            (
                "",
                "Vad poängen betyder (svenska)",
                "4: Utvärderad; de flesta mål",
            ),
            (
                "/en",
                "What the scores mean (English)",
                "4: Evaluated; most objectives",
            ),
        ] {
            let html = page_text(
                &admin,
                format!("{}{path}/admin/competitions/{}", s.base, j.year),
            )
            .await
            .replace("<!>", "");
            assert!(html.contains(label), "{name}: {html}");
            assert!(
                html.contains("name=\"form[criteria][1][levels_sv]\""),
                "{name}"
            );
            assert!(html.contains(line), "{name}: {path}");
        }
    })
    .await;
}
