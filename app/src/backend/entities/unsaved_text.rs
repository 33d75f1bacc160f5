use sea_orm::entity::prelude::*;

/// Text that a save refused, kept for the person who typed it alone: the latest per entry and
/// form (the entry's own form, their score sheet of it, the feedback on it, a note to the
/// jury's discussion of it, the reason given in its screening, or a juror's reason for a
/// conflict of interest with it), per round and form (the jury's decision, the reason to
/// reopen it, the organiser's group message), or per news item or event.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unsaved_text")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The entry, for the forms of an entry; empty for a round's.
    pub entry_id: Option<i32>,
    /// The round, for the forms of a round; empty otherwise.
    pub competition_id: Option<i32>,
    /// The news item or event, for their editors (0: one not yet created); empty otherwise.
    pub item_id: Option<i32>,
    pub user_id: i32,
    /// The form's fields as JSON, as they were sent: an `EntryDraft`, a `SheetForm`, a
    /// `DecisionInput`, a reopening's, a screening's or a conflict's reason or a note (a
    /// string), a `RecordedConflict`, an `AdvanceForm`, a `MessageInput`, a `FeedbackInput`, a
    /// `NewsForm` or an `EventForm`.
    pub draft: String,
    /// Why the save was refused: `stale`, `invalid` or `closed`.
    pub reason: String,
    pub created_at: DateTimeUtc,
    pub form: UnsavedForm,
    /// The revision the refused form was based on.
    pub based_on: Option<i32>,
}

/// Which form the text was typed in; stored as `entry`, `sheet`, `decision`, `reopening`,
/// `note`, `screening`, `conflict`, `recorded_conflict`, `shortlist_advance`, `message`,
/// `feedback`, `news` or `event`, the words the export shows too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum UnsavedForm {
    /// The entry's own form, written by its applicants.
    #[sea_orm(string_value = "entry")]
    Entry,
    /// A juror's score sheet of the entry.
    #[sea_orm(string_value = "sheet")]
    Sheet,
    /// The jury's decision of a round, recorded by its chair or organiser.
    #[sea_orm(string_value = "decision")]
    Decision,
    /// The reason for taking the jury's decision of a round back, by its chair or organiser.
    #[sea_orm(string_value = "reopening")]
    Reopening,
    /// A note to the jury's discussion of the entry, by one of its jurors or its organiser.
    #[sea_orm(string_value = "note")]
    Note,
    /// The reason the round's organiser gives when screening the entry, sent to its applicants.
    #[sea_orm(string_value = "screening")]
    Screening,
    /// A juror's reason for declaring a conflict of interest with the entry.
    #[sea_orm(string_value = "conflict")]
    Conflict,
    /// The organiser's record of a juror's conflict of interest with an entry of the round.
    #[sea_orm(string_value = "recorded_conflict")]
    RecordedConflict,
    /// The chair's or organiser's choice of the entries that advance from the shortlist round.
    #[sea_orm(string_value = "shortlist_advance")]
    Advancement,
    /// The organiser's message to a group of a round's people.
    #[sea_orm(string_value = "message")]
    Message,
    /// The feedback on an entry, prepared by the round's organiser or the jury's chair.
    #[sea_orm(string_value = "feedback")]
    Feedback,
    /// The organiser's editor of a news item or press release.
    #[sea_orm(string_value = "news")]
    News,
    /// The organiser's editor of an event.
    #[sea_orm(string_value = "event")]
    Event,
}

/// What a form belongs to, and so which column holds its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    Entry,
    Round,
    /// A news item or event.
    Item,
}

impl UnsavedForm {
    /// What the form belongs to: an entry (`entry_id`), a round (`competition_id`) or a news
    /// item or event (`item_id`).
    pub fn holder(self) -> Holder {
        match self {
            UnsavedForm::Entry
            | UnsavedForm::Sheet
            | UnsavedForm::Feedback
            | UnsavedForm::Note
            | UnsavedForm::Screening
            | UnsavedForm::Conflict => Holder::Entry,
            UnsavedForm::Decision
            | UnsavedForm::Reopening
            | UnsavedForm::Message
            | UnsavedForm::RecordedConflict
            | UnsavedForm::Advancement => Holder::Round,
            UnsavedForm::News | UnsavedForm::Event => Holder::Item,
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
