//! The national representatives of the European final: a country's projects entered directly
//! on the entry form (one competing, the rest good practice) and written, submitted and
//! attached by the representative alone; the representative's page without JavaScript in both
//! languages. On SQLite and PostgreSQL.

use crate::common::{TestServer, at, audited, location, on_each_backend, page_text, unwatched};
use crate::entries::complete;
use crate::europe::countries;
use crate::jury::{actor, jury};
use crate::matrix::{PDF, upload_pdf};
use crate::people::{person, signed_in};
use app::backend::entities::{audit_log, entry, organisation};
use app::backend::entries::{applicant, attachments};
use app::backend::europe::{self, FinalSettings};
use app::error::{AppError, Conflict, FieldError, Problem};
use app::model::{EntryStatus, Role};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait};

/// The 2027 final with Sweden, the Netherlands and Denmark, and a representative for the
/// Netherlands and Denmark; returns the secretariat and the two representatives.
pub(crate) async fn final_2027(
    db: &DatabaseConnection,
) -> (
    app::backend::accounts::Actor,
    app::backend::accounts::Actor,
    app::backend::accounts::Actor,
) {
    let now = at(2027, 6, 1, 9, 0);
    let sec = actor(
        db,
        person(db, "sekretariat@eucpn.eu", None, &[Role::Secretariat]).await,
    )
    .await;
    let nl = actor(db, person(db, "ecpa@politie.nl", None, &[]).await).await;
    let dk = actor(db, person(db, "ecpa@dkr.dk", None, &[]).await).await;
    let settings = FinalSettings {
        theme: "Radicalisation",
        deadline: "2027-10-01T12:00",
        countries: &countries(&["SE", "NL", "DK"]),
        ..Default::default()
    };
    europe::save(db, &unwatched(), &sec, 2027, &settings, now)
        .await
        .unwrap();
    for (country, email) in [("NL", "ecpa@politie.nl"), ("DK", "ecpa@dkr.dk")] {
        europe::save_representative(db, &sec, 2027, country, email, now)
            .await
            .unwrap();
    }
    (sec, nl, dk)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_representative_enters_the_countrys_projects_directly_one_of_them_competing() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let (sec, nl, dk) = final_2027(&db).await;
        let now = at(2027, 6, 2, 9, 0);

        // The page is the representative's own: their country only; nobody else has one.
        let v = europe::representing(&db, &nl, 2027, now).await.unwrap();
        assert_eq!(v.countries.len(), 1, "{name}");
        assert_eq!(v.countries[0].country, "NL");
        assert!(v.open && v.countries[0].entries.is_empty());
        assert_eq!(
            v.countries[0].home_round, None,
            "{name}: the Dutch round is not on the portal"
        );
        for outsider in [&sec, &j.admin, &j.applicant] {
            assert_eq!(
                europe::representing(&db, outsider, 2027, now).await,
                Err(AppError::NotFound),
                "{name}"
            );
        }

        // Entering: the organisation is needed; another country's projects are not theirs.
        assert_eq!(
            europe::enter_directly(&db, &nl, 2027, "NL", "  ", true, now).await,
            Err(AppError::Invalid(vec![FieldError::new(
                "organisation.NL",
                Problem::Required
            )])),
            "{name}"
        );
        assert_eq!(
            europe::enter_directly(&db, &nl, 2027, "DK", "Københavns Kommune", true, now).await,
            Err(AppError::Forbidden),
            "{name}"
        );
        let id = europe::enter_directly(&db, &nl, 2027, "nl", "Gemeente Utrecht", true, now)
            .await
            .unwrap();
        let e = entry::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(e.reference, format!("ECPA-2027-NL-{id:04}"), "{name}");
        assert!(e.competing && e.status == EntryStatus::Draft);
        let org = organisation::Entity::find_by_id(e.organisation_id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(org.name, "Gemeente Utrecht", "{name}");

        // The representative writes it on the entry form, attaches and submits; another
        // country's representative and Sweden's applicants cannot even see it.
        let view = applicant::view(&db, &nl, id, now).await.unwrap();
        assert!(view.editable, "{name}");
        for other in [&dk, &j.applicant] {
            assert_eq!(
                applicant::view(&db, other, id, now).await.map(|_| ()),
                Err(AppError::NotFound),
                "{name}"
            );
        }
        // The final's form is in English: the summary is needed in English, and neither the
        // Swedish summary nor the Swedish round's checklist applies.
        assert!(view.english, "{name}");
        let mut text = complete();
        text.title = "Safe neighbourhoods in Utrecht".into();
        text.organisation_display = "Gemeente Utrecht".into();
        text.public_summary_sv.clear();
        text.checklist.clear();
        text.public_summary_en.clear();
        let saved = applicant::save(&db, &nl, id, view.revision, text.clone(), now)
            .await
            .unwrap();
        assert_eq!(
            applicant::submit(&db, &unwatched(), &nl, id, saved.revision, now, "http://x")
                .await
                .map(|_| ()),
            Err(AppError::Invalid(vec![FieldError::new(
                "public_summary_en",
                Problem::Required
            )])),
            "{name}"
        );
        text.public_summary_en = "Residents and police walk the streets together.".into();
        let saved = applicant::save(&db, &nl, id, saved.revision, text.clone(), now)
            .await
            .unwrap();
        let uploads = tempfile::tempdir().unwrap();
        upload_pdf(&db, &nl, uploads.path(), id, "evaluatie.pdf", now).await;
        assert!(
            attachments::upload(&db, &dk, uploads.path(), id, "x.pdf", PDF.to_vec(), now)
                .await
                .is_err(),
            "{name}"
        );
        let sent = applicant::submit(&db, &unwatched(), &nl, id, saved.revision, now, "http://x")
            .await
            .unwrap();
        assert_eq!(sent.status, EntryStatus::Submitted, "{name}");

        // One competing entry per country: a second one is good practice, as a start and as a
        // submission; a good-practice project goes in.
        assert_eq!(
            europe::enter_directly(&db, &nl, 2027, "NL", "Politie Utrecht", true, now).await,
            Err(AppError::Conflict(Conflict::AlreadyEntered)),
            "{name}"
        );
        let second = europe::enter_directly(&db, &nl, 2027, "NL", "Politie Utrecht", false, now)
            .await
            .unwrap();
        let mut claim = text.clone();
        claim.title = "Street coaches".into();
        let saved = applicant::save(&db, &nl, second, 1, claim.clone(), now)
            .await
            .unwrap();
        assert_eq!(
            applicant::submit(
                &db,
                &unwatched(),
                &nl,
                second,
                saved.revision,
                now,
                "http://x"
            )
            .await
            .map(|_| ()),
            Err(AppError::Conflict(Conflict::AlreadyEntered)),
            "{name}: the draft claims the competing place, which is taken"
        );
        claim.competing = false;
        let saved = applicant::save(&db, &nl, second, saved.revision, claim, now)
            .await
            .unwrap();
        applicant::submit(
            &db,
            &unwatched(),
            &nl,
            second,
            saved.revision,
            now,
            "http://x",
        )
        .await
        .unwrap();
        let v = europe::representing(&db, &nl, 2027, now).await.unwrap();
        let listed: Vec<(&str, bool, EntryStatus)> = v.countries[0]
            .entries
            .iter()
            .map(|e| (e.title.as_str(), e.competing, e.status))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "Safe neighbourhoods in Utrecht",
                    true,
                    EntryStatus::Submitted
                ),
                ("Street coaches", false, EntryStatus::Submitted),
            ],
            "{name}"
        );
        assert!(v.countries[0].competing_entered);

        // A country with projects stays in the final.
        match europe::save(
            &db,
            &unwatched(),
            &sec,
            2027,
            &FinalSettings {
                theme: "Radicalisation",
                deadline: "2027-10-01T12:00",
                countries: &countries(&["SE", "DK"]),
                ..Default::default()
            },
            now,
        )
        .await
        {
            Err(AppError::Invalid(p)) => assert_eq!(
                p,
                vec![FieldError::new("countries", Problem::HasEntries)],
                "{name}"
            ),
            other => panic!("{name}: {other:?}"),
        }

        // After the deadline nothing more goes in, and the entries stay as submitted.
        let late = at(2027, 10, 1, 12, 0);
        assert_eq!(
            europe::enter_directly(&db, &nl, 2027, "NL", "Politie Utrecht", false, late).await,
            Err(AppError::Conflict(Conflict::Closed)),
            "{name}"
        );
        assert!(!applicant::view(&db, &nl, id, late).await.unwrap().editable);
        assert!(
            !europe::representing(&db, &nl, 2027, late)
                .await
                .unwrap()
                .open
        );
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("final.enter")).await,
            2,
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_representatives_page_works_without_javascript_in_both_languages() {
    on_each_backend(|db, name| async move {
        jury(&db).await;
        final_2027(&db).await;
        let now = at(2027, 6, 2, 9, 0);
        let s = TestServer::start(db.clone(), now).await;
        let nl = signed_in(&s, "ecpa@politie.nl").await;

        let body = page_text(&nl, format!("{}/account", s.base)).await;
        assert!(
            body.contains(r#"href="/representative/2027""#),
            "{name}: linked from the account"
        );
        let page = "/representative/2027";
        let body = page_text(&nl, format!("{}{page}", s.base)).await;
        assert!(body.contains("Bidrag till Europafinalen 2027"), "{name}");
        assert!(body.contains("Nederländerna"), "{name}");
        assert!(body.contains("Inga projekt är anmälda ännu."), "{name}");
        assert!(
            !body.contains("Vinnaren i den nationella omgången"),
            "{name}: no round of the Netherlands on the portal"
        );

        // The form without JavaScript: a missing organisation comes back to its field; a
        // complete one goes on to the new entry's form.
        let enter = async |organisation: &str, lang: &str| {
            let form = [
                ("year", "2027"),
                ("country", "NL"),
                ("organisation", organisation),
                ("kind", "competing"),
                ("lang", lang),
            ];
            location(&s.form_post(&nl, "/api/enter_directly", page, &form).await)
        };
        let back = enter("", "sv").await;
        assert!(back.contains("__err"), "{name}: {back}");
        let body = page_text(&nl, &back).await;
        assert!(body.contains("Fyll i fältet."), "{name}: {body}");
        let to = enter("Gemeente Utrecht", "en").await;
        assert!(to.starts_with("/en/entries/"), "{name}: {to}");
        let body = page_text(&nl, format!("{}{to}", s.base)).await;
        assert!(body.contains("Gemeente Utrecht"), "{name}");

        let body = page_text(&nl, format!("{}/en{page}", s.base)).await;
        assert!(
            body.contains("Entries for the European final 2027"),
            "{name}"
        );
        assert!(body.contains("the Netherlands"), "{name}");
        assert!(body.contains("Competing entry"), "{name}");
        // The projects' table scrolls in a frame a keyboard reaches, named for the country.
        assert!(
            body.contains(r#"aria-label="the Netherlands – Projects entered""#)
                && body.contains(r#"class="table-scroll""#),
            "{name}: {body}"
        );
        assert_eq!(
            crate::matrix::unreachable_frames(&body),
            Vec::<&str>::new(),
            "{name}"
        );
        assert!(
            !body.contains("The country has its competing entry already"),
            "{name}: a draft does not take the competing place yet"
        );

        // Someone who represents no country has no such page.
        let other = signed_in(&s, "sekretariat@eucpn.eu").await;
        let res = other.get(format!("{}{page}", s.base)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{name}");
    })
    .await;
}
