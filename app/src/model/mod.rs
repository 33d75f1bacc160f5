//! DTOs shared by the server and the browser. No database types here.
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

mod audit;
mod competition_setup;
mod countries;
mod dashboard;
mod dossier;
mod entries;
mod europe;
mod feedback;
mod jury;
mod mail_texts;
mod messages;
mod privacy;
mod publication;
mod shortlist;
mod unsaved;
pub use audit::*;
pub use competition_setup::*;
pub use countries::*;
pub use dashboard::*;
pub use dossier::*;
pub use entries::*;
pub use europe::*;
pub use feedback::*;
pub use jury::*;
pub use mail_texts::*;
pub use messages::*;
pub use privacy::*;
pub use publication::*;
pub use shortlist::*;
pub use unsaved::*;

/// Content written in Swedish, optionally translated into English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub sv: String,
    pub en: Option<String>,
}

impl Text {
    pub fn new(sv: impl Into<String>, en: Option<impl Into<String>>) -> Self {
        Text {
            sv: sv.into(),
            en: en.map(Into::into).filter(|s: &String| !s.trim().is_empty()),
        }
    }

    /// The text in `lang`, or the Swedish original with `true` when no translation exists.
    pub fn pick(&self, lang: Lang) -> (&str, bool) {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => (en, false),
            (Lang::En, None) => (&self.sv, true),
            (Lang::Sv, _) => (&self.sv, false),
        }
    }
}

/// A moment, already converted to Europe/Stockholm wall time on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct When {
    pub unix: i64,
    /// `YYYY-MM-DD` in Stockholm.
    pub date: String,
    /// `HH:MM` in Stockholm.
    pub time: String,
}

/// The phases of a competition year, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    Draft,
    Open,
    Screening,
    Judging,
    Deliberation,
    Decided,
    Published,
    Archived,
}

impl Phase {
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t().phases[self as usize]
    }

    /// Results are public from publication on.
    pub fn results_public(self) -> bool {
        self >= Phase::Published
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetitionSummary {
    pub year: i32,
    pub theme: Text,
    pub phase: Phase,
    pub opens_at: Option<When>,
    pub closes_at: Option<When>,
    pub winner: Option<EntrySummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeView {
    pub now: i64,
    pub current: Option<CompetitionSummary>,
    pub news: Vec<NewsSummary>,
    pub events: Vec<EventSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntrySummary {
    pub slug: String,
    pub title: String,
    pub organisation: String,
    pub summary: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AwardKind {
    Winner,
    RunnerUp,
    Mention,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AwardedEntry {
    pub kind: AwardKind,
    pub entry: EntrySummary,
    /// About the winner and the jury's motivation: Markdown in the service, sanitised HTML on
    /// the results page.
    pub about: Option<Text>,
    pub motivation: Option<Text>,
    pub european_rank: Option<i32>,
    pub photo: Option<Photo>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EuropeanPlacement {
    pub rank: i32,
    pub country: Text,
    pub project_title: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Winner first, then runners-up and mentions, in rank order.
    pub awarded: Vec<AwardedEntry>,
    pub others: Vec<EntrySummary>,
    pub european: Vec<EuropeanPlacement>,
    /// The European placings come from the year's final held on the portal (its titles are
    /// English, and its page is `/europe/<year>`), not from rows typed in by hand.
    pub european_held: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetitionView {
    pub now: i64,
    pub summary: CompetitionSummary,
    pub description: Text,
    pub who_may_apply: Option<Text>,
    pub prize: Option<Text>,
    pub european_final: Option<Text>,
    pub criteria: Vec<CriterionView>,
    /// The lowest and highest score per criterion.
    pub scale: (i32, i32),
    /// The entries (title and organisation), once the organiser has published the list.
    pub entry_list: Vec<ListedEntry>,
    /// Present only once the results are public.
    pub results: Option<Results>,
    pub news: Vec<NewsSummary>,
    pub events: Vec<EventSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchiveYear {
    pub year: i32,
    pub theme: Text,
    pub phase: Phase,
    pub winner: Option<EntrySummary>,
    /// The jury's motivation for the winner, as sanitised HTML.
    pub motivation: Option<Text>,
    /// The winner's place in the European final.
    pub european_rank: Option<i32>,
    pub entry_count: u64,
    /// The year's news and press releases, newest first.
    pub news: Vec<NewsSummary>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NewsKind {
    PressRelease,
    News,
}

impl NewsKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            NewsKind::PressRelease => lang.t().press_release,
            NewsKind::News => lang.t().news_item,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsSummary {
    pub slug: String,
    pub kind: NewsKind,
    pub title: Text,
    pub summary: Text,
    pub published: When,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsArticle {
    pub summary: NewsSummary,
    /// Sanitised HTML rendered from Markdown when saved.
    pub body_html: Text,
    pub competition_year: Option<i32>,
    pub image: Option<Photo>,
    pub related: Vec<RelatedEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventSummary {
    pub slug: String,
    pub title: Text,
    pub summary: Text,
    pub starts: When,
    /// Where it is held, if anywhere in person.
    pub place: Option<String>,
    pub online: bool,
}

/// The events page: what is coming (soonest first) and what has been (latest first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventsView {
    pub upcoming: Vec<EventSummary>,
    pub past: Vec<EventSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    pub role: Text,
    pub organisation: String,
    pub moderator: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub summary: EventSummary,
    pub body_html: Text,
    pub ends: Option<When>,
    pub video_url: Option<String>,
    /// Where to sign up, while the event has not ended.
    pub registration_url: Option<String>,
    pub speakers: Vec<Speaker>,
    pub competition_year: Option<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_to_swedish() {
        let only_sv = Text::new("Hej", None::<String>);
        assert_eq!(only_sv.pick(Lang::En), ("Hej", true));
        assert_eq!(only_sv.pick(Lang::Sv), ("Hej", false));
        let both = Text::new("Hej", Some("Hello"));
        assert_eq!(both.pick(Lang::En), ("Hello", false));
        let blank_en = Text::new("Hej", Some("  "));
        assert_eq!(blank_en.pick(Lang::En), ("Hej", true));
    }

    #[test]
    fn phases_are_ordered_and_labelled() {
        assert!(Phase::Draft < Phase::Open && Phase::Published < Phase::Archived);
        assert!(Phase::Archived.results_public() && !Phase::Decided.results_public());
        assert_eq!(Phase::Open.label(Lang::En), "Open for entries");
    }
}

/// What a person may do in the portal. A person can hold several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Applicant,
    Juror,
    Chair,
    Admin,
    /// The EUCPN secretariat: runs the European final of each year.
    Secretariat,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Applicant,
        Role::Juror,
        Role::Chair,
        Role::Admin,
        Role::Secretariat,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Juror => "juror",
            Role::Chair => "chair",
            Role::Admin => "admin",
            Role::Secretariat => "secretariat",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Kinds of organisation an applicant can belong to.
pub const ORGANISATION_KINDS: [&str; 8] = [
    "police",
    "municipality",
    "region",
    "agency",
    "ngo",
    "university",
    "company",
    "other",
];

/// The signed-in person, as the browser may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    /// Two-factor login is on.
    pub two_factor: bool,
    /// Juror, chair and admin roles are held back until two-factor login is on.
    pub roles_on_hold: bool,
    pub name: String,
    pub email: String,
    pub verified: bool,
    pub roles: Vec<Role>,
    pub organisations: Vec<String>,
    /// The European finals the person is a national representative in: year and country.
    pub representing: Vec<(i32, String)>,
    /// Other countries' national rounds hosted here that the person organises.
    pub organising: Vec<RoundRef>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i32,
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: i32,
    pub email: String,
    pub status: InvitationStatus,
    pub sent: When,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub id: i32,
    pub name: String,
    pub kind: String,
    pub city: Option<String>,
    pub org_number: Option<String>,
    pub members: Vec<MemberView>,
    pub invitations: Vec<InvitationView>,
}

/// What an invitation link shows before it is accepted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub organisation: String,
    pub email: String,
    /// The address has an account already: sign in as it to accept.
    pub has_account: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub active: bool,
    pub verified: bool,
    pub organisations: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created: When,
}

/// Everything the portal holds about the signed-in person (GDPR insight).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonalData {
    pub name: String,
    pub email: String,
    pub language: String,
    pub created: When,
    pub verified: Option<When>,
    pub roles: Vec<Role>,
    pub organisations: Vec<String>,
    /// Mails to the person: (when, subject, status).
    pub mails: Vec<(When, String, String)>,
    /// Addresses the person has invited.
    pub invitations_sent: Vec<String>,
    pub failed_logins: u64,
}

/// A started two-factor enrolment: the secret as QR code and text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotpEnrolment {
    pub secret: String,
    pub otpauth_url: String,
    /// An SVG image of the QR code, generated on the server.
    pub qr_svg: String,
}
