use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

/// The jury's discussion of an entry: notes by its jurors and the round's organiser, never
/// shown to applicants. A note outlives its author's account (the author becomes empty).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("jury_note")
                    .col(pk_auto("id"))
                    .col(integer("entry_id"))
                    .col(integer_null("author_id"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "jury_note",
                        "entry_id",
                        "entry",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "jury_note",
                        "author_id",
                        "app_user",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_jury_note_entry")
                    .table("jury_note")
                    .col("entry_id")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("jury_note").to_owned())
            .await
    }
}
