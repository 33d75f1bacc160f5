//! A document as a Word document (docx-rs), for EUCPN or a translator to edit: the same blocks
//! as the PDF, with Word's own heading styles so that its navigation pane shows the parts.
use docx_rs::{Docx, Paragraph, Run, RunFonts, Style, StyleType};

use super::{Block, Document};
use crate::error::AppError;

fn paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn styled(style: &str, text: &str) -> Paragraph {
    paragraph(text).style(style)
}

/// The document as DOCX bytes.
pub fn render(d: &Document) -> Result<Vec<u8>, AppError> {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .bold()
            .size(size)
            .outline_lvl(level)
    };
    let mut doc = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii("DejaVu Sans")
                .hi_ansi("DejaVu Sans")
                .cs("DejaVu Sans"),
        )
        .add_style(heading("Title", "Title", 34, 0))
        .add_style(heading("Heading1", "Heading 1", 27, 0))
        .add_style(heading("Heading2", "Heading 2", 21, 1))
        .add_style(
            Style::new("Note", StyleType::Paragraph)
                .name("Note")
                .size(17)
                .italic(),
        )
        .add_style(
            Style::new("ListItem", StyleType::Paragraph)
                .name("List item")
                .indent(Some(360), None, None, None),
        );
    for block in &d.blocks {
        doc = match block {
            Block::Title(t) => doc.add_paragraph(styled("Title", t)),
            Block::Chapter { title, .. } => {
                doc.add_paragraph(styled("Title", title).page_break_before(true))
            }
            // Word numbers no pages of its own: the contents list the chapters.
            Block::Contents { heading, .. } => d
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Chapter { contents, .. } => Some(contents),
                    _ => None,
                })
                .fold(doc.add_paragraph(styled("Heading1", heading)), |doc, c| {
                    doc.add_paragraph(styled("ListItem", &format!("• {c}")))
                }),
            Block::Subtitle(t) => doc.add_paragraph(paragraph(t)),
            Block::Heading(t) => doc.add_paragraph(styled("Heading1", t)),
            Block::Subheading(t) => doc.add_paragraph(styled("Heading2", t)),
            Block::Field(k, v) => doc.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{k}: ")).bold())
                    .add_run(Run::new().add_text(v)),
            ),
            Block::Text(t) | Block::Foreign(_, t) => t
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .fold(doc, |doc, p| doc.add_paragraph(paragraph(p.trim()))),
            Block::Item(t) => doc.add_paragraph(styled("ListItem", &format!("• {t}"))),
            Block::Note(t) => doc.add_paragraph(styled("Note", t)),
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.pack(&mut out).map_err(|e| {
        tracing::error!(error = %e, "a DOCX could not be written");
        AppError::Internal
    })?;
    Ok(out.into_inner())
}
