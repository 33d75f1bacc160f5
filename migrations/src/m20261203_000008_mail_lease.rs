use sea_orm_migration::{prelude::*, schema::*};

use crate::add_columns;

/// Mail priorities and claims that belong to an instance: `priority` 0 goes before 1 (a person
/// waits for a receipt or a sign-in link, not for a reminder), and `claimed_by` names the
/// instance that is sending a mail while its lease (`next_attempt_at`) runs.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "mail_outbox",
            vec![
                integer("priority").default(1).to_owned(),
                string_null("claimed_by").to_owned(),
            ],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_outbox_next")
                    .table("mail_outbox")
                    .col("status")
                    .col("priority")
                    .col("id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_mail_outbox_next")
                    .table("mail_outbox")
                    .to_owned(),
            )
            .await?;
        for col in ["claimed_by", "priority"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("mail_outbox")
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
