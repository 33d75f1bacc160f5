use sea_orm_migration::{prelude::*, schema::*};

use crate::{add_columns, fk};

/// Publication: the explicit release of a year's results (now or scheduled) and its notification
/// claim, images with alt text for award winners and news, news links to entries, event places
/// and registration links, the news subscribers, and the one-click unsubscribe address of a
/// mail (RFC 8058).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("media")
                    .col(pk_auto("id"))
                    .col(string("sha256"))
                    .col(string("content_type"))
                    .col(big_integer("size"))
                    .col(string("name"))
                    .col(integer_null("uploaded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        add_columns(
            manager,
            "competition",
            vec![
                // Results become public at this time; set only by the publish action.
                timestamp_with_time_zone_null("results_released_at").to_owned(),
                // Claimed by the worker that mails every applicant organisation its outcome.
                timestamp_with_time_zone_null("results_notified_at").to_owned(),
            ],
        )
        .await?;
        add_columns(
            manager,
            "mail_outbox",
            vec![text_null("list_unsubscribe").to_owned()],
        )
        .await?;
        add_columns(
            manager,
            "award",
            vec![
                integer_null("photo_id").to_owned(),
                text_null("photo_alt_sv").to_owned(),
                text_null("photo_alt_en").to_owned(),
            ],
        )
        .await?;
        add_columns(
            manager,
            "news_item",
            vec![
                integer_null("image_id").to_owned(),
                text_null("image_alt_sv").to_owned(),
                text_null("image_alt_en").to_owned(),
                timestamp_with_time_zone_null("updated_at").to_owned(),
                // Claimed by the worker that mails the subscribers once it is published.
                timestamp_with_time_zone_null("notified_at").to_owned(),
            ],
        )
        .await?;
        add_columns(
            manager,
            "event",
            vec![
                text_null("place").to_owned(),
                boolean("online").default(false).to_owned(),
                text_null("registration_url").to_owned(),
            ],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("news_entry")
                    .col(pk_auto("id"))
                    .col(integer("news_id"))
                    .col(integer("entry_id"))
                    .foreign_key(&mut fk(
                        "news_entry",
                        "news_id",
                        "news_item",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "news_entry",
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
                    .name("ux_news_entry")
                    .table("news_entry")
                    .col("news_id")
                    .col("entry_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("subscriber")
                    .col(pk_auto("id"))
                    .col(string("email").unique_key())
                    .col(string("language"))
                    .col(string("token").unique_key())
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        // Results and news that were already public stay public and are not mailed again.
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE competition SET results_released_at = published_at, \
             results_notified_at = published_at WHERE published_at IS NOT NULL \
             AND EXISTS (SELECT 1 FROM award WHERE award.competition_id = competition.id)",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE news_item SET notified_at = published_at WHERE published_at IS NOT NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["subscriber", "news_entry", "media"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        for (table, cols) in [
            (
                "competition",
                &["results_released_at", "results_notified_at"][..],
            ),
            ("award", &["photo_id", "photo_alt_sv", "photo_alt_en"][..]),
            (
                "news_item",
                &[
                    "image_id",
                    "image_alt_sv",
                    "image_alt_en",
                    "updated_at",
                    "notified_at",
                ][..],
            ),
            ("event", &["place", "online", "registration_url"][..]),
            ("mail_outbox", &["list_unsubscribe"][..]),
        ] {
            for col in cols {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table)
                            .drop_column(Alias::new(*col))
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}
