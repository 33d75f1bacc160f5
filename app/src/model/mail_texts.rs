//! The words of a year's mails as the organiser sets them: which mails, and the editor's data.
use serde::{Deserialize, Serialize};

use super::When;

/// A mail of the home country's round whose subject and main text a year can change, in
/// Swedish and English. The greeting, the link and the closing stay the portal's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailKey {
    /// The receipt of a submitted entry.
    Receipt,
    /// Screening found the entry eligible.
    Eligible,
    /// Screening found the entry not eligible.
    Ineligible,
    /// The results are public: the entry won.
    Winner,
    /// … it came second.
    RunnerUp,
    /// … it got an honourable mention.
    Mention,
    /// … it was judged and not awarded.
    NotAwarded,
    /// … it was not eligible.
    NotEligible,
    /// The invitation to the year's jury.
    JuryInvitation,
    /// The reminder of unsubmitted drafts before the deadline.
    DeadlineReminder,
    /// The reminder to jurors with sheets left before judging closes.
    JuryReminder,
}

impl MailKey {
    pub const ALL: [MailKey; 11] = [
        MailKey::Receipt,
        MailKey::Eligible,
        MailKey::Ineligible,
        MailKey::Winner,
        MailKey::RunnerUp,
        MailKey::Mention,
        MailKey::NotAwarded,
        MailKey::NotEligible,
        MailKey::JuryInvitation,
        MailKey::DeadlineReminder,
        MailKey::JuryReminder,
    ];

    /// The word stored and used in addresses.
    pub fn code(self) -> &'static str {
        match self {
            MailKey::Receipt => "receipt",
            MailKey::Eligible => "eligible",
            MailKey::Ineligible => "ineligible",
            MailKey::Winner => "winner",
            MailKey::RunnerUp => "runner_up",
            MailKey::Mention => "mention",
            MailKey::NotAwarded => "not_awarded",
            MailKey::NotEligible => "not_eligible",
            MailKey::JuryInvitation => "jury_invitation",
            MailKey::DeadlineReminder => "deadline_reminder",
            MailKey::JuryReminder => "jury_reminder",
        }
    }

    pub fn parse(code: &str) -> Option<MailKey> {
        MailKey::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A year's mail on the list: whether its Swedish and English words are the year's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTextRow {
    pub key: MailKey,
    pub custom_sv: bool,
    pub custom_en: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTextsView {
    pub year: i32,
    pub texts: Vec<MailTextRow>,
}

/// One language of a mail in the editor: the words in use (the year's own or the portal's),
/// and the whole mail as it would go out, filled with example values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTextLang {
    pub subject: String,
    pub body: String,
    pub custom: bool,
    pub preview_subject: String,
    pub preview_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTextEditor {
    pub year: i32,
    pub key: MailKey,
    /// The placeholders this mail fills, without braces.
    pub placeholders: Vec<String>,
    pub sv: MailTextLang,
    pub en: MailTextLang,
    /// When the year's words were last changed, if ever.
    pub updated: Option<When>,
}

/// The editor's form: both languages' subject and main text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTextForm {
    pub subject_sv: String,
    pub body_sv: String,
    pub subject_en: String,
    pub body_en: String,
}
