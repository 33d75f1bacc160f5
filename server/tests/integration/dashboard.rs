//! The organiser's dashboard of a year: the entries week by week, each juror's sheets, and the
//! dates ahead with the reminders that will go before them, to as many as today. Over HTTP in
//! sv and en, on SQLite and PostgreSQL.

use crate::common::{TestServer, at, on_each_backend, page_text};
use crate::jury::{jury, sheet};
use crate::people::signed_in;
use crate::screening::screened;
use app::backend::{dashboard, jury as judging};
use app::error::AppError;
use app::model::{Milestone, WeekCount};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_sees_the_entries_the_jurors_and_what_comes_next() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        // A Thursday in judging: the entries were started and sent on Saturday 1 May.
        let now = at(2027, 9, 2, 12, 0);
        judging::save_sheet(&db, &j.j2, j.entries[0], 0, sheet([3; 5], ""), true, now)
            .await
            .unwrap();
        judging::save_sheet(&db, &j.j2, j.entries[1], 0, sheet([3; 5], ""), false, now)
            .await
            .unwrap();
        judging::declare_conflict(&db, &j.j3, j.entries[0], j.j3.user_id, "Jäv", now)
            .await
            .unwrap();
        // One entry screened on Monday 23 August.
        screened(&db, &j.admin, j.entries[1], true, "", at(2027, 8, 23, 10, 0))
            .await
            .unwrap();
        let d = dashboard::year(&db, &j.admin, j.year, now).await.unwrap();

        // Week by week to this week, each counted up to it: the opening (Monday 1 March) is 27
        // weeks back, so the first of the last 26 ends on 14 March.
        assert_eq!(d.weeks.len(), 26, "{name}");
        assert_eq!(d.weeks[0].ends, "2027-03-14", "{name}");
        let week = |ends: &str| d.weeks.iter().find(|w| w.ends == ends).cloned();
        let count = |ends: &str, n, screened| WeekCount {
            ends: ends.into(),
            started: n,
            submitted: n,
            screened,
        };
        assert_eq!(week("2027-04-25"), Some(count("2027-04-25", 0, 0)), "{name}");
        assert_eq!(week("2027-05-02"), Some(count("2027-05-02", 4, 0)), "{name}");
        assert_eq!(week("2027-08-22"), Some(count("2027-08-22", 4, 0)), "{name}");
        assert_eq!(week("2027-08-29"), Some(count("2027-08-29", 4, 1)), "{name}");
        assert_eq!(d.weeks.last(), Some(&count("2027-09-02", 4, 1)), "{name}");

        // Each juror: the chair first; the conflicted juror owes one entry fewer.
        let lines: Vec<(&str, u32, u32, u32, u32)> = d
            .jurors
            .iter()
            .map(|l| (l.name.as_str(), l.to_score, l.submitted, l.drafts, l.recused))
            .collect();
        assert_eq!(
            lines,
            vec![
                ("Person chair@bra.se", 4, 0, 0, 0),
                ("Person j2@bra.se", 4, 1, 1, 0),
                ("Person j3@bra.se", 3, 0, 0, 1)
            ],
            "{name}"
        );
        assert!(d.jurors[0].chair && !d.jurors[1].chair);

        // Ahead: judging closes on 20 September with the jury's reminders 3 and 1 days before,
        // each to the three jurors with sheets left; then the publication.
        let due: Vec<(Milestone, &str, Vec<(u32, &str, u32)>)> = d
            .due
            .iter()
            .map(|l| {
                (
                    l.what,
                    l.at.date.as_str(),
                    l.reminders
                        .iter()
                        .map(|r| (r.days, r.at.date.as_str(), r.recipients))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            due,
            vec![
                (
                    Milestone::JudgingCloses,
                    "2027-09-20",
                    vec![(3, "2027-09-17", 3), (1, "2027-09-19", 3)]
                ),
                (Milestone::Publication, "2027-11-01", vec![]),
            ],
            "{name}"
        );

        // The organiser's alone.
        assert_eq!(
            dashboard::year(&db, &j.chair, j.year, now).await.unwrap_err(),
            AppError::Forbidden
        );

        // As a page, in Swedish and English.
        let s = TestServer::start(db.clone(), now).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let html = page_text(&admin, format!("{}/admin/competitions/2027/dashboard", s.base))
            .await
            .replace("<!>", "");
        for part in [
            "<h1>Översikt 2027</h1>",
            "<figcaption>Inskickade bidrag, sammanlagt vid veckans slut</figcaption>",
            "<span class=\"visually-hidden\">Veckan som slutar </span>2 maj 2027",
            "<th scope=\"row\">Person chair@bra.se (ordförande)</th><td>4</td><td>0</td><td>0</td><td>4</td><td>0</td>",
            "<th scope=\"row\">Person j3@bra.se</th><td>3</td><td>0</td><td>0</td><td>3</td><td>1</td>",
            "<strong>Bedömningen stänger</strong>: <time datetime=\"2027-09-20T09:00\">20 september 2027 kl. 09.00</time>",
            "17 september 2027 kl. 09.00: påminnelse 3 dagar före till jurymedlemmar med bedömningar kvar (i dag 3).",
        ] {
            assert!(html.contains(part), "{name}: {part}");
        }
        let en = page_text(&admin, format!("{}/en/admin/competitions/2027/dashboard", s.base))
            .await
            .replace("<!>", "");
        for part in [
            "<h1>Overview 2027</h1>",
            "<figcaption>Screened entries, in all at the end of each week</figcaption>",
            "17 September 2027 at 09:00: reminder 3 days before to jurors with sheets left (3 today).",
        ] {
            assert!(en.contains(part), "{name}: {part}");
        }
        // The year's page links to it.
        let year = page_text(&admin, format!("{}/admin/competitions/2027", s.base)).await;
        assert!(year.contains("href=\"/admin/competitions/2027/dashboard\""), "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn before_the_deadline_the_reminders_go_to_the_organisations_with_drafts() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = at(2027, 8, 1, 12, 0);
        // Another organisation's draft, started today.
        let id = crate::people::person(
            &db,
            "utkast@example.se",
            Some("Utkastkommunen"),
            &[app::model::Role::Applicant],
        )
        .await;
        let a = crate::jury::actor(&db, id).await;
        app::backend::entries::applicant::start(&db, &a, 2027, a.organisations[0], now)
            .await
            .unwrap();
        let d = dashboard::year(&db, &j.admin, j.year, now).await.unwrap();
        let last = d.weeks.last().unwrap();
        assert_eq!((last.started, last.submitted), (5, 4), "{name}");
        let deadline = &d.due[0];
        assert_eq!(
            (deadline.what, deadline.at.date.as_str()),
            (Milestone::Deadline, "2027-08-20")
        );
        assert_eq!(
            deadline
                .reminders
                .iter()
                .map(|r| (r.days, r.recipients))
                .collect::<Vec<_>>(),
            vec![(7, 1), (1, 1)],
            "{name}"
        );
        assert_eq!(
            d.due.iter().map(|l| l.what).collect::<Vec<_>>(),
            vec![
                Milestone::Deadline,
                Milestone::JudgingStarts,
                Milestone::JudgingCloses,
                Milestone::Publication
            ],
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_count_active_jurors_and_the_shortlist_has_its_date() {
    use app::model::YearDashboard;
    use chrono::Duration;
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let set_up = at(2027, 8, 1, 9, 0);
        let reminders = |d: &YearDashboard, what: Milestone| {
            d.due.iter().find(|l| l.what == what).map(|l| {
                l.reminders
                    .iter()
                    .map(|r| (r.days, r.at.date.clone(), r.recipients))
                    .collect::<Vec<_>>()
            })
        };
        let on = |days: u32, date: &str, recipients: u32| (days, date.to_string(), recipients);
        // An account taken out of use gets no reminder, so it is not counted; it stays listed.
        app::backend::admin::set_active(&db, &j.admin, j.j3.user_id, false, set_up)
            .await
            .unwrap();
        let d = dashboard::year(&db, &j.admin, j.year, set_up).await.unwrap();
        assert_eq!(
            reminders(&d, Milestone::JudgingCloses),
            Some(vec![on(3, "2027-09-17", 2), on(1, "2027-09-19", 2)]),
            "{name}"
        );
        assert_eq!(d.jurors.len(), 3, "{name}");
        assert_eq!(reminders(&d, Milestone::ShortlistCloses), None, "{name}");

        // With a shortlist round due 5 September: j2 has answered on every entry, j3 is out of
        // use, so the chair alone has answers left. No sheet is owed before the advancement.
        crate::shortlist::with_shortlist(&db, &j, set_up).await;
        let now = j.judging + Duration::hours(1);
        let all: Vec<(i32, &str)> = j.entries.iter().map(|e| (*e, "4")).collect();
        judging::save_answers(&db, &j.j2, j.year, crate::shortlist::answers(&all), now)
            .await
            .unwrap();
        let d = dashboard::year(&db, &j.admin, j.year, now).await.unwrap();
        assert_eq!(
            d.due.iter().map(|l| l.what).collect::<Vec<_>>(),
            vec![
                Milestone::ShortlistCloses,
                Milestone::JudgingCloses,
                Milestone::Publication
            ],
            "{name}"
        );
        assert_eq!(
            reminders(&d, Milestone::ShortlistCloses),
            Some(vec![on(3, "2027-09-02", 1), on(1, "2027-09-04", 1)]),
            "{name}"
        );
        assert_eq!(
            reminders(&d, Milestone::JudgingCloses),
            Some(vec![on(3, "2027-09-17", 0), on(1, "2027-09-19", 0)]),
            "{name}"
        );

        let s = TestServer::start(db.clone(), now).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let sv = page_text(&admin, format!("{}/admin/competitions/2027/dashboard", s.base))
            .await
            .replace("<!>", "");
        for part in [
            "<strong>Kortlistans svar senast</strong>: <time datetime=\"2027-09-05T09:00\">5 september 2027 kl. 09.00</time>",
            "2 september 2027 kl. 09.00: påminnelse 3 dagar före till jurymedlemmar med kortlistesvar kvar (i dag 1).",
        ] {
            assert!(sv.contains(part), "{name}: {part}");
        }
        let en = page_text(&admin, format!("{}/en/admin/competitions/2027/dashboard", s.base))
            .await
            .replace("<!>", "");
        for part in [
            "<strong>Shortlist answers due</strong>",
            "2 September 2027 at 09:00: reminder 3 days before to jurors with shortlist answers left (1 today).",
        ] {
            assert!(en.contains(part), "{name}: {part}");
        }
    })
    .await;
}
