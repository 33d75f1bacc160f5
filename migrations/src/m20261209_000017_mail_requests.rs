use sea_orm_migration::{prelude::*, schema::*};

/// Requests that make the portal mail someone (a password reset, a registration, a
/// subscription, an invitation, a change of address), kept for the hour in which each kind is
/// limited per client and per recipient. See `backend/mail_limits.rs`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("mail_request")
                    .col(pk_auto("id"))
                    .col(string("purpose"))
                    .col(string("client"))
                    .col(string("recipient"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [("client", "client"), ("recipient", "recipient")] {
            manager
                .create_index(
                    Index::create()
                        .name(format!("ix_mail_request_{name}"))
                        .table("mail_request")
                        .col("purpose")
                        .col(col)
                        .col("at")
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_request_at")
                    .table("mail_request")
                    .col("at")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("mail_request").to_owned())
            .await?;
        Ok(())
    }
}
