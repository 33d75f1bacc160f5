//! The Annex I dossier's content, apart from its file format: the facts of the entry, its
//! description, and its sections grouped under the five ECPA criteria, all in English, then the
//! attachments listed as supporting material, as a document for the documents room to lay out.
use crate::backend::documents::{Block, Document};
use crate::backend::rubric::DEFAULT_CRITERIA;
use crate::i18n::Lang;
use crate::model::{EnglishText, EntryDraft, country_name, word_count};

/// Which of the entry's sections speak to which ECPA criterion (by the criterion's key).
/// Every section appears exactly once.
pub const SECTIONS_BY_CRITERION: [(&str, &[&str]); 5] = [
    ("theme", &["theme_relevance", "problem", "target_group"]),
    ("effect", &["objectives", "evaluation"]),
    ("innovation", &["methods"]),
    ("cooperation", &["partners"]),
    ("replicability", &["replicability", "resources"]),
];

/// What the dossier is made from.
pub struct Source<'a> {
    pub year: i32,
    /// The year's theme in English, or in Swedish when it has no English name.
    pub theme: &'a str,
    /// ISO 3166-1 alpha-2, e.g. `SE`.
    pub country: &'a str,
    pub reference: &'a str,
    /// The entry as last submitted: its facts, contacts and links.
    pub draft: &'a EntryDraft,
    /// The English text the dossier carries (the organiser's latest version).
    pub english: &'a EnglishText,
    pub attachments: &'a [String],
}

fn or_missing(s: &str) -> String {
    if s.trim().is_empty() {
        "Not given".into()
    } else {
        s.trim().to_string()
    }
}

/// The Annex I dossier of `s`, in English.
pub fn annex(s: &Source) -> Document {
    let en = Lang::En;
    let d = s.draft;
    let t = s.english;
    let title = format!("European Crime Prevention Award {} – Annex I", s.year);
    let mut b = vec![
        Block::Title(title.clone()),
        Block::Subtitle(format!("Theme: {}", s.theme)),
        Block::Heading("The project".into()),
        Block::Field("Country".into(), country_name(s.country, en).to_string()),
        Block::Field(
            "Entry".into(),
            if d.competing {
                "Competing entry".into()
            } else {
                "Additional good practice (not competing)".into()
            },
        ),
        Block::Field("Project title".into(), or_missing(&t.title)),
        Block::Field(
            "Responsible organisation(s)".into(),
            or_missing(&d.organisation_display),
        ),
        Block::Field("Start date".into(), or_missing(&d.start_date)),
        Block::Field(
            "End date".into(),
            if d.ongoing {
                "Still running".into()
            } else {
                or_missing(&d.end_date)
            },
        ),
        Block::Field("National reference".into(), s.reference.to_string()),
        Block::Subheading("Contact persons".into()),
    ];
    if d.contacts.is_empty() {
        b.push(Block::Note("Not given".into()));
    }
    for c in &d.contacts {
        let parts: Vec<&str> = [c.name.as_str(), &c.role, &c.email, &c.phone]
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .collect();
        b.push(Block::Item(parts.join(", ")));
    }
    b.push(Block::Subheading("Links".into()));
    if d.links.is_empty() && d.video_url.trim().is_empty() {
        b.push(Block::Note("None".into()));
    }
    for l in &d.links {
        b.push(Block::Item(if l.label.trim().is_empty() {
            l.url.clone()
        } else {
            format!("{}: {}", l.label, l.url)
        }));
    }
    if !d.video_url.trim().is_empty() {
        b.push(Block::Item(format!("Video: {}", d.video_url)));
    }

    b.push(Block::Heading("Project description".into()));
    b.push(Block::Note(format!(
        "{} words (at most 600)",
        word_count(&t.sections.description)
    )));
    b.push(Block::Text(or_missing(&t.sections.description)));

    for (i, (key, sections)) in SECTIONS_BY_CRITERION.iter().enumerate() {
        let name = DEFAULT_CRITERIA
            .iter()
            .find(|c| c.0 == *key)
            .map_or(*key, |c| c.2);
        b.push(Block::Heading(format!("{}. {name}", i + 1)));
        for section in *sections {
            b.push(Block::Subheading(en.part_name(section).to_string()));
            b.push(Block::Text(or_missing(t.part(section))));
        }
    }

    b.push(Block::Heading("Attachments".into()));
    b.push(Block::Note(
        "Supporting material only: the jury judges the template above, not these files.".into(),
    ));
    if s.attachments.is_empty() {
        b.push(Block::Item("None".into()));
    }
    for a in s.attachments {
        b.push(Block::Item(a.clone()));
    }
    Document {
        title,
        lang: en,
        file_stem: format!("ecpa-{}-annex-i-{}", s.year, s.country.to_ascii_lowercase()),
        blocks: b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ENGLISH_PARTS, SECTIONS};

    #[test]
    fn every_section_speaks_to_exactly_one_criterion() {
        let mut all: Vec<&str> = SECTIONS_BY_CRITERION
            .iter()
            .flat_map(|(_, s)| s.iter().copied())
            .collect();
        all.sort();
        let mut expected: Vec<&str> = SECTIONS[1..].to_vec();
        expected.sort();
        assert_eq!(all, expected, "the description stands on its own");
        assert!(
            SECTIONS_BY_CRITERION
                .iter()
                .all(|(k, _)| DEFAULT_CRITERIA.iter().any(|c| c.0 == *k))
        );
        assert_eq!(ENGLISH_PARTS.len(), SECTIONS.len() + 1);
    }
}
