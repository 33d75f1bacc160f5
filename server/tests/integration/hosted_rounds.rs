//! Other countries' national rounds hosted on the portal: the EUCPN secretariat hosts a member
//! state's round and names its organisers; they set its dates, screen its entries, invite its
//! jury, decide and release, in English. Each round keeps to itself: Brå's organiser, the
//! secretariat, and the home round's jurors see nothing of it, and its organiser nothing of the
//! home round. On SQLite and PostgreSQL.

use crate::common::{at, on_each_backend, unwatched};
use crate::entries::complete;
use crate::jury::{actor, jury, last_mail_to, sheet, token_in};
use crate::people::{PASSWORD, person};
use crate::representative::final_2027;
use crate::screening::screened;
use app::backend::accounts::{self, Actor};
use app::backend::entries::{applicant, deadline_reminders, screening};
use app::backend::publication::release;
use app::backend::{jury, jury_setup, rounds};
use app::error::{AppError, FieldError, Problem};
use app::model::{Country, Role, RoundDates, RoundRef, SheetStatus};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

fn nl() -> Country {
    Country::parse("NL").unwrap()
}

fn dates(opens: &str, closes: &str, judging: &str, deliberation: &str) -> RoundDates {
    RoundDates {
        opens: opens.into(),
        closes: closes.into(),
        judging: judging.into(),
        deliberation: deliberation.into(),
        anonymous: false,
    }
}

/// A Dutch applicant's entry in the Dutch round, written in English and submitted.
async fn dutch_entry(db: &DatabaseConnection, who: &Actor, title: &str, now: DateTime<Utc>) -> i32 {
    let id = applicant::start(
        db,
        who,
        RoundRef::national(2027, nl()),
        who.organisations[0],
        now,
    )
    .await
    .unwrap();
    let mut text = complete();
    text.title = title.into();
    text.public_summary_sv = String::new();
    text.public_summary_en = format!("{title}, in short.");
    let saved = applicant::save(db, who, id, 1, text, now).await.unwrap();
    applicant::submit(db, &unwatched(), who, id, saved.revision, now, "http://x")
        .await
        .unwrap();
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_hosts_another_countrys_round_and_only_its_organisers_run_it() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let (sec, _, _) = final_2027(&db).await;
        let now = at(2027, 1, 10, 9, 0);
        let organiser_id = person(&db, "ecpa@ccv.nl", None, &[]).await;

        // Hosting is the secretariat's, for a member state taking part other than the home
        // country, with an organiser who has an account.
        assert_eq!(
            rounds::host(&db, &j.admin, 2027, "NL", "ecpa@ccv.nl", now).await,
            Err(AppError::Forbidden),
            "{name}: Brå's organiser does not host other countries' rounds"
        );
        for country in ["SE", "FR", "XX"] {
            assert_eq!(
                rounds::host(&db, &sec, 2027, country, "ecpa@ccv.nl", now).await,
                Err(AppError::NotFound),
                "{name}: {country} is the home country, not taking part, or no country"
            );
        }
        assert_eq!(
            rounds::host(&db, &sec, 2027, "NL", "nobody@ccv.nl", now).await,
            Err(AppError::Invalid(vec![FieldError::new(
                "organiser.NL",
                Problem::NoAccount
            )])),
            "{name}"
        );
        rounds::host(&db, &sec, 2027, "NL", "ecpa@ccv.nl", now)
            .await
            .unwrap();
        // Naming the same organiser again changes nothing; the round is not hosted twice.
        rounds::host(&db, &sec, 2027, "NL", "ecpa@ccv.nl", now)
            .await
            .unwrap();
        let organiser = actor(&db, organiser_id).await;
        let final_view = app::backend::europe::view(&db, &sec, 2027).await.unwrap();
        let hosted: Vec<(String, bool, usize)> = final_view
            .hosted
            .iter()
            .map(|h| (h.country.code().to_string(), h.hosted, h.organisers.len()))
            .collect();
        assert_eq!(
            hosted,
            vec![("DK".into(), false, 0), ("NL".into(), true, 1)],
            "{name}: Sweden is the home country and is not offered"
        );

        // The round's page is its organisers'; neither Brå nor the secretariat open it.
        let dutch = RoundRef::national(2027, nl());
        let v = rounds::view(&db, &organiser, 2027, nl(), now)
            .await
            .unwrap();
        assert_eq!(
            (v.theme.as_str(), v.organisers.len(), v.submitted),
            ("Radicalisation", 1, 0),
            "{name}: the theme is the final's"
        );
        for other in [&j.admin, &sec, &j.chair] {
            assert_eq!(
                rounds::view(&db, other, 2027, nl(), now).await.map(|_| ()),
                Err(AppError::Forbidden),
                "{name}"
            );
        }
        // The dates come in order; the organiser's own.
        assert_eq!(
            rounds::save_dates(
                &db,
                &unwatched(),
                &organiser,
                2027,
                nl(),
                dates("2027-05-01T09:00", "2027-03-01T09:00", "", ""),
                now
            )
            .await,
            Err(AppError::Invalid(vec![FieldError::new(
                "closes",
                Problem::OutOfOrder
            )])),
            "{name}"
        );
        let good = dates(
            "2027-03-01T09:00",
            "2027-08-20T23:59",
            "2027-09-01T09:00",
            "2027-09-20T09:00",
        );
        // The round's jurors review anonymously: kept with the dates.
        let good = RoundDates {
            anonymous: true,
            ..good
        };
        assert_eq!(
            rounds::save_dates(&db, &unwatched(), &j.admin, 2027, nl(), good.clone(), now).await,
            Err(AppError::Forbidden),
            "{name}"
        );
        rounds::save_dates(&db, &unwatched(), &organiser, 2027, nl(), good.clone(), now)
            .await
            .unwrap();
        assert_eq!(
            rounds::view(&db, &organiser, 2027, nl(), now)
                .await
                .unwrap()
                .dates,
            good,
            "{name}"
        );
        // A hosted round's organiser holds no role until two-step verification is on, where
        // the portal requires it.
        let held = accounts::session_actor(&db, organiser_id, now.timestamp(), true)
            .await
            .unwrap()
            .unwrap();
        assert!(held.rounds.is_empty() && held.roles_on_hold, "{name}");

        // A second organiser, named by mistake, is taken off by the secretariat alone: they
        // then run nothing and read nothing of the round.
        let second = person(&db, "tijdelijk@ccv.nl", None, &[]).await;
        rounds::host(&db, &sec, 2027, "NL", "tijdelijk@ccv.nl", now)
            .await
            .unwrap();
        let v = rounds::view(&db, &actor(&db, second).await, 2027, nl(), now)
            .await
            .unwrap();
        assert_eq!(v.organisers.len(), 2, "{name}");
        for who in [&organiser, &j.admin] {
            assert_eq!(
                rounds::remove_organiser(&db, who, 2027, nl(), second, now).await,
                Err(AppError::Forbidden),
                "{name}"
            );
        }
        rounds::remove_organiser(&db, &sec, 2027, nl(), second, now)
            .await
            .unwrap();
        assert_eq!(
            rounds::remove_organiser(&db, &sec, 2027, nl(), second, now).await,
            Err(AppError::NotFound),
            "{name}: not an organiser any more"
        );
        let gone = actor(&db, second).await;
        assert!(gone.rounds.is_empty(), "{name}");
        assert_eq!(
            rounds::view(&db, &gone, 2027, nl(), now).await.map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );
        let final_view = app::backend::europe::view(&db, &sec, 2027).await.unwrap();
        assert_eq!(
            final_view.hosted[1]
                .organisers
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>(),
            vec!["Person ecpa@ccv.nl"],
            "{name}"
        );

        // A Dutch applicant enters the Dutch round, in English.
        let open = at(2027, 5, 2, 9, 0);
        let utrecht = actor(
            &db,
            person(
                &db,
                "wijk@utrecht.nl",
                Some("Gemeente Utrecht"),
                &[Role::Applicant],
            )
            .await,
        )
        .await;
        let mine = applicant::mine(&db, &utrecht, open).await.unwrap();
        assert_eq!(
            mine.open_rounds.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
            vec![dutch],
            "{name}: the hosted round is open to applicants"
        );
        let lit = dutch_entry(&db, &utrecht, "Lit streets", open).await;
        let view = applicant::view(&db, &utrecht, lit, open).await.unwrap();
        assert!(view.english, "{name}: the round works in English");
        let second = dutch_entry(&db, &utrecht, "Neighbours watch", open).await;

        // Each round's entries are its own organiser's: Brå's organiser, the secretariat and
        // the home round's jurors see nothing of the Dutch ones, and the Dutch organiser nothing
        // of Sweden's.
        applicant::readable(&db, &organiser, lit).await.unwrap();
        for other in [&j.admin, &sec, &j.chair] {
            assert_eq!(
                applicant::readable(&db, other, lit).await.map(|_| ()),
                Err(AppError::NotFound),
                "{name}"
            );
        }
        assert_eq!(
            applicant::readable(&db, &organiser, j.entries[0])
                .await
                .map(|_| ()),
            Err(AppError::NotFound),
            "{name}"
        );
        let screening_time = at(2027, 8, 25, 9, 0);
        assert_eq!(
            screening::list(&db, &organiser, dutch, screening_time)
                .await
                .unwrap()
                .rows
                .len(),
            2,
            "{name}"
        );
        assert_eq!(
            screening::list(&db, &j.admin, dutch, screening_time)
                .await
                .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            screening::list(&db, &organiser, j.year, screening_time)
                .await
                .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );
        let screen = |who: Actor, id: i32| {
            let db = db.clone();
            async move { screened(&db, &who, id, true, "", screening_time).await }
        };
        assert_eq!(
            screen(j.admin.clone(), lit).await,
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            screen(organiser.clone(), j.entries[0]).await,
            Err(AppError::Forbidden),
            "{name}"
        );
        screen(organiser.clone(), lit).await.unwrap();
        // The screening mail is the round's, not Brå's.
        let screened = last_mail_to(&db, "wijk@utrecht.nl").await;
        assert_eq!(screened.template, "screening_result", "{name}");
        assert!(
            screened
                .body_text
                .contains("nationella omgången i Nederländerna")
                && !screened.body_text.contains("Brå har granskat"),
            "{name}: {}",
            screened.body_text
        );

        // Its own jury: invited by its organiser, in English to a new address.
        assert_eq!(
            jury_setup::invite(&db, &j.admin, dutch, "jurist@ccv.nl", now, "http://x").await,
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            jury_setup::overview(&db, &organiser, j.year, now)
                .await
                .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );
        jury_setup::invite(&db, &organiser, dutch, "jurist@ccv.nl", now, "http://x")
            .await
            .unwrap();
        let invitation = last_mail_to(&db, "jurist@ccv.nl").await;
        assert_eq!(invitation.language, "en", "{name}");
        assert!(
            invitation.subject.contains("the Netherlands")
                && !invitation.body_text.contains("Brå invites"),
            "{name}: {}",
            invitation.subject
        );
        let juror_id = jury_setup::respond(
            &db,
            &token_in(&invitation.body_text),
            None,
            true,
            "Juror NL",
            PASSWORD,
            app::i18n::Lang::En,
            now,
        )
        .await
        .unwrap()
        .expect("a new account");
        let juror = actor(&db, juror_id).await;
        let judging = at(2027, 9, 2, 9, 0);
        let home = jury::juror_home(&db, &juror, dutch, judging).await.unwrap();
        let states: Vec<(i32, SheetStatus)> = home
            .entries
            .iter()
            .map(|e| (e.entry_id, e.status))
            .collect();
        assert_eq!(
            states,
            vec![
                (lit, SheetStatus::NotStarted),
                (second, SheetStatus::NotStarted)
            ],
            "{name}"
        );
        assert_eq!(
            jury::juror_home(&db, &juror, j.year, judging)
                .await
                .map(|_| ()),
            Err(AppError::NotFound),
            "{name}: not on Sweden's jury"
        );
        assert_eq!(
            jury::juror_home(&db, &j.j2, dutch, judging)
                .await
                .map(|_| ()),
            Err(AppError::NotFound),
            "{name}: Sweden's juror is not on the Dutch jury"
        );
        assert!(
            jury::scoring_view(&db, &j.j2, lit, judging).await.is_err(),
            "{name}: nor opens a Dutch entry"
        );
        assert!(
            jury::scoring_view(&db, &juror, j.entries[0], judging)
                .await
                .is_err(),
            "{name}: nor the Dutch juror a Swedish one"
        );
        // Reminded now by the round's organiser, the juror is led to the Dutch round's list.
        jury_setup::remind_now(&db, &organiser, dutch, juror_id, judging, "http://x")
            .await
            .unwrap();
        // The scheduled reminders reach the round's jury too: three days before its
        // deliberation (20 September, 09:00 in Stockholm), in the round's own words.
        let by_hand = last_mail_to(&db, "jurist@ccv.nl").await;
        jury_setup::send_reminders(&db, at(2027, 9, 17, 9, 0), "http://x")
            .await
            .unwrap();
        let scheduled = last_mail_to(&db, "jurist@ccv.nl").await;
        assert!(scheduled.id > by_hand.id, "{name}: reminded on schedule");
        for m in [&by_hand, &scheduled] {
            assert_eq!(m.template, "jury_reminder", "{name}");
            assert!(
                m.subject.contains("the Netherlands")
                    && !m.subject.contains("Sweden")
                    && m.body_text.contains("national round of the Netherlands")
                    && m.body_text.contains("http://x/en/rounds/nl/2027/jury"),
                "{name}: {} {}",
                m.subject,
                m.body_text
            );
        }
        for (id, scores) in [(lit, [5, 5, 4, 4, 5]), (second, [3, 3, 3, 3, 3])] {
            let saved =
                jury::save_sheet(&db, &juror, id, 0, sheet(scores, "Clear"), false, judging)
                    .await
                    .unwrap();
            jury::save_sheet(
                &db,
                &juror,
                id,
                saved.revision,
                sheet(scores, "Clear"),
                true,
                judging,
            )
            .await
            .unwrap();
        }

        // The decision and the release are the organiser's, with the motivation in English.
        let deliberation = at(2027, 9, 21, 9, 0);
        let decision = |motivation_en: &str| jury::DecisionInput {
            winner: lit,
            runners_up: vec![],
            mentions: vec![],
            motivation_sv: String::new(),
            motivation_en: motivation_en.into(),
            tie_reason: String::new(),
        };
        assert_eq!(
            jury::decide(
                &db,
                &unwatched(),
                &j.admin,
                dutch,
                decision("Bright idea."),
                deliberation
            )
            .await,
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            jury::decide(
                &db,
                &unwatched(),
                &organiser,
                dutch,
                decision(""),
                deliberation
            )
            .await,
            Err(AppError::Invalid(vec![FieldError::new(
                "motivation_en",
                Problem::Required
            )])),
            "{name}: the round decides in English"
        );
        jury::decide(
            &db,
            &unwatched(),
            &organiser,
            dutch,
            decision("Bright idea."),
            deliberation,
        )
        .await
        .unwrap();
        assert_eq!(
            release::release(
                &db,
                &unwatched(),
                &j.admin,
                dutch,
                "",
                deliberation,
                "http://x"
            )
            .await
            .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );
        release::release(
            &db,
            &unwatched(),
            &organiser,
            dutch,
            "",
            deliberation,
            "http://x",
        )
        .await
        .unwrap();
        // The applicant hears of it in their language, about their round, with a link to the
        // entry (the round has no public pages here).
        use app::backend::entities::mail_outbox;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let outcomes: Vec<(String, String, String)> = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::ToAddress.eq("wijk@utrecht.nl"))
            .filter(mail_outbox::Column::Template.eq("round_results_published"))
            .order_by_asc(mail_outbox::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.language, m.subject, m.body_text))
            .collect();
        assert_eq!(outcomes.len(), 2, "{name}: one per entry");
        let (lang, subject, body) = &outcomes[0];
        assert_eq!(lang, "sv", "{name}: the applicant reads Swedish");
        assert!(subject.contains("Nederländerna"), "{name}: {subject}");
        assert!(
            body.contains("”Lit streets” vann") && body.contains(&format!("/entries/{lit}")),
            "{name}: {body}"
        );
        assert!(
            outcomes[1].2.contains("Neighbours watch") && !outcomes[1].2.contains(" vann"),
            "{name}"
        );
        // A draft left in the round before its deadline (20 August, 23:59 in Stockholm) is
        // reminded of a day before, in the round's words, like the home round's.
        let draft = applicant::start(
            &db,
            &utrecht,
            RoundRef::national(2027, nl()),
            utrecht.organisations[0],
            open,
        )
        .await
        .unwrap();
        let reference = applicant::view(&db, &utrecht, draft, open)
            .await
            .unwrap()
            .reference;
        deadline_reminders::send_reminders(&db, at(2027, 8, 20, 9, 0), "http://x")
            .await
            .unwrap();
        let reminder = last_mail_to(&db, "wijk@utrecht.nl").await;
        assert_eq!(reminder.template, "deadline_reminder", "{name}");
        assert!(
            reminder.subject.contains("Nederländerna")
                && !reminder.subject.contains("Sverige")
                && reminder
                    .body_text
                    .contains("nationella omgången i Nederländerna")
                && reminder.body_text.contains(&reference),
            "{name}: {} {}",
            reminder.subject,
            reminder.body_text
        );

        // Sweden's round is untouched: still judging, nothing decided.
        assert!(
            release::admin_view(&db, &j.admin, j.year, deliberation)
                .await
                .is_ok(),
            "{name}"
        );
        assert_eq!(
            release::admin_view(&db, &organiser, j.year, deliberation)
                .await
                .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );
    })
    .await;
}
