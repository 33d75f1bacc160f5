//! How long the portal keeps what it keeps: the retention rules, set by the operator, applied
//! by a daily job and shown on the privacy page.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRules {
    /// Drafts never submitted are removed this many months after their year closed
    /// (`ECPA_RETAIN_DRAFT_MONTHS`).
    pub draft_months: u32,
    /// The text of a mail is removed this many days after it was sent, or given up on
    /// (`ECPA_RETAIN_MAIL_DAYS`).
    pub mail_days: u32,
    /// Contacts named in entries are removed this many years after their year closed, and
    /// accounts nobody has signed in to for this many years are erased
    /// (`ECPA_RETAIN_PEOPLE_YEARS`). Unset, both are kept under Brå's archive rules: as a public
    /// agency, Brå removes records only under a decision on what may be removed.
    pub people_years: Option<u32>,
}

impl RetentionRules {
    pub const DEFAULT_DRAFT_MONTHS: u32 = 12;
    pub const DEFAULT_MAIL_DAYS: u32 = 90;
}

impl Default for RetentionRules {
    fn default() -> Self {
        RetentionRules {
            draft_months: Self::DEFAULT_DRAFT_MONTHS,
            mail_days: Self::DEFAULT_MAIL_DAYS,
            people_years: None,
        }
    }
}

/// The longest stretch of a stored value shown around a name or address found in it.
pub const EXCERPT_CHARS: usize = 120;

/// What the organiser finds when handling a person's request: their account, if they have one,
/// and every stored value that names them. Empty before anyone is searched for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonSearch {
    /// The address searched for, normalised.
    pub email: String,
    /// The names searched for as well: the one typed and the account's.
    pub names: Vec<String>,
    pub account: Option<PersonAccount>,
    pub places: Vec<PersonPlace>,
    /// The request as a query string (`email=…&name=…`), for the export link.
    pub query: String,
}

/// A request's address and name as a query string.
#[cfg(feature = "ssr")]
pub fn person_query(email: &str, name: &str) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    let mut q = format!(
        "email={}",
        utf8_percent_encode(email.trim(), NON_ALPHANUMERIC)
    );
    if !name.trim().is_empty() {
        q.push_str(&format!(
            "&name={}",
            utf8_percent_encode(name.trim(), NON_ALPHANUMERIC)
        ));
    }
    q
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonAccount {
    pub name: String,
    pub active: bool,
    pub roles: Vec<crate::model::Role>,
    pub organisations: Vec<String>,
    /// Whether the account is the organiser's own (erased from their own account page).
    pub own: bool,
}

/// One stored value that names the person: where it is, and a stretch of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonPlace {
    pub table: String,
    pub row: String,
    pub column: String,
    pub excerpt: String,
}

/// What an erasure did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureReport {
    /// Rows that were about the person as a whole (subscriptions, invitations, mails to
    /// them, their memberships and roles, entries' contact rows with their address).
    pub deleted: u64,
    /// Values in which the name or address was replaced.
    pub changed: u64,
    /// Audit lines whose detail was blanked.
    pub blanked: u64,
    /// Places left as they were: another account with the same name, or audit lines written
    /// before they could be blanked.
    pub kept: Vec<PersonPlace>,
}
