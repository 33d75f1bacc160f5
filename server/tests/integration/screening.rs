//! The organiser's screening of entries without scripts: a reason the screening refused for what
//! it says comes back in that entry's field, marked, for the organiser who typed it and nobody
//! else, until a verdict is given; the entry and its applicants hear nothing of the refused one.
//! On SQLite and PostgreSQL.

use crate::common::{TestServer, alerts, on_each_backend, page_text, unwatched};
use crate::jury::{actor, jury};
use crate::people::{person, signed_in};
use crate::unsaved::kept_texts;
use app::backend::accounts::Actor;
use app::backend::entities::{entry, mail_outbox};
use app::backend::entries::screening;
use app::backend::unsaved::{self, UnsavedForm, Whose};
use app::error::{AppError, Problem};
use app::model::{EntryStatus, Role};
use chrono::Duration;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

async fn status(db: &DatabaseConnection, id: i32) -> (EntryStatus, Option<String>) {
    let e = entry::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    (e.status, e.screening_reason)
}

async fn kept(db: &DatabaseConnection, who: &Actor, id: i32) -> Option<String> {
    let whose = Whose::of(who, id, UnsavedForm::Screening);
    unsaved::kept::<String, _>(db, whose)
        .await
        .unwrap()
        .map(|k| k.fields)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_reason_comes_back_in_its_entrys_field_for_whoever_typed_it() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        // After the deadline, before judging: the entries are screened.
        let now = j.judging - Duration::days(2);
        let s = TestServer::start(db.clone(), now).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = format!("/admin/competitions/{}/entries", j.year);
        let url = format!("{}{page}", s.base);
        let (id, other) = (j.entries[1], j.entries[2]);
        let screen = |eligible: &'static str, reason: String| {
            let (s, page, admin) = (&s, &page, &admin);
            async move {
                let id = id.to_string();
                let fields = [
                    ("entry_id", id.as_str()),
                    ("eligible", eligible),
                    ("reason", reason.as_str()),
                ];
                s.submit(admin, "/api/screen_entry", page, &fields).await
            }
        };
        let mails = || async {
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Template.eq("screening_result"))
                .count(&db)
                .await
                .unwrap()
        };
        let before = status(&db, id).await;

        // Too long: refused and announced; the reason is back in this entry's field as it was
        // typed, marked with the problem, with a notice; on every reading, in both languages.
        let short = "Projektet är inte genomfört i Sverige.";
        let long = format!("{short} {}", "Underlaget nämner bara en ort utomlands. ".repeat(60));
        let (back, text) = screen("false", long.clone()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            alerts(&text, "Några uppgifter behöver rättas. Se de markerade fälten."),
            "{name}: {text}"
        );
        for text in [text, page_text(&admin, &url).await] {
            assert!(
                text.contains("Fältet visar motiveringen som du skickade den")
                    && text.contains(long.trim_end())
                    && text.contains(&format!(
                        "aria-describedby=\"entry-reason-{id}-hint entry-reason-{id}-count entry-reason-{id}-error\""
                    ))
                    && text.contains(&format!("<p id=\"entry-reason-{id}-error\" class=\"field-error\">Texten är för lång.</p>")),
                "{name}: {text}"
            );
            // The other entries' fields are neither marked nor filled with it.
            assert_eq!(text.matches("aria-invalid=\"true\"").count(), 1, "{name}");
            assert_eq!(text.matches(short).count(), 1, "{name}");
            assert!(!text.contains(&format!("entry-reason-{other}-error")), "{name}");
        }
        let english = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("The field shows the reason you sent on")
                && english.contains("The text is too long."),
            "{name}: {english}"
        );
        // Nothing was screened, and nobody was told.
        assert_eq!(status(&db, id).await, before, "{name}");
        assert_eq!(mails().await, 0, "{name}");
        // In the organiser's personal data, with the entry.
        let texts = &kept_texts(&db, &j.admin, now).await;
        assert_eq!(
            (&texts[0]["form"], &texts[0]["reason"], &texts[0]["text"]),
            (&"screening".into(), &"invalid".into(), &long.clone().into()),
            "{name}: {texts}"
        );
        assert!(texts[0]["entry"].is_string(), "{name}: {texts}");

        // "Not eligible" with an empty reason is refused too, and keeps what was kept.
        // Without a field to mark, the announcement says what is missing.
        let (back, text) = screen("false", "  ".into()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            alerts(&text, "Skriv en motivering när ett bidrag inte uppfyller villkoren.")
                && text.contains(long.trim_end()),
            "{name}: {text}"
        );
        assert_eq!(status(&db, id).await, before, "{name}");

        // The secretariat organises the final, not this round: the reason is refused for its
        // length before the round is known, and nothing is kept for them.
        let sec = person(&db, "sekretariat@eucpn.eu", None, &[Role::Secretariat]).await;
        let sec = actor(&db, sec).await;
        let refused = screening::screen(&db, &unwatched(), &sec, id, false, &long, now, "x").await;
        assert_eq!(
            refused,
            Err(AppError::invalid_field("reason", Problem::TooLong)),
            "{name}"
        );
        assert_eq!(kept(&db, &sec, id).await, None, "{name}");

        // Corrected and sent: screened, the applicants told, and the copy settled.
        let (back, text) = screen("false", short.into()).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            !text.contains("Fältet visar motiveringen") && !text.contains("aria-invalid=\"true\""),
            "{name}: {text}"
        );
        assert_eq!(
            status(&db, id).await,
            (EntryStatus::Ineligible, Some(short.into())),
            "{name}"
        );
        assert_eq!(mails().await, 1, "{name}");
        assert_eq!(kept(&db, &j.admin, id).await, None, "{name}");
    })
    .await;
}
