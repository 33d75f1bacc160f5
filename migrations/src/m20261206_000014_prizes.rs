use sea_orm_migration::{prelude::*, schema::*};

use crate::add_columns;

/// A round's prize money in whole euros: the winner's, and each runner-up's. The European final
/// shows them on its public page and in its open data; none means not announced.
#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 2] = ["prize_winner_eur", "prize_runner_up_eur"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "competition",
            COLUMNS.iter().map(|c| integer_null(*c)).collect(),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("competition"))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
