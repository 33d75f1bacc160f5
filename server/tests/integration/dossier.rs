//! The EUCPN dossier's English text: what the applicant writes beside the Swedish, what the
//! organiser completes after the decision, one version per change, and who may do it. On SQLite
//! and PostgreSQL, as services and over HTTP without JavaScript.

use crate::common::{TestServer, audited, on_each_backend, page_text};
use crate::entries::complete;
use crate::matrix::upload_pdf;
use crate::people::signed_in;
use crate::publication::decided;
use app::backend::dossier;
use app::backend::entities::{audit_log, entry};
use app::backend::entries::applicant;
use app::backend::public_changes::PublicChanges;
use app::error::{AppError, Conflict, FieldError, Problem};
use app::model::{ENGLISH_PARTS, EnglishText, EntryDraft, Sections};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait};

pub(crate) fn english(title: &str) -> EnglishText {
    EnglishText {
        title: title.into(),
        sections: Sections {
            description: "Conversations that lower the motivation to use violence.".into(),
            problem: "Repeat violence against the same victims.".into(),
            objectives: "Fewer threats.".into(),
            target_group: "People who use violence.".into(),
            methods: "Structured conversations.".into(),
            partners: "The Police.".into(),
            resources: "Trained officers.".into(),
            evaluation: "Violence ended in 72% of 118 cases, 2019–2021 (Malmö, Göteborg, Łódź)."
                .into(),
            replicability: "The method is written down.".into(),
            theme_relevance: "It protects victims.".into(),
        },
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_completes_the_winners_english_text_in_versions_after_the_decision() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let (a, winner) = (&j.applicant, j.entries[0]);
        // Before the deadline the applicant wrote part of the English text and submitted it,
        // then changed a draft without submitting again: the dossier starts from what was sent.
        let open = j.judging - Duration::days(20);
        let sent = EnglishText {
            title: "Risk-reducing interventions".into(),
            sections: Sections {
                evaluation: "Violence ended in 72% of 118 cases.".into(),
                ..Default::default()
            },
        };
        let draft = EntryDraft {
            english: sent.clone(),
            ..complete()
        };
        applicant::save(&db, a, winner, 2, draft.clone(), open)
            .await
            .unwrap();
        applicant::submit(
            &db,
            &PublicChanges::default(),
            a,
            winner,
            3,
            open,
            "http://x",
        )
        .await
        .unwrap();
        let later = EntryDraft {
            title: "Inte inskickad".into(),
            english: EnglishText {
                title: "Not sent".into(),
                ..sent.clone()
            },
            ..draft
        };
        applicant::save(&db, a, winner, 3, later, open)
            .await
            .unwrap();

        let now = j.deliberation + Duration::days(1);
        for outsider in [&j.applicant, &j.chair, &j.j2] {
            assert!(
                matches!(
                    dossier::view(&db, outsider, j.year, now).await,
                    Err(AppError::Forbidden)
                ),
                "{name}"
            );
            assert!(
                matches!(
                    dossier::save_english(&db, outsider, j.year, 0, english("X"), now).await,
                    Err(AppError::Forbidden)
                ),
                "{name}"
            );
        }
        let v = dossier::view(&db, &j.admin, j.year, now).await.unwrap();
        assert_eq!(
            (v.entry_id, v.version, v.english.clone()),
            (winner, 0, sent.clone()),
            "{name}"
        );
        assert!(v.versions.is_empty());
        assert_eq!(
            v.english.missing().len(),
            9,
            "{name}: only the title and evaluation were sent"
        );
        assert_eq!(
            v.title_sv, "Riskreducerande insatser",
            "{name}: as submitted"
        );

        // The translator's full text becomes version 1, with who and when and what changed.
        let full = english("Risk-reducing interventions (RRI)");
        assert_eq!(
            dossier::save_english(&db, &j.admin, j.year, 0, full.clone(), now)
                .await
                .unwrap(),
            1
        );
        let v = dossier::view(&db, &j.admin, j.year, now).await.unwrap();
        assert_eq!((v.version, &v.english), (1, &full), "{name}");
        assert!(v.english.is_complete());
        let row = &v.versions[0];
        assert_eq!(
            (row.number, row.by.as_str(), row.at.unix),
            (1, "Person admin@bra.se", now.timestamp())
        );
        assert_eq!(
            row.changed,
            ENGLISH_PARTS
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
            "{name}: every part changed"
        );

        // A second tab still on version 0 cannot overwrite it; a text over the limit is refused.
        assert!(
            matches!(
                dossier::save_english(&db, &j.admin, j.year, 0, english("Stale"), now).await,
                Err(AppError::Conflict(Conflict::Stale))
            ),
            "{name}"
        );
        let mut long = full.clone();
        long.sections.problem = "word ".repeat(301);
        match dossier::save_english(&db, &j.admin, j.year, 1, long, now).await {
            Err(AppError::Invalid(p)) => assert_eq!(
                p,
                vec![FieldError {
                    field: "english.problem".into(),
                    problem: Problem::TooManyWords
                }]
            ),
            other => panic!("{name}: {other:?}"),
        }
        // Saving the same text again makes no version; a change to one part makes version 2.
        assert_eq!(
            dossier::save_english(&db, &j.admin, j.year, 1, full.clone(), now)
                .await
                .unwrap(),
            1
        );
        let mut edited = full.clone();
        edited.sections.methods = "Structured conversations with the perpetrator.".into();
        let later_now = now + Duration::hours(2);
        assert_eq!(
            dossier::save_english(&db, &j.admin, j.year, 1, edited.clone(), later_now)
                .await
                .unwrap(),
            2
        );
        let v = dossier::view(&db, &j.admin, j.year, later_now)
            .await
            .unwrap();
        assert_eq!(
            v.versions.iter().map(|r| r.number).collect::<Vec<_>>(),
            vec![2, 1],
            "{name}: newest first"
        );
        assert_eq!(v.versions[0].changed, vec!["methods".to_string()]);
        assert_eq!(
            v.versions[1].text, full,
            "{name}: the earlier wording is kept"
        );
        assert_eq!(
            dossier::english_now(
                &db,
                &entry::Entity::find_by_id(winner)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap()
            )
            .await
            .unwrap(),
            (edited, 2)
        );

        // Every change is in the audit log; the applicant's own draft is left as they wrote it.
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("dossier.english")).await,
            2,
            "{name}"
        );
        let e = entry::Entity::find_by_id(winner)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(e.english.0.title, "Not sent", "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dossier_page_works_without_javascript_in_both_languages() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::days(1);
        let s = TestServer::start(db.clone(), now).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = format!("/admin/competitions/{}/dossier", j.year);
        let body = page_text(&admin, format!("{}{page}", s.base)).await;
        assert!(body.contains("Underlag till EUCPN 2027"), "{name}");
        assert!(
            body.contains("Saknas ännu på engelska: Projektets titel"),
            "{name}: {body}"
        );
        assert!(
            body.contains(r#"name="english[evaluation]" lang="en""#),
            "{name}: the English fields are marked as English"
        );
        assert!(body.contains("Inga ändringar ännu"), "{name}");

        // A plain form post saves and comes back to the page, which shows the version.
        let mut fields: Vec<(String, String)> = vec![
            ("year".into(), j.year.to_string()),
            ("base".into(), "0".into()),
        ];
        let full = english("Project 0 – Grönköping");
        for k in ENGLISH_PARTS {
            fields.push((format!("english[{k}]"), full.part(k).to_string()));
        }
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = s
            .form_post(&admin, "/api/save_dossier_english", &page, &pairs)
            .await;
        let back = crate::common::location(&res);
        assert_eq!(
            back,
            format!("{}{page}?__ok=save_dossier_english", s.base),
            "{name}"
        );
        let body = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(body.contains("EUCPN dossier 2027"), "{name}");
        assert!(body.contains("All of the text is in English."), "{name}");
        assert!(body.contains("Project 0 – Grönköping"), "{name}");
        assert!(
            body.contains("Person admin@bra.se"),
            "{name}: the version names who saved it"
        );

        // The same post again from the old page is refused with the reason, in the page's language.
        let res = s
            .form_post(&admin, "/api/save_dossier_english", &page, &pairs)
            .await;
        let back = crate::common::location(&res);
        assert!(back.contains("__err"), "{name}: {back}");
        let body = page_text(&admin, &back).await;
        assert!(
            body.contains(
                &app::error::AppError::Conflict(Conflict::Stale)
                    .message(app::i18n::Lang::Sv)
                    .to_string()
            ),
            "{name}"
        );
    })
    .await;
}

/// White space folded to single spaces: lines broken on a page read as one text.
pub(crate) fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a PDF as a reader copies it.
pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    fold(&pdf_extract::extract_text_from_mem(bytes).expect("a readable PDF"))
}

/// The text of a DOCX: its main part's runs, without the markup.
fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("the main part")
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    fold(
        &out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// A decided year served the day after its deliberation began, with a PDF report the applicant
/// attached to the winner before the deadline.
pub(crate) async fn decided_with_report(
    db: &sea_orm::DatabaseConnection,
    file: &str,
) -> (crate::jury::Jury, TestServer) {
    let j = decided(db).await;
    let s = TestServer::start(db.clone(), j.deliberation + Duration::days(1)).await;
    let before_the_deadline = j.judging - Duration::days(20);
    upload_pdf(
        db,
        &j.applicant,
        s.uploads.path(),
        j.entries[0],
        file,
        before_the_deadline,
    )
    .await;
    (j, s)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dossier_is_a_pdf_and_a_docx_with_every_part_in_english_and_every_letter() {
    on_each_backend(|db, name| async move {
        let (j, s) = decided_with_report(&db, "utvärdering-2021.pdf").await;
        let now = j.deliberation + Duration::days(1);
        let mut text = english("Risk-reducing interventions – Göteborg, Łódź, Győr, 5 €");
        text.sections.methods = "word ".repeat(380) + "ÅÄÖ åäö ÆØ æø Ü ß ő ű č ž ł é – end";
        dossier::save_english(&db, &j.admin, j.year, 0, text.clone(), now)
            .await
            .unwrap();

        let admin = signed_in(&s, "admin@bra.se").await;
        let get = |ext: &'static str| {
            let admin = admin.clone();
            let url = format!("{}/admin/competitions/{}/dossier.{ext}", s.base, j.year);
            async move { admin.get(url).send().await.unwrap() }
        };
        let res = get("pdf").await;
        assert_eq!(res.status().as_u16(), 200, "{name}");
        let header =
            |res: &reqwest::Response, h: &str| res.headers()[h].to_str().unwrap().to_string();
        assert_eq!(header(&res, "content-type"), "application/pdf");
        assert!(
            header(&res, "content-disposition")
                .starts_with("inline; filename=\"ecpa-2027-annex-i-se.pdf\""),
            "{name}: shown in the browser"
        );
        let pdf = pdf_text(&res.bytes().await.unwrap());
        let res = get("docx").await;
        assert_eq!(res.status().as_u16(), 200, "{name}");
        assert!(
            header(&res, "content-disposition")
                .starts_with("attachment; filename=\"ecpa-2027-annex-i-se.docx\"")
        );
        let docx = docx_text(&res.bytes().await.unwrap());

        for (format, body) in [("PDF", &pdf), ("DOCX", &docx)] {
            for part in ENGLISH_PARTS {
                assert!(
                    body.contains(&fold(text.part(part))),
                    "{name}: {format} lacks {part}"
                );
            }
            for expected in [
                "European Crime Prevention Award 2027 – Annex I",
                "Country: Sweden",
                "Entry: Competing entry",
                "Responsible organisation(s): Polismyndigheten",
                "Anna Andersson, Projektledare, anna@polisen.se",
                "Rapport: https://example.se/rapport.pdf",
                "Project description",
                "1. Theme",
                "2. Evaluated effect",
                "Evaluation and results",
                "5. Replicability",
                "utvärdering-2021.pdf",
                "Supporting material only",
            ] {
                assert!(
                    body.contains(expected),
                    "{name}: {format} lacks {expected:?}"
                );
            }
            assert!(
                body.contains("ÅÄÖ åäö ÆØ æø Ü ß ő ű č ž ł é – end"),
                "{name}: {format} keeps every letter"
            );
        }

        // Nobody else gets the file; a page with no decided year has none.
        let juror = signed_in(&s, "chair@bra.se").await;
        let res = juror
            .get(format!(
                "{}/admin/competitions/{}/dossier.pdf",
                s.base, j.year
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{name}");
        let res = admin
            .get(format!("{}/admin/competitions/1999/dossier.docx", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 404, "{name}");
    })
    .await;
}

/// The bytes of the attachment named `name` in a raw MIME message.
fn attachment(data: &str, name: &str) -> Vec<u8> {
    use base64::Engine;
    let data = data.replace("\r\n", "\n");
    let at = data
        .find(&format!("filename=\"{name}\""))
        .unwrap_or_else(|| panic!("no attachment {name}"));
    let part = &data[at..];
    let body = &part[part.find("\n\n").unwrap() + 2..];
    let body = &body[..body.find("\n--").unwrap_or(body.len())];
    let encoded: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("a base64 attachment")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_to_eucpn_mails_both_files_once_and_records_who_when_and_their_digests() {
    use app::backend::entities::dossier_sending;
    use sha2::{Digest, Sha256};
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::days(1);
        let outsider = &j.chair;
        assert!(matches!(
            dossier::save_address(&db, outsider, j.year, "ecpa@eucpn.example", now).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            dossier::send(&db, outsider, j.year, "http://x", now).await,
            Err(AppError::Forbidden)
        ));
        // The English text is missing: nothing can go.
        assert_eq!(
            dossier::send(&db, &j.admin, j.year, "http://x", now).await,
            Err(AppError::Conflict(Conflict::EnglishIncomplete)),
            "{name}"
        );
        dossier::save_english(
            &db,
            &j.admin,
            j.year,
            0,
            english("Safe at home – Malmö"),
            now,
        )
        .await
        .unwrap();
        // Complete, but no address yet; then a malformed one.
        match dossier::send(&db, &j.admin, j.year, "http://x", now).await {
            Err(AppError::Invalid(p)) => assert_eq!(p[0].field, "address"),
            other => panic!("{name}: {other:?}"),
        }
        match dossier::save_address(&db, &j.admin, j.year, "not an address", now).await {
            Err(AppError::Invalid(p)) => assert_eq!(p[0].problem, Problem::InvalidEmail),
            other => panic!("{name}: {other:?}"),
        }
        dossier::save_address(&db, &j.admin, j.year, " ecpa@eucpn.example ", now)
            .await
            .unwrap();

        let sent = dossier::send(&db, &j.admin, j.year, "http://portal", now)
            .await
            .unwrap();
        assert_eq!(
            (sent.to.as_str(), sent.by.as_str(), sent.english_version),
            ("ecpa@eucpn.example", "Person admin@bra.se", 1)
        );
        // A double click sends nothing more.
        let again = dossier::send(
            &db,
            &j.admin,
            j.year,
            "http://portal",
            now + Duration::seconds(5),
        )
        .await
        .unwrap();
        assert_eq!(again, sent, "{name}");
        assert_eq!(
            dossier_sending::Entity::find().count(&db).await.unwrap(),
            1,
            "{name}"
        );

        // The outbox sends it to a real SMTP server with both files, the digests theirs.
        let sink = crate::common::smtp::SmtpSink::default();
        let port = sink.start(0).await;
        let mailer = crate::common::smtp::mailer(port);
        app::backend::mail::send_due(&db, &mailer, now)
            .await
            .unwrap();
        let received: Vec<_> = sink
            .received()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.contains("eucpn")))
            .collect();
        assert_eq!(received.len(), 1, "{name}");
        let m = &received[0];
        assert_eq!(m.to, vec!["ecpa@eucpn.example".to_string()]);
        assert!(
            m.data
                .contains("Subject: ECPA 2027: the entry from Sweden (Annex I)"),
            "{name}: {}",
            &m.data[..400]
        );
        let pdf = attachment(&m.data, "ecpa-2027-annex-i-se.pdf");
        let docx = attachment(&m.data, "ecpa-2027-annex-i-se.docx");
        assert_eq!(hex::encode(Sha256::digest(&pdf)), sent.pdf_sha256, "{name}");
        assert_eq!(
            hex::encode(Sha256::digest(&docx)),
            sent.docx_sha256,
            "{name}"
        );
        assert!(pdf_text(&pdf).contains("Safe at home – Malmö"), "{name}");
        assert!(docx_text(&docx).contains("Safe at home – Malmö"), "{name}");

        // The page lists the sending; the audit log has it.
        let v = dossier::view(&db, &j.admin, j.year, now).await.unwrap();
        assert_eq!(
            (v.address.as_str(), v.sendings.clone()),
            ("ecpa@eucpn.example", vec![sent.clone()])
        );
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("dossier.send")).await,
            1,
            "{name}"
        );
        // A change to the text later is a new sending, with new digests.
        dossier::save_english(
            &db,
            &j.admin,
            j.year,
            1,
            english("Safe at home – Lund"),
            now,
        )
        .await
        .unwrap();
        let later = dossier::send(
            &db,
            &j.admin,
            j.year,
            "http://portal",
            now + Duration::seconds(10),
        )
        .await
        .unwrap();
        assert_ne!(later.pdf_sha256, sent.pdf_sha256, "{name}");
        assert_eq!(later.english_version, 2);
    })
    .await;
}
