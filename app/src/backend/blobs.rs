//! The blob room: uploaded files by content. What a file is (judged by its bytes, polyglots
//! refused), what it may be called, and where it is kept: under its SHA-256, outside the web
//! root, written durably. Attachments (`entries::attachments`) and public images
//! (`publication::media`) are both stored here; who may read a file is decided by their rooms.
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{AppError, Problem};

/// The accepted types, by content: (MIME type, file extension).
const ACCEPTED: [(&str, &str); 3] = [
    ("application/pdf", "pdf"),
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
];

/// The type of a file by its first bytes, if it is one the portal accepts.
pub fn detect(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let found = infer::get(bytes)?;
    ACCEPTED
        .iter()
        .copied()
        .find(|(mime, _)| *mime == found.mime_type())
}

/// The type of an upload by its content, refusing polyglots: a file must be a PDF, JPEG or PNG
/// and nothing else that a browser, reader or archive tool would act on. The field's problem
/// says which.
pub fn check(bytes: &[u8]) -> Result<(&'static str, &'static str), Problem> {
    let found = detect(bytes).ok_or(Problem::UnsupportedFile)?;
    if active_content(bytes, found.0) {
        return Err(Problem::ActiveContent);
    }
    Ok(found)
}

/// Whether a file that is a PDF or an image also carries something that runs or opens:
/// - markup or script anywhere (an HTML or SVG page hidden in a PDF, in image metadata or
///   after the image data), in any letter case;
/// - in a PDF, an action that runs JavaScript or launches a program, an embedded file, rich
///   media or an XFA form;
/// - in an image, a second format: a PDF header, or a ZIP archive's directory at the end (a
///   GIFAR-style file that is both an image and a JAR).
///
/// It reads the bytes as stored. A PDF can also hide such names in compressed object streams;
/// those it does not unpack, which is why every stored file is also served as a download with
/// `nosniff` and a sandboxing policy (`server::files`).
pub fn active_content(bytes: &[u8], mime: &str) -> bool {
    use aho_corasick::AhoCorasick;
    use std::sync::LazyLock;
    static MARKUP: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "<script",
                "<html",
                "<body",
                "<iframe",
                "<svg",
                "<object",
                "<embed",
                "<?php",
                "<!doctype",
                "javascript:",
            ])
            .expect("fixed patterns")
    });
    // PDF names are case-sensitive and end at a delimiter: `/JS` but not `/JSON`.
    static PDF_NAMES: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new([
            "/JavaScript",
            "/JS",
            "/Launch",
            "/EmbeddedFile",
            "/RichMedia",
            "/XFA",
        ])
        .expect("fixed patterns")
    });
    if MARKUP.is_match(bytes) {
        return true;
    }
    if mime == "application/pdf" {
        let regular = |b: &u8| !(b.is_ascii_whitespace() || b"()<>[]{}/%".contains(b));
        return PDF_NAMES
            .find_iter(bytes)
            .any(|m| bytes.get(m.end()).is_none_or(|b| !regular(b)));
    }
    let tail = &bytes[bytes.len().saturating_sub(64 * 1024 + 22)..];
    memmem(bytes, b"%PDF-") || memmem(tail, b"PK\x05\x06")
}

fn memmem(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A display name from an uploaded name: no directories, no control characters, no leading
/// dots, at most 120 characters, and the extension that matches the content.
pub fn clean_name(raw: &str, extension: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .collect();
    name = name.trim().trim_start_matches('.').trim().to_string();
    let stem = match name.rsplit_once('.') {
        Some((stem, ext))
            if ext.eq_ignore_ascii_case(extension)
                || (extension == "jpg" && ext.eq_ignore_ascii_case("jpeg")) =>
        {
            stem.to_string()
        }
        _ => name.clone(),
    };
    let stem: String = stem.chars().take(120).collect();
    let stem = if stem.trim().is_empty() {
        "bilaga".to_string()
    } else {
        stem
    };
    format!("{stem}.{extension}")
}

/// Where a stored file lives: `<dir>/<first two hex digits>/<sha256>`.
pub fn stored_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(&sha256[..2]).join(sha256)
}

/// Writes the bytes under their hash, durably: to a temporary file, synced, then renamed.
fn store_blob(dir: &Path, sha256: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = stored_path(dir, sha256);
    if target.exists() {
        return Ok(());
    }
    let parent = target.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent)?;
    let tmp = parent.join(format!(".{sha256}.{}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, &target)?;
    if let Ok(d) = std::fs::File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Stores the bytes under their hash, off the async threads, and returns the hash and the
/// size. A disk that refuses is `Unavailable` (logged), not a lost upload reported as saved.
pub(crate) async fn store(dir: &Path, bytes: Vec<u8>) -> Result<(String, i64), AppError> {
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let size = bytes.len() as i64;
    let (dir, hash) = (dir.to_path_buf(), sha256.clone());
    tokio::task::spawn_blocking(move || store_blob(&dir, &hash, &bytes))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|err| {
            tracing::error!(error = %err, "cannot store an uploaded file");
            AppError::Unavailable
        })?;
    Ok((sha256, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    const PNG: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R',
    ];

    #[test]
    fn types_are_judged_by_content() {
        assert_eq!(detect(PDF), Some(("application/pdf", "pdf")));
        assert_eq!(detect(PNG), Some(("image/png", "png")));
        assert_eq!(
            detect(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).map(|t| t.1),
            Some("jpg")
        );
        assert_eq!(detect(b"<html><script>alert(1)</script>"), None);
        assert_eq!(detect(b"MZ\x90\x00 an exe named report.pdf"), None);
        assert_eq!(detect(b""), None);
    }

    #[test]
    fn polyglots_are_refused_and_plain_files_pass() {
        assert_eq!(check(PDF), Ok(("application/pdf", "pdf")));
        assert_eq!(check(PNG), Ok(("image/png", "png")));
        assert_eq!(check(b"<html>"), Err(Problem::UnsupportedFile));
        let with = |head: &[u8], tail: &[u8]| [head, tail].concat();
        // A PDF that is also a web page, or runs script, or launches, or carries a file.
        for tail in [
            &b"<HTML><body onload=x()>"[..],
            b"<ScRiPt>alert(1)</script>",
            b"<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
            b"<</S/JS(app.alert(1))>>",
            b"<< /S /Launch /F (cmd.exe) >>",
            b"<< /Type /EmbeddedFile >>",
            b"<a href=\"JavaScript:alert(1)\">",
        ] {
            assert_eq!(
                check(&with(PDF, tail)),
                Err(Problem::ActiveContent),
                "{}",
                String::from_utf8_lossy(tail)
            );
        }
        // Names that only begin like an active one are ordinary.
        assert!(check(&with(PDF, b"<< /JSON 1 /Launcher 2 >>")).is_ok());
        // An image with a page in its metadata, a PDF inside, or a ZIP directory at the end.
        for tail in [
            &b"tEXt<svg onload=alert(1)>"[..],
            b"%PDF-1.7",
            b"PK\x03\x04jarPK\x05\x06\0\0",
        ] {
            assert_eq!(check(&with(PNG, tail)), Err(Problem::ActiveContent));
        }
        // A ZIP-like run deep inside a large image is image data, not an archive's end.
        let mut big = with(PNG, b"PK\x05\x06");
        big.extend(std::iter::repeat_n(0u8, 200 * 1024));
        assert!(check(&big).is_ok());
    }

    #[test]
    fn names_lose_paths_and_get_the_right_extension() {
        assert_eq!(clean_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(
            clean_name("C:\\Users\\a\\Rapport 2021.PDF", "pdf"),
            "Rapport 2021.pdf"
        );
        assert_eq!(clean_name("bild.jpeg", "jpg"), "bild.jpg");
        assert_eq!(clean_name("evil.exe", "pdf"), "evil.exe.pdf");
        assert_eq!(clean_name("...", "png"), "bilaga.png");
        assert_eq!(clean_name("a\u{0}b\"c\r\n.pdf", "pdf"), "abc.pdf");
        assert_eq!(clean_name(&"x".repeat(500), "pdf").chars().count(), 124);
    }
}
