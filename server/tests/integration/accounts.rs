//! Accounts over HTTP, as a browser without JavaScript sends forms, with mail through a real
//! SMTP sink.

use crate::common::smtp::{SmtpSink, mailer};
use crate::common::{TestServer, at, location, on_each_backend};
use app::backend::entities::{app_user, mail_outbox};
use app::backend::mail::send_due;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const PASSWORD: &str = "lingon-cykel-fjäll-7";

/// Unfolds quoted-printable soft line breaks and `=3D`, enough to read links from a mail.
fn unfold(data: &str) -> String {
    data.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

fn token_from(data: &str) -> String {
    let text = unfold(data);
    let i = text
        .find("verify-email?token=")
        .expect("a verification link")
        + "verify-email?token=".len();
    text[i..i + 64].to_string()
}

/// Registers `name` at `email` on the Swedish form, as a browser without JavaScript does.
async fn register(s: &TestServer, name: &str, email: &str) -> reqwest::Response {
    let fields = registration(name, email);
    s.form_post(&s.client, "/api/register", "/register", &fields)
        .await
}

fn registration<'a>(name: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("email", email),
        ("password", PASSWORD),
        ("organisation", "Mora kommun"),
        ("kind", "municipality"),
        ("city", "Mora"),
        ("org_number", "212000-2239"),
        ("lang", "sv"),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_verify_log_in_and_out() {
    on_each_backend(|db, _| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start(db.clone(), now).await;
        let sink = SmtpSink::default();
        let port = sink.start(0).await;

        let (status, page) = s.get("/register").await;
        assert_eq!(status, 200);
        assert!(page.contains(r#"<label for="field-email">E-postadress *</label>"#));
        assert!(page.contains(r#"action="/api/register""#));

        let res = register(&s, "Anna Berg", "Anna.Berg@Mora.se").await;
        assert_eq!(res.status(), 302);
        assert_eq!(location(&res), "/register/sent");
        let (_, sent_page) = s.get("/register/sent").await;
        assert!(sent_page.contains("Kontrollera din e-post"));

        // The mail waits in the outbox until the worker sends it.
        assert!(sink.received().is_empty());
        assert_eq!(send_due(&db, &mailer(port), now).await.unwrap(), 1);
        let mails = sink.received();
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].to, vec!["anna.berg@mora.se".to_string()]);
        assert!(
            mails[0].data.contains("multipart/alternative"),
            "plain text and HTML"
        );
        let token = token_from(&mails[0].data);

        let (status, page) = s.get(&format!("/verify-email?token={token}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Tack! Din e-postadress är bekräftad."));
        let (status, page) = s.get(&format!("/verify-email?token={token}")).await;
        assert_eq!(status, 400, "a token works once");
        assert!(page.contains("Länken är ogiltig, redan använd eller har gått ut."));

        // A wrong password comes back to the form with the error on the page.
        let res = s
            .form_post(
                &s.client,
                "/api/login",
                "/login",
                &[
                    ("email", "anna.berg@mora.se"),
                    ("password", "fel-lösenord-123"),
                    ("lang", "sv"),
                ],
            )
            .await;
        assert_eq!(res.status(), 302);
        let back = location(&res);
        assert!(back.starts_with(&format!("{}/login?", s.base)), "{back}");
        let (_, page) = s.get(back.trim_start_matches(&s.base)).await;
        assert!(page.contains("Fel e-postadress eller lösenord."));

        let res = s
            .form_post(
                &s.client,
                "/api/login",
                "/login",
                &[
                    ("email", "ANNA.BERG@mora.se"),
                    ("password", PASSWORD),
                    ("lang", "sv"),
                ],
            )
            .await;
        assert_eq!(res.status(), 302);
        assert_eq!(location(&res), "/account");
        let cookie = res
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(cookie.starts_with("ecpa_session="));
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert!(!cookie.contains("Secure"), "not over plain http");

        let (status, page) = s.get("/account").await;
        assert_eq!(status, 200);
        for needle in [
            "Anna Berg",
            "anna.berg@mora.se",
            "Bekräftad",
            "Sökande",
            "Mora kommun",
        ] {
            assert!(page.contains(needle), "{needle}");
        }

        // Sessions live in the database: a new server on the same database knows the cookie.
        let session_cookie = cookie.split(';').next().unwrap().to_string();
        let s2 = TestServer::start(db.clone(), now).await;
        let res = s2
            .client
            .post(format!("{}/api/account", s2.base))
            .header("cookie", &session_cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "a restart logs nobody out");

        // Logging in again gives a new session id.
        let res = s
            .form_post(
                &s.client,
                "/api/login",
                "/login",
                &[
                    ("email", "anna.berg@mora.se"),
                    ("password", PASSWORD),
                    ("lang", "sv"),
                ],
            )
            .await;
        let again = res
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        assert_ne!(again, session_cookie, "the session id is rotated at login");

        let res = s
            .form_post(&s.client, "/api/logout", "/account", &[("lang", "sv")])
            .await;
        assert_eq!(res.status(), 302);
        assert_eq!(location(&res), "/");
        let (status, page) = s.get("/account").await;
        assert_eq!(status, 401);
        assert!(page.contains("Du behöver logga in."));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_a_known_address_answers_the_same_and_mails_the_owner() {
    on_each_backend(|db, _| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start(db.clone(), now).await;
        let first = register(&s, "Anna Berg", "anna@mora.se").await;
        let second = register(&s, "Någon Annan", "ANNA@mora.se").await;
        assert_eq!(
            (first.status(), location(&first)),
            (second.status(), location(&second))
        );
        assert_eq!(app_user::Entity::find().count(&db).await.unwrap(), 1);
        let mails = mail_outbox::Entity::find().all(&db).await.unwrap();
        assert_eq!(
            mails
                .iter()
                .map(|m| m.template.as_str())
                .collect::<Vec<_>>(),
            vec!["verify_email", "already_registered"]
        );
        assert!(
            mails[1].body_text.contains("Hej Anna Berg!"),
            "the owner's name, not the stranger's"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_registrations_get_localised_errors_per_field() {
    on_each_backend(|db, _| async move {
        let s = TestServer::start(db.clone(), at(2026, 11, 25, 10, 0)).await;
        let bad = [
            ("name", ""),
            ("email", "inte-en-adress"),
            ("password", "kort"),
            ("organisation", ""),
            ("kind", "bank"),
            ("city", ""),
            ("org_number", "123"),
            ("lang", "en"),
        ];
        // As a script would send it: a 422 naming every field.
        let res = s
            .client
            .post(format!("{}/api/register", s.base))
            .form(&bad)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        for field in [
            "name",
            "email",
            "password",
            "organisation",
            "kind",
            "org_number",
        ] {
            assert!(
                body.contains(&format!("\"field\":\"{field}\"")),
                "{field} in {body}"
            );
        }
        assert!(!body.contains("\"field\":\"city\""), "the city is optional");
        // As a browser without JavaScript: back to the form, errors next to their fields.
        let res = s
            .form_post(&s.client, "/api/register", "/en/register", &bad)
            .await;
        let back = location(&res);
        let (_, page) = s.get(back.trim_start_matches(&s.base)).await;
        assert!(page.contains("Some details need correcting."));
        assert!(page.contains(
            r#"<p id="field-email-error" class="field-error">Enter a valid email address"#
        ));
        assert!(page.contains(r#"aria-describedby="field-password-hint field-password-error""#));
        assert!(page.contains("The password must have at least 12 characters."));
        assert_eq!(
            app_user::Entity::find().count(&db).await.unwrap(),
            0,
            "nothing half-saved"
        );
        // Oversized and hostile input is refused, not a crash.
        let huge = "x".repeat(100_000);
        let res = s
            .client
            .post(format!("{}/api/register", s.base))
            .form(&[
                ("name", huge.as_str()),
                ("email", "a@b.se"),
                ("password", huge.as_str()),
                ("organisation", "\u{0}"),
                ("kind", "ngo"),
                ("city", ""),
                ("org_number", ""),
                ("lang", "xx"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_survives_an_smtp_outage_and_is_delivered_exactly_once() {
    on_each_backend(|db, _| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start(db.clone(), now).await;
        // A port with nothing listening: the SMTP server is down.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        for i in 0..3 {
            let email = format!("person{i}@mora.se");
            register(&s, "Person", &email).await;
        }
        let m = mailer(port);
        assert_eq!(send_due(&db, &m, now).await.unwrap(), 0);
        let queued = mail_outbox::Entity::find().all(&db).await.unwrap();
        assert_eq!(queued.len(), 3);
        assert!(queued.iter().all(|q| {
            q.status == mail_outbox::MailState::Queued && q.attempts == 1 && q.last_error.is_some()
        }));
        assert!(
            queued
                .iter()
                .all(|q| q.next_attempt_at == now + chrono::Duration::seconds(5)),
            "retry after backoff"
        );
        // Before the backoff has passed nothing is tried.
        assert_eq!(
            send_due(&db, &m, now + chrono::Duration::seconds(4))
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Attempts.eq(1))
                .count(&db)
                .await
                .unwrap(),
            3
        );

        let sink = SmtpSink::default();
        sink.start(port).await;
        let later = now + chrono::Duration::seconds(6);
        assert_eq!(send_due(&db, &m, later).await.unwrap(), 3);
        assert_eq!(
            send_due(&db, &m, later + chrono::Duration::hours(1))
                .await
                .unwrap(),
            0
        );
        let mut to: Vec<String> = sink.received().iter().flat_map(|r| r.to.clone()).collect();
        to.sort();
        assert_eq!(
            to,
            vec!["person0@mora.se", "person1@mora.se", "person2@mora.se"],
            "each exactly once"
        );
        assert!(
            mail_outbox::Entity::find()
                .all(&db)
                .await
                .unwrap()
                .iter()
                .all(
                    |q| q.status == app::backend::entities::mail_outbox::MailState::Sent
                        && q.sent_at == Some(later)
                )
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_needs_a_live_session_of_an_active_user() {
    on_each_backend(|db, _| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start(db.clone(), now).await;
        // Anonymous.
        let res = s
            .client
            .post(format!("{}/api/account", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
        register(&s, "Anna Berg", "anna@mora.se").await;
        let res = s
            .form_post(
                &s.client,
                "/api/login",
                "/login",
                &[
                    ("email", "anna@mora.se"),
                    ("password", PASSWORD),
                    ("lang", "en"),
                ],
            )
            .await;
        assert_eq!(location(&res), "/en/account");
        let res = s
            .client
            .post(format!("{}/api/account", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("\"roles\":[\"Applicant\"]")
        );
        // Deactivating the account ends its session at once.
        let user = app_user::Entity::find().one(&db).await.unwrap().unwrap();
        let mut u: app_user::ActiveModel = user.into();
        u.active = Set(false);
        u.update(&db).await.unwrap();
        let res = s
            .client
            .post(format!("{}/api/account", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
        let res = s
            .form_post(
                &s.client,
                "/api/login",
                "/login",
                &[
                    ("email", "anna@mora.se"),
                    ("password", PASSWORD),
                    ("lang", "sv"),
                ],
            )
            .await;
        assert!(
            location(&res).contains("__err="),
            "a deactivated account cannot log in"
        );
    })
    .await;
}
