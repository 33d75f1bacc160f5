use sea_orm_migration::{prelude::*, schema::*};

use crate::{add_columns, fk};

/// The entry in English (its title and sections, one JSON object, `{}` for entries written
/// before), and the organiser's versions of the winner's English text after the decision.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "entry",
            vec![json_binary("english").default("{}").to_owned()],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("english_version")
                    .col(pk_auto("id"))
                    .col(integer("entry_id"))
                    .col(integer("number"))
                    .col(json_binary("text"))
                    .col(timestamp_with_time_zone("edited_at"))
                    .col(integer_null("edited_by"))
                    .col(text("edited_by_name"))
                    .foreign_key(&mut fk(
                        "english_version",
                        "entry_id",
                        "entry",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_english_version_entry_number")
                    .table("english_version")
                    .col("entry_id")
                    .col("number")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("english_version").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("entry")
                    .drop_column("english")
                    .to_owned(),
            )
            .await
    }
}
