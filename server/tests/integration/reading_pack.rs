//! A juror's reading pack: their entries of a round in one PDF, with a table of contents and
//! bookmarks, and those entries' attachments in one zip; never an entry they stand aside from,
//! and nothing for anyone outside the jury. Over HTTP in sv and en, on SQLite and PostgreSQL.

use crate::common::{TestServer, on_each_backend, page_text};
use crate::dossier::{fold, pdf_text};
use crate::gdpr::unpacked;
use crate::jury::jury;
use crate::matrix::PDF;
use crate::people::signed_in;
use app::backend::entities::entry;
use app::backend::entries::attachments;
use app::backend::jury as judging;
use chrono::Duration;
use lopdf::{Document, Object};
use sea_orm::EntityTrait;

/// The titles of a PDF's bookmarks, top level, in order.
fn bookmarks(bytes: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(bytes).expect("a readable PDF");
    let outlines = doc.catalog().unwrap().get(b"Outlines").expect("bookmarks");
    let (_, outlines) = doc.dereference(outlines).unwrap();
    let mut next = outlines.as_dict().unwrap().get(b"First").ok().cloned();
    let mut titles = Vec::new();
    while let Some(at) = next {
        let (_, item) = doc.dereference(&at).unwrap();
        let item = item.as_dict().unwrap();
        let title = match item.get(b"Title").unwrap() {
            Object::String(bytes, _) => lopdf::decode_text_string(&Object::String(
                bytes.clone(),
                lopdf::StringFormat::Literal,
            ))
            .unwrap(),
            other => panic!("{other:?}"),
        };
        titles.push(title);
        next = item.get(b"Next").ok().cloned();
        assert!(titles.len() < 100);
    }
    titles
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_juror_s_reading_pack_holds_their_entries_and_nothing_else() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let s = TestServer::start(db.clone(), now).await;
        // Entry 0 has two files of the same name; the third juror stands aside from it.
        let open = j.judging - Duration::days(100);
        for _ in 0..2 {
            attachments::upload(
                &db,
                &j.applicant,
                s.uploads.path(),
                j.entries[0],
                "plan.pdf",
                PDF.to_vec(),
                open,
            )
            .await
            .unwrap();
        }
        judging::declare_conflict(&db, &j.j3, j.entries[0], j.j3.user_id, "Jäv", now)
            .await
            .unwrap();
        let mut references = Vec::new();
        for id in &j.entries {
            references.push(
                entry::Entity::find_by_id(*id)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap()
                    .reference,
            );
        }
        let year = j.year;

        // The juror's pack: every entry of theirs, each title in the contents and as a bookmark.
        let juror = signed_in(&s, "j2@bra.se").await;
        let res = juror
            .get(format!("{}/jury/{year}/reading-pack.pdf", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}");
        let header = |h: &str| res.headers()[h].to_str().unwrap().to_string();
        assert_eq!(header("content-type"), "application/pdf");
        assert!(
            header("content-disposition").starts_with("attachment; filename=\"laspaket-2027.pdf\""),
            "{name}"
        );
        assert_eq!(header("cache-control"), "private, no-store");
        let bytes = res.bytes().await.unwrap();
        let text = pdf_text(&bytes);
        assert!(
            text.starts_with("Läspaket, ECPA 2027 Bidrag: 4 · som de senast skickades in Innehåll"),
            "{name}: {text}"
        );
        // The contents name each entry with the page it starts on, rightly; the entries follow
        // in order.
        let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
        let mut at = 0;
        for (i, reference) in references.iter().enumerate() {
            let title = format!("Projekt {i}");
            let line = format!("{title} · {reference} · sidan ");
            let listed = text.find(&line).unwrap_or_else(|| panic!("{name}: {text}"));
            let page: usize = text[listed + line.len()..]
                .split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{name}: no page number for {title}"));
            assert!(
                fold(&pages[page - 1]).starts_with(&title),
                "{name}: {title} is said to start on page {page}: {:?}",
                pages[page - 1]
            );
            // Each entry from its own first page: its title, then what its reading copy starts with.
            let start = format!("ECPA 2027 · {reference} · Inskickad version 1");
            let chapter = at
                + text[at..]
                    .find(&start)
                    .unwrap_or_else(|| panic!("{title}: {text}"));
            assert!(
                text[..chapter].trim_end().ends_with(&title),
                "{name}: {title}"
            );
            at = chapter + 1;
        }
        assert!(text.contains("Utvärdering och resultat"), "{name}");
        assert_eq!(
            bookmarks(&bytes),
            vec!["Projekt 0", "Projekt 1", "Projekt 2", "Projekt 3"],
            "{name}"
        );

        // Their attachments: a folder per entry, a repeated name numbered.
        let res = juror
            .get(format!("{}/jury/{year}/reading-pack.zip", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}");
        assert_eq!(res.headers()["content-type"], "application/zip");
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"laspaket-2027.zip\""),
            "{name}"
        );
        assert_eq!(res.headers()["cache-control"], "private, no-store");
        let files = unpacked(&res.bytes().await.unwrap());
        assert_eq!(
            files.keys().cloned().collect::<Vec<_>>(),
            vec![
                format!("{}/plan (2).pdf", references[0]),
                format!("{}/plan.pdf", references[0])
            ],
            "{name}"
        );
        assert!(files.values().all(|b| b.as_slice() == PDF));

        // The juror who stands aside from entry 0 finds nothing of it.
        let conflicted = signed_in(&s, "j3@bra.se").await;
        let bytes = conflicted
            .get(format!("{}/jury/{year}/reading-pack.pdf", s.base))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let text = pdf_text(&bytes);
        assert!(
            text.contains("Bidrag: 3 ") && text.contains("Projekt 1"),
            "{name}: {text}"
        );
        assert!(
            !text.contains("Projekt 0") && !text.contains(&references[0]),
            "{name}: {text}"
        );
        assert_eq!(
            bookmarks(&bytes),
            vec!["Projekt 1", "Projekt 2", "Projekt 3"]
        );
        let res = conflicted
            .get(format!("{}/jury/{year}/reading-pack.zip", s.base))
            .send()
            .await
            .unwrap();
        assert!(unpacked(&res.bytes().await.unwrap()).is_empty(), "{name}");

        // In English, as the English page links it.
        let res = juror
            .get(format!("{}/jury/{year}/reading-pack.pdf?lang=en", s.base))
            .send()
            .await
            .unwrap();
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("reading-pack-2027.pdf")
        );
        let text = pdf_text(&res.bytes().await.unwrap());
        assert!(
            text.starts_with("Reading pack, ECPA 2027 Entries: 4 · as last submitted Contents"),
            "{name}: {text}"
        );
        assert!(
            text.contains(&format!("Projekt 1 · {} · page ", references[1])),
            "{name}: {text}"
        );

        // The juror's page links to both, in its language.
        let html = page_text(&juror, format!("{}/jury/{year}", s.base))
            .await
            .replace("<!>", "");
        assert!(
            html.contains("href=\"/jury/2027/reading-pack.pdf\""),
            "{name}: {html}"
        );
        assert!(
            html.contains("href=\"/jury/2027/reading-pack.zip\""),
            "{name}"
        );
        let html = page_text(&juror, format!("{}/en/jury/{year}", s.base))
            .await
            .replace("<!>", "");
        assert!(
            html.contains("href=\"/jury/2027/reading-pack.pdf?lang=en\""),
            "{name}: {html}"
        );
        assert!(
            html.contains("href=\"/jury/2027/reading-pack.zip?lang=en\""),
            "{name}"
        );
    })
    .await;
}
