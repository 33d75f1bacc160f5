use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

/// Refused text is kept for the jury's decision too, which belongs to a round rather than to
/// an entry: `unsaved_text` gets a `competition_id`, and `entry_id` may be empty (a row has
/// exactly one of the two, as its form says). One row per person, round and form, as per
/// person, entry and form. SQLite cannot make a column nullable in place, so the table is
/// built again on both databases, its rows kept. Nothing refers to it.
#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "unsaved_text";
/// Where the rows wait while the table is built again.
const ASIDE: &str = "unsaved_text_aside";
/// The columns both shapes have, in the order they are copied.
const KEPT: &str = "entry_id, user_id, form, draft, reason, based_on, created_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rebuild(manager, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The earlier shape has no place for text kept per round.
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM unsaved_text WHERE entry_id IS NULL")
            .await?;
        rebuild(manager, false).await
    }
}

/// Builds the table again, per round too (`per_round`) or per entry only as migration 30 left
/// it, with its rows: set aside, the table dropped and made again, the rows copied back.
async fn rebuild(manager: &SchemaManager<'_>, per_round: bool) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "CREATE TABLE {ASIDE} AS SELECT {KEPT} FROM {TABLE} ORDER BY id"
    ))
    .await?;
    manager
        .drop_table(Table::drop().table(TABLE).to_owned())
        .await?;
    let mut table = Table::create();
    table.table(TABLE).col(pk_auto("id"));
    if per_round {
        table
            .col(integer_null("entry_id"))
            .col(integer_null("competition_id"))
            .check(
                Expr::col("entry_id")
                    .is_null()
                    .ne(Expr::col("competition_id").is_null()),
            )
            .foreign_key(&mut fk(
                TABLE,
                "competition_id",
                "competition",
                ForeignKeyAction::Cascade,
            ));
    } else {
        table.col(integer("entry_id"));
    }
    table
        .col(integer("user_id"))
        .col(text("draft"))
        .col(string("reason"))
        .col(timestamp_with_time_zone("created_at"))
        .col(string("form").default("entry"))
        .col(integer_null("based_on"))
        .foreign_key(&mut fk(
            TABLE,
            "entry_id",
            "entry",
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut fk(
            TABLE,
            "user_id",
            "app_user",
            ForeignKeyAction::Cascade,
        ));
    manager.create_table(table.to_owned()).await?;
    let mut keys = vec![("ux_unsaved_text_entry_user_form", "entry_id")];
    if per_round {
        keys.push(("ux_unsaved_text_round_user_form", "competition_id"));
    }
    for (name, key) in keys {
        manager
            .create_index(
                Index::create()
                    .name(name)
                    .table(TABLE)
                    .col(key)
                    .col("user_id")
                    .col("form")
                    .unique()
                    .to_owned(),
            )
            .await?;
    }
    db.execute_unprepared(&format!(
        "INSERT INTO {TABLE} ({KEPT}) SELECT {KEPT} FROM {ASIDE} ORDER BY created_at"
    ))
    .await?;
    manager
        .drop_table(Table::drop().table(ASIDE).to_owned())
        .await
}
