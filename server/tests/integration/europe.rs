//! The European final as the EUCPN secretariat sets it up: the year's theme, the deadline for
//! national entries and the member states taking part, and each country's representative; who
//! may do it; and the pages without JavaScript in both languages. On SQLite and PostgreSQL.

use crate::common::{TestServer, at, audited, location, on_each_backend, page_text, unwatched};
use crate::jury::{actor, jury};
use crate::people::{person, signed_in};
use app::backend::competition::{self, EUROPEAN};
use app::backend::entities::{audit_log, final_country};
use app::backend::europe::{self, FinalSettings};
use app::error::{AppError, FieldError, Problem};
use app::model::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub(crate) fn countries(codes: &[&str]) -> Vec<String> {
    codes.iter().map(|c| c.to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_opens_the_final_and_names_each_countrys_representative() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 6, 1, 9, 0);
        let sec = actor(
            &db,
            person(&db, "sekretariat@eucpn.eu", None, &[Role::Secretariat]).await,
        )
        .await;
        let nl = person(&db, "rep@politie.nl", None, &[]).await;

        // Nobody else may: not Brå's organiser, not a juror, not an applicant.
        for outsider in [&j.admin, &j.chair, &j.applicant] {
            assert_eq!(
                europe::view(&db, outsider, 2027).await,
                Err(AppError::Forbidden),
                "{name}"
            );
            assert_eq!(
                europe::save(
                    &db,
                    &unwatched(),
                    outsider,
                    2027,
                    &FinalSettings {
                        theme: "Theme",
                        deadline: "2027-10-01T12:00",
                        countries: &[],
                        ..Default::default()
                    },
                    now
                )
                .await,
                Err(AppError::Forbidden),
                "{name}"
            );
        }

        // Before it is opened the page is empty; a form with nothing in it names what is missing.
        let v = europe::view(&db, &sec, 2027).await.unwrap();
        assert!(!v.opened && v.countries.len() == 27 && v.countries.iter().all(|c| !c.taking_part));
        match europe::save(
            &db,
            &unwatched(),
            &sec,
            2027,
            &FinalSettings {
                theme: " ",
                deadline: "",
                countries: &countries(&["XX"]),
                ..Default::default()
            },
            now,
        )
        .await
        {
            Err(AppError::Invalid(p)) => assert_eq!(
                p,
                vec![
                    FieldError {
                        field: "theme".into(),
                        problem: Problem::Required
                    },
                    FieldError {
                        field: "deadline".into(),
                        problem: Problem::Required
                    },
                    FieldError {
                        field: "countries".into(),
                        problem: Problem::InvalidChoice
                    },
                ],
                "{name}"
            ),
            other => panic!("{name}: {other:?}"),
        }
        let settings = FinalSettings {
            theme: " Preventing the radicalisation of young people ",
            deadline: "2027-10-01T12:00",
            countries: &countries(&["se", "NL", "DK"]),
            ..Default::default()
        };
        europe::save(&db, &unwatched(), &sec, 2027, &settings, now)
            .await
            .unwrap();

        // The final is a round of its own: the home country's 2027 is untouched.
        let home = competition::by_year(&db, 2027).await.unwrap();
        assert_eq!(home.theme_sv, "Återfall", "{name}");
        let f = europe::final_of(&db, 2027).await.unwrap().unwrap();
        assert_eq!(
            (f.round_kind.as_str(), f.country.as_str(), f.home),
            (EUROPEAN, "EU", false)
        );
        assert_eq!(
            f.closes_at,
            Some(at(2027, 10, 1, 12, 0)),
            "{name}: Stockholm time, stored UTC"
        );

        // Representatives: an account by its address; an unknown address is named as such.
        match europe::save_representative(&db, &sec, 2027, "NL", "nobody@politie.nl", now).await {
            Err(AppError::Invalid(p)) => assert_eq!(p[0].problem, Problem::NoAccount),
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(
            europe::save_representative(&db, &sec, 2027, "FR", "rep@politie.nl", now).await,
            Err(AppError::NotFound),
            "{name}: France does not take part"
        );
        europe::save_representative(&db, &sec, 2027, "NL", " Rep@Politie.nl ", now)
            .await
            .unwrap();
        let v = europe::view(&db, &sec, 2027).await.unwrap();
        assert!(v.opened);
        assert_eq!(v.theme, "Preventing the radicalisation of young people");
        assert_eq!(v.deadline, "2027-10-01T12:00");
        let taking: Vec<&str> = v
            .countries
            .iter()
            .filter(|c| c.taking_part)
            .map(|c| c.country.as_str())
            .collect();
        assert_eq!(taking, ["DK", "NL", "SE"], "{name}");
        let nl_row = v.countries.iter().find(|c| c.country == "NL").unwrap();
        assert_eq!(
            nl_row.representative,
            Some(("Person rep@politie.nl".into(), "rep@politie.nl".into()))
        );

        // Taking a country out removes it and its representative; the rest stay.
        let settings = FinalSettings {
            theme: "Radicalisation",
            deadline: "2027-10-02T12:00",
            countries: &countries(&["SE", "DK"]),
            ..Default::default()
        };
        europe::save(&db, &unwatched(), &sec, 2027, &settings, now)
            .await
            .unwrap();
        let rows = final_country::Entity::find()
            .filter(final_country::Column::CompetitionId.eq(f.id))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 2, "{name}");
        assert!(rows.iter().all(|r| r.representative_id != Some(nl)));
        assert_eq!(
            audited(&db, audit_log::Column::Action.starts_with("final.")).await,
            3,
            "{name}: opened, representative, changed"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_final_pages_work_without_javascript_in_both_languages() {
    on_each_backend(|db, name| async move {
        let now = at(2027, 6, 1, 9, 0);
        person(&db, "sekretariat@eucpn.eu", None, &[Role::Secretariat]).await;
        person(&db, "rep@politie.nl", None, &[]).await;
        let s = TestServer::start(db.clone(), now).await;
        let sec = signed_in(&s, "sekretariat@eucpn.eu").await;

        let body = page_text(&sec, format!("{}/account", s.base)).await;
        assert!(
            body.contains(r#"href="/admin/europe""#),
            "{name}: linked from the account"
        );
        let body = page_text(&sec, format!("{}/admin/europe", s.base)).await;
        assert!(
            body.contains(r#"href="/admin/europe/2027""#),
            "{name}: this year to open"
        );
        assert!(body.contains("inte öppnad ännu"), "{name}");

        let page = "/admin/europe/2027";
        let body = page_text(&sec, format!("{}{page}", s.base)).await;
        assert!(body.contains("Europafinalen 2027"), "{name}");
        assert!(body.contains("Öppna finalen"), "{name}");
        assert!(
            body.contains(r#"name="countries[24]" value="SE""#),
            "{name}: {body}"
        );

        let res = s
            .form_post(
                &sec,
                "/api/save_final",
                page,
                &[
                    ("year", "2027"),
                    ("theme", "Radicalisation"),
                    ("deadline", "2027-10-01T12:00"),
                    ("judging_closes", "2027-10-20T12:00"),
                    ("countries[6]", "DK"),
                    ("countries[20]", "NL"),
                    ("countries[24]", "SE"),
                ],
            )
            .await;
        assert_eq!(
            location(&res),
            format!("{}{page}?__ok=save_final", s.base),
            "{name}"
        );
        let res = s
            .form_post(
                &sec,
                "/api/save_representative",
                page,
                &[
                    ("year", "2027"),
                    ("country", "NL"),
                    ("email", "rep@politie.nl"),
                ],
            )
            .await;
        assert_eq!(
            location(&res),
            format!("{}{page}?__ok=save_representative", s.base)
        );
        let body = page_text(&sec, format!("{}/en{page}", s.base)).await;
        assert!(body.contains("European final 2027"), "{name}");
        assert!(body.contains("Save the final"), "{name}: opened now");
        assert!(
            body.contains("Person rep@politie.nl (rep@politie.nl)"),
            "{name}"
        );
        assert!(body.contains("the Netherlands"), "{name}");
        assert!(
            body.contains("The jury’s scoring closes")
                && body.contains(
                    r#"name="judging_closes" type="datetime-local" value="2027-10-20T12:00""#
                ),
            "{name}: {body}"
        );

        // A wrong address comes back to the page with the reason at its field.
        let res = s
            .form_post(
                &sec,
                "/api/save_representative",
                page,
                &[
                    ("year", "2027"),
                    ("country", "DK"),
                    ("email", "ingen@politi.dk"),
                ],
            )
            .await;
        let back = location(&res);
        assert!(back.contains("__err"), "{name}: {back}");
        let body = page_text(&sec, &back).await;
        assert!(
            body.contains("Det finns inget konto med den adressen."),
            "{name}: {body}"
        );

        // So does a closing date for the jury before the deadline for entries.
        let form = [
            ("year", "2027"),
            ("theme", "Radicalisation"),
            ("deadline", "2027-10-01T12:00"),
            ("judging_closes", "2027-09-30T12:00"),
            ("countries[24]", "SE"),
        ];
        let back = location(&s.form_post(&sec, "/api/save_final", page, &form).await);
        assert!(back.contains("__err"), "{name}: {back}");
        let body = page_text(&sec, &back).await;
        assert!(
            body.contains("Juryns bedömning kan stänga först efter sista dag för bidrag."),
            "{name}: {body}"
        );
        assert_eq!(
            europe::final_of(&db, 2027)
                .await
                .unwrap()
                .unwrap()
                .deliberation_at,
            Some(at(2027, 10, 20, 12, 0)),
            "{name}: nothing was saved"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_swedish_representative_forwards_the_national_winner_in_one_action() {
    use app::backend::dossier;
    use app::backend::entities::{attachment, entry};
    use app::backend::entries::applicant;
    use app::error::Conflict;
    use chrono::Duration;
    on_each_backend(|db, name| async move {
        let (j, _server) = crate::dossier::decided_with_report(&db, "utvärdering.pdf").await;
        let now = j.deliberation + Duration::days(1);
        let sec = actor(
            &db,
            person(&db, "sekretariat@eucpn.eu", None, &[Role::Secretariat]).await,
        )
        .await;
        let rep = actor(&db, person(&db, "ecpa@bra.se", None, &[]).await).await;
        let deadline = "2027-10-15T12:00";
        let settings = FinalSettings {
            theme: "Radicalisation",
            deadline,
            countries: &countries(&["SE", "NL"]),
            ..Default::default()
        };
        europe::save(&db, &unwatched(), &sec, j.year, &settings, now)
            .await
            .unwrap();

        // Only Sweden's representative may, and only once they are named.
        assert_eq!(
            europe::forward_winner(&db, &rep, j.year, now).await,
            Err(AppError::Forbidden)
        );
        europe::save_representative(&db, &sec, j.year, "SE", "ecpa@bra.se", now)
            .await
            .unwrap();
        for other in [&j.admin, &sec, &j.applicant] {
            assert_eq!(
                europe::forward_winner(&db, other, j.year, now).await,
                Err(AppError::Forbidden),
                "{name}"
            );
        }
        // The winner's English text is not complete yet: nothing goes.
        assert_eq!(
            europe::forward_winner(&db, &rep, j.year, now).await,
            Err(AppError::Conflict(Conflict::EnglishIncomplete)),
            "{name}"
        );
        let english = crate::dossier::english("Risk-reducing interventions – Göteborg");
        dossier::save_english(&db, &j.admin, j.year, 0, english.clone(), now)
            .await
            .unwrap();

        let id = europe::forward_winner(&db, &rep, j.year, now)
            .await
            .unwrap();
        let e = entry::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let f = europe::final_of(&db, j.year).await.unwrap().unwrap();
        assert_eq!(
            (e.competition_id, e.country.as_str(), e.competing),
            (f.id, "SE", true)
        );
        assert_eq!(e.reference, format!("ECPA-2027-SE-{id:04}"), "{name}");
        assert_eq!(
            e.forwarded_from,
            Some(j.entries[0]),
            "{name}: where it came from"
        );
        assert_eq!(
            e.title, english.title,
            "{name}: the English title is the entry's"
        );
        // The jury of the final reads it as submitted, with the facts and files of the winner.
        let judged = applicant::last_submitted(&db, id).await.unwrap().unwrap();
        assert_eq!(
            judged.sections.evaluation, english.sections.evaluation,
            "{name}"
        );
        assert_eq!(judged.english, english);
        assert_eq!(judged.contacts[0].name, "Anna Andersson", "{name}");
        assert_eq!(judged.organisation_display, "Polismyndigheten");
        let files = attachment::Entity::find()
            .filter(attachment::Column::EntryId.eq(id))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(files.len(), 1, "{name}");
        assert_eq!(files[0].file_name, "utvärdering.pdf");
        // The national round is as it was: its winner is still its own entry.
        assert_eq!(
            competition::by_year(&db, j.year).await.unwrap().id,
            entry::Entity::find_by_id(j.entries[0])
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .competition_id
        );

        // The winner's organisation reads the final's entry, but it is not theirs to change.
        let view = applicant::view(&db, &j.applicant, id, now).await.unwrap();
        assert!(!view.editable, "{name}");
        let revision = view.revision;
        assert!(
            applicant::save(&db, &j.applicant, id, revision, judged.clone(), now)
                .await
                .is_err(),
            "{name}: an applicant cannot edit the final's entry"
        );

        // One competing entry per country; after the deadline nothing more.
        assert_eq!(
            europe::forward_winner(&db, &rep, j.year, now).await,
            Err(AppError::Conflict(Conflict::AlreadyEntered)),
            "{name}"
        );
        let late = at(2027, 10, 15, 12, 0);
        assert_eq!(
            europe::forward_winner(&db, &rep, j.year, late).await,
            Err(AppError::Conflict(Conflict::Closed)),
            "{name}"
        );
        assert_eq!(
            audited(&db, audit_log::Column::Action.eq("final.forward")).await,
            1,
            "{name}"
        );
    })
    .await;
}
