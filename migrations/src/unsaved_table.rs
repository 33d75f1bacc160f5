//! The shapes the `unsaved_text` table has had, and how it is built again from one to another.
//! SQLite cannot make a column nullable or change a CHECK in place, so a migration that changes
//! what a kept row belongs to sets the rows aside, drops the table, creates it in its new shape
//! and copies the rows back. Applied migrations use this, so a shape, once written, must keep
//! producing the same statements.
use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

const TABLE: &str = "unsaved_text";
/// Where the rows wait while the table is built again.
const ASIDE: &str = "unsaved_text_aside";

/// What a kept row belongs to.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Belongs {
    /// An entry (migrations 29 and 30).
    Entry,
    /// An entry or a round, exactly one (migration 31).
    EntryOrRound,
    /// An entry, a round, or a news item or event (0 for one not yet created), exactly one
    /// (migration 33).
    EntryRoundOrItem,
}

/// Builds the table again in `shape` with its rows, copying the columns `kept`.
pub(crate) async fn rebuild(
    manager: &SchemaManager<'_>,
    shape: Belongs,
    kept: &str,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "CREATE TABLE {ASIDE} AS SELECT {kept} FROM {TABLE} ORDER BY id"
    ))
    .await?;
    manager
        .drop_table(Table::drop().table(TABLE).to_owned())
        .await?;
    let mut table = Table::create();
    table.table(TABLE).col(pk_auto("id"));
    match shape {
        Belongs::Entry => {
            table.col(integer("entry_id"));
        }
        Belongs::EntryOrRound => {
            table
                .col(integer_null("entry_id"))
                .col(integer_null("competition_id"))
                .check(
                    Expr::col("entry_id")
                        .is_null()
                        .ne(Expr::col("competition_id").is_null()),
                );
        }
        Belongs::EntryRoundOrItem => {
            table
                .col(integer_null("entry_id"))
                .col(integer_null("competition_id"))
                .col(integer_null("item_id"))
                .check(Expr::cust(
                    "(CASE WHEN entry_id IS NULL THEN 0 ELSE 1 END) \
                     + (CASE WHEN competition_id IS NULL THEN 0 ELSE 1 END) \
                     + (CASE WHEN item_id IS NULL THEN 0 ELSE 1 END) = 1",
                ));
        }
    }
    if shape >= Belongs::EntryOrRound {
        table.foreign_key(&mut fk(
            TABLE,
            "competition_id",
            "competition",
            ForeignKeyAction::Cascade,
        ));
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
    if shape >= Belongs::EntryOrRound {
        keys.push(("ux_unsaved_text_round_user_form", "competition_id"));
    }
    if shape >= Belongs::EntryRoundOrItem {
        keys.push(("ux_unsaved_text_item_user_form", "item_id"));
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
        "INSERT INTO {TABLE} ({kept}) SELECT {kept} FROM {ASIDE} ORDER BY created_at"
    ))
    .await?;
    manager
        .drop_table(Table::drop().table(ASIDE).to_owned())
        .await
}
