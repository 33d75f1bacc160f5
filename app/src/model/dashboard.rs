//! The organiser's dashboard of a year: how the entries came in, how far the jurors are, and
//! what happens next.
use serde::{Deserialize, Serialize};

use super::{Phase, Text, When};

/// Entries at the end of one week: started (drafts included), submitted at least once, and
/// screened, each counted from the year's start up to that week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekCount {
    /// The week's last day, `YYYY-MM-DD` in Stockholm (a Sunday, or today for this week).
    pub ends: String,
    pub started: u32,
    pub submitted: u32,
    pub screened: u32,
}

/// One juror's sheets of the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorLine {
    pub name: String,
    pub chair: bool,
    /// Entries they may score.
    pub to_score: u32,
    pub submitted: u32,
    pub drafts: u32,
    /// Entries they stand aside from.
    pub recused: u32,
}

/// A date of the year still ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Milestone {
    Opens,
    Deadline,
    JudgingStarts,
    /// The shortlist round's answers are due (a round with one).
    ShortlistCloses,
    JudgingCloses,
    Decision,
    Publication,
}

/// A reminder the portal will send: when, and to how many as things stand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderLine {
    pub at: When,
    /// Days before the date it reminds of.
    pub days: u32,
    /// Organisations with drafts (before the deadline), active jurors with shortlist answers
    /// left (before the shortlist's date) or with sheets left (before judging closes), today.
    pub recipients: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueLine {
    pub what: Milestone,
    pub at: When,
    /// The reminders still to go before it, earliest first.
    pub reminders: Vec<ReminderLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearDashboard {
    pub year: i32,
    pub theme: Text,
    pub phase: Phase,
    /// From the week the year opened (or its first entry) to this week, at most the last 26.
    pub weeks: Vec<WeekCount>,
    pub jurors: Vec<JurorLine>,
    /// The dates still ahead, earliest first.
    pub due: Vec<DueLine>,
}
