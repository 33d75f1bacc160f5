//! The shortlist round's DTOs: what a juror answers, what the chair sees and advances.
use serde::{Deserialize, Serialize};

use super::{KeptForm, When};

/// How jurors answer in a year's shortlist round, stored as `rating` or `vote`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShortlistKind {
    /// A quick rating from 1 to 5.
    Rating,
    /// Yes (1) or no (0).
    Vote,
}

impl ShortlistKind {
    pub const ALL: [ShortlistKind; 2] = [ShortlistKind::Rating, ShortlistKind::Vote];

    pub fn code(self) -> &'static str {
        match self {
            ShortlistKind::Rating => "rating",
            ShortlistKind::Vote => "vote",
        }
    }

    pub fn from_code(code: &str) -> Option<ShortlistKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The answers a juror may give, lowest first.
    pub fn values(self) -> std::ops::RangeInclusive<i32> {
        match self {
            ShortlistKind::Rating => 1..=5,
            ShortlistKind::Vote => 0..=1,
        }
    }
}

/// One of the juror's entries in the shortlist round, with their answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShortlistChoice {
    pub entry_id: i32,
    pub reference: String,
    pub title: String,
    /// Empty in an anonymised round.
    pub organisation: String,
    pub answer: Option<i32>,
    /// The juror stands aside from the entry: no answer.
    pub recused: bool,
}

/// One entry's answers, for the chair and the organiser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TallyLine {
    pub entry_id: i32,
    pub reference: String,
    pub title: String,
    /// Empty where the viewer is an anonymised round's chair.
    pub organisation: String,
    /// Place by mean answer, 1 the highest; tied entries share a place.
    pub rank: u32,
    pub tied: bool,
    pub answers: u32,
    /// The jurors who may answer on it.
    pub jurors: u32,
    /// Of a vote: how many said yes.
    pub yes: u32,
    /// The mean answer; none without answers.
    pub mean: Option<f64>,
    /// The chair stands aside from it: its answers are not shown to them.
    pub hidden: bool,
    pub advanced: bool,
}

/// The chair's advancement as recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Advancement {
    pub titles: Vec<String>,
    /// The top this many; none for a chosen set.
    pub top: Option<i32>,
    pub reason: String,
    pub by: String,
    pub at: When,
}

/// The shortlist page of a round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShortlistView {
    pub year: i32,
    pub kind: ShortlistKind,
    /// When the answers are due.
    pub closes: Option<When>,
    /// Answers are taken now.
    pub open: bool,
    /// The viewer's own entries (empty for the organiser, who is no juror).
    pub mine: Vec<ShortlistChoice>,
    /// Every entry's answers, for the chair and the organiser.
    pub tally: Option<Vec<TallyLine>>,
    pub may_advance: bool,
    pub advanced: Option<Advancement>,
    /// For the chair and the organiser once advanced: whether the advancement may still be
    /// taken back (judging is open and no juror has saved a score).
    pub take_back: Option<bool>,
    pub anonymous: bool,
    /// An advancement of the reader's that a save refused, kept for them: in the form if it was
    /// refused for what it said and the form is shown, else listed beside it.
    pub kept: Option<KeptForm<AdvanceForm>>,
}

/// Where a juror's round stands with its shortlist, for their list of entries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShortlistStatus {
    pub open: bool,
    pub closes: Option<When>,
    /// How many of their entries the juror has answered on, and of how many.
    pub answered: usize,
    pub of: usize,
    /// Advanced: full scoring of the advanced entries.
    pub advanced: bool,
}

/// The chair's advancement as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AdvanceForm {
    /// `top` (the top N by mean answer) or `chosen` (the ticked entries).
    pub how: String,
    /// N, as typed.
    pub top: String,
    pub chosen: Vec<i32>,
    pub reason: String,
}
