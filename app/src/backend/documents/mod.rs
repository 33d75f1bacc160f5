//! The documents room: a document made by the portal (the Annex I dossier, an entry's reading
//! copy) as blocks of text in reading order, and those blocks laid out as a PDF (`pdf`) or a
//! Word document (`docx`). The rooms that know the content build the blocks; this room knows
//! nothing of entries or years.
mod docx;
mod pdf;

use crate::error::AppError;
use crate::i18n::Lang;

/// One piece of a document, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The document's title, once, at the top.
    Title(String),
    /// A document of its own inside this one (one entry of a reading pack): it starts on a new
    /// page under `title`, which is also its bookmark, and is listed in the contents as
    /// `contents`.
    Chapter { title: String, contents: String },
    /// The table of contents: `heading`, then each chapter's `contents` line with the page it
    /// starts on ("page 3", `page` being the word).
    Contents { heading: String, page: String },
    /// A line under the title.
    Subtitle(String),
    /// A part of the document: "Project description", "1. Theme".
    Heading(String),
    /// A section inside a part: "Problem and background".
    Subheading(String),
    /// A labelled fact: "Country: Sweden".
    Field(String, String),
    /// Running text; a blank line inside starts a new paragraph.
    Text(String),
    /// Running text in another language than the document's (WCAG 3.1.2).
    Foreign(Lang, String),
    /// One item of a list.
    Item(String),
    /// A quiet remark, e.g. a word count or a marker for material outside the template.
    Note(String),
}

/// A document, ready to be laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The document's title, also its metadata title.
    pub title: String,
    /// The file name without its extension: `ecpa-2022-annex-i-se`.
    pub file_stem: String,
    /// The language most of the document is written in.
    pub lang: Lang,
    pub blocks: Vec<Block>,
}

impl Document {
    /// Every text of the document, in order: what a reader (or a test) finds in it.
    pub fn texts(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .flat_map(|b| match b {
                Block::Field(k, v) => vec![k.as_str(), v.as_str()],
                Block::Chapter { title, contents } => vec![title.as_str(), contents.as_str()],
                Block::Contents { heading, .. } => vec![heading.as_str()],
                Block::Title(s)
                | Block::Subtitle(s)
                | Block::Heading(s)
                | Block::Subheading(s)
                | Block::Text(s)
                | Block::Foreign(_, s)
                | Block::Item(s)
                | Block::Note(s) => vec![s.as_str()],
            })
            .collect()
    }
}

/// The file formats a document is laid out in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

/// A made file: its name, type and bytes.
pub struct MadeFile {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The document laid out as a file.
pub fn render(d: &Document, format: Format) -> Result<MadeFile, AppError> {
    Ok(match format {
        Format::Pdf => MadeFile {
            name: format!("{}.pdf", d.file_stem),
            content_type: "application/pdf",
            bytes: pdf::render(d)?,
        },
        Format::Docx => MadeFile {
            name: format!("{}.docx", d.file_stem),
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            bytes: docx::render(d)?,
        },
    })
}
