//! The exports room: files for people to open. CSV that Excel reads (UTF-8 with a byte-order
//! mark), XLSX with a frozen header, the cell guard against formula injection, and zips.
//! The rooms that export (entries, the jury set-up, the feeds) choose the rows; this room only
//! writes them.
use crate::error::AppError;

/// Files packed as one zip, each under its path (`folder/name.pdf`), deflated.
pub(crate) fn zip_file(files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, AppError> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name, options)
            .map_err(|_| AppError::Internal)?;
        zip.write_all(&bytes).map_err(|_| AppError::Internal)?;
    }
    Ok(zip.finish().map_err(|_| AppError::Internal)?.into_inner())
}

/// Files on disk packed as one zip into an unnamed temporary file in `dir` (gone once closed),
/// one file at a time, so that a large zip is never held in memory; returned at its start.
/// With `change`, each file is read whole and packed as it returns it. Blocking: call it off the
/// async runtime.
pub(crate) fn zip_on_disk(
    dir: &std::path::Path,
    files: &[(String, std::path::PathBuf)],
    change: Option<fn(Vec<u8>) -> Vec<u8>>,
) -> Result<std::fs::File, AppError> {
    use std::io::{Seek, SeekFrom};
    let failed = |what: &str, e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "a zip could not be written: {what}");
        AppError::Internal
    };
    let file = tempfile::tempfile_in(dir).map_err(|e| failed("temporary file", &e))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, path) in files {
        zip.start_file(name.as_str(), options)
            .map_err(|e| failed(name, &e))?;
        match change {
            Some(change) => {
                let bytes = std::fs::read(path).map_err(|e| failed(name, &e))?;
                std::io::Write::write_all(&mut zip, &change(bytes))
                    .map_err(|e| failed(name, &e))?;
            }
            None => {
                let mut source = std::fs::File::open(path).map_err(|e| failed(name, &e))?;
                std::io::copy(&mut source, &mut zip).map_err(|e| failed(name, &e))?;
            }
        }
    }
    let mut file = zip.finish().map_err(|e| failed("the end", &e))?;
    file.seek(SeekFrom::Start(0))
        .map_err(|e| failed("rewinding", &e))?;
    Ok(file)
}

/// Protects a spreadsheet cell from being read as a formula (CSV injection).
pub(crate) fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// How a CSV file separates its fields. Excel set to Swedish reads fields separated by
/// semicolons (a comma is its decimal sign) and opens a comma-separated file as one column; in
/// English it expects commas. Both are UTF-8 with a byte-order mark so that Excel reads å, ä, ö.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Swedish Excel: `;`. The default of the Swedish interface and of a download link without
    /// a choice.
    #[default]
    Semicolon,
    /// `,` (RFC 4180): English Excel and most other tools.
    Comma,
}

impl Dialect {
    /// The dialect a download link asks for with `?dialect=`; the default for anything else.
    pub fn from_query(value: Option<&str>) -> Dialect {
        match value {
            Some("comma") => Dialect::Comma,
            _ => Dialect::Semicolon,
        }
    }

    fn delimiter(self) -> u8 {
        match self {
            Dialect::Semicolon => b';',
            Dialect::Comma => b',',
        }
    }
}

/// A CSV file with a header row in `dialect`, UTF-8 with a byte-order mark.
pub fn csv_file(
    header: &[&str],
    rows: &[Vec<String>],
    dialect: Dialect,
) -> Result<Vec<u8>, AppError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(dialect.delimiter())
            .from_writer(&mut out);
        w.write_record(header).map_err(|_| AppError::Internal)?;
        for r in rows {
            w.write_record(r).map_err(|_| AppError::Internal)?;
        }
        w.flush().map_err(|_| AppError::Internal)?;
    }
    Ok(out)
}

/// An Excel workbook with one sheet: a bold, frozen header row, then the rows as text.
pub fn xlsx_file(header: &[&str], rows: &[Vec<String>], sheet: &str) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| {
        tracing::error!(error = %e, "xlsx export failed");
        AppError::Internal
    };
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(fail)?;
    let bold = Format::new().set_bold();
    for (c, name) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &bold)
            .map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            // Excel holds at most 32,767 characters in a cell.
            let value: String = value.chars().take(32_000).collect();
            ws.write_string(r as u32 + 1, c as u16, value)
                .map_err(fail)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_on_disk_holds_each_file_under_its_path_and_starts_at_the_beginning() {
        use std::io::Read;
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, b"%PDF-1.4 first").unwrap();
        std::fs::write(&b, vec![7u8; 100_000]).unwrap();
        let files = vec![
            ("ECPA-2027-0001/plan.pdf".to_string(), a),
            ("ECPA-2027-0002/bild (2).png".to_string(), b),
        ];
        let file = zip_on_disk(dir.path(), &files, None).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut read = |name: &str| {
            let mut out = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
            out
        };
        assert_eq!(read("ECPA-2027-0001/plan.pdf"), b"%PDF-1.4 first");
        assert_eq!(read("ECPA-2027-0002/bild (2).png"), vec![7u8; 100_000]);
        // The temporary file has no name: nothing is left in the directory.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        // A file gone from the disk is an error, not a zip without it.
        let missing = vec![("x".to_string(), dir.path().join("gone"))];
        assert!(zip_on_disk(dir.path(), &missing, None).is_err());
    }

    #[test]
    fn csv_comes_in_the_swedish_excel_dialect_and_the_comma_dialect() {
        let rows = vec![vec!["Mora; Orsa".to_string(), "4,5".to_string()]];
        let sv =
            String::from_utf8(csv_file(&["a", "b"], &rows, Dialect::Semicolon).unwrap()).unwrap();
        assert_eq!(sv, "\u{feff}a;b\n\"Mora; Orsa\";4,5\n");
        let en = String::from_utf8(csv_file(&["a", "b"], &rows, Dialect::Comma).unwrap()).unwrap();
        assert_eq!(en, "\u{feff}a,b\nMora; Orsa,\"4,5\"\n");
        assert_eq!(Dialect::from_query(Some("comma")), Dialect::Comma);
        assert_eq!(Dialect::from_query(Some("x")), Dialect::Semicolon);
        assert_eq!(Dialect::from_query(None), Dialect::Semicolon);
    }

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+46 8 123"), "'+46 8 123");
        assert_eq!(cell("Polisen"), "Polisen");
    }
}
