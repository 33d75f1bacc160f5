//! The jury's discussion of an entry: its jurors read and write it on the terms on which they
//! see the other jurors' scores, the organiser always, applicants and outsiders never; notes
//! can be added from the start of judging until the results are public; a note refused is kept
//! for its writer. Over HTTP without scripts too. On SQLite and PostgreSQL.

use crate::common::{TestServer, alerts, discard_twice, on_each_backend, page_text};
use crate::jury::{jury, score};
use crate::people::signed_in;
use app::backend::jury;
use app::error::{AppError, Conflict, Problem};
use app::model::Hidden;
use chrono::Duration;
use sea_orm::Set;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jurors_discuss_an_entry_once_their_own_sheet_is_in_and_applicants_never_see_it() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let e = j.entries[0];
        let now = j.judging + Duration::days(1);
        // Not before judging starts, for anyone.
        assert_eq!(
            jury::add_note(&db, &j.admin, e, "Tidigt.", j.judging - Duration::days(1)).await,
            Err(AppError::Conflict(Conflict::JudgingClosed))
        );
        // The organiser opens the thread.
        jury::add_note(
            &db,
            &j.admin,
            e,
            "  Titta särskilt på effektmätningen.  ",
            now,
        )
        .await
        .unwrap();
        // A juror without a submitted sheet neither reads nor writes it yet.
        let v = jury::discussion(&db, &j.j2, e, now).await.unwrap();
        assert_eq!(v.notes, Err(Hidden::UntilOwnSubmitted), "{name}");
        assert!(!v.may_post);
        assert_eq!(
            jury::add_note(&db, &j.j2, e, "Jag tycker…", now).await,
            Err(AppError::Conflict(Conflict::NotYet))
        );
        // Nobody outside the jury: the entry's own applicant, and a juror of nothing.
        assert_eq!(
            jury::discussion(&db, &j.applicant, e, now).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            jury::add_note(&db, &j.applicant, e, "Hej juryn", now).await,
            Err(AppError::NotFound)
        );
        // Once j2's sheet is in: the organiser's note, and j2's own.
        score(&db, &j.j2, e, [4; 5], "", now).await;
        for (body, problem) in [
            ("   ", Problem::Required),
            (&"x".repeat(5_001)[..], Problem::TooLong),
        ] {
            assert_eq!(
                jury::add_note(&db, &j.j2, e, body, now).await,
                Err(AppError::invalid_field("body", problem))
            );
        }
        jury::add_note(
            &db,
            &j.j2,
            e,
            "Effekten är väl belagd.",
            now + Duration::minutes(5),
        )
        .await
        .unwrap();
        let v = jury::discussion(&db, &j.j2, e, now).await.unwrap();
        assert!(v.may_post);
        assert_eq!(v.back, format!("/jury/2027/entries/{e}"));
        let notes = v.notes.unwrap();
        let seen: Vec<(&str, &str, bool)> = notes
            .iter()
            .map(|n| (n.author.as_str(), n.body.as_str(), n.own))
            .collect();
        assert_eq!(
            seen,
            vec![
                (
                    "Person admin@bra.se",
                    "Titta särskilt på effektmätningen.",
                    false
                ),
                ("Person j2@bra.se", "Effekten är väl belagd.", true),
            ],
            "{name}"
        );
        // What j2 wrote is in j2's personal data.
        let zip = app::backend::gdpr::export_for(
            &db,
            &j.admin,
            &std::env::temp_dir(),
            "j2@bra.se",
            "",
            now,
        )
        .await
        .unwrap();
        let doc: serde_json::Value =
            serde_json::from_slice(&crate::gdpr::unpacked(&zip)["personal-data.json"]).unwrap();
        assert_eq!(
            doc["jury_notes"][0]["text"], "Effekten är väl belagd.",
            "{name}"
        );
        assert_eq!(doc["jury_notes"].as_array().map(Vec::len), Some(1));
        // A juror who stands aside from the entry sees nothing of it.
        jury::declare_conflict(&db, &j.j3, e, j.j3.user_id, "Jäv", now)
            .await
            .unwrap();
        assert_eq!(
            jury::discussion(&db, &j.j3, e, now).await,
            Err(AppError::Conflict(Conflict::Recused))
        );
        // Where the year keeps scores blind until judging closes, so is the thread.
        j.change_round(&db, |c| c.blind_until_close = Set(true))
            .await;
        let v = jury::discussion(&db, &j.j2, e, now).await.unwrap();
        assert_eq!(v.notes, Err(Hidden::UntilJudgingCloses), "{name}");
        let v = jury::discussion(&db, &j.j2, e, j.deliberation)
            .await
            .unwrap();
        assert_eq!(v.notes.unwrap().len(), 2);
        // The organiser comes back to the ranking; once the results are public, no more notes.
        let v = jury::discussion(&db, &j.admin, e, j.deliberation)
            .await
            .unwrap();
        assert_eq!(v.back, "/jury/2027/ranking");
        let public = j.deliberation + Duration::days(1);
        j.change_round(&db, |c| c.results_released_at = Set(Some(public)))
            .await;
        let after = public + Duration::hours(1);
        let v = jury::discussion(&db, &j.admin, e, after).await.unwrap();
        assert!(!v.may_post && v.notes.is_ok(), "{name}");
        assert_eq!(
            jury::add_note(&db, &j.admin, e, "Sent.", after).await,
            Err(AppError::Conflict(Conflict::JudgingClosed))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_juror_writes_in_the_discussion_without_scripts_in_both_languages() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let e = j.entries[1];
        let now = j.judging + Duration::days(1);
        score(&db, &j.j2, e, [3; 5], "", now).await;
        let s = TestServer::start(db.clone(), now).await;
        let juror = signed_in(&s, "j2@bra.se").await;
        let scoring = page_text(&juror, format!("{}/jury/2027/entries/{e}", s.base)).await;
        assert!(
            scoring.contains(&format!("href=\"/jury/discussion/{e}\"")),
            "{name}: the scoring page links to the discussion"
        );
        let page = format!("/jury/discussion/{e}");
        let text = page_text(&juror, format!("{}{page}", s.base))
            .await
            .replace("<!>", "");
        assert!(text.contains("Inga inlägg ännu."), "{name}: {text}");
        let id = e.to_string();
        let write = |body: &'static str| {
            let (s, juror, page, id) = (&s, &juror, &page, &id);
            async move {
                let fields = [("entry_id", id.as_str()), ("body", body)];
                s.submit(juror, "/api/add_jury_note", page, &fields).await
            }
        };
        let (back, text) = write("").await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Fyll i fältet."), "{name}: {text}");
        let (back, text) = write("Samverkan med skolan <b>beskrivs</b> tydligt.").await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Inlägget är publicerat för juryn."),
            "{name}: {text}"
        );
        assert!(
            text.contains("Samverkan med skolan &lt;b&gt;beskrivs&lt;/b&gt; tydligt."),
            "{name}: shown as text, never as markup: {text}"
        );
        assert!(text.contains("Person j2@bra.se"), "{name}");
        let text = page_text(&juror, format!("{}/en{page}", s.base))
            .await
            .replace("<!>", "");
        assert!(text.contains("Write a note"), "{name}: {text}");
        assert!(text.contains("Publish the note"), "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_note_is_kept_for_its_writer_and_comes_back_when_it_can() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let e = j.entries[1];
        let now = j.judging + Duration::days(1);
        score(&db, &j.j2, e, [3; 5], "", now).await;
        let s = TestServer::start(db.clone(), now).await;
        let juror = signed_in(&s, "j2@bra.se").await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = format!("/jury/discussion/{e}");
        let url = format!("{}{page}", s.base);
        let id = e.to_string();
        let write = |body: String| {
            let (s, juror, page, id) = (&s, &juror, &page, &id);
            async move {
                let fields = [("entry_id", id.as_str()), ("body", body.as_str())];
                s.submit(juror, "/api/add_jury_note", page, &fields).await
            }
        };
        let kept = || {
            let (db, j2) = (&db, j.j2.clone());
            async move { jury::discussion(db, &j2, e, now).await.unwrap().kept }
        };

        // Too long: refused, and the note comes back in the field as it was typed, marked, for
        // its writer alone, on every reading of the page, in both languages.
        let short = "Effekten är väl belagd.";
        let long = format!("{short} {}", "Mätningen saknar kontrollgrupp. ".repeat(160));
        let (back, text) = write(long.clone()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Texten är för lång."), "{name}: {text}");
        for text in [text, page_text(&juror, &url).await] {
            assert!(
                text.contains("Fältet visar inlägget som du skickade den")
                    && text.contains(long.trim_end())
                    && !text.contains("Inlägg som inte publicerades"),
                "{name}: {text}"
            );
        }
        let english = page_text(&juror, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("The field shows the note you sent on"),
            "{name}: {english}"
        );
        let theirs = page_text(&admin, &url).await;
        assert!(!theirs.contains(short), "{name}: {theirs}");
        // An empty note, refused too, keeps what was kept.
        let (back, text) = write(String::new()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains(long.trim_end()), "{name}: {text}");

        // Corrected and published: the copy is settled.
        let (back, text) = write(short.to_string()).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Inlägget är publicerat för juryn.")
                && !text.contains("Fältet visar inlägget"),
            "{name}: {text}"
        );
        assert_eq!(kept().await, None, "{name}");

        // Too long again, and then the results are public: notes are closed, so it is listed
        // with why, and a note from a page opened before is refused, announced, and kept in its
        // place.
        write(long.clone()).await;
        j.change_round(&db, |c| {
            c.results_released_at = Set(Some(now - Duration::minutes(1)))
        })
        .await;
        let text = page_text(&juror, &url).await;
        assert!(
            text.contains("Inlägg som inte publicerades")
                && text.contains("Inlägget godtogs inte, och sedan dess har diskussionen stängts.")
                && text.contains(long.trim_end())
                && text.contains("30 dagar")
                && !text.contains("Fältet visar inlägget"),
            "{name}: {text}"
        );
        let late = "Skrivet i en flik som öppnades före publiceringen.";
        let (back, text) = write(late.to_string()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            alerts(&text, "Bedömningen är inte öppen")
                && text.contains("Diskussionen var stängd när inlägget skickades.")
                && text.contains(&format!("<p class=\"note-body\">{late}</p>"))
                && !text.contains(long.trim_end()),
            "{name}: {text}"
        );
        let english = page_text(&juror, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("Note that was not published")
                && english.contains("The discussion was closed when the note was sent."),
            "{name}: {english}"
        );
        // In the juror's personal data, with the entry.
        let texts = &crate::unsaved::kept_texts(&db, &j.j2, now).await;
        assert_eq!(
            (&texts[0]["form"], &texts[0]["reason"], &texts[0]["text"]),
            (&"note".into(), &"closed".into(), &late.into()),
            "{name}: {texts}"
        );
        assert!(texts[0]["entry"].is_string(), "{name}: {texts}");

        // Discarded by its writer, without scripts: back to the thread. Again, as from a second
        // tab: nothing is kept, as was asked. The entry's applicant has no say.
        let form = [("entry_id", id.as_str())];
        let discard = ("discard_unsaved_note", page.as_str(), &form[..]);
        let nothing_kept = async || kept().await.is_none();
        discard_twice(&s, &juror, discard, nothing_kept, name).await;
        assert_eq!(
            jury::discard_unsaved_note(&db, &j.applicant, e, now).await,
            Err(AppError::NotFound),
            "{name}"
        );
    })
    .await;
}
