//! Text a save refused is kept for the person who typed it: a plain form post (no scripts) is
//! answered with a redirect, so the form cannot show it again. The writer finds it from the
//! entry's form, reads it on its own page, and discards it; nobody else sees it; it is in their
//! personal data, goes with their erasure, and retention removes it after 30 days. On SQLite
//! and PostgreSQL.

use crate::common::{TestServer, location, on_each_backend, page_text, status_of};
use crate::entries::open_year_with_a_draft;
use crate::people::signed_in;
use app::backend::entries::applicant;
use app::backend::{gdpr, retention};
use app::error::AppError;
use app::model::RetentionRules;
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
