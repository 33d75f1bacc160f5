use sea_orm_migration::{prelude::*, schema::*};

use crate::add_columns;

/// What each score means for a criterion: a JSON array of `{ score, meaning: { sv, en } }`, or
/// null while the year uses the default descriptions. An empty array is a rubric without them.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(manager, "criterion", vec![json_binary_null("levels")]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("criterion")
                    .drop_column("levels")
                    .to_owned(),
            )
            .await
    }
}
