use sea_orm_migration::{prelude::*, schema::*};

/// Each year's reminder schedule, in days before the deadline (to applicants with drafts) and
/// before judging closes (to jurors with sheets left): JSON arrays, by default today's fixed
/// 7 and 1, and 3 and 1.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, default) in [("deadline_reminders", "[7,1]"), ("jury_reminders", "[3,1]")] {
            manager
                .alter_table(
                    Table::alter()
                        .table("competition")
                        .add_column(json_binary(name).default(default))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["deadline_reminders", "jury_reminders"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("competition")
                        .drop_column(name)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
