//! Service tests: the same bodies on SQLite and on PostgreSQL (when ECPA_TEST_POSTGRES_URL is set).

use crate::common::{at, on_each_backend};
use app::backend::entities::{competition, entry, news_item};
use app::backend::{demo, publication};
use app::error::AppError;
use app::model::{AwardKind, NewsKind, Phase};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const OTHER_2022: [&str; 8] = [
    "VIP – Viktig intressant person",
    "Liten och Trygg i norra Dalarna",
    "Baba",
    "IGOR – I gemensam organisation mot relationsvåld",
    "Resursteam Heder",
    "Safe Havens Stockholm",
    "Basprogram Barnafrid om våld mot barn",
    "Stödcentrum för unga brottsutsatta och vittnen",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_rerun_and_demo_seed_is_idempotent() {
    on_each_backend(|db, name| async move {
        // The schema exists already; running the migrator again is a no-op.
        server::migrate(&db).await.unwrap();
        assert!(
            demo::is_empty(&db).await.unwrap(),
            "{name}: fresh database is empty"
        );
        assert!(demo::seed(&db).await.unwrap(), "{name}: first seed loads");
        assert!(
            !demo::seed(&db).await.unwrap(),
            "{name}: second seed does nothing"
        );
        assert!(!demo::is_empty(&db).await.unwrap());
        // Four Swedish years, the 2022 final and the Dutch round of 2022; nine Swedish entries,
        // the final's three and the Dutch round's three.
        assert_eq!(
            competition::Entity::find().count(&db).await.unwrap(),
            6,
            "{name}"
        );
        assert_eq!(
            entry::Entity::find().count(&db).await.unwrap(),
            15,
            "{name}"
        );
        assert_eq!(
            news_item::Entity::find().count(&db).await.unwrap(),
            2,
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_2022_round_shows_the_winner_first_then_the_other_eight() {
    on_each_backend(|db, name| async move {
        demo::seed(&db).await.unwrap();
        let page = publication::competition_page(&db, 2022, at(2026, 11, 25, 12, 0))
            .await
            .unwrap();
        assert_eq!(page.summary.phase, Phase::Published, "{name}");
        let results = page.results.expect("results are public");
        assert_eq!(results.awarded.len(), 1);
        let winner = &results.awarded[0];
        assert_eq!(winner.kind, AwardKind::Winner);
        assert_eq!(winner.entry.title, "Riskreducerande insatser (RRI)");
        assert_eq!(winner.entry.organisation, "Polismyndigheten");
        assert_eq!(winner.european_rank, Some(1));
        assert!(
            winner.entry.summary.sv.contains("118")
                && winner.entry.summary.sv.contains("72 procent")
        );
        assert!(winner.motivation.as_ref().is_some_and(|m| m.en.is_some()));
        assert!(winner.about.is_some());
        let mut others: Vec<_> = results.others.iter().map(|e| e.title.as_str()).collect();
        others.sort();
        let mut expected = OTHER_2022.to_vec();
        expected.sort();
        assert_eq!(others, expected, "{name}");
        assert!(
            results
                .others
                .iter()
                .all(|e| !e.summary.sv.is_empty() && e.summary.en.is_some())
        );
        let european: Vec<_> = results
            .european
            .iter()
            .map(|p| (p.rank, p.country.en.clone().unwrap()))
            .collect();
        assert_eq!(
            european,
            vec![
                (1, "Sweden".into()),
                (2, "the Netherlands".into()),
                (3, "Denmark".into())
            ]
        );
        assert!(
            results.european_held,
            "{name}: the placings come from the final"
        );
        assert_eq!(page.summary.winner.unwrap().slug, "rri");
        assert!(page.news.iter().any(|n| n.kind == NewsKind::PressRelease));
        assert_eq!(page.events.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_2022_final_is_held_on_the_portal_with_swedens_winner_forwarded() {
    on_each_backend(|db, name| async move {
        demo::seed(&db).await.unwrap();
        let now = at(2026, 11, 25, 12, 0);
        let v = app::backend::europe::public_view(&db, 2022, now)
            .await
            .unwrap();
        assert_eq!(v.countries, ["DK", "NL", "SE"], "{name}");
        let placed: Vec<(&str, Option<i32>)> = v
            .entries
            .iter()
            .map(|e| (e.country.as_str(), e.place))
            .collect();
        assert_eq!(
            placed,
            [("SE", Some(1)), ("NL", Some(2)), ("DK", Some(3))],
            "{name}"
        );
        assert_eq!(v.entries[0].title, "Risk-reducing interventions (RRI)");
        assert!(v.entries[0].motivation.is_some() && !v.entries[0].summary.is_empty());
        // Its national entry is the forwarded one, and its open data is out.
        let data = app::backend::europe::open_data(&db, 2022, now)
            .await
            .unwrap();
        assert_eq!(data.entries[0].award.as_deref(), Some("winner"), "{name}");
        // Before the conference the final's result was not public, nor the placing at home.
        let before = at(2022, 12, 1, 12, 0);
        assert!(
            app::backend::europe::public_view(&db, 2022, before)
                .await
                .unwrap()
                .entries
                .is_empty(),
            "{name}"
        );
        let archive = publication::archive(&db, before).await.unwrap();
        let y2022 = archive.iter().find(|y| y.year == 2022).unwrap();
        assert!(
            y2022.winner.is_some() && y2022.european_rank.is_none(),
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_stay_hidden_until_publication() {
    on_each_backend(|db, name| async move {
        demo::seed(&db).await.unwrap();
        let published = at(2022, 10, 20, 9, 0);
        let before = published - chrono::Duration::seconds(1);
        let page = publication::competition_page(&db, 2022, before)
            .await
            .unwrap();
        assert_eq!(page.summary.phase, Phase::Decided, "{name}");
        assert!(page.results.is_none() && page.summary.winner.is_none());
        // The press release is not out yet either.
        assert!(page.news.iter().all(|n| n.kind != NewsKind::PressRelease));
        let archive = publication::archive(&db, before).await.unwrap();
        assert!(archive.iter().all(|y| y.winner.is_none()));
        let after = publication::competition_page(&db, 2022, published)
            .await
            .unwrap();
        assert!(after.results.is_some());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_archive_lists_every_public_year_newest_first() {
    on_each_backend(|db, name| async move {
        demo::seed(&db).await.unwrap();
        let now = at(2026, 11, 25, 12, 0);
        // A draft year is not public.
        competition::ActiveModel {
            year: Set(2027),
            theme_sv: Set("Utkast".into()),
            description_sv: Set(String::new()),
            opens_at: Set(Some(at(2027, 4, 1, 9, 0))),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        let years: Vec<i32> = publication::archive(&db, now)
            .await
            .unwrap()
            .iter()
            .map(|y| y.year)
            .collect();
        assert_eq!(years, vec![2022, 2021, 2020, 2019], "{name}");
        let err = publication::competition_page(&db, 2027, now)
            .await
            .unwrap_err();
        assert_eq!(err, AppError::NotFound);
        assert_eq!(
            publication::competition_page(&db, 1999, now)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        let home = publication::home(&db, now).await.unwrap();
        assert_eq!(
            home.current.unwrap().year,
            2022,
            "{name}: drafts are not the current year"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_competition_is_current_until_its_deadline_second() {
    on_each_backend(|db, name| async move {
        demo::seed(&db).await.unwrap();
        let closes = at(2026, 8, 21, 23, 59);
        competition::ActiveModel {
            year: Set(2026),
            theme_sv: Set("Förebyggande av återfall i brott".into()),
            theme_en: Set(Some("Preventing reoffending".into())),
            description_sv: Set("Beskrivning".into()),
            opens_at: Set(Some(at(2026, 4, 1, 9, 0))),
            closes_at: Set(Some(closes)),
            created_at: Set(at(2026, 3, 1, 9, 0)),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        let second = chrono::Duration::seconds(1);
        let home = publication::home(&db, closes - second).await.unwrap();
        let current = home.current.unwrap();
        assert_eq!((current.year, current.phase), (2026, Phase::Open), "{name}");
        let deadline = current.closes_at.unwrap();
        assert_eq!(
            (deadline.date.as_str(), deadline.time.as_str()),
            ("2026-08-21", "23:59")
        );
        assert_eq!(deadline.unix - home.now, 1);
        let home = publication::home(&db, closes).await.unwrap();
        assert_eq!(home.current.unwrap().phase, Phase::Screening);
        let page = publication::competition_page(&db, 2026, closes)
            .await
            .unwrap();
        assert!(page.results.is_none(), "no results before publication");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpublished_news_is_invisible_and_missing_translations_fall_back() {
    on_each_backend(|db, name| async move {
        demo::seed(&db).await.unwrap();
        let now = at(2026, 11, 25, 12, 0);
        for (slug, published) in [
            ("kommande", at(2026, 12, 24, 9, 0)),
            ("bara-svenska", at(2026, 11, 1, 9, 0)),
        ] {
            news_item::ActiveModel {
                slug: Set(slug.into()),
                kind: Set("news".into()),
                title_sv: Set(format!("Rubrik {slug}")),
                summary_sv: Set("Sammanfattning".into()),
                body_md_sv: Set("Text".into()),
                body_html_sv: Set("<p>Text</p>".into()),
                published_at: Set(Some(published)),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&db)
            .await
            .unwrap();
        }
        let list = publication::news_list(&db, now, None, None).await.unwrap();
        let slugs: Vec<_> = list.iter().map(|n| n.slug.as_str()).collect();
        assert_eq!(
            slugs,
            vec![
                "bara-svenska",
                "rri-vinner-ecpa-2022",
                "ecpa-2022-utlysning"
            ],
            "{name}"
        );
        assert_eq!(
            publication::news_article(&db, "kommande", now)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        let only_sv = publication::news_article(&db, "bara-svenska", now)
            .await
            .unwrap();
        assert_eq!(only_sv.summary.title.en, None);
        assert_eq!(
            only_sv.summary.title.pick(app::i18n::Lang::En),
            ("Rubrik bara-svenska", true)
        );
        assert_eq!(
            publication::news_list(&db, now, None, Some(1))
                .await
                .unwrap()
                .len(),
            1,
            "the limit is applied"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webinar_has_its_speakers_in_order() {
    on_each_backend(|db, name| async move {
        demo::seed(&db).await.unwrap();
        let now = at(2026, 11, 25, 12, 0);
        let e = publication::event(&db, "webbinarium-vald-i-nara-relationer", now)
            .await
            .unwrap();
        assert_eq!(e.summary.starts.date, "2022-12-01", "{name}");
        let names: Vec<_> = e.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Lina Lundborg",
                "Mahlet Techan",
                "Rebecka Andersson",
                "Susanne Gosenius",
                "Carl Gynne"
            ]
        );
        assert!(e.speakers.last().unwrap().moderator);
        assert_eq!(e.competition_year, Some(2022));
        assert_eq!(
            publication::event(&db, "nope", now).await.unwrap_err(),
            AppError::NotFound
        );
        let consented = entry::Entity::find()
            .filter(entry::Column::PublicationConsent.eq(true))
            .count(&db)
            .await
            .unwrap();
        // The nine Swedish entries and RRI's in the final.
        assert_eq!(consented, 10);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn foreign_keys_are_enforced() {
    on_each_backend(|db, name| async move {
        let orphan = entry::ActiveModel {
            competition_id: Set(4242),
            organisation_id: Set(4242),
            reference: Set("X-1".into()),
            slug: Set("x".into()),
            country: Set("SE".into()),
            competing: Set(true),
            title: Set("X".into()),
            organisation_display: Set("X".into()),
            ongoing: Set(true),
            description: Set(String::new()),
            problem: Set(String::new()),
            objectives: Set(String::new()),
            target_group: Set(String::new()),
            methods: Set(String::new()),
            partners: Set(String::new()),
            resources: Set(String::new()),
            evaluation: Set(String::new()),
            replicability: Set(String::new()),
            theme_relevance: Set(String::new()),
            public_summary_sv: Set(String::new()),
            publication_consent: Set(false),
            status: Set(app::model::EntryStatus::Draft),
            revision: Set(1),
            created_at: Set(at(2026, 1, 1, 0, 0)),
            updated_at: Set(at(2026, 1, 1, 0, 0)),
            ..Default::default()
        };
        assert!(
            orphan.insert(&db).await.is_err(),
            "{name}: an entry needs a real competition"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_store_keeps_live_sessions_and_drops_expired_ones() {
    use tower_sessions::session::{Id, Record};
    use tower_sessions::session_store::SessionStore;
    on_each_backend(|db, name| async move {
        let store = app::backend::sessions::DbSessionStore::new(db.clone());
        let now = time::OffsetDateTime::now_utc();
        let mut live = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: now + time::Duration::hours(1),
        };
        live.data.insert("user_id".into(), serde_json::json!(7));
        store.create(&mut live).await.unwrap();
        let mut old = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: now - time::Duration::hours(1),
        };
        store.create(&mut old).await.unwrap();
        let loaded = store.load(&live.id).await.unwrap().expect("live session");
        assert_eq!(
            loaded.data.get("user_id"),
            Some(&serde_json::json!(7)),
            "{name}"
        );
        assert!(
            store.load(&old.id).await.unwrap().is_none(),
            "{name}: an expired session does not load"
        );
        live.data.insert("user_id".into(), serde_json::json!(8));
        store.save(&live).await.unwrap();
        assert_eq!(
            store
                .load(&live.id)
                .await
                .unwrap()
                .unwrap()
                .data
                .get("user_id"),
            Some(&serde_json::json!(8))
        );
        assert_eq!(
            store.delete_expired(chrono::Utc::now()).await.unwrap(),
            1,
            "{name}"
        );
        store.delete(&live.id).await.unwrap();
        assert!(store.load(&live.id).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_dutch_round_is_seen_by_the_organiser_the_secretariat_names_and_nobody_else() {
    use crate::jury::actor;
    use crate::people::person;
    use app::backend::entries::{applicant, screening};
    use app::backend::{europe, rounds};
    use app::model::{Country, Role, RoundRef};
    on_each_backend(|db, name| async move {
        demo::seed(&db).await.unwrap();
        let now = at(2026, 11, 25, 12, 0);
        let nl = Country::parse("NL").unwrap();
        let sec = actor(
            &db,
            person(&db, "sek@eucpn.example", None, &[Role::Secretariat]).await,
        )
        .await;
        let bra = actor(&db, person(&db, "admin@bra.se", None, &[Role::Admin]).await).await;
        let organiser = person(&db, "ecpa@ccv.example", None, &[]).await;

        // The final's page offers the Netherlands and Denmark, the Netherlands hosted already.
        let hosted: Vec<(String, bool)> = europe::view(&db, &sec, 2022)
            .await
            .unwrap()
            .hosted
            .iter()
            .map(|h| (h.country.code().to_string(), h.hosted))
            .collect();
        assert_eq!(
            hosted,
            vec![("DK".into(), false), ("NL".into(), true)],
            "{name}"
        );
        rounds::host(&db, &sec, 2022, "NL", "ecpa@ccv.example", now)
            .await
            .unwrap();
        let organiser = actor(&db, organiser).await;

        // Three entries in English, in judging; Brå's organiser sees none of them, and the
        // Swedish round's public page none either.
        let dutch = RoundRef::national(2022, nl);
        let rows = screening::list(&db, &organiser, dutch, now)
            .await
            .unwrap()
            .rows;
        let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "The second visit",
                "Safe Line for older residents",
                "Harbour Rooms"
            ],
            "{name}"
        );
        let v = rounds::view(&db, &organiser, 2022, nl, now).await.unwrap();
        assert_eq!((v.phase, v.submitted), (Phase::Judging, 3), "{name}");
        for row in &rows {
            let view = applicant::view(&db, &organiser, row.id, now).await.unwrap();
            assert!(
                view.english
                    && view
                        .draft
                        .public_summary_en
                        .contains("invented for the demo"),
                "{name}"
            );
            assert_eq!(
                applicant::readable(&db, &bra, row.id).await.map(|_| ()),
                Err(AppError::NotFound),
                "{name}"
            );
            assert!(
                applicant::last_submitted(&db, row.id)
                    .await
                    .unwrap()
                    .is_some(),
                "{name}: what a juror would read"
            );
        }
        let page = publication::competition_page(&db, 2022, now).await.unwrap();
        let shown = format!("{page:?}");
        assert!(!shown.contains("Harbour Rooms"), "{name}");
    })
    .await;
}
