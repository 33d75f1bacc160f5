//! The accounts room: people, their organisations and roles, passwords and email tokens.
//!
//! - `validation`: what people type, checked;
//! - `secrets`: password hashes and single-use tokens;
//! - `registration`: new accounts and the first admin;
//! - `login`: the password step, its limits, and the actor behind a session;
//! - `credentials`: password reset and change, change of address;
//! - `personal_data`: a person's own account and what is stored about them;
//! - `totp`: the second factor (one-time codes and recovery codes), by its own name.
mod credentials;
mod invitee;
mod login;
mod personal_data;
mod registration;
mod secrets;
pub mod totp;
mod validation;

pub use credentials::*;
pub(crate) use invitee::{Invitee, has_account};
pub use login::*;
pub use personal_data::*;
pub use registration::*;
pub use secrets::*;
pub use validation::*;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::Role;

use super::entities::app_user;

/// How long a link to confirm an address is valid.
const VERIFY_HOURS: i64 = 48;

/// Who is asking. Every service that is not public takes one and checks it first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i32,
    pub roles: Vec<Role>,
    pub organisations: Vec<i32>,
    /// The hosted national rounds (competition ids) the person organises.
    pub rounds: Vec<i32>,
    pub verified: bool,
    /// Juror, chair and admin roles held back because two-factor login is required but off.
    pub roles_on_hold: bool,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Acting for an organisation (inviting colleagues, and submitting entries) needs a
    /// confirmed address.
    pub fn require_verified(&self) -> Result<(), AppError> {
        if self.verified {
            Ok(())
        } else {
            Err(AppError::Unverified)
        }
    }
}

fn user_lang(u: &app_user::Model) -> Lang {
    Lang::from_code(&u.language)
}
