//! The mail room: a durable outbox. Mails are written to `mail_outbox` in the same transaction
//! as the event that causes them; a worker sends them through lettre and retries with
//! exponential backoff. Nothing is sent from a request handler, so no mail is lost when the SMTP
//! server is down.
//!
//! - `templates`: what each mail says, in Swedish and English;
//! - `round_words`: a round's own words for some of its mails;
//! - `outbox`: queueing, claims under leases, the record of each try;
//! - `worker`: the rounds that send what is due;
//! - `transport`: SMTP, or a folder of `.eml` files in development.
mod outbox;
mod round_words;
mod templates;
mod transport;
mod worker;

pub use outbox::{
    File, LEASE_SECONDS, MAX_ATTEMPTS, Outgoing, backoff, claim, enqueue, enqueue_in_round,
    enqueue_many, enqueue_many_in_round, enqueue_with_files, renew, retry_busy,
};
pub use round_words::RoundWords;
pub use templates::{JuryOf, OwnWords, Priority, Receipt, Template, sample};
pub use transport::{Mailer, Transport};
pub use worker::{run_worker, send_due, send_round_due};
