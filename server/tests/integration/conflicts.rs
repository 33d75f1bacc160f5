//! A juror's declaration of a conflict of interest without scripts, taken until the jury
//! decides: a reason refused is kept for the juror who typed it. Refused as too long, it comes
//! back in the form on the scoring page while the page shows the form, and the declaration
//! settles it; refused because the jury had decided, the refusal is announced where the form
//! was, and the reason is listed with why until the juror discards it, or goes once the
//! conflict stands. Nobody else sees it. The organiser's record of a juror's conflict is kept
//! likewise, and its form shows it again. On SQLite and PostgreSQL.

use crate::common::{TestServer, alerts, discard_twice, on_each_backend, page_text, status_of};
use crate::jury::{jury, score};
use crate::people::signed_in;
use crate::publication::decided;
use crate::unsaved::kept_texts;
use app::backend::accounts::Actor;
use app::backend::entities::jury_conflict;
use app::backend::jury;
use app::backend::unsaved::{self, UnsavedForm, Whose};
use app::model::RecordedConflict;
use chrono::Duration;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

async fn kept(db: &DatabaseConnection, who: &Actor, id: i32) -> Option<String> {
    let whose = Whose::of(who, id, UnsavedForm::Conflict);
    unsaved::kept::<String, _>(db, whose)
        .await
        .unwrap()
        .map(|k| k.fields)
}

async fn conflicts(db: &DatabaseConnection, id: i32) -> u64 {
    jury_conflict::Entity::find()
        .filter(jury_conflict::Column::EntryId.eq(id))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_reason_for_a_conflict_is_kept_for_the_juror_and_comes_back_when_it_can() {
    on_each_backend(|db, name| async move {
        // Judging open; the decision is recorded at the deliberation, which closes it.
        let j = decided(&db).await;
        let now = j.judging + Duration::days(3);
        let s = TestServer::start(db.clone(), now).await;
        let juror = signed_in(&s, "j2@bra.se").await;
        let chair = signed_in(&s, "chair@bra.se").await;
        let (first, second) = (j.entries[1], j.entries[2]);
        let page = |id: i32| format!("/jury/{}/entries/{id}", j.year);
        let declare = |id: i32, reason: String| {
            let (s, juror, page) = (&s, &juror, page(id));
            async move {
                let id = id.to_string();
                let fields = [("entry_id", id.as_str()), ("reason", reason.as_str())];
                s.submit(juror, "/api/declare_conflict", &page, &fields)
                    .await
            }
        };

        // Too long: refused, and the reason comes back in the form as it was typed, marked,
        // for the juror alone, on every reading of the page, in both languages.
        let short = "Jag har arbetat i projektet.";
        let long = format!(
            "{short} {}",
            "Jag satt i projektets styrgrupp under ett år. ".repeat(120)
        );
        let (back, text) = declare(first, long.clone()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Texten är för lång."), "{name}: {text}");
        let url = format!("{}{}", s.base, page(first));
        for text in [text, page_text(&juror, &url).await] {
            assert!(
                text.contains("Fältet visar skälet som du skickade den")
                    && text.contains(long.trim_end())
                    && !text.contains("Skäl till jäv som inte sparades"),
                "{name}: {text}"
            );
        }
        let english = page_text(&juror, format!("{}/en{}", s.base, page(first))).await;
        assert!(
            english.contains("The field shows the reason you sent on"),
            "{name}: {english}"
        );
        assert!(!page_text(&chair, &url).await.contains(short), "{name}");
        assert_eq!(conflicts(&db, first).await, 0, "{name}");
        // An empty reason, refused too, keeps what was kept.
        let (back, text) = declare(first, String::new()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains(long.trim_end()), "{name}: {text}");

        // Corrected and sent: declared, and the copy settled.
        let (back, _) = declare(first, short.into()).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert_eq!(conflicts(&db, first).await, 1, "{name}");
        assert_eq!(kept(&db, &j.j2, first).await, None, "{name}");

        // Too long on another entry, then the decision closes judging: the form is gone, and
        // the reason is listed with why.
        declare(second, long.clone()).await;
        s.clock.set(j.deliberation + Duration::hours(1));
        let url = format!("{}{}", s.base, page(second));
        let text = page_text(&juror, &url).await;
        assert!(
            text.contains("Skäl till jäv som inte sparades")
                && text.contains("Skälet godtogs inte, och sedan dess har juryn beslutat.")
                && text.contains(long.trim_end())
                && !text.contains("Fältet visar skälet"),
            "{name}: {text}"
        );

        // A page opened before the decision: refused, announced where the form was in words
        // that name the decision, and listed in place of the older copy, with why. Nothing is
        // declared.
        let late = "Jag känner projektledaren.";
        let (back, text) = declare(second, late.into()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            alerts(
                &text,
                "Jäv kan inte längre anmälas eller registreras: juryns beslut"
            ) && text.contains("Juryns beslut var redan registrerat när skälet skickades.")
                && text.contains(&format!("<p class=\"note-body\">{late}</p>"))
                && !text.contains(short),
            "{name}: {text}"
        );
        assert_eq!(conflicts(&db, second).await, 0, "{name}");
        let english = page_text(&juror, format!("{}/en{}", s.base, page(second))).await;
        assert!(
            english.contains("Reason for a conflict of interest that was not saved")
                && english
                    .contains("The jury’s decision was already recorded when the reason was sent.")
                && english.contains("Conflicts are declared until the jury decides."),
            "{name}: {english}"
        );
        // In the juror's personal data.
        let texts = &kept_texts(&db, &j.j2, j.deliberation).await;
        assert_eq!(
            (&texts[0]["form"], &texts[0]["reason"], &texts[0]["text"]),
            (&"conflict".into(), &"closed".into(), &late.into()),
            "{name}: {texts}"
        );

        // Discarded without scripts, twice as from two tabs: nothing is kept, as was asked.
        let id = second.to_string();
        let form = [("entry_id", id.as_str())];
        let back = page(second);
        let discard = ("discard_unsaved_conflict", back.as_str(), &form[..]);
        let nothing_kept = async || kept(&db, &j.j2, second).await.is_none();
        discard_twice(&s, &juror, discard, nothing_kept, name).await;
        let text = page_text(&juror, &url).await;
        assert!(!text.contains(late), "{name}: {text}");
    })
    .await;
}

/// In deliberation the sheets have closed but the jury has not decided: a juror who finds a
/// conflict of interest only now declares it from the scoring page, without scripts, and their
/// sheet no longer counts in the chair's ranking. Once the jury has decided, the form is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_juror_declares_a_conflict_in_deliberation_and_their_sheet_no_longer_counts() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let e = j.entries[0];
        for (juror, points) in [(&j.chair, 4), (&j.j2, 1), (&j.j3, 4)] {
            score(&db, juror, e, [points; 5], "Bra", j.judging).await;
        }
        let now = j.deliberation + Duration::hours(1);
        let s = TestServer::start(db.clone(), now).await;
        let juror = signed_in(&s, "j2@bra.se").await;
        let page = format!("/jury/{}/entries/{e}", j.year);
        let url = format!("{}{page}", s.base);
        let text = page_text(&juror, &url).await;
        assert!(
            text.contains("Bedömningen är stängd.")
                && text.contains("action=\"/api/declare_conflict\"")
                && text.contains("jäv kan anmälas tills juryn har fattat sitt beslut"),
            "{name}: {text}"
        );
        let english = page_text(&juror, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("a conflict of interest can be declared until the jury has decided"),
            "{name}: {english}"
        );
        let row = async || {
            let view = jury::ranking_view(&db, &j.chair, j.year, now)
                .await
                .unwrap();
            let row = view.rows.into_iter().find(|r| r.entry_id == e).unwrap();
            (row.jurors, row.raw_mean, row.recused.len())
        };
        assert_eq!(row().await, (3, 3.0, 0), "{name}");

        let id = e.to_string();
        let fields = [
            ("entry_id", id.as_str()),
            ("reason", "Jag har handlett projektet."),
        ];
        let (back, _) = s
            .submit(&juror, "/api/declare_conflict", &page, &fields)
            .await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert_eq!(conflicts(&db, e).await, 1, "{name}");
        assert_eq!(row().await, (2, 4.0, 1), "{name}");
        assert_eq!(status_of(&juror, &url).await, 409, "{name}");

        // The jury decides: no other entry's page offers the form any more.
        j.change_round(&db, |c| c.decided_at = Set(Some(now))).await;
        let other = format!("{}/jury/{}/entries/{}", s.base, j.year, j.entries[1]);
        let text = page_text(&juror, &other).await;
        assert!(
            text.contains("Bedömningen är stängd.") && !text.contains("/api/declare_conflict"),
            "{name}: {text}"
        );
    })
    .await;
}

/// A juror's reason for a conflict that a save refused goes once the conflict stands, however
/// it came to: the juror stands aside from the entry and no longer sees the page that lists the
/// reason, so it could be neither read nor discarded there. Recorded by the organiser, or
/// declared by the juror after the decision was taken back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_reason_for_a_conflict_goes_once_the_conflict_stands() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let (first, second) = (j.entries[0], j.entries[1]);
        let long = "Jag var med i styrgruppen. ".repeat(200);

        // Too long, kept in the form; then the organiser records the conflict.
        let refused = jury::declare_own_conflict(&db, &j.j2, first, &long, now).await;
        assert!(refused.is_err(), "{name}");
        assert_eq!(
            kept(&db, &j.j2, first).await.as_deref(),
            Some(long.as_str()),
            "{name}"
        );
        let record = RecordedConflict {
            entry_id: first,
            juror_id: j.j2.user_id,
            reason: "Anställd i projektet.".into(),
        };
        jury::add_conflict(&db, &j.admin, record, now)
            .await
            .unwrap();
        assert_eq!(kept(&db, &j.j2, first).await, None, "{name}");

        // Sent after the jury decided, kept with why; the decision is taken back, and the juror
        // declares the conflict anew.
        j.change_round(&db, |c| c.decided_at = Set(Some(now))).await;
        let late = "Jag känner projektledaren.";
        let refused = jury::declare_own_conflict(&db, &j.j2, second, late, now).await;
        assert!(refused.is_err(), "{name}");
        assert_eq!(
            kept(&db, &j.j2, second).await.as_deref(),
            Some(late),
            "{name}"
        );
        j.change_round(&db, |c| c.decided_at = Set(None)).await;
        jury::declare_own_conflict(&db, &j.j2, second, "Jag är släkt med henne.", now)
            .await
            .unwrap();
        assert_eq!(kept(&db, &j.j2, second).await, None, "{name}");
        assert_eq!(
            kept_texts(&db, &j.j2, now).await,
            serde_json::json!([]),
            "{name}"
        );
    })
    .await;
}

/// The organiser's record of a juror's conflict, refused, is kept for them alone: the jury
/// page's form shows it again, entry, juror and reason, with when and why, until a record is
/// made or the copy is discarded. Once the jury has decided the form is gone, and a record
/// sent from a page opened before is listed with why until it is discarded. Without scripts,
/// on SQLite and PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisers_refused_record_of_a_conflict_comes_back_in_the_form_until_it_is_settled() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let s = TestServer::start(db.clone(), j.judging + Duration::days(3)).await;
        let round = j.round;
        let admin = signed_in(&s, "admin@bra.se").await;
        let chair = signed_in(&s, "chair@bra.se").await;
        let page = format!("/admin/competitions/{}/jury", j.year);
        let url = format!("{}{page}", s.base);
        let (entry, juror) = (j.entries[2], j.j3.user_id);
        let record = |who: &'static str, reason: String| {
            let (s, page) = (&s, page.clone());
            let client = if who == "admin" { &admin } else { &chair };
            async move {
                let (entry, juror) = (entry.to_string(), juror.to_string());
                let fields = [
                    ("entry_id", entry.as_str()),
                    ("juror_id", juror.as_str()),
                    ("reason", reason.as_str()),
                ];
                s.submit(client, "/api/add_conflict", &page, &fields).await
            }
        };
        let kept = async || {
            let whose = Whose::of(&j.admin, round, UnsavedForm::RecordedConflict);
            unsaved::kept::<RecordedConflict, _>(&db, whose)
                .await
                .unwrap()
                .map(|k| k.fields.reason)
        };
        // The form shows entry and juror chosen as they were sent.
        let chosen = |text: &str| {
            text.contains(&format!("<option value=\"{entry}\" selected"))
                && text.contains(&format!("<option value=\"{juror}\" selected"))
        };
        let short = "Juryledamoten har arbetat i projektet.";
        let long = format!(
            "{short} {}",
            "Hon satt i styrgruppen under ett år. ".repeat(150)
        );

        // Too long: refused and marked, and the whole record is back in the form, on the
        // redirect and on every later reading, in both languages. Nothing is recorded.
        let (back, text) = record("admin", long.clone()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Texten är för lång."), "{name}: {text}");
        for text in [text, page_text(&admin, &url).await] {
            assert!(
                text.contains("Formuläret visar jävet som du skickade den")
                    && text.contains("Uppgifterna godtogs inte")
                    && text.contains(long.trim_end())
                    && chosen(&text),
                "{name}: {text}"
            );
        }
        let english = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("The form shows the conflict of interest you sent on")
                && english.contains("Something in it was not accepted"),
            "{name}: {english}"
        );
        assert_eq!(conflicts(&db, entry).await, 0, "{name}");
        // An empty reason, refused too, keeps what was kept; someone who may not record a
        // conflict keeps nothing.
        let (back, text) = record("admin", String::new()).await;
        assert!(
            back.contains("__err") && text.contains(long.trim_end()),
            "{name}"
        );
        record("chair", long.clone()).await;
        let whose = Whose::of(&j.chair, round, UnsavedForm::RecordedConflict);
        let theirs = unsaved::kept::<RecordedConflict, _>(&db, whose)
            .await
            .unwrap();
        assert!(theirs.is_none(), "{name}");

        // Corrected and sent: recorded, and the copy settled; the form starts empty again.
        let (back, text) = record("admin", short.into()).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert_eq!(conflicts(&db, entry).await, 1, "{name}");
        assert_eq!(kept().await, None, "{name}");
        assert!(
            !text.contains("Formuläret visar jävet") && !chosen(&text),
            "{name}: {text}"
        );

        // Once the jury has decided the form is gone, and says why. A record sent from a page
        // opened before is refused in words that say so, and listed with why, entry and juror
        // named, and in the organiser's personal data; then discarded without scripts, twice as
        // from two tabs.
        s.clock.set(j.deliberation + Duration::hours(1));
        let closed = "Jäv registreras till dess juryn har beslutat.";
        let text = page_text(&admin, &url).await;
        assert!(
            text.contains(closed) && !text.contains("action=\"/api/add_conflict\""),
            "{name}: {text}"
        );
        let late = "Juryledamoten är släkt med projektledaren.";
        let (back, text) = record("admin", late.into()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            alerts(&text, "Jäv kan inte längre anmälas eller registreras")
                && text.contains(closed)
                && text.contains("Jäv som inte registrerades")
                && text.contains("Juryns beslut var redan registrerat när jävet skickades")
                && text.contains(&format!("<p class=\"note-body\">{late}</p>"))
                && text.contains("Projekt 2 · Jurymedlem: Person j3@bra.se")
                && text.contains("action=\"/api/discard_unsaved_recorded_conflict\"")
                && !text.contains("action=\"/api/add_conflict\""),
            "{name}: {text}"
        );
        let english = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("Conflicts of interest are recorded until the jury decides.")
                && english.contains("Conflict of interest that was not recorded")
                && english.contains("The jury’s decision was already recorded when it was sent"),
            "{name}: {english}"
        );
        let texts = &kept_texts(&db, &j.admin, j.deliberation).await;
        assert_eq!(
            (
                &texts[0]["form"],
                &texts[0]["reason"],
                &texts[0]["text"]["reason"]
            ),
            (&"recorded_conflict".into(), &"closed".into(), &late.into()),
            "{name}: {texts}"
        );
        let year = j.year.to_string();
        let form = [("year", year.as_str())];
        let discard = (
            "discard_unsaved_recorded_conflict",
            page.as_str(),
            &form[..],
        );
        discard_twice(&s, &admin, discard, async || kept().await.is_none(), name).await;
        let text = page_text(&admin, &url).await;
        assert!(
            !text.contains(late) && text.contains(closed) && !text.contains("discard_unsaved"),
            "{name}: {text}"
        );
    })
    .await;
}

/// A kept record whose juror (or entry) is not among the form's choices, because the post named
/// someone who sits on no jury or the juror has gone since, chooses nothing in its place: the
/// list asks for a choice again, so the record is never sent for the first juror in the list
/// by mistake. Sent without a choice anyway, it is refused, and the copy stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_record_whose_juror_is_not_in_the_list_asks_for_the_juror_again() {
    on_each_backend(|db, name| async move {
        let j = crate::jury::jury(&db).await;
        let s = TestServer::start(db.clone(), j.judging + Duration::days(1)).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = format!("/admin/competitions/{}/jury", j.year);
        let entry = j.entries[2].to_string();
        let reason = "Sökanden är gift med en av jurymedlemmarna.";
        let record = |juror: String| {
            let (s, page, entry, admin) = (&s, page.clone(), entry.clone(), admin.clone());
            async move {
                let fields = [
                    ("entry_id", entry.as_str()),
                    ("juror_id", juror.as_str()),
                    ("reason", reason),
                ];
                s.submit(&admin, "/api/add_conflict", &page, &fields).await
            }
        };
        // Someone who sits on no jury (the applicant): refused, and kept.
        let (back, text) = record(j.applicant.user_id.to_string()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        let asks_again = |text: &str| {
            text.contains("name=\"juror_id\" required")
                && text.contains("<option value=\"\" selected")
                && !text.contains(&format!("<option value=\"{}\" selected", j.chair.user_id))
        };
        assert!(
            text.contains(reason)
                && text.contains(&format!("<option value=\"{entry}\" selected"))
                && asks_again(&text)
                && text.contains("Välj igen: ditt val finns inte i listan"),
            "{name}: {text}"
        );
        let english = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            asks_again(&english)
                && english.contains("Choose again: your choice is not in the list"),
            "{name}: {english}"
        );
        // The entry's list, whose choice is there, asks nothing.
        assert!(!text.contains("name=\"entry_id\" required"), "{name}");

        // Sent without a choice (a browser that does not ask): refused, nothing recorded, and
        // the copy is still in the form.
        let (back, text) = record(String::new()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains(reason) && asks_again(&text), "{name}: {text}");
        assert_eq!(conflicts(&db, j.entries[2]).await, 0, "{name}");
    })
    .await;
}
