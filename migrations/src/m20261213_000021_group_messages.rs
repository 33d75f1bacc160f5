use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

/// Messages the organiser writes to a group of a round's people (applicants with drafts, all
/// jurors, …), sent now or at a set time through the outbox, once: `sent_at` is claimed by the
/// sending, and `recipients` records how many it reached.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("group_message")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(string("segment"))
                    .col(string("subject_sv"))
                    .col(text("body_sv"))
                    .col(string("subject_en"))
                    .col(text("body_en"))
                    .col(timestamp_with_time_zone("send_at"))
                    .col(integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(integer_null("recipients"))
                    .foreign_key(&mut fk(
                        "group_message",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "group_message",
                        "created_by",
                        "app_user",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_group_message_due")
                    .table("group_message")
                    .col("sent_at")
                    .col("send_at")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("group_message").to_owned())
            .await
    }
}
