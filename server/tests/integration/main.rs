//! The server's integration tests, in one binary (one link, one ~100 MB file instead of five).
//! Service tests run their bodies on SQLite and, when ECPA_TEST_POSTGRES_URL is set, PostgreSQL.
mod common;

mod accounts;
mod assets;
mod audit;
mod cli;
mod dossier;
mod entries;
mod europe;
mod european_jury;
mod european_results;
mod events;
mod feedback;
mod fuzz;
mod gdpr;
mod hosted_rounds;
mod http;
mod jobs;
mod jury;
mod jury_access;
mod layout;
mod mail_limits;
mod mail_texts;
mod matrix;
mod messages;
mod outbox;
mod people;
mod publication;
mod reading_copy;
mod representative;
mod retention;
mod rounds;
mod scale;
mod security;
mod services;
mod transactions;
