//! Retention: what the portal removes, and when, by the rules the operator sets
//! ([`RetentionRules`], shown on the privacy page). A daily job applies them:
//! - drafts never submitted, `draft_months` after their year closed, with their contacts, links
//!   and attachments;
//! - the text of mails, `mail_days` after they were sent or given up on (the outbox keeps who
//!   was mailed, when and about what);
//! - failed logins and counted mail requests once their limits' windows have passed, and links
//!   (verification, reset, change of address) once they have expired.
//!
//! Each run that removes something writes one audit line with the counts.
use chrono::{DateTime, Duration, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;

use crate::backend::accounts::LOGIN_WINDOW_MINUTES;
use crate::backend::entities::{
    auth_token, competition, entry, login_failure, mail_attachment, mail_outbox, mail_request,
};
use crate::backend::{audit, begin_write, mail_limits};
use crate::error::AppError;
use crate::model::{EntryStatus, RetentionRules};

/// What one run removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub drafts: u64,
    pub mail_texts: u64,
    pub login_failures: u64,
    pub mail_requests: u64,
    pub links: u64,
}

impl Removed {
    pub fn total(&self) -> u64 {
        self.drafts + self.mail_texts + self.login_failures + self.mail_requests + self.links
    }
}

/// Applies the rules at `now`, in one transaction. Returns what was removed.
pub async fn apply(
    db: &DatabaseConnection,
    rules: &RetentionRules,
    now: DateTime<Utc>,
) -> Result<Removed, AppError> {
    let txn = begin_write(db).await?;
    let mut removed = Removed::default();

    // Drafts never submitted, of years closed long enough ago.
    let closed_before = now
        .checked_sub_months(Months::new(rules.draft_months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let closed: Vec<i32> = competition::Entity::find()
        .select_only()
        .column(competition::Column::Id)
        .filter(competition::Column::ClosesAt.lt(closed_before))
        .into_tuple()
        .all(&txn)
        .await?;
    if !closed.is_empty() {
        removed.drafts = entry::Entity::delete_many()
            .filter(entry::Column::CompetitionId.is_in(closed))
            .filter(entry::Column::Status.eq(EntryStatus::Draft))
            .filter(entry::Column::SubmittedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected;
    }

    // The text of mails sent, or given up on, long enough ago.
    let mail_before = now - Duration::days(i64::from(rules.mail_days));
    let old_mail = Condition::all()
        .add(mail_outbox::Column::BodyText.ne(""))
        .add(
            Condition::any()
                .add(mail_outbox::Column::SentAt.lt(mail_before))
                .add(
                    Condition::all()
                        .add(mail_outbox::Column::Status.eq(mail_outbox::MailState::Failed))
                        .add(mail_outbox::Column::CreatedAt.lt(mail_before)),
                ),
        );
    let ids: Vec<i32> = mail_outbox::Entity::find()
        .select_only()
        .column(mail_outbox::Column::Id)
        .filter(old_mail)
        .into_tuple()
        .all(&txn)
        .await?;
    for chunk in ids.chunks(500) {
        mail_attachment::Entity::delete_many()
            .filter(mail_attachment::Column::OutboxId.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?;
        removed.mail_texts += mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::BodyText, Expr::value(""))
            .col_expr(mail_outbox::Column::BodyHtml, Expr::value(""))
            .filter(mail_outbox::Column::Id.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?
            .rows_affected;
    }

    // What only served a limit or a link that has run out.
    removed.login_failures = login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lt(now - Duration::minutes(LOGIN_WINDOW_MINUTES)))
        .exec(&txn)
        .await?
        .rows_affected;
    let window = Duration::minutes(mail_limits::WINDOW_MINUTES);
    removed.mail_requests = mail_request::Entity::delete_many()
        .filter(mail_request::Column::At.lt(now - window))
        .exec(&txn)
        .await?
        .rows_affected;
    removed.links = auth_token::Entity::delete_many()
        .filter(auth_token::Column::ExpiresAt.lt(now))
        .exec(&txn)
        .await?
        .rows_affected;

    if removed.total() > 0 {
        let detail = serde_json::to_value(removed).unwrap_or_default();
        audit::record(
            &txn,
            None,
            "retention.apply",
            "retention".into(),
            detail,
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(removed)
}
