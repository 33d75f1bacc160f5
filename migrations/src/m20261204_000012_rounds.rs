use sea_orm_migration::sea_orm::{DatabaseBackend, DatabaseExecutor, sqlx};
use sea_orm_migration::{prelude::*, schema::*};

use crate::{add_columns, fk};

/// Rounds: a competition row becomes a round, the national round of one country or the European
/// final of a year, so one portal can hold several rounds of the same year. Every existing row
/// is the home country's national round, as before (`home`, `SE`). The year alone is no longer
/// unique; (year, kind, country) is. A final lists the member states taking part, each with
/// its national representative (`final_country`).
#[derive(DeriveMigrationName)]
pub struct Migration;

/// What the initial migration wrote for the year column on SQLite, an inline constraint that
/// SQLite can only lose by rebuilding the table.
const SQLITE_UNIQUE_YEAR: &str = "\"year\" integer NOT NULL UNIQUE";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => sqlite_drop_unique_year(manager).await?,
            _ => {
                manager
                    .get_connection()
                    .execute_unprepared(
                        "ALTER TABLE competition DROP CONSTRAINT IF EXISTS competition_year_key",
                    )
                    .await?;
            }
        }
        drop_index_if_exists(manager, "ux_competition_year").await?;
        add_columns(
            manager,
            "competition",
            vec![
                string_len("round_kind", 16).default("national").to_owned(),
                string_len("country", 2).default("SE").to_owned(),
                boolean("home").default(true).to_owned(),
            ],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_competition_round")
                    .table("competition")
                    .col("year")
                    .col("round_kind")
                    .col("country")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("final_country")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(string_len("country", 2))
                    .col(integer_null("representative_id"))
                    .foreign_key(&mut fk(
                        "final_country",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "final_country",
                        "representative_id",
                        "app_user",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_final_country")
                    .table("final_country")
                    .col("competition_id")
                    .col("country")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("final_country").to_owned())
            .await?;
        // Only a portal with one round per year can go back: the unique year refuses the rest.
        drop_index_if_exists(manager, "ux_competition_round").await?;
        for col in ["home", "country", "round_kind"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("competition")
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ux_competition_year")
                    .table("competition")
                    .col("year")
                    .unique()
                    .to_owned(),
            )
            .await
    }
}

async fn drop_index_if_exists(manager: &SchemaManager<'_>, name: &str) -> Result<(), DbErr> {
    manager
        .drop_index(
            Index::drop()
                .name(name)
                .table("competition")
                .if_exists()
                .to_owned(),
        )
        .await
}

/// SQLite's way to drop a column constraint: a new table with the same columns, the rows
/// copied, the old table dropped and the new one renamed, with foreign keys off on that one
/// connection so that dropping the old table neither deletes the rows that refer to it nor
/// leaves them pointing at another name. The rows are then checked against every foreign key
/// before the keys are turned on again. The table's own statement is read from the schema,
/// so every column, default and key stays exactly as the earlier migrations made it.
async fn sqlite_drop_unique_year(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let DatabaseExecutor::Connection(db) = manager.get_connection() else {
        return Err(DbErr::Migration(
            "the rounds migration must run outside a transaction on SQLite".into(),
        ));
    };
    let pool = db.get_sqlite_connection_pool();
    let mut conn = pool.acquire().await.map_err(sqlx_error)?;
    let (sql,): (String,) = sqlx::query_as(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'competition'",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(sqlx_error)?;
    if !sql.contains(SQLITE_UNIQUE_YEAR) {
        // Already without it (the schema went down and up again): nothing to rebuild.
        return Ok(());
    }
    let rebuilt = sql
        .replacen(SQLITE_UNIQUE_YEAR, "\"year\" integer NOT NULL", 1)
        .replacen("\"competition\"", "\"competition_rebuilt\"", 1);
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *conn)
        .await
        .map_err(sqlx_error)?;
    let steps = async {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        // The table's own statement from the schema, with one constraint and its name changed.
        sqlx::query(sqlx::AssertSqlSafe(rebuilt.clone()))
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO competition_rebuilt SELECT * FROM competition")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DROP TABLE competition")
            .execute(&mut *tx)
            .await?;
        sqlx::query("ALTER TABLE competition_rebuilt RENAME TO competition")
            .execute(&mut *tx)
            .await?;
        let broken: Vec<(String,)> =
            sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                .fetch_all(&mut *tx)
                .await?;
        if broken.is_empty() {
            tx.commit().await?;
            Ok::<_, sqlx::Error>(None)
        } else {
            tx.rollback().await?;
            Ok(Some(broken))
        }
    }
    .await;
    // Back on, whatever happened, before the connection returns to the pool.
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await
        .map_err(sqlx_error)?;
    match steps.map_err(sqlx_error)? {
        None => Ok(()),
        Some(broken) => Err(DbErr::Migration(format!(
            "rebuilding competition would break foreign keys in {broken:?}"
        ))),
    }
}

fn sqlx_error(e: sqlx::Error) -> DbErr {
    DbErr::Migration(format!("rebuilding competition: {e}"))
}
