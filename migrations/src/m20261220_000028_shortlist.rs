use sea_orm_migration::{prelude::*, schema::*};

use crate::{add_columns, fk};

/// A shortlist round before full scoring: whether a year has one and how jurors answer
/// (`rating`, 1 to 5, or `vote`, yes or no), when the shortlist's answers are due, each juror's
/// answer per entry, and the chair's advancement of the shortlisted entries with its reason.
/// No existing round has one.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "competition",
            vec![
                string_null("shortlist_kind").to_owned(),
                timestamp_with_time_zone_null("shortlist_closes_at").to_owned(),
            ],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("shortlist_vote")
                    .col(pk_auto("id"))
                    .col(integer("entry_id"))
                    .col(integer("juror_id"))
                    .col(integer("value"))
                    .col(timestamp_with_time_zone("saved_at"))
                    .foreign_key(&mut fk(
                        "shortlist_vote",
                        "entry_id",
                        "entry",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "shortlist_vote",
                        "juror_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_shortlist_vote_entry_juror")
                    .table("shortlist_vote")
                    .col("entry_id")
                    .col("juror_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("shortlist_advance")
                    .col(pk_auto("id"))
                    .col(integer("competition_id").unique_key())
                    .col(json_binary("entries"))
                    .col(integer_null("top"))
                    .col(text("reason"))
                    .col(integer_null("advanced_by"))
                    .col(timestamp_with_time_zone("advanced_at"))
                    .foreign_key(&mut fk(
                        "shortlist_advance",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "shortlist_advance",
                        "advanced_by",
                        "app_user",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("shortlist_advance").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("shortlist_vote").to_owned())
            .await?;
        for col in ["shortlist_closes_at", "shortlist_kind"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("competition")
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
