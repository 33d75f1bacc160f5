//! One module per public area.
pub mod account;
pub mod admin;
pub mod archive;
pub mod competition;
pub mod competition_admin;
pub mod dossier;
pub mod entries;
pub mod europe;
pub mod events;
pub mod events_admin;
pub mod home;
pub mod jury;
pub mod news;
pub mod news_admin;
pub mod organisation;
pub mod publication_admin;
pub mod subscribe;
