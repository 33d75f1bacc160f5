//! sea-orm entities, one module per table. Relations are followed by explicit queries in the
//! services, so the entities carry no relation definitions.
pub mod app_user;
pub mod attachment;
pub mod auth_token;
pub mod award;
pub mod competition;
pub mod criterion;
pub mod entry;
pub mod entry_contact;
pub mod entry_link;
pub mod entry_version;
pub mod european_result;
pub mod event;
pub mod event_speaker;
pub mod invitation;
pub mod login_failure;
pub mod mail_outbox;
pub mod news_item;
pub mod organisation;
pub mod organisation_member;
pub mod recovery_code;
pub mod reminder_sent;
pub mod session;
pub mod user_role;
