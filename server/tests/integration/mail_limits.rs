//! The limits on mail anyone can make the portal send, over HTTP on both databases: per
//! recipient and per client, for password resets, registrations, subscriptions, invitations
//! and changes of address.
use app::backend::entities::{app_user, jury_invitation, mail_outbox};
use app::backend::mail_limits::{
    ADDRESS_CHANGES_PER_PERSON, INVITATIONS_PER_PERSON, PER_CLIENT, PER_RECIPIENT, WINDOW_MINUTES,
};
use app::model::Role;
use chrono::Duration;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use crate::common::{TestServer, at, location, on_each_backend};
use crate::jury::jury;
use crate::people::{PASSWORD, person, signed_in};

async fn mails_to(db: &DatabaseConnection, address: &str) -> u64 {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(address))
        .count(db)
        .await
        .unwrap()
}

/// Calls a server function as a script from client address `ip` (the test server trusts
/// `X-Forwarded-For`); returns the status.
async fn call_from(s: &TestServer, ip: &str, endpoint: &str, fields: &[(&str, &str)]) -> u16 {
    s.client
        .post(format!("{}/api/{endpoint}", s.base))
        .header("x-forwarded-for", ip)
        .form(fields)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn registration<'a>(email: &'a str, organisation: &'a str) -> [(&'static str, &'a str); 8] {
    [
        ("name", "Anna Andersson"),
        ("email", email),
        ("password", PASSWORD),
        ("organisation", organisation),
        ("kind", "municipality"),
        ("city", "Mora"),
        ("org_number", ""),
        ("lang", "sv"),
    ]
}

/// The statuses a run of `n` calls should give: the first `allowed` through, the rest refused.
fn first_allowed(n: usize, allowed: u64) -> Vec<u16> {
    (0..n)
        .map(|i| if (i as u64) < allowed { 200 } else { 429 })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_password_resets_asked_in_ten_seconds_send_three_mails() {
    on_each_backend(|db, name| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start(db.clone(), now).await;
        person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        // The account's verification mail, before any reset.
        let before = mails_to(&db, "a@mora.se").await;
        for address in ["a@mora.se", "ingen@mora.se"] {
            let mut statuses = Vec::new();
            for i in 0..10 {
                s.clock.set(now + Duration::seconds(i));
                let fields = [("email", address), ("lang", "sv")];
                statuses.push(s.call(&s.browser(), "forgot_password", &fields).await.0);
            }
            // An address without an account is answered exactly as one with.
            assert_eq!(
                statuses,
                first_allowed(10, PER_RECIPIENT),
                "{name}: {address}"
            );
        }
        assert_eq!(
            mails_to(&db, "a@mora.se").await,
            before + PER_RECIPIENT,
            "{name}"
        );
        assert_eq!(mails_to(&db, "ingen@mora.se").await, 0, "{name}");

        // Without scripts the form says so, in the person's language.
        for (page, says) in [
            ("/forgot-password", "För många mejl har begärts på kort tid"),
            ("/en/forgot-password", "Too many mails have been asked for"),
        ] {
            let lang = if page.starts_with("/en") { "en" } else { "sv" };
            let fields = [("email", "a@mora.se"), ("lang", lang)];
            let res = s
                .form_post(&s.browser(), "/api/forgot_password", page, &fields)
                .await;
            let back = location(&res);
            assert!(back.contains(page), "{name}: back to the form: {back}");
            let (_, html) = s.get(back.trim_start_matches(&s.base)).await;
            assert!(html.contains(says), "{name}: {page} says why");
        }
        assert_eq!(
            mails_to(&db, "a@mora.se").await,
            before + PER_RECIPIENT,
            "{name}"
        );

        // The window moves on: an hour after the first three, the address may have one again.
        s.clock
            .set(now + Duration::minutes(WINDOW_MINUTES) + Duration::seconds(3));
        let fields = [("email", "a@mora.se"), ("lang", "sv")];
        assert_eq!(
            s.call(&s.browser(), "forgot_password", &fields).await.0,
            200
        );
        assert_eq!(
            mails_to(&db, "a@mora.se").await,
            before + PER_RECIPIENT + 1,
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_address_may_ask_for_so_many_mails_of_a_kind_an_hour() {
    on_each_backend(|db, name| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start_with(db.clone(), now, |c| c.trust_forwarded = true).await;
        let n = PER_CLIENT as usize + 1;

        // Password resets for different addresses, from one client.
        let mut statuses = Vec::new();
        for i in 0..n {
            let email = format!("person{i}@mora.se");
            let fields = [("email", email.as_str()), ("lang", "sv")];
            statuses.push(call_from(&s, "10.0.0.1", "forgot_password", &fields).await);
        }
        assert_eq!(statuses, first_allowed(n, PER_CLIENT), "{name}: resets");
        let fields = [("email", "person0@mora.se"), ("lang", "sv")];
        assert_eq!(
            call_from(&s, "10.0.0.2", "forgot_password", &fields).await,
            200,
            "{name}: another client is not held back"
        );

        // Registrations: the refused one leaves no account and sends nothing.
        let mut statuses = Vec::new();
        for i in 0..n {
            let (email, org) = (format!("ny{i}@mora.se"), format!("Förening {i}"));
            let fields = registration(&email, &org);
            statuses.push(call_from(&s, "10.0.0.3", "register", &fields).await);
        }
        assert_eq!(
            statuses,
            first_allowed(n, PER_CLIENT),
            "{name}: registrations"
        );
        let refused = format!("ny{}@mora.se", n - 1);
        let accounts = app_user::Entity::find()
            .filter(app_user::Column::Email.eq(refused.as_str()))
            .count(&db)
            .await
            .unwrap();
        assert_eq!(accounts, 0, "{name}");
        assert_eq!(mails_to(&db, &refused).await, 0, "{name}");
        assert_eq!(mails_to(&db, "ny0@mora.se").await, 1, "{name}");

        // Subscriptions to the news.
        let mut statuses = Vec::new();
        for i in 0..n {
            let email = format!("lasare{i}@example.se");
            let fields = [("email", email.as_str()), ("lang", "sv")];
            statuses.push(call_from(&s, "10.0.0.4", "subscribe", &fields).await);
        }
        assert_eq!(
            statuses,
            first_allowed(n, PER_CLIENT),
            "{name}: subscriptions"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_or_subscribing_one_address_again_and_again_is_limited() {
    on_each_backend(|db, name| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start_with(db.clone(), now, |c| c.trust_forwarded = true).await;
        // From a different client each time: the address is what is limited.
        let mut statuses = Vec::new();
        for i in 0..5 {
            let fields = registration("anna@mora.se", "Mora kommun");
            let ip = format!("10.0.1.{i}");
            statuses.push(call_from(&s, &ip, "register", &fields).await);
        }
        assert_eq!(
            statuses,
            first_allowed(5, PER_RECIPIENT),
            "{name}: register"
        );
        // The first made the account; the next two told the address it has one.
        assert_eq!(mails_to(&db, "anna@mora.se").await, PER_RECIPIENT, "{name}");

        let mut statuses = Vec::new();
        for i in 0..5 {
            let fields = [("email", "lasare@example.se"), ("lang", "en")];
            let ip = format!("10.0.2.{i}");
            statuses.push(call_from(&s, &ip, "subscribe", &fields).await);
        }
        assert_eq!(
            statuses,
            first_allowed(5, PER_RECIPIENT),
            "{name}: subscribe"
        );
        assert_eq!(
            mails_to(&db, "lasare@example.se").await,
            PER_RECIPIENT,
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_are_limited_per_address_and_per_inviter() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let s = TestServer::start(db.clone(), now).await;
        let year = j.year.to_string();

        // The organiser invites a juror, then sends the invitation again and again.
        let admin = signed_in(&s, "admin@bra.se").await;
        let fields = [("year", year.as_str()), ("email", "jurist@bra.se")];
        assert_eq!(
            s.call(&admin, "invite_juror", &fields).await.0,
            200,
            "{name}"
        );
        let invitation = jury_invitation::Entity::find()
            .filter(jury_invitation::Column::Email.eq("jurist@bra.se"))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let mut statuses = Vec::new();
        for _ in 0..3 {
            let fields = [("invitation_id", invitation.as_str())];
            statuses.push(s.call(&admin, "resend_juror_invitation", &fields).await.0);
        }
        assert_eq!(statuses, [200, 200, 429], "{name}: jury invitations");
        assert_eq!(
            mails_to(&db, "jurist@bra.se").await,
            PER_RECIPIENT,
            "{name}"
        );

        // An applicant invites a colleague to the organisation, again and again.
        let applicant = signed_in(&s, "app0@example.se").await;
        let org = j.applicant.organisations[0].to_string();
        let mut statuses = Vec::new();
        for _ in 0..5 {
            let fields = [
                ("organisation_id", org.as_str()),
                ("email", "kollega@mora.se"),
            ];
            statuses.push(s.call(&applicant, "invite", &fields).await.0);
        }
        assert_eq!(
            statuses,
            first_allowed(5, PER_RECIPIENT),
            "{name}: colleagues"
        );
        assert_eq!(
            mails_to(&db, "kollega@mora.se").await,
            PER_RECIPIENT,
            "{name}"
        );

        // One person sending invitations to many addresses: the organiser's jury invitation
        // and resends above count, so the sixty-first of the hour is refused.
        let mut refused = None;
        for i in 0..INVITATIONS_PER_PERSON {
            let email = format!("jurist{i}@bra.se");
            let fields = [("year", year.as_str()), ("email", email.as_str())];
            let status = s.call(&admin, "invite_juror", &fields).await.0;
            if status != 200 {
                refused = Some((i, status));
                break;
            }
        }
        // One invitation and two resends were sent before.
        assert_eq!(
            refused,
            Some((INVITATIONS_PER_PERSON - 3, 429)),
            "{name}: invitations by one person"
        );
        // Another organiser's invitations are their own.
        let fields = [
            ("organisation_id", org.as_str()),
            ("email", "annan@mora.se"),
        ];
        assert_eq!(s.call(&applicant, "invite", &fields).await.0, 200, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_may_start_so_many_changes_of_address_an_hour() {
    on_each_backend(|db, name| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start(db.clone(), now).await;
        person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        let c = signed_in(&s, "a@mora.se").await;
        let n = ADDRESS_CHANGES_PER_PERSON as usize + 1;
        let mut statuses = Vec::new();
        for i in 0..n {
            let email = format!("ny{i}@mora.se");
            let fields = [("email", email.as_str()), ("password", PASSWORD)];
            statuses.push(s.call(&c, "change_email", &fields).await.0);
        }
        assert_eq!(
            statuses,
            first_allowed(n, ADDRESS_CHANGES_PER_PERSON),
            "{name}"
        );
        let refused = format!("ny{}@mora.se", n - 1);
        assert_eq!(mails_to(&db, &refused).await, 0, "{name}");
    })
    .await;
}
