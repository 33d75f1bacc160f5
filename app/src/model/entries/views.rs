//! What the entry pages show: statuses, versions, attachments, the lists and screening.
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

use super::{EntryDraft, WordLimits};
use crate::error::{FieldError, Problem};
use crate::i18n::Lang;
use crate::model::{KeptText, UnsavedReason};
use crate::model::{Phase, Text, When};

/// Where an entry stands. On the server it is also the `entry.status` column, stored as the
/// same text as `code()` gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::None)")
)]
pub enum EntryStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "eligible"))]
    Eligible,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ineligible"))]
    Ineligible,
}

impl EntryStatus {
    pub const ALL: [EntryStatus; 5] = [
        EntryStatus::Draft,
        EntryStatus::Submitted,
        EntryStatus::Withdrawn,
        EntryStatus::Eligible,
        EntryStatus::Ineligible,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntryStatus::Draft => "draft",
            EntryStatus::Submitted => "submitted",
            EntryStatus::Withdrawn => "withdrawn",
            EntryStatus::Eligible => "eligible",
            EntryStatus::Ineligible => "ineligible",
        }
    }

    pub fn from_code(code: &str) -> Option<EntryStatus> {
        EntryStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.e().statuses[self as usize]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i32,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded: When,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub number: i32,
    pub submitted: When,
    pub submitted_by: String,
}

/// A line of the version history: the version, and what it changed from the one before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionLine {
    pub summary: VersionSummary,
    /// The parts it changed ([`EntryDraft::changed_parts`], then
    /// [`ATTACHMENTS_PART`](super::ATTACHMENTS_PART) if the files differ); `None` for the first
    /// version.
    pub changed: Option<Vec<String>>,
}

/// One submitted version, as it was sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub summary: VersionSummary,
    /// As in [`VersionLine::changed`].
    pub changed: Option<Vec<String>>,
    pub draft: EntryDraft,
    pub attachments: Vec<String>,
}

/// An entry as its organisation's members (and the organiser) see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryView {
    pub id: i32,
    pub reference: String,
    pub year: i32,
    pub theme: Text,
    pub organisation: String,
    pub status: EntryStatus,
    pub revision: i32,
    pub draft: EntryDraft,
    pub limits: WordLimits,
    /// The server will accept changes now (member, and before the deadline).
    pub editable: bool,
    pub deadline: Option<When>,
    pub now: i64,
    pub updated: When,
    pub updated_by: Option<String>,
    pub submitted: Option<When>,
    /// Saved changes that are not in the last submitted version.
    pub unsubmitted_changes: bool,
    pub screening_reason: Option<String>,
    pub attachments: Vec<AttachmentView>,
    /// Newest first.
    pub versions: Vec<VersionLine>,
    /// What stops submission now, per field.
    pub problems: Vec<FieldError>,
    /// An entry of a round that works in English (the European final, another country's
    /// round): without the Swedish round's Swedish summary and checklist.
    pub english: bool,
    /// The jury's feedback on the entry has been released (`/entries/<id>/feedback`).
    pub feedback: bool,
    /// The round's jurors review anonymously: the form asks the applicant not to name
    /// themselves.
    pub anonymous_review: bool,
    /// A save of the reader's that was refused, its text kept for them, if it still is.
    pub unsaved: Option<KeptEntry>,
}

/// Where the reader's refused text of an entry is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptEntry {
    /// When it was sent.
    pub at: When,
    /// The text the form shows again: it was refused for what it said (a field over what the
    /// portal stores, a date that is not a date) and nothing was saved since, so the writer
    /// corrects it there. Otherwise (`None`) it waits on its own page (`/entries/<id>/unsaved`).
    pub in_form: Option<EntryDraft>,
}

/// The text a save of the reader's refused, kept for them alone until they discard it or
/// [`UNSAVED_DAYS`] have passed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnsavedView {
    pub id: i32,
    pub reference: String,
    pub at: When,
    pub reason: UnsavedReason,
    pub draft: EntryDraft,
}

/// The answer to an autosave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub revision: i32,
    pub at: When,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryListItem {
    pub id: i32,
    pub reference: String,
    pub year: i32,
    pub title: String,
    pub organisation: String,
    pub status: EntryStatus,
    pub updated: When,
    pub submitted: Option<When>,
    pub editable: bool,
}

/// The applicant's start page: their entries and where a new one can be started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyEntries {
    pub entries: Vec<EntryListItem>,
    /// The years of the home country's round open for entries now, newest first, with their
    /// deadlines.
    pub open_years: Vec<(i32, When)>,
    /// Other countries' national rounds hosted here and open for entries now, with their
    /// deadlines.
    pub open_rounds: Vec<(crate::model::RoundRef, When)>,
    /// Organisations the person can start an entry for: (id, name).
    pub organisations: Vec<(i32, String)>,
    pub verified: bool,
}

/// A row of the organiser's screening list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreeningRow {
    pub id: i32,
    pub reference: String,
    pub title: String,
    pub organisation: String,
    pub status: EntryStatus,
    pub updated: When,
    pub submitted: Option<When>,
    pub reason: Option<String>,
    /// The reader's reason for this entry that a screening refused, kept for them.
    pub kept: Option<KeptText>,
    /// What the screening's check finds in the kept reason, for its field.
    pub problem: Option<Problem>,
    /// The screening the page shows, sent back with a verdict: one given since, in another
    /// tab or by a colleague, is not overwritten unseen.
    pub seen: String,
}

/// A draft not yet submitted, on the organiser's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftRow {
    pub id: i32,
    pub reference: String,
    pub title: String,
    pub organisation: String,
    pub updated: When,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreeningView {
    pub year: i32,
    pub phase: Phase,
    pub rows: Vec<ScreeningRow>,
    /// The drafts not yet submitted, by last change, oldest first.
    pub drafts: Vec<DraftRow>,
    /// The year takes entries now, so a draft's organisation can be reminded.
    pub can_remind: bool,
    pub list_published: Option<When>,
}

/// A published list of entries: title and organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListedEntry {
    pub title: String,
    pub organisation: String,
}
