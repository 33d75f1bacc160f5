//! An entry's reading copy: a tagged PDF of the version the jury judges, for the entry's
//! organisation, the organiser and the jurors who may score it, and for nobody else. Over
//! HTTP, on SQLite and PostgreSQL.

use crate::common::{TestServer, on_each_backend};
use crate::dossier::{fold, pdf_text};
use crate::entries::complete;
use crate::jury::jury;
use crate::people::signed_in;
use app::backend::entities::entry;
use app::backend::entries::applicant;
use app::backend::jury as judging;
use app::i18n::Lang;
use app::model::{EntryDraft, SECTIONS, Sections};
use chrono::Duration;
use lopdf::{Dictionary, Document, Object};
use sea_orm::EntityTrait;

/// The structure types of a tagged PDF's tree, in reading order: `H1`, `P`, `L`, `LI`, ….
fn structure(bytes: &[u8]) -> (Option<String>, Vec<String>) {
    let doc = Document::load_mem(bytes).expect("a readable PDF");
    let catalog = doc.catalog().unwrap();
    let lang = catalog
        .get(b"Lang")
        .ok()
        .and_then(|l| l.as_str().ok())
        .map(|l| String::from_utf8_lossy(l).to_string());
    let marked = catalog
        .get(b"MarkInfo")
        .and_then(|m| doc.dereference(m))
        .and_then(|(_, m)| m.as_dict())
        .and_then(|m| m.get(b"Marked"))
        .and_then(Object::as_bool)
        .unwrap_or(false);
    assert!(marked, "the PDF says it is tagged");
    let mut kinds = Vec::new();
    fn walk(doc: &Document, o: &Object, kinds: &mut Vec<String>, depth: usize) {
        assert!(depth < 64, "the structure tree is a tree");
        let Ok((_, o)) = doc.dereference(o) else {
            return;
        };
        match o {
            Object::Array(items) => {
                for i in items {
                    walk(doc, i, kinds, depth + 1);
                }
            }
            Object::Dictionary(d) => node(doc, d, kinds, depth),
            _ => {}
        }
    }
    fn node(doc: &Document, d: &Dictionary, kinds: &mut Vec<String>, depth: usize) {
        if let Ok(s) = d.get(b"S").and_then(Object::as_name) {
            kinds.push(String::from_utf8_lossy(s).to_string());
        }
        if let Ok(k) = d.get(b"K") {
            walk(doc, k, kinds, depth + 1);
        }
    }
    let root = catalog.get(b"StructTreeRoot").expect("a structure tree");
    walk(&doc, root, &mut kinds, 0);
    (lang, kinds)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entrys_reading_copy_is_the_judged_version_for_those_who_may_read_it() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let e0 = j.entries[0];
        // After submitting, the applicant changed the draft without sending it again: the
        // copy is what the jury reads, the submitted version.
        let open = j.judging - Duration::days(20);
        let revision = entry::Entity::find_by_id(e0)
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .revision;
        let unsent = EntryDraft {
            title: "Inte inskickad".into(),
            ..complete()
        };
        applicant::save(&db, &j.applicant, e0, revision, unsent, open)
            .await
            .unwrap();
        let now = j.judging + Duration::days(1);
        judging::declare_conflict(&db, &j.j3, e0, j.j3.user_id, "Jäv", now)
            .await
            .unwrap();
        let reference = entry::Entity::find_by_id(e0)
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .reference;

        let s = TestServer::start(db.clone(), now).await;
        let url = |lang: &str| format!("{}{lang}/entries/{e0}/reading-copy.pdf", s.base);
        let applicant = signed_in(&s, "app0@example.se").await;
        let res = applicant.get(url("")).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}");
        let header = |h: &str| res.headers()[h].to_str().unwrap().to_string();
        assert_eq!(header("content-type"), "application/pdf");
        assert!(
            header("content-disposition")
                .starts_with(&format!("inline; filename=\"lasexemplar-{reference}.pdf\"")),
            "{name}: shown in the browser, named for the entry"
        );
        assert_eq!(header("cache-control"), "private, no-store");
        let bytes = res.bytes().await.unwrap();
        let text = pdf_text(&bytes);
        let draft = complete();
        for key in SECTIONS {
            assert!(
                text.contains(&fold(draft.section(key))),
                "{name}: the copy lacks {key}"
            );
        }
        for (i, heading) in Lang::Sv.e().sections.iter().enumerate() {
            assert!(text.contains(heading), "{name}: heading {i} {heading:?}");
        }
        for expected in [
            "Projekt 0",
            &format!("ECPA 2027 · {reference} · Inskickad version 1,"),
            "Anna Andersson, Projektledare, anna@polisen.se",
            "Rapport – https://example.se/rapport.pdf",
            "Saknas ännu på engelska",
            "Bilagor (Stödmaterial)",
        ] {
            assert!(
                text.contains(expected),
                "{name}: lacks {expected:?} in {text}"
            );
        }
        assert!(
            !text.contains("Inte inskickad"),
            "{name}: the unsent draft is not the copy"
        );

        // Tagged: the document's language, its headings, paragraphs and lists as such.
        let (lang, kinds) = structure(&bytes);
        assert_eq!(lang.as_deref(), Some("sv"), "{name}");
        for kind in ["H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody"] {
            assert!(
                kinds.iter().any(|k| k == kind),
                "{name}: no {kind} in {kinds:?}"
            );
        }
        assert_eq!(
            kinds.iter().filter(|k| *k == "H1").count(),
            1,
            "{name}: one title"
        );

        // The same copy with its headings in English.
        let res = applicant.get(url("/en")).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}");
        let bytes = res.bytes().await.unwrap();
        let text = pdf_text(&bytes);
        for heading in Lang::En.e().sections {
            assert!(text.contains(heading), "{name}: {heading:?} in English");
        }
        assert!(text.contains("Submitted version 1,"), "{name}");
        assert!(
            text.contains(&fold(draft.section("evaluation"))),
            "{name}: the entry's own text stays Swedish"
        );
        assert_eq!(structure(&bytes).0.as_deref(), Some("en"), "{name}");

        // The organiser and a juror who may score it read it; a juror with a conflict of
        // interest, another organisation's applicant and an anonymous visitor do not.
        for (who, expected) in [
            ("admin@bra.se", 200),
            ("chair@bra.se", 200),
            ("j3@bra.se", 404),
            ("app1@example.se", 404),
        ] {
            let c = signed_in(&s, who).await;
            let status = c.get(url("")).send().await.unwrap().status().as_u16();
            assert_eq!(status, expected, "{name}: {who}");
        }
        let status = s.browser().get(url("")).send().await.unwrap();
        assert_eq!(status.status().as_u16(), 401, "{name}: anonymous");
        let missing = format!("{}/entries/999999/reading-copy.pdf", s.base);
        let c = signed_in(&s, "admin@bra.se").await;
        assert_eq!(c.get(missing).send().await.unwrap().status().as_u16(), 404);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_never_submitted_is_copied_as_a_draft_and_says_so() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        // A fifth organisation starts an entry while the year is open and never submits it.
        let open = j.judging - Duration::days(20);
        let id = crate::people::person(
            &db,
            "utkast@example.se",
            Some("Älvdalens kommun"),
            &[app::model::Role::Applicant],
        )
        .await;
        let a = crate::jury::actor(&db, id).await;
        let e = applicant::start(&db, &a, j.year, a.organisations[0], open)
            .await
            .unwrap();
        let draft = EntryDraft {
            title: "Trygghetsvandringar i Älvdalen".into(),
            sections: Sections {
                evaluation: "Ännu inte utvärderat.".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        applicant::save(&db, &a, e, 1, draft, open).await.unwrap();
        let s = TestServer::start(db.clone(), j.judging).await;
        let c = signed_in(&s, "utkast@example.se").await;
        let res = c
            .get(format!("{}/entries/{e}/reading-copy.pdf", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}");
        let text = pdf_text(&res.bytes().await.unwrap());
        for expected in [
            "Trygghetsvandringar i Älvdalen",
            "Utkast som inte är inskickat",
            "Ännu inte utvärderat.",
            "Inga bilagor",
        ] {
            assert!(
                text.contains(expected),
                "{name}: lacks {expected:?} in {text}"
            );
        }
        // Jurors never read a draft.
        let chair = signed_in(&s, "chair@bra.se").await;
        let res = chair
            .get(format!("{}/entries/{e}/reading-copy.pdf", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 404, "{name}");
    })
    .await;
}
