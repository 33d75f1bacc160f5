//! The outbox at the deadline: claims that die with their instance, receipts before reminders,
//! several mails in flight over pooled SMTP connections. Real SMTP sink, injected clock.

use crate::common::smtp::{SmtpSink, mailer};
use crate::common::{at, on_each_backend};
use app::backend::entities::mail_outbox;
use app::backend::mail::{self, LEASE_SECONDS, Template, claim, renew, send_due};
use app::i18n::Lang;
use app::model::When;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

fn deadline() -> When {
    When {
        unix: 0,
        date: "2027-08-20".into(),
        time: "23:59".into(),
    }
}

async fn receipt(db: &DatabaseConnection, to: &str, now: DateTime<Utc>) {
    let t = Template::SubmissionReceipt(mail::Receipt {
        name: "Anna".into(),
        title: "Trygg hemkomst".into(),
        organisation: "Mora kommun".into(),
        reference: "ECPA-2027-0001".into(),
        year: 2027,
        version: 1,
        submitted: deadline(),
        attachments: 0,
        link: "http://x/entries/1".into(),
    });
    mail::enqueue(db, to, "Anna", Lang::Sv, &t, now)
        .await
        .unwrap();
}

async fn reminder(db: &DatabaseConnection, to: &str, now: DateTime<Utc>) {
    let t = Template::DeadlineReminder {
        organisation: "Mora kommun".into(),
        year: 2027,
        deadline: deadline(),
        drafts: vec!["Trygg (ECPA-2027-0001)".into()],
        round_country: None,
        link: "http://x/entries".into(),
    };
    mail::enqueue(db, to, "", Lang::Sv, &t, now).await.unwrap();
}

fn recipients(sink: &SmtpSink) -> Vec<String> {
    sink.received().iter().flat_map(|r| r.to.clone()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_claimed_by_a_killed_instance_is_sent_by_another_once_its_lease_ends() {
    on_each_backend(|db, name| async move {
        let now = at(2027, 8, 20, 23, 58);
        receipt(&db, "anna@mora.se", now).await;
        // An instance claims the receipt and is killed before it sends it: it never renews.
        let dead = mailer(1);
        let claimed = claim(&db, &dead.instance, now, 16).await.unwrap();
        assert_eq!(claimed.len(), 1, "{name}");

        let sink = SmtpSink::default();
        let live = mailer(sink.start(0).await);
        // While the lease runs, the mail is the dead instance's.
        for later in [1, LEASE_SECONDS - 1] {
            assert_eq!(
                send_due(&db, &live, now + Duration::seconds(later))
                    .await
                    .unwrap(),
                0,
                "{name}: {later} s"
            );
        }
        assert!(sink.received().is_empty());
        // Then a peer (or the restarted instance, which has a new name) takes it over.
        let over = now + Duration::seconds(LEASE_SECONDS);
        assert_eq!(send_due(&db, &live, over).await.unwrap(), 1, "{name}");
        assert_eq!(recipients(&sink), vec!["anna@mora.se"], "{name}");
        let row = mail_outbox::Entity::find().one(&db).await.unwrap().unwrap();
        // Its Message-ID names the outbox row, so a second delivery would be the same message.
        let message_id = format!(
            "Message-ID: <ecpa-outbox-{}-{}@ecpa.invalid>",
            row.id,
            row.created_at.timestamp()
        );
        assert!(sink.received()[0].data.contains(&message_id), "{name}");
        assert_eq!(
            row.status,
            app::backend::entities::mail_outbox::MailState::Sent
        );
        assert_eq!(row.attempts, 1);
        assert_eq!(row.claimed_by, None);
        assert_eq!(row.sent_at, Some(over));
        // The takeover is well within the goal: the lease plus one look of the worker.
        const _: () = assert!(LEASE_SECONDS + 1 <= 10);
        assert_eq!(send_due(&db, &live, over).await.unwrap(), 0);
        assert_eq!(sink.received().len(), 1, "{name}: once");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_instance_keeps_its_claims_by_renewing_them() {
    on_each_backend(|db, name| async move {
        let now = at(2027, 8, 20, 23, 58);
        receipt(&db, "anna@mora.se", now).await;
        let slow = mailer(1);
        let ids: Vec<i32> = claim(&db, &slow.instance, now, 16)
            .await
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect();
        let sink = SmtpSink::default();
        let peer = mailer(sink.start(0).await);
        // A claim can be renewed only by the instance that holds it.
        assert_eq!(
            renew(&db, &peer.instance, &ids, now + Duration::seconds(4))
                .await
                .unwrap(),
            0
        );
        let renewed = now + Duration::seconds(LEASE_SECONDS - 1);
        assert_eq!(
            renew(&db, &slow.instance, &ids, renewed).await.unwrap(),
            1,
            "{name}"
        );
        // The first lease has run out, but the renewed one has not.
        assert_eq!(
            send_due(&db, &peer, now + Duration::seconds(LEASE_SECONDS + 1))
                .await
                .unwrap(),
            0,
            "{name}"
        );
        assert!(sink.received().is_empty());
        assert_eq!(
            send_due(&db, &peer, renewed + Duration::seconds(LEASE_SECONDS))
                .await
                .unwrap(),
            1,
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_go_before_the_reminders_queued_ahead_of_them() {
    on_each_backend(|db, name| async move {
        let now = at(2027, 8, 20, 23, 0);
        for i in 0..40 {
            reminder(&db, &format!("member{i}@kommun.se"), now).await;
        }
        receipt(&db, "anna@mora.se", now + Duration::seconds(30)).await;
        let later = now + Duration::seconds(31);
        // The first claim of the worker holds the receipt, queued last.
        let first = claim(&db, "peek", later, 16).await.unwrap();
        assert_eq!(first[0].to_address, "anna@mora.se", "{name}");
        assert_eq!(first[0].priority, mail::Priority::Waited as i32);
        assert!(first[1..].iter().all(|m| m.template == "deadline_reminder"));
        // Give them back (a dead claim), then send everything through the sink.
        let sink = SmtpSink::default();
        let live = mailer(sink.start(0).await);
        let after = later + Duration::seconds(LEASE_SECONDS);
        assert_eq!(send_due(&db, &live, after).await.unwrap(), 41, "{name}");
        let order = recipients(&sink);
        assert_eq!(order.len(), 41);
        let at_ = order.iter().position(|r| r == "anna@mora.se").unwrap();
        assert!(
            at_ < 16,
            "{name}: the receipt went in the first round, as number {at_}"
        );
        assert!(
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Status.ne(mail_outbox::MailState::Sent))
                .all(&db)
                .await
                .unwrap()
                .is_empty()
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_mails_are_in_flight_over_pooled_connections() {
    on_each_backend(|db, name| async move {
        let now = at(2027, 8, 20, 23, 0);
        let sink = slow_sink_and_reminders(&db, 32, now).await;
        let live = mailer(sink.start(0).await);
        assert_eq!(send_due(&db, &live, now).await.unwrap(), 32, "{name}");
        let mut to = recipients(&sink);
        to.sort();
        to.dedup();
        assert_eq!(to.len(), 32, "{name}: each once");
        let most = sink
            .most_in_flight
            .load(std::sync::atomic::Ordering::SeqCst);
        let connections = sink.connections.load(std::sync::atomic::Ordering::SeqCst);
        assert!(most > 1, "{name}: one mail at a time ({most})");
        // Connections are kept and reused: fewer than one per mail, and at least one per mail
        // in flight. Not at most one per mail in flight: lettre parks a connection again in a
        // task it spawns when the send returns, so a send that starts before that task has run
        // finds the pool empty and opens another (seen: 10 connections for 8 in flight).
        assert!(
            (most..32).contains(&connections),
            "{name}: {connections} connections for 32 mails, {most} at once"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_queued_during_a_flood_of_reminders_goes_in_the_next_round() {
    on_each_backend(|db, name| async move {
        let t0 = at(2027, 8, 20, 23, 0);
        let sink = slow_sink_and_reminders(&db, 96, t0).await;
        let port = sink.start(0).await;
        let clock = std::sync::Arc::new(app::backend::FixedClock::new(t0));
        let worker = tokio::spawn(mail::run_worker(
            db.clone(),
            mailer(port),
            clock.clone(),
            std::time::Duration::from_secs(1),
        ));
        // The worker is in its first round of reminders when a submit comes in, later in time.
        while sink.received().is_empty() {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        let submitted = t0 + Duration::seconds(10);
        clock.set(submitted);
        receipt(&db, "anna@mora.se", submitted).await;
        while sink.received().len() < 97 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        worker.abort();
        let order = recipients(&sink);
        let at_ = order.iter().position(|r| r == "anna@mora.se").unwrap();
        // Rounds are 16 mails: the receipt is in the round after the one under way, not
        // behind the remaining reminders.
        assert!(
            at_ < 32,
            "{name}: the receipt went out as number {at_} of 97"
        );
    })
    .await;
}

/// Polls until `done` holds; the test's own time limit is the guard.
async fn until(done: impl Fn() -> bool) {
    while !done() {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_the_worker_waits_out_another_writer_to_claim_and_to_record_a_mail() {
    // The worker's own connections do not wait inside SQLite; the worker looks for the write
    // lock itself. Without that, each step below fails at once with "database is locked", and
    // a mail the SMTP server accepted stays unrecorded until a peer sends it again.
    let backend = crate::common::sqlite().await;
    let db = backend.db.clone();
    let now = at(2027, 8, 20, 23, 59);
    receipt(&db, "anna@mora.se", now).await;
    let outbox = server::connect_with(&backend.url, server::Pool::mail_worker())
        .await
        .unwrap();
    let sink = SmtpSink {
        delay: std::time::Duration::from_millis(200),
        ..Default::default()
    };
    let port = sink.start(0).await;

    // A request holds the write lock while the worker claims.
    let request = app::backend::begin_write(&db).await.unwrap();
    let sending = tokio::spawn(async move { send_due(&outbox, &mailer(port), now).await });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(!sending.is_finished(), "the claim gave up on the lock");
    assert_eq!(sink.in_flight.load(std::sync::atomic::Ordering::SeqCst), 0);
    request.commit().await.unwrap();

    // Another request takes the lock while the mail is at the SMTP server, and holds it after
    // the server has accepted the mail.
    until(|| sink.in_flight.load(std::sync::atomic::Ordering::SeqCst) > 0).await;
    let request = app::backend::begin_write(&db).await.unwrap();
    until(|| !sink.received().is_empty()).await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert!(!sending.is_finished(), "the record gave up on the lock");
    request.commit().await.unwrap();

    assert_eq!(sending.await.unwrap().unwrap(), 1);
    let row = mail_outbox::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!(
        row.status,
        app::backend::entities::mail_outbox::MailState::Sent
    );
    assert_eq!(row.claimed_by, None);
    assert_eq!(recipients(&sink), ["anna@mora.se"]);
    backend.finish().await;
}

/// What a connection says about a setting: `PRAGMA busy_timeout` on SQLite (milliseconds),
/// `SHOW synchronous_commit` on PostgreSQL.
async fn setting(db: &DatabaseConnection) -> String {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let (sql, column) = match db.get_database_backend() {
        DbBackend::Sqlite => ("PRAGMA busy_timeout", "timeout"),
        _ => ("SHOW synchronous_commit", "synchronous_commit"),
    };
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .expect("a row");
    match db.get_database_backend() {
        DbBackend::Sqlite => row.try_get::<i64>("", column).unwrap().to_string(),
        _ => row.try_get::<String>("", column).unwrap(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workers_connections_neither_wait_in_sqlite_nor_for_the_disk_and_the_requests_do() {
    // The worker's record of a sent mail must follow the SMTP server's acceptance at once: on
    // SQLite it looks for the lock itself (busy timeout 0), on PostgreSQL its commits do not
    // wait for the disk. The requests' pool keeps both: their writes are the applicants' work.
    let mut backends = vec![crate::common::sqlite().await];
    if let Some(url) = crate::common::postgres_url() {
        backends.push(crate::common::postgres(&url).await);
    }
    for backend in backends {
        let worker = server::connect_with(&backend.url, server::Pool::mail_worker())
            .await
            .unwrap();
        let requests = server::connect(&backend.url).await.unwrap();
        let expected = match backend.name {
            "sqlite" => ("0", "5000"),
            _ => ("off", "on"),
        };
        assert_eq!(
            (
                setting(&worker).await.as_str(),
                setting(&requests).await.as_str()
            ),
            expected,
            "{}",
            backend.name
        );
        worker.close().await.unwrap();
        requests.close().await.unwrap();
        backend.finish().await;
    }
}

/// `count` reminders queued at `now`, to different members, and an SMTP sink that takes 100 ms
/// over each mail.
async fn slow_sink_and_reminders(
    db: &DatabaseConnection,
    count: usize,
    now: DateTime<Utc>,
) -> SmtpSink {
    for i in 0..count {
        reminder(db, &format!("member{i}@kommun.se"), now).await;
    }
    SmtpSink {
        delay: std::time::Duration::from_millis(100),
        ..Default::default()
    }
}
