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
        }
    }
}
