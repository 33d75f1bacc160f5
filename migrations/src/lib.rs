//! Schema migrations. Every table is written with sea-query's portable helpers so the same
//! migration runs on SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod m20261125_000001_initial;
mod m20261125_000002_accounts;
mod m20261125_000003_invitations_and_limits;
mod m20261125_000004_totp;
mod m20261125_000005_entries;
mod m20261125_000006_jury;
mod m20261125_000007_publication;
mod m20261203_000008_mail_lease;
mod m20261203_000009_json_columns;
mod m20261204_000010_english;
mod m20261204_000011_dossier_sending;
mod m20261204_000012_rounds;
mod m20261205_000013_european_jury;
mod m20261206_000014_prizes;
mod m20261207_000015_round_organisers;
mod m20261208_000016_audit_chain;
mod m20261209_000017_mail_requests;
mod m20261210_000018_audit_digest;
mod m20261211_000019_last_login;
mod m20261212_000020_entry_feedback;
mod m20261213_000021_group_messages;
mod m20261214_000022_reminder_days;
mod m20261215_000023_mail_texts;
mod m20261216_000024_decision_reopenings;
mod m20261217_000025_jury_notes;
mod m20261218_000026_criterion_levels;
mod m20261219_000027_anonymous_review;
mod m20261220_000028_shortlist;
mod m20261221_000029_unsaved_text;
mod m20261222_000030_unsaved_sheet;
mod m20261223_000031_unsaved_decision;
mod m20261224_000032_feedback_revision;
mod m20261225_000033_publication_revisions;
mod m20261226_000034_version_files;
mod unsaved_table;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_initial::Migration),
            Box::new(m20261125_000002_accounts::Migration),
            Box::new(m20261125_000003_invitations_and_limits::Migration),
            Box::new(m20261125_000004_totp::Migration),
            Box::new(m20261125_000005_entries::Migration),
            Box::new(m20261125_000006_jury::Migration),
            Box::new(m20261125_000007_publication::Migration),
            Box::new(m20261203_000008_mail_lease::Migration),
            Box::new(m20261203_000009_json_columns::Migration),
            Box::new(m20261204_000010_english::Migration),
            Box::new(m20261204_000011_dossier_sending::Migration),
            Box::new(m20261204_000012_rounds::Migration),
            Box::new(m20261205_000013_european_jury::Migration),
            Box::new(m20261206_000014_prizes::Migration),
            Box::new(m20261207_000015_round_organisers::Migration),
            Box::new(m20261208_000016_audit_chain::Migration),
            Box::new(m20261209_000017_mail_requests::Migration),
            Box::new(m20261210_000018_audit_digest::Migration),
            Box::new(m20261211_000019_last_login::Migration),
            Box::new(m20261212_000020_entry_feedback::Migration),
            Box::new(m20261213_000021_group_messages::Migration),
            Box::new(m20261214_000022_reminder_days::Migration),
            Box::new(m20261215_000023_mail_texts::Migration),
            Box::new(m20261216_000024_decision_reopenings::Migration),
            Box::new(m20261217_000025_jury_notes::Migration),
            Box::new(m20261218_000026_criterion_levels::Migration),
            Box::new(m20261219_000027_anonymous_review::Migration),
            Box::new(m20261220_000028_shortlist::Migration),
            Box::new(m20261221_000029_unsaved_text::Migration),
            Box::new(m20261222_000030_unsaved_sheet::Migration),
            Box::new(m20261223_000031_unsaved_decision::Migration),
            Box::new(m20261224_000032_feedback_revision::Migration),
            Box::new(m20261225_000033_publication_revisions::Migration),
            Box::new(m20261226_000034_version_files::Migration),
        ]
    }
}

/// A foreign key named `fk_<table>_<column>` to `<to>.id`. Shared by the migrations; it must
/// keep producing the same statement, since applied migrations do not run again.
pub(crate) fn fk(
    from: &str,
    col: &str,
    to: &str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}"))
        .from(Alias::new(from), Alias::new(col))
        .to(Alias::new(to), Alias::new("id"))
        .on_delete(on_delete)
        .to_owned()
}

/// Adds columns to `table`, one statement per column: SQLite cannot alter several at once.
pub(crate) async fn add_columns(
    manager: &SchemaManager<'_>,
    table: &'static str,
    cols: Vec<ColumnDef>,
) -> Result<(), DbErr> {
    for mut col in cols {
        manager
            .alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
            .await?;
    }
    Ok(())
}
