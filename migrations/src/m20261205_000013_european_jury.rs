use sea_orm_migration::{prelude::*, schema::*};

use crate::add_columns;

/// The European final's jury and entries: the member state a juror comes from (on the
/// membership, and on the invitation it is made from), by which a juror stands aside from their
/// own country's entry; and the national entry a final's entry was forwarded from.
#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [(&str, &str); 3] = [
    ("jury_member", "country"),
    ("jury_invitation", "country"),
    ("entry", "forwarded_from"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(manager, "jury_member", vec![string_len_null("country", 2)]).await?;
        add_columns(
            manager,
            "jury_invitation",
            vec![string_len_null("country", 2)],
        )
        .await?;
        add_columns(manager, "entry", vec![integer_null("forwarded_from")]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
