//! The organiser's screening of entries without scripts: a reason the screening refused for what
//! it says comes back in that entry's field, marked, for the organiser who typed it and nobody
//! else, until a verdict is given or it is discarded; the entry and its applicants hear nothing
//! of the refused one.
//! A verdict from a page opened before the entry was screened again is refused, and its reason
//! comes back the same way, with why, until a verdict is given or it is discarded. On SQLite and
//! PostgreSQL.

use crate::common::{TestServer, alerts, discard_twice, on_each_backend, page_text, unwatched};
use crate::jury::{Jury, actor, jury};
use crate::people::{person, signed_in};
use crate::unsaved::kept_texts;
use app::backend::accounts::Actor;
use app::backend::entities::{entry, mail_outbox};
use app::backend::entries::screening;
use app::backend::unsaved::{self, UnsavedForm, Whose};
use app::error::{AppError, Problem};
use app::model::{EntryStatus, Role};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

async fn status(db: &DatabaseConnection, id: i32) -> (EntryStatus, Option<String>) {
    let e = entry::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    (e.status, e.screening_reason)
}

/// Screens entry `id` as `who` at `at`, as from a page opened then (on the entry's screening as
/// it stands): the service call the other files' set-ups make.
pub(crate) async fn screened(
    db: &DatabaseConnection,
    who: &Actor,
    id: i32,
    eligible: bool,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let e = entry::Entity::find_by_id(id).one(db).await.unwrap();
    let seen = e.map(|e| screening::screening_seen(&e)).unwrap_or_default();
    let verdict = screening::Verdict {
        entry_id: id,
        eligible,
        reason,
        seen: &seen,
    };
    screening::screen(db, &unwatched(), who, verdict, at, "http://x").await
}

/// Posts a verdict on entry `id` without scripts, as the form on `page` does.
async fn post_verdict(
    (s, client, page): (&TestServer, &reqwest::Client, &str),
    (id, eligible, reason, seen): (i32, &str, &str, &str),
) -> (String, String) {
    let id = id.to_string();
    let fields = [
        ("entry_id", id.as_str()),
        ("eligible", eligible),
        ("reason", reason),
        ("seen", seen),
    ];
    s.submit(client, "/api/screen_entry", page, &fields).await
}

/// The screening results mailed so far.
async fn mails(db: &DatabaseConnection) -> u64 {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Template.eq("screening_result"))
        .count(db)
        .await
        .unwrap()
}

/// A jury year after its deadline and before judging, when the entries are screened, served
/// over HTTP with its organiser signed in.
struct Served {
    j: Jury,
    /// That day.
    now: DateTime<Utc>,
    s: TestServer,
    /// The organiser's client.
    admin: reqwest::Client,
    /// The screening page's path, and its address.
    page: String,
    url: String,
}

async fn served(db: &DatabaseConnection) -> Served {
    let j = jury(db).await;
    let now = j.judging - Duration::days(2);
    let s = TestServer::start(db.clone(), now).await;
    let admin = signed_in(&s, "admin@bra.se").await;
    let page = format!("/admin/competitions/{}/entries", j.year);
    let url = format!("{}{page}", s.base);
    Served {
        j,
        now,
        s,
        admin,
        page,
        url,
    }
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
        let Served {
            j,
            now,
            s,
            admin,
            page,
            url,
        } = served(&db).await;
        let (id, other) = (j.entries[1], j.entries[2]);
        // Nothing is screened before the last step, so the form is on no screening.
        let screen = |eligible: &'static str, reason: String| {
            let form = (&s, &admin, page.as_str());
            async move { post_verdict(form, (id, eligible, &reason, "")).await }
        };
        let mails = || mails(&db);
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
        let refused = screened(&db, &sec, id, false, &long, now).await;
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

        // Refused on another entry, and let go rather than corrected: that field alone offers
        // the discard, which (twice, as from two tabs) empties it and screens nothing.
        let (back, _) = post_verdict((&s, &admin, &page), (other, "false", &long, "")).await;
        assert!(back.contains("__err"), "{name}: {back}");
        let discards = |text: &str| text.matches("action=\"/api/discard_unsaved_screening\"").count();
        let text = page_text(&admin, &url).await;
        assert!(discards(&text) == 1 && text.contains(long.trim_end()), "{name}: {text}");
        let before = status(&db, other).await;
        let other_id = other.to_string();
        let form = [("entry_id", other_id.as_str())];
        let discard = ("discard_unsaved_screening", page.as_str(), &form[..]);
        let nothing_kept = async || kept(&db, &j.admin, other).await.is_none();
        discard_twice(&s, &admin, discard, nothing_kept, name).await;
        let text = page_text(&admin, &url).await;
        assert!(
            discards(&text) == 0 && !text.contains(long.trim_end()),
            "{name}: {text}"
        );
        assert_eq!(status(&db, other).await, before, "{name}");
        assert_eq!(mails().await, 1, "{name}");
    })
    .await;
}

/// The screening a page shows is sent back with a verdict: one given since, in another tab or
/// by a colleague, is not overwritten unseen. Without scripts the stale verdict is refused in
/// words, nothing changes and nobody is mailed, and its reason comes back in the entry's field
/// with why; sent again from the page as it is now, it stands. Of two verdicts sent at once on
/// the same screening, one stands. On SQLite and PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verdict_from_a_page_opened_before_the_entry_was_screened_again_is_refused() {
    on_each_backend(|db, name| async move {
        let Served {
            j,
            s,
            admin,
            page,
            url,
            ..
        } = served(&db).await;
        let seen_on = |text: &str, id: i32| {
            let field = format!(
                "name=\"entry_id\" value=\"{id}\"><input type=\"hidden\" name=\"seen\" value=\""
            );
            let at = text.find(&field).map(|at| at + field.len());
            let rest = &text[at.unwrap_or_else(|| panic!("{name}: no seen field: {text}"))..];
            rest[..rest.find('"').unwrap()].to_string()
        };
        let screen = |id: i32, eligible: &'static str, reason: &'static str, seen: String| {
            let form = (&s, &admin, page.as_str());
            async move { post_verdict(form, (id, eligible, reason, &seen)).await }
        };
        let mails = || mails(&db);
        let id = j.entries[1];
        // Two tabs open on the list: nothing screened yet.
        let opened = seen_on(&page_text(&admin, &url).await, id);
        assert_eq!(opened, "", "{name}");

        // The first tab finds the entry eligible.
        let (back, text) = screen(id, "true", "", opened.clone()).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert_eq!(status(&db, id).await.0, EntryStatus::Eligible, "{name}");
        assert_eq!(mails().await, 1, "{name}");
        let now_seen = seen_on(&text, id);
        assert_ne!(now_seen, opened, "{name}");

        // The second, opened before, does not overwrite it: refused in words, nothing changed,
        // nobody mailed, and the reason back in the entry's field with why, in both languages.
        let reason = "Projektet har inte utvärderats.";
        let (back, text) = screen(id, "false", reason, opened.clone()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            alerts(
                &text,
                "Bidraget har granskats i en annan flik eller av en kollega"
            ) && text.contains("efter att bidraget hade granskats i en annan flik")
                && text.contains(reason),
            "{name}: {text}"
        );
        assert_eq!(
            status(&db, id).await,
            (EntryStatus::Eligible, None),
            "{name}"
        );
        assert_eq!(mails().await, 1, "{name}");
        assert_eq!(
            kept(&db, &j.admin, id).await.as_deref(),
            Some(reason),
            "{name}"
        );
        let english = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("after the entry had been screened in another tab"),
            "{name}: {english}"
        );

        // Sent again from the page as it is now: it stands, and the copy is settled.
        let (back, text) = screen(id, "false", reason, seen_on(&text, id)).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            !text.contains("efter att bidraget hade granskats"),
            "{name}: {text}"
        );
        assert_eq!(
            status(&db, id).await,
            (EntryStatus::Ineligible, Some(reason.into())),
            "{name}"
        );
        assert_eq!(mails().await, 2, "{name}");
        assert_eq!(kept(&db, &j.admin, id).await, None, "{name}");

        // Two verdicts sent at once on the same screening: one stands, the other is refused.
        let other = j.entries[2];
        let (yes, no) = tokio::join!(
            screen(other, "true", "", String::new()),
            screen(other, "false", "Utanför temat.", String::new())
        );
        let refused = [&yes.0, &no.0]
            .iter()
            .filter(|b| b.contains("__err"))
            .count();
        assert_eq!(refused, 1, "{name}: {} / {}", yes.0, no.0);
        assert_eq!(mails().await, 3, "{name}");

        // A colleague's verdict the organiser lets stand: their refused reason is discarded
        // without scripts, twice as from two tabs, and the verdict and the mails are unchanged.
        let stood = status(&db, other).await;
        let late = "Jag hann inte läsa bilagan.";
        let (back, text) = screen(other, "false", late, String::new()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("action=\"/api/discard_unsaved_screening\"") && text.contains(late),
            "{name}: {text}"
        );
        let id = other.to_string();
        let form = [("entry_id", id.as_str())];
        let discard = ("discard_unsaved_screening", page.as_str(), &form[..]);
        let nothing_kept = async || kept(&db, &j.admin, other).await.is_none();
        discard_twice(&s, &admin, discard, nothing_kept, name).await;
        let text = page_text(&admin, &url).await;
        assert!(
            !text.contains(late) && !text.contains("/api/discard_unsaved_screening"),
            "{name}: {text}"
        );
        assert_eq!(status(&db, other).await, stood, "{name}");
        assert_eq!(mails().await, 3, "{name}");
    })
    .await;
}
