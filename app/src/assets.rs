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
    /// With a split build (`--split`, lazy islands): the split loader's glue, and each
    /// island's code chunks, by the island's name in snake case (`entry_form`).
    pub split_js: Option<String>,
    pub island_chunks: HashMap<String, Vec<String>>,
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
    let split_js = files
        .iter()
        .find(|f| f.starts_with("__wasm_split.") && f.ends_with(".js"))
        .cloned();
    // `{"entry_form_loader_<n>": ["chunk_3.<hash>", …, "split_entry_form_loader_<n>.<hash>"]}`
    let manifest: HashMap<String, Vec<String>> = files
        .iter()
        .find(|f| f.starts_with("__wasm_split_manifest") && f.ends_with(".json"))
        .and_then(|f| std::fs::read_to_string(dir.join(f)).ok())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let island_chunks = manifest
        .into_iter()
        .filter_map(|(key, chunks)| {
            let island = key.split("_loader_").next()?.to_string();
            Some((
                island,
                chunks
                    .into_iter()
                    .map(|c| at(format!("{c}.wasm")))
                    .collect(),
            ))
        })
        .collect();
    AssetUrls {
        css: at(pick("css", format!("{name}.css"))),
        js: at(pick("js", format!("{name}.js"))),
        wasm: at(pick("wasm", format!("{name}.wasm"))),
        boot: at(boot_file_name()),
        split_js: split_js.map(at),
        island_chunks,
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

/// Set in each page's context by the shell: the asset URLs, and what the page's islands have
/// asked to be preloaded so far.
#[derive(Clone)]
pub struct PageAssets {
    pub urls: &'static AssetUrls,
    preloaded: std::sync::Arc<Mutex<std::collections::HashSet<String>>>,
}

impl PageAssets {
    pub fn new(urls: &'static AssetUrls) -> Self {
        PageAssets {
            urls,
            preloaded: Default::default(),
        }
    }
}

/// Called by every island as it renders on the server, with its name in snake case: the page
/// then tells the browser at once (in its `<head>`) to fetch the wasm bundle, its glue and the
/// island's own code, instead of one after another as the loader finds it needs them. A page
/// without islands loads none of it.
pub fn preload_island_code(island: &str) {
    use leptos::prelude::*;
    use leptos_meta::Link;
    let Some(page) = use_context::<PageAssets>() else {
        return;
    };
    let urls = page.urls;
    let mut wanted: Vec<(bool, String)> = vec![(true, urls.js.clone()), (false, urls.wasm.clone())];
    if let Some(split) = &urls.split_js {
        wanted.push((true, split.clone()));
    }
    for chunk in urls.island_chunks.get(island).into_iter().flatten() {
        wanted.push((false, chunk.clone()));
    }
    let mut done = page.preloaded.lock().unwrap_or_else(|e| e.into_inner());
    for (module, href) in wanted {
        if !done.insert(href.clone()) {
            continue;
        }
        let _ = if module {
            view! { <Link rel="modulepreload" href=href/> }.to_html()
        } else {
            view! { <Link rel="preload" href=href as_="fetch" type_="application/wasm" crossorigin="anonymous"/> }.to_html()
        };
    }
}
