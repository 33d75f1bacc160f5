use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

/// A year's own words for a mail (`model::MailKey`) in one language: its subject and main
/// text, with the same named placeholders as the portal's. A mail without a row uses the
/// portal's words.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("mail_text")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(string("mail"))
                    .col(string("language"))
                    .col(string("subject"))
                    .col(text("body"))
                    .col(integer_null("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        "mail_text",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "mail_text",
                        "updated_by",
                        "app_user",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_mail_text")
                    .table("mail_text")
                    .col("competition_id")
                    .col("mail")
                    .col("language")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("mail_text").to_owned())
            .await
    }
}
