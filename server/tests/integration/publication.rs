//! Publication: releasing results at a scheduled time with an injected clock, outcome and
//! subscriber mails once, the news editor's states, and — over HTTP — the pages, the feed, the
//! sitemap, the open data, and what must never leak or run. On SQLite and PostgreSQL.

use crate::common::{FIXTURE, TestServer, at, on_each_backend, page_text, unwatched};
use crate::jury::{Jury, jury, score};
use crate::people::signed_in;
use app::backend::entities::{entry, mail_outbox, subscriber};
use app::backend::jury::{self as judging, DecisionInput};
use app::backend::public_changes::PublicChanges;
use app::backend::publication::{self, feeds, media, news, release, subscriptions};
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
pub(crate) async fn decided(db: &DatabaseConnection) -> Jury {
    let j = jury(db).await;
    let now = j.judging + Duration::days(2);
    for (i, e) in j.entries.iter().enumerate() {
        for juror in [&j.chair, &j.j2, &j.j3] {
            score(db, juror, *e, [5 - i as i32; 5], "Bra", now).await;
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
        &unwatched(),
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

/// The organiser writes the award's Swedish texts: what the project is and the motivation.
pub(crate) async fn award_written(
    db: &DatabaseConnection,
    public: &PublicChanges,
    j: &Jury,
    award: i32,
    (about, motivation): (&str, &str),
    now: DateTime<Utc>,
) {
    let form = AwardForm {
        about_sv: about.into(),
        motivation_sv: motivation.into(),
        ..Default::default()
    };
    release::save_award(db, public, &j.admin, j.year, award, form, now)
        .await
        .unwrap();
}

async fn outbox(db: &DatabaseConnection, template: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Template.eq(template))
        .all(db)
        .await
        .unwrap()
}

/// The organiser releases the results of `j`'s year at `at` (Stockholm time; empty: now).
async fn release_results(
    db: &sea_orm::DatabaseConnection,
    public: &PublicChanges,
    j: &Jury,
    at: &str,
    now: DateTime<Utc>,
) -> Result<Release, AppError> {
    release::release(db, public, &j.admin, j.year, at, now, "http://x").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_cannot_be_published_before_the_decision() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        assert_eq!(
            release::release(
                &db,
                &unwatched(),
                &j.admin,
                j.year,
                "",
                j.deliberation,
                "http://x"
            )
            .await,
            Err(AppError::Conflict(Conflict::NotDecided)),
            "{name}"
        );
        let c = j.stored_round(&db).await;
        assert_eq!(
            c.results_released_at, None,
            "{name}: the refusal rolled back"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_become_public_at_the_scheduled_second_and_every_applicant_is_told_once() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        let when = "2027-11-01T09:00";
        let public_at = at(2027, 11, 1, 9, 0);
        assert_eq!(
            release::release(&db, &unwatched(), &j.chair, j.year, when, now, "http://x").await,
            Err(AppError::Forbidden),
            "only the organiser publishes"
        );
        assert_eq!(
            release_results(&db, &unwatched(), &j, "2027-02-30T09:00", now).await,
            Err(AppError::invalid_field("at", Problem::InvalidDate))
        );
        assert_eq!(
            release_results(&db, &unwatched(), &j, "2027-01-01T09:00", now).await,
            Err(AppError::invalid_field("at", Problem::OutOfRange)),
            "a time in the past is not a schedule"
        );
        let state = release_results(&db, &unwatched(), &j, when, now)
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
            release::unschedule(&db, &unwatched(), &j.admin, j.year, public_at).await,
            Err(AppError::Conflict(Conflict::AlreadyPublished))
        );
        assert_eq!(
            release::release(
                &db,
                &unwatched(),
                &j.admin,
                j.year,
                "",
                public_at,
                "http://x"
            )
            .await,
            Err(AppError::Conflict(Conflict::AlreadyPublished))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schedule_can_be_taken_back_and_publishing_now_mails_at_once() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        release_results(&db, &unwatched(), &j, "2027-12-01T09:00", now)
            .await
            .unwrap();
        release::unschedule(&db, &unwatched(), &j.admin, j.year, now)
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
            release::save_award(
                &db,
                &unwatched(),
                &j.admin,
                j.year,
                award,
                AwardForm::default(),
                now
            )
            .await,
            Err(AppError::invalid_field("motivation_sv", Problem::Required)),
            "the winner needs the jury's motivation"
        );
        award_written(
            &db,
            &unwatched(),
            &j,
            award,
            ("Om projektet", "Motivering"),
            now,
        )
        .await;
        release::add_european(
            &db,
            &unwatched(),
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
            release::add_european(
                &db,
                &unwatched(),
                &j.admin,
                j.year,
                EuropeanForm::default(),
                now
            )
            .await,
            Err(AppError::Invalid(_))
        ));
        let state = release_results(&db, &unwatched(), &j, "", now)
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
        assert_eq!(
            r.awarded[0].about.as_ref().unwrap().sv.trim(),
            "<p>Om projektet</p>",
            "Markdown, rendered for the page"
        );
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn news_goes_from_draft_to_scheduled_to_public_and_subscribers_are_mailed_once() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 10, 1, 9, 0);
        // Only the organiser writes news.
        let draft = press("X", "draft", "");
        let by_applicant = news::save(&db, &unwatched(), &j.applicant, (0, 0), draft, now).await;
        assert_eq!(by_applicant, Err(AppError::Forbidden));
        assert_eq!(news::preview(&j.chair, "x"), Err(AppError::Forbidden));
        let id = news::save(
            &db,
            &unwatched(),
            &j.admin,
            (0, 0),
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
        subscriptions::subscribe(&db, "Läsare@Example.se", Lang::En, FIXTURE, now, "http://x")
            .await
            .unwrap();
        subscriptions::subscribe(&db, "tyst@example.se", Lang::Sv, FIXTURE, now, "http://x")
            .await
            .unwrap();
        assert_eq!(
            subscriptions::subscribe(&db, "inte en adress", Lang::Sv, FIXTURE, now, "http://x")
                .await,
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
                &unwatched(),
                &j.admin,
                (id, 0),
                press("Vinnaren är utsedd", "schedule", "2027-10-01T08:00"),
                now
            )
            .await,
            Err(AppError::invalid_field("publish_at", Problem::OutOfRange))
        );
        news::save(
            &db,
            &unwatched(),
            &j.admin,
            (id, 0),
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
            &unwatched(),
            &j.admin,
            (id, 1),
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
                &unwatched(),
                &j.admin,
                (0, 0),
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
    release::release(db, &unwatched(), &j.admin, j.year, "", now, "http://x")
        .await
        .unwrap();
    news::save(
        db,
        &unwatched(),
        &j.admin,
        (0, 0),
        press("Utkast <b>hemligt</b>", "draft", ""),
        now,
    )
    .await
    .unwrap();
    let mut public = press("Vinnaren </title><script>alert(1)</script>", "now", "");
    public.slug = "vinnaren-2027".into();
    public.year = "2027".into();
    public.entries = Some(vec![j.entries[0]]);
    news::save(db, &unwatched(), &j.admin, (0, 0), public, now)
        .await
        .unwrap();
    (j, now)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreleased_results_never_leak_over_http() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        release_results(&db, &unwatched(), &j, "2027-11-01T09:00", now)
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
/// Who may call which publication server function is the generated matrix's (`matrix.rs`); its
/// year is in judging, so the organiser's calls that need a decided year are checked here.
async fn the_organiser_alone_edits_and_publishes_a_decided_year() {
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
                "remove_award_photo",
                vec![("year", &year), ("award_id", &award)],
                [401, 403, 403, 200],
            ),
            (
                "publish_results",
                vec![("year", &year), ("at", "")],
                [401, 403, 403, 200],
            ),
        ];
        for (endpoint, fields, expected) in cases {
            for ((who, client), want) in clients.iter().zip(expected) {
                let res = client
                    .post(format!("{}/api/{endpoint}", s.base))
                    .header("Accept", "application/json")
                    .form(&fields)
                    .send()
                    .await
                    .unwrap();
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
pub(crate) const PNG: [u8; 67] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// The PNG above as an image upload with these alternative texts.
pub(crate) fn image(name: &str, alt_sv: &str, alt_en: &str) -> media::ImageUpload {
    media::ImageUpload {
        name: name.into(),
        bytes: PNG.to_vec(),
        alt_sv: alt_sv.into(),
        alt_en: alt_en.into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
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
        // An image that is also a web page (a polyglot) is refused with its own message.
        let res = upload(
            "Bild",
            [&PNG[..], b"tEXtComment<svg onload=alert(1)>"].concat(),
        )
        .await
        .unwrap();
        let location = res.headers()["location"].to_str().unwrap().to_string();
        assert!(location.contains("photo_error=active"), "{location}");
        let page = page_text(&admin, format!("{}{location}", s.base)).await;
        assert!(
            page.contains(Problem::ActiveContent.message(Lang::Sv)),
            "the refusal is explained on the page"
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
        release_results(&db, &s.public, &j, "", now).await.unwrap();
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

/// A payload that would run in several ways if it reached a page unescaped, tagged with the
/// field it was written into so that each field can be found on a page.
fn hostile(field: &str) -> String {
    format!(
        "{field}-mark <script>alert(1)</script><img src=x onerror=\"alert(1)\">\
         <iframe src=javascript:alert(1)></iframe><a href=\"javascript:alert(1)\">x</a>\
         [l](javascript:alert(1))"
    )
}

/// Fails when the document holds anything that could run: a script other than the app's own,
/// an event-handler attribute, a frame or plugin, or a `javascript:` address.
pub(crate) fn assert_inert(html: &str, where_: &str) {
    let doc = scraper::Html::parse_document(html);
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let tag = el.value().name();
        assert!(
            !matches!(tag, "iframe" | "object" | "embed" | "frame"),
            "{where_}: <{tag}> on the page"
        );
        if tag == "script" {
            // The app's own scripts carry the payloads as JSON strings (with `<` escaped),
            // which is data; a payload that broke out would be a script of its own.
            let code: String = el.text().collect();
            assert!(
                !code.trim_start().starts_with("alert("),
                "{where_}: a script with {code}"
            );
        }
        for (name, value) in el.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "{where_}: <{tag} {name}=\"{value}\">"
            );
            let v = value.trim().to_ascii_lowercase();
            assert!(
                !(matches!(name, "href" | "src" | "action" | "formaction")
                    && v.starts_with("javascript:")),
                "{where_}: <{tag} {name}=\"{value}\">"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_text_that_reaches_a_public_page_renders_inert() {
    use app::backend::entities::{competition, criterion};
    use app::backend::publication::events;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};

    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        // The year's own texts and a criterion, as the year form stores them.
        let c = j.stored_round(&db).await;
        let mut year: competition::ActiveModel = c.clone().into();
        year.theme_sv = Set(hostile("theme_sv"));
        year.theme_en = Set(Some(hostile("theme_en")));
        year.description_sv = Set(hostile("description_sv"));
        year.description_en = Set(Some(hostile("description_en")));
        year.who_may_apply_sv = Set(Some(hostile("who_sv")));
        year.who_may_apply_en = Set(Some(hostile("who_en")));
        year.prize_sv = Set(Some(hostile("prize_sv")));
        year.prize_en = Set(Some(hostile("prize_en")));
        year.final_sv = Set(Some(hostile("final_sv")));
        year.final_en = Set(Some(hostile("final_en")));
        year.update(&db).await.unwrap();
        criterion::ActiveModel {
            competition_id: Set(c.id),
            position: Set(0),
            key: Set("theme".into()),
            name_sv: Set(hostile("criterion_name_sv")),
            name_en: Set(Some(hostile("criterion_name_en"))),
            description_sv: Set(hostile("criterion_desc_sv")),
            description_en: Set(Some(hostile("criterion_desc_en"))),
            weight: Set(1),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        // What applicants wrote: the winner's title, organisation and summaries.
        let mut e0: entry::ActiveModel = entry::Entity::find_by_id(j.entries[0])
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .into();
        e0.title = Set(hostile("entry_title"));
        e0.organisation_display = Set(hostile("entry_org"));
        e0.public_summary_sv = Set(hostile("summary_sv"));
        e0.public_summary_en = Set(Some(hostile("summary_en")));
        e0.update(&db).await.unwrap();
        // What the organiser writes: award texts, a photo's alt text, the European final.
        let view = release::admin_view(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        let award = view.awards[0].id;
        let uploads = tempfile::tempdir().unwrap();
        release::set_award_photo(
            &db,
            &unwatched(),
            &j.admin,
            uploads.path(),
            j.year,
            award,
            image("a.png", &hostile("photo_alt_sv"), &hostile("photo_alt_en")),
            now,
        )
        .await
        .unwrap();
        release::save_award(
            &db,
            &unwatched(),
            &j.admin,
            j.year,
            award,
            AwardForm {
                about_sv: hostile("about_sv"),
                about_en: hostile("about_en"),
                motivation_sv: hostile("motivation_sv"),
                motivation_en: hostile("motivation_en"),
                photo_alt_sv: hostile("photo_alt_sv"),
                photo_alt_en: hostile("photo_alt_en"),
            },
            now,
        )
        .await
        .unwrap();
        release::add_european(
            &db,
            &unwatched(),
            &j.admin,
            j.year,
            EuropeanForm {
                rank: "1".into(),
                // Countries are at most 100 characters.
                country_sv: "country_sv-mark <script>alert(1)</script><img src=x onerror=alert(1)>"
                    .into(),
                country_en: "country_en-mark <script>alert(1)</script><img src=x onerror=alert(1)>"
                    .into(),
                project_title: hostile("european_title"),
                ours: Some("on".into()),
            },
            now,
        )
        .await
        .unwrap();
        release_results(&db, &unwatched(), &j, "", now)
            .await
            .unwrap();
        // A press release and an event with every text field hostile.
        let press_id = news::save(
            &db,
            &unwatched(),
            &j.admin,
            (0, 0),
            NewsForm {
                slug: "pressmeddelande".into(),
                kind: "press_release".into(),
                year: "2027".into(),
                title_sv: hostile("news_title_sv"),
                title_en: hostile("news_title_en"),
                summary_sv: hostile("news_summary_sv"),
                summary_en: hostile("news_summary_en"),
                body_sv: hostile("news_body_sv"),
                body_en: hostile("news_body_en"),
                entries: Some(vec![j.entries[0]]),
                publish: "now".into(),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
        news::set_image(
            &db,
            &unwatched(),
            &j.admin,
            uploads.path(),
            press_id,
            image("b.png", &hostile("news_alt_sv"), &hostile("news_alt_en")),
            now,
        )
        .await
        .unwrap();
        let mut event = crate::events::webinar("now", "");
        event.slug = "evenemang".into();
        event.year = "2027".into();
        event.title_sv = hostile("event_title_sv");
        event.title_en = hostile("event_title_en");
        event.summary_sv = hostile("event_summary_sv");
        event.summary_en = hostile("event_summary_en");
        event.body_sv = hostile("event_body_sv");
        event.body_en = hostile("event_body_en");
        event.place = hostile("event_place");
        event.speakers[0] = app::model::SpeakerForm {
            name: hostile("speaker_name"),
            role_sv: hostile("speaker_role_sv"),
            role_en: hostile("speaker_role_en"),
            organisation: hostile("speaker_org"),
            moderator: None,
        };
        events::save(&db, &unwatched(), &j.admin, (0, 0), event, now)
            .await
            .unwrap();

        let s = TestServer::start(db.clone(), now).await;
        let mut seen = String::new();
        for path in [
            "/",
            "/competitions/2027",
            "/archive",
            "/news",
            "/news/pressmeddelande",
            "/events",
            "/events/evenemang",
        ] {
            for lang in ["", "/en"] {
                let url = if path == "/" && !lang.is_empty() {
                    lang.to_string()
                } else {
                    format!("{lang}{path}")
                };
                let (status, html) = s.get(&url).await;
                assert_eq!(status, 200, "{name}: {url}");
                assert_inert(&html, &format!("{name} {url}"));
                seen.push_str(&html);
            }
        }
        // The feeds carry news HTML as escaped text: parsed back, it is inert too.
        for feed in ["/feed.atom", "/en/feed.atom"] {
            let (_, xml) = s.get(feed).await;
            let parsed: atom_syndication::Feed = xml.parse().unwrap();
            for e in parsed.entries() {
                let html = e.content().and_then(|c| c.value()).unwrap_or_default();
                assert_inert(html, &format!("{name} {feed}"));
                assert!(!e.title().as_str().is_empty());
            }
            seen.push_str(&xml);
        }
        // Each field did reach a page (so the checks above had something to check).
        for field in [
            "theme_sv",
            "theme_en",
            "description_sv",
            "description_en",
            "who_sv",
            "who_en",
            "prize_sv",
            "prize_en",
            "final_sv",
            "final_en",
            "criterion_name_sv",
            "criterion_name_en",
            "criterion_desc_sv",
            "criterion_desc_en",
            "entry_title",
            "entry_org",
            "summary_sv",
            "summary_en",
            "photo_alt_sv",
            "photo_alt_en",
            "about_sv",
            "about_en",
            "motivation_sv",
            "motivation_en",
            "country_sv",
            "country_en",
            "european_title",
            "news_title_sv",
            "news_title_en",
            "news_summary_sv",
            "news_summary_en",
            "news_body_sv",
            "news_body_en",
            "news_alt_sv",
            "news_alt_en",
            "event_title_sv",
            "event_title_en",
            "event_summary_sv",
            "event_summary_en",
            "event_body_sv",
            "event_body_en",
            "event_place",
            "speaker_name",
            "speaker_role_sv",
            "speaker_role_en",
            "speaker_org",
        ] {
            assert!(
                seen.contains(&format!("{field}-mark")),
                "{name}: {field} reached no page"
            );
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpublished_news_and_events_and_unconsented_summaries_never_leak() {
    use app::backend::publication::events;
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        // e3 has no consent: its summary must not appear anywhere.
        let mut e3: entry::ActiveModel = entry::Entity::find_by_id(j.entries[3])
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .into();
        e3.public_summary_sv = Set("Hemlig sammanfattning".into());
        e3.public_summary_en = Set(Some("Secret summary".into()));
        e3.update(&db).await.unwrap();
        release_results(&db, &unwatched(), &j, "", now)
            .await
            .unwrap();
        let later = "2027-12-24T15:00";
        for (publish, at) in [("draft", ""), ("schedule", later)] {
            let mut n = press(&format!("Hemlig nyhet {publish}"), publish, at);
            n.summary_sv = format!("Hemlig ingress {publish}");
            n.year = "2027".into();
            news::save(&db, &unwatched(), &j.admin, (0, 0), n, now)
                .await
                .unwrap();
            let mut e = crate::events::webinar(publish, at);
            e.title_sv = format!("Hemligt evenemang {publish}");
            e.year = "2027".into();
            events::save(&db, &unwatched(), &j.admin, (0, 0), e, now)
                .await
                .unwrap();
        }
        let s = TestServer::start(db.clone(), now).await;
        let guesses = [
            "/news/hemlig-nyhet-draft",
            "/news/hemlig-nyhet-schedule",
            "/en/news/hemlig-nyhet-draft",
            "/events/hemligt-evenemang-draft",
            "/events/hemligt-evenemang-schedule",
            "/en/events/hemligt-evenemang-schedule",
        ];
        for path in guesses {
            assert_eq!(s.get(path).await.0, 404, "{name}: {path}");
        }
        // Nor through the server functions the pages read from.
        for (endpoint, slug) in [
            ("news_article", "hemlig-nyhet-draft"),
            ("news_article", "hemlig-nyhet-schedule"),
            ("event", "hemligt-evenemang-draft"),
            ("event", "hemligt-evenemang-schedule"),
        ] {
            let res = s
                .client
                .get(format!("{}/api/{endpoint}", s.base))
                .query(&[("slug", slug)])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 404, "{name}: {endpoint} {slug}");
        }
        let mut everything = String::new();
        for path in [
            "/",
            "/en",
            "/competitions/2027",
            "/en/competitions/2027",
            "/archive",
            "/news",
            "/en/news",
            "/events",
            "/en/events",
            "/feed.atom",
            "/en/feed.atom",
            "/sitemap.xml",
            "/open-data/2027.json",
            "/open-data/2027.csv",
            "/api/competition?year=2027",
            "/api/archive",
            "/api/events",
            "/api/news",
            "/api/home",
        ] {
            let (status, body) = s.get(path).await;
            assert!(status == 200 || status == 405, "{name}: {path} {status}");
            everything.push_str(&body);
        }
        assert!(
            everything.contains("Projekt 3"),
            "{name}: the entry itself is listed"
        );
        for secret in [
            "Hemlig nyhet",
            "Hemlig ingress",
            "hemlig-nyhet",
            "Hemligt evenemang",
            "hemligt-evenemang",
            "Hemlig sammanfattning",
            "Secret summary",
        ] {
            assert!(!everything.contains(secret), "{name}: {secret} leaked");
        }
        // At the scheduled time the scheduled ones appear, the drafts still do not.
        s.clock.set(at(2027, 12, 24, 15, 0));
        assert_eq!(s.get("/news/hemlig-nyhet-schedule").await.0, 200);
        assert_eq!(s.get("/events/hemligt-evenemang-schedule").await.0, 200);
        assert_eq!(s.get("/news/hemlig-nyhet-draft").await.0, 404);
        assert_eq!(s.get("/events/hemligt-evenemang-draft").await.0, 404);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_news_image_needs_alt_text_and_is_public_only_with_its_item() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 10, 1, 9, 0);
        let mut form = press("Bild till nyhet", "draft", "");
        form.slug = "bild-till-nyhet".into();
        let id = news::save(&db, &unwatched(), &j.admin, (0, 0), form.clone(), now)
            .await
            .unwrap();
        let s = TestServer::start(db.clone(), now).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let upload = |client: reqwest::Client, alt: &'static str, bytes: Vec<u8>| {
            let form = reqwest::multipart::Form::new()
                .text("alt_sv", alt)
                .text("lang", "en")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(bytes).file_name("C:\\bilder\\x.png"),
                );
            let url = format!("{}/admin/news/{id}/image", s.base);
            async move { client.post(url).multipart(form).send().await.unwrap() }
        };
        let location = |res: &reqwest::Response| {
            res.headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        // Nobody but the organiser may upload.
        let res = upload(s.browser(), "Bild", PNG.to_vec()).await;
        assert!(location(&res).contains("/login"), "{name}");
        let applicant = signed_in(&s, "app0@example.se").await;
        assert_eq!(upload(applicant, "Bild", PNG.to_vec()).await.status(), 403);
        // The organiser's mistakes come back to the editor, in the form's language.
        let res = upload(admin.clone(), "", PNG.to_vec()).await;
        assert_eq!(
            location(&res),
            format!("/en/admin/news/{id}?image_error=alt")
        );
        let res = upload(admin.clone(), "Bild", b"GIF89a not allowed".to_vec()).await;
        assert!(location(&res).ends_with("image_error=unsupported"));
        let res = upload(admin.clone(), "Bild", Vec::new()).await;
        assert!(location(&res).ends_with("image_error=empty"));
        let res = upload(admin.clone(), "Deltagare vid ett seminarium", PNG.to_vec()).await;
        assert_eq!(location(&res), format!("/en/admin/news/{id}"), "{name}");

        let view = news::edit_view(&db, &j.admin, id, now).await.unwrap();
        let url = view.image.expect("stored");
        let fetch = |client: reqwest::Client| {
            let url = format!("{}{url}", s.base);
            async move { client.get(url).send().await.unwrap().status().as_u16() }
        };
        assert_eq!(fetch(s.browser()).await, 404, "{name}: a draft's image");
        assert_eq!(fetch(admin.clone()).await, 200);
        // The alt text is required from now on.
        form.image_alt_sv = String::new();
        assert_eq!(
            news::save(&db, &s.public, &j.admin, (id, 1), form.clone(), now).await,
            Err(AppError::invalid_field("image_alt_sv", Problem::Required))
        );
        form.image_alt_sv = "Deltagare vid ett seminarium".into();
        form.publish = "now".into();
        news::save(&db, &s.public, &j.admin, (id, 1), form, now)
            .await
            .unwrap();
        assert_eq!(
            fetch(s.browser()).await,
            200,
            "{name}: public with its item"
        );
        let (_, page) = s.get("/news/bild-till-nyhet").await;
        assert!(page.contains(&format!("src=\"{url}\"")));
        assert!(page.contains("alt=\"Deltagare vid ett seminarium\""));
        assert!(page.contains(&format!(
            "property=\"og:image\" content=\"{}{url}\"",
            s.base
        )));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_unsubscribes_with_one_click_from_the_mail_client() {
    use crate::common::smtp::SmtpSink;
    use app::backend::mail::send_due;
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 10, 1, 9, 0);
        let s = TestServer::start(db.clone(), now).await;
        subscriptions::subscribe(&db, "lasare@example.se", Lang::Sv, FIXTURE, now, &s.base)
            .await
            .unwrap();
        let reader = subscriber::Entity::find().one(&db).await.unwrap().unwrap();
        subscriptions::confirm(&db, &reader.token, now)
            .await
            .unwrap();
        news::save(
            &db,
            &s.public,
            &j.admin,
            (0, 0),
            press("Nyhet", "now", ""),
            now,
        )
        .await
        .unwrap();
        assert_eq!(publication::notify_due(&db, now, &s.base).await.unwrap(), 1);

        let sink = SmtpSink::default();
        let port = sink.start(0).await;
        send_due(&db, &crate::common::smtp::mailer(port), now)
            .await
            .unwrap();
        // The confirmation and the news item, to the subscriber.
        let mails: Vec<_> = sink
            .received()
            .into_iter()
            .filter(|m| m.to == vec!["lasare@example.se".to_string()])
            .collect();
        assert_eq!(mails.len(), 2, "{name}");
        let news_mail = mails
            .iter()
            .find(|m| m.data.contains("List-Unsubscribe:"))
            .expect("the news mail has the header");
        let headers = news_mail.data.replace("\r\n ", " ");
        let one_click = format!("{}/unsubscribe/one-click?token={}", s.base, reader.token);
        assert!(
            headers.contains(&format!("List-Unsubscribe: <{one_click}>")),
            "{name}: {headers}"
        );
        assert!(headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert_eq!(
            mails
                .iter()
                .filter(|m| m.data.contains("List-Unsubscribe"))
                .count(),
            1,
            "{name}: the confirmation mail has no unsubscribe header"
        );

        // A browser that opens the address gets the page with the button.
        let res = s.client.get(&one_click).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            format!("/unsubscribe?token={}", reader.token).as_str()
        );
        assert_eq!(subscriber::Entity::find().count(&db).await.unwrap(), 1);
        // The mail client's POST ends the subscription at once, and again is harmless.
        for _ in 0..2 {
            let res = s
                .browser()
                .post(&one_click)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{name}");
        }
        assert_eq!(subscriber::Entity::find().count(&db).await.unwrap(), 0);
    })
    .await;
}
