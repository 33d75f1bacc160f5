//! A person's data, completely: their own download as a zip, the organiser's search, download
//! and erasure for a request, on both databases and over HTTP. The person is Anna Andersson, who
//! has an account, wrote a draft with an attachment, is named as the contact of every entry of
//! the year, was invited to the jury, subscribed to the news, mistyped her password, and is
//! named in a screening reason and a juror's comment. After her erasure, no table holds her name
//! or her address, the audit chain still verifies, and everyone else's data is where it was.
use crate::screening::screened;
use std::io::Read;

use app::backend::audit;
use app::backend::entities::{
    app_user, audit_log, entry, entry_contact, login_failure, score_sheet, subscriber,
};
use app::backend::entries::{applicant, attachments};
use app::model::Role;
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, Statement,
};

use crate::common::{TestServer, at, location, on_each_backend};
use crate::jury::{actor, jury, score};
use crate::matrix::PDF;
use crate::people::{person, signed_in};

const ANNA: &str = "anna@polisen.se";
const NAME: &str = "Anna Andersson";

/// Every row of every table, as text, that holds one of `needles` in any case: read from the
/// database's own catalogue, all columns of all types, independently of the portal's search.
pub(crate) async fn rows_naming(db: &DatabaseConnection, needles: &[&str]) -> Vec<String> {
    let backend = db.get_database_backend();
    let tables_sql = match backend {
        DbBackend::Postgres => {
            "SELECT CAST(table_name AS TEXT) AS t FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        _ => {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
    };
    let tables: Vec<String> = db
        .query_all_raw(Statement::from_string(backend, tables_sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "t").unwrap())
        .collect();
    assert!(
        tables.len() > 30,
        "the schema's tables are read: {tables:?}"
    );
    let mut found = Vec::new();
    for t in tables {
        let sql = match backend {
            DbBackend::Postgres => format!("SELECT CAST(x AS TEXT) AS row FROM \"{t}\" x"),
            _ => {
                let columns: Vec<String> = db
                    .query_all_raw(Statement::from_string(
                        backend,
                        format!("SELECT name FROM pragma_table_info('{t}')"),
                    ))
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.try_get::<String>("", "name").unwrap())
                    .collect();
                let all = columns
                    .iter()
                    .map(|c| format!("coalesce(CAST(\"{c}\" AS TEXT), '')"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ");
                format!("SELECT {all} AS row FROM \"{t}\"")
            }
        };
        for r in db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .unwrap()
        {
            let row: String = r.try_get("", "row").unwrap_or_default();
            let lower = row.to_lowercase();
            if needles.iter().any(|n| lower.contains(&n.to_lowercase())) {
                found.push(format!("{t}: {row}"));
            }
        }
    }
    found
}

/// The zip's files by name.
pub(crate) fn unpacked(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().to_string(), out)
        })
        .collect()
}

async fn get_bytes(client: &reqwest::Client, url: String) -> (u16, String, Vec<u8>) {
    let res = client.get(url).send().await.unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, res.bytes().await.unwrap().to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persons_data_is_exported_as_a_zip_and_erased_from_every_table() {
    on_each_backend(|db, name| async move {
        // The year's four submitted entries all name Anna Andersson as their contact.
        let j = jury(&db).await;
        let open = at(2027, 5, 2, 9, 0);
        let anna = anna(&db, Some("Polismyndigheten")).await;
        let s = TestServer::start(db.clone(), j.judging + Duration::days(1)).await;
        let a = actor(&db, anna).await;
        // Her own draft, with herself as contact, and a report she uploaded.
        let draft = applicant::start(&db, &a, j.year, a.organisations[0], open)
            .await
            .unwrap();
        let mut d = crate::entries::complete();
        d.title = "Trygga stråk".into();
        applicant::save(&db, &a, draft, 1, d, open).await.unwrap();
        attachments::upload(
            &db,
            &a,
            s.uploads.path(),
            draft,
            "rapport.pdf",
            PDF.to_vec(),
            open,
        )
        .await
        .unwrap();
        // Invited to the jury; a subscriber; a mistyped password.
        app::backend::jury_setup::invite(&db, &j.admin, j.year, ANNA, open, "http://x")
            .await
            .unwrap();
        subscriber::ActiveModel {
            email: Set(ANNA.into()),
            language: Set("sv".into()),
            token: Set("prenumeration".into()),
            confirmed_at: Set(Some(open)),
            created_at: Set(open),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        login_failure::ActiveModel {
            email: Set(ANNA.into()),
            ip: Set("10.0.0.7".into()),
            at: Set(open),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        // Named in a screening reason and in a juror's comment.
        named_in_screening(&db, &j).await;
        score(
            &db,
            &j.chair,
            j.entries[0],
            [5; 5],
            "Anna Andersson leder arbetet väl.",
            j.judging,
        )
        .await;

        // 1. Her own download.
        let anna_browser = signed_in(&s, ANNA).await;
        let (status, kind, bytes) =
            get_bytes(&anna_browser, format!("{}/account/data.zip", s.base)).await;
        assert_eq!((status, kind.as_str()), (200, "application/zip"), "{name}");
        let files = unpacked(&bytes);
        let doc: serde_json::Value = serde_json::from_slice(&files["personal-data.json"]).unwrap();
        assert_eq!(doc["account"]["email"], ANNA, "{name}");
        assert_eq!(doc["account"]["name"], NAME);
        assert_eq!(
            doc["account"]["organisations"],
            serde_json::json!(["Polismyndigheten"])
        );
        let titles: Vec<&str> = doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["title"].as_str().unwrap())
            .collect();
        assert_eq!(
            titles,
            [
                "Projekt 0",
                "Projekt 1",
                "Projekt 2",
                "Projekt 3",
                "Trygga stråk"
            ],
            "{name}: the entries naming her as contact, and her own"
        );
        assert_eq!(doc["entries"][4]["contacts"][0]["email"], ANNA);
        let upload = doc["uploads"][0]["file"].as_str().unwrap().to_string();
        assert!(
            upload.starts_with("uploads/") && upload.ends_with("-rapport.pdf"),
            "{upload}"
        );
        assert_eq!(files[&upload], PDF, "{name}: her upload, as stored");
        let subjects: Vec<&str> = doc["mails"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["subject"].as_str().unwrap())
            .collect();
        assert_eq!(
            subjects.len(),
            2,
            "{name}: the address check and the jury invitation: {subjects:?}"
        );
        let places = doc["places"].as_array().unwrap();
        let contact_rows: std::collections::BTreeSet<&str> = places
            .iter()
            .filter(|p| p["table"] == "entry_contact")
            .map(|p| p["row"].as_str().unwrap())
            .collect();
        assert_eq!(
            contact_rows.len(),
            5,
            "{name}: every contact row names her, by name and address"
        );
        assert!(
            places.iter().any(|p| p["table"] == "score_sheet"),
            "{name}: the comment"
        );
        assert!(
            places.iter().any(|p| p["table"] == "audit_log"),
            "{name}: the screening line"
        );

        // 2. The organiser finds her, in both languages, and downloads her data (logged).
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = crate::common::page_text(
            &admin,
            format!(
                "{}/admin/personal-data?email={ANNA}&name=Anna+Andersson",
                s.base
            ),
        )
        .await;
        assert!(page.contains("Kontaktperson i bidrag"), "{name}: {page}");
        assert!(
            page.contains("Anna Andersson leder arbetet"),
            "{name}: the comment's excerpt"
        );
        // A name longer than the address is still the name, and the erasure form carries it.
        let short = crate::common::page_text(
            &admin,
            format!(
                "{}/admin/personal-data?email=a@b.se&name=Greta+L%C3%A5ngnamnsdotter",
                s.base
            ),
        )
        .await
        .replace("<!>", "");
        assert!(
            short.contains("Sökt på a@b.se, Greta Långnamnsdotter"),
            "{name}: {short}"
        );
        assert!(
            short.contains(r#"type="hidden" name="name" value="Greta Långnamnsdotter""#),
            "{name}: {short}"
        );
        let en = crate::common::page_text(
            &admin,
            format!("{}/en/admin/personal-data?email={ANNA}", s.base),
        )
        .await;
        assert!(
            en.contains("Contact in an entry") && en.contains("Erase the person"),
            "{en}"
        );
        let (status, _, bytes) = get_bytes(
            &admin,
            format!("{}/admin/personal-data/export.zip?email={ANNA}", s.base),
        )
        .await;
        assert_eq!(status, 200, "{name}");
        let doc: serde_json::Value =
            serde_json::from_slice(&unpacked(&bytes)["personal-data.json"]).unwrap();
        assert_eq!(doc["account"]["email"], ANNA);
        assert_eq!(
            crate::common::audited(&db, audit_log::Column::Action.eq("person.export")).await,
            1,
            "{name}: the organiser's download is logged"
        );

        // 3. Erasure needs the confirmation; then it is done, and the page says so.
        let erase = |confirm: bool| {
            let mut fields = vec![("email", ANNA), ("name", NAME), ("lang", "sv")];
            if confirm {
                fields.push(("confirm", "on"));
            }
            fields
        };
        let page_url = format!("/admin/personal-data?email={ANNA}");
        let res = s
            .form_post(&admin, "/api/erase_person", &page_url, &erase(false))
            .await;
        assert!(
            location(&res).contains("__err"),
            "{name}: {}",
            location(&res)
        );
        assert!(
            !rows_naming(&db, &[ANNA]).await.is_empty(),
            "{name}: nothing is erased without the confirmation"
        );
        let res = s
            .form_post(&admin, "/api/erase_person", &page_url, &erase(true))
            .await;
        let to = location(&res);
        assert!(
            to.starts_with("/admin/personal-data?email=") && to.contains("&erased="),
            "{name}: {to}"
        );
        let after = crate::common::page_text(&admin, format!("{}{to}", s.base)).await;
        assert!(after.contains("Raderat:"), "{name}: {after}");
        assert!(
            after.contains("finns inte någonstans"),
            "{name}: nothing remains: {after}"
        );

        // 4. No table holds her name or her address, in any case.
        let left = rows_naming(&db, &[ANNA, NAME]).await;
        assert!(
            left.is_empty(),
            "{name}: still stored:\n{}",
            left.join("\n")
        );

        // 5. The chain verifies; the erasure's line names no one and lists the lines blanked.
        let check = audit::verify(&db).await.unwrap();
        assert_eq!(check.broken, None, "{name}");
        let line = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(audit::ERASURE))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(line.subject, format!("user:{anna}"));
        let detail: serde_json::Value = serde_json::from_str(&line.detail).unwrap();
        assert!(
            !detail[audit::BLANKED].as_array().unwrap().is_empty(),
            "{name}: {detail}"
        );

        // 6. Everyone else's data stays: the entries, the scores, the others' accounts.
        assert_eq!(entry::Entity::find().count(&db).await.unwrap(), 5, "{name}");
        assert_eq!(
            entry_contact::Entity::find()
                .filter(entry_contact::Column::EntryId.eq(j.entries[0]))
                .count(&db)
                .await
                .unwrap(),
            0,
            "{name}: her contact row went"
        );
        let sheet = score_sheet::Entity::find()
            .filter(score_sheet::Column::EntryId.eq(j.entries[0]))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            sheet
                .scores
                .0
                .values()
                .filter_map(|s| s.score)
                .collect::<Vec<_>>(),
            [5; 5]
        );
        assert_eq!(sheet.juror_id, j.chair.user_id);
        assert!(!rows_naming(&db, &["app0@example.se"]).await.is_empty());
        // She cannot sign in any more.
        let (status, _) = s
            .call(
                &s.browser(),
                "login",
                &crate::people::login_fields(ANNA, "sv"),
            )
            .await;
        assert_ne!(status, 200, "{name}");

        // 7. The organiser cannot erase themselves here.
        let (status, body) = s
            .call(
                &admin,
                "erase_person",
                &[
                    ("email", "admin@bra.se"),
                    ("name", ""),
                    ("confirm", "on"),
                    ("lang", "sv"),
                ],
            )
            .await;
        assert_eq!(status, 409, "{name}: {body}");
        // Without scripts the page says why, in words.
        let own = "/admin/personal-data?email=admin@bra.se";
        let fields = [
            ("email", "admin@bra.se"),
            ("name", ""),
            ("confirm", "on"),
            ("lang", "sv"),
        ];
        let back = location(&s.form_post(&admin, "/api/erase_person", own, &fields).await);
        assert!(back.contains("__err"), "{name}: {back}");
        let page = crate::common::page_text(&admin, back).await;
        assert!(
            page.contains("Dina egna uppgifter raderar du under Mitt konto"),
            "{name}: {page}"
        );
        assert!(
            !rows_naming(&db, &["admin@bra.se"]).await.is_empty(),
            "{name}: the organiser's own account is untouched"
        );

        // 8. A line edited behind the portal's back still breaks the chain, even after an
        //    erasure; only the lines the erasure names may differ from their digest.
        let victim = audit_log::Entity::find()
            .filter(audit_log::Column::Action.ne(audit::ERASURE))
            .filter(
                audit_log::Column::Id.is_not_in(
                    detail[audit::BLANKED]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_i64().unwrap() as i32),
                ),
            )
            .order_by_desc(audit_log::Column::Id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let mut edited: audit_log::ActiveModel = victim.clone().into();
        edited.detail = Set("{\"changed\":\"behind the portal's back\"}".into());
        edited.update(&db).await.unwrap();
        assert_eq!(
            audit::verify(&db).await.unwrap().broken,
            Some((victim.id, audit::Break::Edited)),
            "{name}"
        );
    })
    .await;
}

/// Anna Andersson's account, with her name, in an organisation of her own or none.
async fn anna(db: &DatabaseConnection, organisation: Option<&str>) -> i32 {
    let anna = person(db, ANNA, organisation, &[Role::Applicant]).await;
    let mut u: app_user::ActiveModel = app_user::Entity::find_by_id(anna)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    u.name = Set(NAME.into());
    u.update(db).await.unwrap();
    anna
}

/// The organiser screens the second entry with a reason that names Anna Andersson (without
/// her address): the entry keeps the reason, and the audit log has it.
async fn named_in_screening(db: &DatabaseConnection, j: &crate::jury::Jury) {
    screened(
        db,
        &j.admin,
        j.entries[1],
        true,
        "Kontakta Anna Andersson om budgeten.",
        j.judging - Duration::days(2),
    )
    .await
    .unwrap();
}

/// A person who deletes their own account is erased as on request, with one difference: with
/// nobody to look over the places first, the name alone is erased only where it stands beside
/// the address (a contact in a submitted version), never where it stands by itself, which
/// might be someone else of the same name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_ones_own_account_erases_the_address_everywhere_and_the_name_beside_it() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        anna(&db, None).await;
        named_in_screening(&db, &j).await;
        let s = TestServer::start(db.clone(), j.judging).await;
        let browser = signed_in(&s, ANNA).await;
        let (status, body) = s
            .call(
                &browser,
                "delete_account",
                &[("password", crate::people::PASSWORD), ("lang", "sv")],
            )
            .await;
        assert_eq!(status, 200, "{name}: {body}");

        assert!(
            rows_naming(&db, &[ANNA]).await.is_empty(),
            "{name}: the address is nowhere"
        );
        assert_eq!(entry_contact::Entity::find().count(&db).await.unwrap(), 0);
        // What still names her is the screening reason alone: the entry's reason and its audit
        // line. The submitted versions name her no more.
        let mut left: Vec<String> = rows_naming(&db, &[NAME])
            .await
            .into_iter()
            .map(|r| r.split(':').next().unwrap().to_string())
            .collect();
        left.sort();
        assert_eq!(left, ["audit_log", "entry"], "{name}");
        assert_eq!(audit::verify(&db).await.unwrap().broken, None, "{name}");
    })
    .await;
}
