use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            text_null("totp_secret"),
            timestamp_with_time_zone_null("totp_enabled_at"),
            big_integer_null("totp_last_step"),
        ] {
            let mut col = col;
            manager
                .alter_table(
                    Table::alter()
                        .table("app_user")
                        .add_column(&mut col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("recovery_code")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string("code_hash"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk(
                        "recovery_code",
                        "user_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("recovery_code").to_owned())
            .await?;
        for col in ["totp_last_step", "totp_enabled_at", "totp_secret"] {
            manager
                .alter_table(Table::alter().table("app_user").drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
