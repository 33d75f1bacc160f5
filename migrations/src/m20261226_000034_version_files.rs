use sea_orm_migration::prelude::*;

/// A submitted version is the text at a revision with the attachments as they were, so two
/// versions may share a revision: an attachment added or removed after a submission does not
/// move the text's revision, and submitting that change makes a new version. The number alone
/// stays unique per entry; the submit itself sees a repeat (it reads the latest version under
/// the entry's lock).
#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "ux_entry_version_revision";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table("entry_version").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The earlier shape has one version per revision: of those that share one, the latest
        // (what the jury reads) stays.
        manager
            .get_connection()
            .execute_unprepared(
                "DELETE FROM entry_version WHERE EXISTS (SELECT 1 FROM entry_version later \
                 WHERE later.entry_id = entry_version.entry_id \
                 AND later.revision = entry_version.revision \
                 AND later.number > entry_version.number)",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table("entry_version")
                    .col("entry_id")
                    .col("revision")
                    .unique()
                    .to_owned(),
            )
            .await
    }
}
