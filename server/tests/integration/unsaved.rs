//! Text a save refused is kept for the person who typed it: a plain form post (no scripts) is
//! answered with a redirect, so the form cannot show it again. The writer finds it from the
//! entry's form (or the juror from their score sheet), reads it on its own page, and discards
//! it; nobody else sees it; it is in their personal data, goes with their erasure, and retention
//! removes it after 30 days. On SQLite and PostgreSQL.

use crate::common::{TestServer, location, on_each_backend, page_text, status_of};
use crate::entries::open_year_with_a_draft;
use crate::jury::{KEYS, jury, sheet};
use crate::people::signed_in;
use crate::scoring_desk::radio;
use app::backend::entries::applicant;
use app::backend::{gdpr, jury, retention};
use app::error::{AppError, Conflict};
use app::model::{RetentionRules, UnsavedReason};
use chrono::Duration;

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

        // A field over what the portal stores: refused, and the latest refused text is kept.
        let long = "x".repeat(301);
        let back = post("2", long.clone(), "Kortare text.").await;
        assert!(back.contains("__err"), "{name}: {back}");
        let page = page_text(&a, &unsaved).await;
        assert!(
            page.contains(&long)
                && page.contains("Ett fält var längre än portalen kan spara")
                && !page.contains("Text från den andra fliken."),
            "{name}"
        );

        // It is in the writer's personal data, and nobody else's.
        let zip = gdpr::my_export(&db, &w.a, &std::env::temp_dir(), now)
            .await
            .unwrap();
        let doc: serde_json::Value =
            serde_json::from_slice(&crate::gdpr::unpacked(&zip)["personal-data.json"]).unwrap();
        assert_eq!(
            doc["unsaved_texts"][0]["text"]["title"], long,
            "{name}: {}",
            doc["unsaved_texts"]
        );
        assert_eq!(doc["unsaved_texts"][0]["reason"], "invalid", "{name}");
        let zip = gdpr::my_export(&db, &w.a2, &std::env::temp_dir(), now)
            .await
            .unwrap();
        let doc: serde_json::Value =
            serde_json::from_slice(&crate::gdpr::unpacked(&zip)["personal-data.json"]).unwrap();
        assert_eq!(doc["unsaved_texts"], serde_json::json!([]), "{name}");

        // Discarded by its writer, without scripts: back to the form, which no longer points
        // to it.
        let res = s
            .form_post(
                &a,
                "/api/discard_unsaved_entry",
                &format!("{edit}/unsaved"),
                &[("id", &id.to_string()), ("lang", "sv")],
            )
            .await;
        assert_eq!(location(&res), edit, "{name}");
        assert_eq!(status_of(&a, &unsaved).await, 404, "{name}");
        let form = page_text(&a, &format!("{}{edit}", s.base)).await;
        assert!(!form.contains("kunde inte sparas"), "{name}");

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
        let zip = gdpr::my_export(&db, &j.j2, &std::env::temp_dir(), now)
            .await
            .unwrap();
        let doc: serde_json::Value =
            serde_json::from_slice(&crate::gdpr::unpacked(&zip)["personal-data.json"]).unwrap();
        let texts = &doc["unsaved_texts"];
        assert_eq!(
            (&texts[0]["form"], &texts[0]["reason"]),
            (&"sheet".into(), &"closed".into()),
            "{name}: {texts}"
        );
        assert_eq!(
            texts[0]["text"]["overall_comment"], "Efter stängningen.",
            "{name}"
        );

        // Discarded by its juror, without scripts: back to the scoring page.
        let form = [("entry_id", e1.to_string()), ("lang", "sv".to_string())];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = s
            .form_post(
                &juror,
                "/api/discard_unsaved_sheet",
                &format!("/jury/unsaved/{e1}"),
                &form,
            )
            .await;
        assert_eq!(location(&res), page, "{name}");
        assert_eq!(status_of(&juror, &kept).await, 404, "{name}");
    })
    .await;
}
