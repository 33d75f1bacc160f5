//! Entries and competition setup: service tests with an injected clock (both databases), and
//! the HTTP side (no-JS form posts, uploads, downloads, exports, authorisation).

use crate::common::{TestServer, at, location, on_each_backend, unwatched};
use crate::people::{org_of, person, signed_in};
use crate::screening::screened;
use app::backend::accounts::{self, Actor};
use app::backend::entities::{
    competition, entry, entry_version, mail_outbox, organisation_member, reminder_sent,
};
use app::backend::entries::{applicant, attachments, deadline_reminders, screening};
use app::backend::{competition_setup, downloads, publication};
use app::error::{AppError, Conflict, Problem};
use app::model::{CHECKLIST, Contact, EntryDraft, EntryStatus, Link, Role, Sections};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use crate::matrix::{PDF, upload_pdf};

/// A year open from `opens` until `closes`.
pub(crate) async fn year(
    db: &DatabaseConnection,
    y: i32,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
) -> competition::Model {
    competition::ActiveModel {
        year: Set(y),
        theme_sv: Set("Återfall i brott".into()),
        theme_en: Set(Some("Preventing reoffending".into())),
        description_sv: Set("Beskrivning".into()),
        opens_at: Set(Some(opens)),
        closes_at: Set(Some(closes)),
        created_at: Set(opens),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

async fn actor(db: &DatabaseConnection, user_id: i32) -> Actor {
    accounts::session_actor(db, user_id, at(2030, 1, 1, 0, 0).timestamp(), false)
        .await
        .unwrap()
        .unwrap()
}

pub(crate) fn complete() -> EntryDraft {
    EntryDraft {
        title: "Riskreducerande insatser".into(),
        organisation_display: "Polismyndigheten".into(),
        competing: true,
        start_date: "2019-01-01".into(),
        ongoing: true,
        sections: Sections {
            description: "Samtal som minskar motivationen att utöva våld.".into(),
            problem: "Upprepat våld.".into(),
            objectives: "Färre hot.".into(),
            target_group: "Våldsutövare.".into(),
            methods: "Strukturerade samtal.".into(),
            partners: "Polisen.".into(),
            resources: "Utbildade poliser.".into(),
            evaluation: "I 72 procent av 118 ärenden upphörde våldet.".into(),
            replicability: "Metoden är dokumenterad.".into(),
            theme_relevance: "Skyddar utsatta.".into(),
        },
        public_summary_sv: "Polisen samtalar med våldsutövare.".into(),
        publication_consent: true,
        contacts: vec![Contact {
            name: "Anna Andersson".into(),
            role: "Projektledare".into(),
            email: "anna@polisen.se".into(),
            phone: String::new(),
        }],
        links: vec![Link {
            label: "Rapport".into(),
            url: "https://example.se/rapport.pdf".into(),
        }],
        checklist: CHECKLIST.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

pub(crate) struct World {
    pub(crate) a: Actor,
    pub(crate) a2: Actor,
    pub(crate) b: Actor,
    pub(crate) admin: Actor,
}

pub(crate) async fn world(db: &DatabaseConnection) -> World {
    let a = person(
        db,
        "a@polisen.se",
        Some("Polismyndigheten"),
        &[Role::Applicant],
    )
    .await;
    let b = person(db, "b@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
    let admin = person(db, "admin@bra.se", None, &[Role::Admin]).await;
    // A colleague in A's organisation.
    let a2 = person(db, "a2@polisen.se", None, &[Role::Applicant]).await;
    let org_a = organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(a))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    organisation_member::ActiveModel {
        organisation_id: Set(org_a),
        user_id: Set(a2),
        joined_at: Set(at(2026, 11, 25, 9, 0)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    World {
        a: actor(db, a).await,
        a2: actor(db, a2).await,
        b: actor(db, b).await,
        admin: actor(db, admin).await,
    }
}

/// The world, the year 2027 open from 1 November 2026 until 20 August 2027 at 23.59, and a
/// draft that `a` started for their organisation on 1 December 2026: the id and that time.
pub(crate) async fn open_year_with_a_draft(db: &DatabaseConnection) -> (World, i32, DateTime<Utc>) {
    let w = world(db).await;
    year(db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
    let now = at(2026, 12, 1, 9, 0);
    let id = applicant::start(db, &w.a, 2027, w.a.organisations[0], now)
        .await
        .unwrap();
    (w, id, now)
}

/// An entry `who` started for their first organisation in 2027, saved complete and submitted
/// at `now` (the year must be open): its id.
pub(crate) async fn submitted(db: &DatabaseConnection, who: &Actor, now: DateTime<Utc>) -> i32 {
    let id = applicant::start(db, who, 2027, who.organisations[0], now)
        .await
        .unwrap();
    applicant::save(db, who, id, 1, complete(), now)
        .await
        .unwrap();
    applicant::submit(db, &unwatched(), who, id, 2, now, "http://x")
        .await
        .unwrap();
    id
}

async fn receipts(db: &DatabaseConnection) -> u64 {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Template.eq("submission_receipt"))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deadline_holds_to_the_second_across_the_summer_time_change() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        // Summer time starts on 28 March 2027 at 02:00: clocks jump to 03:00. The deadline is
        // 03:00 Stockholm time, which is 01:00 UTC; one second earlier the wall clock shows
        // 01:59:59.
        let deadline = at(2027, 3, 28, 3, 0);
        assert_eq!(deadline.to_rfc3339(), "2027-03-28T01:00:00+00:00");
        year(&db, 2027, at(2026, 11, 1, 9, 0), deadline).await;
        let org = w.a.organisations[0];
        let id = applicant::start(&db, &w.a, 2027, org, at(2026, 12, 1, 9, 0))
            .await
            .unwrap();
        let before = deadline - Duration::seconds(1);
        let after = deadline + Duration::seconds(1);
        let saved = applicant::save(&db, &w.a, id, 1, complete(), before)
            .await
            .unwrap_or_else(|e| panic!("{name}: a save one second before: {e:?}"));
        assert_eq!(saved.revision, 2);
        assert_eq!(
            saved.at.time, "01:59",
            "{name}: shown in Stockholm winter time"
        );
        let view = applicant::submit(&db, &unwatched(), &w.a, id, 2, before, "http://x")
            .await
            .unwrap();
        assert_eq!(view.status, EntryStatus::Submitted);
        assert_eq!(view.deadline.as_ref().unwrap().time, "03:00");
        // At the deadline and after it, nothing changes any more.
        for t in [deadline, after] {
            let mut changed = complete();
            changed.title = "Ändrad".into();
            assert_eq!(
                applicant::save(&db, &w.a, id, 2, changed, t).await,
                Err(AppError::Conflict(Conflict::Closed)),
                "{name}"
            );
            assert_eq!(
                applicant::withdraw(&db, &unwatched(), &w.a, id, t).await,
                Err(AppError::Conflict(Conflict::Closed))
            );
            assert_eq!(
                applicant::start(&db, &w.a, 2027, org, t).await,
                Err(AppError::Conflict(Conflict::Closed))
            );
            assert_eq!(
                attachments::upload(
                    &db,
                    &w.a,
                    std::env::temp_dir().as_path(),
                    id,
                    "a.pdf",
                    PDF.to_vec(),
                    t
                )
                .await
                .unwrap_err(),
                AppError::Conflict(Conflict::Closed)
            );
        }
        let view = applicant::view(&db, &w.a, id, after).await.unwrap();
        assert!(!view.editable);
        assert_eq!(
            view.draft.title, "Riskreducerande insatser",
            "{name}: nothing lost"
        );
        assert_eq!(view.status, EntryStatus::Submitted);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_autumn_deadline_in_the_repeated_hour_takes_the_first_one() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        // 31 October 2027: 02:30 happens twice; the deadline is the first (summer time).
        let deadline = at(2027, 10, 31, 2, 30);
        assert_eq!(deadline.to_rfc3339(), "2027-10-31T00:30:00+00:00");
        year(&db, 2027, at(2027, 9, 1, 9, 0), deadline).await;
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], at(2027, 9, 2, 9, 0))
            .await
            .unwrap();
        assert!(
            applicant::save(
                &db,
                &w.a,
                id,
                1,
                complete(),
                deadline - Duration::seconds(1)
            )
            .await
            .is_ok(),
            "{name}"
        );
        // An hour later the wall clock shows 02:30 again, but the deadline has passed.
        let second_0230 = deadline + Duration::hours(1);
        assert_eq!(app::backend::clock::when(second_0230).time, "02:30");
        assert_eq!(
            applicant::save(&db, &w.a, id, 2, complete(), second_0230).await,
            Err(AppError::Conflict(Conflict::Closed))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_tab_cannot_overwrite_newer_text() {
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        // Two tabs (or two colleagues) load revision 1.
        let mut first = complete();
        first.sections.problem = "Texten från den första fliken.".into();
        let mut second = complete();
        second.sections.problem = "Texten från den andra fliken.".into();
        let saved = applicant::save(&db, &w.a, id, 1, first, now).await.unwrap();
        assert_eq!(saved.revision, 2);
        assert_eq!(
            applicant::save(&db, &w.a2, id, 1, second.clone(), now).await,
            Err(AppError::Conflict(Conflict::Stale)),
            "{name}"
        );
        let view = applicant::view(&db, &w.a2, id, now).await.unwrap();
        assert_eq!(
            view.draft.sections.problem,
            "Texten från den första fliken."
        );
        assert_eq!(view.revision, 2);
        // The colleague reloads, gets revision 2, and saves on top.
        applicant::save(&db, &w.a2, id, 2, second, now)
            .await
            .unwrap();
        let view = applicant::view(&db, &w.a, id, now).await.unwrap();
        assert_eq!(view.draft.sections.problem, "Texten från den andra fliken.");
        assert_eq!(view.updated_by.as_deref(), Some("Person a2@polisen.se"));
        // Concurrent saves of the same revision: exactly one wins.
        let (x, y) = tokio::join!(
            applicant::save(&db, &w.a, id, 3, complete(), now),
            applicant::save(&db, &w.a2, id, 3, complete(), now),
        );
        assert_eq!(
            [x.is_ok(), y.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{name}: {x:?} {y:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_text_is_kept_beside_the_swedish_with_the_same_limits_and_missing_parts_marked() {
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        let s = TestServer::start(db.clone(), now).await;
        let a = signed_in(&s, "a@polisen.se").await;
        let edit = format!("/entries/{id}");
        // Without JavaScript: the form posts the English title beside the Swedish one.
        let fields = [
            ("id", id.to_string()),
            ("revision", "1".into()),
            ("lang", "sv".into()),
            ("draft[title]", "Riskreducerande insatser".into()),
            (
                "draft[english][title]",
                "  Risk-reducing interventions ".into(),
            ),
        ];
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = s.form_post(&a, "/api/save_entry", &edit, &pairs).await;
        assert_eq!(
            location(&res),
            format!("{}{edit}?__ok=save_entry", s.base),
            "{name}"
        );
        let stored = applicant::view(&db, &w.a, id, now).await.unwrap();
        assert_eq!(
            stored.draft.english.title, "Risk-reducing interventions",
            "{name}: trimmed"
        );
        let (_, html) = page(&s, &a, &edit).await;
        assert!(
            html.contains(r#"name="draft[english][title]" lang="en""#),
            "{name}: marked as English"
        );
        assert_eq!(
            html.matches(r#"class="missing-marker""#).count(),
            10,
            "{name}: every section but the title is marked missing"
        );

        // English is not required, but what is written keeps the Swedish limits.
        let mut d = complete();
        d.english.title = "Risk-reducing interventions".into();
        d.english.sections.description = "word ".repeat(601);
        applicant::save(&db, &w.a, id, 2, d.clone(), now)
            .await
            .unwrap();
        match applicant::submit(&db, &unwatched(), &w.a, id, 3, now, "http://x").await {
            Err(AppError::Invalid(p)) => assert_eq!(
                p.iter()
                    .map(|p| (p.field.as_str(), p.problem))
                    .collect::<Vec<_>>(),
                vec![("english.description", Problem::TooManyWords)],
                "{name}"
            ),
            other => panic!("{name}: {other:?}"),
        }
        d.english.sections.description = "Conversations with people who use violence.".into();
        applicant::save(&db, &w.a, id, 3, d.clone(), now)
            .await
            .unwrap();
        applicant::submit(&db, &unwatched(), &w.a, id, 4, now, "http://x")
            .await
            .unwrap();
        let sent = applicant::last_submitted(&db, id).await.unwrap().unwrap();
        assert_eq!(
            sent.english, d.english,
            "{name}: the submitted version carries the English text"
        );
        let (_, html) = page(&s, &a, &format!("{edit}/versions/1")).await;
        assert!(
            html.contains("Saknas ännu på engelska: Problem och bakgrund"),
            "{name}: {}",
            &html[html.find("entry-english").unwrap_or(0)..][..400.min(html.len())]
        );
        assert!(
            html.contains(
                r#"<div lang="en"><p>Conversations with people who use violence.</p></div>"#
            ),
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submitting_twice_makes_one_submission_and_one_receipt() {
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        applicant::save(&db, &w.a, id, 1, complete(), now)
            .await
            .unwrap();
        // A double click: two requests at once, then a retry.
        let public = unwatched();
        let (x, y) = tokio::join!(
            applicant::submit(&db, &public, &w.a, id, 2, now, "http://x"),
            applicant::submit(&db, &public, &w.a2, id, 2, now, "http://x"),
        );
        assert!(x.is_ok() && y.is_ok(), "{name}: {x:?} {y:?}");
        let again = applicant::submit(
            &db,
            &unwatched(),
            &w.a,
            id,
            2,
            now + Duration::minutes(1),
            "http://x",
        )
        .await
        .unwrap();
        assert_eq!(again.versions.len(), 1, "{name}");
        assert_eq!(again.submitted.as_ref().unwrap().unix, now.timestamp());
        assert_eq!(receipts(&db).await, 1, "{name}: one receipt");
        let receipt = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Template.eq("submission_receipt"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let reference = again.reference.clone();
        assert!(reference.starts_with("ECPA-2027-"), "{reference}");
        assert!(receipt.body_text.contains(&reference));
        assert!(receipt.body_text.contains("Riskreducerande insatser"));
        assert!(receipt.subject.starts_with("Kvitto"));
    })
    .await;
}

/// The word a row's `status` column holds, read past the entity (and its typed status).
pub(crate) async fn stored_status(db: &DatabaseConnection, table: &str, id: i32) -> String {
    stored_text(db, table, "status", id).await
}

/// A text column of one row as the database holds it, past the entity's types.
pub(crate) async fn stored_text(
    db: &DatabaseConnection,
    table: &str,
    column: &str,
    id: i32,
) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT {column} FROM {table} WHERE id = {id}"),
    ))
    .await
    .unwrap()
    .expect("the row")
    .try_get::<String>("", column)
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_statuses_of_an_entry_and_its_receipt_are_stored_as_the_same_words_as_before() {
    // The status is an enum in the code and the same text in the database, so no row had to
    // migrate: a database written before reads the same.
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        assert_eq!(stored_status(&db, "entry", id).await, "draft", "{name}");
        applicant::save(&db, &w.a, id, 1, complete(), now)
            .await
            .unwrap();
        applicant::submit(&db, &unwatched(), &w.a, id, 2, now, "http://x")
            .await
            .unwrap();
        assert_eq!(stored_status(&db, "entry", id).await, "submitted", "{name}");
        // The receipt waits in the outbox as `queued`.
        let receipt = mail_outbox::Entity::find().one(&db).await.unwrap().unwrap();
        assert_eq!(
            stored_status(&db, "mail_outbox", receipt.id).await,
            "queued",
            "{name}"
        );
        applicant::withdraw(&db, &unwatched(), &w.a, id, now)
            .await
            .unwrap();
        assert_eq!(stored_status(&db, "entry", id).await, "withdrawn", "{name}");
        // A row written as text by an older portal reads as its status.
        use sea_orm::ConnectionTrait;
        db.execute_unprepared(&format!(
            "UPDATE entry SET status = 'eligible' WHERE id = {id}"
        ))
        .await
        .unwrap();
        let e = entry::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(e.status, EntryStatus::Eligible, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_submitted_version_is_kept_and_withdrawal_is_reversible() {
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        applicant::save(&db, &w.a, id, 1, complete(), now)
            .await
            .unwrap();
        applicant::submit(&db, &unwatched(), &w.a, id, 2, now, "http://x")
            .await
            .unwrap();
        let mut changed = complete();
        changed.sections.evaluation = "En ny utvärdering med fler ärenden.".into();
        let later = now + Duration::days(3);
        applicant::save(&db, &w.a2, id, 2, changed, later)
            .await
            .unwrap();
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        assert!(view.unsubmitted_changes, "{name}");
        assert_eq!(view.status, EntryStatus::Submitted, "still taking part");
        applicant::submit(&db, &unwatched(), &w.a2, id, 3, later, "http://x")
            .await
            .unwrap();
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        assert!(!view.unsubmitted_changes);
        assert_eq!(
            view.versions
                .iter()
                .map(|v| v.summary.number)
                .collect::<Vec<_>>(),
            vec![2, 1]
        );
        let v1 = applicant::version(&db, &w.a, id, 1).await.unwrap();
        let v2 = applicant::version(&db, &w.a, id, 2).await.unwrap();
        assert!(v1.draft.sections.evaluation.starts_with("I 72 procent"));
        assert!(
            v2.draft
                .sections
                .evaluation
                .starts_with("En ny utvärdering")
        );
        assert_eq!(v2.summary.submitted_by, "Person a2@polisen.se");
        // Each version says what it changed from the one before; the first has nothing before.
        let changed = |v: &[&str]| Some(v.iter().map(|k| k.to_string()).collect::<Vec<_>>());
        assert_eq!(v2.changed, changed(&["evaluation"]), "{name}");
        assert_eq!(v1.changed, None, "{name}");
        let history: Vec<_> = view.versions.iter().map(|v| v.changed.clone()).collect();
        assert_eq!(history, vec![changed(&["evaluation"]), None], "{name}");
        // Withdraw, then take part again with the same text: no third version.
        applicant::withdraw(&db, &unwatched(), &w.a, id, later)
            .await
            .unwrap();
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        assert_eq!(view.status, EntryStatus::Withdrawn);
        assert_eq!(
            view.draft.sections.evaluation,
            "En ny utvärdering med fler ärenden."
        );
        applicant::submit(&db, &unwatched(), &w.a, id, 3, later, "http://x")
            .await
            .unwrap();
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        assert_eq!(view.status, EntryStatus::Submitted);
        assert_eq!(view.versions.len(), 2);
        assert_eq!(
            entry_version::Entity::find().count(&db).await.unwrap(),
            2,
            "{name}"
        );
    })
    .await;
}

/// The version numbers an entry's history lists, newest first.
async fn version_numbers(
    db: &DatabaseConnection,
    who: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Vec<i32> {
    let view = applicant::view(db, who, id, now).await.unwrap();
    view.versions.iter().map(|v| v.summary.number).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_added_or_removed_after_submitting_is_submitted_as_a_new_version() {
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        let dir = tempfile::tempdir().unwrap();
        applicant::save(&db, &w.a, id, 1, complete(), now)
            .await
            .unwrap();
        applicant::submit(&db, &unwatched(), &w.a, id, 2, now, "http://x")
            .await
            .unwrap();
        let jury_reads = |db: DatabaseConnection| async move {
            let e = entry::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            applicant::paper_text(&db, &e).await.unwrap().1
        };
        assert!(jury_reads(db.clone()).await.is_empty(), "{name}");

        // A file added after submitting leaves the text's revision where it was, and the entry
        // has a change to submit.
        let later = now + Duration::days(1);
        let plan = upload_pdf(&db, &w.a2, dir.path(), id, "Plan.pdf", later).await;
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        assert_eq!(view.revision, 2, "{name}");
        assert!(view.unsubmitted_changes, "{name}");

        // Submitting it makes a second version with the file, which the jury reads; a receipt
        // goes for it, and nothing is left to submit.
        let view = applicant::submit(&db, &unwatched(), &w.a, id, 2, later, "http://x")
            .await
            .unwrap();
        assert!(!view.unsubmitted_changes, "{name}");
        assert_eq!(view.submitted.as_ref().unwrap().unix, later.timestamp());
        assert_eq!(
            version_numbers(&db, &w.a, id, later).await,
            vec![2, 1],
            "{name}"
        );
        let v2 = applicant::version(&db, &w.a, id, 2).await.unwrap();
        assert_eq!(v2.attachments, vec!["Plan.pdf".to_string()], "{name}");
        let v1 = applicant::version(&db, &w.a, id, 1).await.unwrap();
        assert!(v1.attachments.is_empty(), "{name}");
        assert_eq!(v2.draft, v1.draft, "{name}: the same text");
        assert_eq!(v2.changed, Some(vec!["attachments".to_string()]), "{name}");
        assert_eq!(
            jury_reads(db.clone()).await,
            vec!["Plan.pdf".to_string()],
            "{name}"
        );
        assert_eq!(receipts(&db).await, 2, "{name}");
        // Again, as a retry: nothing new.
        applicant::submit(&db, &unwatched(), &w.a, id, 2, later, "http://x")
            .await
            .unwrap();
        assert_eq!(
            version_numbers(&db, &w.a, id, later).await,
            vec![2, 1],
            "{name}"
        );
        assert_eq!(receipts(&db).await, 2, "{name}");

        // The file removed, and the change submitted twice at once (a double click): one more
        // version, one more receipt, and both answers are the entry as it now takes part.
        attachments::remove(&db, &w.a, plan.id, later)
            .await
            .unwrap();
        let public = unwatched();
        let (x, y) = tokio::join!(
            applicant::submit(&db, &public, &w.a, id, 2, later, "http://x"),
            applicant::submit(&db, &public, &w.a2, id, 2, later, "http://x"),
        );
        for answer in [x, y] {
            let answer = answer.unwrap();
            assert_eq!(answer.status, EntryStatus::Submitted, "{name}");
            assert!(!answer.unsubmitted_changes, "{name}");
        }
        assert_eq!(
            version_numbers(&db, &w.a, id, later).await,
            vec![3, 2, 1],
            "{name}"
        );
        assert!(jury_reads(db.clone()).await.is_empty(), "{name}");
        assert_eq!(receipts(&db).await, 3, "{name}");
        let view = applicant::view(&db, &w.a, id, later).await.unwrap();
        let history: Vec<_> = view.versions.iter().map(|v| v.changed.clone()).collect();
        let files = Some(vec!["attachments".to_string()]);
        assert_eq!(history, vec![files.clone(), files, None], "{name}");

        // Withdrawn and submitted again unchanged, the latest version takes part again; with a
        // file added while withdrawn, a new one does.
        applicant::withdraw(&db, &public, &w.a, id, later)
            .await
            .unwrap();
        applicant::submit(&db, &public, &w.a, id, 2, later, "http://x")
            .await
            .unwrap();
        assert_eq!(
            version_numbers(&db, &w.a, id, later).await,
            vec![3, 2, 1],
            "{name}"
        );
        applicant::withdraw(&db, &public, &w.a, id, later)
            .await
            .unwrap();
        upload_pdf(&db, &w.a, dir.path(), id, "Bilaga.pdf", later).await;
        let view = applicant::submit(&db, &public, &w.a, id, 2, later, "http://x")
            .await
            .unwrap();
        assert_eq!(view.status, EntryStatus::Submitted, "{name}");
        assert_eq!(
            version_numbers(&db, &w.a, id, later).await,
            vec![4, 3, 2, 1],
            "{name}"
        );
        assert_eq!(
            jury_reads(db.clone()).await,
            vec!["Bilaga.pdf".to_string()],
            "{name}"
        );
        assert_eq!(
            entry_version::Entity::find()
                .filter(entry_version::Column::Revision.eq(2))
                .count(&db)
                .await
                .unwrap(),
            4,
            "{name}: four versions of one text"
        );

        // Down to the schema of one version per revision: the latest, which the jury reads,
        // stays; and up again.
        crate::common::migrate_down_through(&db, "m20261226_000034_version_files").await;
        use sea_orm_migration::MigratorTrait;
        assert_eq!(
            entry_version::Entity::find().count(&db).await.unwrap(),
            1,
            "{name}"
        );
        assert_eq!(
            jury_reads(db.clone()).await,
            vec!["Bilaga.pdf".to_string()],
            "{name}"
        );
        migrations::Migrator::up(&db, None).await.unwrap();
        assert_eq!(
            version_numbers(&db, &w.a, id, later).await,
            vec![4],
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_complete_entries_from_confirmed_addresses_are_submitted() {
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        let mut d = complete();
        d.sections.description = "ord ".repeat(601);
        d.links[0].url = "javascript:alert(1)".into();
        d.checklist.clear();
        applicant::save(&db, &w.a, id, 1, d, now).await.unwrap();
        let Err(AppError::Invalid(problems)) =
            applicant::submit(&db, &unwatched(), &w.a, id, 2, now, "http://x").await
        else {
            panic!("{name}: an incomplete entry must be refused");
        };
        let fields: Vec<(&str, Problem)> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.problem))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("description", Problem::TooManyWords),
                ("links.0.url", Problem::InvalidUrl),
                ("checklist", Problem::MustConfirm),
            ]
        );
        assert_eq!(receipts(&db).await, 0);
        // Oversized text is refused even for a draft, and the stored draft is untouched.
        let mut huge = complete();
        huge.sections.methods = "x".repeat(20_001);
        assert_eq!(
            applicant::save(&db, &w.a, id, 2, huge, now).await,
            Err(AppError::invalid_field("methods", Problem::TooLong))
        );
        let view = applicant::view(&db, &w.a, id, now).await.unwrap();
        assert_eq!(
            view.draft.sections.description.split_whitespace().count(),
            601
        );
        // An unconfirmed address may write drafts but not submit.
        let mut unverified = w.a.clone();
        unverified.verified = false;
        applicant::save(&db, &unverified, id, 2, complete(), now)
            .await
            .unwrap();
        assert_eq!(
            applicant::submit(&db, &unwatched(), &unverified, id, 3, now, "http://x").await,
            Err(AppError::Unverified)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_organisations_see_nothing_of_an_entry() {
    on_each_backend(|db, name| async move {
        let (w, id, now) = open_year_with_a_draft(&db).await;
        applicant::save(&db, &w.a, id, 1, complete(), now)
            .await
            .unwrap();
        let att = upload_pdf(
            &db,
            &w.a,
            tempfile::tempdir().unwrap().path(),
            id,
            "rapport.pdf",
            now,
        )
        .await;
        // B cannot read, change, submit, withdraw or download; it all looks like nothing.
        assert_eq!(
            applicant::view(&db, &w.b, id, now).await,
            Err(AppError::NotFound),
            "{name}"
        );
        assert_eq!(
            applicant::save(&db, &w.b, id, 2, complete(), now).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            applicant::submit(&db, &unwatched(), &w.b, id, 2, now, "http://x").await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            applicant::withdraw(&db, &unwatched(), &w.b, id, now).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            applicant::version(&db, &w.b, id, 1).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            downloads::attachment(
                &db,
                &w.b,
                std::path::Path::new("/tmp"),
                att.id,
                app::i18n::Lang::Sv
            )
            .await
            .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            attachments::remove(&db, &w.b, att.id, now).await,
            Err(AppError::NotFound)
        );
        assert!(
            applicant::mine(&db, &w.b, now)
                .await
                .unwrap()
                .entries
                .is_empty()
        );
        // B cannot start an entry for A's organisation either.
        assert!(matches!(
            applicant::start(&db, &w.b, 2027, w.a.organisations[0], now).await,
            Err(AppError::Invalid(_))
        ));
        // The colleague and the organiser can read it; the organiser cannot write it.
        assert_eq!(
            applicant::mine(&db, &w.a2, now)
                .await
                .unwrap()
                .entries
                .len(),
            1
        );
        assert!(applicant::view(&db, &w.admin, id, now).await.is_ok());
        assert_eq!(
            applicant::save(&db, &w.admin, id, 2, complete(), now).await,
            Err(AppError::NotFound)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_are_checked_by_content_and_limited_in_number() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let now = at(2026, 12, 1, 9, 0);
        let dir = tempfile::tempdir().unwrap();
        let id = applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        let upload = |name: &'static str, bytes: Vec<u8>| {
            let (db, a, dir) = (db.clone(), w.a.clone(), dir.path().to_path_buf());
            async move { attachments::upload(&db, &a, &dir, id, name, bytes, now).await }
        };
        let a = upload("../../etc/rapport.PDF", PDF.to_vec()).await.unwrap();
        assert_eq!(a.file_name, "rapport.pdf", "{name}");
        assert_eq!(a.content_type, "application/pdf");
        let d = downloads::attachment(&db, &w.a, dir.path(), a.id, app::i18n::Lang::Sv)
            .await
            .unwrap();
        assert_eq!(
            (d.name.as_str(), d.content_type.as_str()),
            ("rapport.pdf", "application/pdf")
        );
        assert_eq!(d.bytes, PDF);
        // An HTML page named .pdf, and an empty file, are refused.
        assert_eq!(
            upload("x.pdf", b"<html><script>alert(1)</script></html>".to_vec())
                .await
                .unwrap_err(),
            AppError::invalid_field("file", Problem::UnsupportedFile)
        );
        // A PDF that is also something else, or runs script, is refused as a polyglot.
        for tail in [
            &b"<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"[..],
            b"<html><script>alert(1)</script></html>",
        ] {
            assert_eq!(
                upload("x.pdf", [PDF, tail].concat()).await.unwrap_err(),
                AppError::invalid_field("file", Problem::ActiveContent),
                "{name}"
            );
        }
        assert_eq!(
            upload("x.pdf", vec![]).await.unwrap_err(),
            AppError::invalid_field("file", Problem::EmptyFile)
        );
        assert_eq!(
            upload("big.pdf", [PDF, &vec![b' '; 20 * 1024 * 1024]].concat())
                .await
                .unwrap_err(),
            AppError::invalid_field("file", Problem::FileTooLarge)
        );
        for _ in 1..9 {
            upload("r.pdf", PDF.to_vec()).await.unwrap();
        }
        // Nine stored: two uploads at once make ten, not eleven.
        let (x, y) = tokio::join!(upload("r.pdf", PDF.to_vec()), upload("r.pdf", PDF.to_vec()));
        assert_eq!(
            [x.is_ok(), y.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{name}: {x:?} {y:?}"
        );
        assert_eq!(
            upload("r.pdf", PDF.to_vec()).await.unwrap_err(),
            AppError::Conflict(Conflict::TooManyFiles)
        );
        assert_eq!(
            applicant::view(&db, &w.a, id, now)
                .await
                .unwrap()
                .attachments
                .len(),
            10
        );
        // Same content, one stored file.
        let stored: Vec<_> = walk(dir.path());
        assert_eq!(stored.len(), 1, "{name}: {stored:?}");
        // An upload does not make an open tab stale.
        assert_eq!(
            applicant::view(&db, &w.a, id, now).await.unwrap().revision,
            1
        );
    })
    .await;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screening_after_the_deadline_tells_the_applicant_in_their_language() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        let deadline = at(2027, 8, 20, 23, 59);
        year(&db, 2027, at(2026, 11, 1, 9, 0), deadline).await;
        let now = at(2026, 12, 1, 9, 0);
        let id = submitted(&db, &w.a, now).await;
        // The colleague reads mail in English.
        let mut a2: app::backend::entities::app_user::ActiveModel =
            app::backend::entities::app_user::Entity::find_by_id(w.a2.user_id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .into();
        a2.language = Set("en".into());
        a2.update(&db).await.unwrap();
        assert_eq!(
            screened(&db, &w.admin, id, true, "", now).await,
            Err(AppError::Conflict(Conflict::NotYet)),
            "{name}: not before the deadline"
        );
        let after = deadline + Duration::days(1);
        assert_eq!(
            screened(&db, &w.a, id, true, "", after).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            screened(&db, &w.admin, id, false, "  ", after).await,
            Err(AppError::invalid_field("reason", Problem::Required))
        );
        screened(
            &db,
            &w.admin,
            id,
            false,
            "Projektet är inte genomfört i Sverige.",
            after,
        )
        .await
        .unwrap();
        let view = applicant::view(&db, &w.a, id, after).await.unwrap();
        assert_eq!(view.status, EntryStatus::Ineligible);
        assert_eq!(
            view.screening_reason.as_deref(),
            Some("Projektet är inte genomfört i Sverige.")
        );
        let mails = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Template.eq("screening_result"))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(mails.len(), 2, "{name}: both members");
        let en = mails
            .iter()
            .find(|m| m.to_address == "a2@polisen.se")
            .unwrap();
        assert!(en.subject.contains("not eligible") && en.body_text.contains("Reason: Projektet"));
        let sv = mails
            .iter()
            .find(|m| m.to_address == "a@polisen.se")
            .unwrap();
        assert!(sv.subject.contains("uppfyller inte"));
        let list = screening::list(&db, &w.admin, 2027, after).await.unwrap();
        assert_eq!(list.rows.len(), 1);
        assert_eq!(list.rows[0].organisation, "Polismyndigheten");
        // Exports: a header and one row, formulas defused.
        let rows = screening::export_rows(&db, &w.admin, 2027, after)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][0], view.reference);
        assert_eq!(
            screening::export_rows(&db, &w.a, 2027, after).await,
            Err(AppError::Forbidden)
        );
        let xlsx = screening::to_xlsx(&rows, "ECPA 2027").unwrap();
        assert_eq!(&xlsx[..2], b"PK", "an xlsx is a zip file");
        // The list of entries is published after the deadline only.
        assert_eq!(
            competition_setup::list_entries(&db, &unwatched(), &w.admin, 2027, true, now).await,
            Err(AppError::Conflict(Conflict::Closed))
        );
        // Screened again, from a page opened now.
        screened(&db, &w.admin, id, true, "", after).await.unwrap();
        competition_setup::list_entries(&db, &unwatched(), &w.admin, 2027, true, after)
            .await
            .unwrap();
        let page = publication::competition_page(&db, 2027, after)
            .await
            .unwrap();
        assert_eq!(page.entry_list.len(), 1);
        assert_eq!(page.entry_list[0].title, "Riskreducerande insatser");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_go_once_to_organisations_with_unsubmitted_drafts() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        let deadline = at(2027, 8, 20, 23, 59);
        year(&db, 2027, at(2026, 11, 1, 9, 0), deadline).await;
        let now = at(2026, 12, 1, 9, 0);
        // A has a draft; B has submitted.
        applicant::start(&db, &w.a, 2027, w.a.organisations[0], now)
            .await
            .unwrap();
        submitted(&db, &w.b, now).await;
        let reminders = || async {
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Template.eq("deadline_reminder"))
                .all(&db)
                .await
                .unwrap()
        };
        let eight_days = deadline - Duration::days(8);
        assert_eq!(
            deadline_reminders::send_reminders(&db, eight_days, "http://x")
                .await
                .unwrap(),
            0
        );
        let seven_days = deadline - Duration::days(7);
        assert_eq!(
            deadline_reminders::send_reminders(&db, seven_days, "http://x")
                .await
                .unwrap(),
            1,
            "{name}"
        );
        assert_eq!(
            deadline_reminders::send_reminders(&db, seven_days + Duration::hours(1), "http://x")
                .await
                .unwrap(),
            0
        );
        let sent = reminders().await;
        assert_eq!(sent.len(), 2, "both members of A, nobody at B");
        assert!(sent.iter().all(|m| m.to_address.ends_with("@polisen.se")));
        assert!(sent[0].body_text.contains("20 augusti 2027 kl. 23.59"));
        let one_day = deadline - Duration::days(1);
        assert_eq!(
            deadline_reminders::send_reminders(&db, one_day, "http://x")
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            deadline_reminders::send_reminders(&db, one_day, "http://x")
                .await
                .unwrap(),
            0
        );
        assert_eq!(reminders().await.len(), 4);
        assert_eq!(reminder_sent::Entity::find().count(&db).await.unwrap(), 2);
        // After the deadline, nothing.
        assert_eq!(
            deadline_reminders::send_reminders(&db, deadline, "http://x")
                .await
                .unwrap(),
            0
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_reminds_one_draft_now_at_most_once_an_hour() {
    use crate::common::page_text;
    on_each_backend(|db, name| async move {
        let (w, draft, now) = open_year_with_a_draft(&db).await;
        let deadline = at(2027, 8, 20, 23, 59);
        let b = submitted(&db, &w.b, now).await;
        let later = now + Duration::days(3);
        let reminders = || async {
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Template.eq("deadline_reminder"))
                .all(&db)
                .await
                .unwrap()
        };

        // The organiser's list has the draft apart from the submitted entry.
        let v = screening::list(&db, &w.admin, 2027, later).await.unwrap();
        assert_eq!(v.rows.len(), 1, "{name}");
        assert_eq!(v.rows[0].id, b);
        assert_eq!(v.drafts.len(), 1, "{name}");
        assert_eq!(v.drafts[0].id, draft);
        assert_eq!(v.drafts[0].organisation, "Polismyndigheten");
        assert!(v.can_remind, "{name}");

        // Only the round's organiser; only drafts.
        assert_eq!(
            deadline_reminders::remind_now(&db, &w.a, draft, later, "http://x").await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            deadline_reminders::remind_now(&db, &w.admin, b, later, "http://x").await,
            Err(AppError::Conflict(Conflict::NotDraft))
        );
        assert_eq!(
            deadline_reminders::remind_now(&db, &w.admin, 999_999, later, "http://x").await,
            Err(AppError::NotFound)
        );
        // An organisation whose members have all gone has nobody to remind, and keeps no
        // claim: the reminder below, in the same hour, goes.
        let set_active = |active: bool| {
            let db = db.clone();
            let ids = [w.a.user_id, w.a2.user_id];
            async move {
                for id in ids {
                    app::backend::entities::app_user::ActiveModel {
                        id: Set(id),
                        active: Set(active),
                        ..Default::default()
                    }
                    .update(&db)
                    .await
                    .unwrap();
                }
            }
        };
        set_active(false).await;
        assert_eq!(
            deadline_reminders::remind_now(&db, &w.admin, draft, later, "http://x").await,
            Err(AppError::Conflict(Conflict::NoRecipients))
        );
        set_active(true).await;
        assert!(reminders().await.is_empty(), "{name}");

        // Over HTTP without scripts: the page offers one button, for the draft.
        let s = TestServer::start(db.clone(), later).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = "/admin/competitions/2027/entries";
        let text = page_text(&admin, format!("{}{page}", s.base)).await;
        assert!(
            text.contains("Utkast som inte är inskickade (1)"),
            "{name}: {text}"
        );
        assert_eq!(
            text.matches("action=\"/api/remind_entry\"").count(),
            1,
            "{name}: the submitted entry has no button"
        );
        let id = draft.to_string();
        let post = || async {
            let fields = [("entry_id", id.as_str())];
            location(
                &s.form_post(&admin, "/api/remind_entry", page, &fields)
                    .await,
            )
        };
        let back = post().await;
        assert!(!back.contains("__err"), "{name}: {back}");
        let text = page_text(&admin, back).await;
        assert!(
            text.contains("Påminnelsen är skickad till organisationens medlemmar."),
            "{name}: {text}"
        );
        let sent = reminders().await;
        assert_eq!(sent.len(), 2, "{name}: both members of A");
        assert!(sent.iter().all(|m| m.to_address.ends_with("@polisen.se")));
        assert!(
            sent[0].body_text.contains("20 augusti 2027 kl. 23.59"),
            "{name}"
        );
        let audited = app::backend::entities::audit_log::Entity::find()
            .filter(app::backend::entities::audit_log::Column::Action.eq("entry.remind"))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(audited.len(), 1, "{name}");
        assert_eq!(audited[0].subject, format!("entry:{draft}"));

        // Again within the hour: refused in words, nothing more sent.
        let back = post().await;
        assert!(back.contains("__err"), "{name}: {back}");
        let text = page_text(&admin, back).await;
        assert!(text.contains("För många mejl"), "{name}: {text}");
        assert_eq!(reminders().await.len(), 2, "{name}");

        // The scheduled reminder seven days before still goes: "remind now" is its own claim.
        assert_eq!(
            deadline_reminders::send_reminders(&db, deadline - Duration::days(7), "http://x")
                .await
                .unwrap(),
            1,
            "{name}"
        );
        assert_eq!(reminders().await.len(), 4, "{name}");

        // The next hour it may go again; after the deadline, not, and the page says why.
        s.clock.set(later + Duration::hours(1));
        assert!(!post().await.contains("__err"), "{name}");
        assert_eq!(reminders().await.len(), 6, "{name}");
        s.clock.set(deadline + Duration::minutes(1));
        let text = page_text(&admin, post().await).await;
        assert!(
            text.contains(AppError::Conflict(Conflict::Closed).message(app::i18n::Lang::Sv)),
            "{name}: {text}"
        );
        assert!(text.contains("Sista ansökningsdag har passerat."), "{name}");
        assert_eq!(
            text.matches("action=\"/api/remind_entry\"").count(),
            0,
            "{name}"
        );
        assert_eq!(reminders().await.len(), 6, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_reminds_applicants_on_its_own_days() {
    use app::backend::entities::competition::ReminderDays;
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        let deadline = at(2027, 8, 20, 23, 59);
        let mut m: competition::ActiveModel = year(&db, 2027, at(2026, 11, 1, 9, 0), deadline)
            .await
            .into();
        m.deadline_reminders = Set(ReminderDays(vec![10]));
        m.update(&db).await.unwrap();
        applicant::start(&db, &w.a, 2027, w.a.organisations[0], at(2026, 12, 1, 9, 0))
            .await
            .unwrap();
        let send = |days: i64| {
            let db = db.clone();
            async move {
                deadline_reminders::send_reminders(&db, deadline - Duration::days(days), "http://x")
                    .await
                    .unwrap()
            }
        };
        assert_eq!(send(11).await, 0, "{name}");
        assert_eq!(
            send(10).await,
            1,
            "{name}: ten days before, as the year says"
        );
        assert_eq!(send(7).await, 0, "{name}: not the default seven");
        assert_eq!(send(1).await, 0, "{name}: nor the default one");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_creates_edits_and_clones_years() {
    on_each_backend(|db, name| async move {
        let w = world(&db).await;
        let now = at(2026, 11, 25, 9, 0);
        assert_eq!(
            competition_setup::form(&db, &w.a, None).await,
            Err(AppError::Forbidden)
        );
        let mut f = competition_setup::form(&db, &w.admin, None).await.unwrap();
        assert_eq!(f.year, "2026", "{name}: no years yet");
        assert_eq!(f.criteria.len(), 5);
        assert_eq!(f.criteria[1].weight, "2", "evaluated effect weighs double");
        assert_eq!(f.limits["description"], "600");
        f.year = "2027".into();
        f.theme_sv = "Att förebygga återfall i brott".into();
        f.description_sv = "Årets tema.".into();
        f.opens_at = "2027-03-01T09:00".into();
        f.closes_at = "2027-08-20T23:59".into();
        f.limits.insert("problem".into(), "250".into());
        f.criteria[2].weight = "3".into();
        f.blind_until_close = true;
        f.normalise_scores = true;
        assert_eq!(
            (f.deadline_reminders.as_str(), f.jury_reminders.as_str()),
            ("7, 1", "3, 1")
        );
        f.deadline_reminders = "2 10".into();
        f.jury_reminders = "0".into();
        assert_eq!(
            competition_setup::save(&db, &unwatched(), &w.a, None, f.clone(), now).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            competition_setup::save(&db, &unwatched(), &w.admin, None, f.clone(), now).await,
            Ok(2027)
        );
        assert_eq!(
            competition_setup::save(&db, &unwatched(), &w.admin, None, f.clone(), now).await,
            Err(AppError::Conflict(Conflict::YearExists))
        );
        let stored = competition_setup::form(&db, &w.admin, Some(2027))
            .await
            .unwrap();
        assert_eq!(stored.closes_at, "2027-08-20T23:59");
        assert_eq!(stored.limits["problem"], "250");
        assert_eq!(stored.criteria[2].weight, "3");
        assert!(
            stored.blind_until_close && stored.normalise_scores,
            "the jury settings"
        );
        assert_eq!(stored.deadline_reminders, "10, 2", "{name}");
        assert_eq!(stored.jury_reminders, "0", "{name}: none");
        let mut bad = stored.clone();
        bad.deadline_reminders = "0, 99".into();
        assert_eq!(
            competition_setup::save(&db, &unwatched(), &w.admin, Some(2027), bad, now).await,
            Err(AppError::invalid_field(
                "deadline_reminders",
                Problem::OutOfRange
            ))
        );
        // Edit: a bad date order is refused per field and changes nothing.
        let mut bad = stored.clone();
        bad.closes_at = "2027-02-01T09:00".into();
        assert_eq!(
            competition_setup::save(&db, &unwatched(), &w.admin, Some(2027), bad, now).await,
            Err(AppError::invalid_field("closes_at", Problem::OutOfOrder))
        );
        // Clone into 2028: same rubric and limits, dates a year later.
        assert_eq!(
            competition_setup::clone_year(&db, &unwatched(), &w.admin, 2027, now).await,
            Ok(2028)
        );
        let cloned = competition_setup::form(&db, &w.admin, Some(2028))
            .await
            .unwrap();
        assert_eq!(cloned.opens_at, "2028-03-01T09:00");
        assert_eq!(cloned.closes_at, "2028-08-20T23:59");
        assert_eq!(cloned.limits["problem"], "250");
        assert_eq!(cloned.criteria[2].weight, "3");
        assert_eq!(cloned.deadline_reminders, "10, 2");
        assert_eq!(cloned.theme_sv, "Att förebygga återfall i brott");
        let page = publication::competition_page(&db, 2027, at(2027, 4, 1, 9, 0))
            .await
            .unwrap();
        assert_eq!(page.criteria.len(), 5);
        assert_eq!(page.criteria[2].weight, 3);
        assert_eq!(entry::Entity::find().count(&db).await.unwrap(), 0, "{name}");
    })
    .await;
}

// ---- Over HTTP ------------------------------------------------------------------------------

async fn page(s: &TestServer, client: &reqwest::Client, path: &str) -> (u16, String) {
    let res = client
        .get(format!("{}{path}", s.base))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap().replace("<!>", ""))
}

pub(crate) async fn upload(
    s: &TestServer,
    client: &reqwest::Client,
    id: i32,
    name: &str,
    bytes: Vec<u8>,
    json: bool,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().text("lang", "sv").part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    client
        .post(format!("{}/entries/{id}/attachments", s.base))
        .header(
            "accept",
            if json {
                "application/json"
            } else {
                "text/html"
            },
        )
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_entry_works_as_plain_html_forms() {
    on_each_backend(|db, name| async move {
        let now = at(2026, 12, 1, 9, 0);
        let s = TestServer::start(db.clone(), now).await;
        person(&db, "a@polisen.se", Some("Polismyndigheten"), &[Role::Applicant]).await;
        person(&db, "b@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let members = organisation_member::Entity::find().all(&db).await.unwrap();
        let a_user = app::backend::entities::app_user::Entity::find()
            .filter(app::backend::entities::app_user::Column::Email.eq("a@polisen.se"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let org = org_of(&members, a_user.id);
        let a = signed_in(&s, "a@polisen.se").await;
        let b = signed_in(&s, "b@mora.se").await;

        // The competition page invites entries while open.
        let (status, html) = page(&s, &a, "/competitions/2027").await;
        assert_eq!(status, 200, "{name}");
        assert!(html.contains("Starta ett bidrag") && html.contains("Utvärderad effekt"));
        assert!(html.contains("vikt 2"), "evaluated effect weighs double");

        // Two years open at once: the call to action says which one to start.
        year(&db, 2028, at(2026, 11, 1, 9, 0), at(2028, 8, 20, 23, 59)).await;
        let (_, html) = page(&s, &a, "/entries?year=2027").await;
        assert!(html.contains("<option value=\"2027\" selected"), "{name}");
        assert!(html.contains("<option value=\"2028\">"));
        // Start.
        let res = s.form_post(&a, "/api/start_entry", "/entries", &[("year", "2027"), ("organisation_id", &org), ("lang", "sv")]).await;
        assert_eq!(res.status().as_u16(), 302, "{name}");
        let to = location(&res);
        assert!(to.starts_with("/entries/"), "{to}");
        let id: i32 = to.trim_start_matches("/entries/").parse().unwrap();
        let id_s = id.to_string();
        let edit = format!("/entries/{id}");
        let (status, html) = page(&s, &a, &edit).await;
        assert_eq!(status, 200);
        assert!(html.contains("name=\"draft[title]\"") && html.contains("Spara utkast"));
        assert!(html.contains("0 av 600 ord"), "word count against the limit");

        // Save, with a gap in the contact rows and in the ticked checklist.
        let mut fields: Vec<(String, String)> = vec![
            ("id".into(), id_s.clone()),
            ("revision".into(), "1".into()),
            ("lang".into(), "sv".into()),
            ("draft[title]".into(), "Riskreducerande insatser".into()),
            ("draft[organisation_display]".into(), "Polismyndigheten".into()),
            ("draft[competing]".into(), "true".into()),
            ("draft[start_date]".into(), "2019-01-01".into()),
            ("draft[ongoing]".into(), "true".into()),
            ("draft[contacts][0][name]".into(), "Anna Andersson".into()),
            ("draft[contacts][0][email]".into(), "anna@polisen.se".into()),
            ("draft[contacts][2][name]".into(), "Bo Berg".into()),
            ("draft[contacts][2][email]".into(), "bo@polisen.se".into()),
            ("draft[links][0][label]".into(), "Rapport".into()),
            ("draft[links][0][url]".into(), "https://example.se/r.pdf".into()),
            ("draft[public_summary_sv]".into(), "Samtal med våldsutövare.".into()),
            ("draft[publication_consent]".into(), "true".into()),
        ];
        for (i, key) in app::model::SECTIONS.iter().enumerate() {
            fields.push((
                format!("draft[{key}]"),
                format!("Text för avsnitt {i} med \"citat\" & <b>tecken</b></textarea><script>alert(1)</script>."),
            ));
        }
        for (i, key) in CHECKLIST.iter().enumerate() {
            fields.push((format!("draft[checklist][{}]", i * 2), key.to_string()));
        }
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = s.form_post(&a, "/api/save_entry", &edit, &pairs).await;
        assert_eq!(res.status().as_u16(), 302, "{name}");
        // Back to the form, marked as a success (`server::forms`).
        assert_eq!(location(&res), format!("{}{edit}?__ok=save_entry", s.base), "back to the form");
        let stored = applicant::view(&db, &actor(&db, a_user.id).await, id, now).await.unwrap();
        assert_eq!(stored.revision, 2);
        assert_eq!(stored.draft.contacts.len(), 2, "{name}");
        assert_eq!(stored.draft.contacts[1].name, "Bo Berg");
        assert_eq!(stored.draft.checklist.len(), CHECKLIST.len());
        assert!(stored.problems.is_empty(), "{:?}", stored.problems);
        let (_, html) = page(&s, &a, &edit).await;
        let i = html.find("avsnitt 0").expect("the text is on the page");
        assert!(
            html.contains("&lt;b&gt;tecken&lt;/b&gt;&lt;/textarea&gt;&lt;script&gt;")
                && !html.contains("<script>alert(1)"),
            "text is escaped, never markup: {}",
            &html[i..i + 80]
        );
        assert!(html.contains("value=\"2\""), "the form carries the new revision");

        // The same post again is stale: refused, the error comes back in the URL, text kept.
        let res = s.form_post(&a, "/api/save_entry", &edit, &pairs).await;
        assert_eq!(res.status().as_u16(), 302);
        let back = location(&res);
        assert!(back.contains("__err="), "{back}");
        let (_, html) = page(&s, &a, back.trim_start_matches(&s.base)).await;
        assert!(html.contains("ändrats i en annan flik"), "the conflict is explained");
        // Saving with then=preview goes on to the preview.
        let mut with_then = pairs.clone();
        with_then.retain(|(k, _)| *k != "revision");
        with_then.push(("revision", "2"));
        with_then.push(("then", "preview"));
        let res = s.form_post(&a, "/api/save_entry", &edit, &with_then).await;
        assert_eq!(location(&res), format!("/entries/{id}/preview"));

        // Attachments: a plain form upload, a spoofed one, and one from a script.
        let res = upload(&s, &a, id, "rapport.pdf", PDF.to_vec(), false).await;
        assert_eq!(res.status().as_u16(), 303, "{name}");
        assert!(location(&res).ends_with("?upload=ok#attachments"));
        let res = upload(&s, &a, id, "bild.png", b"<svg onload=alert(1)>".to_vec(), false).await;
        assert!(location(&res).contains("upload=unsupported"));
        let res = upload(&s, &a, id, "../../x.pdf", PDF.to_vec(), true).await;
        assert_eq!(res.status().as_u16(), 200);
        let json: serde_json::Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
        assert_eq!(json["file_name"], "x.pdf");
        let att = json["id"].as_i64().unwrap();
        let res = upload(&s, &a, id, "x.exe", b"MZ\x90\0".to_vec(), true).await;
        assert_eq!(res.status().as_u16(), 422);
        let res = upload(&s, &b, id, "x.pdf", PDF.to_vec(), true).await;
        assert_eq!(res.status().as_u16(), 404, "another organisation");
        let res = upload(&s, &s.browser(), id, "x.pdf", PDF.to_vec(), true).await;
        assert_eq!(res.status().as_u16(), 401);
        let huge = [PDF, &vec![b' '; 21 * 1024 * 1024]].concat();
        let res = upload(&s, &a, id, "huge.pdf", huge, true).await;
        assert_eq!(res.status().as_u16(), 422, "{name}: too large is a clear error");
        // Download: only for those who may read the entry, and never rendered as a page.
        let res = a.get(format!("{}/attachments/{att}", s.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200);
        let h = res.headers().clone();
        assert_eq!(h["content-type"], "application/pdf");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(h["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"x.pdf\""));
        assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
        let res = b.get(format!("{}/attachments/{att}", s.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 404);
        let res = s.browser().get(format!("{}/attachments/{att}", s.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 401);

        // Preview and submit, twice (a double click without scripts).
        let preview = format!("/entries/{id}/preview");
        let (_, html) = page(&s, &a, &preview).await;
        assert!(html.contains("Skicka in bidraget"), "{name}");
        for _ in 0..2 {
            let res = s.form_post(&a, "/api/submit_entry", &preview, &[("id", &id_s), ("revision", "3")]).await;
            assert_eq!(res.status().as_u16(), 302);
            assert!(!location(&res).contains("__err"), "{}", location(&res));
        }
        assert_eq!(receipts(&db).await, 1, "{name}");
        let (_, html) = page(&s, &a, &preview).await;
        assert!(html.contains("Inskickat 1 december 2026 kl. 09.00"), "an unmistakable submitted state");
        let (_, html) = page(&s, &a, &format!("/entries/{id}/history")).await;
        assert!(html.contains("Version 1"));
        let (status, html) = page(&s, &a, &format!("/entries/{id}/versions/1")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Riskreducerande insatser"));
        // A file added after submitting is a change to submit, and submitting it is a version.
        let res = upload(&s, &a, id, "bilaga.pdf", PDF.to_vec(), false).await;
        assert!(location(&res).ends_with("?upload=ok#attachments"), "{name}");
        let (_, html) = page(&s, &a, &preview).await;
        assert!(html.contains("inte är inskickade") && html.contains("Skicka in ändringarna"));
        let res = s.form_post(&a, "/api/submit_entry", &preview, &[("id", &id_s), ("revision", "3")]).await;
        assert!(!location(&res).contains("__err"), "{name}: {}", location(&res));
        let (_, html) = page(&s, &a, &preview).await;
        assert!(!html.contains("inte är inskickade") && !html.contains("Skicka in ändringarna"));
        assert_eq!(receipts(&db).await, 2, "{name}");
        let (_, html) = page(&s, &a, &format!("/entries/{id}/history")).await;
        assert!(html.contains("Version 2"), "{name}");
        // The history and the version say it was the attachments that changed.
        let files_changed = "Ändrat sedan versionen före: Bilagor.";
        assert_eq!(html.matches(files_changed).count(), 1, "{name}: version 2 only");
        let (_, html) = page(&s, &a, &format!("/entries/{id}/versions/2")).await;
        assert!(html.contains("bilaga.pdf") && html.contains("rapport.pdf"), "{name}");
        assert!(html.contains(files_changed), "{name}");
        let (_, html) = page(&s, &a, &format!("/entries/{id}/versions/1")).await;
        assert!(!html.contains("bilaga.pdf") && html.contains("rapport.pdf"), "{name}");
        assert!(!html.contains("Ändrat sedan"), "{name}: nothing before the first");
        let (_, html) = page(&s, &a, &format!("/en/entries/{id}/history")).await;
        assert!(html.contains("Changed since the version before: Attachments."), "{name}");
        // Another organisation sees nothing, not even that it exists.
        for path in [edit.as_str(), preview.as_str(), &format!("/entries/{id}/history")] {
            let (status, html) = page(&s, &b, path).await;
            assert_eq!(status, 404, "{path}");
            assert!(!html.contains("Riskreducerande"));
        }
        let (_, html) = page(&s, &b, "/entries").await;
        assert!(!html.contains("Riskreducerande") && html.contains("Ni har inga bidrag ännu"));
        let (_, html) = page(&s, &a, "/entries").await;
        assert!(html.contains("Riskreducerande insatser") && html.contains("Inskickat"));
        // After the deadline the server refuses changes whatever the form says.
        s.clock.set(at(2027, 8, 21, 0, 0));
        let res = s.form_post(&a, "/api/withdraw_entry", &preview, &[("id", &id_s)]).await;
        assert!(location(&res).contains("__err"), "{name}");
        let (_, html) = page(&s, &a, &edit).await;
        assert!(html.contains("Sista dagen har passerat") && !html.contains("name=\"draft[title]\""));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_sets_up_a_year_screens_and_exports_over_http() {
    on_each_backend(|db, name| async move {
        let now = at(2026, 11, 25, 9, 0);
        let s = TestServer::start(db.clone(), now).await;
        person(&db, "admin@bra.se", None, &[Role::Admin]).await;
        let a_id = person(
            &db,
            "a@polisen.se",
            Some("Polismyndigheten"),
            &[Role::Applicant],
        )
        .await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let a = signed_in(&s, "a@polisen.se").await;
        let (status, html) = page(&s, &admin, "/admin/competitions/new").await;
        assert_eq!(status, 200, "{name}");
        assert!(
            html.contains("name=\"form[criteria][1][weight]\"") && html.contains("value=\"600\"")
        );
        let mut fields: Vec<(String, String)> = vec![
            ("original".into(), "0".into()),
            ("lang".into(), "sv".into()),
            ("form[year]".into(), "2027".into()),
            ("form[theme_sv]".into(), "Att förebygga återfall".into()),
            ("form[description_sv]".into(), "Beskrivning".into()),
            ("form[opens_at]".into(), "2026-11-01T09:00".into()),
            ("form[closes_at]".into(), "2027-08-20T23:59".into()),
            ("form[scale_min]".into(), "0".into()),
            ("form[scale_max]".into(), "5".into()),
        ];
        for (i, (key, nsv, _, _, _, w)) in app::backend::rubric::DEFAULT_CRITERIA.iter().enumerate()
        {
            fields.push((format!("form[criteria][{i}][key]"), key.to_string()));
            fields.push((format!("form[criteria][{i}][name_sv]"), nsv.to_string()));
            fields.push((format!("form[criteria][{i}][weight]"), w.to_string()));
        }
        for (key, v) in app::model::DEFAULT_LIMITS {
            fields.push((format!("form[limits][{key}]"), v.to_string()));
        }
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = s
            .form_post(
                &a,
                "/api/save_competition",
                "/admin/competitions/new",
                &pairs,
            )
            .await;
        assert!(location(&res).contains("__err"), "an applicant cannot");
        let res = s
            .form_post(
                &admin,
                "/api/save_competition",
                "/admin/competitions/new",
                &pairs,
            )
            .await;
        assert_eq!(location(&res), "/admin/competitions/2027?saved=1", "{name}");
        let (_, html) = page(&s, &admin, "/admin/competitions/2027?saved=1").await;
        assert!(html.contains("Tävlingsåret är sparat") && html.contains("2027-08-20T23:59"));
        // A bad date comes back tied to its field.
        let mut bad = pairs.clone();
        bad.retain(|(k, _)| *k != "form[closes_at]" && *k != "original");
        bad.push(("form[closes_at]", "2027-02-30T10:00"));
        bad.push(("original", "2027"));
        let res = s
            .form_post(
                &admin,
                "/api/save_competition",
                "/admin/competitions/2027",
                &bad,
            )
            .await;
        let back = location(&res);
        let (_, html) = page(&s, &admin, back.trim_start_matches(&s.base)).await;
        assert!(
            html.contains("id=\"entry-closes_at-error\"")
                && html.contains("Ange ett giltigt datum"),
            "{name}"
        );
        assert!(html.contains("aria-describedby=\"entry-closes_at-error\""));

        // An entry, submitted; then screening and exports after the deadline.
        let aa = actor(&db, a_id).await;
        let id = applicant::start(&db, &aa, 2027, aa.organisations[0], now)
            .await
            .unwrap();
        let mut d = complete();
        d.title = "=HYPERLINK(\"http://evil\")".into();
        applicant::save(&db, &aa, id, 1, d, now).await.unwrap();
        applicant::submit(&db, &s.public, &aa, id, 2, now, "http://x")
            .await
            .unwrap();
        s.clock.set(at(2027, 8, 22, 9, 0));
        let (status, html) = page(&s, &admin, "/admin/competitions/2027/entries").await;
        assert_eq!(status, 200);
        assert!(html.contains("Godkänn"));
        let res = screen(&s, &admin, id, "false").await;
        assert!(location(&res).contains("__err"), "a reason is required");
        let res = screen(&s, &admin, id, "true").await;
        assert!(!location(&res).contains("__err"));
        let csv = admin
            .get(format!("{}/admin/competitions/2027/entries.csv", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(csv.status().as_u16(), 200);
        assert!(
            csv.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let text = csv.text().await.unwrap();
        // Swedish Excel's dialect unless the link asks for commas.
        assert!(text.starts_with("\u{feff}reference;status;title"), "{text}");
        assert!(
            text.contains("eligible;\"'=HYPERLINK"),
            "formulas are defused: {text}"
        );
        let url = format!(
            "{}/admin/competitions/2027/entries.csv?dialect=comma",
            s.base
        );
        let comma = crate::common::page_text(&admin, url).await;
        assert!(
            comma.starts_with("\u{feff}reference,status,title"),
            "{comma}"
        );
        assert!(comma.contains("eligible,\"'=HYPERLINK"), "{comma}");
        let xlsx = admin
            .get(format!("{}/admin/competitions/2027/entries.xlsx", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(xlsx.status().as_u16(), 200);
        assert_eq!(&xlsx.bytes().await.unwrap()[..2], b"PK");
        for (who, client, want) in [("applicant", &a, 403), ("anonymous", &s.browser(), 401)] {
            for ext in ["csv", "xlsx"] {
                let res = client
                    .get(format!("{}/admin/competitions/2027/entries.{ext}", s.base))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status().as_u16(), want, "{who} {ext}");
            }
        }
        // Publishing the list shows titles and organisations on the competition page.
        let res = s
            .form_post(
                &admin,
                "/api/publish_entry_list",
                "/admin/competitions/2027/entries",
                &[("year", "2027"), ("publish", "true")],
            )
            .await;
        assert!(!location(&res).contains("__err"));
        let (_, html) = page(&s, &s.browser(), "/competitions/2027").await;
        assert!(
            html.contains("Inkomna bidrag") && html.contains("=HYPERLINK"),
            "{name}"
        );
        assert!(
            !html.contains("Starta ett bidrag"),
            "closed: no call to action"
        );
    })
    .await;
}

/// Server functions that read are GET (cacheable); the others are form posts.
const GET_ENDPOINTS: [&str; 2] = ["my_entries", "entry_version"];

async fn call(
    s: &TestServer,
    client: &reqwest::Client,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    if !GET_ENDPOINTS.contains(&endpoint) {
        return s.call(client, endpoint, fields).await;
    }
    let res = client
        .get(format!("{}/api/{endpoint}", s.base))
        .query(fields)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_a_year_is_open_the_entry_calls_answer_as_its_phase_says() {
    on_each_backend(|db, _| async move {
        let now = at(2026, 12, 1, 9, 0);
        let s = TestServer::start(db.clone(), now).await;
        let a = person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        person(&db, "b@orsa.se", Some("Orsa kommun"), &[Role::Applicant]).await;
        person(&db, "juror@bra.se", None, &[Role::Juror]).await;
        person(&db, "admin@bra.se", None, &[Role::Admin]).await;
        year(&db, 2027, at(2026, 11, 1, 9, 0), at(2027, 8, 20, 23, 59)).await;
        let aa = actor(&db, a).await;
        let org_a = aa.organisations[0].to_string();
        let id = applicant::start(&db, &aa, 2027, aa.organisations[0], now)
            .await
            .unwrap();
        applicant::save(&db, &aa, id, 1, complete(), now)
            .await
            .unwrap();
        let att = upload_pdf(&db, &aa, s.uploads.path(), id, "r.pdf", now).await;
        let id = id.to_string();
        let att = att.id.to_string();

        let anon = s.browser();
        let app_a = signed_in(&s, "a@mora.se").await;
        let app_b = signed_in(&s, "b@orsa.se").await;
        let juror = signed_in(&s, "juror@bra.se").await;
        let admin = signed_in(&s, "admin@bra.se").await;
        // The generated matrix (`matrix.rs`) calls every server function on a year in judging.
        // These rows are the answers that differ while the year is open for entries, and so
        // only this table sees them. Mutating calls come last, each leaving the next meaningful.
        let cases: Vec<(&str, Vec<(&str, &str)>, [u16; 5])> = vec![
            //                                            anon  A    B    juror admin
            (
                "entry_version",
                vec![("id", &id), ("number", "1")],
                [401, 404, 404, 404, 404],
            ),
            (
                "remove_attachment",
                vec![("attachment_id", &att)],
                [401, 200, 404, 404, 404],
            ),
            (
                "start_entry",
                vec![
                    ("year", "2027"),
                    ("organisation_id", &org_a),
                    ("lang", "sv"),
                ],
                [401, 200, 422, 422, 422],
            ),
            (
                "screen_entry",
                vec![("entry_id", &id), ("eligible", "true"), ("reason", "")],
                [401, 403, 403, 403, 409],
            ),
            (
                "publish_entry_list",
                vec![("year", "2027"), ("publish", "true")],
                [401, 403, 403, 403, 409],
            ),
        ];
        // The owner goes last, so that what others get is not explained by the owner's change.
        for (endpoint, fields, expected) in cases {
            for (who, client, want) in [
                ("anonymous", &anon, expected[0]),
                ("applicant B", &app_b, expected[2]),
                ("juror", &juror, expected[3]),
                ("admin", &admin, expected[4]),
                ("applicant A", &app_a, expected[1]),
            ] {
                let (status, body) = call(&s, client, endpoint, &fields).await;
                assert_eq!(status, want, "{endpoint} as {who}: {body}");
            }
        }
        // B's list says nothing of A's entry.
        let (_, body) = call(&s, &app_b, "my_entries", &[]).await;
        assert!(
            !body.contains("Mora") && !body.contains(&format!("\"id\":{id}")),
            "{body}"
        );
        // The attachment its owner removed above is gone for everyone.
        let path = format!("{}/attachments/{att}", s.base);
        for (who, client, want) in [
            ("anonymous", &anon, 401),
            ("applicant A", &app_a, 404),
            ("applicant B", &app_b, 404),
            ("juror", &juror, 404),
            ("admin", &admin, 404),
        ] {
            let res = client.get(&path).send().await.unwrap();
            assert_eq!(res.status().as_u16(), want, "{path} as {who}");
        }
    })
    .await;
}

/// The organiser's screening answer for entry `id`, posted without JavaScript and without a reason.
async fn screen(
    s: &TestServer,
    admin: &reqwest::Client,
    id: i32,
    eligible: &str,
) -> reqwest::Response {
    let id = id.to_string();
    let fields = [
        ("entry_id", id.as_str()),
        ("eligible", eligible),
        ("reason", ""),
    ];
    s.form_post(
        admin,
        "/api/screen_entry",
        "/admin/competitions/2027/entries",
        &fields,
    )
    .await
}
