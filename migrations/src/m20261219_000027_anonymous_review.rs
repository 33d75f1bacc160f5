use sea_orm_migration::{prelude::*, schema::*};

use crate::add_columns;

/// Whether a round's jurors review anonymously: they see neither the applicant's organisation
/// nor its contacts, and get attachments under neutral names without document metadata. Off
/// for every existing round.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "competition",
            vec![boolean("anonymous_review").default(false).to_owned()],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("competition")
                    .drop_column("anonymous_review")
                    .to_owned(),
            )
            .await
    }
}
