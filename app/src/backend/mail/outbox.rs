//! The outbox: mails queued in the transaction of the event they are about, claimed under
//! leases by the instance that sends them, and recorded as sent or failed.
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::Template;
use super::round_words::RoundWords;
use super::templates::OwnWords;
use crate::backend::entities::mail_attachment;
use crate::backend::entities::mail_outbox::{self, MailState};
use crate::i18n::Lang;

/// After this many failed attempts a mail is marked failed and left for an admin to see.
pub const MAX_ATTEMPTS: i32 = 12;
/// How long a claim on a mail lasts unless the instance that holds it renews it. An instance
/// that is killed stops renewing, so another one (or the same one, restarted) takes its mail
/// over this many seconds later.
pub const LEASE_SECONDS: i64 = 3;
/// How often the worker looks again for SQLite's write lock while another connection holds it.
const LOCK_POLL: StdDuration = StdDuration::from_millis(1);
/// How long the worker keeps looking before it reports the statement as failed.
const LOCK_PATIENCE: StdDuration = StdDuration::from_secs(30);

/// Queues a mail. Call it with the transaction that records the event the mail is about.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    to_address: &str,
    to_name: &str,
    lang: Lang,
    template: &Template,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    row(to_address, to_name, lang, template, None, now)
        .insert(db)
        .await?;
    Ok(())
}

/// Queues a mail of a round in the round's own words where its organiser has set them
/// (`words`, loaded once per round), otherwise in the portal's.
pub async fn enqueue_in_round<C: ConnectionTrait>(
    db: &C,
    words: &RoundWords,
    to_address: &str,
    to_name: &str,
    lang: Lang,
    template: &Template,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let own = words.of(template, lang);
    row(to_address, to_name, lang, template, own, now)
        .insert(db)
        .await?;
    Ok(())
}

/// A file to send with a mail: its name, content type and bytes.
pub struct File {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Queues a mail with files attached; returns the queued mail's id. Call it with the transaction
/// that records the event the mail is about.
pub async fn enqueue_with_files<C: ConnectionTrait>(
    db: &C,
    to_address: &str,
    to_name: &str,
    lang: Lang,
    template: &Template,
    files: Vec<File>,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let queued = row(to_address, to_name, lang, template, None, now)
        .insert(db)
        .await?;
    for (position, f) in files.into_iter().enumerate() {
        mail_attachment::ActiveModel {
            outbox_id: Set(queued.id),
            position: Set(position as i32),
            file_name: Set(f.name),
            content_type: Set(f.content_type),
            content: Set(f.bytes),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(queued.id)
}

/// The files attached to each of `mails`, in order, by mail id.
pub(super) async fn attachments_of(
    db: &DatabaseConnection,
    mails: &[mail_outbox::Model],
) -> Result<std::collections::HashMap<i32, Vec<mail_attachment::Model>>, DbErr> {
    let mut by_mail: std::collections::HashMap<i32, Vec<mail_attachment::Model>> =
        std::collections::HashMap::new();
    let files = mail_attachment::Entity::find()
        .filter(mail_attachment::Column::OutboxId.is_in(mails.iter().map(|m| m.id)))
        .order_by_asc(mail_attachment::Column::Position)
        .all(db)
        .await?;
    for f in files {
        by_mail.entry(f.outbox_id).or_default().push(f);
    }
    Ok(by_mail)
}

/// A mail to queue with others: see `enqueue_many`.
pub struct Outgoing {
    pub to_address: String,
    pub to_name: String,
    pub lang: Lang,
    pub template: Template,
}

/// Queues many mails in a few statements (100 rows each), so that a job that mails every
/// organisation or subscriber holds the write lock about as long as one request does. Render
/// and collect them before the transaction starts.
pub async fn enqueue_many<C: ConnectionTrait>(
    db: &C,
    mails: &[Outgoing],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    enqueue_many_in_round(db, &RoundWords::default(), mails, now).await
}

/// `enqueue_many` for a round's mails, in its own words where it has them.
pub async fn enqueue_many_in_round<C: ConnectionTrait>(
    db: &C,
    words: &RoundWords,
    mails: &[Outgoing],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for chunk in mails.chunks(100) {
        mail_outbox::Entity::insert_many(chunk.iter().map(|m| {
            let own = words.of(&m.template, m.lang);
            row(&m.to_address, &m.to_name, m.lang, &m.template, own, now)
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

fn row(
    to_address: &str,
    to_name: &str,
    lang: Lang,
    template: &Template,
    own: Option<&OwnWords>,
    now: DateTime<Utc>,
) -> mail_outbox::ActiveModel {
    let r = template.render(lang, own);
    mail_outbox::ActiveModel {
        to_address: Set(to_address.to_string()),
        to_name: Set(to_name.to_string()),
        language: Set(lang.code().to_string()),
        template: Set(template.key().to_string()),
        subject: Set(r.subject),
        body_text: Set(r.text),
        body_html: Set(r.html),
        status: Set(MailState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        list_unsubscribe: Set(template.list_unsubscribe().map(str::to_string)),
        priority: Set(template.priority() as i32),
        claimed_by: Set(None),
        ..Default::default()
    }
}

/// Wait before the next try after `attempts` failures: 5 s, 10 s, 20 s … at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 20) - 1;
    Duration::seconds((5i64 << exp).min(3600))
}

/// Claims up to `limit` due mails for `instance`, most waited-for first, under a lease of
/// `LEASE_SECONDS` from `now`. A mail whose lease has run out is due again, whoever claimed it.
/// Each statement stands alone, so no lock is held while mail is sent.
pub async fn claim(
    db: &DatabaseConnection,
    instance: &str,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<mail_outbox::Model>, DbErr> {
    let ids: Vec<i32> = mail_outbox::Entity::find()
        .select_only()
        .column(mail_outbox::Column::Id)
        .filter(mail_outbox::Column::Status.eq(MailState::Queued))
        .filter(mail_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(mail_outbox::Column::Priority)
        .order_by_asc(mail_outbox::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let lease_end = now + Duration::seconds(LEASE_SECONDS);
    // Only rows still due are taken: a second instance that picked the same ids finds them
    // leased already (PostgreSQL rechecks the condition after the first commit; SQLite has one
    // writer at a time).
    retry_busy(|| {
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::ClaimedBy, Expr::value(instance))
            .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(lease_end))
            .filter(mail_outbox::Column::Id.is_in(ids.clone()))
            .filter(mail_outbox::Column::Status.eq(MailState::Queued))
            .filter(mail_outbox::Column::NextAttemptAt.lte(now))
            .exec(db)
    })
    .await?;
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Id.is_in(ids))
        .filter(mail_outbox::Column::Status.eq(MailState::Queued))
        .filter(mail_outbox::Column::ClaimedBy.eq(instance))
        .filter(mail_outbox::Column::NextAttemptAt.eq(lease_end))
        .order_by_asc(mail_outbox::Column::Priority)
        .order_by_asc(mail_outbox::Column::Id)
        .all(db)
        .await
}

/// Extends `instance`'s leases on the mails `ids` that it is still sending, to `LEASE_SECONDS`
/// from `now`. Returns how many it still holds.
pub async fn renew(
    db: &DatabaseConnection,
    instance: &str,
    ids: &[i32],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(retry_busy(|| {
        mail_outbox::Entity::update_many()
            .col_expr(
                mail_outbox::Column::NextAttemptAt,
                Expr::value(now + Duration::seconds(LEASE_SECONDS)),
            )
            .filter(mail_outbox::Column::Id.is_in(ids.iter().copied()))
            .filter(mail_outbox::Column::Status.eq(MailState::Queued))
            .filter(mail_outbox::Column::ClaimedBy.eq(instance))
            .exec(db)
    })
    .await?
    .rows_affected)
}

/// Whether SQLite refused a statement because another connection holds the write lock
/// (`SQLITE_BUSY` and its extended codes).
fn is_busy(e: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::error::DatabaseError;
    use sea_orm::sqlx::sqlite::SqliteError;
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = e else {
        return false;
    };
    let sea_orm::sqlx::Error::Database(e) = &**e else {
        return false;
    };
    e.try_downcast_ref::<SqliteError>()
        .and_then(|e| e.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| code & 0xff == 5)
}

/// Runs a writing statement until SQLite lets it write, looking again every `LOCK_POLL` for
/// up to `LOCK_PATIENCE`. The worker's own connections (`server::Pool::mail_worker`) do not
/// wait inside SQLite, whose busy handler sleeps up to 100 ms between looks; this way the
/// worker writes as soon as the current writer commits. Other errors, and every error on
/// PostgreSQL, return at once.
pub async fn retry_busy<T, F, Fut>(mut statement: F) -> Result<T, DbErr>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, DbErr>>,
{
    let started = std::time::Instant::now();
    loop {
        match statement().await {
            Err(e) if is_busy(&e) && started.elapsed() < LOCK_PATIENCE => {
                tokio::time::sleep(LOCK_POLL).await
            }
            done => return done,
        }
    }
}

/// Records as sent the mails `ids` that the SMTP server accepted, in one statement, whoever
/// holds their claims now. A crash can repeat only the mails between the acceptance and this
/// commit; one statement for all that are waiting keeps that gap to about one commit however
/// many mails are in flight.
pub(super) async fn record_sent(
    db: &DatabaseConnection,
    ids: &[i32],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    retry_busy(|| {
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::Status, Expr::value(MailState::Sent))
            .col_expr(mail_outbox::Column::SentAt, Expr::value(Some(now)))
            .col_expr(mail_outbox::Column::LastError, Expr::value(None::<String>))
            .col_expr(mail_outbox::Column::ClaimedBy, Expr::value(None::<String>))
            .col_expr(
                mail_outbox::Column::Attempts,
                sea_orm::sea_query::ExprTrait::add(Expr::col(mail_outbox::Column::Attempts), 1),
            )
            .filter(mail_outbox::Column::Id.is_in(ids.iter().copied()))
            .exec(db)
    })
    .await?;
    Ok(())
}

/// Records a failed try: the mail is due again after a backoff, or failed for good after
/// `MAX_ATTEMPTS`.
pub(super) async fn record_failure(
    db: &DatabaseConnection,
    instance: &str,
    m: &mail_outbox::Model,
    error: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let attempts = m.attempts + 1;
    tracing::warn!(error = %error, attempts, "mail not sent");
    let (status, next) = if attempts >= MAX_ATTEMPTS {
        (MailState::Failed, m.next_attempt_at)
    } else {
        (MailState::Queued, now + backoff(attempts))
    };
    // Only while the claim is still this instance's: a peer that took over after the lease ran
    // out owns the mail now.
    retry_busy(|| {
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::Attempts, Expr::value(attempts))
            .col_expr(mail_outbox::Column::ClaimedBy, Expr::value(None::<String>))
            .col_expr(mail_outbox::Column::Status, Expr::value(status))
            .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(next))
            .col_expr(
                mail_outbox::Column::LastError,
                Expr::value(Some(error.clone())),
            )
            .filter(mail_outbox::Column::Id.eq(m.id))
            .filter(mail_outbox::Column::Status.eq(MailState::Queued))
            .filter(mail_outbox::Column::ClaimedBy.eq(instance))
            .exec(db)
    })
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(5));
        assert_eq!(backoff(2), Duration::seconds(10));
        assert_eq!(backoff(4), Duration::seconds(40));
        assert_eq!(backoff(11), Duration::seconds(3600));
        assert_eq!(backoff(0), Duration::seconds(5));
    }
}
