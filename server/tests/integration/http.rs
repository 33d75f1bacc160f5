//! HTTP tests: the real router on an ephemeral port, read as a browser without JavaScript would.

use crate::common::{TestServer, at, sqlite};
use app::backend::demo;
use app::backend::entities::{competition, news_item};
use sea_orm::{ActiveModelTrait, Set};

async fn demo_server() -> (TestServer, crate::common::Backend) {
    let backend = sqlite().await;
    demo::seed(&backend.db).await.unwrap();
    let server = TestServer::start(backend.db.clone(), at(2026, 11, 25, 12, 0)).await;
    (server, backend)
}

fn title(html: &str) -> &str {
    let start = html.find("<title>").map(|i| i + 7).unwrap_or(0);
    let end = html[start..]
        .find("</title>")
        .map(|i| start + i)
        .unwrap_or(start);
    &html[start..end]
}

fn meta_description(html: &str) -> Option<&str> {
    let i = html.find(r#"<meta name="description" content=""#)? + 34;
    html[i..].split('"').next()
}

fn pos(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in page"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_shows_the_most_recent_round_in_swedish() {
    let (s, _db) = demo_server().await;
    let (status, html) = s.get("/").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="sv""#), "html lang is sv");
    assert_eq!(title(&html), "European Crime Prevention Award – Sverige");
    assert!(meta_description(&html).is_some_and(|d| d.len() > 40));
    assert!(html.contains(r#"href="/competitions/2022""#));
    assert!(html.contains("Resultatet är publicerat"));
    assert!(html.contains("Ansökan stängde"));
    assert!(html.contains("19 augusti 2022"));
    assert!(html.contains("Riskreducerande insatser (RRI)"));
    assert!(
        html.contains(r#"href="/en""#),
        "a crawlable link to the English version"
    );
    assert!(html.contains("Polisens metod RRI vinner svenska ECPA 2022"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn competition_2022_lists_winner_first_then_every_other_entry() {
    let (s, _db) = demo_server().await;
    let (status, html) = s.get("/competitions/2022").await;
    assert_eq!(status, 200);
    assert!(title(&html).starts_with("ECPA 2022: "));
    assert!(title(&html).ends_with(" – ECPA Sverige"));
    assert!(meta_description(&html).is_some_and(|d| d.contains("2022")));
    let winner = pos(&html, "Riskreducerande insatser (RRI)</h3>");
    let others = pos(&html, "Övriga bidrag");
    assert!(winner < others, "the winner comes first");
    for needle in [
        "Juryns motivering",
        "Om vinnaren",
        "Placering i den europeiska finalen",
        "118",
        "72 procent",
    ] {
        assert!(
            pos(&html, needle) < others,
            "{needle} belongs to the winner"
        );
    }
    for entry in [
        "VIP – Viktig intressant person",
        "Liten och Trygg i norra Dalarna",
        "Baba",
        "IGOR – I gemensam organisation mot relationsvåld",
        "Resursteam Heder",
        "Safe Havens Stockholm",
        "Basprogram Barnafrid om våld mot barn",
        "Stödcentrum för unga brottsutsatta och vittnen",
    ] {
        assert!(
            pos(&html, &format!(">{entry}</h4>")) > others,
            "{entry} is among the other entries"
        );
    }
    for org in [
        "Mora kommun",
        "Stockholms Stadsmission",
        "Barnafrid, Linköpings universitet",
    ] {
        assert!(html.contains(org), "{org}");
    }
    // The European result: 1 Sweden, 2 the Netherlands, 3 Denmark.
    let se = pos(&html, "Sverige");
    let nl = pos(&html, "Nederländerna");
    let dk = pos(&html, "Danmark");
    assert!(se < nl && nl < dk);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_pages_are_complete_and_linked_back_to_swedish() {
    let (s, _db) = demo_server().await;
    let (status, html) = s.get("/en/competitions/2022").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="en""#));
    assert!(title(&html).ends_with(" – ECPA Sweden"));
    for needle in [
        "Protecting vulnerable victims and preventing repeat victimisation",
        "The jury’s motivation",
        "About the winner",
        "Other entries",
        "the Netherlands",
        "72 per cent",
        r#"href="/competitions/2022""#,
        r#"href="/en/archive""#,
    ] {
        assert!(html.contains(needle), "{needle} on the English page");
    }
    assert!(!html.contains("Övriga bidrag"));
    let (status, home) = s.get("/en").await;
    assert_eq!(status, 200);
    assert!(home.contains("Results published") && home.contains("19 August 2022"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_get_a_localised_404() {
    let (s, _db) = demo_server().await;
    for (path, text) in [
        ("/no-such-page", "Sidan finns inte"),
        ("/competitions/1999", "Sidan finns inte"),
        ("/competitions/not-a-year", "Sidan finns inte"),
        ("/competitions/99999999999999999999", "Sidan finns inte"),
        ("/news/no-such-item", "Sidan finns inte"),
        ("/events/no-such-event", "Sidan finns inte"),
        ("/en/no-such-page", "Page not found"),
        ("/en/competitions/1999", "Page not found"),
    ] {
        let (status, html) = s.get(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains(text), "{path} says {text}");
        assert!(title(&html).starts_with(text), "{path} has a 404 title");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn archive_news_and_events_pages() {
    let (s, _db) = demo_server().await;
    let (status, html) = s.get("/archive").await;
    assert_eq!(status, 200);
    let years: Vec<usize> = ["ECPA 2022", "ECPA 2021", "ECPA 2020", "ECPA 2019"]
        .iter()
        .map(|y| pos(&html, y))
        .collect();
    assert!(years.windows(2).all(|w| w[0] < w[1]), "newest year first");
    assert!(html.contains("9 bidrag"));

    let (status, html) = s.get("/news").await;
    assert_eq!(status, 200);
    assert!(html.contains("Pressmeddelande"));
    assert!(html.contains(r#"href="/news/rri-vinner-ecpa-2022""#));
    let (status, html) = s.get("/news/rri-vinner-ecpa-2022").await;
    assert_eq!(status, 200);
    assert_eq!(
        title(&html),
        "Polisens metod RRI vinner svenska ECPA 2022 – ECPA Sverige"
    );
    assert!(html.contains("<h2>Resultat</h2>"), "Markdown is rendered");
    assert!(html.contains("<li>Baba, Stockholms Stadsmission</li>"));
    let (_, html) = s.get("/en/news/rri-vinner-ecpa-2022").await;
    assert!(html.contains("Police method RRI wins the Swedish ECPA 2022"));

    let (status, html) = s.get("/events").await;
    assert_eq!(status, 200);
    assert!(html.contains("Hur kan vi förebygga våld i nära relationer?"));
    let (status, html) = s.get("/events/webbinarium-vald-i-nara-relationer").await;
    assert_eq!(status, 200);
    assert!(html.contains("1 december 2022 kl. 09.00"));
    for speaker in [
        "Lina Lundborg",
        "Mahlet Techan",
        "Rebecka Andersson",
        "Susanne Gosenius",
        "Carl Gynne",
    ] {
        assert!(html.contains(speaker), "{speaker}");
    }
    assert!(html.contains("(Moderator)"));
    let (_, html) = s.get("/en/events/webbinarium-vald-i-nara-relationer").await;
    assert!(html.contains("1 December 2022 at 09:00") && html.contains("Speakers"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_without_english_falls_back_to_swedish_with_a_note() {
    let (s, db) = demo_server().await;
    news_item::ActiveModel {
        slug: Set("bara-svenska".into()),
        kind: Set("news".into()),
        title_sv: Set("Endast på svenska".into()),
        summary_sv: Set("Kort text".into()),
        body_md_sv: Set("Brödtext".into()),
        body_html_sv: Set("<p>Brödtext</p>".into()),
        published_at: Set(Some(at(2026, 11, 1, 9, 0))),
        created_at: Set(at(2026, 11, 1, 9, 0)),
        ..Default::default()
    }
    .insert(&db.db)
    .await
    .unwrap();
    let (status, html) = s.get("/en/news/bara-svenska").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<span lang="sv">Endast på svenska</span>"#));
    assert!(html.contains("Only available in Swedish."));
    let (_, sv) = s.get("/news/bara-svenska").await;
    assert!(
        !sv.contains("Finns bara på svenska."),
        "no note on the Swedish page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_competition_shows_its_deadline_and_a_countdown() {
    let (s, db) = demo_server().await;
    competition::ActiveModel {
        year: Set(2026),
        theme_sv: Set("Förebyggande av återfall i brott".into()),
        theme_en: Set(Some("Preventing reoffending".into())),
        description_sv: Set("Beskrivning".into()),
        opens_at: Set(Some(at(2026, 4, 1, 9, 0))),
        closes_at: Set(Some(at(2026, 12, 1, 23, 59))),
        created_at: Set(at(2026, 3, 1, 9, 0)),
        ..Default::default()
    }
    .insert(&db.db)
    .await
    .unwrap();
    s.clock.set(at(2026, 11, 28, 20, 58));
    let (_, html) = s.get("/").await;
    assert!(html.contains("Öppen för ansökningar"));
    assert!(html.contains("1 december 2026 kl. 23.59"));
    assert!(
        html.contains("3 dagar, 3 timmar och 1 minut"),
        "countdown from the server clock"
    );
    let (_, html) = s.get("/en/competitions/2026").await;
    assert!(html.contains("3 days, 3 hours and 1 minute"));
    assert!(html.contains("The results have not been published yet."));
    // One minute after the deadline the year is closed.
    s.clock.set(at(2026, 12, 2, 0, 0));
    let (_, html) = s.get("/").await;
    assert!(html.contains("Ansökan stängde") && !html.contains("Tid kvar"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_functions_answer_get_requests() {
    let (s, _db) = demo_server().await;
    let (status, json) = s.get("/api/competition?year=2022").await;
    assert_eq!(status, 200);
    assert!(json.contains("\"Riskreducerande insatser (RRI)\""));
    let (status, body) = s.get("/api/competition?year=1999").await;
    assert_eq!((status, body.as_str()), (404, "\"NotFound\""));
    let (status, body) = s.get("/api/competition?year=abc").await;
    assert_eq!(status, 400, "bad input is a client error: {body}");
    let (status, _) = s.get("/api/competition").await;
    assert_eq!(status, 400, "a missing argument is a client error");
    let (status, _) = s.get("/api/news_article?slug=%00%2F..%2F..").await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_gets_the_shared_error_page_with_503() {
    let (s, backend) = demo_server().await;
    backend.db.clone().close().await.unwrap();
    let (status, html) = s.get("/competitions/2022").await;
    assert_eq!(status, 503);
    assert_eq!(title(&html), "Något gick fel – ECPA Sverige");
    assert!(html.contains("Tjänsten är tillfälligt otillgänglig"));
    assert!(
        !html.to_lowercase().contains("sqlx") && !html.contains("pool"),
        "no raw database error"
    );
    let (status, html) = s.get("/en").await;
    assert_eq!(status, 503);
    assert!(html.contains("The service is temporarily unavailable."));
}

/// A plain form post (no scripts: every form outside an island) comes back to its page with its
/// result in the address: `__ok=<function>` after a success, which the page says in words; the
/// error after a refusal, once, however many refusals came before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_form_post_comes_back_to_its_page_with_its_result() {
    use app::backend::entities::organisation_member;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (s, db) = demo_server().await;
    let me = crate::people::person(&db.db, "form@mora.se", Some("Mora kommun"), &[]).await;
    let org = organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(me))
        .one(&db.db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id
        .to_string();
    let c = crate::people::signed_in(&s, "form@mora.se").await;
    let post = |from: String, email: &'static str| {
        let c = c.clone();
        let url = format!("{}/api/invite", s.base);
        let org = org.clone();
        async move {
            let res = c
                .post(url)
                .header("accept", "text/html,application/xhtml+xml")
                .header("referer", from)
                .form(&[("organisation_id", org.as_str()), ("email", email)])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 302);
            res.headers()["location"].to_str().unwrap().to_string()
        }
    };
    let page = format!("{}/organisation", s.base);
    let back = post(page.clone(), "kollega@mora.se").await;
    assert_eq!(back, format!("{page}?__ok=invite"));
    let html = crate::common::page_text(&c, &back).await;
    assert!(html.contains("Inbjudan är skickad."), "{html}");
    // A refusal: the error, at its field, and no word of success.
    let refused = post(back.clone(), "inte-en-adress").await;
    assert_eq!(refused.matches("__err=").count(), 1, "{refused}");
    assert!(!refused.contains("__ok="));
    let html = crate::common::page_text(&c, &refused).await;
    assert!(!html.contains("Inbjudan är skickad."));
    assert!(
        html.contains("aria-invalid=\"true\""),
        "the field is marked"
    );
    // Refused again from there: still one error in the address.
    let again = post(refused.clone(), "inte-heller").await;
    assert_eq!(again.matches("__err=").count(), 1, "{again}");
    assert_eq!(again.matches("__path=").count(), 1, "{again}");
    drop(s);
    db.finish().await;
}
