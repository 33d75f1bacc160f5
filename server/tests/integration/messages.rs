//! The organiser's messages to groups: each group reaches exactly its people, each address
//! once, now or at its time, once however often the job runs; cancelling, checks, who may, and
//! the form without scripts. On SQLite and PostgreSQL.

use crate::common::{TestServer, at, audited, on_each_backend, page_text};
use crate::jury::{actor, jury, score};
use crate::people::{person, signed_in};
use app::backend::entities::{app_user, audit_log, mail_outbox, organisation_member};
use app::backend::entries::applicant;
use app::backend::messages::{self, MessageInput};
use app::error::{AppError, Conflict, Problem};
use app::model::Role;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

fn message(segment: &str, subject: &str, send_at: &str) -> MessageInput {
    MessageInput {
        segment: segment.into(),
        subject_sv: subject.into(),
        body_sv: "Hej! Glöm inte att skicka in.".into(),
        subject_en: String::new(),
        body_en: String::new(),
        send_at: send_at.into(),
    }
}

/// The addresses the group message with this subject went to, sorted, repeats kept.
async fn sent_to(db: &DatabaseConnection, subject: &str) -> Vec<String> {
    let mut to: Vec<String> = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Template.eq("group_message"))
        .filter(mail_outbox::Column::Subject.eq(format!("{subject} – ECPA")))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.to_address)
        .collect();
    to.sort();
    to
}

/// `jury`'s year, with two more organisations that have only drafts (Leksand's member also
/// belongs to Mora, which has a draft besides its submitted entry), and Rättvik's applicant
/// reading in English. Returns when the drafts were made.
async fn with_drafts(db: &DatabaseConnection) -> (crate::jury::Jury, DateTime<Utc>) {
    let j = jury(db).await;
    let open = at(2027, 5, 2, 9, 0);
    for (email, org) in [
        ("r@rattvik.se", "Rättviks kommun"),
        ("l@leksand.se", "Leksands kommun"),
    ] {
        let id = person(db, email, Some(org), &[Role::Applicant]).await;
        let a = actor(db, id).await;
        applicant::start(db, &a, 2027, a.organisations[0], open)
            .await
            .unwrap();
    }
    applicant::start(db, &j.applicant, 2027, j.applicant.organisations[0], open)
        .await
        .unwrap();
    let l = app_user::Entity::find()
        .filter(app_user::Column::Email.eq("l@leksand.se"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    organisation_member::ActiveModel {
        organisation_id: Set(j.applicant.organisations[0]),
        user_id: Set(l.id),
        joined_at: Set(open),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let mut r: app_user::ActiveModel = app_user::Entity::find()
        .filter(app_user::Column::Email.eq("r@rattvik.se"))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    r.language = Set("en".into());
    r.update(db).await.unwrap();
    (j, open)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_message_reaches_exactly_its_group_once_now_or_at_its_time() {
    on_each_backend(|db, name| async move {
        let (j, open) = with_drafts(&db).await;
        let now = open + Duration::hours(1);

        // The view counts each group's people now.
        let v = messages::view(&db, &j.admin, 2027).await.unwrap();
        let count = |code: &str| {
            v.segments
                .iter()
                .find(|s| s.segment.code() == code)
                .unwrap()
                .people
        };
        assert_eq!(
            count("drafts"),
            3,
            "{name}: Mora, Rättvik, Leksand; Leksand's member once"
        );
        assert_eq!(
            count("submitted"),
            5,
            "{name}: four organisations, and Leksand's member in Mora"
        );
        assert_eq!(count("jurors"), 3, "{name}");

        // "Unsubmitted drafts", now: exactly those organisations' people, each once; English
        // where the reader reads English and the message has it.
        let mut english = message("drafts", "Utkast kvar", "");
        english.subject_en = "Drafts left".into();
        english.body_en = "Hello! Remember to submit.".into();
        messages::create(&db, &j.admin, 2027, english, now, "http://x")
            .await
            .unwrap();
        assert_eq!(
            sent_to(&db, "Utkast kvar").await,
            vec!["app0@example.se", "l@leksand.se"],
            "{name}"
        );
        assert_eq!(
            sent_to(&db, "Drafts left").await,
            vec!["r@rattvik.se"],
            "{name}"
        );
        assert_eq!(
            messages::send_due(&db, now + Duration::hours(1), "http://x")
                .await
                .unwrap(),
            0
        );

        // Scheduled for 1 June 10.00 (Stockholm, as `at` is): nothing before, everything at,
        // nothing again.
        messages::create(
            &db,
            &j.admin,
            2027,
            message("submitted", "Tack", "2027-06-01T10:00"),
            now,
            "http://x",
        )
        .await
        .unwrap();
        let due = at(2027, 6, 1, 10, 0);
        assert_eq!(
            messages::send_due(&db, due - Duration::minutes(1), "http://x")
                .await
                .unwrap(),
            0,
            "{name}"
        );
        assert!(sent_to(&db, "Tack").await.is_empty());
        assert_eq!(
            messages::send_due(&db, due, "http://x").await.unwrap(),
            5,
            "{name}"
        );
        assert_eq!(
            messages::send_due(&db, due + Duration::minutes(1), "http://x")
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            sent_to(&db, "Tack").await,
            vec![
                "app0@example.se",
                "app1@example.se",
                "app2@example.se",
                "app3@example.se",
                "l@leksand.se"
            ],
            "{name}"
        );
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("messages.send")).await,
            2,
            "{name}"
        );

        // A scheduled message can be cancelled; a sent one cannot; another's is not found.
        messages::create(
            &db,
            &j.admin,
            2027,
            message("jurors", "Möte", "2027-07-01T10:00"),
            now,
            "http://x",
        )
        .await
        .unwrap();
        let listed = messages::view(&db, &j.admin, 2027).await.unwrap().messages;
        let scheduled = listed.iter().find(|m| !m.sent).unwrap().id;
        let sent = listed.iter().find(|m| m.sent).unwrap().id;
        assert_eq!(
            messages::cancel(&db, &j.chair, scheduled, now)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        messages::cancel(&db, &j.admin, scheduled, now)
            .await
            .unwrap();
        assert_eq!(
            messages::cancel(&db, &j.admin, sent, now)
                .await
                .unwrap_err(),
            AppError::Conflict(Conflict::MessageSent),
            "{name}"
        );
        assert_eq!(
            messages::send_due(&db, at(2027, 7, 2, 9, 0), "http://x")
                .await
                .unwrap(),
            0,
            "{name}"
        );
        assert!(sent_to(&db, "Möte").await.is_empty());
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("messages.cancel")).await,
            1
        );

        // Only the round's organiser writes them, and what is written is checked.
        assert_eq!(
            messages::create(
                &db,
                &j.chair,
                2027,
                message("drafts", "x", ""),
                now,
                "http://x"
            )
            .await
            .unwrap_err(),
            AppError::Forbidden
        );
        let field = |e: AppError, f: &str| e.field(f);
        let bad = messages::create(
            &db,
            &j.admin,
            2027,
            message("everyone", "", "2027-01-01T10:00"),
            now,
            "http://x",
        );
        let e = bad.await.unwrap_err();
        assert_eq!(
            field(e.clone(), "segment"),
            Some(Problem::InvalidChoice),
            "{name}"
        );
        assert_eq!(field(e.clone(), "subject_sv"), Some(Problem::Required));
        assert_eq!(field(e, "send_at"), Some(Problem::OutOfRange));
        let mut half = message("drafts", "x", "");
        half.subject_en = "x".into();
        let e = messages::create(&db, &j.admin, 2027, half, now, "http://x")
            .await
            .unwrap_err();
        assert_eq!(e.field("body_en"), Some(Problem::Required), "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jurors_with_sheets_left_are_a_group_and_the_form_works_without_scripts() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        for e in &j.entries {
            score(&db, &j.chair, *e, [4; 5], "", now).await;
        }
        score(&db, &j.j2, j.entries[0], [3; 5], "", now).await;
        let s = TestServer::start(db.clone(), now).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = "/admin/competitions/2027/messages";
        let text = page_text(&admin, format!("{}{page}", s.base))
            .await
            .replace("<!>", "");
        assert!(
            text.contains("action=\"/api/send_group_message\""),
            "{name}"
        );
        assert!(
            text.contains("Jurymedlemmar med bedömningar kvar (2 mottagare just nu)"),
            "{name}: {text}"
        );
        let send = |segment: &'static str, subject: &'static str, body: &'static str| {
            let (s, admin) = (&s, &admin);
            let fields = [
                ("year", "2027"),
                ("segment", segment),
                ("subject_sv", subject),
                ("body_sv", body),
                ("subject_en", ""),
                ("body_en", ""),
                ("send_at", ""),
            ];
            async move {
                s.submit(admin, "/api/send_group_message", page, &fields)
                    .await
            }
        };
        let (back, text) = send(
            "unfinished_jurors",
            "Bedömningar kvar",
            "Hej! Några bedömningar återstår.",
        )
        .await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Meddelandet är skickat eller schemalagt"),
            "{name}"
        );
        assert!(text.contains("Bedömningar kvar"), "{name}");
        assert_eq!(
            sent_to(&db, "Bedömningar kvar").await,
            vec!["j2@bra.se", "j3@bra.se"],
            "{name}"
        );
        // A missing subject comes back in words on the form.
        let (back, text) = send("jurors", "", "x").await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Fyll i fältet."), "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_message_comes_back_in_the_form_until_it_is_sent_or_cleared() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let s = TestServer::start(db.clone(), now).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = "/admin/competitions/2027/messages";
        let url = format!("{}{page}", s.base);
        let body = "Hej! Juryn möts den 20 september. Läs igenom bidragen innan dess.";
        let send = |send_at: &'static str| {
            let (s, admin) = (&s, &admin);
            let fields = [
                ("year", "2027"),
                ("segment", "jurors"),
                ("subject_sv", "Juryns möte"),
                ("body_sv", body),
                ("subject_en", "The jury meets"),
                ("body_en", ""),
                ("send_at", send_at),
            ];
            async move {
                s.submit(admin, "/api/send_group_message", page, &fields)
                    .await
            }
        };
        let in_form = "Formuläret visar meddelandet som du skickade den";

        // A time already passed, and English without its text: refused, and everything typed
        // comes back in the form, the fields marked.
        let (back, text) = send("2027-08-01T10:00").await;
        assert!(back.contains("__err"), "{name}: {back}");
        let text = text.replace("<!>", "");
        assert!(text.contains(in_form), "{name}: {text}");
        for shown in [
            body,
            r#"value="Juryns möte""#,
            r#"value="The jury meets""#,
            r#"value="2027-08-01T10:00""#,
            r#"<option value="jurors" selected"#,
            r#"id="entry-send_at-error""#,
            r#"id="entry-body_en-error""#,
        ] {
            assert!(text.contains(shown), "{name}: {shown} in {text}");
        }
        let english = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("The form shows the message you sent on")
                && english.contains("Clear the form"),
            "{name}: {english}"
        );
        let kept = messages::view(&db, &j.admin, j.year).await.unwrap().kept;
        assert_eq!(
            kept.map(|k| (k.sent.subject_en, k.sent.send_at)),
            Some(("The jury meets".into(), "2027-08-01T10:00".into())),
            "{name}"
        );

        // Cleared: the form is empty again. Cleared again from a second tab, nothing is left
        // and that is no error: it was asked for, and it is so.
        for _tab in 0..2 {
            let (back, text) = s
                .submit(
                    &admin,
                    "/api/discard_unsaved_message",
                    page,
                    &[("year", "2027")],
                )
                .await;
            assert!(!back.contains("__err"), "{name}: {back}");
            assert!(
                !text.contains(in_form) && !text.contains(body),
                "{name}: {text}"
            );
        }
        assert_eq!(
            messages::discard_unsaved(&db, &j.admin, j.year).await,
            Ok(()),
            "{name}"
        );
        assert_eq!(
            messages::discard_unsaved(&db, &j.chair, j.year).await,
            Err(AppError::Forbidden),
            "{name}"
        );

        // Refused again, then corrected (now, in Swedish only) and sent: the copy has served.
        send("2027-08-01T10:00").await;
        let fields = [
            ("year", "2027"),
            ("segment", "jurors"),
            ("subject_sv", "Juryns möte"),
            ("body_sv", body),
            ("subject_en", ""),
            ("body_en", ""),
            ("send_at", ""),
        ];
        let (back, text) = s
            .submit(&admin, "/api/send_group_message", page, &fields)
            .await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Meddelandet är skickat eller schemalagt") && !text.contains(in_form),
            "{name}: {text}"
        );
        assert_eq!(sent_to(&db, "Juryns möte").await.len(), 3, "{name}");
        assert!(!page_text(&admin, &url).await.contains(in_form), "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_due_now_that_cannot_go_at_once_is_stored_and_goes_with_the_job_once() {
    use sea_orm::ConnectionTrait;
    on_each_backend(|db, name| async move {
        let (j, open) = with_drafts(&db).await;
        let now = open + Duration::hours(1);
        // The outbox out of reach while the message is written: it cannot be sent at once.
        db.execute_unprepared("ALTER TABLE mail_outbox RENAME TO mail_outbox_away")
            .await
            .unwrap();
        let written = messages::create(
            &db,
            &j.admin,
            2027,
            message("drafts", "Utkast kvar", ""),
            now,
            "http://x",
        )
        .await;
        db.execute_unprepared("ALTER TABLE mail_outbox_away RENAME TO mail_outbox")
            .await
            .unwrap();
        // Stored, so the organiser is not asked to write it again (which would send it twice).
        assert_eq!(written, Ok(()), "{name}");
        assert!(sent_to(&db, "Utkast kvar").await.is_empty(), "{name}");
        let listed = messages::view(&db, &j.admin, 2027).await.unwrap();
        assert_eq!(listed.messages.len(), 1, "{name}");
        // The job sends it, to its group once, and not again.
        let later = now + Duration::seconds(30);
        assert_eq!(
            messages::send_due(&db, later, "http://x").await.unwrap(),
            3,
            "{name}"
        );
        assert_eq!(
            sent_to(&db, "Utkast kvar").await,
            vec!["app0@example.se", "l@leksand.se", "r@rattvik.se"],
            "{name}"
        );
        assert_eq!(
            messages::send_due(&db, later + Duration::minutes(1), "http://x")
                .await
                .unwrap(),
            0,
            "{name}"
        );
    })
    .await;
}
