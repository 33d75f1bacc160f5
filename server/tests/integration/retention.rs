//! Personal data kept no longer than needed. The retention rules, run as the daily job with the
//! injected clock, on both databases: what is due goes, what is not stays, and each run that
//! removes something is in the audit log. The privacy page shows the rules in force. Uploaded
//! photos lose their metadata.
use std::sync::Arc;

use app::backend::FixedClock;
use app::backend::entities::{
    app_user, audit_log, auth_token, entry, entry_contact, login_failure, mail_attachment,
    mail_outbox,
};
use app::backend::mail::{self, File, Template};
use app::i18n::Lang;
use app::model::{EntryStatus, RetentionRules, Role};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use server::jobs::{Ctx, Job};

use crate::common::{TestServer, at, on_each_backend};
use crate::people::person;

async fn draft_kept(db: &DatabaseConnection, draft: i32) -> bool {
    entry::Entity::find_by_id(draft)
        .one(db)
        .await
        .unwrap()
        .is_some()
}

fn retention_job() -> Job {
    server::jobs::all()
        .into_iter()
        .find(|j| j.name == "retention")
        .expect("a retention job")
}

/// Runs the daily job once at `now` under `rules`; returns how many things it removed.
async fn run_at(db: &DatabaseConnection, rules: RetentionRules, now: DateTime<Utc>) -> u64 {
    let ctx = Ctx {
        db: db.clone(),
        clock: Arc::new(FixedClock::new(now)),
        base_url: "http://x".into(),
        retention: rules,
    };
    retention_job().run_once(&ctx).await.unwrap()
}

/// A mail queued at `queued`, then sent at `sent` (or given up on, without a time), with a file.
async fn mail_sent(
    db: &DatabaseConnection,
    to: &str,
    queued: DateTime<Utc>,
    sent: Option<DateTime<Utc>>,
) -> i32 {
    let template = Template::ConfirmSubscription {
        link: "http://x/subscribe/confirm?token=abc".into(),
    };
    let file = File {
        name: "bilaga.pdf".into(),
        content_type: "application/pdf".into(),
        bytes: b"%PDF-1.4".to_vec(),
    };
    let id = mail::enqueue_with_files(db, to, "", Lang::Sv, &template, vec![file], queued)
        .await
        .unwrap();
    let mut m: mail_outbox::ActiveModel = mail_outbox::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    m.status = Set(match sent {
        Some(_) => mail_outbox::MailState::Sent,
        None => mail_outbox::MailState::Failed,
    });
    m.sent_at = Set(sent);
    m.update(db).await.unwrap();
    id
}

async fn mail_text(db: &DatabaseConnection, id: i32) -> (String, String, u64) {
    let m = mail_outbox::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let files = mail_attachment::Entity::find()
        .filter(mail_attachment::Column::OutboxId.eq(id))
        .count(db)
        .await
        .unwrap();
    (m.subject, m.body_text, files)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_job_removes_what_the_rules_say_is_due_and_keeps_the_rest() {
    on_each_backend(|db, name| async move {
        // The 2027 year closes on 20 August 2027 at 23:59 with four submitted entries.
        let j = crate::jury::jury(&db).await;
        let closes = at(2027, 8, 20, 23, 59);
        let drafter = person(
            &db,
            "utkast@mora.se",
            Some("Mora kommun"),
            &[Role::Applicant],
        )
        .await;
        let drafter = crate::jury::actor(&db, drafter).await;
        let started = at(2027, 6, 1, 9, 0);
        let draft = app::backend::entries::applicant::start(
            &db,
            &drafter,
            j.year,
            drafter.organisations[0],
            started,
        )
        .await
        .unwrap();
        app::backend::entries::applicant::save(
            &db,
            &drafter,
            draft,
            1,
            crate::entries::complete(),
            started,
        )
        .await
        .unwrap();
        let contacts = |db: DatabaseConnection| async move {
            entry_contact::Entity::find()
                .filter(entry_contact::Column::EntryId.eq(draft))
                .count(&db)
                .await
                .unwrap()
        };
        assert!(
            contacts(db.clone()).await > 0,
            "{name}: the draft names contacts"
        );

        // Just under twelve months after the year closed: the draft stays.
        let almost = closes + Duration::days(365) - Duration::hours(1);
        run_at(&db, RetentionRules::default(), almost).await;
        assert!(draft_kept(&db, draft).await, "{name}");

        // With a longer rule configured, a day after the twelve months it still stays.
        let after = closes + Duration::days(367);
        let longer = RetentionRules {
            draft_months: 24,
            ..Default::default()
        };
        run_at(&db, longer, after).await;
        assert!(draft_kept(&db, draft).await, "{name}");

        // Mail sent more than 90 days before, sent lately, and given up on long ago.
        let old_mail = mail_sent(
            &db,
            "a@mora.se",
            at(2028, 5, 1, 9, 0),
            Some(at(2028, 5, 1, 9, 1)),
        )
        .await;
        let recent_mail = mail_sent(
            &db,
            "b@mora.se",
            at(2028, 8, 1, 9, 0),
            Some(at(2028, 8, 1, 9, 1)),
        )
        .await;
        let failed_mail = mail_sent(&db, "c@mora.se", at(2028, 1, 1, 9, 0), None).await;
        // Failed logins and expired links, beside ones still counting and still valid.
        for (email, minutes_ago) in [("gammal@mora.se", 20), ("ny@mora.se", 5)] {
            login_failure::ActiveModel {
                email: Set(email.into()),
                ip: Set("10.0.0.1".into()),
                at: Set(after - Duration::minutes(minutes_ago)),
                ..Default::default()
            }
            .insert(&db)
            .await
            .unwrap();
        }
        for (hash, expires) in [
            ("utgangen", after - Duration::hours(1)),
            ("giltig", after + Duration::hours(1)),
        ] {
            auth_token::ActiveModel {
                user_id: Set(drafter.user_id),
                purpose: Set("reset_password".into()),
                token_hash: Set(hash.into()),
                expires_at: Set(expires),
                used_at: Set(None),
                created_at: Set(after - Duration::hours(2)),
                payload: Set(None),
                ..Default::default()
            }
            .insert(&db)
            .await
            .unwrap();
        }
        let before = audit_log::Entity::find().count(&db).await.unwrap();

        // Under the default rules, the day after: what is due goes.
        let removed = run_at(&db, RetentionRules::default(), after).await;
        assert!(!draft_kept(&db, draft).await, "{name}: the draft");
        assert_eq!(
            contacts(db.clone()).await,
            0,
            "{name}: its contacts went with it"
        );
        let submitted = entry::Entity::find()
            .filter(entry::Column::Status.ne(EntryStatus::Draft))
            .count(&db)
            .await
            .unwrap();
        assert_eq!(
            submitted,
            j.entries.len() as u64,
            "{name}: submitted entries stay"
        );
        // Mail sent more than 90 days ago, and mail given up on as long ago, lose their text
        // and files; the record of who was mailed about what stays.
        let (subject, text, files) = mail_text(&db, old_mail).await;
        assert!(
            !subject.is_empty() && text.is_empty() && files == 0,
            "{name}: old mail"
        );
        let (_, text, files) = mail_text(&db, failed_mail).await;
        assert!(text.is_empty() && files == 0, "{name}: failed mail");
        let (_, text, files) = mail_text(&db, recent_mail).await;
        assert!(
            !text.is_empty() && files == 1,
            "{name}: recent mail keeps its text"
        );
        assert_eq!(
            login_failure::Entity::find()
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|f| f.email)
                .collect::<Vec<_>>(),
            ["ny@mora.se"],
            "{name}: failed logins still counting stay"
        );
        let links: Vec<String> = auth_token::Entity::find()
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.token_hash)
            .collect();
        assert_eq!(links, ["giltig"], "{name}: only the valid link stays");
        assert!(removed >= 5, "{name}: {removed}");

        // The run is in the audit log, with what it removed; a run with nothing due is not.
        let (line, detail) = last_run(&db).await;
        assert_eq!(line.actor_id, None, "{name}");
        assert_eq!(detail["drafts"], 1, "{name}: {detail}");
        assert_eq!(detail["mail_texts"], 2, "{name}: {detail}");
        assert_eq!(
            audit_log::Entity::find().count(&db).await.unwrap(),
            before + 1,
            "{name}"
        );
        assert_eq!(
            run_at(&db, RetentionRules::default(), after).await,
            0,
            "{name}"
        );
        assert_eq!(
            audit_log::Entity::find().count(&db).await.unwrap(),
            before + 1,
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_privacy_page_shows_the_rules_in_force_in_both_languages() {
    let backend = crate::common::sqlite().await;
    let db = backend.db.clone();
    let s = TestServer::start_with(db, at(2026, 11, 25, 10, 0), |c| {
        c.retention = RetentionRules {
            draft_months: 24,
            mail_days: 30,
            people_years: Some(7),
        }
    })
    .await;
    let (status, sv) = s.get("/privacy").await;
    assert_eq!(status, 200);
    assert!(
        sv.contains("Utkast som aldrig skickades in tas bort 24 månader"),
        "{sv}"
    );
    assert!(sv.contains("Texten i skickade mejl tas bort 30 dagar"));
    let (status, en) = s.get("/en/privacy").await;
    assert_eq!(status, 200);
    assert!(en.contains("Drafts never submitted are removed 24 months after their year closed."));
    assert!(en.contains("removed 30 days after it was sent"));
    assert!(
        sv.contains("Kontaktpersoner i bidrag tas bort 7 år efter"),
        "{sv}"
    );
    assert!(en.contains("Contacts named in entries are removed 7 years after"));
    // Without a rule for people, the notice says they are kept under Brå's archive rules.
    let s = TestServer::start(backend.db.clone(), at(2026, 11, 25, 10, 0)).await;
    let (_, sv) = s.get("/privacy").await;
    assert!(sv.contains("sparas enligt Brås arkivregler"), "{sv}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_rule_for_people_contacts_and_unused_accounts_go_after_the_years_set() {
    on_each_backend(|db, name| async move {
        // The 2027 year closes on 20 August 2027; its four entries name Anna Andersson as
        // contact. Every account was made in November 2026; one applicant signs in in 2031.
        let j = crate::jury::jury(&db).await;
        app::backend::accounts::authenticate(
            &db,
            "app1@example.se",
            crate::people::PASSWORD,
            "10.0.0.1",
            at(2031, 6, 1, 9, 0),
        )
        .await
        .unwrap();
        crate::jury::score(&db, &j.j2, j.entries[0], [4; 5], "Bra", j.judging).await;
        let four_years = RetentionRules {
            people_years: Some(4),
            ..Default::default()
        };
        let contacts = |db: DatabaseConnection| async move {
            entry_contact::Entity::find().count(&db).await.unwrap()
        };
        let still = |db: DatabaseConnection, email: &'static str| async move {
            app_user::Entity::find()
                .filter(app_user::Column::Email.eq(email))
                .one(&db)
                .await
                .unwrap()
                .is_some()
        };

        // Without a rule for people, nothing of theirs goes, however late.
        run_at(&db, RetentionRules::default(), at(2040, 1, 1, 0, 0)).await;
        assert_eq!(contacts(db.clone()).await, 4, "{name}");
        assert!(still(db.clone(), "app0@example.se").await, "{name}");

        // Four years after the year closed, to the day: the contacts stay. Accounts not used
        // for four years (made in November 2026, never signed in to since) are erased; the one
        // used in 2031 and the organiser's stay. The jurors' scores stay under their anonymous
        // accounts.
        let accounts = run_at(&db, four_years, at(2031, 8, 20, 12, 0)).await;
        assert_eq!(contacts(db.clone()).await, 4, "{name}");
        assert_eq!(accounts, 6, "{name}: app0, app2, app3 and the three jurors");
        assert!(!still(db.clone(), "app0@example.se").await, "{name}");
        assert!(!still(db.clone(), "j2@bra.se").await, "{name}");
        assert!(
            crate::gdpr::rows_naming(&db, &["app0@example.se"])
                .await
                .is_empty(),
            "{name}: the unused account's address is nowhere"
        );
        assert_eq!(
            score_sheet_count(&db).await,
            1,
            "{name}: the juror's sheet stays, under the anonymous account"
        );

        // The day after: the contacts go, from the entries and their submitted versions; the
        // entries and their texts stay.
        let removed = run_at(&db, four_years, at(2031, 8, 21, 12, 0)).await;
        assert_eq!(removed, 4, "{name}");
        assert_eq!(contacts(db.clone()).await, 0, "{name}");
        assert_eq!(entry::Entity::find().count(&db).await.unwrap(), 4, "{name}");
        assert!(
            crate::gdpr::rows_naming(&db, &["anna@polisen.se", "Anna Andersson"])
                .await
                .is_empty(),
            "{name}: the contact is nowhere"
        );
        assert!(
            still(db.clone(), "app1@example.se").await,
            "{name}: used in 2031"
        );
        assert!(
            still(db.clone(), "admin@bra.se").await,
            "{name}: the organiser"
        );
        let (_, detail) = last_run(&db).await;
        assert_eq!(detail["contacts"], 4, "{name}: {detail}");
        let erasures = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("person.erase"))
            .filter(audit_log::Column::ActorId.is_null())
            .count(&db)
            .await
            .unwrap();
        assert_eq!(erasures, 6, "{name}: app0, app2, app3 and the three jurors");
        assert_eq!(
            app::backend::audit::verify(&db).await.unwrap().broken,
            None,
            "{name}"
        );
        // A second run finds nothing more to do.
        assert_eq!(
            run_at(&db, four_years, at(2031, 8, 22, 12, 0)).await,
            0,
            "{name}"
        );
    })
    .await;
}

/// The last run's audit line, and its detail.
async fn last_run(db: &DatabaseConnection) -> (audit_log::Model, serde_json::Value) {
    let line = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("retention.apply"))
        .order_by_desc(audit_log::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("an audit line");
    let detail = serde_json::from_str(&line.detail).unwrap();
    (line, detail)
}

async fn score_sheet_count(db: &DatabaseConnection) -> u64 {
    app::backend::entities::score_sheet::Entity::find()
        .count(db)
        .await
        .unwrap()
}

/// A JPEG as a phone writes it: EXIF with a GPS position and the owner's name, a comment, the
/// picture, and a second picture appended after the first's end with its own EXIF.
fn phone_photo() -> Vec<u8> {
    let segment = |marker: u8, body: &[u8]| {
        let len = (body.len() + 2) as u16;
        [&[0xff, marker][..], &len.to_be_bytes(), body].concat()
    };
    let mut tables = vec![0u8];
    tables.extend([1u8; 64]);
    [
        vec![0xff, 0xd8],
        segment(0xe0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"),
        segment(
            0xe1,
            b"Exif\0\0MM\0*GPSLatitude 59.3293 N; owner Anna Andersson",
        ),
        segment(0xfe, b"Storgatan 1, Mora"),
        segment(0xdb, &tables),
        segment(0xc0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
        segment(0xda, &[1, 1, 0, 0, 0x3f, 0]),
        vec![0x2a, 0xff, 0x00, 0x2b, 0xff, 0xd9],
        vec![0xff, 0xd8],
        segment(0xe1, b"Exif\0\0MM\0*GPSLongitude 18.0686 E"),
        vec![0xff, 0xd9],
    ]
    .concat()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploaded_photos_lose_their_location_and_other_metadata() {
    on_each_backend(|db, name| async move {
        let now = at(2026, 12, 1, 9, 0);
        let s = TestServer::start(db.clone(), now).await;
        person(
            &db,
            "a@polisen.se",
            Some("Polismyndigheten"),
            &[Role::Applicant],
        )
        .await;
        crate::entries::year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let a = crate::people::signed_in(&s, "a@polisen.se").await;
        let applicant = app::backend::entities::app_user::Entity::find()
            .filter(app::backend::entities::app_user::Column::Email.eq("a@polisen.se"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let applicant = crate::jury::actor(&db, applicant.id).await;
        let id = app::backend::entries::applicant::start(
            &db,
            &applicant,
            2027,
            applicant.organisations[0],
            now,
        )
        .await
        .unwrap();
        let photo = phone_photo();
        assert!(String::from_utf8_lossy(&photo).contains("GPS"));

        // As an attachment, over HTTP.
        let res = crate::entries::upload(&s, &a, id, "foto.jpg", photo.clone(), true).await;
        assert_eq!(res.status().as_u16(), 200, "{name}");
        let json: serde_json::Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
        let res = a
            .get(format!("{}/attachments/{}", s.base, json["id"]))
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["content-type"], "image/jpeg", "{name}");
        let stored = res.bytes().await.unwrap();
        let text = String::from_utf8_lossy(&stored);
        for gone in ["Exif", "GPS", "Anna", "Storgatan"] {
            assert!(
                !text.contains(gone),
                "{name}: {gone} is still in the attachment"
            );
        }
        assert!(
            stored.starts_with(&[0xff, 0xd8])
                && stored.ends_with(&[0x2a, 0xff, 0x00, 0x2b, 0xff, 0xd9])
        );
        assert_eq!(
            json["size"].as_i64(),
            Some(stored.len() as i64),
            "{name}: the size is the stored file's"
        );

        // As a public image (an award photo, a news picture), through the same storage.
        let admin = person(&db, "admin@bra.se", None, &[Role::Admin]).await;
        let admin = crate::jury::actor(&db, admin).await;
        let image = app::backend::publication::media::store(
            &db,
            &admin,
            s.uploads.path(),
            "pristagare.jpg",
            photo,
            now,
        )
        .await
        .unwrap();
        let m = app::backend::entities::media::Entity::find_by_id(image)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let stored = std::fs::read(app::backend::blobs::stored_path(
            s.uploads.path(),
            &m.sha256,
        ))
        .unwrap();
        assert!(
            !String::from_utf8_lossy(&stored).contains("GPS"),
            "{name}: the public image"
        );
    })
    .await;
}
