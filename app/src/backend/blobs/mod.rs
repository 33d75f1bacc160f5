//! The blob room: uploaded files by content. What a file is (judged by its bytes, polyglots
//! refused), what it may be called, and where it is kept: under its SHA-256, outside the web
//! root, written durably. Attachments (`entries::attachments`) and public images
//! (`publication::media`) are both stored here; who may read a file is decided by their rooms.
//! Images lose their metadata when stored; a PDF's is taken out of the copy an anonymised
//! round's jurors get (`pdf`).
mod pdf;

pub use pdf::pdf_without_metadata;

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
/// Where a stored file's bytes are, for a hash read from the database: checked to be the hex
/// digest the portal wrote, so that it can never be a path.
pub fn stored_file(dir: &Path, sha256: &str) -> Result<PathBuf, crate::error::AppError> {
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(crate::error::AppError::Internal);
    }
    Ok(stored_path(dir, sha256))
}

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

/// An image without the metadata that can say who took it, where and when: in a JPEG the
/// application segments other than JFIF (APP0), the colour profile (APP2 `ICC_PROFILE`) and
/// Adobe's colour transform (APP14), so EXIF with its GPS position, XMP, IPTC and the like, and
/// comments; in a PNG the text chunks, EXIF and the modification time. Whatever follows the
/// image data is dropped too. The picture itself is not re-encoded. A PDF is returned as it is.
/// An image too damaged to take apart is refused.
pub fn without_metadata(bytes: Vec<u8>, mime: &str) -> Result<Vec<u8>, Problem> {
    use img_parts::{jpeg::Jpeg, png::Png};
    const ICC: &[u8] = b"ICC_PROFILE\0";
    match mime {
        "image/jpeg" => {
            let mut jpeg = Jpeg::from_bytes(bytes.into()).map_err(|_| Problem::UnsupportedFile)?;
            jpeg.segments_mut().retain(|s| match s.marker() {
                0xE0 | 0xEE => true,
                0xE2 => s.contents().starts_with(ICC),
                0xE1..=0xEF | 0xFE => false,
                _ => true,
            });
            // Parsing stops at the first scan, whose entropy holds the rest of the file: the
            // picture ends at the first end-of-image marker after the headers (inside the coded
            // data 0xFF is always followed by 0x00 or a restart marker), and what follows, such
            // as the extra pictures a phone appends with their own EXIF, is dropped. The
            // headers are the start-of-image marker and every segment without its entropy.
            let scan = 2 + jpeg.segments().iter().map(|s| s.len()).sum::<usize>();
            let mut out = jpeg.encoder().bytes().to_vec();
            if let Some(end) = out
                .get(scan..)
                .and_then(|d| d.windows(2).position(|w| w == [0xff, 0xd9]))
            {
                out.truncate(scan + end + 2);
            }
            Ok(out)
        }
        "image/png" => {
            let mut png = Png::from_bytes(bytes.into()).map_err(|_| Problem::UnsupportedFile)?;
            png.chunks_mut()
                .retain(|c| !matches!(&c.kind(), b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME"));
            Ok(png.encoder().bytes().to_vec())
        }
        _ => Ok(bytes),
    }
}

/// Stores the bytes of a file of type `mime` under their hash, off the async threads, and
/// returns the hash and the size. An image is stored [`without_metadata`]. A disk that refuses
/// is `Unavailable` (logged), not a lost upload reported as saved.
pub(crate) async fn store(
    dir: &Path,
    bytes: Vec<u8>,
    mime: &str,
) -> Result<(String, i64), AppError> {
    let bytes = without_metadata(bytes, mime).map_err(|p| AppError::invalid_field("file", p))?;
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

    /// A JPEG with what a phone puts in: JFIF, EXIF with a GPS position, XMP, an ICC profile,
    /// a comment, then the image (tables, frame, scan) and bytes after its end.
    fn phone_jpeg() -> Vec<u8> {
        let segment = |marker: u8, body: &[u8]| {
            let len = (body.len() + 2) as u16;
            [&[0xff, marker][..], &len.to_be_bytes(), body].concat()
        };
        let mut dqt = vec![0u8];
        dqt.extend([1u8; 64]);
        [
            vec![0xff, 0xd8],
            segment(0xe0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"),
            segment(0xe1, b"Exif\0\0MM\0*GPSLatitude 59.3293 N, Anna's phone"),
            segment(
                0xe1,
                b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Creator Anna</x:xmpmeta>",
            ),
            segment(0xe2, b"ICC_PROFILE\0\x01\x01sRGB"),
            segment(0xed, b"Photoshop 3.0\0IPTC byline Anna"),
            segment(0xfe, b"Taken at Storgatan 1"),
            segment(0xdb, &dqt),
            segment(0xc0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
            segment(0xda, &[1, 1, 0, 0, 0x3f, 0]),
            vec![0x12, 0x34, 0xff, 0x00, 0x56],
            vec![0xff, 0xd9],
            b"trailing GPSLatitude".to_vec(),
        ]
        .concat()
    }

    #[test]
    fn images_lose_their_metadata_and_keep_their_picture() {
        let jpeg = phone_jpeg();
        assert_eq!(check(&jpeg), Ok(("image/jpeg", "jpg")));
        let clean = without_metadata(jpeg, "image/jpeg").unwrap();
        let text = String::from_utf8_lossy(&clean);
        for gone in [
            "Exif",
            "GPS",
            "Anna",
            "xmpmeta",
            "IPTC",
            "Storgatan",
            "trailing",
        ] {
            assert!(!text.contains(gone), "{gone} is still in {text:?}");
        }
        assert!(
            text.contains("JFIF") && text.contains("ICC_PROFILE"),
            "{text:?}"
        );
        assert!(clean.starts_with(&[0xff, 0xd8]) && clean.ends_with(&[0xff, 0xd9]));
        // The scan's bytes are untouched.
        assert!(
            clean
                .windows(5)
                .any(|w| w == [0x12, 0x34, 0xff, 0x00, 0x56])
        );
        assert_eq!(check(&clean), Ok(("image/jpeg", "jpg")));

        // A PNG's text, EXIF and time go; its image chunks stay, in order.
        let chunk = |kind: &[u8; 4], body: &[u8]| {
            let crc = crc32(&[&kind[..], body].concat());
            [
                &(body.len() as u32).to_be_bytes()[..],
                kind,
                body,
                &crc.to_be_bytes(),
            ]
            .concat()
        };
        let png = [
            vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a],
            chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
            chunk(b"tEXt", b"Author\0Anna Andersson"),
            chunk(b"eXIf", b"MM\0*GPSLatitude"),
            chunk(b"tIME", &[7, 234, 12, 4, 20, 0, 0]),
            chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1]),
            chunk(b"IEND", &[]),
        ]
        .concat();
        let clean = without_metadata(png, "image/png").unwrap();
        let text = String::from_utf8_lossy(&clean);
        assert!(!text.contains("Anna") && !text.contains("GPS") && !text.contains("tIME"));
        let kinds: Vec<&str> = ["IHDR", "IDAT", "IEND"]
            .into_iter()
            .filter(|k| text.contains(k))
            .collect();
        assert_eq!(kinds, ["IHDR", "IDAT", "IEND"]);

        // A PDF is kept as it is; an image too damaged to take apart is refused.
        assert_eq!(
            without_metadata(PDF.to_vec(), "application/pdf").unwrap(),
            PDF
        );
        assert_eq!(
            without_metadata(PNG.to_vec(), "image/png"),
            Err(Problem::UnsupportedFile)
        );
    }

    /// The CRC of a PNG chunk (ISO 3309), for the test images.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

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
