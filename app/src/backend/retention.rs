//! Retention: what the portal removes, and when, by the rules the operator sets
//! ([`RetentionRules`], shown on the privacy page). A daily job applies them:
//! - drafts never submitted, `draft_months` after their year closed, with their contacts, links
//!   and attachments;
//! - the text of mails, `mail_days` after they were sent or given up on (the outbox keeps who
//!   was mailed, when and about what);
//! - text a save refused, kept for its writer, `UNSAVED_DAYS` after it was kept;
//! - failed logins and counted mail requests once their limits' windows have passed, and links
//!   (verification, reset, change of address) once they have expired;
//! - when the operator sets a rule for people (`people_years`; unset, Brå's archive rules
//!   keep them): the contacts named in entries, that many years after their year closed (from
//!   the entries and their submitted versions), and the accounts nobody has signed in to for
//!   that many years, erased as on request (`gdpr`), the organiser's and the secretariat's
//!   aside.
//!
//! Each run that removes something writes one audit line with the counts.
use chrono::{DateTime, Duration, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;

use crate::backend::accounts::LOGIN_WINDOW_MINUTES;
use crate::backend::entities::{
    app_user, auth_token, competition, entry, entry_contact, entry_version, login_failure,
    mail_attachment, mail_outbox, mail_request, round_organiser, unsaved_text, user_role,
};
use crate::backend::{audit, begin_write, gdpr, mail_limits};
use crate::error::AppError;
use crate::model::{EntryStatus, RetentionRules, Role, UNSAVED_DAYS};

/// Accounts erased in one run at most; the rest wait for the next day's run, so that no run
/// holds the database for long.
pub const PEOPLE_PER_RUN: usize = 100;

/// What one run removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub drafts: u64,
    pub mail_texts: u64,
    /// Text that saves refused, kept for its writers.
    pub unsaved: u64,
    pub login_failures: u64,
    pub mail_requests: u64,
    pub links: u64,
    /// Contact rows of entries (with the same contacts in their submitted versions).
    pub contacts: u64,
    /// Accounts erased for lack of use.
    pub people: u64,
}

impl Removed {
    pub fn total(&self) -> u64 {
        self.drafts
            + self.mail_texts
            + self.unsaved
            + self.login_failures
            + self.mail_requests
            + self.links
            + self.contacts
            + self.people
    }
}

/// Applies the rules at `now`, in one transaction. Returns what was removed.
pub async fn apply(
    db: &DatabaseConnection,
    rules: &RetentionRules,
    now: DateTime<Utc>,
) -> Result<Removed, AppError> {
    let people_before = rules.people_years.map(|years| {
        now.checked_sub_months(Months::new(years.saturating_mul(12)))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    });
    let mut removed = Removed::default();
    // Accounts first, each in a transaction of its own: an erasure reads every table.
    if let Some(before) = people_before {
        removed.people = erase_unused_accounts(db, before, now).await?;
    }
    let txn = begin_write(db).await?;

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

    // Text a save refused, kept long enough for its writer to take it.
    removed.unsaved = unsaved_text::Entity::delete_many()
        .filter(unsaved_text::Column::CreatedAt.lt(now - Duration::days(i64::from(UNSAVED_DAYS))))
        .exec(&txn)
        .await?
        .rows_affected;

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

    if let Some(before) = people_before {
        removed.contacts = forget_contacts(&txn, before).await?;
    }

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

/// Removes the contacts of the entries of years that closed before `before`, from the entries
/// and from their submitted versions. Returns how many contact rows went.
async fn forget_contacts<C: ConnectionTrait>(
    txn: &C,
    before: DateTime<Utc>,
) -> Result<u64, AppError> {
    let years: Vec<i32> = competition::Entity::find()
        .select_only()
        .column(competition::Column::Id)
        .filter(competition::Column::ClosesAt.lt(before))
        .into_tuple()
        .all(txn)
        .await?;
    let entries: Vec<i32> = entry::Entity::find()
        .select_only()
        .column(entry::Column::Id)
        .filter(entry::Column::CompetitionId.is_in(years))
        .into_tuple()
        .all(txn)
        .await?;
    let mut gone = 0;
    for chunk in entries.chunks(500) {
        gone += entry_contact::Entity::delete_many()
            .filter(entry_contact::Column::EntryId.is_in(chunk.to_vec()))
            .exec(txn)
            .await?
            .rows_affected;
        let versions = entry_version::Entity::find()
            .filter(entry_version::Column::EntryId.is_in(chunk.to_vec()))
            .all(txn)
            .await?;
        for v in versions {
            let Ok(mut snapshot) = serde_json::from_str::<serde_json::Value>(&v.snapshot) else {
                continue;
            };
            let Some(contacts) = snapshot.pointer_mut("/draft/contacts") else {
                continue;
            };
            if contacts.as_array().is_some_and(|c| c.is_empty()) {
                continue;
            }
            *contacts = serde_json::Value::Array(Vec::new());
            let mut v: entry_version::ActiveModel = v.into();
            v.snapshot = Set(snapshot.to_string());
            v.update(txn).await?;
        }
    }
    Ok(gone)
}

/// Erases the accounts nobody has signed in to since `before` (counting from when they were
/// made, for those never signed in to), except the organisers' and the secretariat's, at most
/// [`PEOPLE_PER_RUN`]. Returns how many were erased.
async fn erase_unused_accounts(
    db: &DatabaseConnection,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let staff: Vec<i32> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::UserId)
        .filter(user_role::Column::Role.is_in([Role::Admin.code(), Role::Secretariat.code()]))
        .into_tuple()
        .all(db)
        .await?;
    let organisers: Vec<i32> = round_organiser::Entity::find()
        .select_only()
        .column(round_organiser::Column::UserId)
        .into_tuple()
        .all(db)
        .await?;
    let unused = Condition::any()
        .add(app_user::Column::LastLoginAt.lt(before))
        .add(
            Condition::all()
                .add(app_user::Column::LastLoginAt.is_null())
                .add(app_user::Column::CreatedAt.lt(before)),
        );
    let accounts = app_user::Entity::find()
        .filter(unused)
        .filter(app_user::Column::Email.not_like(format!("%{}", gdpr::ERASED_DOMAIN)))
        .filter(app_user::Column::Id.is_not_in(staff.into_iter().chain(organisers)))
        .order_by_asc(app_user::Column::Id)
        .limit(PEOPLE_PER_RUN as u64)
        .all(db)
        .await?;
    let mut erased = 0;
    for user in accounts {
        let txn = begin_write(db).await?;
        gdpr::erase_unused(&txn, user, now).await?;
        txn.commit().await?;
        erased += 1;
    }
    Ok(erased)
}
