//! Limits on the mail anyone can make the portal send: a password reset, a registration, a
//! subscription, a change of address, an invitation. Each request is counted per client and per
//! recipient over the last hour, whether or not a mail went out (a reset for an address without
//! an account counts too), so the answer reveals nothing about who has an account. Over a limit
//! the request is refused with [`AppError::TooManyMails`] and nothing is sent. The daily
//! retention job (`backend::retention`) removes the counted requests once the window has passed.
//!
//! On PostgreSQL two requests at the very same moment can each miss the other's uncommitted
//! row and both pass, so a burst may exceed a limit by the number of requests in flight; on
//! SQLite the write lock orders them.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use crate::backend::entities::mail_request;
use crate::error::AppError;

/// The window the limits count over.
pub const WINDOW_MINUTES: i64 = 60;
/// Mails of one kind to one address within the window.
pub const PER_RECIPIENT: u64 = 3;
/// Mails of one kind one client address may ask for within the window, unless configured
/// (`ECPA_MAILS_PER_CLIENT`). Forms that need no account are counted this way.
pub const PER_CLIENT: u64 = 10;
/// Invitations (to an organisation or a jury) one signed-in person may send within the window.
pub const INVITATIONS_PER_PERSON: u64 = 60;
/// Changes of address one signed-in person may start within the window.
pub const ADDRESS_CHANGES_PER_PERSON: u64 = 5;

/// What a mail is for; each kind is limited on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    PasswordReset,
    Registration,
    Subscription,
    EmailChange,
    Invitation,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::PasswordReset => "password_reset",
            Purpose::Registration => "registration",
            Purpose::Subscription => "subscription",
            Purpose::EmailChange => "email_change",
            Purpose::Invitation => "invitation",
        }
    }
}

/// Who asks for a mail, and how many of a kind they may ask for within the window.
#[derive(Clone, Copy, Debug)]
pub enum Client<'a> {
    /// Someone not signed in, known by their address.
    Address { ip: &'a str, per_hour: u64 },
    /// A signed-in person.
    Person { user_id: i32, per_hour: u64 },
}

impl Client<'static> {
    /// A signed-in person inviting someone, to an organisation or a jury.
    pub fn inviter(user_id: i32) -> Self {
        Client::Person {
            user_id,
            per_hour: INVITATIONS_PER_PERSON,
        }
    }
}

impl Client<'_> {
    fn key(&self) -> String {
        match self {
            Client::Address { ip, .. } => format!("ip:{}", ip.chars().take(64).collect::<String>()),
            Client::Person { user_id, .. } => format!("user:{user_id}"),
        }
    }

    fn per_hour(&self) -> u64 {
        match self {
            Client::Address { per_hour, .. } | Client::Person { per_hour, .. } => *per_hour,
        }
    }
}

/// Counts a request for a mail of `purpose` to `recipient` (a normalised address), or refuses
/// it when the client or the recipient has had its share within the window. Run it in the
/// transaction that queues the mail, so that a request that fails for another reason is not
/// counted. The request is written before the counts are read, so that on SQLite the
/// transaction holds the write lock while it counts, and two requests at once cannot both take
/// the last mail there.
pub async fn admit<C: ConnectionTrait>(
    db: &C,
    purpose: Purpose,
    client: Client<'_>,
    recipient: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let key = client.key();
    mail_request::ActiveModel {
        purpose: Set(purpose.code().into()),
        client: Set(key.clone()),
        recipient: Set(recipient.chars().take(254).collect()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let recent = mail_request::Entity::find()
        .filter(mail_request::Column::Purpose.eq(purpose.code()))
        .filter(mail_request::Column::At.gt(now - Duration::minutes(WINDOW_MINUTES)));
    let by_client = recent
        .clone()
        .filter(mail_request::Column::Client.eq(key))
        .count(db)
        .await?;
    let by_recipient = recent
        .filter(mail_request::Column::Recipient.eq(recipient))
        .count(db)
        .await?;
    if by_client > client.per_hour() || by_recipient > PER_RECIPIENT {
        return Err(AppError::TooManyMails);
    }
    Ok(())
}
