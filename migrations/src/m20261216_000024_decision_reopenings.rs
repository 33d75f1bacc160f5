use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

/// A recorded jury decision taken back before the results were public: when, by whom, why,
/// the decision as it stood (JSON: winner, runners-up, mentions, motivations, tie reason), so
/// that the jury's next decision starts from it and nothing of it is lost, and a scheduled
/// release of the results that the reopening took back with it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("decision_reopening")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(integer_null("reopened_by"))
                    .col(timestamp_with_time_zone("reopened_at"))
                    .col(text("reason"))
                    .col(timestamp_with_time_zone("decided_at"))
                    .col(json_binary("previous"))
                    .col(timestamp_with_time_zone_null("release_taken_back"))
                    .foreign_key(&mut fk(
                        "decision_reopening",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "decision_reopening",
                        "reopened_by",
                        "app_user",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_decision_reopening_competition")
                    .table("decision_reopening")
                    .col("competition_id")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("decision_reopening").to_owned())
            .await
    }
}
