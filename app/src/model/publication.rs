//! DTOs of the organiser's publication pages: releasing results, award details, the European
//! placement, news and events.
use serde::{Deserialize, Serialize};

use super::{AwardKind, Phase, Text, When};

/// An image shown in public, with its alternative text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    pub url: String,
    pub alt: Text,
}

/// Where the release of a year's results stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Release {
    /// No decision recorded yet: nothing to publish.
    Undecided,
    /// Decided, not released.
    Ready,
    /// Released for a future time.
    Scheduled(When),
    /// Public since then.
    Public(When),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AwardAdminRow {
    pub id: i32,
    pub kind: AwardKind,
    pub title: String,
    pub organisation: String,
    /// The applicants did not consent to publishing their summary.
    pub no_consent: bool,
    pub about_sv: String,
    pub about_en: String,
    pub motivation_sv: String,
    pub motivation_en: String,
    pub photo: Option<String>,
    pub photo_alt_sv: String,
    pub photo_alt_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EuropeanRow {
    pub id: i32,
    pub rank: i32,
    pub country_sv: String,
    pub country_en: String,
    pub project_title: String,
    /// The row is the Swedish entry (the national winner).
    pub ours: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsAdminView {
    pub year: i32,
    pub theme: Text,
    pub phase: Phase,
    pub release: Release,
    /// When the outcome mails went to the applicants.
    pub notified: Option<When>,
    /// `yyyy-mm-ddThh:mm`, Stockholm time: the planned publication date from the year's settings.
    pub planned: String,
    pub awards: Vec<AwardAdminRow>,
    pub european: Vec<EuropeanRow>,
    /// The year's European final is held on the portal: the placing comes from it.
    pub final_on_portal: bool,
}

/// The details of an award the organiser writes for the results page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AwardForm {
    pub about_sv: String,
    #[serde(default)]
    pub about_en: String,
    pub motivation_sv: String,
    #[serde(default)]
    pub motivation_en: String,
    #[serde(default)]
    pub photo_alt_sv: String,
    #[serde(default)]
    pub photo_alt_en: String,
}

/// One row of the European final's result.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EuropeanForm {
    pub rank: String,
    pub country_sv: String,
    pub country_en: String,
    #[serde(default)]
    pub project_title: String,
    /// "on" when the row is the Swedish entry.
    #[serde(default)]
    pub ours: Option<String>,
}

/// What a year's results mean for one entry, as its organisation is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResultOutcome {
    Winner,
    RunnerUp,
    Mention,
    NotAwarded,
    Ineligible,
}

/// Longest text of one award or placement field, in characters.
pub const MAX_AWARD_TEXT: usize = 4000;

/// A news item's or press release's state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NewsStatus {
    Draft,
    Scheduled(When),
    Published(When),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsAdminRow {
    pub id: i32,
    pub slug: String,
    pub kind: super::NewsKind,
    pub title: String,
    pub status: NewsStatus,
}

/// The news editor's form. `publish` is `draft`, `now` or `schedule` (with `publish_at`,
/// `yyyy-mm-ddThh:mm` Stockholm time).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewsForm {
    #[serde(default)]
    pub slug: String,
    pub kind: String,
    #[serde(default)]
    pub year: String,
    pub title_sv: String,
    #[serde(default)]
    pub title_en: String,
    pub summary_sv: String,
    #[serde(default)]
    pub summary_en: String,
    pub body_sv: String,
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub image_alt_sv: String,
    #[serde(default)]
    pub image_alt_en: String,
    #[serde(default)]
    pub entries: Option<Vec<i32>>,
    pub publish: String,
    #[serde(default)]
    pub publish_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsEditView {
    /// 0 for a new item.
    pub id: i32,
    /// The saved item's revision (0 for a new one), which the form sends back.
    pub revision: i32,
    pub form: NewsForm,
    /// The reader's text in this editor that a save refused, if it is kept.
    pub kept: Option<super::KeptForm<NewsForm>>,
    pub status: NewsStatus,
    pub image: Option<String>,
    /// Years that can be linked.
    pub years: Vec<i32>,
    /// Entries of the linked year: (id, title).
    pub year_entries: Vec<(i32, String)>,
    /// The rendered bodies, for the preview before any typing.
    pub preview_sv: String,
    pub preview_en: String,
}

/// An entry a news item is about, linked on the article page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelatedEntry {
    pub year: i32,
    pub slug: String,
    pub title: String,
}

/// Longest slug, title and summary; longest Markdown body.
pub const MAX_SLUG: usize = 80;
pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 1000;
pub const MAX_BODY: usize = 50_000;

/// One row of the organiser's list of events.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventAdminRow {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub starts: When,
    pub status: NewsStatus,
}

/// A speaker row of the event form; a row left blank is dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role_sv: String,
    #[serde(default)]
    pub role_en: String,
    #[serde(default)]
    pub organisation: String,
    /// "on" for the moderator.
    #[serde(default)]
    pub moderator: Option<String>,
}

impl SpeakerForm {
    pub fn is_blank(&self) -> bool {
        [&self.name, &self.role_sv, &self.role_en, &self.organisation]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// The event editor's form. Times are `yyyy-mm-ddThh:mm` in Stockholm time; `publish` is as in
/// [`NewsForm`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventForm {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub year: String,
    pub title_sv: String,
    #[serde(default)]
    pub title_en: String,
    pub summary_sv: String,
    #[serde(default)]
    pub summary_en: String,
    #[serde(default)]
    pub body_sv: String,
    #[serde(default)]
    pub body_en: String,
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub place: String,
    /// "on" when the event is held online (as well).
    #[serde(default)]
    pub online: Option<String>,
    #[serde(default)]
    pub registration_url: String,
    #[serde(default)]
    pub video_url: String,
    #[serde(default)]
    pub speakers: Vec<SpeakerForm>,
    pub publish: String,
    #[serde(default)]
    pub publish_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventEditView {
    /// 0 for a new event.
    pub id: i32,
    /// The saved event's revision (0 for a new one), which the form sends back.
    pub revision: i32,
    pub form: EventForm,
    /// The reader's text in this editor that a save refused, if it is kept.
    pub kept: Option<super::KeptForm<EventForm>>,
    pub status: NewsStatus,
    pub years: Vec<i32>,
    pub preview_sv: String,
    pub preview_en: String,
}

/// Most speakers an event lists; blank rows the editor offers for new ones.
pub const MAX_SPEAKERS: usize = 20;
pub const BLANK_SPEAKER_ROWS: usize = 2;
/// Longest place or speaker field, in characters.
pub const MAX_EVENT_LINE: usize = 300;
