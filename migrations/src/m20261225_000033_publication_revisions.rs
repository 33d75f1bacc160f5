use sea_orm_migration::{prelude::*, schema::*};

use crate::add_columns;
use crate::unsaved_table::{Belongs, rebuild};

/// News items and events get a revision, moved on by every save, so that a save from an editor
/// opened before someone else saved is refused rather than writing over their text; what such a
/// save (or one refused for what it says) sent is kept for its writer in `unsaved_text`, which
/// gets an `item_id`: the news item's or event's id, or 0 for one not yet created (its form says
/// which). A kept row has exactly one of entry, round and item. Items stored so far start at 0.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns both shapes of `unsaved_text` have, in the order they are copied.
const KEPT: &str = "entry_id, competition_id, user_id, form, draft, reason, based_on, created_at";
const REVISED: [&str; 2] = ["news_item", "event"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in REVISED {
            add_columns(
                manager,
                table,
                vec![integer("revision").default(0).to_owned()],
            )
            .await?;
        }
        rebuild(manager, Belongs::EntryRoundOrItem, KEPT).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The earlier shape has no place for text kept per item.
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM unsaved_text WHERE item_id IS NOT NULL")
            .await?;
        rebuild(manager, Belongs::EntryOrRound, KEPT).await?;
        for table in REVISED {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column("revision")
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
