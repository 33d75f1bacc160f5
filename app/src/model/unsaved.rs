//! Text a save refused and kept for the person who typed it: an applicant's entry, a juror's
//! score sheet and notes, the jury's decision and the reason to reopen it, the organiser's news
//! item or event.
use serde::{Deserialize, Serialize};

use super::When;

/// Why a save was refused, and its text kept apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnsavedReason {
    /// The form was saved elsewhere (another tab, a colleague) after it was opened.
    Stale,
    /// A field was refused: over what the portal stores, or a score missing or out of range.
    Invalid,
    /// The form takes no changes now (the deadline passed, judging closed).
    Closed,
}

impl UnsavedReason {
    pub fn code(self) -> &'static str {
        match self {
            UnsavedReason::Stale => "stale",
            UnsavedReason::Invalid => "invalid",
            UnsavedReason::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<UnsavedReason> {
        [
            UnsavedReason::Stale,
            UnsavedReason::Invalid,
            UnsavedReason::Closed,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }

    /// Its place in a list of messages, one per reason in the order above.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How many days text that a save refused is kept for its writer (the privacy page says so).
pub const UNSAVED_DAYS: u32 = 30;

/// A form of the reader's that a save refused, kept for them alone, as they sent it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptForm<F> {
    /// When it was sent.
    pub at: When,
    pub reason: UnsavedReason,
    /// Whether the form shows it (refused for what it said, with nothing saved since);
    /// otherwise the form shows what is saved and the page shows this beside it.
    pub in_form: bool,
    pub form: F,
}

/// One text a save refused (a reason to reopen the jury's decision, a note to its discussion),
/// as it was typed.
pub type KeptText = KeptForm<String>;
