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

/// The XMP packet of [`authored_pdf`].
const XMP: &str = "<?xpacket begin=''?><x:xmpmeta><dc:creator>Polismyndigheten</dc:creator></x:xmpmeta><?xpacket end='w'?>";

/// A one-page PDF written out by hand, cross-reference table and all: its document
/// information and an XMP packet name its author.
fn authored_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".into(),
        format!(
            "<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n{XMP}\nendstream",
            XMP.len()
        ),
        "<< /Author (Anna Andersson, Polismyndigheten) >>".into(),
    ];
    let mut pdf = String::from("%PDF-1.5\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    let size = objects.len() + 1;
    pdf.push_str(&format!("xref\n0 {size}\n0000000000 65535 f \n"));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {size} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ));
    pdf.into_bytes()
}

/// A file downloaded by `client`: the name it would be saved under, and its bytes.
async fn download(client: &reqwest::Client, url: String) -> (String, Vec<u8>) {
    let res = client.get(&url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "{url}");
    let disposition = res.headers()["content-disposition"].to_str().unwrap();
    let saved = disposition
        .split("filename=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string();
    (saved, res.bytes().await.unwrap().to_vec())
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
        let (saved, bytes) = download(&juror, format!("{}/attachments/{}", s.base, file.id)).await;
        assert_eq!(saved, "Bilaga 1.pdf", "{name}");
        assert!(
            !holds(&bytes, "Polismyndigheten") && !holds(&bytes, "Anna"),
            "{name}: {}",
            String::from_utf8_lossy(&bytes)
        );
        let doc = lopdf::Document::load_mem(&bytes).expect("still a PDF");
        assert!(
            doc.trailer.get(b"Info").is_err() && doc.catalog().unwrap().get(b"Metadata").is_err()
        );
        let (saved, _) = download(
            &juror,
            format!("{}/attachments/{}?lang=en", s.base, file.id),
        )
        .await;
        assert_eq!(saved, "Attachment 1.pdf", "{name}");

        // The reading copy, the pack and its zip.
        let (_, copy) = download(&juror, format!("{}/entries/{e0}/reading-copy.pdf", s.base)).await;
        let text = pdf_text(&copy);
        assert!(
            text.contains("Projekt 0") && text.contains("Bilaga 1.pdf"),
            "{name}: {text}"
        );
        assert!(text.contains("Dold – anonym bedömning"), "{name}: {text}");
        assert_eq!(named(&text), Vec::<&str>::new(), "{name}: {text}");
        let (_, pack) = download(&juror, format!("{}/jury/{year}/reading-pack.pdf", s.base)).await;
        let text = pdf_text(&pack);
        assert!(
            text.contains("Projekt 3") && text.contains("Bilaga 1.pdf"),
            "{name}: {text}"
        );
        assert_eq!(named(&text), Vec::<&str>::new(), "{name}: {text}");
        let (_, zip) = download(
            &juror,
            format!("{}/jury/{year}/reading-pack.zip?lang=en", s.base),
        )
        .await;
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
        let (saved, bytes) = download(&admin, format!("{}/attachments/{}", s.base, file.id)).await;
        assert_eq!(saved, "Polisens plan.pdf", "{name}");
        assert_eq!(bytes, authored_pdf(), "{name}");
        let (_, copy) = download(&admin, format!("{}/entries/{e0}/reading-copy.pdf", s.base)).await;
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
