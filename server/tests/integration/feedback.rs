//! The jury's feedback to applicants: who prepares and releases it and when, that it names no
//! juror, that the outcome mail links to it and the release mails the applicant once, and, over
//! HTTP without scripts, the whole round trip from the chair's form to the applicant's page in
//! Swedish and English. On SQLite and PostgreSQL.

use crate::common::{
    TestServer, audited, location, on_each_backend, page_text, stale_copy, unwatched,
};
use crate::jury::Jury;
use crate::people::signed_in;
use crate::publication::decided;
use app::backend::entities::{app_user, audit_log, mail_outbox};
use app::backend::feedback::{self, FeedbackInput, MAX_SUMMARY};
use app::backend::publication::release;
use app::error::{AppError, Conflict, Problem};
use app::model::FeedbackState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// When `decided`'s results are public: released by the organiser at once.
async fn results_public(db: &DatabaseConnection, j: &Jury) -> DateTime<Utc> {
    let public_at = j.deliberation + Duration::days(3);
    release::release(
        db,
        &unwatched(),
        &j.admin,
        j.year,
        "",
        public_at,
        "http://x",
    )
    .await
    .unwrap();
    public_at
}

async fn mails(db: &DatabaseConnection, template: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Template.eq(template))
        .all(db)
        .await
        .unwrap()
}

fn input(summary_sv: &str, summary_en: &str, chosen: &[String]) -> FeedbackInput {
    FeedbackInput {
        summary_sv: summary_sv.into(),
        summary_en: summary_en.into(),
        chosen: chosen.to_vec(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_releases_chosen_comments_and_a_summary_naming_no_juror() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let e0 = j.entries[0];
        let in_judging = j.judging + Duration::days(2);

        // The chair prepares only once judging has closed; a juror and an applicant never.
        assert_eq!(
            feedback::draft(&db, &j.chair, e0, in_judging)
                .await
                .unwrap_err(),
            AppError::Conflict(Conflict::NotYet),
            "{name}"
        );
        for who in [&j.j2, &j.applicant] {
            assert_eq!(
                feedback::draft(&db, who, e0, j.deliberation)
                    .await
                    .unwrap_err(),
                AppError::Forbidden,
                "{name}"
            );
        }
        let draft = feedback::draft(&db, &j.chair, e0, j.deliberation)
            .await
            .unwrap();
        assert!(
            !draft.organiser && draft.state == FeedbackState::Empty,
            "{name}"
        );
        assert!(draft.back.ends_with("/jury/2027/ranking"), "{}", draft.back);
        // Three jurors, each with a comment per criterion and an overall one, numbered, never
        // named.
        assert_eq!(draft.candidates.len(), 3 * 6, "{name}");
        let jurors: std::collections::BTreeSet<usize> =
            draft.candidates.iter().map(|c| c.juror).collect();
        assert_eq!(jurors.into_iter().collect::<Vec<_>>(), vec![1, 2, 3]);
        assert!(
            !serde_json::to_string(&draft).unwrap().contains("@bra.se"),
            "{name}"
        );
        let overall = draft
            .candidates
            .iter()
            .find(|c| c.criterion.is_none())
            .unwrap()
            .clone();
        let criterion = draft
            .candidates
            .iter()
            .find(|c| c.criterion.is_some() && c.juror == 2)
            .unwrap()
            .clone();

        // Bad input is refused per field; nothing is stored.
        let unknown = feedback::save(
            &db,
            &j.chair,
            (e0, 0),
            input("", "", &["999:theme".into()]),
            j.deliberation,
        );
        assert_eq!(
            unknown.await.unwrap_err().field("chosen"),
            Some(Problem::InvalidChoice),
            "{name}"
        );
        let long = "a".repeat(MAX_SUMMARY + 1);
        let too_long = feedback::save(
            &db,
            &j.chair,
            (e0, 0),
            input(&long, "", &[]),
            j.deliberation,
        );
        assert_eq!(
            too_long.await.unwrap_err().field("summary_sv"),
            Some(Problem::TooLong),
            "{name}"
        );

        // The chair writes a Swedish summary and chooses two comments; audited.
        let chosen = vec![criterion.key.clone(), overall.key.clone()];
        feedback::save(
            &db,
            &j.chair,
            (e0, 0),
            input(" Ett genomarbetat projekt. ", "", &chosen),
            j.deliberation,
        )
        .await
        .unwrap();
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("feedback.save")).await,
            1,
            "{name}"
        );
        let draft = feedback::draft(&db, &j.admin, e0, j.deliberation)
            .await
            .unwrap();
        assert!(
            draft.organiser && draft.state == FeedbackState::Prepared,
            "{name}"
        );
        assert_eq!(draft.summary_sv, "Ett genomarbetat projekt.");
        assert_eq!(draft.candidates.iter().filter(|c| c.chosen).count(), 2);

        // Not released, the applicant sees nothing of it.
        let seen = feedback::for_entry(&db, &j.applicant, e0).await.unwrap();
        assert!(
            seen.released.is_none() && seen.summary_sv.is_empty() && seen.comments.is_empty(),
            "{name}"
        );

        // Only the organiser releases, only once the results are public, only with something
        // to read.
        assert_eq!(
            feedback::release(&db, &j.chair, e0, j.deliberation, "http://x")
                .await
                .unwrap_err(),
            AppError::Forbidden,
            "{name}"
        );
        assert_eq!(
            feedback::release(&db, &j.admin, e0, j.deliberation, "http://x")
                .await
                .unwrap_err(),
            AppError::Conflict(Conflict::ResultsNotPublic),
            "{name}"
        );
        let public_at = results_public(&db, &j).await;
        assert_eq!(
            feedback::release(&db, &j.admin, j.entries[3], public_at, "http://x")
                .await
                .unwrap_err(),
            AppError::Conflict(Conflict::FeedbackEmpty),
            "{name}"
        );

        // The outcome mail (sent as the results became public) of a judged entry links to
        // where its feedback will be.
        let outcome = mails(&db, "results_published").await;
        let to_a = outcome
            .iter()
            .find(|m| m.to_address == "app0@example.se")
            .unwrap();
        assert!(
            to_a.body_text
                .contains(&format!("http://x/entries/{e0}/feedback")),
            "{name}: {}",
            to_a.body_text
        );

        feedback::release(&db, &j.admin, e0, public_at, "https://portal.test")
            .await
            .unwrap();
        assert_eq!(
            feedback::release(&db, &j.admin, e0, public_at, "https://portal.test")
                .await
                .unwrap_err(),
            AppError::Conflict(Conflict::FeedbackReleased),
            "{name}"
        );
        let sent = mails(&db, "feedback_released").await;
        assert_eq!(sent.len(), 1, "{name}: once, to entry 0's one member");
        assert_eq!(sent[0].to_address, "app0@example.se");
        assert!(
            sent[0]
                .body_text
                .contains(&format!("https://portal.test/entries/{e0}/feedback"))
        );
        assert!(
            sent[0].body_text.contains("Projekt 0"),
            "{}",
            sent[0].body_text
        );
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("feedback.release")).await,
            1,
            "{name}"
        );

        // The applicant reads the summary and the two comments, with no juror's name.
        let seen = feedback::for_entry(&db, &j.applicant, e0).await.unwrap();
        assert!(seen.released.is_some(), "{name}");
        assert_eq!(seen.summary_sv, "Ett genomarbetat projekt.");
        let texts: Vec<&str> = seen.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![criterion.text.as_str(), overall.text.as_str()],
            "{name}"
        );
        assert!(seen.comments[0].criterion.is_some() && seen.comments[1].criterion.is_none());
        let json = serde_json::to_string(&seen).unwrap();
        assert!(
            !json.contains("@bra.se") && !json.contains("Person"),
            "{name}: {json}"
        );
        // Another organisation's applicant cannot read it.
        let b = app_user::Entity::find()
            .filter(app_user::Column::Email.eq("app1@example.se"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let b = crate::jury::actor(&db, b.id).await;
        assert_eq!(
            feedback::for_entry(&db, &b, e0).await.unwrap_err(),
            AppError::NotFound,
            "{name}"
        );

        // The organiser's overview of the year.
        let rows = feedback::overview(&db, &j.admin, j.year).await.unwrap();
        assert_eq!(rows.len(), 4, "{name}");
        assert!(
            matches!(rows[0].state, FeedbackState::Released(_)),
            "{name}"
        );
        assert_eq!(rows[3].state, FeedbackState::Empty);
        assert_eq!(
            feedback::overview(&db, &j.chair, j.year).await.unwrap_err(),
            AppError::Forbidden,
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feedback_goes_from_the_chairs_form_to_the_applicants_page_without_scripts() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let e0 = j.entries[0];
        let public_at = results_public(&db, &j).await;
        let s = TestServer::start(db.clone(), public_at).await;
        let (chair, admin, applicant) = (
            signed_in(&s, "chair@bra.se").await,
            signed_in(&s, "admin@bra.se").await,
            signed_in(&s, "app0@example.se").await,
        );

        // The chair finds the entry's feedback page from the ranking.
        let ranking = page_text(&chair, format!("{}/jury/2027/ranking", s.base)).await;
        let page = format!("/jury/feedback/{e0}");
        assert!(ranking.contains(&format!("href=\"{page}\"")), "{name}");
        let form = page_text(&chair, format!("{}{page}", s.base))
            .await
            .replace("<!>", "");
        assert!(form.contains("action=\"/api/save_feedback\""), "{name}");
        assert!(!form.contains("@bra.se"), "{name}: no juror is named");
        assert!(
            !form.contains("/api/release_feedback"),
            "{name}: the chair does not release"
        );
        let key = first_key(&form);

        let id = e0.to_string();
        let fields = [
            ("entry_id", id.as_str()),
            ("revision", "0"),
            ("summary_sv", "Tydlig effekt i området."),
            ("summary_en", ""),
            ("chosen[0]", key.as_str()),
        ];
        let back = location(
            &s.form_post(&chair, "/api/save_feedback", &page, &fields)
                .await,
        );
        assert!(!back.contains("__err"), "{name}: {back}");
        let text = page_text(&chair, back).await;
        assert!(text.contains("Återkopplingen är sparad."), "{name}");

        // A tampered choice comes back as an error in words, on the form.
        let bad = [
            ("entry_id", id.as_str()),
            ("revision", "1"),
            ("summary_sv", ""),
            ("summary_en", ""),
            ("chosen[0]", "1:nope"),
        ];
        let back = location(&s.form_post(&chair, "/api/save_feedback", &page, &bad).await);
        assert!(back.contains("__err"), "{name}: {back}");

        // The organiser's overview lists it as prepared; the organiser releases it.
        let results = page_text(
            &admin,
            format!("{}/admin/competitions/2027/results", s.base),
        )
        .await;
        assert!(results.contains("Förberedd, inte släppt"), "{name}");
        let back = location(
            &s.form_post(
                &admin,
                "/api/release_feedback",
                &page,
                &[("entry_id", id.as_str())],
            )
            .await,
        );
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            page_text(&admin, back)
                .await
                .contains("Återkopplingen är släppt"),
            "{name}"
        );

        // The applicant reads it under the entry; in English, the Swedish summary says so.
        let preview = page_text(&applicant, format!("{}/entries/{e0}/preview", s.base)).await;
        assert!(
            preview.contains(&format!("href=\"/entries/{e0}/feedback\"")),
            "{name}"
        );
        let sv = page_text(&applicant, format!("{}/entries/{e0}/feedback", s.base)).await;
        assert!(
            sv.contains("Tydlig effekt i området.") && sv.contains("Kommentarer från juryn"),
            "{name}: {sv}"
        );
        assert!(
            !sv.contains("@bra.se") && !sv.contains("Person chair"),
            "{name}"
        );
        let en = page_text(&applicant, format!("{}/en/entries/{e0}/feedback", s.base)).await;
        assert!(
            en.contains("The summary is only available in Swedish.")
                && en.contains("<div lang=\"sv\">"),
            "{name}: {en}"
        );
        // Another entry's applicant gets "not found".
        let other = signed_in(&s, "app1@example.se").await;
        let res = other
            .get(format!("{}/entries/{e0}/feedback", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{name}");
    })
    .await;
}

/// The first `chosen[0]` value on a feedback form: a comment's key.
fn first_key(form: &str) -> String {
    form.split("name=\"chosen[0]\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn neither_preparer_writes_over_the_other_and_no_refused_feedback_is_lost() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let e0 = j.entries[0];
        let now = j.deliberation;
        let s = TestServer::start(db.clone(), now).await;
        let (chair, admin) = (
            signed_in(&s, "chair@bra.se").await,
            signed_in(&s, "admin@bra.se").await,
        );
        let page = format!("/jury/feedback/{e0}");
        let url = format!("{}{page}", s.base);
        let open = |who: &reqwest::Client| {
            let (who, url) = (who.clone(), url.clone());
            async move { page_text(&who, url).await.replace("<!>", "") }
        };
        // Both open the page before either saves: the form carries revision 0.
        let form = open(&admin).await;
        assert!(
            form.contains("name=\"revision\" value=\"0\""),
            "{name}: {form}"
        );
        let key = first_key(&form);
        let id = e0.to_string();
        let post = |who: &reqwest::Client, revision: &str, summary: &str, chosen: &str| {
            let who = who.clone();
            let mut fields = vec![
                ("entry_id".to_string(), id.clone()),
                ("revision".to_string(), revision.to_string()),
                ("summary_sv".to_string(), summary.to_string()),
                ("summary_en".to_string(), String::new()),
            ];
            if !chosen.is_empty() {
                fields.push(("chosen[0]".to_string(), chosen.to_string()));
            }
            let (s, page) = (&s, page.clone());
            async move {
                let fields: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                s.submit(&who, "/api/save_feedback", &page, &fields).await
            }
        };

        // The chair saves first; the organiser's older page is refused, not written over the
        // chair's text, and says why in words.
        let (back, _) = post(&chair, "0", "Juryns text.", &key).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        let (back, text) = post(&admin, "0", "Arrangörens text.", &key).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Återkopplingen har sparats i en annan flik eller av någon annan sedan du öppnade sidan"),
            "{name}: {text}"
        );
        let stored = feedback::draft(&db, &j.chair, e0, now).await.unwrap();
        assert_eq!(
            (stored.summary_sv.as_str(), stored.revision),
            ("Juryns text.", 1),
            "{name}"
        );
        // The form shows what is saved, and says so to the browser's script, which would
        // otherwise put back what was typed; the organiser's text is kept under it, with the
        // comment it chose and why, for the organiser alone.
        assert!(text.contains(">Juryns text.<"), "{name}: {text}");
        let copy = stale_copy(&text, 1, "Din återkoppling som inte sparades", name);
        assert!(
            copy.contains("Arrangörens text.")
                && copy
                    .contains("Återkopplingen hade sparats i en annan flik eller av någon annan efter att du öppnade sidan.")
                && copy.contains("Jurymedlem 1")
                && copy.contains("30 dagar")
                && copy.contains("action=\"/api/discard_unsaved_feedback\""),
            "{name}: {copy}"
        );
        let chairs = open(&chair).await;
        assert!(
            !chairs.contains("Arrangörens text.") && !chairs.contains("inte sparades"),
            "{name}"
        );
        let en = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            en.contains("Your feedback that was not saved")
                && en.contains("The feedback had been saved in another tab or by someone else after you opened the page."),
            "{name}: {en}"
        );
        // It is in the organiser's personal data, with the entry.
        let export = crate::unsaved::kept_texts(&db, &j.admin, now).await;
        assert_eq!(export[0]["form"], "feedback", "{name}: {export}");
        assert_eq!(export[0]["reason"], "stale", "{name}: {export}");

        // Refused for what it said on the current revision: the form itself shows it again,
        // the field marked, in place of the copy before.
        let long = format!("Arrangörens text. {}", "a".repeat(MAX_SUMMARY));
        let (back, text) = post(&admin, "1", &long, "").await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Formuläret visar återkopplingen som du skickade den")
                && text.contains(&long)
                && text.contains("field-error")
                && !text.contains("data-restore")
                && !text.contains("Din återkoppling som inte sparades"),
            "{name}"
        );
        // Until it is saved, the page keeps starting from it: no comment ticked, as sent.
        let shown = feedback::draft(&db, &j.admin, e0, now).await.unwrap();
        assert!(
            shown.summary_sv == long
                && shown.candidates.iter().all(|c| !c.chosen)
                && shown.kept.is_some_and(|k| k.in_form),
            "{name}"
        );
        // Corrected and saved: stored over the chair's, and the copy is settled.
        let (back, text) = post(&admin, "1", "Arrangörens text.", &key).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Återkopplingen är sparad.") && !text.contains("Formuläret visar"),
            "{name}"
        );
        assert!(
            crate::unsaved::kept_texts(&db, &j.admin, now)
                .await
                .as_array()
                .unwrap()
                .is_empty()
        );

        // Two saves from one revision at once: one is stored, the other refused and kept. So
        // too for the first save of an entry's feedback.
        for (entry, revision) in [(e0, 2), (j.entries[1], 0)] {
            let (a, b) = tokio::join!(
                feedback::save(&db, &j.chair, (entry, revision), input("A", "", &[]), now),
                feedback::save(&db, &j.admin, (entry, revision), input("B", "", &[]), now),
            );
            let refused = [&a, &b]
                .iter()
                .filter(|r| **r == &Err(AppError::Conflict(Conflict::FeedbackChanged)))
                .count();
            assert_eq!(
                (refused, a.is_ok() || b.is_ok()),
                (1, true),
                "{name}: {a:?} {b:?}"
            );
            let stored = feedback::draft(&db, &j.admin, entry, now).await.unwrap();
            assert_eq!(stored.revision, revision + 1, "{name}");
        }

        // The chair's older page is refused too; the chair discards that copy without
        // scripts: back to the page, which says so. Twice, as from two tabs that showed it: the
        // second finds it gone, which is what was asked, and says the same. A juror may not.
        let (back, _) = post(&chair, "0", "Juryns andra text.", "").await;
        assert!(back.contains("__err"), "{name}: {back}");
        for _tab in 0..2 {
            let res = s
                .form_post(
                    &chair,
                    "/api/discard_unsaved_feedback",
                    &page,
                    &[("entry_id", &id)],
                )
                .await;
            assert!(
                location(&res).ends_with(&format!("{page}?__ok=discard_unsaved_feedback")),
                "{name}: {}",
                location(&res)
            );
            let text = page_text(&chair, location(&res)).await;
            assert!(
                text.contains("Kopian är borttagen.") && !text.contains("inte sparades"),
                "{name}"
            );
        }
        assert_eq!(
            feedback::discard_unsaved(&db, &j.j2, e0, now).await,
            Err(AppError::Forbidden),
            "{name}"
        );
    })
    .await;
}
