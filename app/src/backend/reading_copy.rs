//! The reading-copy room: one entry as a PDF, to read away from the screen or on paper. It is
//! made for whoever may read the entry: its organisation and the organiser (the entries' rule)
//! and the jurors who may score it (the jury's rule), so the room sits above both, as
//! `downloads` does. The copy is the last submitted version, the one the jury judges; an entry
//! never submitted is copied as its draft, and the copy says which it is.
use sea_orm::DatabaseConnection;

use super::accounts::Actor;
use super::documents::{Block, Document, Format, MadeFile, render};
use super::entities::{competition, entry};
use super::{anonymity, entries, jury};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::word_count;
use crate::model::{CHECKLIST, ENGLISH_PARTS, EntryDraft, SECTIONS, VersionSummary, WordLimits};

/// What a reading copy is made from.
pub struct Source<'a> {
    pub year: i32,
    pub reference: &'a str,
    pub draft: &'a EntryDraft,
    pub attachments: &'a [String],
    pub limits: &'a WordLimits,
    /// The submitted version copied, or none for a draft.
    pub version: Option<&'a VersionSummary>,
    /// For a juror of an anonymised round: no organisation or contacts, numbered attachments.
    pub anonymous: bool,
}

/// The entry's reading copy as a PDF, with its headings in the reader's language.
pub async fn file(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    lang: Lang,
) -> Result<MadeFile, AppError> {
    let (e, as_juror) = match entries::applicant::readable(db, actor, entry_id).await {
        Ok(e) => (e, false),
        Err(refused) => {
            if !jury::may_read_as_juror(db, actor, entry_id).await? {
                return Err(refused);
            }
            (entries::applicant::find(db, entry_id).await?, true)
        }
    };
    let c = entries::applicant::competition_of(db, &e).await?;
    let anonymous = as_juror && anonymity::anonymous(&c);
    render(&copy_of(db, &c, &e, lang, anonymous).await?, Format::Pdf)
}

/// The reading copy of an entry of the round `c`, for whoever the caller has let read it;
/// `anonymous` for a juror of a round that reviews anonymously.
pub(crate) async fn copy_of(
    db: &DatabaseConnection,
    c: &competition::Model,
    e: &entry::Model,
    lang: Lang,
    anonymous: bool,
) -> Result<Document, AppError> {
    let (mut draft, attachments, version) = entries::applicant::paper_text(db, e).await?;
    if anonymous {
        anonymity::mask(&mut draft);
    }
    let limits = super::competition::limits(c);
    Ok(copy(
        &Source {
            year: c.year,
            reference: &e.reference,
            draft: &draft,
            attachments: &attachments,
            limits: &limits,
            version: version.as_ref(),
            anonymous,
        },
        lang,
    ))
}

/// Text in Swedish, or "not given" in the reader's language.
fn swedish(s: &str, lang: Lang) -> Block {
    if s.trim().is_empty() {
        Block::Note(lang.e().not_given.into())
    } else {
        Block::Foreign(Lang::Sv, s.trim().into())
    }
}

/// The reading copy of an entry: the same parts, in the same order, as the entry on screen.
pub fn copy(s: &Source, lang: Lang) -> Document {
    let (e, dl) = (lang.e(), lang.d());
    let d = s.draft;
    let yes_no = |b: bool| if b { e.yes } else { e.no };
    let state = match s.version {
        Some(v) => fill(
            dl.copy_submitted,
            &[
                &v.number.to_string(),
                &lang.date_time(&v.submitted.date, &v.submitted.time),
            ],
        ),
        None => dl.copy_draft.to_string(),
    };
    let end = if d.ongoing {
        e.field_ongoing.to_string()
    } else {
        lang.or_not_given(&d.end_date)
    };
    let title = lang.or_not_given(&d.title);
    let mut b = vec![
        Block::Title(title.clone()),
        Block::Subtitle(format!("ECPA {} · {} · {state}", s.year, s.reference)),
        Block::Field(
            e.field_organisation_display.into(),
            if s.anonymous {
                e.anonymous_hidden.into()
            } else {
                lang.or_not_given(&d.organisation_display)
            },
        ),
        Block::Field(e.field_competing.into(), yes_no(d.competing).into()),
        Block::Field(e.field_start_date.into(), lang.or_not_given(&d.start_date)),
        Block::Field(e.field_end_date.into(), end),
        Block::Field(e.field_video_url.into(), lang.or_not_given(&d.video_url)),
        Block::Subheading(e.part_contacts.into()),
    ];
    if s.anonymous {
        b.push(Block::Note(e.anonymous_hidden.into()));
    } else if d.contacts.is_empty() {
        b.push(Block::Note(e.not_given.into()));
    }
    for c in &d.contacts {
        let parts: Vec<&str> = [c.name.as_str(), &c.role, &c.email, &c.phone]
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .collect();
        b.push(Block::Item(parts.join(", ")));
    }
    b.push(Block::Subheading(e.part_links.into()));
    if d.links.is_empty() {
        b.push(Block::Note(e.not_given.into()));
    }
    for l in &d.links {
        b.push(Block::Item(format!("{} – {}", l.label, l.url)));
    }
    for (i, key) in SECTIONS.iter().enumerate() {
        let text = d.section(key);
        let count = word_count(text).to_string();
        b.push(Block::Heading(e.sections[i].into()));
        b.push(Block::Note(match s.limits.get(key) {
            Some(max) => fill(e.words_of, &[&count, &max.to_string()]),
            None => count,
        }));
        b.push(swedish(text, lang));
    }
    b.push(Block::Heading(dl.part_english.into()));
    b.push(Block::Note(lang.english_status(&d.english)));
    for k in ENGLISH_PARTS {
        let text = d.english.part(k);
        if !text.trim().is_empty() {
            b.push(Block::Subheading(lang.part_name(k).into()));
            b.push(Block::Foreign(Lang::En, text.trim().into()));
        }
    }
    b.push(Block::Heading(e.part_publication.into()));
    b.push(Block::Subheading(e.field_summary_sv.into()));
    b.push(swedish(&d.public_summary_sv, lang));
    b.push(Block::Subheading(e.field_summary_en.into()));
    b.push(if d.public_summary_en.trim().is_empty() {
        Block::Note(e.not_given.into())
    } else {
        Block::Foreign(Lang::En, d.public_summary_en.trim().into())
    });
    b.push(Block::Field(
        e.field_consent.into(),
        yes_no(d.publication_consent).into(),
    ));
    b.push(Block::Heading(e.part_checklist.into()));
    for (i, key) in CHECKLIST.iter().enumerate() {
        let done = d.checklist.iter().any(|c| c == key);
        b.push(Block::Item(format!(
            "{} {} ({})",
            if done { "✓" } else { "✗" },
            e.checklist[i],
            yes_no(done)
        )));
    }
    b.push(Block::Heading(format!(
        "{} ({})",
        e.part_attachments, e.supporting
    )));
    if s.attachments.is_empty() {
        b.push(Block::Note(e.no_attachments.into()));
    }
    for (i, a) in s.attachments.iter().enumerate() {
        b.push(Block::Item(if s.anonymous {
            anonymity::attachment_name(i + 1, a, lang)
        } else {
            a.clone()
        }));
    }
    Document {
        title,
        file_stem: format!("{}-{}", dl.copy_file, s.reference),
        lang,
        blocks: b,
    }
}
