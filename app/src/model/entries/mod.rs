//! Entries as the browser and the server share them: the draft and its rules; the checks
//! of single values (`checks`), the sections' text (`sections`) and what the pages show
//! (`views`) in parts.
mod changes;
mod checks;
mod english;
mod sections;
mod views;

pub use changes::*;
pub use checks::*;
pub use english::*;
pub use sections::*;
use std::collections::BTreeMap;
pub use views::*;

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Problem};

/// The structured sections of an entry, in form order; the first is the one-page description.
pub const SECTIONS: [&str; 10] = [
    "description",
    "problem",
    "objectives",
    "target_group",
    "methods",
    "partners",
    "resources",
    "evaluation",
    "replicability",
    "theme_relevance",
];

/// The public summary's word limit is kept with the sections' limits under this key.
pub const SUMMARY_KEY: &str = "public_summary";

/// Default word limits (DOMAIN.md: the description is one page of at most 600 words).
pub const DEFAULT_LIMITS: [(&str, u32); 11] = [
    ("description", 600),
    ("problem", 300),
    ("objectives", 200),
    ("target_group", 150),
    ("methods", 400),
    ("partners", 200),
    ("resources", 150),
    ("evaluation", 400),
    ("replicability", 200),
    ("theme_relevance", 200),
    (SUMMARY_KEY, 100),
];

/// The statements an applicant confirms before submitting.
pub const CHECKLIST: [&str; 5] = [
    "in_sweden",
    "on_theme",
    "evaluated",
    "english_available",
    "right_to_submit",
];

/// Hard caps that hold for drafts too (word limits are checked at submission).
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_SECTION_CHARS: usize = 20_000;
pub const MAX_SHORT_CHARS: usize = 300;
pub const MAX_URL_CHARS: usize = 2_000;
pub const MAX_CONTACTS: usize = 10;
pub const MAX_LINKS: usize = 10;
pub const MAX_ATTACHMENTS: usize = 10;
pub const MAX_ATTACHMENT_BYTES: u64 = 20 * 1024 * 1024;

/// Words as a reader counts them: runs of non-space characters.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Word limits per section key; a missing key means no limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordLimits(pub BTreeMap<String, u32>);

impl Default for WordLimits {
    fn default() -> Self {
        WordLimits(
            DEFAULT_LIMITS
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect(),
        )
    }
}

impl WordLimits {
    pub fn get(&self, key: &str) -> Option<u32> {
        self.0.get(key).copied().filter(|n| *n > 0)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

impl Contact {
    pub fn is_blank(&self) -> bool {
        [&self.name, &self.role, &self.email, &self.phone]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub url: String,
}

impl Link {
    pub fn is_blank(&self) -> bool {
        self.label.trim().is_empty() && self.url.trim().is_empty()
    }
}

/// Everything an applicant writes in an entry. Field names are the form's
/// (`draft[title]`, `draft[contacts][0][email]`), so the same struct comes from a plain HTML
/// post, an autosave and a test.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryDraft {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub organisation_display: String,
    /// Sweden's competing entry, or another good practice that does not compete.
    #[serde(default)]
    pub competing: bool,
    /// `YYYY-MM-DD` or empty.
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub ongoing: bool,
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub video_url: String,
    /// Flattened, so the form's names stay `draft[problem]` and stored drafts read as before.
    #[serde(flatten)]
    pub sections: Sections,
    #[serde(default)]
    pub public_summary_sv: String,
    #[serde(default)]
    pub public_summary_en: String,
    /// The title and sections in English (versions submitted before it existed have none).
    #[serde(default)]
    pub english: EnglishText,
    #[serde(default)]
    pub publication_consent: bool,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub links: Vec<Link>,
    /// Keys of [`CHECKLIST`] the applicant has confirmed.
    #[serde(default)]
    pub checklist: Vec<String>,
}

impl EntryDraft {
    pub fn section(&self, key: &str) -> &str {
        match key {
            SUMMARY_KEY => &self.public_summary_sv,
            _ => self.sections.get(key),
        }
    }

    /// Drops blank contact and link rows and unknown checklist keys; trims single-line fields.
    pub fn normalised(mut self) -> Self {
        self.contacts.retain(|c| !c.is_blank());
        self.links.retain(|l| !l.is_blank());
        for c in &mut self.contacts {
            for s in [&mut c.name, &mut c.role, &mut c.email, &mut c.phone] {
                *s = s.trim().to_string();
            }
        }
        for l in &mut self.links {
            l.label = l.label.trim().to_string();
            l.url = l.url.trim().to_string();
        }
        for s in [
            &mut self.title,
            &mut self.organisation_display,
            &mut self.start_date,
            &mut self.end_date,
            &mut self.video_url,
        ] {
            *s = s.trim().to_string();
        }
        self.english = self.english.normalised();
        self.checklist.retain(|k| CHECKLIST.contains(&k.as_str()));
        self.checklist.sort();
        self.checklist.dedup();
        self
    }

    /// Problems that stop even a draft from being saved: sizes beyond any reasonable entry,
    /// and dates that are not dates. Word limits and required fields wait for submission.
    pub fn storage_problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut check = |field: String, ok: bool, problem: Problem| {
            if !ok {
                out.push(FieldError { field, problem });
            }
        };
        let chars = |s: &str| s.chars().count();
        check(
            "title".into(),
            chars(&self.title) <= MAX_TITLE_CHARS,
            Problem::TooLong,
        );
        check(
            "organisation_display".into(),
            chars(&self.organisation_display) <= MAX_TITLE_CHARS,
            Problem::TooLong,
        );
        for key in SECTIONS {
            check(
                key.into(),
                chars(self.section(key)) <= MAX_SECTION_CHARS,
                Problem::TooLong,
            );
        }
        for (key, text) in [
            ("public_summary_sv", &self.public_summary_sv),
            ("public_summary_en", &self.public_summary_en),
        ] {
            check(
                key.into(),
                chars(text) <= MAX_SECTION_CHARS / 4,
                Problem::TooLong,
            );
        }
        check(
            "video_url".into(),
            chars(&self.video_url) <= MAX_URL_CHARS,
            Problem::TooLong,
        );
        for (key, date) in [
            ("start_date", &self.start_date),
            ("end_date", &self.end_date),
        ] {
            check(
                key.into(),
                date.is_empty() || parse_date(date).is_some(),
                Problem::InvalidDate,
            );
        }
        check(
            "contacts".into(),
            self.contacts.len() <= MAX_CONTACTS,
            Problem::TooMany,
        );
        check(
            "links".into(),
            self.links.len() <= MAX_LINKS,
            Problem::TooMany,
        );
        for (i, c) in self.contacts.iter().enumerate() {
            for (name, value) in [
                ("name", &c.name),
                ("role", &c.role),
                ("email", &c.email),
                ("phone", &c.phone),
            ] {
                check(
                    format!("contacts.{i}.{name}"),
                    chars(value) <= MAX_SHORT_CHARS,
                    Problem::TooLong,
                );
            }
        }
        for (i, l) in self.links.iter().enumerate() {
            check(
                format!("links.{i}.label"),
                chars(&l.label) <= MAX_SHORT_CHARS,
                Problem::TooLong,
            );
            check(
                format!("links.{i}.url"),
                chars(&l.url) <= MAX_URL_CHARS,
                Problem::TooLong,
            );
        }
        out.extend(self.english.storage_problems());
        out
    }

    /// Everything that stops this draft from being submitted, per field. An entry of a
    /// round that works in English (`english`: the final, another country's round) is written
    /// in English: its short summary is required in
    /// English, not in Swedish, and the Swedish round's checklist does not apply.
    pub fn submission_problems(&self, limits: &WordLimits, english: bool) -> Vec<FieldError> {
        let mut out = self.storage_problems();
        let mut add = |field: String, problem: Problem| out.push(FieldError { field, problem });
        let blank = |s: &str| s.trim().is_empty();
        if blank(&self.title) {
            add("title".into(), Problem::Required);
        }
        if blank(&self.organisation_display) {
            add("organisation_display".into(), Problem::Required);
        }
        let summary = (!english).then_some(SUMMARY_KEY);
        for key in SECTIONS.iter().copied().chain(summary) {
            let text = self.section(key);
            let field = if key == SUMMARY_KEY {
                "public_summary_sv"
            } else {
                key
            };
            if blank(text) {
                add(field.into(), Problem::Required);
            } else if limits
                .get(key)
                .is_some_and(|max| word_count(text) > max as usize)
            {
                add(field.into(), Problem::TooManyWords);
            }
        }
        if english && blank(&self.public_summary_en) {
            add("public_summary_en".into(), Problem::Required);
        } else if let Some(max) = limits.get(SUMMARY_KEY)
            && word_count(&self.public_summary_en) > max as usize
        {
            add("public_summary_en".into(), Problem::TooManyWords);
        }
        // English is not required by the national round, but what is written keeps the limits.
        out.extend(self.english.word_problems(limits));
        let mut add = |field: String, problem: Problem| out.push(FieldError { field, problem });
        match parse_date(&self.start_date) {
            None if self.start_date.is_empty() => add("start_date".into(), Problem::Required),
            None => {}
            Some(start) => {
                if !self.ongoing {
                    match parse_date(&self.end_date) {
                        None if self.end_date.is_empty() => {
                            add("end_date".into(), Problem::Required)
                        }
                        Some(end) if end < start => add("end_date".into(), Problem::EndBeforeStart),
                        _ => {}
                    }
                }
            }
        }
        if !self.video_url.is_empty() && !plausible_url(&self.video_url) {
            add("video_url".into(), Problem::InvalidUrl);
        }
        if self.contacts.is_empty() {
            add("contacts".into(), Problem::Required);
        }
        for (i, c) in self.contacts.iter().enumerate() {
            if blank(&c.name) {
                add(format!("contacts.{i}.name"), Problem::Required);
            }
            if blank(&c.email) {
                add(format!("contacts.{i}.email"), Problem::Required);
            } else if !plausible_email(&c.email) {
                add(format!("contacts.{i}.email"), Problem::InvalidEmail);
            }
        }
        for (i, l) in self.links.iter().enumerate() {
            if !plausible_url(&l.url) {
                add(format!("links.{i}.url"), Problem::InvalidUrl);
            }
        }
        if !english
            && CHECKLIST
                .iter()
                .any(|k| !self.checklist.iter().any(|c| c == k))
        {
            add("checklist".into(), Problem::MustConfirm);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> EntryDraft {
        EntryDraft {
            title: "RRI".into(),
            organisation_display: "Polisen".into(),
            competing: true,
            start_date: "2019-01-01".into(),
            ongoing: true,
            sections: Sections {
                description: "ord ".repeat(600),
                ..Sections::sample()
            },
            public_summary_sv: "s".into(),
            contacts: vec![Contact {
                name: "A".into(),
                email: "a@example.se".into(),
                ..Default::default()
            }],
            checklist: CHECKLIST.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn fields(problems: &[FieldError]) -> Vec<(&str, Problem)> {
        problems
            .iter()
            .map(|p| (p.field.as_str(), p.problem))
            .collect()
    }

    #[test]
    fn words_are_runs_of_non_space() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  en  två\ntre\t fyra "), 4);
        assert_eq!(word_count("72 %"), 2);
    }

    #[test]
    fn a_complete_draft_at_the_limit_can_be_submitted() {
        assert_eq!(
            complete().submission_problems(&WordLimits::default(), false),
            vec![]
        );
    }

    #[test]
    fn one_word_over_the_limit_is_reported_on_its_field() {
        let mut d = complete();
        d.sections.description.push_str(" extra");
        assert_eq!(
            fields(&d.submission_problems(&WordLimits::default(), false)),
            vec![("description", Problem::TooManyWords)]
        );
    }

    #[test]
    fn english_is_not_required_but_keeps_the_word_limits_at_submission() {
        let mut d = complete();
        assert_eq!(d.english.missing().len(), 11);
        d.english.sections.evaluation = "word ".repeat(401);
        d.english.title = "  RRI  ".into();
        let d = d.normalised();
        assert_eq!(d.english.title, "RRI");
        assert_eq!(
            fields(&d.submission_problems(&WordLimits::default(), false)),
            vec![("english.evaluation", Problem::TooManyWords)]
        );
    }

    #[test]
    fn a_final_entry_needs_its_summary_in_english_and_no_swedish_checklist() {
        let mut d = complete();
        d.checklist.clear();
        d.public_summary_sv.clear();
        assert_eq!(
            fields(&d.submission_problems(&WordLimits::default(), true)),
            vec![("public_summary_en", Problem::Required)]
        );
        d.public_summary_en = "A short summary.".into();
        assert_eq!(d.submission_problems(&WordLimits::default(), true), vec![]);
        assert_eq!(
            fields(&d.submission_problems(&WordLimits::default(), false)),
            vec![
                ("public_summary_sv", Problem::Required),
                ("checklist", Problem::MustConfirm),
            ]
        );
    }

    #[test]
    fn missing_and_malformed_fields_are_reported() {
        let mut d = complete();
        d.title = " ".into();
        d.ongoing = false;
        d.end_date = "2018-12-31".into();
        d.video_url = "javascript:alert(1)".into();
        d.links = vec![Link {
            label: "x".into(),
            url: "www.example.se".into(),
        }];
        d.contacts[0].email = "nope".into();
        d.checklist.pop();
        assert_eq!(
            fields(&d.submission_problems(&WordLimits::default(), false)),
            vec![
                ("title", Problem::Required),
                ("end_date", Problem::EndBeforeStart),
                ("video_url", Problem::InvalidUrl),
                ("contacts.0.email", Problem::InvalidEmail),
                ("links.0.url", Problem::InvalidUrl),
                ("checklist", Problem::MustConfirm),
            ]
        );
    }

    #[test]
    fn drafts_refuse_only_what_cannot_be_stored() {
        let mut d = EntryDraft {
            start_date: "2022-02-30".into(),
            ..Default::default()
        };
        d.sections.problem = "x".repeat(MAX_SECTION_CHARS + 1);
        assert_eq!(
            fields(&d.storage_problems()),
            vec![
                ("problem", Problem::TooLong),
                ("start_date", Problem::InvalidDate)
            ]
        );
        assert!(EntryDraft::default().storage_problems().is_empty());
    }

    #[test]
    fn dates_are_checked_for_real_days() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2023-13-01"), None);
        assert_eq!(parse_date("2023-1-01"), None);
        assert_eq!(parse_date("../../etc"), None);
    }

    #[test]
    fn normalising_drops_blank_rows_and_unknown_checks() {
        let d = EntryDraft {
            contacts: vec![Contact::default(), complete().contacts[0].clone()],
            links: vec![Link::default()],
            checklist: vec!["on_theme".into(), "bogus".into(), "on_theme".into()],
            ..Default::default()
        }
        .normalised();
        assert_eq!(d.contacts.len(), 1);
        assert!(d.links.is_empty());
        assert_eq!(d.checklist, vec!["on_theme".to_string()]);
    }
}
