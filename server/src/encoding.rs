//! Bodies compressed once and chosen per request by `Accept-Encoding`: the cached public pages
//! and the loader script. (Built assets come precompressed from the build; other answers are
//! compressed on the fly by the compression layer.)
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};

/// Smaller bodies are sent as they are: compression would save less than its headers cost.
const MIN_SIZE: usize = 512;
/// Brotli quality for bodies compressed once: close to the best ratio at a fraction of the
/// time quality 11 takes.
const BROTLI_QUALITY: i32 = 9;

/// One body in the encodings a browser may ask for.
#[derive(Clone, Debug)]
pub struct Encoded {
    pub identity: Bytes,
    pub br: Option<Bytes>,
    pub gzip: Option<Bytes>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Br,
    Gzip,
    Identity,
}

/// Whether a content type is text of some kind (pages, feeds, JSON, CSV, scripts).
pub fn compressible(content_type: &str) -> bool {
    let t = content_type.trim_start().to_ascii_lowercase();
    t.starts_with("text/")
        || t.starts_with("application/json")
        || t.starts_with("application/xml")
        || t.starts_with("application/atom+xml")
        || t.starts_with("application/javascript")
        || t.starts_with("image/svg+xml")
}

impl Encoded {
    /// Compresses `body` with brotli and gzip when it is worth it. CPU work of a few
    /// milliseconds: call it off the async threads ([`tokio::task::spawn_blocking`]).
    pub fn new(body: Bytes, compress: bool) -> Encoded {
        if !compress || body.len() < MIN_SIZE {
            return Encoded {
                identity: body,
                br: None,
                gzip: None,
            };
        }
        let br = {
            let mut out = Vec::with_capacity(body.len() / 3);
            let params = brotli::enc::BrotliEncoderParams {
                quality: BROTLI_QUALITY,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &body[..], &mut out, &params)
                .ok()
                .map(|_| Bytes::from(out))
        };
        let gzip = {
            use std::io::Write;
            let mut enc = flate2::write::GzEncoder::new(
                Vec::with_capacity(body.len() / 3),
                flate2::Compression::best(),
            );
            enc.write_all(&body)
                .ok()
                .and_then(|_| enc.finish().ok())
                .map(Bytes::from)
        };
        Encoded {
            identity: body,
            br,
            gzip,
        }
    }

    /// The body for a request's `Accept-Encoding`, with its coding.
    pub fn pick(&self, accept: &HeaderMap) -> (Coding, Bytes) {
        let wants = accepted(accept);
        match (&self.br, &self.gzip) {
            (Some(b), _) if wants.br => (Coding::Br, b.clone()),
            (_, Some(g)) if wants.gzip => (Coding::Gzip, g.clone()),
            _ => (Coding::Identity, self.identity.clone()),
        }
    }

    /// Whether the body exists in more than one encoding (then caches must vary on it).
    pub fn varies(&self) -> bool {
        self.br.is_some() || self.gzip.is_some()
    }
}

impl Coding {
    pub fn header(self) -> Option<HeaderValue> {
        match self {
            Coding::Br => Some(HeaderValue::from_static("br")),
            Coding::Gzip => Some(HeaderValue::from_static("gzip")),
            Coding::Identity => None,
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Accepted {
    br: bool,
    gzip: bool,
}

/// What `Accept-Encoding` allows (RFC 9110 §12.5.3): a coding named with a weight above 0, or
/// covered by `*`.
fn accepted(headers: &HeaderMap) -> Accepted {
    let mut named = std::collections::HashMap::new();
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            if coding.is_empty() {
                continue;
            }
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            named.insert(coding, q > 0.0);
        }
    }
    let any = named.get("*").copied().unwrap_or(false);
    let ok = |c: &str| named.get(c).copied().unwrap_or(any);
    Accepted {
        br: ok("br"),
        gzip: ok("gzip") || ok("x-gzip"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        let both = Accepted {
            br: true,
            gzip: true,
        };
        assert_eq!(accepted(&with("gzip, deflate, br, zstd")), both);
        assert_eq!(accepted(&with("br;q=1.0, gzip;q=0.8")), both);
        assert_eq!(
            accepted(&with("gzip")),
            Accepted {
                br: false,
                gzip: true
            }
        );
        assert_eq!(
            accepted(&with("br;q=0, gzip")),
            Accepted {
                br: false,
                gzip: true
            }
        );
        assert_eq!(accepted(&with("*")), both);
        assert_eq!(
            accepted(&with("*;q=0.5, br;q=0")),
            Accepted {
                br: false,
                gzip: true
            }
        );
        assert_eq!(accepted(&with("identity")), Accepted::default());
        assert_eq!(accepted(&HeaderMap::new()), Accepted::default());
    }

    #[test]
    fn a_body_is_compressed_once_and_each_encoding_decodes_to_it() {
        let text = "<p>Riskreducerande insatser – våld och hot upphörde.</p>\n".repeat(200);
        let e = Encoded::new(Bytes::from(text.clone()), true);
        let (coding, br) = e.pick(&with("gzip, deflate, br"));
        assert_eq!(coding, Coding::Br);
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut out).unwrap();
        assert_eq!(out, text.as_bytes());
        let (coding, gz) = e.pick(&with("gzip"));
        assert_eq!(coding, Coding::Gzip);
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut out)
            .unwrap();
        assert_eq!(out, text);
        assert!(br.len() < text.len() / 4 && gz.len() < text.len() / 4);
        assert_eq!(e.pick(&HeaderMap::new()).0, Coding::Identity);
        // Too small, or not text: as it is.
        assert!(!Encoded::new(Bytes::from_static(b"short"), true).varies());
        assert!(!Encoded::new(Bytes::from(text), false).varies());
    }
}
