//! The jury's feedback to applicants: what the organiser and the chair prepare, and what the
//! applicant reads once it is released. No juror is ever named here.
use serde::{Deserialize, Serialize};

use super::{Text, UnsavedReason, When};
use crate::i18n::Lang;

/// One comment a juror wrote on an entry, as the organiser and chair choose among them. The
/// juror is a number within the entry, never a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackCandidate {
    /// `<sheet id>:<criterion key>` or `<sheet id>:overall`: the form's value.
    pub key: String,
    /// 1, 2, … in the order the sheets were made.
    pub juror: usize,
    /// The criterion's name; `None` for the sheet's overall comment.
    pub criterion: Option<Text>,
    pub text: String,
    pub chosen: bool,
}

/// Where the feedback on an entry stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedbackState {
    /// Nothing chosen or written yet.
    Empty,
    /// Chosen or written, not yet released.
    Prepared,
    /// Released to the applicant.
    Released(When),
}

/// What the organiser or chair saves: the summary in each language and the chosen comments'
/// keys (`FeedbackCandidate::key`). Kept as sent when a save refuses it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackInput {
    pub summary_sv: String,
    pub summary_en: String,
    pub chosen: Vec<String>,
}

/// Feedback of the reader's that a save refused, kept for them alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptFeedback {
    pub at: When,
    pub reason: UnsavedReason,
    /// The form starts from it: it was refused for what it said and nobody has saved the
    /// feedback since. Otherwise the page shows it beside the form, which shows what is saved.
    pub in_form: bool,
    pub summary_sv: String,
    pub summary_en: String,
    /// The comments it chose that the entry still offers.
    pub chosen: Vec<FeedbackCandidate>,
}

/// The page where the organiser and the chair prepare the feedback on one entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackDraftView {
    pub entry_id: i32,
    pub year: i32,
    pub reference: String,
    pub title: String,
    /// The saved feedback's revision (0 before the first save), which the form sends back.
    pub revision: i32,
    pub summary_sv: String,
    pub summary_en: String,
    pub candidates: Vec<FeedbackCandidate>,
    /// The reader's feedback on the entry that a save refused, if it is kept.
    pub kept: Option<KeptFeedback>,
    pub state: FeedbackState,
    /// The actor organises the round (and may release); otherwise they are its chair.
    pub organiser: bool,
    /// The round's results are public, so the feedback may be released.
    pub results_public: bool,
    /// The page the preparer came from: the organiser's overview, or the chair's ranking.
    pub back: String,
}

/// One entry in the organiser's overview of a round's feedback.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRow {
    pub entry_id: i32,
    pub reference: String,
    pub title: String,
    pub state: FeedbackState,
}

/// One released comment, as the applicant reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackComment {
    /// The criterion's name; `None` for an overall comment.
    pub criterion: Option<Text>,
    pub text: String,
}

/// The jury's feedback on an entry, for those who may read the entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryFeedback {
    pub entry_id: i32,
    pub reference: String,
    pub title: String,
    pub year: i32,
    /// `None` until the organiser releases it; then what was released.
    pub released: Option<When>,
    pub summary_sv: String,
    pub summary_en: String,
    pub comments: Vec<FeedbackComment>,
}

impl EntryFeedback {
    /// The summary in the reader's language where it is written, otherwise in the other one,
    /// with the language it is in (for the `lang` attribute); `None` when there is none.
    pub fn summary(&self, lang: Lang) -> Option<(&str, Lang)> {
        let (sv, en) = (self.summary_sv.trim(), self.summary_en.trim());
        let mine = lang.pick(sv, en);
        let other = lang.pick(en, sv);
        if !mine.is_empty() {
            Some((mine, lang))
        } else if !other.is_empty() {
            Some((other, lang.other()))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feedback(sv: &str, en: &str) -> EntryFeedback {
        EntryFeedback {
            entry_id: 1,
            reference: "X".into(),
            title: "T".into(),
            year: 2027,
            released: None,
            summary_sv: sv.into(),
            summary_en: en.into(),
            comments: vec![],
        }
    }

    #[test]
    fn the_summary_is_read_in_the_readers_language_where_written() {
        let both = feedback("Bra", "Good");
        assert_eq!(both.summary(Lang::Sv), Some(("Bra", Lang::Sv)));
        assert_eq!(both.summary(Lang::En), Some(("Good", Lang::En)));
        let swedish = feedback("Bra", " ");
        assert_eq!(swedish.summary(Lang::En), Some(("Bra", Lang::Sv)));
        let english = feedback("", "Good");
        assert_eq!(english.summary(Lang::Sv), Some(("Good", Lang::En)));
        assert_eq!(feedback("", "").summary(Lang::Sv), None);
    }
}
