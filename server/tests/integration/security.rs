//! What every response and request goes through, over HTTP on the real router: the security
//! headers, the Content-Security-Policy that names every inline script by its hash, the refusal of
//! cross-origin POSTs, and the limits on body size and on bodies that arrive too slowly.

use std::time::Duration;

use crate::common::{TestServer, at, sqlite};
use app::backend::demo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn demo_server(
    configure: impl FnOnce(&mut server::Config),
) -> (TestServer, crate::common::Backend) {
    let backend = sqlite().await;
    demo::seed(&backend.db).await.unwrap();
    let s = TestServer::start_with(backend.db.clone(), at(2026, 11, 25, 12, 0), configure).await;
    (s, backend)
}

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_else(|| panic!("{} has no {name}", res.url()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let (s, _db) = demo_server(|_| {}).await;
    let paths = [
        ("/", 200),
        ("/en/competitions/2022", 200),
        ("/news/rri-vinner-ecpa-2022", 200),
        ("/no-such-page", 404),
        ("/api/home", 200),
        ("/feed.atom", 200),
        ("/sitemap.xml", 200),
        ("/robots.txt", 200),
        ("/open-data/2022.json", 200),
        ("/open-data/1990.json", 404),
        ("/attachments/1", 401),
        ("/login", 200),
    ];
    for (path, status) in paths {
        let res = s
            .client
            .get(format!("{}{path}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), status, "{path}");
        assert_eq!(header(&res, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(
            header(&res, "referrer-policy"),
            "strict-origin-when-cross-origin"
        );
        assert_eq!(header(&res, "x-frame-options"), "DENY");
        assert!(
            res.headers().get("strict-transport-security").is_none(),
            "not on http"
        );
        let csp = header(&res, "content-security-policy").to_string();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        let html = header(&res, "content-type").starts_with("text/html");
        if html {
            assert_eq!(header(&res, "cache-control"), "no-cache", "{path}");
        }
        let body = res.text().await.unwrap();
        if html {
            assert_eq!(csp, server::security::page_policy(), "{path}");
            assert_inline_scripts_allowed(path, &body, &csp);
        } else {
            assert!(csp.starts_with("default-src 'none'"), "{path}: {csp}");
        }
    }
}

/// Scripts run only from this origin, or inline by a hash the policy names: no
/// `unsafe-inline`, no nonce, and every inline script of the page is one the policy allows.
pub(crate) fn assert_inline_scripts_allowed(path: &str, body: &str, csp: &str) {
    assert!(
        csp.contains("script-src 'self' 'sha256-")
            && !csp.contains("unsafe-inline")
            && !csp.contains("nonce"),
        "{path}: {csp}"
    );
    let doc = scraper::Html::parse_document(body);
    let scripts = scraper::Selector::parse("script").unwrap();
    let mut external = 0;
    for script in doc.select(&scripts) {
        assert!(script.value().attr("nonce").is_none(), "{path}: a nonce");
        if script.value().attr("src").is_some() {
            external += 1;
            continue;
        }
        let text: String = script.text().collect();
        let hash = server::security::script_hash(&text);
        assert!(
            csp.contains(&hash),
            "{path}: an inline script the policy does not allow: {text}"
        );
    }
    assert_eq!(external, 1, "{path}: the loader, from a file");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_sites_send_hsts() {
    let (s, _db) = demo_server(|c| c.base_url = "https://ecpa.example".into()).await;
    let res = s.client.get(format!("{}/", s.base)).send().await.unwrap();
    assert_eq!(
        header(&res, "strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_from_another_site_is_refused_before_it_does_anything() {
    let (s, db) = demo_server(|_| {}).await;
    let login = [
        ("email", "nobody@example.se"),
        ("password", "x"),
        ("lang", "sv"),
    ];
    let post = |path: &str, headers: &[(&'static str, String)]| {
        let mut req = s.browser().post(format!("{}{path}", s.base)).form(&login);
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        async move { req.send().await.unwrap() }
    };
    for (who, headers) in [
        (
            "another origin",
            vec![("origin", "https://evil.example".to_string())],
        ),
        ("an opaque origin", vec![("origin", "null".to_string())]),
        (
            "a look-alike host",
            vec![("origin", format!("{}.evil.example", s.base))],
        ),
        (
            "another site's page, without Origin",
            vec![("referer", "https://evil.example/form.html".to_string())],
        ),
    ] {
        for path in [
            "/api/login",
            "/api/register",
            "/unsubscribe/one-click?token=x",
        ] {
            let res = post(path, &headers).await;
            assert_eq!(res.status(), 403, "{who}: {path}");
            assert!(
                res.headers().get("set-cookie").is_none(),
                "{who}: no session"
            );
            assert!(res.text().await.unwrap().contains("another site"));
        }
    }
    // A multipart upload from elsewhere is refused too.
    let res = s
        .browser()
        .post(format!("{}/entries/1/attachments", s.base))
        .header("origin", "https://evil.example")
        .multipart(reqwest::multipart::Form::new().text("x", "y"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // From the portal's own pages, and from clients that are not browsers, it goes through
    // (and fails only as a wrong password does).
    for headers in [
        vec![("origin", s.base.clone())],
        vec![("referer", format!("{}/login", s.base))],
        vec![],
    ] {
        let res = post("/api/login", &headers).await;
        assert_ne!(res.status(), 403, "{headers:?}");
        assert!(res.status().is_client_error() || res.status().is_redirection());
    }
    // Reading is never refused.
    let res = s
        .client
        .get(format!("{}/", s.base))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    drop(db);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_and_slow_requests_are_cut_off() {
    let (s, _db) = demo_server(|c| {
        c.body_timeout = Duration::from_secs(1);
        c.header_timeout = Duration::from_secs(1);
    })
    .await;
    // A server-function body over the limit: 413 at once, from the declared length.
    let addr = s.base.trim_start_matches("http://").to_string();
    let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/preview_markdown HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\nsource=",
        server::security::MAX_FORM_BYTES + 1
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let reply = first_reply(&mut tcp, "answered without the body").await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    // Without a declared length (chunked), the limit holds as the body is read.
    let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/preview_markdown HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let chunk = format!("100000\r\n{}\r\n", "x".repeat(0x100000));
    for _ in 0..(server::security::MAX_FORM_BYTES / 0x100000 + 1) {
        // The server may stop reading (and answer) before the last chunk.
        if tcp.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let reply = first_reply(&mut tcp, "answered").await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");

    // A body that stops arriving: 408 once the timeout has passed, and the connection ends.
    let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/login HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nemail=a"
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    let mut reply = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), tcp.read_to_end(&mut reply))
        .await
        .expect("the server ends a slow request")
        .unwrap();
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    assert!(started.elapsed() >= Duration::from_millis(900));

    // Headers that trickle in (slowloris): the connection is closed after the header timeout.
    let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    tcp.write_all(format!("GET / HTTP/1.1\r\nHost: {addr}\r\n").as_bytes())
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let mut reply = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            tokio::time::sleep(Duration::from_millis(300)).await;
            // One more header line every 300 ms would keep a naive server waiting forever.
            if tcp.write_all(b"X-Slow: 1\r\n").await.is_err() {
                break;
            }
            let mut buf = [0u8; 512];
            match tokio::time::timeout(Duration::from_millis(10), tcp.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => break,
                Ok(Ok(n)) => reply.extend_from_slice(&buf[..n]),
                Err(_) => {}
            }
        }
    })
    .await;
    assert!(
        closed.is_ok(),
        "the server kept a slow client's connection open"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    let reply = String::from_utf8_lossy(&reply);
    assert!(
        reply.is_empty() || reply.starts_with("HTTP/1.1 408"),
        "{reply}"
    );

    // The same request sent at once is answered normally.
    let res = s
        .browser()
        .post(format!("{}/api/login", s.base))
        .form(&[("email", "a@b.se"), ("password", "x"), ("lang", "sv")])
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), 408);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_pages_and_routes_that_say_they_are_public_are_kept() {
    // Each public page and route marks itself; the cache keeps only what is marked, and the
    // mark never reaches the browser.
    let (s, _db) = demo_server(|_| {}).await;
    let twice = |path: &'static str| {
        let url = format!("{}{path}", s.base);
        let client = s.browser();
        async move {
            let first = client.get(&url).send().await.unwrap();
            assert!(
                first
                    .headers()
                    .get(app::backend::public_changes::SHARED_COPY)
                    .is_none(),
                "{path}: the mark is taken off"
            );
            let second = client.get(&url).send().await.unwrap();
            assert!(
                second
                    .headers()
                    .get(app::backend::public_changes::SHARED_COPY)
                    .is_none()
            );
            (
                second.status().as_u16(),
                second.headers().get("x-cache").is_some(),
            )
        }
    };
    for path in [
        "/",
        "/en",
        "/competitions/2022",
        "/en/competitions/2022",
        "/archive",
        "/news",
        "/news/rri-vinner-ecpa-2022",
        "/en/events",
        "/accessibility",
        "/feed.atom",
        "/en/feed.atom",
        "/sitemap.xml",
        "/open-data/2022.json",
    ] {
        let (status, hit) = twice(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(hit, "{path} is served from memory the second time");
    }
    for path in [
        "/login",
        "/register",
        "/subscribe",
        "/forgot-password",
        "/competitions/2022/x",
        "/en/sitemap.xml",
        "/robots.txt",
        "/api/home",
        "/account",
        "/admin/news",
    ] {
        let (_, hit) = twice(path).await;
        assert!(!hit, "{path} is rendered for each visitor");
    }
    drop(s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_pages_come_from_memory_until_something_public_changes() {
    use app::backend::publication::news;
    let (s, db) = demo_server(|_| {}).await;
    let get = |client: reqwest::Client, path: &'static str| {
        let url = format!("{}{path}", s.base);
        async move {
            let res = client.get(url).send().await.unwrap();
            let hit = res.headers().get("x-cache").is_some();
            let csp = header(&res, "content-security-policy").to_string();
            (hit, csp, res.text().await.unwrap())
        }
    };
    let (hit, csp1, first) = get(s.browser(), "/news").await;
    assert!(!hit, "the first visitor has the page rendered");
    let (hit, csp2, second) = get(s.browser(), "/news").await;
    assert!(hit, "the next one gets the copy");
    assert_eq!(csp1, csp2);
    assert_eq!(first, second, "the same bytes for every visitor");
    // Not for signed-in visitors, and not with a query.
    let admin_id =
        crate::people::person(&db.db, "admin@bra.se", None, &[app::model::Role::Admin]).await;
    let admin = {
        let c = s.browser();
        let res = c
            .post(format!("{}/api/login", s.base))
            .form(&[
                ("email", "admin@bra.se"),
                ("password", crate::people::PASSWORD),
                ("lang", "sv"),
            ])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_redirection() || res.status().is_success());
        c
    };
    assert!(!get(admin.clone(), "/news").await.0);
    let res = s
        .browser()
        .get(format!("{}/news?x=1", s.base))
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("x-cache").is_none());

    // A press release published through the service is on the next anonymous view.
    let now = app::backend::Clock::now(s.clock.as_ref());
    let actor = crate::jury::actor(&db.db, admin_id).await;
    let form = app::model::NewsForm {
        kind: "news".into(),
        title_sv: "Nyhet efter cachen".into(),
        summary_sv: "Ingress".into(),
        body_sv: "Text".into(),
        publish: "now".into(),
        ..Default::default()
    };
    news::save(&db.db, &s.public, &actor, (0, 0), form.clone(), now)
        .await
        .unwrap();
    let (hit, _, page) = get(s.browser(), "/news").await;
    assert!(!hit && page.contains("Nyhet efter cachen"));
    // One scheduled for later appears when the clock gets there, without any write.
    let later = now + chrono::Duration::minutes(5);
    let mut scheduled = form;
    scheduled.title_sv = "Schemalagd nyhet".into();
    scheduled.publish = "schedule".into();
    scheduled.publish_at = app::backend::clock::local_input(Some(later));
    news::save(&db.db, &s.public, &actor, (0, 0), scheduled, now)
        .await
        .unwrap();
    let (_, _, page) = get(s.browser(), "/news").await;
    assert!(!page.contains("Schemalagd nyhet"));
    assert!(get(s.browser(), "/news").await.0, "cached again");
    s.clock.set(later);
    let (hit, _, page) = get(s.browser(), "/news").await;
    assert!(
        !hit && page.contains("Schemalagd nyhet"),
        "the copy expired at its time"
    );
    drop(admin);
}

/// Many renders at once, with the browser's requests for the stylesheet and scripts in between,
/// anonymous and signed in (a query string keeps the page cache out of it): every HTML answer
/// carries the page policy, never the one for files (`sandbox`, `default-src 'none'`), which
/// would block the page's styles and scripts. Before the fix about one in ten did. And nothing
/// of one answer reaches another: each has its own status and type. Without
/// `server::isolate_owner` a file that Leptos' handler serves took the status of another
/// request's page now and then (a 401 for a text file), through the reactive owner that page
/// left on the worker thread.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_html_answer_has_the_page_policy_under_concurrent_renders() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/ecpa.css"), "body { color: black }").unwrap();
    // A file in the site folder outside /pkg: Leptos' own file handler serves it.
    std::fs::write(site.path().join("humans.txt"), "Brå").unwrap();
    let root = site.path().display().to_string();
    let (s, db) = demo_server(|c| c.site_root = root).await;
    crate::people::person(&db.db, "reader@bra.se", None, &[app::model::Role::Admin]).await;
    let signed_in = crate::people::signed_in(&s, "reader@bra.se").await;
    const PATHS: [&str; 13] = [
        "/",
        "/pkg/ecpa.css",
        "/humans.txt",
        "/en",
        "/archive",
        "/en/archive",
        "/competitions/2022",
        "/news",
        "/events",
        "/accessibility",
        "/no-such-page",
        "/admin/competitions",
        "/pkg/ecpa.css",
    ];
    let mut tasks = Vec::new();
    for worker in 0..24 {
        let admin = worker % 4 == 0;
        let client = if admin {
            signed_in.clone()
        } else {
            s.browser()
        };
        let base = s.base.clone();
        tasks.push(tokio::spawn(async move {
            let mut wrong = Vec::new();
            let mut html = 0;
            for i in 0..60 {
                let path = PATHS[(worker + i) % PATHS.len()];
                let file = path.starts_with("/pkg") || path.ends_with(".txt");
                let query = if file {
                    String::new()
                } else {
                    format!("?n={i}")
                };
                let res = client
                    .get(format!("{base}{path}{query}"))
                    .send()
                    .await
                    .unwrap();
                let header = |name: &str| {
                    res.headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_string()
                };
                let (csp, content_type) =
                    (header("content-security-policy"), header("content-type"));
                let is_html = content_type.starts_with("text/html");
                let status = res.status().as_u16();
                let _ = res.bytes().await.unwrap();
                // Nothing of one answer leaks into another: each has its own status and type.
                let expected = match path {
                    "/no-such-page" => 404,
                    "/admin/competitions" if !admin => 401,
                    _ => 200,
                };
                if status != expected {
                    wrong.push(format!("{path}: status {status}"));
                }
                let expected_type = match path {
                    "/humans.txt" => "text/plain",
                    p if p.starts_with("/pkg") => "text/css",
                    _ => "text/html",
                };
                if !content_type.starts_with(expected_type) {
                    wrong.push(format!("{path}: {content_type}"));
                }
                if is_html {
                    html += 1;
                    if !csp.contains("script-src 'self'") || csp.contains("sandbox") {
                        wrong.push(format!("{path}: {csp}"));
                    }
                }
            }
            (html, wrong)
        }));
    }
    let mut html = 0;
    let mut wrong = Vec::new();
    for t in tasks {
        let (h, w) = t.await.unwrap();
        html += h;
        wrong.extend(w);
    }
    assert!(html >= 1_000, "{html} HTML loads");
    assert!(
        wrong.is_empty(),
        "{} wrong answers (policy, status or type) among {html} HTML loads and the files between them: {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_has_a_request_id_of_its_own() {
    let (s, _db) = demo_server(|_| {}).await;
    let mut ids = Vec::new();
    for path in ["/", "/", "/no-such-page", "/feed.atom"] {
        let res = s
            .client
            .get(format!("{}{path}", s.base))
            // Not a trusted proxy: a client cannot choose the id its request is logged under.
            .header("x-request-id", "chosen-by-the-client")
            .send()
            .await
            .unwrap();
        let id = header(&res, "x-request-id").to_string();
        assert_eq!(id.len(), 36, "{path}: a UUID, got {id:?}");
        assert_eq!(id.matches('-').count(), 4, "{path}: a UUID, got {id:?}");
        ids.push(id);
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "each request its own id: {ids:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_its_request_id_is_kept() {
    let (s, _db) = demo_server(|c| c.trust_forwarded = true).await;
    let res = s
        .client
        .get(format!("{}/", s.base))
        .header("x-request-id", "proxy-7f3a")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&res, "x-request-id"), "proxy-7f3a");
}

/// The first bytes the server answers on `tcp` within five seconds, as text.
async fn first_reply(tcp: &mut tokio::net::TcpStream, what: &str) -> String {
    let mut reply = vec![0u8; 1024];
    let n = tokio::time::timeout(Duration::from_secs(5), tcp.read(&mut reply))
        .await
        .expect(what)
        .unwrap();
    String::from_utf8_lossy(&reply[..n]).to_string()
}
