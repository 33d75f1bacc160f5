use sea_orm_migration::{prelude::*, schema::*};

use crate::{add_columns, fk};

/// Competition setup (rubric, word limits, the published list of entries) and the applicant's
/// side of entries: submitted versions, attachments, screening and deadline reminders.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "competition",
            vec![
                integer("scale_min").default(0).to_owned(),
                integer("scale_max").default(5).to_owned(),
                // JSON object: section key -> word limit. Empty means the defaults.
                text("word_limits").default("").to_owned(),
                timestamp_with_time_zone_null("entries_listed_at"),
            ],
        )
        .await?;
        add_columns(
            manager,
            "entry",
            vec![
                integer_null("submitted_revision"),
                timestamp_with_time_zone_null("withdrawn_at"),
                text_null("screening_reason"),
                timestamp_with_time_zone_null("screened_at"),
                // Confirmed checklist keys, comma-separated.
                text("checklist").default("").to_owned(),
                integer_null("updated_by"),
            ],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("criterion")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(integer("position"))
                    .col(string("key"))
                    .col(text("name_sv"))
                    .col(text_null("name_en"))
                    .col(text("description_sv"))
                    .col(text_null("description_en"))
                    .col(integer("weight"))
                    .foreign_key(&mut fk(
                        "criterion",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("entry_version")
                    .col(pk_auto("id"))
                    .col(integer("entry_id"))
                    .col(integer("number"))
                    .col(integer("revision"))
                    .col(timestamp_with_time_zone("submitted_at"))
                    .col(integer_null("submitted_by"))
                    .col(text("submitted_by_name"))
                    // The whole entry as submitted, as JSON.
                    .col(text("snapshot"))
                    .foreign_key(&mut fk(
                        "entry_version",
                        "entry_id",
                        "entry",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // The unique revision makes a repeated submit of the same text one version.
        for (name, col) in [
            ("ux_entry_version_number", "number"),
            ("ux_entry_version_revision", "revision"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table("entry_version")
                        .col("entry_id")
                        .col(col)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("attachment")
                    .col(pk_auto("id"))
                    .col(integer("entry_id"))
                    .col(text("file_name"))
                    .col(string("content_type"))
                    .col(big_integer("size"))
                    .col(string("sha256"))
                    .col(integer_null("uploaded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "attachment",
                        "entry_id",
                        "entry",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attachment_entry")
                    .table("attachment")
                    .col("entry_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("reminder_sent")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(integer("organisation_id"))
                    .col(string("kind"))
                    .col(timestamp_with_time_zone("sent_at"))
                    .foreign_key(&mut fk(
                        "reminder_sent",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "reminder_sent",
                        "organisation_id",
                        "organisation",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // Claimed by insert, so that several instances send each reminder once.
        manager
            .create_index(
                Index::create()
                    .name("ux_reminder_sent")
                    .table("reminder_sent")
                    .col("competition_id")
                    .col("organisation_id")
                    .col("kind")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_entry_organisation")
                    .table("entry")
                    .col("organisation_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_entry_organisation")
                    .table("entry")
                    .to_owned(),
            )
            .await?;
        for t in ["reminder_sent", "attachment", "entry_version", "criterion"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        for col in [
            "updated_by",
            "checklist",
            "screened_at",
            "screening_reason",
            "withdrawn_at",
            "submitted_revision",
        ] {
            manager
                .alter_table(Table::alter().table("entry").drop_column(col).to_owned())
                .await?;
        }
        for col in ["entries_listed_at", "word_limits", "scale_max", "scale_min"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("competition")
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
