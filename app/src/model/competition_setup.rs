//! A year's setup as the organiser edits it: the form, the rubric, the admin list.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Level, Phase, Text};

/// One ECPA criterion of a year's rubric.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionForm {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub name_sv: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub description_sv: String,
    #[serde(default)]
    pub description_en: String,
    /// Whole number, 0–10.
    #[serde(default)]
    pub weight: String,
    /// What scores mean, one line per score: "4: Most objectives reached".
    #[serde(default)]
    pub levels_sv: String,
    #[serde(default)]
    pub levels_en: String,
}

/// A competition year as the organiser edits it. Dates are Stockholm wall time,
/// `YYYY-MM-DDTHH:MM` as a `datetime-local` field gives them, or empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetitionForm {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub theme_sv: String,
    #[serde(default)]
    pub theme_en: String,
    #[serde(default)]
    pub description_sv: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub who_may_apply_sv: String,
    #[serde(default)]
    pub who_may_apply_en: String,
    #[serde(default)]
    pub prize_sv: String,
    #[serde(default)]
    pub prize_en: String,
    #[serde(default)]
    pub opens_at: String,
    #[serde(default)]
    pub closes_at: String,
    #[serde(default)]
    pub judging_at: String,
    #[serde(default)]
    pub deliberation_at: String,
    #[serde(default)]
    pub decided_at: String,
    #[serde(default)]
    pub published_at: String,
    #[serde(default)]
    pub scale_min: String,
    #[serde(default)]
    pub scale_max: String,
    #[serde(default)]
    pub criteria: Vec<CriterionForm>,
    /// Word limit per section key (and [`SUMMARY_KEY`]), as typed.
    #[serde(default)]
    pub limits: BTreeMap<String, String>,
    /// Jurors see each other's scores only once judging has closed.
    #[serde(default)]
    pub blind_until_close: bool,
    /// The ranking normalises each juror's scores (z-scores).
    #[serde(default)]
    pub normalise_scores: bool,
    /// Jurors review anonymously: no organisation, contacts or attachment names.
    #[serde(default)]
    pub anonymous_review: bool,
    /// The shortlist round before full scoring: `rating` or `vote` (`ShortlistKind`), or empty
    /// for none.
    #[serde(default)]
    pub shortlist: String,
    /// When the shortlist round's answers are due, as typed.
    #[serde(default)]
    pub shortlist_closes_at: String,
    /// Days before the deadline to remind applicants with drafts, as typed ("7, 1"); empty for
    /// the default.
    #[serde(default)]
    pub deadline_reminders: String,
    /// Days before judging closes to remind jurors with sheets left ("3, 1"); empty for the
    /// default.
    #[serde(default)]
    pub jury_reminders: String,
}

/// The phase-date fields of [`CompetitionForm`], in order.
pub const PHASE_FIELDS: [&str; 6] = [
    "opens_at",
    "closes_at",
    "judging_at",
    "deliberation_at",
    "decided_at",
    "published_at",
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetitionAdminRow {
    pub year: i32,
    pub theme: Text,
    pub phase: Phase,
    pub entries: u64,
    pub submitted: u64,
}

/// A criterion as the public competition page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionView {
    pub name: Text,
    pub description: Text,
    pub weight: i32,
    /// What the scores mean, as the jurors read it.
    pub levels: Vec<Level>,
}

/// The reminder days a year has unless the organiser sets others.
pub const DEFAULT_DEADLINE_REMINDERS: [u32; 2] = [7, 1];
pub const DEFAULT_JURY_REMINDERS: [u32; 2] = [3, 1];

/// Reminder days as the form shows them: "7, 1", the earliest first; "0" for none.
pub fn reminder_days_text(days: &[u32]) -> String {
    if days.is_empty() {
        return "0".into();
    }
    let mut days = days.to_vec();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
