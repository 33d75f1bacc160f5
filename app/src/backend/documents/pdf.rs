//! A document as a PDF (krilla), A4, with DejaVu Sans embedded from the `dejavu` crate, so that
//! every Swedish and European letter prints and nothing is read from the machine at run time.
//! krilla draws a line of text; the lines are broken here, by the font's own advance widths.
//! A document with chapters is laid out until its contents name the pages the chapters start
//! on (the contents' own length can move them), and each chapter is a bookmark.
use krilla::Document as Pdf;
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::tagging::{ContentTag, Identifier, ListNumbering, SpanTag, Tag, TagGroup, TagTree};
use krilla::text::{Font, TextDirection};
use std::num::NonZeroU16;

use super::{Block, Document};
use crate::error::AppError;
use crate::i18n::Lang;

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

/// What a run of lines is to a reader: the tag it gets in the PDF's structure tree.
#[derive(Clone, Copy)]
enum Role {
    /// A heading of this level (the title is 1).
    Heading(u16),
    /// A paragraph, in another language than the document's when given.
    Paragraph(Option<Lang>),
    /// One item of a list; consecutive items make one list.
    Item,
}

/// One line of text placed on a page: its baseline's start, size and face, and the part of the
/// document it belongs to (`unit`; a list item's bullet is its `label`).
struct Line {
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    text: String,
    unit: usize,
    label: bool,
}

/// The pages laid out so far, where the next line goes, and the parts of the document.
struct Writer {
    pages: Vec<Vec<Line>>,
    y: f32,
    units: Vec<Role>,
    /// A list item has begun and its first line, which carries the bullet, is still to come.
    bullet_due: bool,
}

impl Writer {
    /// Starts a new part of the document; the lines after it belong to it.
    fn unit(&mut self, role: Role) {
        self.bullet_due = matches!(role, Role::Item);
        self.units.push(role);
    }

    fn line(&mut self, x: f32, size: f32, bold: bool, text: String) {
        let height = size * 1.4;
        if self.pages.is_empty() || self.y + height > HEIGHT - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
        self.y += height;
        let (y, unit) = (self.y, self.units.len().saturating_sub(1));
        let bullet = std::mem::take(&mut self.bullet_due);
        if let Some(page) = self.pages.last_mut() {
            if bullet {
                // The item's label, left of its first line.
                page.push(Line {
                    x: MARGIN + 3.0,
                    y,
                    size,
                    bold: false,
                    text: "•".into(),
                    unit,
                    label: true,
                });
            }
            page.push(Line {
                x,
                y,
                size,
                bold,
                text,
                unit,
                label: false,
            });
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// The next line starts a page, unless the current page is still empty.
    fn page_break(&mut self) {
        if self.pages.last().is_some_and(|p| !p.is_empty()) {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    /// The page the next line goes on.
    fn page_now(&self) -> usize {
        match self.pages.last() {
            Some(_) if self.y + 17.0 * 1.4 > HEIGHT - MARGIN => self.pages.len(),
            Some(_) => self.pages.len() - 1,
            None => 0,
        }
    }
}

/// The structure tree: every part of the document with its lines, in reading order, so that a
/// screen reader reads headings, paragraphs and lists as such (a tagged PDF).
fn tag_tree(lang: Lang, units: &[Role], mut leaves: Vec<Vec<(bool, Identifier)>>) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(lang.code().into()));
    let mut list: Option<TagGroup> = None;
    for (i, role) in units.iter().enumerate() {
        let lines = std::mem::take(&mut leaves[i]);
        if let Role::Item = role {
            let (mut label, mut body) = (TagGroup::new(Tag::Lbl), TagGroup::new(Tag::LBody));
            for (is_label, id) in lines {
                if is_label {
                    label.push(id);
                } else {
                    body.push(id);
                }
            }
            let mut item = TagGroup::new(Tag::LI);
            item.push(label);
            item.push(body);
            list.get_or_insert_with(|| TagGroup::new(Tag::L(ListNumbering::Disc)))
                .push(item);
            continue;
        }
        if let Some(l) = list.take() {
            tree.push(l);
        }
        let mut group = match role {
            Role::Heading(level) => TagGroup::new(Tag::Hn(
                NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
                None,
            )),
            Role::Paragraph(Some(other)) => {
                TagGroup::new(Tag::P.with_lang(Some(other.code().into())))
            }
            Role::Paragraph(None) | Role::Item => TagGroup::new(Tag::P),
        };
        for (_, id) in lines {
            group.push(id);
        }
        tree.push(group);
    }
    if let Some(l) = list {
        tree.push(l);
    }
    tree
}

/// The document's blocks laid out on pages, its contents giving the chapters' first pages as
/// `starts` says (page indexes; unknown ones are left out). Returns the pages and where each
/// chapter did start.
fn lay_out(d: &Document, regular: &Face, bold: &Face, starts: &[usize]) -> (Writer, Vec<usize>) {
    let mut w = Writer {
        pages: Vec::new(),
        y: MARGIN,
        units: Vec::new(),
        bullet_due: false,
    };
    let mut started = Vec::new();
    let text_width = WIDTH - 2.0 * MARGIN;
    let put = |w: &mut Writer, face: &Face, is_bold: bool, size: f32, indent: f32, text: &str| {
        for line in face.lines(text, size, text_width - indent) {
            w.line(MARGIN + indent, size, is_bold, line);
        }
    };
    let paragraphs = |w: &mut Writer, lang: Option<Lang>, t: &str| {
        for paragraph in t.split("\n\n").filter(|p| !p.trim().is_empty()) {
            w.unit(Role::Paragraph(lang));
            put(w, regular, false, 10.0, 0.0, paragraph);
            w.gap(4.0);
        }
    };
    for block in &d.blocks {
        match block {
            Block::Title(t) => {
                w.unit(Role::Heading(1));
                put(&mut w, bold, true, 17.0, 0.0, t);
            }
            Block::Chapter { title, .. } => {
                w.page_break();
                started.push(w.page_now());
                w.unit(Role::Heading(1));
                put(&mut w, bold, true, 17.0, 0.0, title);
            }
            Block::Contents { heading, page } => {
                w.gap(10.0);
                w.unit(Role::Heading(2));
                put(&mut w, bold, true, 13.5, 0.0, heading);
                let chapters = d.blocks.iter().filter_map(|b| match b {
                    Block::Chapter { contents, .. } => Some(contents),
                    _ => None,
                });
                for (i, contents) in chapters.enumerate() {
                    let at = starts
                        .get(i)
                        .map_or("…".to_string(), |p| (p + 1).to_string());
                    w.unit(Role::Item);
                    put(
                        &mut w,
                        regular,
                        false,
                        10.0,
                        14.0,
                        &format!("{contents} · {page} {at}"),
                    );
                }
            }
            Block::Subtitle(t) => {
                w.unit(Role::Paragraph(None));
                put(&mut w, regular, false, 11.0, 0.0, t);
                w.gap(6.0);
            }
            Block::Heading(t) => {
                w.gap(10.0);
                w.unit(Role::Heading(2));
                put(&mut w, bold, true, 13.5, 0.0, t);
            }
            Block::Subheading(t) => {
                w.gap(4.0);
                w.unit(Role::Heading(3));
                put(&mut w, bold, true, 10.5, 0.0, t);
            }
            Block::Field(k, v) => {
                w.unit(Role::Paragraph(None));
                put(&mut w, regular, false, 10.0, 0.0, &format!("{k}: {v}"));
            }
            Block::Text(t) => paragraphs(&mut w, None, t),
            Block::Foreign(lang, t) => paragraphs(&mut w, (*lang != d.lang).then_some(*lang), t),
            Block::Item(t) => {
                w.unit(Role::Item);
                put(&mut w, regular, false, 10.0, 14.0, t);
            }
            Block::Note(t) => {
                w.unit(Role::Paragraph(None));
                put(&mut w, regular, false, 8.5, 0.0, t);
            }
        }
    }
    (w, started)
}

/// The document laid out until its contents name the pages the chapters start on: the page
/// numbers' own widths (and a contents list that grows by a page) settle within a few rounds,
/// and the last round is kept whatever it says.
fn settled(d: &Document, regular: &Face, bold: &Face) -> (Writer, Vec<usize>) {
    let (mut w, mut starts) = lay_out(d, regular, bold, &[]);
    for _ in 0..3 {
        let (again, moved) = lay_out(d, regular, bold, &starts);
        let same = moved == starts;
        (w, starts) = (again, moved);
        if same {
            break;
        }
    }
    (w, starts)
}

/// The document as PDF bytes: A4, tagged, its language and title in the metadata, its
/// chapters as bookmarks.
pub fn render(d: &Document) -> Result<Vec<u8>, AppError> {
    let regular = Face::load(dejavu::sans::regular())?;
    let bold = Face::load(dejavu::sans::bold())?;
    let (w, starts) = settled(d, &regular, &bold);
    let titles = d.blocks.iter().filter_map(|b| match b {
        Block::Chapter { title, .. } => Some(title.clone()),
        _ => None,
    });
    let mut outline = Outline::new();
    // A bookmark to a page that does not exist would stop the export (krilla panics).
    for (title, page) in titles.zip(&starts).filter(|(_, p)| **p < w.pages.len()) {
        outline.push_child(OutlineNode::new(
            title,
            XyzDestination::new(*page, Point::from_xy(0.0, 0.0)),
        ));
    }
    let mut document = Pdf::new();
    let mut leaves: Vec<Vec<(bool, Identifier)>> = w.units.iter().map(|_| Vec::new()).collect();
    for lines in w.pages {
        let mut page = document
            .start_page_with(PageSettings::from_wh(WIDTH, HEIGHT).ok_or(AppError::Internal)?);
        let mut surface = page.surface();
        for l in lines {
            let face = if l.bold { &bold } else { &regular };
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            surface.draw_text(
                Point::from_xy(l.x, l.y),
                face.font.clone(),
                l.size,
                &l.text,
                false,
                TextDirection::Auto,
            );
            surface.end_tagged();
            if let Some(unit) = leaves.get_mut(l.unit) {
                unit.push((l.label, id));
            }
        }
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(tag_tree(d.lang, &w.units, leaves));
    if !starts.is_empty() {
        document.set_outline(outline);
    }
    document.set_metadata(
        Metadata::new()
            .title(d.title.clone())
            .language(d.lang.code().into())
            .creator("ECPA portal".into()),
    );
    document.finish().map_err(|e| {
        tracing::error!(error = ?e, "a PDF could not be written");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_over_two_pages_name_the_pages_the_chapters_start_on() {
        let regular = Face::load(dejavu::sans::regular()).unwrap();
        let bold = Face::load(dejavu::sans::bold()).unwrap();
        let mut blocks = vec![
            Block::Title("Läspaket".into()),
            Block::Contents {
                heading: "Innehåll".into(),
                page: "sidan".into(),
            },
        ];
        for i in 0..70 {
            blocks.push(Block::Chapter {
                title: format!("Bidrag {i}"),
                contents: format!("Bidrag {i} · ECPA-2027-{i:04}"),
            });
            blocks.push(Block::Text("Ett stycke.\n\nEtt till.".into()));
        }
        let d = Document {
            title: "Läspaket".into(),
            file_stem: "laspaket".into(),
            lang: Lang::Sv,
            blocks,
        };
        let (w, starts) = settled(&d, &regular, &bold);
        assert_eq!(starts.len(), 70);
        let text = |page: usize| {
            w.pages[page]
                .iter()
                .map(|l| l.text.clone())
                .collect::<Vec<_>>()
        };
        // The contents fill the first two pages, so the first chapter starts on the third.
        assert!(
            text(1).iter().any(|t| t.starts_with("Bidrag 69 · ")),
            "{:?}",
            text(1)
        );
        assert_eq!(starts[0], 2);
        let listed: Vec<String> = (0..2)
            .flat_map(text)
            .filter(|t| t.starts_with("Bidrag "))
            .collect();
        for (i, start) in starts.iter().enumerate() {
            assert_eq!(text(*start)[0], format!("Bidrag {i}"));
            assert_eq!(
                listed[i],
                format!("Bidrag {i} · ECPA-2027-{i:04} · sidan {}", start + 1)
            );
        }
        assert!(render(&d).is_ok());
    }
}
