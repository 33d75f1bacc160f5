use sea_orm_migration::{prelude::*, schema::*};

/// When an account was last signed in to, so that a retention rule can erase accounts nobody
/// has used for years (`ECPA_RETAIN_PEOPLE_YEARS`). Accounts not signed in to since this
/// migration count from when they were made.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .add_column(timestamp_with_time_zone_null("last_login_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .drop_column("last_login_at")
                    .to_owned(),
            )
            .await
    }
}
