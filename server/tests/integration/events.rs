//! Events: the organiser's editor (draft, scheduled, published; place or online; speakers;
//! links checked), the public upcoming and past lists with an injected clock, and over HTTP
//! the pages, the plain form post and who may call each server function. On SQLite and
//! PostgreSQL.

use crate::common::{TestServer, at, on_each_backend, page_text, unwatched};
use crate::jury::jury;
use crate::people::signed_in;
use app::backend::publication::{self, events, feeds};
use app::error::{AppError, FieldError, Problem};
use app::model::{EventForm, NewsStatus, SpeakerForm};
use chrono::Duration;

fn speaker(name: &str, role: &str, org: &str, moderator: bool) -> SpeakerForm {
    SpeakerForm {
        name: name.into(),
        role_sv: role.into(),
        role_en: String::new(),
        organisation: org.into(),
        moderator: moderator.then(|| "on".into()),
    }
}

pub(crate) fn webinar(publish: &str, publish_at: &str) -> EventForm {
    EventForm {
        title_sv: "Webbinarium om återfall".into(),
        title_en: "Webinar on reoffending".into(),
        summary_sv: "Hur förebygger vi återfall?".into(),
        body_sv: "## Program\n\n- Inledning\n- Samtal".into(),
        starts_at: "2027-12-01T09:00".into(),
        ends_at: "2027-12-01T10:30".into(),
        place: "Brå, Stockholm".into(),
        online: Some("on".into()),
        registration_url: "https://bra.se/anmalan".into(),
        speakers: vec![
            speaker("Anna Andersson", "Utredare", "Brå", false),
            SpeakerForm::default(),
            speaker("Bo Berg", "Samordnare", "Polismyndigheten", true),
        ],
        publish: publish.into(),
        publish_at: publish_at.into(),
        ..Default::default()
    }
}

/// The organiser creates [`webinar`] as a draft; its id.
pub(crate) async fn draft_webinar(
    db: &sea_orm::DatabaseConnection,
    admin: &app::backend::accounts::Actor,
    now: chrono::DateTime<chrono::Utc>,
) -> i32 {
    events::save(db, &unwatched(), admin, (0, 0), webinar("draft", ""), now)
        .await
        .unwrap()
}

fn problems(r: Result<i32, AppError>) -> Vec<(String, Problem)> {
    match r {
        Err(AppError::Invalid(fields)) => fields
            .into_iter()
            .map(|FieldError { field, problem }| (field, problem))
            .collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_is_checked_scheduled_and_listed_as_upcoming_then_past() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 10, 1, 9, 0);
        // Only the organiser writes events.
        let draft = webinar("draft", "");
        let by_applicant = events::save(&db, &unwatched(), &j.applicant, (0, 0), draft, now).await;
        assert_eq!(by_applicant, Err(AppError::Forbidden));
        assert_eq!(
            events::list(&db, &j.chair, now).await,
            Err(AppError::Forbidden)
        );

        // Every rule of the form at once, each tied to its field.
        let mut bad = webinar("schedule", "2027-09-01T09:00");
        bad.title_sv = " ".into();
        bad.starts_at = "2027-12-01T09:00".into();
        bad.ends_at = "2027-12-01T08:00".into();
        bad.registration_url = "javascript:alert(1)".into();
        bad.video_url = "http//nope".into();
        bad.place = String::new();
        bad.online = None;
        bad.year = "1990".into();
        bad.speakers[2].name = String::new();
        let mut found = problems(events::save(&db, &unwatched(), &j.admin, (0, 0), bad, now).await);
        found.sort_by(|a, b| a.0.cmp(&b.0));
        let mut want = vec![
            ("title_sv".to_string(), Problem::Required),
            ("registration_url".into(), Problem::InvalidUrl),
            ("video_url".into(), Problem::InvalidUrl),
            ("slug".into(), Problem::InvalidChoice),
            ("year".into(), Problem::InvalidChoice),
            ("ends_at".into(), Problem::EndBeforeStart),
            ("place".into(), Problem::Required),
            ("publish_at".into(), Problem::OutOfRange),
            ("speakers.2.name".into(), Problem::Required),
        ];
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(found, want, "{name}");
        let mut no_start = webinar("draft", "");
        no_start.starts_at = "2027-02-30T09:00".into();
        assert_eq!(
            problems(events::save(&db, &unwatched(), &j.admin, (0, 0), no_start, now).await),
            vec![("starts_at".to_string(), Problem::InvalidDate)]
        );

        // A draft is nowhere in public.
        let id = draft_webinar(&db, &j.admin, now).await;
        let slug = "webbinarium-om-aterfall";
        assert_eq!(
            publication::event(&db, slug, now).await,
            Err(AppError::NotFound)
        );
        let page = publication::events_page(&db, now).await.unwrap();
        assert!(page.upcoming.is_empty() && page.past.is_empty(), "{name}");
        assert!(
            !feeds::sitemap(&db, now, "http://x")
                .await
                .unwrap()
                .contains(slug)
        );
        let view = events::edit_view(&db, &j.admin, id, now).await.unwrap();
        assert_eq!(view.status, NewsStatus::Draft);
        assert_eq!(
            view.form.speakers.len(),
            4,
            "two speakers and two blank rows"
        );
        assert_eq!(view.form.speakers[1].name, "Bo Berg");
        assert_eq!(view.form.starts_at, "2027-12-01T09:00");

        // Scheduled for 10:00: public from that second, as an upcoming event.
        events::save(
            &db,
            &unwatched(),
            &j.admin,
            (id, 0),
            webinar("schedule", "2027-10-01T10:00"),
            now,
        )
        .await
        .unwrap();
        let ten = at(2027, 10, 1, 10, 0);
        assert_eq!(
            publication::event(&db, slug, ten - Duration::seconds(1)).await,
            Err(AppError::NotFound),
            "{name}"
        );
        let e = publication::event(&db, slug, ten).await.unwrap();
        assert_eq!(e.summary.place.as_deref(), Some("Brå, Stockholm"));
        assert!(e.summary.online);
        assert_eq!(
            e.registration_url.as_deref(),
            Some("https://bra.se/anmalan")
        );
        let names: Vec<(&str, bool)> = e
            .speakers
            .iter()
            .map(|s| (s.name.as_str(), s.moderator))
            .collect();
        assert_eq!(names, vec![("Anna Andersson", false), ("Bo Berg", true)]);
        assert!(e.body_html.sv.contains("<h2>Program</h2>"));
        let page = publication::events_page(&db, ten).await.unwrap();
        assert_eq!(page.upcoming.len(), 1, "{name}");
        assert!(page.past.is_empty());
        assert!(
            feeds::sitemap(&db, ten, "http://x")
                .await
                .unwrap()
                .contains(&format!("/en/events/{slug}"))
        );

        // Under way it is still upcoming; once it has ended it is past, without registration.
        let during = at(2027, 12, 1, 10, 0);
        assert_eq!(
            publication::events_page(&db, during)
                .await
                .unwrap()
                .upcoming
                .len(),
            1
        );
        let after = at(2027, 12, 1, 10, 31);
        let page = publication::events_page(&db, after).await.unwrap();
        assert!(page.upcoming.is_empty());
        assert_eq!(page.past[0].slug, slug);
        assert_eq!(
            publication::event(&db, slug, after)
                .await
                .unwrap()
                .registration_url,
            None
        );

        // Published now: editing later keeps the publication time; the slug is the event's own.
        events::save(
            &db,
            &unwatched(),
            &j.admin,
            (id, 1),
            webinar("now", ""),
            ten,
        )
        .await
        .unwrap();
        let mut recording = webinar("now", "");
        recording.video_url = "https://play.example/inspelning".into();
        events::save(&db, &unwatched(), &j.admin, (id, 2), recording, after)
            .await
            .unwrap();
        let rows = events::list(&db, &j.admin, after).await.unwrap();
        assert_eq!(
            rows[0].status,
            NewsStatus::Published(app::backend::clock::when(ten))
        );
        assert_eq!(
            publication::event(&db, slug, after)
                .await
                .unwrap()
                .video_url
                .as_deref(),
            Some("https://play.example/inspelning")
        );
        assert_eq!(
            problems(
                events::save(
                    &db,
                    &unwatched(),
                    &j.admin,
                    (0, 0),
                    webinar("draft", ""),
                    now
                )
                .await
            ),
            vec![("slug".to_string(), Problem::Taken)]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn event_pages_over_http_show_upcoming_and_past_and_hide_drafts() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 10, 1, 9, 0);
        events::save(&db, &unwatched(), &j.admin, (0, 0), webinar("now", ""), now)
            .await
            .unwrap();
        let mut past = webinar("now", "");
        past.title_sv = "Prisceremoni 2026".into();
        past.starts_at = "2026-11-20T14:00".into();
        past.ends_at = String::new();
        past.online = None;
        past.speakers.clear();
        events::save(&db, &unwatched(), &j.admin, (0, 0), past, now)
            .await
            .unwrap();
        let mut draft = webinar("draft", "");
        draft.title_sv = "Hemligt seminarium".into();
        events::save(&db, &unwatched(), &j.admin, (0, 0), draft, now)
            .await
            .unwrap();
        let s = TestServer::start(db.clone(), now).await;

        let (status, list) = s.get("/events").await;
        assert_eq!(status, 200, "{name}");
        let upcoming = list.find("Kommande").expect("upcoming heading");
        let past_at = list.find("Tidigare").expect("past heading");
        let webinar_at = list.find("Webbinarium om återfall").unwrap();
        let ceremony_at = list.find("Prisceremoni 2026").unwrap();
        assert!(upcoming < webinar_at && webinar_at < past_at && past_at < ceremony_at);
        assert!(list.contains("Brå, Stockholm · Online"));
        assert!(!list.contains("Hemligt"), "{name}: a draft in the list");
        let (_, en) = s.get("/en/events").await;
        assert!(en.contains("Upcoming") && en.contains("Webinar on reoffending"));

        let (status, page) = s.get("/events/webbinarium-om-aterfall").await;
        assert_eq!(status, 200);
        assert!(page.contains("href=\"https://bra.se/anmalan\""));
        assert!(page.contains("Anmäl dig"));
        assert!(page.contains("Bo Berg") && page.contains("Moderator"));
        assert!(page.contains("og:type\" content=\"article"));
        assert_eq!(s.get("/events/hemligt-seminarium").await.0, 404, "{name}");
        let (_, sitemap) = s.get("/sitemap.xml").await;
        assert!(sitemap.contains("/events/prisceremoni-2026") && !sitemap.contains("hemligt"));

        // The editor works as a plain HTML form: an error comes back in the address, a save
        // redirects to the saved event.
        let admin = signed_in(&s, "admin@bra.se").await;
        let fields = [
            ("id", "0"),
            ("revision", "0"),
            ("lang", "sv"),
            ("event[title_sv]", "Frukostmöte"),
            ("event[summary_sv]", "Om ECPA"),
            ("event[starts_at]", "2027-11-05T08:00"),
            ("event[place]", "Göteborg"),
            ("event[registration_url]", "javascript:alert(1)"),
            ("event[speakers][0][name]", "Cecilia"),
            ("event[publish]", "now"),
        ];
        let res = admin
            .post(format!("{}/api/save_event", s.base))
            .header("accept", "text/html")
            .header("referer", format!("{}/admin/events/new", s.base))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 302, "{name}");
        let back = res.headers()["location"].to_str().unwrap().to_string();
        assert!(
            back.contains("/admin/events/new") && back.contains("__err="),
            "{back}"
        );
        let html = page_text(
            &admin,
            format!("{}{}", s.base, back.trim_start_matches(&s.base)),
        )
        .await;
        assert!(
            html.contains("id=\"entry-registration_url-error\"")
                && html.contains(
                    "aria-describedby=\"entry-registration_url-hint entry-registration_url-error\""
                ),
            "{name}: the error is tied to its field"
        );
        let mut fields = fields.to_vec();
        fields[7].1 = "https://goteborg.se/ecpa";
        let res = admin
            .post(format!("{}/api/save_event", s.base))
            .form(&fields)
            .send()
            .await
            .unwrap();
        let location = res.headers()["location"].to_str().unwrap().to_string();
        assert!(
            location.starts_with("/admin/events/") && location.ends_with("?saved=1"),
            "{location}"
        );
        let (status, page) = s.get("/events/frukostmote").await;
        assert_eq!(status, 200);
        assert!(page.contains("Göteborg") && page.contains("Cecilia"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_organiser_reads_and_changes_an_existing_event() {
    on_each_backend(|db, _| async move {
        let j = jury(&db).await;
        let now = at(2027, 10, 1, 9, 0);
        let id = draft_webinar(&db, &j.admin, now).await.to_string();
        let s = TestServer::start(db.clone(), now).await;
        let clients = [
            ("anonymous", s.browser()),
            ("applicant", signed_in(&s, "app0@example.se").await),
            ("chair", signed_in(&s, "chair@bra.se").await),
            ("admin", signed_in(&s, "admin@bra.se").await),
        ];
        let save = vec![
            ("id", id.as_str()),
            ("revision", "0"),
            ("lang", "sv"),
            ("event[title_sv]", "Ändrad titel"),
            ("event[summary_sv]", "Text"),
            ("event[starts_at]", "2027-12-01T09:00"),
            ("event[online]", "on"),
            ("event[publish]", "draft"),
        ];
        let cases: Vec<(&str, bool, Vec<(&str, &str)>, [u16; 4])> = vec![
            // The generated matrix (`matrix.rs`) calls these on a new event (id 0); these rows
            // are about one that exists, and one that does not.
            //                                     anon  app  chair admin
            ("event_edit", true, vec![("id", &id)], [401, 403, 403, 200]),
            (
                "event_edit",
                true,
                vec![("id", "999999")],
                [401, 403, 403, 404],
            ),
            ("save_event", false, save, [401, 403, 403, 200]),
        ];
        for (endpoint, get, fields, expected) in cases {
            for ((who, client), want) in clients.iter().zip(expected) {
                let req = if get {
                    client
                        .get(format!("{}/api/{endpoint}", s.base))
                        .query(&fields)
                } else {
                    client
                        .post(format!("{}/api/{endpoint}", s.base))
                        .header("Accept", "application/json")
                        .form(&fields)
                };
                let res = req.send().await.unwrap();
                let status = res.status().as_u16();
                let body = res.text().await.unwrap();
                let status = if (300..400).contains(&status) {
                    200
                } else {
                    status
                };
                assert_eq!(status, want, "{endpoint} as {who}: {body}");
            }
        }
        // Only the organiser's save changed the event.
        let rows = events::list(&db, &j.admin, now).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].title, "Ändrad titel");
        // The admin pages render for the organiser only.
        let (_, page) = {
            let res = clients[3]
                .1
                .get(format!("{}/admin/events/{id}", s.base))
                .send()
                .await
                .unwrap();
            (res.status(), res.text().await.unwrap())
        };
        assert!(page.contains("Ändrad titel") && page.contains("Medverkande 1"));
        let res = clients[1]
            .1
            .get(format!("{}/admin/events/{id}", s.base))
            .send()
            .await
            .unwrap();
        assert!(!res.text().await.unwrap().contains("Ändrad titel"));
    })
    .await;
}
