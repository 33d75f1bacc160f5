use sea_orm_migration::{prelude::*, schema::*};

use crate::{add_columns, fk};

/// Sending the dossier to EUCPN: the year's address there, files attached to a queued mail, and
/// a record of each sending (who, when, to whom, which version of the English text, and the
/// files' SHA-256 digests).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(manager, "competition", vec![text_null("eucpn_address")]).await?;
        manager
            .create_table(
                Table::create()
                    .table("mail_attachment")
                    .col(pk_auto("id"))
                    .col(integer("outbox_id"))
                    .col(integer("position"))
                    .col(text("file_name"))
                    .col(text("content_type"))
                    .col(blob("content"))
                    .foreign_key(&mut fk(
                        "mail_attachment",
                        "outbox_id",
                        "mail_outbox",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_attachment_outbox")
                    .table("mail_attachment")
                    .col("outbox_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("dossier_sending")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(integer("entry_id"))
                    .col(integer_null("sent_by"))
                    .col(text("sent_by_name"))
                    .col(timestamp_with_time_zone("sent_at"))
                    .col(text("to_address"))
                    .col(integer("english_version"))
                    .col(text("pdf_sha256"))
                    .col(text("docx_sha256"))
                    .col(integer_null("outbox_id"))
                    .foreign_key(&mut fk(
                        "dossier_sending",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "dossier_sending",
                        "entry_id",
                        "entry",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["dossier_sending", "mail_attachment"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("competition")
                    .drop_column("eucpn_address")
                    .to_owned(),
            )
            .await
    }
}
