use sea_orm_migration::prelude::*;

use crate::unsaved_table::{Belongs, rebuild};

/// Refused text is kept for the jury's decision too, which belongs to a round rather than to
/// an entry: `unsaved_text` gets a `competition_id`, and `entry_id` may be empty (a row has
/// exactly one of the two, as its form says). One row per person, round and form, as per
/// person, entry and form. SQLite cannot make a column nullable in place, so the table is
/// built again on both databases, its rows kept. Nothing refers to it.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns both shapes have, in the order they are copied.
const KEPT: &str = "entry_id, user_id, form, draft, reason, based_on, created_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rebuild(manager, Belongs::EntryOrRound, KEPT).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The earlier shape has no place for text kept per round.
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM unsaved_text WHERE entry_id IS NULL")
            .await?;
        rebuild(manager, Belongs::Entry, KEPT).await
    }
}
