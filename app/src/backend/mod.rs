//! Server-only code: entities, services and the demo data. Services take a database connection
//! and are the only place that reads or writes the database.
pub mod accounts;
pub mod admin;
pub mod clock;
pub mod competition;
pub mod competition_setup;
pub mod demo;
pub mod entities;
pub mod entries;
pub mod jury;
pub mod jury_setup;
pub mod mail;
pub mod markdown;
pub mod organisations;
pub mod publication;
pub mod sessions;
pub mod state;
pub mod totp;

pub use clock::{Clock, FixedClock, SystemClock};
pub use state::AppState;
