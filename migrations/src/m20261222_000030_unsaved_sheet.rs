use sea_orm_migration::{prelude::*, schema::*};

use crate::add_columns;

/// Refused text is kept for juror's score sheets as well as for entries: which form the text
/// was typed in (`entry` for every row so far, or `sheet`), and the revision the form was based
/// on, so that a sheet refused for its content can be shown in its form again only while
/// nothing newer is stored. One row per person, entry and form.
#[derive(DeriveMigrationName)]
pub struct Migration;

const OLD_INDEX: &str = "ux_unsaved_text_entry_user";
const NEW_INDEX: &str = "ux_unsaved_text_entry_user_form";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "unsaved_text",
            vec![
                string("form").default("entry").to_owned(),
                integer_null("based_on").to_owned(),
            ],
        )
        .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_INDEX)
                    .table("unsaved_text")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(NEW_INDEX)
                    .table("unsaved_text")
                    .col("entry_id")
                    .col("user_id")
                    .col("form")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NEW_INDEX)
                    .table("unsaved_text")
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::delete()
                    .from_table("unsaved_text")
                    .and_where(Expr::col("form").ne("entry"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD_INDEX)
                    .table("unsaved_text")
                    .col("entry_id")
                    .col("user_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        for col in ["form", "based_on"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("unsaved_text")
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
