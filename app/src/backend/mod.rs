//! Server-only code: entities, services and the demo data. Services take a database connection
//! and are the only place that reads or writes the database.
pub mod accounts;
pub mod admin;
pub mod anonymity;
pub mod audit;
pub mod audit_trail;
pub mod blobs;
pub mod clock;
pub mod competition;
pub mod competition_setup;
pub mod dashboard;
pub mod demo;
pub mod documents;
pub mod dossier;
pub mod downloads;
pub mod entities;
pub mod entries;
pub mod europe;
pub mod exports;
pub mod feedback;
pub mod gdpr;
pub mod jury;
pub mod jury_setup;
pub mod mail;
pub mod mail_limits;
pub mod mail_texts;
pub mod markdown;
pub mod messages;
pub mod organisations;
pub mod public_changes;
pub mod publication;
pub mod reading_copy;
pub mod reading_pack;
pub mod reminders;
pub mod retention;
pub mod rounds;
pub mod rubric;
pub mod sessions;
pub mod state;
pub mod unsaved;

pub use clock::{Clock, FixedClock, SystemClock};
pub use state::AppState;

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`, waiting under the busy timeout): a deferred transaction that reads first
/// cannot become a writer once another connection has committed since its read
/// (`SQLITE_BUSY_SNAPSHOT`), and the busy timeout does not retry that, so concurrent writers
/// would see errors. PostgreSQL ignores the mode.
pub async fn begin_write(
    db: &sea_orm::DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
