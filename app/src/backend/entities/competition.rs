use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competition")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub year: i32,
    pub theme_sv: String,
    pub theme_en: Option<String>,
    pub description_sv: String,
    pub description_en: Option<String>,
    pub who_may_apply_sv: Option<String>,
    pub who_may_apply_en: Option<String>,
    pub prize_sv: Option<String>,
    pub prize_en: Option<String>,
    pub final_sv: Option<String>,
    pub final_en: Option<String>,
    pub opens_at: Option<DateTimeUtc>,
    pub closes_at: Option<DateTimeUtc>,
    pub judging_at: Option<DateTimeUtc>,
    pub deliberation_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub archived_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub scale_min: i32,
    pub scale_max: i32,
    /// JSON object of word limits per section key; empty means the defaults.
    pub word_limits: String,
    /// When the organiser published the list of entries (title and organisation).
    pub entries_listed_at: Option<DateTimeUtc>,
    /// Others' scores stay hidden until judging closes, even after one's own submission.
    pub blind_until_close: bool,
    /// The ranking uses per-juror z-scores.
    pub normalise_scores: bool,
    /// Jurors see neither the organisation nor its contacts (`backend::anonymity`).
    pub anonymous_review: bool,
    /// A shortlist round before full scoring (`backend::jury::shortlist`): `rating` (1 to 5) or
    /// `vote` (yes or no); none without one.
    pub shortlist_kind: Option<String>,
    /// When the shortlist round's answers are due.
    pub shortlist_closes_at: Option<DateTimeUtc>,
    /// Days before the deadline on which applicants with drafts are reminded (JSON array).
    #[sea_orm(column_type = "JsonBinary")]
    pub deadline_reminders: ReminderDays,
    /// Days before judging closes on which jurors with sheets left are reminded (JSON array).
    #[sea_orm(column_type = "JsonBinary")]
    pub jury_reminders: ReminderDays,
    /// Results are public from this time; set only by publishing the decided results.
    pub results_released_at: Option<DateTimeUtc>,
    /// When the outcome mails to the applicant organisations were claimed.
    pub results_notified_at: Option<DateTimeUtc>,
    /// Where the year's dossier goes at EUCPN.
    pub eucpn_address: Option<String>,
    /// `national` (one country's round) or `european` (the year's final).
    pub round_kind: String,
    /// The national round's country (ISO 3166-1 alpha-2); `EU` for the final.
    pub country: String,
    /// The portal's own country's national round: the one its public pages show.
    pub home: bool,
    /// The winner's prize money in whole euros; none until announced.
    pub prize_winner_eur: Option<i32>,
    /// Each runner-up's prize money in whole euros.
    pub prize_runner_up_eur: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// `round_kind` of a round of one country, the kind every round was before the European final.
pub const NATIONAL: &str = "national";
/// `round_kind` of the European final of a year.
pub const EUROPEAN: &str = "european";

/// A reminder schedule: days before a deadline, stored as one JSON array.
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    sea_orm::FromJsonQueryResult,
)]
#[serde(transparent)]
pub struct ReminderDays(pub Vec<u32>);
