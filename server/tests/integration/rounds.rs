//! Rounds: a year may hold the home country's national round, other countries' national rounds
//! and the European final. The schema change that allows it keeps every existing row and its
//! references, and the home country's pages and services keep meaning the home round. On SQLite
//! and PostgreSQL.

use crate::common::{TestServer, at, on_each_backend, page_text};
use crate::jury::jury;
use app::backend::competition::{self, EUROPEAN, NATIONAL};
use app::backend::entities::competition as round;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};
use sea_orm_migration::MigratorTrait;

/// Another round of the same year as the home round: its own theme, so a page that took it for
/// the home round would show it.
async fn other_round(db: &DatabaseConnection, year: i32, kind: &str, country: &str) -> i32 {
    round::ActiveModel {
        year: Set(year),
        theme_sv: Set(format!("Tema för {country}")),
        theme_en: Set(Some(format!("Theme of {country}"))),
        description_sv: Set("Text".into()),
        opens_at: Set(Some(at(year, 2, 1, 9, 0))),
        closes_at: Set(Some(at(year, 12, 1, 9, 0))),
        created_at: Set(at(year, 1, 1, 9, 0)),
        round_kind: Set(kind.into()),
        country: Set(country.into()),
        home: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_holds_several_rounds_and_the_home_country_keeps_its_own() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let home = competition::by_year(&db, j.year).await.unwrap();
        assert_eq!(
            (home.round_kind.as_str(), home.country.as_str(), home.home),
            (NATIONAL, "SE", true),
            "{name}: an existing year is the home country's national round"
        );
        other_round(&db, j.year, NATIONAL, "DK").await;
        other_round(&db, j.year, EUROPEAN, "EU").await;

        // The year's services and the public page still mean the home round.
        assert_eq!(
            competition::by_year(&db, j.year).await.unwrap().id,
            home.id,
            "{name}"
        );
        let years: Vec<i32> = competition::all(&db)
            .await
            .unwrap()
            .iter()
            .map(|c| c.year)
            .collect();
        assert_eq!(
            years,
            vec![j.year],
            "{name}: one year in the home country's list"
        );
        let s = TestServer::start(db.clone(), j.judging).await;
        let body = page_text(&s.browser(), format!("{}/competitions/{}", s.base, j.year)).await;
        assert!(body.contains("Återfall"), "{name}");
        assert!(
            !body.contains("Tema för"),
            "{name}: no other round on the home page"
        );

        // Two rounds of one kind, country and year are refused by the database itself.
        let twin = round::ActiveModel {
            year: Set(j.year),
            theme_sv: Set("Dubblett".into()),
            description_sv: Set("Text".into()),
            created_at: Set(at(j.year, 1, 1, 9, 0)),
            round_kind: Set(NATIONAL.into()),
            country: Set("DK".into()),
            home: Set(false),
            ..Default::default()
        }
        .insert(&db)
        .await;
        assert!(
            matches!(
                twin.as_ref().map_err(|e| e.sql_err()),
                Err(Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
            ),
            "{name}: {twin:?}"
        );
    })
    .await;
}

/// The rows of a table, counted.
async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rounds_migration_keeps_every_year_and_what_refers_to_it() {
    on_each_backend(|db, name| async move {
        // Back to an empty database, then up to the schema before rounds, where the year alone
        // was unique, with a year and a row that refers to it.
        migrations::Migrator::down(&db, None).await.unwrap();
        let before = migrations::Migrator::migrations()
            .iter()
            .position(|m| m.name() == "m20261204_000012_rounds")
            .expect("the rounds migration");
        migrations::Migrator::up(&db, Some(before as u32)).await.unwrap();
        for sql in [
            "INSERT INTO competition (id, year, theme_sv, description_sv, created_at) \
             VALUES (7, 2030, 'Tema', 'Text', '2030-01-01 09:00:00+00:00')",
            "INSERT INTO criterion (competition_id, position, key, name_sv, description_sv, weight) \
             VALUES (7, 1, 'theme', 'Tema', 'Text', 1)",
        ] {
            db.execute_unprepared(sql).await.unwrap();
        }
        assert!(
            db.execute_unprepared(
                "INSERT INTO competition (year, theme_sv, description_sv, created_at) \
                 VALUES (2030, 'Igen', 'Text', '2030-01-01 09:00:00+00:00')"
            )
            .await
            .is_err(),
            "{name}: before, a second 2030 was refused"
        );

        migrations::Migrator::up(&db, None).await.unwrap();
        let c = competition::by_year(&db, 2030).await.unwrap();
        assert_eq!((c.id, c.theme_sv.as_str(), c.home), (7, "Tema", true), "{name}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM criterion WHERE competition_id = 7").await, 1);
        other_round(&db, 2030, EUROPEAN, "EU").await;

        // The references still hold: a row pointing nowhere is refused, and removing the year
        // removes what hangs on it.
        assert!(
            db.execute_unprepared(
                "INSERT INTO criterion (competition_id, position, key, name_sv, description_sv, weight) \
                 VALUES (9999, 1, 'theme', 'Tema', 'Text', 1)"
            )
            .await
            .is_err(),
            "{name}: the foreign key is enforced after the rebuild"
        );
        db.execute_unprepared("DELETE FROM competition WHERE id = 7")
            .await
            .unwrap();
        assert_eq!(count(&db, "SELECT COUNT(*) FROM criterion").await, 0, "{name}");

        // Down again (one round per year left) and up: the second way up has nothing to rebuild.
        db.execute_unprepared("DELETE FROM competition").await.unwrap();
        migrations::Migrator::down(&db, Some(1)).await.unwrap();
        migrations::Migrator::up(&db, None).await.unwrap();
        other_round(&db, 2031, NATIONAL, "DK").await;
        other_round(&db, 2031, EUROPEAN, "EU").await;
    })
    .await;
}
