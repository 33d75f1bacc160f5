//! The page's static assets: the stylesheet, the wasm bundle with its JavaScript glue, and the
//! loader that hydrates the islands. Built assets carry a content hash in their names
//! (cargo-leptos `hash-files`), so browsers may keep them for a year.
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};

/// The loader every page references (`app/src/boot.js`).
pub const BOOT_JS: &str = include_str!("boot.js");

/// Where a page finds its assets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetUrls {
    pub css: String,
    pub js: String,
    pub wasm: String,
    /// The loader, named by the hash of its content.
    pub boot: String,
}

/// `boot.<16 hex digits of its SHA-256>.js`.
pub fn boot_file_name() -> String {
    let digest = Sha256::digest(BOOT_JS.as_bytes());
    format!("boot.{}.js", &hex::encode(digest)[..16])
}

/// The URLs of the assets under `site_root/pkg_dir`, found once per process: the hashed files
/// of the build when they are there (`ecpa.<hash>.css` …), the plain names otherwise.
pub fn urls(options: &LeptosOptions) -> &'static AssetUrls {
    // Per site folder (one in the portal; tests start servers with folders of their own).
    static URLS: OnceLock<Mutex<HashMap<String, &'static AssetUrls>>> = OnceLock::new();
    let mut known = URLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    known
        .entry(options.site_root.to_string())
        .or_insert_with(|| {
            Box::leak(Box::new(find(
                &options.site_root,
                &options.site_pkg_dir,
                &options.output_name,
            )))
        })
}

fn find(site_root: &str, pkg: &str, name: &str) -> AssetUrls {
    let dir = std::path::Path::new(site_root).join(pkg);
    let files: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    let pick = |ext: &str, plain: String| {
        files
            .iter()
            .find(|f| hashed_name(f, name, ext))
            .cloned()
            .unwrap_or(plain)
    };
    let at = |file: String| format!("/{pkg}/{file}");
    AssetUrls {
        css: at(pick("css", format!("{name}.css"))),
        js: at(pick("js", format!("{name}.js"))),
        wasm: at(pick("wasm", format!("{name}.wasm"))),
        boot: at(boot_file_name()),
    }
}

/// Whether `file` is `<name>.<hash>.<ext>`, the hash being base64url (cargo-leptos) or hex.
fn hashed_name(file: &str, name: &str, ext: &str) -> bool {
    file.strip_prefix(name)
        .and_then(|r| r.strip_prefix('.'))
        .and_then(|r| r.strip_suffix(ext))
        .and_then(|r| r.strip_suffix('.'))
        .is_some_and(is_hash)
}

/// A content hash in a file name: 16 or more characters of base64url.
pub fn is_hash(s: &str) -> bool {
    s.len() >= 16
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether a file under the package folder may be cached for good: its name carries a hash
/// (`ecpa.<hash>.wasm`, `boot.<hash>.js`, and their `.br` and `.gz` copies).
pub fn immutable(file: &str) -> bool {
    let file = file
        .strip_suffix(".br")
        .or_else(|| file.strip_suffix(".gz"))
        .unwrap_or(file);
    let mut parts = file.rsplitn(3, '.');
    let (_ext, hash) = (parts.next(), parts.next());
    parts.next().is_some() && hash.is_some_and(is_hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_assets_are_found_by_their_hashed_names() {
        let dir = tempfile_dir();
        let pkg = dir.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        for f in [
            "ecpa.Zm9vYmFyYmF6cXV4MTIzNA.css",
            "ecpa.Zm9vYmFyYmF6cXV4MTIzNA.css.br",
            "ecpa.aGVsbG8td29ybGQtMTIzNDU2.js",
            "ecpa.d2FzbS1idW5kbGUtaGFzaDEy.wasm",
            "ecpa.d2FzbS1idW5kbGUtaGFzaDEy.wasm.gz",
        ] {
            std::fs::write(pkg.join(f), "x").unwrap();
        }
        let urls = find(dir.to_str().unwrap(), "pkg", "ecpa");
        assert_eq!(urls.css, "/pkg/ecpa.Zm9vYmFyYmF6cXV4MTIzNA.css");
        assert_eq!(urls.js, "/pkg/ecpa.aGVsbG8td29ybGQtMTIzNDU2.js");
        assert_eq!(urls.wasm, "/pkg/ecpa.d2FzbS1idW5kbGUtaGFzaDEy.wasm");
        assert!(urls.boot.starts_with("/pkg/boot.") && urls.boot.ends_with(".js"));
        // Without a build (tests, development): the plain names.
        let plain = find("/nonexistent", "pkg", "ecpa");
        assert_eq!(plain.css, "/pkg/ecpa.css");
        assert_eq!(plain.wasm, "/pkg/ecpa.wasm");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn only_hashed_names_are_immutable() {
        assert!(immutable("ecpa.Zm9vYmFyYmF6cXV4MTIzNA.css"));
        assert!(immutable("ecpa.Zm9vYmFyYmF6cXV4MTIzNA.wasm.br"));
        assert!(immutable(&boot_file_name()));
        assert!(!immutable("ecpa.css"));
        assert!(!immutable("ecpa.wasm.gz"));
        assert!(!immutable("ecpa.short.js"));
        assert!(!immutable("Zm9vYmFyYmF6cXV4MTIzNA.js"));
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "ecpa-assets-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }
}

/// Set in each page's context by the shell: the asset URLs, and whether an island of the page
/// has asked for them to be preloaded yet.
#[derive(Clone)]
pub struct PageAssets {
    pub urls: &'static AssetUrls,
    preloaded: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl PageAssets {
    pub fn new(urls: &'static AssetUrls) -> Self {
        PageAssets {
            urls,
            preloaded: Default::default(),
        }
    }
}

/// Called by every island as it renders on the server: the page then tells the browser at once
/// (in its `<head>`) to fetch the wasm bundle and its glue, instead of one after the other as
/// the loader finds it needs them. A page without islands loads neither.
pub fn preload_island_code() {
    use leptos::prelude::*;
    use leptos_meta::Link;
    let Some(page) = use_context::<PageAssets>() else {
        return;
    };
    // Once per page, however many islands it has.
    if page
        .preloaded
        .swap(true, std::sync::atomic::Ordering::Relaxed)
    {
        return;
    }
    let urls = page.urls;
    let _ = view! { <Link rel="modulepreload" href=urls.js.clone()/> }.to_html();
    let _ = view! { <Link rel="preload" href=urls.wasm.clone() as_="fetch" type_="application/wasm" crossorigin="anonymous"/> }.to_html();
}
