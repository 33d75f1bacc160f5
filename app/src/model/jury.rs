//! Judging, as the browser and the server share it.
use serde::{Deserialize, Serialize};

use super::{
    AttachmentView, EntryDraft, KeptForm, KeptText, Phase, RoundRef, Text, UnsavedReason, When,
};

/// One criterion's score and comment on a sheet. `score` is a whole number on the year's scale,
/// or empty while the juror has not scored it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionScore {
    #[serde(default)]
    pub key: String,
    /// As typed; parsed and range-checked on the server.
    #[serde(default)]
    pub score: String,
    #[serde(default)]
    pub comment: String,
}

/// A juror's sheet for one entry, as the form sends it (`sheet[scores][0][score]`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetForm {
    #[serde(default)]
    pub scores: Vec<CriterionScore>,
    #[serde(default)]
    pub overall_comment: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetStatus {
    NotStarted,
    Draft,
    Submitted,
    /// The juror has a conflict of interest with the entry.
    Recused,
}

impl SheetStatus {
    pub fn code(self) -> &'static str {
        match self {
            SheetStatus::NotStarted => "not_started",
            SheetStatus::Draft => "draft",
            SheetStatus::Submitted => "submitted",
            SheetStatus::Recused => "recused",
        }
    }
}

/// A criterion as a juror scores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionInfo {
    pub key: String,
    pub name: Text,
    pub description: Text,
    pub weight: i32,
    /// What scores on the year's scale mean for this criterion, lowest first; the levels the
    /// rubric describes (all of them on the default 0–5 scale, or only some).
    pub levels: Vec<Level>,
}

/// What one score means for a criterion, e.g. 4: "Evaluated; most objectives reached".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub score: i32,
    pub meaning: Text,
}

/// An entry of the juror's own, to move to from the one being scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLink {
    pub entry_id: i32,
    pub title: String,
}

/// Another juror's submitted sheet, when the rules allow seeing it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OtherSheet {
    pub juror: String,
    pub scores: Vec<CriterionScore>,
    pub overall_comment: String,
    pub total: f64,
}

/// Why other jurors' scores are not shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hidden {
    /// Until this juror has submitted their own sheet.
    UntilOwnSubmitted,
    /// Until judging closes (the year is configured so).
    UntilJudgingCloses,
}

/// What a juror sees when scoring one entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoringView {
    pub entry_id: i32,
    pub year: i32,
    pub reference: String,
    /// The entry as last submitted; in an anonymised round without organisation and contacts.
    pub entry: EntryDraft,
    /// Supporting material only: the jury judges the entry itself. In an anonymised round each
    /// is named by its number (`2.pdf`).
    pub attachments: Vec<AttachmentView>,
    /// The round reviews anonymously.
    pub anonymous: bool,
    pub criteria: Vec<CriterionInfo>,
    pub scale: (i32, i32),
    pub sheet: SheetForm,
    pub status: SheetStatus,
    pub revision: i32,
    pub editable: bool,
    /// The round is in its shortlist round: the entry is read now and scored after.
    pub shortlisting: bool,
    pub closes: Option<When>,
    pub others: Result<Vec<OtherSheet>, Hidden>,
    /// The juror's entries before and after this one, in the order of their list (entries
    /// they stand aside from skipped).
    pub previous: Option<EntryLink>,
    pub next: Option<EntryLink>,
    /// A sheet of the juror's that a save refused, if it is kept for them.
    pub unsaved: Option<KeptSheet>,
    /// The juror may declare a conflict of interest with the entry: until the jury decides,
    /// in deliberation too, after the sheet has closed.
    pub may_declare: bool,
    /// The juror's reason for a conflict of interest that a save refused, kept for them; in
    /// the declaration's form while the page shows it (`may_declare`).
    pub kept_conflict: Option<KeptText>,
}

/// A sheet of the juror's that a save refused, kept for them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptSheet {
    pub at: When,
    /// The form shows it again (`ScoringView::sheet`): it was refused for what it said (a
    /// score missing or out of range, a comment too long) and nothing newer is stored. Otherwise
    /// it is on its own page (`/jury/unsaved/<id>`).
    pub in_form: bool,
}

/// A juror's sheet that a save refused, as they sent it, kept for them alone until they
/// discard it or [`UNSAVED_DAYS`](crate::model::UNSAVED_DAYS) have passed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnsavedSheetView {
    pub entry_id: i32,
    pub reference: String,
    pub title: String,
    pub round: RoundRef,
    pub at: When,
    pub reason: UnsavedReason,
    pub criteria: Vec<CriterionInfo>,
    /// In the order of `criteria`; a score as it was typed.
    pub sheet: SheetForm,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignedEntry {
    pub entry_id: i32,
    pub reference: String,
    pub title: String,
    /// Empty in an anonymised round.
    pub organisation: String,
    pub status: SheetStatus,
}

/// A juror's start page for a year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JurorHome {
    pub year: i32,
    pub theme: Text,
    pub phase: Phase,
    pub closes: Option<When>,
    pub entries: Vec<AssignedEntry>,
    pub submitted: usize,
    /// Entries to score: assigned and not recused.
    pub to_score: usize,
    pub chair: bool,
    /// The round reviews anonymously.
    pub anonymous: bool,
    /// The round's shortlist round, where it has one.
    pub shortlist: Option<super::ShortlistStatus>,
}

/// The state of every juror × entry pair, for the chair and the organiser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressMatrix {
    pub jurors: Vec<(i32, String)>,
    pub entries: Vec<(i32, String)>,
    /// `cells[entry][juror]`; `None` where the juror is not assigned the entry.
    pub cells: Vec<Vec<Option<SheetStatus>>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankingRow {
    pub entry_id: i32,
    pub title: String,
    pub organisation: String,
    pub rank: usize,
    pub score: f64,
    pub raw_mean: f64,
    pub spread: f64,
    pub effect_mean: f64,
    pub jurors: usize,
    pub tied: bool,
    /// Jurors who recused themselves from this entry.
    pub recused: Vec<String>,
    /// (juror, overall comment) of the submitted sheets.
    pub comments: Vec<(String, String)>,
    /// The viewer (the chair) stands aside from this entry: its rank shows, its scores do not.
    pub hidden: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankingView {
    pub year: i32,
    pub normalised: bool,
    pub rows: Vec<RankingRow>,
    /// Per criterion: how many submitted scores had each value on the scale.
    pub distribution: Vec<(Text, Vec<u32>)>,
    pub scale: (i32, i32),
    pub decided: Option<When>,
    /// A recorded decision may be taken back, with a reason, until the results are public.
    pub may_reopen: bool,
    /// Where the recorded winner has gone already, while the decision may be taken back.
    pub onward: super::WinnerOnward,
    /// Earlier decisions taken back, oldest first.
    pub reopenings: Vec<Reopening>,
    /// While undecided after a reopening: the decision taken back, for the form to start from.
    pub previous: Option<DecisionInput>,
    /// A decision of the reader's that a save refused, if it is kept for them.
    pub kept: Option<KeptDecision>,
    /// A reason for reopening the decision of the reader's that a save refused, if it is kept
    /// for them.
    /// Refused as too long, because the decision was already reopened by someone else, or
    /// because the results were public.
    pub kept_reopening: Option<KeptText>,
}

/// A decision that a save refused (a tie without a reason, a motivation missing or too long,
/// one recorded first by someone else, judging over).
pub type KeptDecision = KeptForm<DecisionInput>;

/// The jury's discussion of one entry, as one of its jurors or the round's organiser sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiscussionView {
    pub entry_id: i32,
    pub reference: String,
    pub title: String,
    pub round: RoundRef,
    /// Where the reader came from: a juror's scoring page, or the organiser's ranking.
    pub back: String,
    /// Oldest first; or why the reader does not see it yet.
    pub notes: Result<Vec<JuryNote>, Hidden>,
    pub may_post: bool,
    /// A note of the reader's that a save refused (too long, or sent after notes had closed),
    /// if it is kept for them; the form shows it again if it was refused as too long.
    pub kept: Option<KeptText>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JuryNote {
    /// Empty once the author's account is gone.
    pub author: String,
    /// Written by the reader.
    pub own: bool,
    pub at: When,
    pub body: String,
}

/// The jury's meeting grid: every juror's score of every entry, on one criterion or on the
/// weighted total, with the odd ones out marked and the raw and normalised results side by
/// side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridView {
    pub year: i32,
    /// The criteria one may choose, as (key, name).
    pub criteria: Vec<(String, Text)>,
    /// The criterion shown; `None`: the weighted total.
    pub criterion: Option<String>,
    /// Whether the year's ranking uses the normalised results.
    pub normalised: bool,
    pub jurors: Vec<String>,
    /// In the year's ranking order.
    pub rows: Vec<GridRow>,
    /// How far from an entry's median a score stands out, in points.
    pub outlier_distance: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridRow {
    pub entry_id: i32,
    pub title: String,
    pub rank: usize,
    /// One per juror, in `GridView::jurors` order.
    pub cells: Vec<GridCell>,
    /// The mean of the scores shown, as given.
    pub raw_mean: f64,
    /// The mean of the same scores after normalising each juror's (z-scores over the entries
    /// that juror scored).
    pub normalised_mean: f64,
    pub spread: f64,
    /// The viewer (the chair) stands aside from this entry: nothing of its scores is shown.
    pub hidden: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum GridCell {
    /// The juror does not score this entry (not assigned).
    NotTheirs,
    /// The juror stands aside from it.
    Recused,
    /// Assigned, but no submitted sheet.
    Missing,
    Score {
        value: f64,
        outlier: bool,
    },
}

/// What the chair records: the winner, runners-up and mentions, and the jury's motivation.
/// Kept (as JSON) with a reopening, as the decision stood when it was taken back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::FromJsonQueryResult))]
pub struct DecisionInput {
    pub winner: i32,
    #[serde(default)]
    pub runners_up: Vec<i32>,
    #[serde(default)]
    pub mentions: Vec<i32>,
    #[serde(default)]
    pub motivation_sv: String,
    #[serde(default)]
    pub motivation_en: String,
    #[serde(default)]
    pub tie_reason: String,
}

/// A recorded decision taken back before the results were public.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reopening {
    pub at: When,
    /// Who took it back (the chair or the organiser); empty if their account is gone.
    pub by: String,
    pub reason: String,
    /// When the decision taken back had been recorded.
    pub decided: When,
    /// A scheduled release of the results that the reopening took back with it.
    pub release_taken_back: Option<When>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JuryInvitationStatus {
    Pending,
    Accepted,
    Declined,
    Expired,
    Revoked,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JuryInvitationView {
    pub id: i32,
    pub email: String,
    pub status: JuryInvitationStatus,
    pub sent: When,
}

/// What a jury invitation link shows before it is answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JuryInvitationInfo {
    pub year: i32,
    pub theme: Text,
    pub email: String,
    /// The address has an account: sign in as it to accept.
    pub has_account: bool,
}

/// A member of a round's jury, as its organiser sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JuryMemberRow {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub chair: bool,
    /// In the European final, the member state the juror comes from (and stands aside for).
    pub country: Option<String>,
    /// While judging, the sheets the juror has left; otherwise none.
    pub remaining: Option<usize>,
}

/// The organiser's view of a year's jury.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JuryAdminView {
    pub year: i32,
    /// By name.
    pub members: Vec<JuryMemberRow>,
    pub invitations: Vec<JuryInvitationView>,
    /// Explicit assignments exist; otherwise every juror has every entry.
    pub assigned_explicitly: bool,
    /// The entries in judging: (id, title).
    pub entries: Vec<(i32, String)>,
    /// In the European final, the member states taking part, one of which each juror is
    /// invited from; empty for a national round.
    pub countries: Vec<String>,
    /// The round opens its judging with a shortlist round.
    pub shortlist: bool,
    /// Conflicts of interest may be recorded: until the jury decides.
    pub may_record: bool,
    /// The reader's record of a conflict of interest that was refused, which the form shows
    /// again while it shows (otherwise the page lists it).
    pub kept_conflict: Option<KeptForm<RecordedConflict>>,
}

/// The organiser's record of a juror's conflict of interest with an entry, as it was sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordedConflict {
    pub entry_id: i32,
    pub juror_id: i32,
    pub reason: String,
}

/// Why balanced assignment left an entry with fewer jurors than asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shortfall {
    pub entry_id: i32,
    pub title: String,
    pub assigned: usize,
    pub wanted: usize,
    /// Jurors left out because of a conflict of interest.
    pub conflicted: Vec<String>,
    /// Jurors left out because they had reached the load cap.
    pub at_cap: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignmentReport {
    pub pairs: usize,
    /// Entries per juror after the assignment: (name, load).
    pub loads: Vec<(String, usize)>,
    pub shortfalls: Vec<Shortfall>,
}
