//! The European final's results: the secretariat sets the prize money and releases the decided
//! results (Brå's organiser cannot); the public page of the final lists the winner and the
//! runners-up first, then every country's projects, in both languages and without JavaScript;
//! its open data as JSON and CSV; the outcome mails; and the national round's results and
//! archive show its winner's placing from the final. On SQLite and PostgreSQL.

use crate::common::{TestServer, at, on_each_backend, unwatched};
use crate::europe::countries;
use crate::european_jury::{entered, entered_as, juror};
use crate::jury::{actor, score};
use crate::people::person;
use app::backend::dossier;
use app::backend::entities::mail_outbox;
use app::backend::europe::{self, FINAL_CSV_COLUMNS, FinalOpenData, FinalSettings};
use app::backend::jury::{self, DecisionInput};
use app::backend::jury_setup;
use app::backend::publication::{self, release};
use app::error::{AppError, FieldError, Problem};
use app::model::{AwardForm, Release, Role, RoundRef};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_releases_the_finals_results_and_everyone_can_read_them() {
    on_each_backend(|db, name| async move {
        // The Swedish round decided and public; its winner forwarded to the final, where the
        // Netherlands enters a competing project and one of good practice.
        let j = crate::publication::decided(&db).await;
        let now = j.deliberation + Duration::days(1);
        release::release(&db, &unwatched(), &j.admin, j.year, "", now, "http://x")
            .await
            .unwrap();
        let sec = actor(
            &db,
            person(&db, "sekretariat@eucpn.eu", None, &[Role::Secretariat]).await,
        )
        .await;
        let se = actor(&db, person(&db, "ecpa@bra.se", None, &[]).await).await;
        let nl = actor(&db, person(&db, "ecpa@politie.nl", None, &[]).await).await;
        let settings = FinalSettings {
            theme: "Radicalisation",
            deadline: "2027-10-15T12:00",
            countries: &countries(&["SE", "NL"]),
            ..Default::default()
        };
        europe::save(&db, &unwatched(), &sec, j.year, &settings, now)
            .await
            .unwrap();
        for (country, email) in [("SE", "ecpa@bra.se"), ("NL", "ecpa@politie.nl")] {
            europe::save_representative(&db, &sec, j.year, country, email, now)
                .await
                .unwrap();
        }
        let english = crate::dossier::english("Risk-reducing interventions – Göteborg");
        dossier::save_english(&db, &j.admin, j.year, 0, english.clone(), now)
            .await
            .unwrap();
        let se_entry = europe::forward_winner(&db, &se, j.year, now).await.unwrap();
        let nl_entry = entered(&db, &nl, "NL", "Safe neighbourhoods", now).await;
        entered_as(&db, &nl, "NL", "Street coaches", false, now).await;
        let final_round = RoundRef::final_of(j.year);

        // The prize money: the secretariat's, in whole euros.
        assert_eq!(
            europe::save_prizes(&db, &unwatched(), &j.admin, j.year, "1", "1", now).await,
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            europe::save_prizes(&db, &unwatched(), &sec, j.year, "lots", "-5", now).await,
            Err(AppError::Invalid(vec![
                FieldError::new("prize_winner", Problem::OutOfRange),
                FieldError::new("prize_runner_up", Problem::OutOfRange),
            ])),
            "{name}"
        );
        europe::save_prizes(&db, &unwatched(), &sec, j.year, "20 000 €", "10000", now)
            .await
            .unwrap();
        let setup = europe::view(&db, &sec, j.year).await.unwrap();
        assert_eq!(
            (setup.prize_winner.as_str(), setup.prize_runner_up.as_str()),
            ("20000", "10000"),
            "{name}"
        );

        // Before the decision: the page shows the final, not its projects; no open data.
        let page = europe::public_view(&db, j.year, now).await.unwrap();
        assert_eq!(page.countries, ["NL", "SE"], "{name}");
        assert_eq!(page.prize_winner, Some(20_000));
        assert!(page.released.is_none() && page.entries.is_empty(), "{name}");
        assert_eq!(
            europe::open_data(&db, j.year, now).await.map(|_| ()),
            Err(AppError::NotFound)
        );
        assert_eq!(
            europe::public_view(&db, j.year + 1, now).await.map(|_| ()),
            Err(AppError::NotFound),
            "{name}: no final that year"
        );

        // Each country's juror scores the other's entry; good practice is not judged.
        let judging = at(2027, 10, 16, 9, 0);
        let se_juror = juror(&db, &sec, "jurist@bra.se", "SE", now).await;
        let nl_juror = juror(&db, &sec, "jurist@politie.nl", "NL", now).await;
        let home = jury::juror_home(&db, &se_juror, final_round, judging)
            .await
            .unwrap();
        assert_eq!(
            home.entries.len(),
            2,
            "{name}: the two competing entries only"
        );
        score(&db, &se_juror, nl_entry, [3; 5], "Good", judging).await;
        score(&db, &nl_juror, se_entry, [5; 5], "Strong", judging).await;
        jury::decide(
            &db,
            &unwatched(),
            &sec,
            final_round,
            DecisionInput {
                winner: se_entry,
                runners_up: vec![nl_entry],
                mentions: vec![],
                motivation_sv: String::new(),
                motivation_en: "A model for **every** city.".into(),
                tie_reason: String::new(),
            },
            judging,
        )
        .await
        .unwrap();

        // Releasing: the secretariat's for the final; Brå's organiser has no say.
        let decided = judging + Duration::hours(2);
        assert_eq!(
            release::release(
                &db,
                &unwatched(),
                &j.admin,
                final_round,
                "",
                decided,
                "http://x"
            )
            .await,
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            release::admin_view(&db, &j.admin, final_round, decided)
                .await
                .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            release::admin_view(&db, &sec, final_round, decided)
                .await
                .unwrap()
                .release,
            Release::Ready,
            "{name}"
        );
        assert_eq!(
            release::admin_view(&db, &sec, j.year, decided)
                .await
                .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}: the national round is Brå's"
        );
        // The final's scores export: the secretariat's, with its competing entries only.
        let (header, rows) = jury_setup::export_scores(&db, &sec, final_round, decided)
            .await
            .unwrap();
        assert_eq!(header[0], "reference", "{name}");
        assert!(
            rows.iter().any(|r| r.iter().any(|c| c == "Strong")),
            "{name}"
        );
        assert!(
            rows.iter().all(|r| r[1] != "Street coaches"),
            "{name}: good practice is not judged"
        );
        assert_eq!(
            jury_setup::export_scores(&db, &j.admin, final_round, decided)
                .await
                .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );
        // The final's award texts are English: the winner's motivation is required in English.
        let winner_award = release::admin_view(&db, &sec, final_round, decided)
            .await
            .unwrap()
            .awards[0]
            .id;
        assert_eq!(
            release::save_award(
                &db,
                &unwatched(),
                &sec,
                final_round,
                winner_award,
                AwardForm {
                    motivation_sv: "Svensk motivering".into(),
                    ..Default::default()
                },
                decided,
            )
            .await,
            Err(AppError::Invalid(vec![FieldError::new(
                "motivation_en",
                Problem::Required
            )])),
            "{name}"
        );
        let released = decided + Duration::hours(1);
        release::release(
            &db,
            &unwatched(),
            &sec,
            final_round,
            "",
            released,
            "http://x",
        )
        .await
        .unwrap();

        // The outcome mails: each competing entry's organisation and its country's
        // representative, pointing to the final's page; good practice gets none.
        let mails = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Template.eq("final_results_published"))
            .all(&db)
            .await
            .unwrap();
        let to_rep = |email: &str| {
            mails
                .iter()
                .filter(|m| m.to_address == email)
                .collect::<Vec<_>>()
        };
        assert_eq!(to_rep("ecpa@politie.nl").len(), 1, "{name}");
        let se_mail = to_rep("ecpa@bra.se");
        assert_eq!(se_mail.len(), 1, "{name}");
        assert!(
            se_mail[0].body_text.contains("http://x/europe/2027")
                && se_mail[0].body_text.contains(&english.title),
            "{name}: {}",
            se_mail[0].body_text
        );
        assert!(
            mails.len() > 2,
            "{name}: the Swedish winner's organisation hears it too"
        );

        // The public page: the winner and the runner-up first, then good practice.
        let page = europe::public_view(&db, j.year, released).await.unwrap();
        let order: Vec<(&str, &str, Option<i32>, bool)> = page
            .entries
            .iter()
            .map(|e| (e.country.as_str(), e.title.as_str(), e.place, e.competing))
            .collect();
        assert_eq!(
            order,
            [
                ("SE", english.title.as_str(), Some(1), true),
                ("NL", "Safe neighbourhoods", Some(2), true),
                ("NL", "Street coaches", None, false),
            ],
            "{name}"
        );
        assert_eq!(
            page.entries[0].motivation.as_deref(),
            Some("<p>A model for <strong>every</strong> city.</p>\n"),
            "{name}: the motivation is rendered"
        );

        // The national round's results and archive show the placing from the final.
        let national = publication::competition_page(&db, j.year, released)
            .await
            .unwrap()
            .results
            .unwrap();
        assert!(national.european_held, "{name}");
        assert_eq!(national.awarded[0].european_rank, Some(1), "{name}");
        // With the final on the portal, Brå's organiser types no placing in by hand.
        assert!(
            release::admin_view(&db, &j.admin, j.year, released)
                .await
                .unwrap()
                .final_on_portal,
            "{name}"
        );
        assert_eq!(
            release::add_european(
                &db,
                &unwatched(),
                &j.admin,
                j.year,
                app::model::EuropeanForm {
                    rank: "1".into(),
                    country_sv: "Sverige".into(),
                    country_en: "Sweden".into(),
                    ..Default::default()
                },
                released
            )
            .await,
            Err(AppError::Conflict(app::error::Conflict::FinalOnPortal)),
            "{name}"
        );
        assert_eq!(
            national
                .european
                .iter()
                .map(|p| (p.rank, p.country.sv.as_str()))
                .collect::<Vec<_>>(),
            [(1, "Sverige"), (2, "Nederländerna")],
            "{name}"
        );
        let archive = publication::archive(&db, released).await.unwrap();
        let year = archive.iter().find(|y| y.year == j.year).unwrap();
        assert_eq!(year.european_rank, Some(1), "{name}");
        // Before the final's release the archive knew no placing.
        let before = publication::archive(&db, decided).await.unwrap();
        assert_eq!(
            before
                .iter()
                .find(|y| y.year == j.year)
                .unwrap()
                .european_rank,
            None,
            "{name}"
        );

        // Over HTTP: the page in both languages, and the open data.
        let s = TestServer::start(db.clone(), released + Duration::minutes(5)).await;
        let (status, sv) = s.get("/europe/2027").await;
        assert_eq!(status, 200, "{name}");
        for text in [
            "Europafinalen 2027",
            "Vinnare och tvåor",
            "Risk-reducing interventions",
            "Nederländerna",
            "20\u{a0}000\u{a0}euro",
            "God praxis som inte tävlar",
            "/open-data/europe-2027.json",
        ] {
            assert!(sv.contains(text), "{name}: {text}");
        }
        let (_, en) = s.get("/en/europe/2027").await;
        for text in ["European final 2027", "Netherlands", "€20,000", "Winner"] {
            assert!(en.contains(text), "{name}: {text}");
        }
        assert_eq!(s.get("/europe/2031").await.0, 404, "{name}");
        let (_, national_page) = s.get("/competitions/2027").await;
        assert!(
            national_page.contains(r#"href="/europe/2027""#),
            "{name}: the national results lead to the final"
        );
        let (status, json) = s.get("/open-data/europe-2027.json").await;
        assert_eq!(status, 200, "{name}");
        let data: FinalOpenData = serde_json::from_str(&json).unwrap();
        assert_eq!(data.countries, ["NL", "SE"]);
        assert_eq!(
            (data.prize_winner_eur, data.prize_runner_up_eur),
            (Some(20_000), Some(10_000))
        );
        let first = &data.entries[0];
        assert_eq!(
            (
                first.country.as_str(),
                first.award.as_deref(),
                first.rank,
                first.kind.as_str()
            ),
            ("SE", Some("winner"), Some(1), "competing"),
            "{name}"
        );
        assert_eq!(data.entries[2].kind, "good_practice");
        let (_, csv_text) = s.get("/open-data/europe-2027.csv").await;
        let mut rows = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers, FINAL_CSV_COLUMNS.to_vec(), "{name}");
        let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 3, "{name}");
        assert_eq!(&records[1][2], "the Netherlands");
        assert_eq!(&records[1][4], "runner_up");
        for path in ["/open-data/europe-2030.json", "/open-data/europe-2027.xml"] {
            assert_eq!(s.get(path).await.0, 404, "{name}: {path}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_finals_results_stay_private_until_released() {
    on_each_backend(|db, name| async move {
        let (sec, nl, _) = crate::representative::final_2027(&db).await;
        let open = at(2027, 6, 2, 9, 0);
        entered(&db, &nl, "NL", "Safe neighbourhoods", open).await;
        let judging = at(2027, 10, 2, 9, 0);
        let s = TestServer::start(db.clone(), judging).await;
        let (status, page) = s.get("/en/europe/2027").await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains("Radicalisation"), "{name}");
        assert!(
            !page.contains("Safe neighbourhoods"),
            "{name}: projects show with the results"
        );
        assert_eq!(s.get("/open-data/europe-2027.json").await.0, 404);
        // Nothing to release before the decision.
        let final_round = RoundRef::final_of(2027);
        assert_eq!(
            release::release(&db, &s.public, &sec, final_round, "", judging, "http://x").await,
            Err(AppError::Conflict(app::error::Conflict::NotDecided)),
            "{name}"
        );
    })
    .await;
}
