use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

/// Judging: the jury of a year and its invitations, assignments, conflicts of interest, score
/// sheets with a score per criterion, the audit log, and the recorded decision.
#[derive(DeriveMigrationName)]
pub struct Migration;

async fn unique(
    manager: &SchemaManager<'_>,
    name: &str,
    table: &'static str,
    cols: &[&'static str],
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for c in cols {
        index.col(*c);
    }
    manager.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for mut col in [
            // Others' scores stay hidden until judging closes, even after one's own submission.
            boolean("blind_until_close").default(false).to_owned(),
            // The ranking uses per-juror z-scores.
            boolean("normalise_scores").default(false).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("competition")
                        .add_column(&mut col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("jury_invitation")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(string("email"))
                    .col(string("token_hash").unique_key())
                    .col(integer_null("invited_by"))
                    .col(string("status"))
                    .col(integer_null("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("responded_at"))
                    .foreign_key(&mut fk(
                        "jury_invitation",
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
                    .table("jury_member")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(integer("user_id"))
                    .col(boolean("chair"))
                    .col(timestamp_with_time_zone("joined_at"))
                    .foreign_key(&mut fk(
                        "jury_member",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "jury_member",
                        "user_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_jury_member",
            "jury_member",
            &["competition_id", "user_id"],
        )
        .await?;
        for table in ["jury_assignment", "jury_conflict"] {
            let mut t = Table::create();
            t.table(table)
                .col(pk_auto("id"))
                .col(integer("entry_id"))
                .col(integer("juror_id"))
                .foreign_key(&mut fk(
                    table,
                    "entry_id",
                    "entry",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    table,
                    "juror_id",
                    "app_user",
                    ForeignKeyAction::Cascade,
                ));
            if table == "jury_conflict" {
                t.col(text("reason"))
                    .col(integer_null("declared_by"))
                    .col(timestamp_with_time_zone("created_at"));
            }
            manager.create_table(t.to_owned()).await?;
        }
        unique(
            manager,
            "ux_jury_assignment",
            "jury_assignment",
            &["entry_id", "juror_id"],
        )
        .await?;
        unique(
            manager,
            "ux_jury_conflict",
            "jury_conflict",
            &["entry_id", "juror_id"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("score_sheet")
                    .col(pk_auto("id"))
                    .col(integer("entry_id"))
                    .col(integer("juror_id"))
                    .col(string("status"))
                    .col(integer("revision"))
                    .col(text("overall_comment"))
                    // JSON object: criterion key -> { "score": n | null, "comment": "" }.
                    .col(text("scores"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        "score_sheet",
                        "entry_id",
                        "entry",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "score_sheet",
                        "juror_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_score_sheet",
            "score_sheet",
            &["entry_id", "juror_id"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("jury_reminder_sent")
                    .col(pk_auto("id"))
                    .col(integer("competition_id"))
                    .col(integer("user_id"))
                    .col(string("kind"))
                    .col(timestamp_with_time_zone("sent_at"))
                    .foreign_key(&mut fk(
                        "jury_reminder_sent",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "jury_reminder_sent",
                        "user_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // Claimed by insert, so that several instances send each reminder once.
        unique(
            manager,
            "ux_jury_reminder_sent",
            "jury_reminder_sent",
            &["competition_id", "user_id", "kind"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .col(pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(integer_null("actor_id"))
                    .col(string("action"))
                    .col(string("subject"))
                    .col(text("detail"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("jury_decision")
                    .col(pk_auto("id"))
                    .col(integer("competition_id").unique_key())
                    .col(integer_null("decided_by"))
                    .col(timestamp_with_time_zone("decided_at"))
                    .col(text("motivation_md_sv"))
                    .col(text_null("motivation_md_en"))
                    .col(text_null("tie_reason"))
                    .foreign_key(&mut fk(
                        "jury_decision",
                        "competition_id",
                        "competition",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "jury_decision",
            "audit_log",
            "jury_reminder_sent",
            "score_sheet",
            "jury_conflict",
            "jury_assignment",
            "jury_member",
            "jury_invitation",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        for col in ["normalise_scores", "blind_until_close"] {
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
