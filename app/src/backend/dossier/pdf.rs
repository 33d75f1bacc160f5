//! The dossier as a PDF (krilla), A4, with DejaVu Sans embedded from the `dejavu` crate, so that
//! every Swedish and European letter prints and nothing is read from the machine at run time.
//! krilla draws a line of text; the lines are broken here, by the font's own advance widths.
use krilla::Document;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};

use super::annex::{Annex, Block};
use crate::error::AppError;

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;

/// A face to draw with and to measure by.
struct Face {
    font: Font,
    measure: ttf_parser::Face<'static>,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face, AppError> {
        let font = Font::new(data.to_vec().into(), 0).ok_or(AppError::Internal)?;
        let measure = ttf_parser::Face::parse(data, 0).map_err(|_| AppError::Internal)?;
        Ok(Face { font, measure })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| {
                self.measure
                    .glyph_index(c)
                    .and_then(|g| self.measure.glyph_hor_advance(g))
                    .unwrap_or(self.measure.units_per_em() / 2) as f32
            })
            .sum();
        units * size / self.measure.units_per_em() as f32
    }

    /// `text` broken into lines no wider than `max`; a word wider than a line is split.
    fn lines(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut out = Vec::new();
        for source in text.lines() {
            let mut line = String::new();
            for word in source.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= max {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size) > max {
                        line.pop();
                        out.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            out.push(line);
        }
        out
    }
}

/// One line of text placed on a page: its baseline's start, size and face.
struct Line {
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    text: String,
}

/// The pages laid out so far, and where the next line goes.
struct Writer {
    pages: Vec<Vec<Line>>,
    y: f32,
}

impl Writer {
    fn line(&mut self, x: f32, size: f32, bold: bool, text: String) {
        let height = size * 1.4;
        if self.pages.is_empty() || self.y + height > HEIGHT - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
        self.y += height;
        let y = self.y;
        if let Some(page) = self.pages.last_mut() {
            page.push(Line {
                x,
                y,
                size,
                bold,
                text,
            });
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }
}

/// The dossier as PDF bytes.
pub fn render(a: &Annex) -> Result<Vec<u8>, AppError> {
    let regular = Face::load(dejavu::sans::regular())?;
    let bold = Face::load(dejavu::sans::bold())?;
    let mut w = Writer {
        pages: Vec::new(),
        y: MARGIN,
    };
    let text_width = WIDTH - 2.0 * MARGIN;
    let put = |w: &mut Writer, face: &Face, is_bold: bool, size: f32, indent: f32, text: &str| {
        for line in face.lines(text, size, text_width - indent) {
            w.line(MARGIN + indent, size, is_bold, line);
        }
    };
    for block in &a.blocks {
        match block {
            Block::Title(t) => put(&mut w, &bold, true, 17.0, 0.0, t),
            Block::Subtitle(t) => {
                put(&mut w, &regular, false, 11.0, 0.0, t);
                w.gap(6.0);
            }
            Block::Heading(t) => {
                w.gap(10.0);
                put(&mut w, &bold, true, 13.5, 0.0, t);
            }
            Block::Subheading(t) => {
                w.gap(4.0);
                put(&mut w, &bold, true, 10.5, 0.0, t);
            }
            Block::Field(k, v) => put(&mut w, &regular, false, 10.0, 0.0, &format!("{k}: {v}")),
            Block::Text(t) => {
                for paragraph in t.split("\n\n").filter(|p| !p.trim().is_empty()) {
                    put(&mut w, &regular, false, 10.0, 0.0, paragraph);
                    w.gap(4.0);
                }
            }
            Block::Item(t) => put(&mut w, &regular, false, 10.0, 12.0, &format!("• {t}")),
            Block::Note(t) => put(&mut w, &regular, false, 8.5, 0.0, t),
        }
    }
    let mut document = Document::new();
    for lines in w.pages {
        let mut page = document
            .start_page_with(PageSettings::from_wh(WIDTH, HEIGHT).ok_or(AppError::Internal)?);
        let mut surface = page.surface();
        for l in lines {
            let face = if l.bold { &bold } else { &regular };
            surface.draw_text(
                Point::from_xy(l.x, l.y),
                face.font.clone(),
                l.size,
                &l.text,
                false,
                TextDirection::Auto,
            );
        }
        surface.finish();
        page.finish();
    }
    document.set_metadata(
        Metadata::new()
            .title(a.title.clone())
            .language("en".into())
            .creator("ECPA portal".into()),
    );
    document.finish().map_err(|e| {
        tracing::error!(error = ?e, "the dossier PDF could not be written");
        AppError::Internal
    })
}
