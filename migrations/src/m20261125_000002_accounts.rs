use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("app_user")
                    .col(pk_auto("id"))
                    .col(string("email").unique_key())
                    .col(string("name"))
                    .col(string("password_hash"))
                    .col(string("language"))
                    .col(boolean("active"))
                    .col(timestamp_with_time_zone_null("email_verified_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("user_role")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string("role"))
                    .foreign_key(&mut fk(
                        "user_role",
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
                    .name("ux_user_role")
                    .table("user_role")
                    .col("user_id")
                    .col("role")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("organisation_member")
                    .col(pk_auto("id"))
                    .col(integer("organisation_id"))
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("joined_at"))
                    .foreign_key(&mut fk(
                        "organisation_member",
                        "organisation_id",
                        "organisation",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "organisation_member",
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
                    .name("ux_organisation_member")
                    .table("organisation_member")
                    .col("organisation_id")
                    .col("user_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("auth_token")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string("purpose"))
                    .col(string("token_hash").unique_key())
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "auth_token",
                        "user_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("session")
                    .col(string("id").primary_key())
                    .col(text("data"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("mail_outbox")
                    .col(pk_auto("id"))
                    .col(string("to_address"))
                    .col(string("to_name"))
                    .col(string("language"))
                    .col(string("template"))
                    .col(text("subject"))
                    .col(text("body_text"))
                    .col(text("body_html"))
                    .col(string("status"))
                    .col(integer("attempts"))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_outbox_due")
                    .table("mail_outbox")
                    .col("status")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "mail_outbox",
            "session",
            "auth_token",
            "organisation_member",
            "user_role",
            "app_user",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
