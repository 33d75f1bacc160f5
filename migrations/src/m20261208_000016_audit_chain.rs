use sea_orm_migration::{prelude::*, schema::*};

/// The audit log becomes a hash chain: each row keeps the hash of the row before it and its
/// own, so that a row edited or removed behind the portal's back is found (`ecpa audit verify`).
/// The rows written before this migration are sealed by the portal on its next start, in order.
/// Each line also names the round it belongs to (`competition_id`, when there is one), so that a
/// year's history is one filter. The indexes serve the organiser's audit page, which filters by
/// round, kind, person and object.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        for column in [
            string_null("prev_hash"),
            string_null("hash"),
            integer_null("competition_id"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("audit_log")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in ["action", "subject", "actor_id", "competition_id"] {
            manager
                .create_index(
                    Index::create()
                        .name(format!("ix_audit_log_{column}"))
                        .table("audit_log")
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["action", "subject", "actor_id", "competition_id"] {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("ix_audit_log_{column}"))
                        .table("audit_log")
                        .to_owned(),
                )
                .await?;
        }
        for column in ["competition_id", "hash", "prev_hash"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("audit_log")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
