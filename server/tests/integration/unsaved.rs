//! Text a save refused is kept for the person who typed it: a plain form post (no scripts) is
//! answered with a redirect, so the form shows it again only when it was refused for what it
//! said, until it is saved. Otherwise the writer finds it from the entry's form (the juror from
//! their score sheet, the chair or organiser from the ranking page), reads it, and discards it;
//! nobody else sees it; it is in their personal data, goes with their erasure, and retention
//! removes it after 30 days. On SQLite and PostgreSQL.

use crate::common::{
    TestServer, alerts, discard_twice, location, on_each_backend, page_text, status_of, unwatched,
};
use crate::entries::open_year_with_a_draft;
use crate::jury::{KEYS, jury, score, sheet};
use crate::people::signed_in;
use crate::scoring_desk::radio;
use app::backend::accounts::Actor;
use app::backend::entities::award;
use app::backend::entries::applicant;
use app::backend::{gdpr, jury, retention};
use app::error::{AppError, Conflict, Problem};
use app::model::{RetentionRules, UnsavedReason};
use chrono::Duration;
use sea_orm::EntityTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_save_without_scripts_keeps_the_text_for_its_writer() {
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        let s = TestServer::start(db.clone(), now).await;
        let a = signed_in(&s, "a@polisen.se").await;
        let edit = format!("/entries/{id}");
        let unsaved = format!("{}{edit}/unsaved", s.base);
        let post = |revision: &'static str, title: String, problem: &'static str| {
            let (s, a, edit) = (&s, &a, edit.clone());
            async move {
                let id = id.to_string();
                let form = [
                    ("id", id.as_str()),
                    ("revision", revision),
                    ("lang", "sv"),
                    ("draft[title]", title.as_str()),
                    ("draft[problem]", problem),
                ];
                location(&s.form_post(a, "/api/save_entry", &edit, &form).await)
            }
        };

        // Nothing is kept while saves go through.
        let back = post("1", "Trygg skolväg".into(), "Otrygga vägar till skolan.").await;
        assert!(back.contains("__ok=save_entry"), "{name}: {back}");
        assert_eq!(status_of(&a, &unsaved).await, 404, "{name}");

        // A second tab still on revision 1: refused, and what it sent is kept.
        let back = post("1", "Trygg väg hem".into(), "Text från den andra fliken.").await;
        assert!(back.contains("__err"), "{name}: {back}");
        let form = page_text(&a, &back).await;
        assert!(
            form.contains("kunde inte sparas")
                && form.contains(&format!(r#"href="/entries/{id}/unsaved""#)),
            "{name}: the form says where the text is"
        );
        let page = page_text(&a, &unsaved).await;
        assert!(
            page.contains("Text från den andra fliken.")
                && page.contains("Trygg väg hem")
                && page.contains("Någon annan sparade bidraget")
                && page.contains("30 dagar"),
            "{name}: {page}"
        );
        let stored = applicant::view(&db, &w.a, id, now).await.unwrap();
        assert_eq!(
            (stored.revision, stored.draft.title.as_str()),
            (2, "Trygg skolväg"),
            "{name}: the newer text stands"
        );

        // Only the writer reads it: not a colleague, not the organiser, not another
        // organisation.
        for (email, expected) in [
            ("a2@polisen.se", 404),
            ("admin@bra.se", 404),
            ("b@mora.se", 404),
        ] {
            let other = signed_in(&s, email).await;
            assert_eq!(
                status_of(&other, &unsaved).await,
                expected,
                "{name}: {email}"
            );
        }
        assert_eq!(
            applicant::unsaved(&db, &w.a2, id).await.map(|_| ()),
            Err(AppError::NotFound),
            "{name}"
        );

        // A field over what the portal stores: refused, and the form shows what was sent again
        // as not saved, the field marked, to save over the stored revision; so does a reload.
        // The latest refused text is what is kept.
        let long = "x".repeat(301);
        let back = post("2", long.clone(), "Kortare text.").await;
        assert!(back.contains("__err"), "{name}: {back}");
        let form = page_text(&a, &back).await.replace("<!>", "");
        assert!(
            form.contains("Formuläret visar texten som du skickade den")
                && form.contains(
                    r#"<p id="entry-title-error" class="field-error">Texten är för lång.</p>"#
                )
                && !form.contains(&format!(r#"href="/entries/{id}/unsaved""#)),
            "{name}: {form}"
        );
        let reload = page_text(&a, format!("{}{edit}", s.base)).await;
        for html in [&form, &reload] {
            assert!(
                html.contains(&format!(r#"value="{long}""#))
                    && html.contains("Kortare text.</textarea>")
                    && html.contains(r#"name="revision" value="2""#),
                "{name}: the text sent, over the stored revision"
            );
        }
        let page = page_text(&a, &unsaved).await;
        assert!(
            page.contains(&long)
                && page.contains("Ett fält var längre än portalen kan spara")
                && !page.contains("Text från den andra fliken."),
            "{name}"
        );

        // It is in the writer's personal data, and nobody else's.
        let texts = kept_texts(&db, &w.a, now).await;
        assert_eq!(texts[0]["text"]["title"], long, "{name}: {}", texts);
        assert_eq!(texts[0]["reason"], "invalid", "{name}");
        let texts = kept_texts(&db, &w.a2, now).await;
        assert_eq!(texts, serde_json::json!([]), "{name}");

        // Discarded by its writer, without scripts: back to the form, which no longer points
        // to it. Again, as from a second tab still on the copy: the same way back, no error.
        for _tab in 0..2 {
            let res = s
                .form_post(
                    &a,
                    "/api/discard_unsaved_entry",
                    &format!("{edit}/unsaved"),
                    &[("id", &id.to_string()), ("lang", "sv")],
                )
                .await;
            assert_eq!(location(&res), edit, "{name}");
        }
        assert_eq!(status_of(&a, &unsaved).await, 404, "{name}");
        let form = page_text(&a, &format!("{}{edit}", s.base)).await;
        assert!(
            !form.contains("kunde inte sparas")
                && !form.contains("Formuläret visar texten")
                && !form.contains(&long)
                && form.contains(r#"value="Trygg skolväg""#),
            "{name}: the form shows what is saved"
        );

        // Refused again, then corrected and saved: what the form showed again is saved, so it is
        // no longer kept.
        post("2", long.clone(), "Kortare text.").await;
        assert_eq!(status_of(&a, &unsaved).await, 200, "{name}");
        let back = post("2", "Trygg skolväg hela året".into(), "Kortare text.").await;
        assert!(back.contains("__ok=save_entry"), "{name}: {back}");
        assert_eq!(status_of(&a, &unsaved).await, 404, "{name}");
        let form = page_text(&a, &back).await;
        assert!(
            !form.contains("Formuläret visar texten")
                && !form.contains("kunde inte sparas")
                && form.contains(r#"value="Trygg skolväg hela året""#),
            "{name}"
        );

        // Retention removes what is left after 30 days, not before.
        post("1", "Gammal flik".into(), "").await;
        let rules = RetentionRules::default();
        let removed = retention::apply(&db, &rules, now + Duration::days(29))
            .await
            .unwrap();
        assert_eq!(removed.unsaved, 0, "{name}");
        assert_eq!(status_of(&a, &unsaved).await, 200, "{name}");
        let removed = retention::apply(&db, &rules, now + Duration::days(31))
            .await
            .unwrap();
        assert_eq!(removed.unsaved, 1, "{name}");
        assert_eq!(status_of(&a, &unsaved).await, 404, "{name}");

        // An erasure takes it with the person.
        post("1", "Sista fliken".into(), "").await;
        gdpr::erase_for(&db, &w.admin, "a@polisen.se", "", true, now)
            .await
            .unwrap();
        use app::backend::entities::unsaved_text;
        use sea_orm::EntityTrait;
        assert!(
            unsaved_text::Entity::find()
                .all(&db)
                .await
                .unwrap()
                .is_empty(),
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_score_sheet_is_kept_for_its_juror_and_comes_back_when_it_can() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let s = TestServer::start(db.clone(), now).await;
        let juror = signed_in(&s, "j2@bra.se").await;
        let e1 = j.entries[1];
        let page = format!("/jury/{}/entries/{e1}", j.year);
        let kept = format!("{}/jury/unsaved/{e1}", s.base);
        let post = |revision: &'static str,
                    submit: &'static str,
                    scores: [&'static str; 5],
                    overall: &'static str| {
            let (s, juror, page) = (&s, &juror, page.clone());
            async move {
                let id = e1.to_string();
                let mut fields: Vec<(String, String)> = vec![
                    ("entry_id".into(), id),
                    ("revision".into(), revision.into()),
                    ("submit".into(), submit.into()),
                    ("sheet[overall_comment]".into(), overall.into()),
                ];
                for (i, (key, score)) in KEYS.iter().zip(scores).enumerate() {
                    fields.push((format!("sheet[scores][{i}][key]"), key.to_string()));
                    fields.push((format!("sheet[scores][{i}][score]"), score.into()));
                    fields.push((format!("sheet[scores][{i}][comment]"), format!("Om {key}.")));
                }
                let form: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                location(&s.form_post(juror, "/api/save_scores", &page, &form).await)
            }
        };
        let stored = || async {
            use app::backend::entities::score_sheet;
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            score_sheet::Entity::find()
                .filter(score_sheet::Column::EntryId.eq(e1))
                .filter(score_sheet::Column::JurorId.eq(j.j2.user_id))
                .one(&db)
                .await
                .unwrap()
                .map(|s| s.overall_comment)
        };

        // Nothing is kept while saves go through.
        let back = post("0", "false", ["3", "", "", "", ""], "Första utkastet.").await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert_eq!(status_of(&juror, &kept).await, 404, "{name}");

        // Submitted with a score missing: refused, and the form shows what was sent again, with
        // the missing score marked.
        let back = post(
            "1",
            "true",
            ["3", "", "4", "4", "2"],
            "Mitt omdöme om bidraget.",
        )
        .await;
        assert!(back.contains("__err"), "{name}: {back}");
        let html = page_text(&juror, &back).await.replace("<!>", "");
        assert!(
            html.contains("Mitt omdöme om bidraget.</textarea>")
                && html.contains("Formuläret visar bedömningen som du skickade den")
                && html.contains(
                    r#"<p id="entry-scores-1-score-error" class="field-error">Fyll i fältet.</p>"#
                ),
            "{name}: {html}"
        );
        assert_eq!(
            radio(&html, "score-2-4"),
            ("4".into(), true),
            "{name}: the scores sent, too"
        );
        // Not saved: the stored draft stands, and a reload still shows what was sent, with the
        // stored revision to save over.
        assert_eq!(
            stored().await.as_deref(),
            Some("Första utkastet."),
            "{name}"
        );
        let html = page_text(&juror, format!("{}{page}", s.base)).await;
        assert!(
            html.contains("Mitt omdöme om bidraget.</textarea>")
                && html.contains(r#"name="revision" value="1""#),
            "{name}"
        );
        let html_kept = page_text(&juror, &kept).await;
        assert!(
            html_kept.contains("En poäng saknades eller låg utanför skalan"),
            "{name}: {html_kept}"
        );

        // Once judging has closed the form takes no changes: it shows what is stored, and the
        // kept sheet waits on its own page.
        let closed = jury::scoring_view(&db, &j.j2, e1, j.deliberation)
            .await
            .unwrap();
        assert_eq!(
            (
                closed.editable,
                closed.unsaved.map(|k| k.in_form),
                closed.sheet.overall_comment.as_str()
            ),
            (false, Some(false), "Första utkastet."),
            "{name}"
        );

        // Corrected and submitted: saved, and the kept sheet is settled.
        let back = post(
            "1",
            "true",
            ["3", "5", "4", "4", "2"],
            "Mitt omdöme om bidraget.",
        )
        .await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert_eq!(status_of(&juror, &kept).await, 404, "{name}");
        let html = page_text(&juror, format!("{}{page}", s.base)).await;
        assert!(
            !html.contains("Formuläret visar bedömningen") && !html.contains("kunde inte sparas"),
            "{name}"
        );

        // A second tab still on revision 1: refused, kept, and linked; the saved sheet stands
        // and the form shows it.
        let back = post(
            "1",
            "false",
            ["1", "1", "1", "1", "1"],
            "Från den andra fliken.",
        )
        .await;
        assert!(back.contains("__err"), "{name}: {back}");
        let html = page_text(&juror, &back).await;
        assert!(
            html.contains("Bedömningen hade sparats i en annan flik sedan du öppnade sidan")
                && html.contains("Bedömningen som du skickade den")
                && html.contains(&format!(r#"href="/jury/unsaved/{e1}""#))
                && html.contains("Mitt omdöme om bidraget.</textarea>")
                && !html.contains("Från den andra fliken."),
            "{name}: {html}"
        );
        assert_eq!(
            stored().await.as_deref(),
            Some("Mitt omdöme om bidraget."),
            "{name}"
        );
        let html_kept = page_text(&juror, &kept).await;
        assert!(
            html_kept.contains("Från den andra fliken.")
                && html_kept.contains("Om effect.")
                && html_kept
                    .contains("Bedömningen hade sparats i en annan flik efter att du öppnade den")
                && html_kept.contains("30 dagar")
                && html_kept.contains(&format!(r#"href="{page}""#)),
            "{name}: {html_kept}"
        );
        let english = page_text(&juror, format!("{}/en/jury/unsaved/{e1}", s.base)).await;
        assert!(
            english.contains("Scores that were not saved") && english.contains("30 days"),
            "{name}"
        );
        // A later save does not settle it: it was never in the form.
        let back = post(
            "2",
            "false",
            ["3", "5", "4", "4", "3"],
            "Mitt omdöme om bidraget.",
        )
        .await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert_eq!(status_of(&juror, &kept).await, 200, "{name}");

        // Only its juror reads it: not the chair, another juror, the organiser or an applicant.
        for email in [
            "chair@bra.se",
            "j3@bra.se",
            "admin@bra.se",
            "app1@example.se",
        ] {
            let other = signed_in(&s, email).await;
            assert_eq!(status_of(&other, &kept).await, 404, "{name}: {email}");
        }
        assert_eq!(
            jury::unsaved_sheet(&db, &j.chair, e1).await.map(|_| ()),
            Err(AppError::NotFound),
            "{name}"
        );

        // Once judging has closed: refused, and kept (the latest replaces what was kept).
        let late = sheet([5; 5], "Efter stängningen.");
        let refused = jury::save_sheet(&db, &j.j2, e1, 3, late, false, j.deliberation).await;
        assert_eq!(
            refused,
            Err(AppError::Conflict(Conflict::JudgingClosed)),
            "{name}"
        );
        let v = jury::unsaved_sheet(&db, &j.j2, e1).await.unwrap();
        assert_eq!(
            (v.reason, v.sheet.overall_comment.as_str()),
            (UnsavedReason::Closed, "Efter stängningen."),
            "{name}"
        );
        assert_eq!(v.sheet.scores[4].score, "5", "{name}");

        // In the juror's personal data.
        let texts = &kept_texts(&db, &j.j2, now).await;
        assert_eq!(
            (&texts[0]["form"], &texts[0]["reason"]),
            (&"sheet".into(), &"closed".into()),
            "{name}: {texts}"
        );
        assert_eq!(
            texts[0]["text"]["overall_comment"], "Efter stängningen.",
            "{name}"
        );

        // Discarded by its juror, without scripts: back to the scoring page; again, as from a
        // second tab, the same.
        let form = [("entry_id", e1.to_string()), ("lang", "sv".to_string())];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for _tab in 0..2 {
            let res = s
                .form_post(
                    &juror,
                    "/api/discard_unsaved_sheet",
                    &format!("/jury/unsaved/{e1}"),
                    &form,
                )
                .await;
            assert_eq!(location(&res), page, "{name}");
        }
        assert_eq!(status_of(&juror, &kept).await, 404, "{name}");
    })
    .await;
}

/// Whether the tag that opens with `opening` in a page carries `attribute`.
fn tag_has(page: &str, opening: &str, attribute: &str) -> bool {
    let at = page
        .find(opening)
        .unwrap_or_else(|| panic!("{opening}: {page}"));
    page[at..at + page[at..].find('>').unwrap()].contains(attribute)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_decision_is_kept_for_whoever_sent_it_and_comes_back_when_it_can() {
    on_each_backend(|db, name| async move {
        // e0 and e1 tie at the top.
        let j = jury(&db).await;
        let scored = j.judging + Duration::days(2);
        for (e, points) in j.entries.iter().zip([4, 4, 3, 2]) {
            for juror in [&j.chair, &j.j2, &j.j3] {
                score(&db, juror, *e, [points; 5], "Bra", scored).await;
            }
        }
        let now = j.deliberation + Duration::hours(1);
        let s = TestServer::start(db.clone(), now).await;
        let chair = signed_in(&s, "chair@bra.se").await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = format!("/jury/{}/ranking", j.year);
        let url = format!("{}{page}", s.base);
        let year = j.year.to_string();
        let [e0, e1, e2] = [0, 1, 2].map(|i| j.entries[i].to_string());
        let send = |who: &'static str, motivation: &'static str, tie_reason: &'static str| {
            let (s, page, year) = (&s, &page, &year);
            let client = if who == "chair" { &chair } else { &admin };
            let fields = [
                ("year", year.clone()),
                ("winner", e0.clone()),
                ("runners_up[0]", e1.clone()),
                ("mentions[0]", e2.clone()),
                ("motivation_sv", motivation.to_string()),
                ("motivation_en", String::new()),
                ("tie_reason", tie_reason.to_string()),
            ];
            async move {
                let form: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                s.submit(client, "/api/record_decision", page, &form).await
            }
        };
        let kept = |who: &Actor| {
            let db = &db;
            let who = who.clone();
            async move {
                jury::ranking_view(db, &who, j.year, now)
                    .await
                    .unwrap()
                    .kept
            }
        };

        // An entry given two places is refused at the second.
        let twice = jury::DecisionInput {
            winner: j.entries[2],
            runners_up: vec![j.entries[2]],
            motivation_sv: "Två gånger.".into(),
            ..Default::default()
        };
        assert_eq!(
            jury::decide(&db, &unwatched(), &j.chair, j.year, twice, now).await,
            Err(AppError::invalid_field("runners_up", Problem::ChosenTwice)),
            "{name}"
        );

        // The winner tied without a reason: refused, and the form comes back as it was sent
        // (in place of the copy above), the tie reason marked.
        let motivation = "Projektet når unga i hela kommunen.";
        let (back, text) = send("chair", motivation, "").await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Formuläret visar beslutet som du skickade den")
                && text.contains(motivation)
                && text.contains("Fyll i fältet."),
            "{name}: {text}"
        );
        assert!(tag_has(
            &text,
            &format!("<option value=\"{e0}\""),
            "selected"
        ));
        assert!(tag_has(&text, &format!("id=\"runner-{e1}\""), "checked"));
        assert!(tag_has(&text, &format!("id=\"mention-{e2}\""), "checked"));
        assert!(!tag_has(&text, &format!("id=\"runner-{e2}\""), "checked"));
        // Only the chair's: the organiser's form starts empty.
        let theirs = page_text(&admin, &url).await;
        assert!(!theirs.contains(motivation), "{name}: {theirs}");

        // Corrected and recorded: the copy is settled.
        let (back, text) = send("chair", motivation, "Större spridning.").await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Beslutet registrerades"), "{name}: {text}");
        assert!(!text.contains("Formuläret visar beslutet"), "{name}");
        assert_eq!(kept(&j.chair).await, None, "{name}");

        // The organiser's tab, opened before the chair recorded: refused, and kept for them,
        // listed on the ranking page with why. The recorded decision stands.
        let theirs = "Organisatörens motivering.";
        let (back, text) = send("admin", theirs, "Lika").await;
        assert!(back.contains("__err"), "{name}: {back}");
        // The form is gone, so the refusal is announced above the recorded decision.
        assert!(
            alerts(&text, "Juryns beslut för året är redan registrerat."),
            "{name}: {text}"
        );
        assert!(
            text.contains("Beslut som inte registrerades")
                && text.contains("Ett beslut hade redan registrerats när ditt skickades.")
                && text.contains(theirs)
                && text.contains("Lika")
                && text.contains("30 dagar"),
            "{name}: {text}"
        );
        let listed = text.replace("<!>", "");
        for (what, chosen) in [("Vinnare", "Projekt 0"), ("Andraplatser", "Projekt 1")] {
            let row = format!(r#"<dt>{what}</dt><dd><span lang="sv">{chosen}</span></dd>"#);
            assert!(listed.contains(&row), "{name}: {row} in {listed}");
        }
        let english = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("Decision that was not recorded")
                && english.contains("A decision had already been recorded when yours was sent."),
            "{name}: {english}"
        );
        assert!(!page_text(&chair, &url).await.contains(theirs), "{name}");
        let motivations: Vec<String> = award::Entity::find()
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|a| a.motivation_sv)
            .collect();
        assert_eq!(motivations, [motivation], "{name}");

        // In the organiser's personal data, with the round.
        let texts = &kept_texts(&db, &j.admin, now).await;
        assert_eq!(
            (
                &texts[0]["form"],
                &texts[0]["reason"],
                &texts[0]["round"]["year"]
            ),
            (&"decision".into(), &"stale".into(), &j.year.into()),
            "{name}: {texts}"
        );
        assert_eq!(texts[0]["text"]["motivation_sv"], theirs, "{name}");

        // Reopened: the form starts from the decision taken back; the copy stays listed.
        jury::reopen(&db, &unwatched(), &j.chair, j.year, "Ny information.", now)
            .await
            .unwrap();
        let text = page_text(&admin, &url).await;
        assert!(
            text.contains("Formuläret utgår från beslutet som öppnades igen.")
                && text.contains("Beslut som inte registrerades"),
            "{name}: {text}"
        );

        // Refused for what it said after the reopening: back in the organiser's form, in place
        // of the older copy; once another decision is recorded and taken back it no longer
        // belongs there, and is listed.
        let (_, text) = send("admin", theirs, "").await;
        assert!(
            text.contains("Formuläret visar beslutet som du skickade den")
                && !text.contains("Beslut som inte registrerades"),
            "{name}: {text}"
        );
        let recorded = jury::DecisionInput {
            winner: j.entries[1],
            runners_up: vec![j.entries[0]],
            mentions: vec![],
            motivation_sv: "Ett annat beslut.".into(),
            motivation_en: String::new(),
            tie_reason: "Bredare samverkan.".into(),
        };
        jury::decide(&db, &unwatched(), &j.chair, j.year, recorded, now)
            .await
            .unwrap();
        jury::reopen(&db, &unwatched(), &j.chair, j.year, "Igen.", now)
            .await
            .unwrap();
        let text = page_text(&admin, &url).await;
        assert!(
            text.contains("Något i beslutet godtogs inte, och sedan dess har ett beslut")
                && text.contains(theirs)
                && !text.contains("Formuläret visar beslutet"),
            "{name}: {text}"
        );
        assert!(
            tag_has(&text, &format!("id=\"runner-{e0}\""), "checked"),
            "{name}: the form starts from the decision taken back"
        );

        // Discarded by its sender, without scripts: back to the ranking. Again, as from a second
        // tab: nothing is kept, as was asked, so no error. The chair has none.
        let form = [("year", year.as_str())];
        let discard = ("discard_unsaved_decision", page.as_str(), &form[..]);
        let nothing_kept = async || kept(&j.admin).await.is_none();
        discard_twice(&s, &admin, discard, nothing_kept, name).await;
        assert_eq!(
            jury::discard_unsaved_decision(&db, &j.j2, j.year).await,
            Err(AppError::Forbidden),
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_migrations_for_decisions_and_items_keep_the_text_kept_for_entries() {
    use app::backend::unsaved::{self, UnsavedForm, Whose};
    use sea_orm::ConnectionTrait;
    use sea_orm_migration::MigratorTrait;
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        let round = app::backend::entities::competition::Entity::find()
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let text = serde_json::json!({ "title": "Trygg väg hem" });
        let entry = Whose::of(&w.a, id, UnsavedForm::Entry);
        let decision = Whose::of(&w.admin, round, UnsavedForm::Decision);
        unsaved::keep(&db, entry, &text, 3, UnsavedReason::Stale, now)
            .await
            .unwrap();
        unsaved::keep(&db, decision, &text, 0, UnsavedReason::Invalid, now)
            .await
            .unwrap();
        let news = Whose::of(&w.admin, 0, UnsavedForm::News);
        unsaved::keep(&db, news, &text, 0, UnsavedReason::Invalid, now)
            .await
            .unwrap();

        // Down past migration 33 (the item's text), 32 (the feedback's revision) and 31 (with
        // what came after them): the earlier shapes have no place for the item's or the
        // decision's text; the entry's stays.
        crate::common::migrate_down_through(&db, "m20261223_000031_unsaved_decision").await;
        assert_eq!(unsaved_text_rows(&db).await, 1, "{name}");
        migrations::Migrator::up(&db, None).await.unwrap();
        let back = unsaved::kept::<serde_json::Value, _>(&db, entry)
            .await
            .unwrap()
            .expect("kept through the rebuild");
        assert_eq!(
            (back.fields, back.reason, back.based_on),
            (text.clone(), UnsavedReason::Stale, Some(3)),
            "{name}"
        );
        for gone in [decision, news] {
            let kept = unsaved::kept::<serde_json::Value, _>(&db, gone).await;
            assert!(kept.unwrap().is_none(), "{name}");
        }

        // Up again: every kind is kept, one row per person, form and entry, round or item. A
        // row must name exactly one of them, and an entry or round that exists; a well-formed
        // row goes in.
        unsaved::keep(&db, decision, &text, 0, UnsavedReason::Invalid, now)
            .await
            .unwrap();
        unsaved::keep(&db, decision, &text, 1, UnsavedReason::Stale, now)
            .await
            .unwrap();
        unsaved::keep(&db, news, &text, 0, UnsavedReason::Invalid, now)
            .await
            .unwrap();
        unsaved::keep(&db, news, &text, 0, UnsavedReason::Invalid, now)
            .await
            .unwrap();
        assert_eq!(unsaved_text_rows(&db).await, 3, "{name}");
        let (entry_id, round_id) = (id.to_string(), round.to_string());
        let insert = |e: &str, c: &str, i: &str| {
            format!(
                "INSERT INTO unsaved_text (entry_id, competition_id, item_id, user_id, draft, reason, created_at, form) \
                 VALUES ({e}, {c}, {i}, {}, '{{}}', 'stale', '2027-01-01 09:00:00+00:00', 'decision')",
                w.b.user_id
            )
        };
        for (e, c, i) in [
            ("NULL", "NULL", "NULL"),
            (&entry_id, &round_id, "NULL"),
            ("NULL", &round_id, "0"),
            (&entry_id, "NULL", "7"),
            ("NULL", "9999", "NULL"),
        ] {
            let sql = insert(e, c, i);
            assert!(db.execute_unprepared(&sql).await.is_err(), "{name}: {sql}");
        }
        db.execute_unprepared(&insert("NULL", &round_id, "NULL"))
            .await
            .unwrap();
        db.execute_unprepared(&insert("NULL", "NULL", "7"))
            .await
            .unwrap();
        assert_eq!(unsaved_text_rows(&db).await, 5, "{name}");
    })
    .await;
}

async fn unsaved_text_rows(db: &sea_orm::DatabaseConnection) -> i64 {
    use sea_orm::ConnectionTrait;
    // Raw, since the entity's columns are the newer shape's.
    let sql = "SELECT COUNT(*) FROM unsaved_text";
    db.query_one_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        sql,
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<i64>(0)
    .unwrap()
}

/// The `unsaved_texts` of a person's data export.
pub(crate) async fn kept_texts(
    db: &sea_orm::DatabaseConnection,
    who: &Actor,
    now: chrono::DateTime<chrono::Utc>,
) -> serde_json::Value {
    let zip = gdpr::my_export(db, who, &std::env::temp_dir(), now)
        .await
        .unwrap();
    let doc: serde_json::Value =
        serde_json::from_slice(&crate::gdpr::unpacked(&zip)["personal-data.json"]).unwrap();
    doc["unsaved_texts"].clone()
}

/// Drops the table that keeps refused text: what a database failing between a save and the
/// keeping of its text leaves the save to answer with.
async fn without_kept_texts(db: &sea_orm::DatabaseConnection) {
    use sea_orm::ConnectionTrait;
    db.execute_unprepared("DROP TABLE unsaved_text")
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_text_that_cannot_be_kept_neither_hides_the_refusal_nor_undoes_the_save() {
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        without_kept_texts(&db).await;
        // Refused as stale, which is what the writer needs to know, not as a database error.
        let stale = applicant::save(&db, &w.a, id, 0, crate::entries::complete(), now).await;
        assert_eq!(
            stale.map(|_| ()),
            Err(AppError::Conflict(Conflict::Stale)),
            "{name}"
        );
        // Stored, and answered so, though nothing kept could be settled.
        let saved = applicant::save(&db, &w.a, id, 1, crate::entries::complete(), now)
            .await
            .unwrap();
        assert_eq!(saved.revision, 2, "{name}");
        // (Read past the views, which list kept texts too.)
        let stored = app::backend::entities::entry::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.revision, stored.title.as_str()),
            (2, "Riskreducerande insatser"),
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sheet_that_cannot_be_kept_neither_hides_the_refusal_nor_undoes_the_save() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let (e, now) = (j.entries[0], j.judging + Duration::days(1));
        without_kept_texts(&db).await;
        let refused =
            jury::save_sheet(&db, &j.j2, e, 0, sheet([9, 3, 3, 3, 3], "För högt."), false, now)
                .await;
        assert!(
            matches!(&refused, Err(AppError::Invalid(problems)) if problems.iter().any(|p| p.problem == Problem::OutOfRange)),
            "{name}: {refused:?}"
        );
        let saved = jury::save_sheet(&db, &j.j2, e, 0, sheet([4, 3, 5, 2, 1], "Väl."), false, now)
            .await
            .unwrap();
        assert_eq!(saved.revision, 1, "{name}");
        use app::backend::entities::score_sheet;
        use sea_orm::{ColumnTrait, QueryFilter};
        let stored = score_sheet::Entity::find()
            .filter(score_sheet::Column::EntryId.eq(e))
            .filter(score_sheet::Column::JurorId.eq(j.j2.user_id))
            .one(&db)
            .await
            .unwrap()
            .expect("the sheet is stored");
        assert_eq!(stored.overall_comment, "Väl.", "{name}");
    })
    .await;
}
