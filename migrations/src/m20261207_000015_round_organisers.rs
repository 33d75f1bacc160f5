use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

/// The organisers of another country's national round hosted on the portal. Brå's organisers
/// (the admin role) run the home country's rounds and the EUCPN secretariat the finals; a hosted
/// round is run by the accounts named here, and by nobody else.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("round_organiser")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(integer("user_id"))
                    .foreign_key(&mut fk(
                        "round_organiser",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "round_organiser",
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
                    .name("ux_round_organiser")
                    .table("round_organiser")
                    .col("competition_id")
                    .col("user_id")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("round_organiser").to_owned())
            .await
    }
}
