//! The organiser's news and event editors lose nothing and write over nothing: every save
//! moves the item's revision on, a save from an editor opened before is refused, and what a
//! refused save sent is kept for its writer, in the form or beside it, without scripts.
use crate::common::{TestServer, at, location, on_each_backend, page_text, stale_copy, unwatched};
use crate::events::{draft_webinar, webinar};
use crate::jury::jury;
use crate::people::signed_in;
use crate::unsaved::kept_texts;
use app::backend::publication::{events, kept, news};
use app::error::{AppError, Conflict, Problem};
use app::model::NewsForm;

/// A news item's fields as the editor posts them, over `revision`.
fn news_fields<'a>(id: &'a str, revision: &'a str, summary: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", id),
        ("revision", revision),
        ("lang", "sv"),
        ("news[kind]", "news"),
        ("news[year]", "2027"),
        ("news[title_sv]", "Metoden som minskar återfall"),
        ("news[summary_sv]", summary),
        (
            "news[body_sv]",
            "Ett långt utkast om metoden, skrivet i lugn och ro.",
        ),
        ("news[publish]", "draft"),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_news_text_is_written_over_or_lost() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 10, 1, 9, 0);
        let s = TestServer::start(db.clone(), now).await;
        // The organiser has the editor open in two tabs.
        let (tab_a, tab_b) = (
            signed_in(&s, "admin@bra.se").await,
            signed_in(&s, "admin@bra.se").await,
        );

        // A new item refused for what it says (no summary): the new editor starts from what was
        // sent, says so, and marks the field; the browser's script may put the typing back.
        let (back, text) = s
            .submit(&tab_a, "/api/save_news", "/admin/news/new", &news_fields("0", "0", ""))
            .await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Formuläret visar det som du skickade den")
                && text.contains("Ett långt utkast om metoden, skrivet i lugn och ro.")
                && text.contains("entry-summary_sv-error")
                && !text.contains("data-restore")
                && !text.contains("Din text som inte sparades"),
            "{name}: {text}"
        );
        let later = news::edit_view(&db, &j.admin, 0, now).await.unwrap();
        assert!(
            later.form.title_sv == "Metoden som minskar återfall"
                && later.kept.as_ref().is_some_and(|k| k.in_form),
            "{name}: a new editor opened later starts from it too"
        );
        // With the entries of the year it chose, to link.
        let offered: Vec<i32> = later.year_entries.iter().map(|(id, _)| *id).collect();
        assert!(
            !offered.is_empty() && offered.iter().all(|id| j.entries.contains(id)),
            "{name}: {offered:?}"
        );
        assert_eq!(kept_texts(&db, &j.admin, now).await[0]["item"], 0, "{name}");
        // Corrected and saved: the item exists at revision 0, and the kept text is settled.
        let back = location(
            &s.form_post(&tab_a, "/api/save_news", "/admin/news/new", &news_fields("0", "0", "Ingress"))
                .await,
        );
        assert!(back.contains("?saved=1"), "{name}: {back}");
        let text = page_text(&tab_a, format!("{}{back}", s.base)).await;
        assert!(text.contains("name=\"revision\" value=\"0\""), "{name}");
        let id: i32 = back
            .split('?')
            .next()
            .and_then(|path| path.rsplit('/').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{name}: {back}"));
        assert_eq!(kept_texts(&db, &j.admin, now).await, serde_json::json!([]), "{name}");

        // Both tabs have the item open at revision 0. Tab B saves; tab A's older editor is
        // refused, in words, and does not write over B's text.
        let page = format!("/admin/news/{id}");
        let sid = id.to_string();
        let back = location(
            &s.form_post(&tab_b, "/api/save_news", &page, &news_fields(&sid, "0", "Flik B:s ingress"))
                .await,
        );
        assert!(back.contains("?saved=1"), "{name}: {back}");
        let (back, text) = s
            .submit(&tab_a, "/api/save_news", &page, &news_fields(&sid, "0", "Flik A:s ingress"))
            .await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Det här har sparats i en annan flik eller av någon annan sedan du öppnade sidan"),
            "{name}: {text}"
        );
        let stored = news::edit_view(&db, &j.admin, id, now).await.unwrap();
        assert_eq!(
            (stored.form.summary_sv.as_str(), stored.revision),
            ("Flik B:s ingress", 1),
            "{name}"
        );
        // The form shows what is saved, at the new revision, and tells the browser's script not
        // to put A's typing back over it; A's text is kept beside it with why, and 30 days.
        assert!(text.contains(">Flik B:s ingress<"), "{name}: {text}");
        let copy = stale_copy(&text, 1, "Din text som inte sparades", name);
        assert!(
            copy.contains("Flik A:s ingress")
                && copy.contains("Det hade sparats i en annan flik eller av någon annan efter att du öppnade sidan.")
                && copy.contains("30 dagar")
                && copy.contains("action=\"/api/discard_unsaved_item\""),
            "{name}: {copy}"
        );
        let en = page_text(&tab_a, format!("{}/en{page}", s.base)).await;
        assert!(
            en.contains("Your text that was not saved")
                && en.contains("It had been saved in another tab or by someone else after you opened the page."),
            "{name}"
        );
        // It is in the organiser's personal data, with the item.
        let export = kept_texts(&db, &j.admin, now).await;
        assert_eq!(
            (&export[0]["form"], &export[0]["item"], &export[0]["reason"]),
            (&serde_json::json!("news"), &serde_json::json!(id), &serde_json::json!("stale")),
            "{name}: {export}"
        );

        // Two saves sent from one revision at once: one is stored, the other refused.
        let form = |summary: &str| NewsForm {
            summary_sv: summary.into(),
            ..news_form()
        };
        let public = unwatched();
        let (first, second) = tokio::join!(
            news::save(&db, &public, &j.admin, (id, 1), form("Först"), now),
            news::save(&db, &public, &j.admin, (id, 1), form("Samtidigt"), now),
        );
        let changed = Err(AppError::Conflict(Conflict::ItemChanged));
        assert!(
            (first.is_ok() && second == changed) || (second.is_ok() && first == changed),
            "{name}: {first:?} {second:?}"
        );
        assert_eq!(news::edit_view(&db, &j.admin, id, now).await.unwrap().revision, 2);

        // A new image changes the editor's alternative texts: an editor opened before is stale.
        let image = crate::publication::image("b.png", "Bild", "");
        news::set_image(&db, &public, &j.admin, s.uploads.path(), id, image, now)
            .await
            .unwrap();
        assert_eq!(
            news::save(&db, &public, &j.admin, (id, 2), form("Efter bilden"), now).await,
            changed,
            "{name}"
        );
        assert_eq!(news::edit_view(&db, &j.admin, id, now).await.unwrap().revision, 3);

        // The copy is discarded without scripts. Twice, as from two tabs that showed it: the
        // second finds it gone, as was asked, and its page says so too, not an error.
        for _tab in 0..2 {
            let (back, text) = s
                .submit(&tab_a, "/api/discard_unsaved_item", &page, &[("kind", "news"), ("id", &sid)])
                .await;
            assert!(back.ends_with(&format!("{page}?__ok=discard_unsaved_item")), "{name}: {back}");
            assert!(
                text.contains("Kopian är borttagen.")
                    && !text.contains("Din text som inte sparades"),
                "{name}"
            );
        }
        assert_eq!(kept_texts(&db, &j.admin, now).await, serde_json::json!([]), "{name}");
        assert_eq!(
            kept::discard(&db, &j.admin, "nyhet", id).await,
            Err(AppError::invalid_field("kind", Problem::InvalidChoice))
        );
        assert_eq!(
            kept::discard(&db, &j.chair, "news", id).await,
            Err(AppError::Forbidden)
        );
    })
    .await;
}

fn news_form() -> NewsForm {
    NewsForm {
        kind: "news".into(),
        title_sv: "Metoden som minskar återfall".into(),
        summary_sv: "Ingress".into(),
        body_sv: "Text".into(),
        image_alt_sv: "Bild".into(),
        publish: "draft".into(),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_event_text_is_written_over_or_lost() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 10, 1, 9, 0);
        let public = unwatched();
        let id = draft_webinar(&db, &j.admin, now).await;
        let s = TestServer::start(db.clone(), now).await;
        let tab_a = signed_in(&s, "admin@bra.se").await;
        let page = format!("/admin/events/{id}");
        let opened = page_text(&tab_a, format!("{}{page}", s.base)).await;
        assert!(opened.contains("name=\"revision\" value=\"0\""), "{name}");
        // Saved elsewhere after tab A opened it.
        let mut moved = webinar("draft", "");
        moved.place = "Malmö".into();
        events::save(&db, &public, &j.admin, (id, 0), moved, now)
            .await
            .unwrap();
        let sid = id.to_string();
        let fields = [
            ("id", sid.as_str()),
            ("revision", "0"),
            ("lang", "sv"),
            ("event[title_sv]", "Webbinarium om återfall"),
            ("event[summary_sv]", "Flik A:s sammanfattning"),
            ("event[starts_at]", "2027-12-01T09:00"),
            ("event[place]", "Göteborg"),
            ("event[speakers][0][name]", "Cecilia Ek"),
            ("event[speakers][0][organisation]", "Göteborgs stad"),
            ("event[publish]", "draft"),
        ];
        let (back, text) = s.submit(&tab_a, "/api/save_event", &page, &fields).await;
        assert!(back.contains("__err"), "{name}: {back}");
        let stored = events::edit_view(&db, &j.admin, id, now).await.unwrap();
        assert_eq!(
            (stored.form.place.as_str(), stored.revision),
            ("Malmö", 1),
            "{name}"
        );
        let copy = stale_copy(&text, 1, "Din text som inte sparades", name);
        assert!(
            copy.contains("Flik A:s sammanfattning")
                && copy.contains("Göteborg")
                && copy.contains("Cecilia Ek, Göteborgs stad")
                && copy.contains("name=\"kind\" value=\"event\""),
            "{name}: {copy}"
        );
        // Refused for what it said on the current revision: the editor starts from it.
        let mut fixed = fields.to_vec();
        fixed[1].1 = "1";
        fixed[5].1 = "inte en tid";
        let (_, text) = s.submit(&tab_a, "/api/save_event", &page, &fixed).await;
        assert!(
            text.contains("Formuläret visar det som du skickade den")
                && text.contains("value=\"Göteborg\"")
                && !text.contains("Din text som inte sparades"),
            "{name}: {text}"
        );
        // Corrected and saved: stored at revision 2, and nothing is kept.
        fixed[5].1 = "2027-12-01T09:00";
        let back = location(&s.form_post(&tab_a, "/api/save_event", &page, &fixed).await);
        assert!(back.contains("?saved=1"), "{name}: {back}");
        let stored = events::edit_view(&db, &j.admin, id, now).await.unwrap();
        assert_eq!(
            (stored.form.place.as_str(), stored.revision),
            ("Göteborg", 2),
            "{name}"
        );
        assert!(stored.kept.is_none(), "{name}");
        assert_eq!(
            kept_texts(&db, &j.admin, now).await,
            serde_json::json!([]),
            "{name}"
        );
    })
    .await;
}
