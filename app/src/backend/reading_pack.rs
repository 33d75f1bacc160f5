//! The reading pack: a juror's entries of a round to read away from the portal. One PDF holds
//! every entry they may score, as last submitted (the version the jury judges), each from a page
//! of its own after a table of contents that also makes the PDF's bookmarks; one zip holds
//! those entries' attachments, a folder per entry. Which entries is the jury's rule
//! (`jury::readable_entries`), so an entry the juror stands aside from is never in either. The
//! room sits above the entries and the jury, as the reading copy does.
use std::collections::HashSet;
use std::path::Path;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::accounts::Actor;
use super::anonymity;
use super::blobs::{pdf_without_metadata, stored_file};
use super::documents::{Block, Document, Format, MadeFile, render};
use super::entities::attachment;
use super::exports::zip_on_disk;
use super::jury;
use super::reading_copy::copy_of;
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::RoundRef;

/// The file names' stem: `laspaket-2027`, `reading-pack-2027-europe`.
fn stem(r: RoundRef, lang: Lang) -> String {
    let mut stem = format!("{}-{}", lang.d().pack_file, r.year);
    if r.europe {
        stem.push_str("-europe");
    } else if let Some(c) = r.country {
        stem.push('-');
        stem.push_str(&c.slug());
    }
    stem
}

/// The juror's entries of the round as one PDF, its headings in `lang`.
pub async fn pdf(
    db: &DatabaseConnection,
    actor: &Actor,
    r: RoundRef,
    lang: Lang,
) -> Result<MadeFile, AppError> {
    let (c, mine) = jury::readable_entries(db, actor, r).await?;
    let d = lang.d();
    let title = fill(d.pack_title, &[&c.year.to_string()]);
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Subtitle(fill(d.pack_subtitle, &[&mine.len().to_string()])),
    ];
    if mine.is_empty() {
        blocks.push(Block::Note(d.pack_empty.into()));
    } else {
        blocks.push(Block::Contents {
            heading: d.pack_contents.into(),
            page: d.pack_page.into(),
        });
    }
    for e in &mine {
        let one = copy_of(db, &c, e, lang, anonymity::anonymous(&c)).await?;
        blocks.push(Block::Chapter {
            contents: format!("{} · {}", one.title, e.reference),
            title: one.title,
        });
        blocks.extend(
            one.blocks
                .into_iter()
                .filter(|b| !matches!(b, Block::Title(_))),
        );
    }
    render(
        &Document {
            title,
            file_stem: stem(r, lang),
            lang,
            blocks,
        },
        Format::Pdf,
    )
}

/// A zip made on disk, to be sent from its start and deleted once closed.
pub struct ZipOnDisk {
    pub name: String,
    pub file: std::fs::File,
}

/// The attachments of the juror's entries of the round as one zip: `<reference>/<file name>`,
/// a name used twice in one entry numbered (`plan (2).pdf`); in an anonymised round
/// `<reference>/Bilaga 2.pdf`, each PDF without its metadata. The zip is written to a
/// temporary file in `dir` (the upload directory), one attachment at a time: up to ten files of
/// 20 MB per entry would not fit in memory for a whole round.
pub async fn attachments(
    db: &DatabaseConnection,
    actor: &Actor,
    dir: &Path,
    r: RoundRef,
    lang: Lang,
) -> Result<ZipOnDisk, AppError> {
    let (c, mine) = jury::readable_entries(db, actor, r).await?;
    let anonymous = anonymity::anonymous(&c);
    let mut files = Vec::new();
    for e in &mine {
        let mut used = HashSet::new();
        let rows = attachment::Entity::find()
            .filter(attachment::Column::EntryId.eq(e.id))
            .order_by_asc(attachment::Column::Id)
            .all(db)
            .await?;
        for (i, a) in rows.into_iter().enumerate() {
            let name = if anonymous {
                anonymity::attachment_name(i + 1, &a.file_name, lang)
            } else {
                unique(&mut used, &a.file_name)
            };
            files.push((
                format!("{}/{name}", e.reference),
                stored_file(dir, &a.sha256)?,
            ));
        }
    }
    let dir = dir.to_path_buf();
    let change = anonymous.then_some(pdf_without_metadata as fn(Vec<u8>) -> Vec<u8>);
    let file = tokio::task::spawn_blocking(move || zip_on_disk(&dir, &files, change))
        .await
        .map_err(|_| AppError::Internal)??;
    Ok(ZipOnDisk {
        name: format!("{}.zip", stem(r, lang)),
        file,
    })
}

/// `name`, or with " (2)", " (3)" … before its extension where it is taken already.
fn unique(used: &mut HashSet<String>, name: &str) -> String {
    let (base, ext) = match name.rsplit_once('.') {
        Some((b, x)) if !b.is_empty() => (b, format!(".{x}")),
        _ => (name, String::new()),
    };
    let mut candidate = name.to_string();
    let mut n = 1;
    while !used.insert(candidate.to_lowercase()) {
        n += 1;
        candidate = format!("{base} ({n}){ext}");
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_used_twice_is_numbered_before_its_extension() {
        let mut used = HashSet::new();
        assert_eq!(unique(&mut used, "plan.pdf"), "plan.pdf");
        assert_eq!(unique(&mut used, "Plan.pdf"), "Plan (2).pdf");
        assert_eq!(unique(&mut used, "plan.pdf"), "plan (3).pdf");
        assert_eq!(unique(&mut used, "README"), "README");
        assert_eq!(unique(&mut used, "README"), "README (2)");
        assert_eq!(unique(&mut used, ".pdf"), ".pdf");
    }
}
