//! What a browser gets for a page's assets and for cached pages, over HTTP on the real router:
//! hashed assets kept for a year and sent precompressed, the loader compressed once, and each
//! cached public page compressed once and sent in the encoding the browser asks for.
use crate::common::{TestServer, at, sqlite};
use app::backend::demo;

fn header<'a>(res: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    res.headers().get(name).and_then(|v| v.to_str().ok())
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).expect("brotli");
    out
}

fn ungzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out).expect("gzip");
    out
}

const WASM: &str = "ecpa.d2FzbS1idW5kbGUtaGFzaDEy.wasm";

/// A site folder as the release build leaves it: hashed names, with `.br` and `.gz` copies.
fn built_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let wasm = b"\0asm fake module bytes ".repeat(100);
    std::fs::write(pkg.join(WASM), &wasm).unwrap();
    let mut br = Vec::new();
    brotli::BrotliCompress(&mut &wasm[..], &mut br, &Default::default()).unwrap();
    std::fs::write(pkg.join(format!("{WASM}.br")), br).unwrap();
    std::fs::write(
        pkg.join("ecpa.Zm9vYmFyYmF6cXV4MTIzNA.css"),
        "main { color: #222 }",
    )
    .unwrap();
    std::fs::write(pkg.join("ecpa.css"), "main { color: #222 }").unwrap();
    site
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hashed_assets_are_kept_for_a_year_and_sent_precompressed() {
    let backend = sqlite().await;
    demo::seed(&backend.db).await.unwrap();
    let site = built_site();
    let root = site.path().display().to_string();
    let s = TestServer::start_with(backend.db.clone(), at(2026, 11, 25, 12, 0), |c| {
        c.site_root = root
    })
    .await;
    // The page names the hashed files, and the loader by its own hash.
    let (_, page) = s.get("/").await;
    assert!(
        page.contains("href=\"/pkg/ecpa.Zm9vYmFyYmF6cXV4MTIzNA.css\""),
        "{page}"
    );
    assert!(page.contains(&format!("data-wasm=\"/pkg/{WASM}\"")));
    let boot = format!("/pkg/{}", app::assets::boot_file_name());
    assert!(page.contains(&format!("src=\"{boot}\"")));
    // A public page has no island, so it asks for no wasm; a page with two islands (the news
    // editor's two Markdown fields) asks for the bundle and its glue once each.
    assert!(!page.contains("preload"), "{page}");
    crate::people::person(
        &backend.db,
        "assets@bra.se",
        None,
        &[app::model::Role::Admin],
    )
    .await;
    let admin = crate::people::signed_in(&s, "assets@bra.se").await;
    let editor = crate::common::page_text(&admin, &format!("{}/admin/news/new", s.base)).await;
    assert_eq!(editor.matches("<leptos-island").count(), 2, "{editor}");
    assert_eq!(editor.matches("rel=\"modulepreload\"").count(), 1);
    assert_eq!(editor.matches("rel=\"preload\"").count(), 1);
    // Each file is named twice: by the loader's script tag and by its preload.
    assert_eq!(editor.matches(&format!("\"/pkg/{WASM}\"")).count(), 2);
    assert_eq!(editor.matches("\"/pkg/ecpa.js\"").count(), 2, "{editor}");

    let get = |path: String, encoding: Option<&'static str>| {
        let mut req = s.browser().get(format!("{}{path}", s.base));
        if let Some(e) = encoding {
            req = req.header("accept-encoding", e);
        }
        async move { req.send().await.unwrap() }
    };
    let res = get(format!("/pkg/{WASM}"), Some("gzip, deflate, br")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        header(&res, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        header(&res, "content-encoding"),
        Some("br"),
        "the build's .br file"
    );
    assert_eq!(header(&res, "content-type"), Some("application/wasm"));
    let body = res.bytes().await.unwrap();
    assert_eq!(unbrotli(&body), b"\0asm fake module bytes ".repeat(100));
    // Without brotli: the plain file (compressed on the fly when gzip is asked for).
    let res = get(format!("/pkg/{WASM}"), None).await;
    assert!(header(&res, "content-encoding").is_none());
    assert_eq!(res.bytes().await.unwrap().len(), 2300);

    // The loader: compressed once, kept for good, a module that marks the page hydrated.
    let res = get(boot.clone(), Some("br")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        header(&res, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        header(&res, "content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(header(&res, "content-encoding"), Some("br"));
    let text = String::from_utf8(unbrotli(&res.bytes().await.unwrap())).unwrap();
    assert_eq!(text, app::assets::BOOT_JS);
    assert!(text.contains("data-hydrated"));

    // A name without a hash may change: it is revalidated, and a missing file is a 404.
    let res = get("/pkg/ecpa.css".into(), None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "cache-control"), Some("no-cache"));
    let res = get("/pkg/ecpa.Zm9vYmFyYmF6cXV4MTIzNQ.js".into(), None).await;
    assert_eq!(res.status(), 404);
    assert_eq!(header(&res, "cache-control"), Some("no-cache"));
    drop(s);
    backend.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cached_page_is_compressed_once_and_sent_as_the_browser_asks() {
    let backend = sqlite().await;
    demo::seed(&backend.db).await.unwrap();
    let s = TestServer::start(backend.db.clone(), at(2026, 11, 25, 12, 0)).await;
    let get = |encoding: Option<&'static str>| {
        let mut req = s.browser().get(format!("{}/competitions/2022", s.base));
        if let Some(e) = encoding {
            req = req.header("accept-encoding", e);
        }
        async move {
            let res = req.send().await.unwrap();
            let hit = header(&res, "x-cache").is_some();
            let coding = header(&res, "content-encoding").map(str::to_string);
            let vary = header(&res, "vary").map(str::to_string);
            (hit, coding, vary, res.bytes().await.unwrap())
        }
    };
    // The first visitor's render is stored; everyone after gets the copy.
    let (hit, coding, _, plain) = get(None).await;
    assert!(!hit && coding.is_none());
    let page = String::from_utf8(plain.to_vec()).unwrap();
    assert!(page.contains("Riskreducerande insatser"));
    let (hit, coding, vary, br) = get(Some("gzip, deflate, br, zstd")).await;
    assert!(hit);
    assert_eq!(coding.as_deref(), Some("br"));
    assert_eq!(vary.as_deref(), Some("accept-encoding"));
    assert_eq!(unbrotli(&br), plain, "the same page, compressed");
    assert!(
        br.len() * 2 < plain.len(),
        "{} of {}",
        br.len(),
        plain.len()
    );
    let (_, _, _, br_again) = get(Some("br")).await;
    assert_eq!(
        br_again, br,
        "compressed once: the same bytes for every visitor"
    );
    let (hit, coding, _, gz) = get(Some("gzip")).await;
    assert!(hit);
    assert_eq!(coding.as_deref(), Some("gzip"));
    assert_eq!(ungzip(&gz), plain);
    let (hit, coding, _, same) = get(Some("identity")).await;
    assert!(hit && coding.is_none());
    assert_eq!(same, plain);
    // A HEAD asks nothing to be stored, and leaves the copy whole.
    let res = s
        .browser()
        .head(format!("{}/archive", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (_, archive) = s.get("/archive").await;
    assert!(archive.contains("ECPA 2022"), "not an empty copy");
    drop(s);
    backend.finish().await;
}

/// When a copy is missing (first visit, expiry, a public change) and many visitors come at once,
/// one of them renders and compresses the page and the others get that copy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_visitors_at_once_cost_one_render() {
    let backend = sqlite().await;
    demo::seed(&backend.db).await.unwrap();
    let s = TestServer::start(backend.db.clone(), at(2026, 11, 25, 12, 0)).await;
    // Each server has its own generation, so no other test's change can step in: every round
    // must cost exactly one render.
    for round in 0..3 {
        // A public change: every copy is stale.
        s.public.bump();
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let c = s.browser();
                let url = format!("{}/competitions/2022", s.base);
                tokio::spawn(async move {
                    let res = c
                        .get(url)
                        .header("accept-encoding", "br")
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(res.status(), 200);
                    let hit = res.headers().get("x-cache").is_some();
                    let br = res.bytes().await.unwrap();
                    (hit, br)
                })
            })
            .collect();
        let mut rendered = 0;
        let mut bodies = std::collections::HashSet::new();
        for t in tasks {
            let (hit, body) = t.await.unwrap();
            rendered += usize::from(!hit);
            bodies.insert(body);
        }
        assert_eq!(rendered, 1, "round {round}: one render for 32 visitors");
        assert_eq!(bodies.len(), 1, "and one copy");
    }
    drop(s);
    backend.finish().await;
}
