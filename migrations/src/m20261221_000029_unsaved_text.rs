use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

/// Text an applicant typed that a save refused (a colleague had saved first, a field over its
/// limit, the deadline passed): kept for that person alone, the latest per entry, until they
/// discard it or retention removes it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("unsaved_text")
                    .col(pk_auto("id"))
                    .col(integer("entry_id"))
                    .col(integer("user_id"))
                    .col(text("draft"))
                    .col(string("reason"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "unsaved_text",
                        "entry_id",
                        "entry",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "unsaved_text",
                        "user_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_unsaved_text_entry_user")
                    .table("unsaved_text")
                    .col("entry_id")
                    .col("user_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("unsaved_text").to_owned())
            .await
    }
}
