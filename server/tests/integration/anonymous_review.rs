//! Anonymised review: a round whose jurors see neither the organisation nor its contacts, on
//! any of their pages, in the reading copy and pack, or in an attachment's name or metadata,
//! while the organiser and the applicant see everything. Over HTTP, on SQLite and PostgreSQL.

use crate::common::{TestServer, on_each_backend, page_text};
use crate::dossier::pdf_text;
use crate::gdpr::unpacked;
use crate::jury::{jury, sheet};
use crate::people::signed_in;
use app::backend::entries::{applicant, attachments};
use app::backend::{competition_setup, jury as judging, publication};
use chrono::Duration;

/// What names the applicant in the fixture: the organisation, its contact and her address, and
/// the attachment's own name.
const NAMES: [&str; 4] = [
    "Polismyndigheten",
    "Anna Andersson",
    "anna@polisen.se",
    "Polisens plan",
];

/// A one-page PDF whose document information and XMP name its author.
fn authored_pdf() -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let xmp = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        b"<?xpacket begin=''?><x:xmpmeta><dc:creator>Polismyndigheten</dc:creator></x:xmpmeta><?xpacket end='w'?>".to_vec(),
    ));
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog =
        doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "Metadata" => xmp });
    let info = doc.add_object(dictionary! {
        "Author" => Object::string_literal("Anna Andersson, Polismyndigheten"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

/// The names of the applicant found in `text`.
fn named(text: &str) -> Vec<&'static str> {
    NAMES.into_iter().filter(|n| text.contains(n)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymised_juror_finds_the_applicant_nowhere_and_the_organiser_everywhere() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let s = TestServer::start(db.clone(), now).await;
        let public = crate::common::unwatched();
        let year = j.year;
        let e0 = j.entries[0];
        let open = j.judging - Duration::days(100);
        let file = attachments::upload(
            &db,
            &j.applicant,
            s.uploads.path(),
            e0,
            "Polisens plan.pdf",
            authored_pdf(),
            open,
        )
        .await
        .unwrap();
        // Saved and sent again with the file, before the deadline: the version the jury reads
        // lists it.
        let v = applicant::view(&db, &j.applicant, e0, open).await.unwrap();
        let mut draft = v.draft;
        draft.sections.description.push_str(" Se bilagan.");
        let saved = applicant::save(&db, &j.applicant, e0, v.revision, draft, open)
            .await
            .unwrap();
        applicant::submit(
            &db,
            &public,
            &j.applicant,
            e0,
            saved.revision,
            open,
            "http://x",
        )
        .await
        .unwrap();
        let reference = v.reference;
        let juror = signed_in(&s, "j2@bra.se").await;
        let scoring = format!("{}/jury/{year}/entries/{e0}", s.base);

        // Not anonymised (the default): the juror sees who applied, which the rest relies on.
        let html = page_text(&juror, &scoring).await;
        assert_eq!(named(&html), NAMES.to_vec(), "{name}");

        // The organiser turns it on in the year's form, and the form keeps it.
        let mut f = competition_setup::form(&db, &j.admin, Some(year))
            .await
            .unwrap();
        assert!(!f.anonymous_review);
        f.anonymous_review = true;
        competition_setup::save(&db, &public, &j.admin, Some(year), f, now)
            .await
            .unwrap();
        let f = competition_setup::form(&db, &j.admin, Some(year))
            .await
            .unwrap();
        assert!(f.anonymous_review, "{name}");
        let admin = signed_in(&s, "admin@bra.se").await;
        let form = page_text(&admin, format!("{}/admin/competitions/{year}", s.base)).await;
        assert!(
            form.contains(
                "id=\"form-anonymous\" name=\"form[anonymous_review]\" value=\"true\" checked"
            ),
            "{name}: {form}"
        );

        // The juror's list and desk: the entry, never its applicant.
        let home = page_text(&juror, format!("{}/jury/{year}", s.base)).await;
        assert!(
            home.contains("Projekt 0") && home.contains("Bedömningen är anonym"),
            "{name}"
        );
        assert!(
            !home.contains("<th scope=\"col\">Organisation</th>"),
            "{name}"
        );
        let html = page_text(&juror, &scoring).await;
        assert_eq!(named(&html), Vec::<&str>::new(), "{name}");
        assert!(html.contains("Dold – anonym bedömning"), "{name}");
        assert!(
            html.contains(&format!(
                "<a href=\"/attachments/{}\">Bilaga 1.pdf</a>",
                file.id
            )),
            "{name}"
        );
        let en = page_text(&juror, format!("{}/en/jury/{year}/entries/{e0}", s.base)).await;
        assert!(
            en.contains(&format!(
                "<a href=\"/attachments/{}?lang=en\">Attachment 1.pdf</a>",
                file.id
            )) && en.contains("Hidden – anonymised review")
                && named(&en).is_empty(),
            "{name}"
        );

        // The attachment: a number for a name, and no author inside.
        let res = juror
            .get(format!("{}/attachments/{}", s.base, file.id))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{name}");
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            disposition.starts_with("attachment; filename=\"Bilaga 1.pdf\""),
            "{name}"
        );
        let bytes = res.bytes().await.unwrap();
        assert!(
            !holds(&bytes, "Polismyndigheten") && !holds(&bytes, "Anna"),
            "{name}: {}",
            String::from_utf8_lossy(&bytes)
        );
        let doc = lopdf::Document::load_mem(&bytes).expect("still a PDF");
        assert!(
            doc.trailer.get(b"Info").is_err() && doc.catalog().unwrap().get(b"Metadata").is_err()
        );
        let res = juror
            .get(format!("{}/attachments/{}?lang=en", s.base, file.id))
            .send()
            .await
            .unwrap();
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"Attachment 1.pdf\""),
            "{name}"
        );

        // The reading copy, the pack and its zip.
        let copy = juror
            .get(format!("{}/entries/{e0}/reading-copy.pdf", s.base))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let text = pdf_text(&copy);
        assert!(
            text.contains("Projekt 0") && text.contains("Bilaga 1.pdf"),
            "{name}: {text}"
        );
        assert!(text.contains("Dold – anonym bedömning"), "{name}: {text}");
        assert_eq!(named(&text), Vec::<&str>::new(), "{name}: {text}");
        let pack = juror
            .get(format!("{}/jury/{year}/reading-pack.pdf", s.base))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let text = pdf_text(&pack);
        assert!(
            text.contains("Projekt 3") && text.contains("Bilaga 1.pdf"),
            "{name}: {text}"
        );
        assert_eq!(named(&text), Vec::<&str>::new(), "{name}: {text}");
        let zip = juror
            .get(format!("{}/jury/{year}/reading-pack.zip?lang=en", s.base))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let files = unpacked(&zip);
        assert_eq!(
            files.keys().cloned().collect::<Vec<_>>(),
            vec![format!("{reference}/Attachment 1.pdf")],
            "{name}"
        );
        let inside = files.values().next().unwrap();
        assert!(
            !holds(inside, "Polismyndigheten") && !holds(inside, "Anna"),
            "{name}"
        );

        // The chair's pages once judging has closed: ranking, grid, feedback, discussion.
        for juror in [&j.chair, &j.j2, &j.j3] {
            judging::save_sheet(&db, juror, e0, 0, sheet([3; 5], ""), true, now)
                .await
                .unwrap();
        }
        s.clock.set(j.deliberation + Duration::days(1));
        let chair = signed_in(&s, "chair@bra.se").await;
        for path in [
            format!("/jury/{year}"),
            format!("/jury/{year}/ranking"),
            format!("/jury/{year}/grid"),
            format!("/jury/{year}/progress"),
            format!("/jury/feedback/{e0}"),
            format!("/jury/discussion/{e0}"),
            format!("/jury/{year}/entries/{e0}"),
        ] {
            let html = page_text(&chair, format!("{}{path}", s.base)).await;
            assert!(html.contains("Projekt 0"), "{name}: {path}");
            assert_eq!(named(&html), Vec::<&str>::new(), "{name}: {path}");
        }

        // The organiser sees everything: the ranking, the file as sent, the reading copy.
        let ranking = page_text(&admin, format!("{}/jury/{year}/ranking", s.base)).await;
        assert!(ranking.contains("Polismyndigheten"), "{name}");
        let res = admin
            .get(format!("{}/attachments/{}", s.base, file.id))
            .send()
            .await
            .unwrap();
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"Polisens plan.pdf\""),
            "{name}"
        );
        assert_eq!(
            res.bytes().await.unwrap().as_ref(),
            authored_pdf().as_slice()
        );
        let copy = admin
            .get(format!("{}/entries/{e0}/reading-copy.pdf", s.base))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(named(&pdf_text(&copy)), NAMES.to_vec(), "{name}");

        // The applicant is told on the entry form, and reads their own entry whole.
        let applicant = signed_in(&s, "app0@example.se").await;
        let html = page_text(&applicant, format!("{}/entries/{e0}", s.base)).await;
        assert!(html.contains("Juryn bedömer anonymt i år"), "{name}");
        assert!(
            html.contains("Polismyndigheten") && html.contains("Polisens plan.pdf"),
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_list_names_no_organisation_while_an_anonymised_jury_is_at_work() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(1);
        let public = crate::common::unwatched();
        competition_setup::list_entries(&db, &public, &j.admin, j.year, true, now)
            .await
            .unwrap();
        let listed = |db: sea_orm::DatabaseConnection| async move {
            publication::competition_page(&db, 2027, now)
                .await
                .unwrap()
                .entry_list
        };
        let before = listed(db.clone()).await;
        assert_eq!(before.len(), 4, "{name}");
        assert!(before.iter().all(|l| l.organisation == "Polismyndigheten"));
        let mut f = competition_setup::form(&db, &j.admin, Some(j.year))
            .await
            .unwrap();
        f.anonymous_review = true;
        competition_setup::save(&db, &public, &j.admin, Some(j.year), f, now)
            .await
            .unwrap();
        let during = listed(db.clone()).await;
        assert_eq!(during.len(), 4, "{name}");
        assert!(during.iter().all(|l| l.organisation.is_empty()), "{name}");
        let s = TestServer::start(db.clone(), now).await;
        let (_, html) = s.get("/competitions/2027").await;
        assert!(
            html.contains("Projekt 0") && !html.contains("Polismyndigheten"),
            "{name}"
        );
    })
    .await;
}
