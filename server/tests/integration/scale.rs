//! Scale-out: two `ecpa serve` processes on one PostgreSQL database, behind nginx
//! round-robin on loopback. A session made on one instance works on the other; every outbox
//! mail goes out once; the reminder and scheduled-publishing jobs act once; and a publication
//! through one instance refreshes the cached public pages of both within a stated bound.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::smtp::SmtpSink;
use crate::common::{KillOnDrop, free_port, page_text, postgres, postgres_url, unwatched};
use crate::people::{PASSWORD, person};
use app::backend::entities::{competition, entry, mail_outbox, subscriber};
use app::backend::mail::{self, Template};
use app::i18n::Lang;
use app::model::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// How soon a publication on one instance shows on the other's cached pages.
const REFRESH_BOUND: Duration = Duration::from_secs(2);

fn instance(dir: &Path, database_url: &str, port: u16, smtp: u16, public: &str) -> KillOnDrop {
    let child = Command::new(env!("CARGO_BIN_EXE_ecpa"))
        .current_dir(dir)
        .args(["serve", "--no-demo"])
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("ECPA_BASE_URL", public)
        .env("ECPA_SMTP_URL", format!("smtp://127.0.0.1:{smtp}"))
        .env("ECPA_TRUST_FORWARDED", "true")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ecpa serve");
    KillOnDrop(child)
}

fn nginx(dir: &Path, port: u16, upstreams: &[u16]) -> KillOnDrop {
    let conf = dir.join("nginx.conf");
    let servers: String = upstreams
        .iter()
        .map(|p| format!("server 127.0.0.1:{p};"))
        .collect();
    let d = dir.display();
    std::fs::write(
        &conf,
        format!(
            "worker_processes 1; daemon off; pid {d}/nginx.pid; error_log {d}/nginx-error.log;\n\
             events {{}}\n\
             http {{\n\
               access_log off; client_body_temp_path {d}/body; proxy_temp_path {d}/proxy;\n\
               fastcgi_temp_path {d}/fcgi; uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n\
               upstream ecpa {{ {servers} }}\n\
               server {{\n\
                 listen 127.0.0.1:{port};\n\
                 location / {{\n\
                   proxy_pass http://ecpa;\n\
                   proxy_set_header Host $http_host;\n\
                   proxy_set_header X-Forwarded-For $remote_addr;\n\
                 }}\n\
               }}\n\
             }}\n"
        ),
    )
    .unwrap();
    let bin = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("nginx is installed (.ci/setup installs it)");
    let child = Command::new(bin)
        .args(["-c", &conf.display().to_string(), "-p", &d.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nginx");
    KillOnDrop(child)
}

async fn wait_until_up(base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(res) = reqwest::get(format!("{base}/")).await
            && res.status().is_success()
        {
            return;
        }
        assert!(Instant::now() < deadline, "{base} did not come up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_behind_nginx_share_sessions_mail_jobs_and_fresh_pages() {
    let Some(admin_url) = postgres_url() else {
        eprintln!("ECPA_TEST_POSTGRES_URL is not set: the scale-out test needs PostgreSQL");
        return;
    };
    let backend = postgres(&admin_url).await;
    let db = backend.db.clone();
    let now = chrono::Utc::now();

    // Before the instances start: an admin, a confirmed subscriber and a news item public
    // now (for the scheduled-publishing job), an open year closing within a day with one
    // organisation's unsubmitted draft (for the reminder job), and 40 queued mails.
    let admin = person(&db, "admin@bra.se", None, &[Role::Admin]).await;
    let admin = crate::jury::actor(&db, admin).await;
    app::backend::publication::subscriptions::subscribe(
        &db,
        "lasare@example.se",
        Lang::Sv,
        crate::common::FIXTURE,
        now,
        "http://x",
    )
    .await
    .unwrap();
    let token = subscriber::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .token;
    app::backend::publication::subscriptions::confirm(&db, &token, now)
        .await
        .unwrap();
    let news_form = |title: &str| app::model::NewsForm {
        kind: "news".into(),
        title_sv: title.into(),
        summary_sv: "Ingress".into(),
        body_sv: "Text".into(),
        publish: "now".into(),
        ..Default::default()
    };
    app::backend::publication::news::save(
        &db,
        &unwatched(),
        &admin,
        (0, 0),
        news_form("Första nyheten"),
        now,
    )
    .await
    .unwrap();
    competition::ActiveModel {
        year: Set(2031),
        theme_sv: Set("Tema".into()),
        description_sv: Set("Text".into()),
        opens_at: Set(Some(now - chrono::Duration::days(30))),
        closes_at: Set(Some(now + chrono::Duration::hours(20))),
        judging_at: Set(Some(now + chrono::Duration::days(10))),
        deliberation_at: Set(Some(now + chrono::Duration::days(20))),
        published_at: Set(Some(now - chrono::Duration::days(30))),
        created_at: Set(now - chrono::Duration::days(40)),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let applicant = person(
        &db,
        "sokande@mora.se",
        Some("Mora kommun"),
        &[Role::Applicant],
    )
    .await;
    let applicant = crate::jury::actor(&db, applicant).await;
    app::backend::entries::applicant::start(&db, &applicant, 2031, applicant.organisations[0], now)
        .await
        .unwrap();
    assert_eq!(entry::Entity::find().count(&db).await.unwrap(), 1);
    for i in 0..40 {
        mail::enqueue(
            &db,
            &format!("mottagare{i}@example.se"),
            "",
            Lang::Sv,
            &Template::VerifyEmail {
                name: format!("Mottagare {i}"),
                link: "http://x/verify".into(),
            },
            now,
        )
        .await
        .unwrap();
    }
    let queued = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Status.eq(mail_outbox::MailState::Queued))
        .count(&db)
        .await
        .unwrap();

    let sink = SmtpSink::default();
    let smtp = sink.start(0).await;
    let dir = tempfile::tempdir().unwrap();
    let (pa, pb, pn) = (free_port(), free_port(), free_port());
    let public = format!("http://127.0.0.1:{pn}");
    let _a = instance(dir.path(), &backend.url, pa, smtp, &public);
    let _b = instance(dir.path(), &backend.url, pb, smtp, &public);
    let _nginx = nginx(dir.path(), pn, &[pa, pb]);
    let (a, b) = (
        format!("http://127.0.0.1:{pa}"),
        format!("http://127.0.0.1:{pb}"),
    );
    wait_until_up(&a).await;
    wait_until_up(&b).await;
    wait_until_up(&public).await;

    // A session made through nginx (on one instance) holds on both.
    let browser = client();
    let res = browser
        .post(format!("{public}/api/login"))
        .form(&[
            ("email", "admin@bra.se"),
            ("password", PASSWORD),
            ("lang", "sv"),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_redirection() || res.status().is_success(),
        "{}",
        res.status()
    );
    for base in [&public, &public, &public, &public, &a, &b] {
        let page = page_text(&browser, format!("{base}/account")).await;
        assert!(
            page.contains("admin@bra.se"),
            "{base}: the session is known"
        );
    }

    // Both workers run; every queued mail arrives once.
    let deadline = Instant::now() + Duration::from_secs(30);
    let expected = queued as usize + 2; // the reminder and the subscriber's news mail
    while sink.received().len() < expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Two more worker rounds, to see that nothing comes twice.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let mails = sink.received();
    let rows = mail_outbox::Entity::find().all(&db).await.unwrap();
    assert_eq!(
        rows.len(),
        expected,
        "the reminder and the news mail were queued once each"
    );
    assert!(
        rows.iter()
            .all(|m| m.status == mail_outbox::MailState::Sent),
        "every mail was sent"
    );
    assert_eq!(
        mails.len(),
        rows.len(),
        "each of {} mails was delivered once, none twice",
        rows.len()
    );
    let to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    for i in 0..40 {
        assert!(
            to.contains(&format!("mottagare{i}@example.se")),
            "mail {i} lost"
        );
    }
    for (who, template) in [
        ("sokande@mora.se", "deadline_reminder"),
        ("lasare@example.se", "news_published"),
    ] {
        assert_eq!(
            rows.iter()
                .filter(|m| m.to_address == who && m.template == template)
                .count(),
            1,
            "{template} to {who} once"
        );
    }

    // Both instances cache /news; a publication through nginx refreshes both.
    let anonymous = client();
    for base in [&a, &b] {
        for _ in 0..2 {
            let page = anonymous.get(format!("{base}/news")).send().await.unwrap();
            assert!(page.text().await.unwrap().contains("Första nyheten"));
        }
        let res = anonymous.get(format!("{base}/news")).send().await.unwrap();
        assert!(
            res.headers().get("x-cache").is_some(),
            "{base} serves its copy"
        );
    }
    let res = browser
        .post(format!("{public}/api/save_news"))
        .header("Accept", "application/json")
        .form(&[
            ("id", "0"),
            ("revision", "0"),
            ("lang", "sv"),
            ("news[kind]", "news"),
            ("news[title_sv]", "Andra nyheten"),
            ("news[summary_sv]", "Ingress"),
            ("news[body_sv]", "Text"),
            ("news[publish]", "now"),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    let published = Instant::now();
    for base in [&a, &b] {
        loop {
            let page = page_text(&anonymous, format!("{base}/news")).await;
            if page.contains("Andra nyheten") {
                break;
            }
            assert!(
                published.elapsed() < REFRESH_BOUND,
                "{base} still served the old page after {:?}",
                published.elapsed()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    eprintln!(
        "both instances showed the new item {:?} after it was saved",
        published.elapsed()
    );
    backend.finish().await;
}
