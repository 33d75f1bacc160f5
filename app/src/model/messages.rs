//! Messages from the organiser to a group of a round's people.
use serde::{Deserialize, Serialize};

use super::When;

/// Who a group message goes to, within one round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Segment {
    /// Every organisation with an entry, draft or submitted (not withdrawn).
    Applicants,
    /// Organisations with an entry still unsubmitted.
    Drafts,
    /// Organisations with a submitted entry.
    Submitted,
    /// Every member of the jury.
    Jurors,
    /// Jurors with score sheets still to submit.
    UnfinishedJurors,
}

impl Segment {
    pub const ALL: [Segment; 5] = [
        Segment::Applicants,
        Segment::Drafts,
        Segment::Submitted,
        Segment::Jurors,
        Segment::UnfinishedJurors,
    ];

    /// The word stored and posted for it.
    pub fn code(self) -> &'static str {
        match self {
            Segment::Applicants => "applicants",
            Segment::Drafts => "drafts",
            Segment::Submitted => "submitted",
            Segment::Jurors => "jurors",
            Segment::UnfinishedJurors => "unfinished_jurors",
        }
    }

    pub fn parse(code: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether it is made of applicant organisations (otherwise of jurors).
    pub fn applicants(self) -> bool {
        matches!(
            self,
            Segment::Applicants | Segment::Drafts | Segment::Submitted
        )
    }
}

/// A segment and how many people it reaches now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentCount {
    pub segment: Segment,
    pub people: usize,
}

/// A message as the organiser's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRow {
    pub id: i32,
    pub segment: Segment,
    pub subject: String,
    /// When it was sent, or is to be.
    pub at: When,
    pub sent: bool,
    pub recipients: Option<i32>,
}

/// What the organiser writes: the group, the words in Swedish (and English, optional), and
/// when (`yyyy-mm-ddThh:mm`, Stockholm; empty: now).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageInput {
    pub segment: String,
    pub subject_sv: String,
    pub body_sv: String,
    pub subject_en: String,
    pub body_en: String,
    pub send_at: String,
}

/// A message of the reader's that was refused (a text missing, a time passed), kept for them
/// until it is sent or they clear the form, which shows it again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptMessage {
    pub at: When,
    pub sent: MessageInput,
}

/// The organiser's page of a round's group messages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagesView {
    pub year: i32,
    pub segments: Vec<SegmentCount>,
    pub messages: Vec<MessageRow>,
    /// The reader's refused message, for the form to start from.
    pub kept: Option<KeptMessage>,
}

#[cfg(test)]
mod tests {
    use super::Segment;

    #[test]
    fn every_segment_reads_back_from_its_code() {
        for s in Segment::ALL {
            assert_eq!(Segment::parse(s.code()), Some(s));
        }
        assert_eq!(Segment::parse("everyone"), None);
    }
}
