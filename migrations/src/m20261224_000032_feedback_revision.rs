use sea_orm_migration::{prelude::*, schema::*};

use crate::add_columns;

/// The feedback on an entry gets a revision, moved on by every save, so that a save from a
/// page opened before someone else saved is refused rather than writing over their text: the
/// organiser and the jury's chair both prepare it. Feedback stored so far starts at 0.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "entry_feedback",
            vec![integer("revision").default(0).to_owned()],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("entry_feedback")
                    .drop_column("revision")
                    .to_owned(),
            )
            .await
    }
}
