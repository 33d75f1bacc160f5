use sea_orm_migration::{prelude::*, schema::*};

/// What each score means for a criterion: a JSON array of `{ score, meaning: { sv, en } }`, or
/// null while the year uses the default descriptions. An empty array is a rubric without them.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("criterion")
                    .add_column(json_binary_null("levels"))
                    .to_owned(),
            )
            .await
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
