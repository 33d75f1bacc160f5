use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .add_column(timestamp_with_time_zone_null("sessions_valid_after"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("auth_token")
                    .add_column(text_null("payload"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("login_failure")
                    .col(pk_auto("id"))
                    .col(string("email"))
                    .col(string("ip"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_login_failure_at")
                    .table("login_failure")
                    .col("at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("invitation")
                    .col(pk_auto("id"))
                    .col(integer("organisation_id"))
                    .col(string("email"))
                    .col(integer("invited_by"))
                    .col(string("token_hash").unique_key())
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("accepted_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "invitation",
                        "organisation_id",
                        "organisation",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("invitation").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("login_failure").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("auth_token")
                    .drop_column("payload")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .drop_column("sessions_valid_after")
                    .to_owned(),
            )
            .await
    }
}
