//! The entry in English: its title and every section, written by the applicant beside the
//! Swedish text, and after the decision by the organiser (a translator) for the winner's
//! Annex I dossier. The same word limits hold as for the Swedish text; nothing here is required
//! by the national round, so what is still missing is shown, not refused.
use serde::{Deserialize, Serialize};

use super::{MAX_SECTION_CHARS, MAX_TITLE_CHARS, SECTIONS, Sections, WordLimits, word_count};
use crate::error::{FieldError, Problem};

/// The parts of the English text in form order: the title, then the sections.
pub const ENGLISH_PARTS: [&str; 11] = [
    "title",
    SECTIONS[0],
    SECTIONS[1],
    SECTIONS[2],
    SECTIONS[3],
    SECTIONS[4],
    SECTIONS[5],
    SECTIONS[6],
    SECTIONS[7],
    SECTIONS[8],
    SECTIONS[9],
];

/// Field names are the form's (`draft[english][problem]`), as for the Swedish draft.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnglishText {
    #[serde(default)]
    pub title: String,
    #[serde(flatten)]
    pub sections: Sections,
}

impl EnglishText {
    /// The text of one of [`ENGLISH_PARTS`]; an unknown key has none.
    pub fn part(&self, key: &str) -> &str {
        match key {
            "title" => &self.title,
            _ => self.sections.get(key),
        }
    }

    /// The parts still empty, in form order.
    pub fn missing(&self) -> Vec<&'static str> {
        ENGLISH_PARTS
            .into_iter()
            .filter(|k| self.part(k).trim().is_empty())
            .collect()
    }

    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }

    /// The parts whose text differs from `other`'s, in form order.
    pub fn changed_from(&self, other: &EnglishText) -> Vec<&'static str> {
        ENGLISH_PARTS
            .into_iter()
            .filter(|k| self.part(k) != other.part(k))
            .collect()
    }

    /// The title trimmed, as single-line fields are everywhere.
    pub fn normalised(mut self) -> Self {
        self.title = self.title.trim().to_string();
        self
    }

    /// Sizes no text may pass, draft or not; errors are keyed `english.<part>`.
    pub fn storage_problems(&self) -> Vec<FieldError> {
        ENGLISH_PARTS
            .into_iter()
            .filter(|k| {
                let max = if *k == "title" {
                    MAX_TITLE_CHARS
                } else {
                    MAX_SECTION_CHARS
                };
                self.part(k).chars().count() > max
            })
            .map(|k| FieldError {
                field: format!("english.{k}"),
                problem: Problem::TooLong,
            })
            .collect()
    }

    /// Sections over their word limit (the Swedish text's limits).
    pub fn word_problems(&self, limits: &WordLimits) -> Vec<FieldError> {
        SECTIONS
            .into_iter()
            .filter(|k| {
                limits
                    .get(k)
                    .is_some_and(|max| word_count(self.part(k)) > max as usize)
            })
            .map(|k| FieldError {
                field: format!("english.{k}"),
                problem: Problem::TooManyWords,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> EnglishText {
        EnglishText {
            title: "Repeat victimisation".into(),
            sections: Sections::sample(),
        }
    }

    #[test]
    fn every_part_is_reached_by_its_key_and_missing_ones_are_named_in_form_order() {
        let t = full();
        for k in ENGLISH_PARTS {
            assert!(!t.part(k).is_empty(), "{k}");
        }
        assert!(t.is_complete());
        let mut t = EnglishText {
            title: " ".into(),
            ..full()
        };
        t.sections.evaluation = String::new();
        assert_eq!(t.missing(), vec!["title", "evaluation"]);
        assert_eq!(EnglishText::default().missing().len(), 11);
        assert_eq!(t.changed_from(&full()), vec!["title", "evaluation"]);
    }

    #[test]
    fn the_swedish_word_limits_hold_for_the_english_text() {
        let limits = WordLimits::default();
        let mut t = full();
        t.sections.description = "word ".repeat(600);
        assert!(t.word_problems(&limits).is_empty());
        t.sections.description.push_str(" over");
        t.title = "x".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(
            t.word_problems(&limits),
            vec![FieldError {
                field: "english.description".into(),
                problem: Problem::TooManyWords
            }]
        );
        assert_eq!(
            t.storage_problems(),
            vec![FieldError {
                field: "english.title".into(),
                problem: Problem::TooLong
            }]
        );
    }
}
