use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

/// The jury's feedback to an applicant: per entry, the jurors' comments the organiser or chair
/// chose (by sheet and criterion, never by juror), a summary the chair writes in Swedish and
/// English, and when the organiser released it to the applicant.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("entry_feedback")
                    .col(pk_auto("id"))
                    .col(integer("entry_id").unique_key())
                    .col(text("summary_sv"))
                    .col(text("summary_en"))
                    .col(json_binary("chosen"))
                    .col(integer_null("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer_null("released_by"))
                    .col(timestamp_with_time_zone_null("released_at"))
                    .foreign_key(&mut fk(
                        "entry_feedback",
                        "entry_id",
                        "entry",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "entry_feedback",
                        "updated_by",
                        "app_user",
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "entry_feedback",
                        "released_by",
                        "app_user",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("entry_feedback").to_owned())
            .await
    }
}
