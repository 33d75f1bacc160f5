use sea_orm_migration::{prelude::*, schema::*};

/// An audit line keeps the SHA-256 of its detail, and the chain hashes that digest instead of
/// the detail itself. A person's erasure can then blank their name and address inside a line's
/// detail while the chain still verifies: the line keeps the digest of what it said, and the
/// erasure's own line names the lines it blanked. Lines written before this migration have no
/// digest; their hashes cover the detail as it is, and they cannot be blanked.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("audit_log")
                    .add_column(string_null("detail_digest"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("audit_log")
                    .drop_column("detail_digest")
                    .to_owned(),
            )
            .await
    }
}
