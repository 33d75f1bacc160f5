//! Publication: releasing results at a scheduled time with an injected clock, outcome and
//! subscriber mails once, the news editor's states, and — over HTTP — the pages, the feed, the
//! sitemap, the open data, and what must never leak or run. On SQLite and PostgreSQL.

use crate::common::{TestServer, at, on_each_backend};
use crate::jury::{Jury, jury, sheet};
use crate::people::signed_in;
use app::backend::entities::{entry, mail_outbox, subscriber};
use app::backend::jury::{self as judging, DecisionInput};
use app::backend::publication::{self, feeds, news, release, subscriptions};
use app::error::{AppError, Conflict, Problem};
use app::i18n::Lang;
use app::model::{AwardForm, AwardKind, EuropeanForm, NewsForm, Release};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

/// Scores every entry (e0 best, e3 last, no ties) and records the decision: e0 wins, e1 is
/// runner-up, e2 gets a mention. e3's applicants withheld consent to publication, and its
/// summary tries to inject a script.
async fn decided(db: &DatabaseConnection) -> Jury {
    let j = jury(db).await;
    let now = j.judging + Duration::days(2);
    for (i, e) in j.entries.iter().enumerate() {
        for juror in [&j.chair, &j.j2, &j.j3] {
            judging::save_sheet(db, juror, *e, 0, sheet([5 - i as i32; 5], "Bra"), true, now)
                .await
                .unwrap();
        }
    }
    let mut e3: entry::ActiveModel = entry::Entity::find_by_id(j.entries[3])
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    e3.publication_consent = Set(false);
    e3.update(db).await.unwrap();
    let mut e1: entry::ActiveModel = entry::Entity::find_by_id(j.entries[1])
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    e1.public_summary_sv = Set("<script>alert('x')</script><iframe src=x></iframe> Kort".into());
    e1.update(db).await.unwrap();
    judging::decide(
        db,
        &j.chair,
        j.year,
        DecisionInput {
            winner: j.entries[0],
            runners_up: vec![j.entries[1]],
            mentions: vec![j.entries[2]],
            motivation_sv: "Juryn lyfter fram ett tydligt resultat.".into(),
            motivation_en: "The jury highlights a clear result.".into(),
            tie_reason: String::new(),
        },
        j.deliberation,
    )
    .await
    .unwrap();
    j
}

async fn outbox(db: &DatabaseConnection, template: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Template.eq(template))
        .all(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn results_cannot_be_published_before_the_decision() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        assert_eq!(
            release::release(&db, &j.admin, j.year, "", j.deliberation, "http://x").await,
            Err(AppError::Conflict(Conflict::NotDecided)),
            "{name}"
        );
        let c = app::backend::entities::competition::Entity::find()
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            c.results_released_at, None,
            "{name}: the refusal rolled back"
        );
    })
    .await;
}

#[tokio::test]
async fn results_become_public_at_the_scheduled_second_and_every_applicant_is_told_once() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        let when = "2027-11-01T09:00";
        let public_at = at(2027, 11, 1, 9, 0);
        assert_eq!(
            release::release(&db, &j.chair, j.year, when, now, "http://x").await,
            Err(AppError::Forbidden),
            "only the organiser publishes"
        );
        assert_eq!(
            release::release(&db, &j.admin, j.year, "2027-02-30T09:00", now, "http://x").await,
            Err(AppError::invalid_field("at", Problem::InvalidDate))
        );
        assert_eq!(
            release::release(&db, &j.admin, j.year, "2027-01-01T09:00", now, "http://x").await,
            Err(AppError::invalid_field("at", Problem::OutOfRange)),
            "a time in the past is not a schedule"
        );
        let state = release::release(&db, &j.admin, j.year, when, now, "http://x")
            .await
            .unwrap();
        assert!(matches!(state, Release::Scheduled(_)), "{name}: {state:?}");

        // One second before: nothing public anywhere, and nobody is mailed.
        let before = public_at - Duration::seconds(1);
        let page = publication::competition_page(&db, j.year, before)
            .await
            .unwrap();
        assert!(page.results.is_none(), "{name}");
        assert_eq!(
            feeds::open_data(&db, j.year, before).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            publication::notify_due(&db, before, "http://x")
                .await
                .unwrap(),
            0
        );
        let archive = publication::archive(&db, before).await.unwrap();
        assert!(archive.iter().all(|y| y.winner.is_none()), "{name}");

        // At the second: the winner, the others, consent respected, scripts kept as text.
        let page = publication::competition_page(&db, j.year, public_at)
            .await
            .unwrap();
        let r = page.results.expect("public at the scheduled time");
        let kinds: Vec<AwardKind> = r.awarded.iter().map(|a| a.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![AwardKind::Winner, AwardKind::RunnerUp, AwardKind::Mention]
        );
        assert_eq!(r.awarded[0].entry.title, "Projekt 0");
        assert!(r.awarded[0].motivation.is_some());
        assert_eq!(r.others.len(), 1);
        assert_eq!(r.others[0].title, "Projekt 3");
        assert_eq!(
            r.others[0].summary.sv, "",
            "{name}: no consent, title and organisation only"
        );
        let data = feeds::open_data(&db, j.year, public_at).await.unwrap();
        assert_eq!(data.entries.len(), 4);
        assert_eq!(data.entries[0].award.as_deref(), Some("winner"));
        assert_eq!(data.entries[3].summary_sv, None);
        assert_eq!(data.results_published_at, "2027-11-01T08:00:00Z");

        // The worker mails each applicant its own outcome, once, however often it runs.
        assert_eq!(
            publication::notify_due(&db, public_at, "http://x")
                .await
                .unwrap(),
            4,
            "{name}"
        );
        assert_eq!(
            publication::notify_due(&db, public_at + Duration::minutes(1), "http://x")
                .await
                .unwrap(),
            0
        );
        let mails = outbox(&db, "results_published").await;
        assert_eq!(mails.len(), 4);
        let winner_mail = mails
            .iter()
            .find(|m| m.to_address == "app0@example.se")
            .unwrap();
        assert!(
            winner_mail.body_text.contains("har vunnit"),
            "{}",
            winner_mail.body_text
        );
        let other = mails
            .iter()
            .find(|m| m.to_address == "app3@example.se")
            .unwrap();
        assert!(other.body_text.contains("fick inte något pris"));

        // Public results cannot be moved or taken back.
        assert_eq!(
            release::unschedule(&db, &j.admin, j.year, public_at).await,
            Err(AppError::Conflict(Conflict::AlreadyPublished))
        );
        assert_eq!(
            release::release(&db, &j.admin, j.year, "", public_at, "http://x").await,
            Err(AppError::Conflict(Conflict::AlreadyPublished))
        );
    })
    .await;
}

#[tokio::test]
async fn a_schedule_can_be_taken_back_and_publishing_now_mails_at_once() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        release::release(&db, &j.admin, j.year, "2027-12-01T09:00", now, "http://x")
            .await
            .unwrap();
        release::unschedule(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        let view = release::admin_view(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        assert_eq!(view.release, Release::Ready, "{name}");
        assert!(
            publication::competition_page(&db, j.year, at(2027, 12, 2, 9, 0))
                .await
                .unwrap()
                .results
                .is_none(),
            "{name}: the taken-back schedule publishes nothing"
        );
        // The award texts, a European placing, then publishing now.
        let award = view.awards[0].id;
        assert_eq!(
            release::save_award(&db, &j.admin, j.year, award, AwardForm::default(), now).await,
            Err(AppError::invalid_field("motivation_sv", Problem::Required)),
            "the winner needs the jury's motivation"
        );
        release::save_award(
            &db,
            &j.admin,
            j.year,
            award,
            AwardForm {
                about_sv: "Om projektet".into(),
                motivation_sv: "Motivering".into(),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
        release::add_european(
            &db,
            &j.admin,
            j.year,
            EuropeanForm {
                rank: "2".into(),
                country_sv: "Sverige".into(),
                country_en: "Sweden".into(),
                ours: Some("on".into()),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
        assert!(matches!(
            release::add_european(&db, &j.admin, j.year, EuropeanForm::default(), now).await,
            Err(AppError::Invalid(_))
        ));
        let state = release::release(&db, &j.admin, j.year, "", now, "http://x")
            .await
            .unwrap();
        assert!(matches!(state, Release::Public(_)));
        assert_eq!(outbox(&db, "results_published").await.len(), 4, "{name}");
        let r = publication::competition_page(&db, j.year, now)
            .await
            .unwrap()
            .results
            .unwrap();
        assert_eq!(r.awarded[0].european_rank, Some(2));
        assert_eq!(r.awarded[0].about.as_ref().unwrap().sv, "Om projektet");
    })
    .await;
}

fn press(title: &str, publish: &str, at: &str) -> NewsForm {
    NewsForm {
        kind: "press_release".into(),
        title_sv: title.into(),
        summary_sv: "Ingress".into(),
        body_sv: "## Rubrik\n\nText med [länk](javascript:alert(1)) och <script>alert(1)</script><iframe src=\"https://x\"></iframe>.".into(),
        publish: publish.into(),
        publish_at: at.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn news_goes_from_draft_to_scheduled_to_public_and_subscribers_are_mailed_once() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 10, 1, 9, 0);
        assert_eq!(
            news::save(&db, &j.applicant, 0, press("X", "draft", ""), now).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(news::preview(&j.chair, "x"), Err(AppError::Forbidden));
        let id = news::save(
            &db,
            &j.admin,
            0,
            press("Vinnaren är utsedd", "draft", ""),
            now,
        )
        .await
        .unwrap();
        // A draft is nowhere in public.
        let slug = "vinnaren-ar-utsedd";
        assert_eq!(
            publication::news_article(&db, slug, now).await,
            Err(AppError::NotFound)
        );
        assert!(
            publication::news_list(&db, now, None, None)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            !feeds::atom(&db, Lang::Sv, now, "http://x")
                .await
                .unwrap()
                .contains(slug)
        );
        assert!(
            !feeds::sitemap(&db, now, "http://x")
                .await
                .unwrap()
                .contains(slug)
        );

        // Subscribers: one confirmed, one who never confirmed.
        subscriptions::subscribe(&db, "Läsare@Example.se", Lang::En, now, "http://x")
            .await
            .unwrap();
        subscriptions::subscribe(&db, "tyst@example.se", Lang::Sv, now, "http://x")
            .await
            .unwrap();
        assert_eq!(
            subscriptions::subscribe(&db, "inte en adress", Lang::Sv, now, "http://x").await,
            Err(AppError::invalid_field("email", Problem::InvalidEmail))
        );
        let reader = subscriber::Entity::find()
            .filter(subscriber::Column::Email.eq("läsare@example.se"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let confirm = outbox(&db, "confirm_subscription").await;
        assert_eq!(confirm.len(), 2, "{name}");
        let confirm: Vec<_> = confirm
            .into_iter()
            .filter(|m| m.to_address == reader.email)
            .collect();
        assert!(
            confirm[0]
                .body_text
                .contains(&format!("/en/subscribe/confirm?token={}", reader.token)),
            "{}",
            confirm[0].body_text
        );
        assert_eq!(
            subscriptions::confirm(&db, "bogus", now).await,
            Err(AppError::InvalidToken)
        );
        subscriptions::confirm(&db, &reader.token, now)
            .await
            .unwrap();

        // Scheduled for 10:00: not public at 09:59:59, public at 10:00.
        let ten = at(2027, 10, 1, 10, 0);
        assert_eq!(
            news::save(
                &db,
                &j.admin,
                id,
                press("Vinnaren är utsedd", "schedule", "2027-10-01T08:00"),
                now
            )
            .await,
            Err(AppError::invalid_field("publish_at", Problem::OutOfRange))
        );
        news::save(
            &db,
            &j.admin,
            id,
            press("Vinnaren är utsedd", "schedule", "2027-10-01T10:00"),
            now,
        )
        .await
        .unwrap();
        let before = ten - Duration::seconds(1);
        assert_eq!(
            publication::news_article(&db, slug, before).await,
            Err(AppError::NotFound),
            "{name}"
        );
        assert_eq!(
            publication::notify_due(&db, before, "http://x")
                .await
                .unwrap(),
            0
        );
        let article = publication::news_article(&db, slug, ten).await.unwrap();
        let html = &article.body_html.sv;
        assert!(html.contains("<h2>Rubrik</h2>"));
        for bad in ["<script", "javascript:", "<iframe"] {
            assert!(!html.contains(bad), "{name}: {bad} in {html}");
        }
        assert!(
            feeds::atom(&db, Lang::Sv, ten, "http://x")
                .await
                .unwrap()
                .contains(slug)
        );
        assert!(
            feeds::sitemap(&db, ten, "http://x")
                .await
                .unwrap()
                .contains(&format!("/en/news/{slug}"))
        );

        // Only the confirmed subscriber is mailed, in their language, once.
        assert_eq!(
            publication::notify_due(&db, ten, "http://x").await.unwrap(),
            1
        );
        assert_eq!(
            publication::notify_due(&db, ten, "http://x").await.unwrap(),
            0
        );
        let mails = outbox(&db, "news_published").await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].to_address, "läsare@example.se");
        assert!(
            mails[0]
                .body_text
                .contains(&format!("/en/unsubscribe?token={}", reader.token))
        );
        // Editing a public item keeps its time and does not mail again.
        news::save(
            &db,
            &j.admin,
            id,
            press("Vinnaren är utsedd", "now", ""),
            ten + Duration::hours(1),
        )
        .await
        .unwrap();
        assert_eq!(
            publication::news_article(&db, slug, ten)
                .await
                .unwrap()
                .summary
                .published
                .unix,
            ten.timestamp()
        );
        assert_eq!(
            publication::notify_due(&db, ten + Duration::hours(2), "http://x")
                .await
                .unwrap(),
            0
        );

        // A second item cannot take the slug.
        assert_eq!(
            news::save(
                &db,
                &j.admin,
                0,
                press("Vinnaren är utsedd", "draft", ""),
                now
            )
            .await,
            Err(AppError::invalid_field("slug", Problem::Taken))
        );
        subscriptions::unsubscribe(&db, &reader.token)
            .await
            .unwrap();
        assert_eq!(subscriber::Entity::find().count(&db).await.unwrap(), 1);
    })
    .await;
}

/// Publishes the decided year at `public_at` and adds a draft and a public press release.
async fn published_site(db: &DatabaseConnection) -> (Jury, DateTime<Utc>) {
    let j = decided(db).await;
    let now = j.deliberation + Duration::hours(1);
    release::release(db, &j.admin, j.year, "", now, "http://x")
        .await
        .unwrap();
    news::save(
        db,
        &j.admin,
        0,
        press("Utkast <b>hemligt</b>", "draft", ""),
        now,
    )
    .await
    .unwrap();
    let mut public = press("Vinnaren </title><script>alert(1)</script>", "now", "");
    public.slug = "vinnaren-2027".into();
    public.year = "2027".into();
    public.entries = Some(vec![j.entries[0]]);
    news::save(db, &j.admin, 0, public, now).await.unwrap();
    (j, now)
}

#[tokio::test]
async fn public_pages_feed_sitemap_and_open_data_over_http_show_only_what_is_published() {
    on_each_backend(|db, name| async move {
        let (j, now) = published_site(&db).await;
        let s = TestServer::start(db.clone(), now).await;

        // The results page: winner, motivation, escaped summary, meta tags and alternates.
        let (status, html) = s.get("/competitions/2027").await;
        assert_eq!(status, 200, "{name}");
        assert!(html.contains("Projekt 0") && html.contains("Juryn lyfter fram"));
        assert!(
            !html.contains("<script>alert('x')"),
            "{name}: a summary's script ran"
        );
        assert!(!html.contains("<iframe src=x"));
        assert!(html.contains("&lt;script&gt;alert("));
        for needle in [
            &format!(
                "<link href=\"{}/competitions/2027\" rel=\"canonical\">",
                s.base
            ),
            &format!(
                "<link href=\"{}/en/competitions/2027\" hreflang=\"en\" rel=\"alternate\">",
                s.base
            ),
            "property=\"og:title\"",
            "name=\"twitter:card\"",
        ] {
            assert!(
                html.contains(needle),
                "{name}: {needle} in {}",
                &html[..html.find("</head>").unwrap_or(0)]
            );
        }
        let (_, en) = s.get("/en/competitions/2027").await;
        assert!(en.contains(&format!(
            "<link href=\"{}/en/competitions/2027\" rel=\"canonical\">",
            s.base
        )));

        // The article: sanitised body, escaped title, related entry linked; the draft is 404.
        let (status, article) = s.get("/news/vinnaren-2027").await;
        assert_eq!(status, 200);
        for bad in ["<script>alert(1)", "javascript:alert"] {
            let at = article
                .find(bad)
                .map(|i| &article[i.saturating_sub(120)..(i + 60).min(article.len())]);
            assert!(
                at.is_none(),
                "{name}: {bad} in …{}…",
                at.unwrap_or_default()
            );
        }
        assert!(
            article.contains("/competitions/2027#"),
            "related entry link"
        );
        assert!(article.contains("og:type\" content=\"article"));
        let (status, _) = s.get("/news/utkast-b-hemligt-b").await;
        assert_eq!(status, 404, "{name}: a draft by its URL");
        let (_, list) = s.get("/news").await;
        assert!(!list.contains("hemligt"));

        // The Atom feed parses back and holds the public item only.
        let res = s
            .client
            .get(format!("{}/feed.atom", s.base))
            .send()
            .await
            .unwrap();
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/atom+xml")
        );
        let feed: atom_syndication::Feed = res.text().await.unwrap().parse().unwrap();
        assert_eq!(feed.entries().len(), 1, "{name}");
        assert_eq!(
            feed.entries()[0].id(),
            format!("{}/news/vinnaren-2027", s.base)
        );
        assert_eq!(feed.lang(), Some("sv"));
        let en_feed: atom_syndication::Feed = s.get("/en/feed.atom").await.1.parse().unwrap();
        assert_eq!(
            en_feed.entries()[0].id(),
            format!("{}/en/news/vinnaren-2027", s.base)
        );

        // Sitemap and robots.
        let (status, sitemap) = s.get("/sitemap.xml").await;
        assert_eq!(status, 200);
        assert!(sitemap.contains(&format!("<loc>{}/competitions/2027</loc>", s.base)));
        assert!(sitemap.contains("hreflang=\"en\""));
        assert!(!sitemap.contains("hemligt") && !sitemap.contains("/admin"));
        let (_, robots) = s.get("/robots.txt").await;
        assert!(robots.contains("Disallow: /admin") && robots.contains("Sitemap: "));

        // Open data: JSON and CSV with stable field names; other years are 404.
        let (status, json) = s.get("/open-data/2027.json").await;
        assert_eq!(status, 200);
        let data: feeds::OpenData = serde_json::from_str(&json).unwrap();
        assert_eq!(data.year, 2027);
        assert_eq!(data.entries[0].award.as_deref(), Some("winner"));
        assert!(
            data.entries
                .iter()
                .any(|e| e.title == "Projekt 3" && e.summary_sv.is_none())
        );
        let (_, csv_text) = s.get("/open-data/2027.csv").await;
        let mut rows = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers, feeds::OPEN_CSV_COLUMNS.to_vec());
        assert_eq!(rows.records().count(), 4);
        for path in [
            "/open-data/2030.json",
            "/open-data/2027.xml",
            "/open-data/x.json",
        ] {
            assert_eq!(s.get(path).await.0, 404, "{path}");
        }

        // The accessibility statement in both languages.
        assert!(
            s.get("/accessibility")
                .await
                .1
                .contains("Tillgänglighetsredogörelse")
        );
        assert!(
            s.get("/en/accessibility")
                .await
                .1
                .contains("Accessibility statement")
        );
        drop(j);
    })
    .await;
}

#[tokio::test]
async fn unreleased_results_never_leak_over_http() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        release::release(&db, &j.admin, j.year, "2027-11-01T09:00", now, "http://x")
            .await
            .unwrap();
        let s = TestServer::start(db.clone(), now).await;
        let (_, page) = s.get("/competitions/2027").await;
        assert!(
            !page.contains("Juryn lyfter fram"),
            "{name}: the motivation leaked"
        );
        assert_eq!(s.get("/open-data/2027.json").await.0, 404);
        assert_eq!(s.get("/open-data/2027.csv").await.0, 404);
        let (_, archive) = s.get("/archive").await;
        assert!(
            !archive.contains("Projekt 0"),
            "{name}: the winner leaked to the archive"
        );
        let (status, body) = s.call(&s.client, "competition", &[("year", "2027")]).await;
        assert!(status == 405 || !body.contains("Juryn lyfter fram"));
        let res = s
            .client
            .get(format!("{}/api/competition", s.base))
            .query(&[("year", "2027")])
            .send()
            .await
            .unwrap();
        assert!(!res.text().await.unwrap().contains("Juryn lyfter fram"));
        // At the scheduled time the same requests show them.
        s.clock.set(at(2027, 11, 1, 9, 0));
        assert!(
            s.get("/competitions/2027")
                .await
                .1
                .contains("Juryn lyfter fram")
        );
        assert_eq!(s.get("/open-data/2027.json").await.0, 200);
    })
    .await;
}

const GETS: [&str; 3] = ["results_admin", "news_admin", "news_edit"];

#[tokio::test]
async fn every_publication_server_function_checks_who_calls_it() {
    on_each_backend(|db, _| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        let award = release::admin_view(&db, &j.admin, j.year, now)
            .await
            .unwrap()
            .awards[0]
            .id
            .to_string();
        let s = TestServer::start(db.clone(), now).await;
        let clients = [
            ("anonymous", s.browser()),
            ("applicant", signed_in(&s, "app0@example.se").await),
            ("chair", signed_in(&s, "chair@bra.se").await),
            ("admin", signed_in(&s, "admin@bra.se").await),
        ];
        let year = j.year.to_string();
        let cases: Vec<(&str, Vec<(&str, &str)>, [u16; 4])> = vec![
            //                                   anon  app  chair admin
            ("results_admin", vec![("year", &year)], [401, 403, 403, 200]),
            (
                "save_award",
                vec![
                    ("year", &year),
                    ("award_id", &award),
                    ("award[about_sv]", "Om"),
                    ("award[motivation_sv]", "Motivering"),
                ],
                [401, 403, 403, 200],
            ),
            (
                "add_european",
                vec![
                    ("year", &year),
                    ("placement[rank]", "1"),
                    ("placement[country_sv]", "Sverige"),
                    ("placement[country_en]", "Sweden"),
                ],
                [401, 403, 403, 200],
            ),
            (
                "remove_european",
                vec![("year", &year), ("id", "999999")],
                [401, 403, 403, 404],
            ),
            (
                "remove_award_photo",
                vec![("year", &year), ("award_id", &award)],
                [401, 403, 403, 200],
            ),
            ("news_admin", vec![], [401, 403, 403, 200]),
            ("news_edit", vec![("id", "0")], [401, 403, 403, 200]),
            (
                "save_news",
                vec![
                    ("id", "0"),
                    ("lang", "sv"),
                    ("news[kind]", "news"),
                    ("news[title_sv]", "Titel"),
                    ("news[summary_sv]", "Ingress"),
                    ("news[body_sv]", "Text"),
                    ("news[publish]", "draft"),
                ],
                [401, 403, 403, 200],
            ),
            (
                "preview_markdown",
                vec![("source", "# x")],
                [401, 403, 403, 200],
            ),
            (
                "unschedule_results",
                vec![("year", &year)],
                [401, 403, 403, 409],
            ),
            (
                "publish_results",
                vec![("year", &year), ("at", "")],
                [401, 403, 403, 200],
            ),
            (
                "subscribe",
                vec![("email", "x"), ("lang", "sv")],
                [422, 422, 422, 422],
            ),
            (
                "confirm_subscription",
                vec![("token", "nope")],
                [400, 400, 400, 400],
            ),
            ("unsubscribe", vec![("token", "nope")], [200, 200, 200, 200]),
        ];
        for (endpoint, fields, expected) in cases {
            for ((who, client), want) in clients.iter().zip(expected) {
                let res = if GETS.contains(&endpoint) {
                    client
                        .get(format!("{}/api/{endpoint}", s.base))
                        .query(&fields)
                        .send()
                        .await
                        .unwrap()
                } else {
                    client
                        .post(format!("{}/api/{endpoint}", s.base))
                        .header("Accept", "application/json")
                        .form(&fields)
                        .send()
                        .await
                        .unwrap()
                };
                let status = res.status().as_u16();
                let body = res.text().await.unwrap();
                // A plain form post that succeeds redirects (302/303); a script gets 200.
                let status = if (300..400).contains(&status) {
                    200
                } else {
                    status
                };
                assert_eq!(status, want, "{endpoint} as {who}: {body}");
            }
        }
        // The upload routes refuse everyone but the organiser, and a draft's image is 404.
        for (who, client) in &clients[..3] {
            let form = reqwest::multipart::Form::new().text("alt_sv", "Bild").part(
                "file",
                reqwest::multipart::Part::bytes(PNG.to_vec()).file_name("a.png"),
            );
            let res = client
                .post(format!(
                    "{}/admin/competitions/2027/awards/{award}/photo",
                    s.base
                ))
                .multipart(form)
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let to_login = res
                .headers()
                .get("location")
                .is_some_and(|l| l.to_str().unwrap().contains("/login"));
            assert!(
                status == 403 || (status == 303 && to_login),
                "photo upload as {who}: {status}"
            );
        }
    })
    .await;
}

/// A 1×1 PNG.
const PNG: [u8; 67] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

#[tokio::test]
async fn an_award_photo_is_shown_with_its_alt_text_only_once_the_results_are_public() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        let award = release::admin_view(&db, &j.admin, j.year, now)
            .await
            .unwrap()
            .awards[0]
            .id;
        let s = TestServer::start(db.clone(), now).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let upload = |alt: &'static str, bytes: Vec<u8>| {
            let form = reqwest::multipart::Form::new()
                .text("alt_sv", alt)
                .text("lang", "sv")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(bytes).file_name("../../etc/x.png"),
                );
            admin
                .post(format!(
                    "{}/admin/competitions/2027/awards/{award}/photo",
                    s.base
                ))
                .multipart(form)
                .send()
        };
        let res = upload("", PNG.to_vec()).await.unwrap();
        assert!(
            res.headers()["location"]
                .to_str()
                .unwrap()
                .contains("photo_error=alt"),
            "{name}"
        );
        let res = upload("Bild", b"%PDF-1.4 not an image".to_vec())
            .await
            .unwrap();
        assert!(
            res.headers()["location"]
                .to_str()
                .unwrap()
                .contains("photo_error=unsupported")
        );
        let res = upload("Projektgruppen vid ett möte", PNG.to_vec())
            .await
            .unwrap();
        let location = res.headers()["location"].to_str().unwrap().to_string();
        assert!(!location.contains("error"), "{location}");
        let view = release::admin_view(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        let url = view.awards[0].photo.clone().expect("stored");
        // Before publication only the organiser can fetch it.
        assert_eq!(
            s.browser()
                .get(format!("{}{url}", s.base))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert_eq!(
            admin
                .get(format!("{}{url}", s.base))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        release::release(&db, &j.admin, j.year, "", now, "http://x")
            .await
            .unwrap();
        let res = s
            .browser()
            .get(format!("{}{url}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/png");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        let (_, page) = s.get("/competitions/2027").await;
        assert!(
            page.contains(&format!("src=\"{url}\""))
                && page.contains("alt=\"Projektgruppen vid ett möte\"")
        );
    })
    .await;
}
