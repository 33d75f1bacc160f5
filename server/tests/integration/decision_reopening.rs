//! Reopening the jury's decision: by the chair or the organiser, with a reason, only before the
//! results are public; the round goes back to deliberation (judging stays closed), a scheduled
//! release is taken back, the reopening is kept and audited, and the next decision starts from
//! the one taken back and keeps what the organiser wrote about the awarded projects. A reason
//! refused is kept for whoever typed it. Over HTTP without scripts too. On SQLite and
//! PostgreSQL.

use crate::common::{TestServer, alerts, discard_twice, on_each_backend, page_text, unwatched};
use crate::jury::{jury, score, sheet};
use crate::people::signed_in;
use crate::publication::{award_written, decided};
use app::backend::accounts::Actor;
use app::backend::clock::local_input;
use app::backend::competition::phase_at;
use app::backend::entities::{audit_log, award, competition, jury_decision};
use app::backend::jury::{self, DecisionInput};
use app::backend::publication::release;
use app::error::{AppError, Conflict, Problem};
use app::model::{AwardForm, Phase};
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

async fn awards(db: &DatabaseConnection) -> Vec<award::Model> {
    award::Entity::find()
        .order_by_asc(award::Column::Rank)
        .all(db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_is_reopened_with_a_reason_before_publication_and_recorded_anew() {
    on_each_backend(|db, name| async move {
        // e0 won, e1 second, e2 a mention (`decided`), recorded at j.deliberation.
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(2);
        let public = unwatched();
        // The organiser writes about the winner and schedules the release for two days later.
        let winner_award = awards(&db).await[0].id;
        let texts = (
            "Om det vinnande projektet.",
            "Juryn lyfter fram ett tydligt resultat.",
        );
        award_written(&db, &public, &j, winner_award, texts, now).await;
        let scheduled = now + Duration::days(2);
        release::release(
            &db,
            &public,
            &j.admin,
            j.year,
            &local_input(Some(scheduled)),
            now,
            "http://x",
        )
        .await
        .unwrap();

        // Only the chair and the organiser, and never without a reason.
        for who in [&j.j2, &j.applicant] {
            assert_eq!(
                jury::reopen(&db, &public, who, j.year, "Skäl", now).await,
                Err(AppError::Forbidden),
                "{name}"
            );
        }
        assert_eq!(
            jury::reopen(&db, &public, &j.chair, j.year, "  ", now).await,
            Err(AppError::invalid_field("reason", Problem::Required))
        );
        assert_eq!(
            jury::reopen(&db, &public, &j.chair, j.year, &"x".repeat(5_001), now).await,
            Err(AppError::invalid_field("reason", Problem::TooLong))
        );
        assert_eq!(
            jury_decision::Entity::find().count(&db).await.unwrap(),
            1,
            "{name}: a refused reopening changes nothing"
        );

        let reason = "Ett av bidragen var felaktigt registrerat.";
        jury::reopen(&db, &public, &j.chair, j.year, reason, now)
            .await
            .unwrap();

        // Back to deliberation: no decision, no scheduled release, judging still closed.
        let c = j.stored_round(&db).await;
        assert_eq!(phase_at(&c, now), Phase::Deliberation, "{name}");
        assert_eq!(c.results_released_at, None);
        assert_eq!(jury_decision::Entity::find().count(&db).await.unwrap(), 0);
        assert_eq!(
            jury::save_sheet(&db, &j.j2, j.entries[3], 1, sheet([5; 5], ""), true, now).await,
            Err(AppError::Conflict(Conflict::JudgingClosed))
        );
        // Nothing to publish or to write about until the jury decides again.
        assert_eq!(
            release::release(&db, &public, &j.admin, j.year, "", now, "http://x").await,
            Err(AppError::Conflict(Conflict::NotDecided))
        );
        let results = release::admin_view(&db, &j.admin, j.year, now)
            .await
            .unwrap();
        assert!(results.awards.is_empty(), "{name}");
        assert_eq!(
            release::save_award(
                &db,
                &public,
                &j.admin,
                j.year,
                winner_award,
                AwardForm::default(),
                now
            )
            .await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            jury::reopen(&db, &public, &j.chair, j.year, reason, now).await,
            Err(AppError::Conflict(Conflict::NothingToReopen)),
            "{name}: nothing left to reopen"
        );

        // The jury sees who reopened it, when and why, and the form starts from the decision
        // taken back.
        let view = jury::ranking_view(&db, &j.chair, j.year, now)
            .await
            .unwrap();
        assert_eq!(view.decided, None);
        assert!(!view.may_reopen);
        assert_eq!(view.reopenings.len(), 1);
        let r = &view.reopenings[0];
        assert_eq!(
            (r.reason.as_str(), r.by.as_str()),
            (reason, "Person chair@bra.se")
        );
        assert_eq!(r.decided.unix, j.deliberation.timestamp());
        assert_eq!(
            r.release_taken_back.as_ref().map(|w| w.unix),
            Some(scheduled.timestamp())
        );
        let previous = view.previous.expect("the decision taken back");
        assert_eq!(
            (
                previous.winner,
                previous.runners_up.clone(),
                previous.mentions.clone()
            ),
            (j.entries[0], vec![j.entries[1]], vec![j.entries[2]])
        );
        assert_eq!(
            previous.motivation_sv,
            "Juryn lyfter fram ett tydligt resultat."
        );
        let audit = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("decision.reopen"))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(audit.len(), 1, "{name}");
        assert_eq!(audit[0].actor_id, Some(j.chair.user_id));
        assert!(audit[0].detail.contains(reason), "{}", audit[0].detail);
        assert!(
            audit[0]
                .detail
                .contains(&format!("\"winner\":{}", j.entries[0]))
        );

        // The new decision: e1 wins, e0 is second. e0 keeps what the organiser wrote about it.
        let later = now + Duration::hours(1);
        jury::decide(
            &db,
            &public,
            &j.chair,
            j.year,
            DecisionInput {
                winner: j.entries[1],
                runners_up: vec![j.entries[0]],
                motivation_sv: "Ett nytt beslut.".into(),
                ..previous
            },
            later,
        )
        .await
        .unwrap();
        let now_awarded: Vec<(i32, String, Option<String>)> = awards(&db)
            .await
            .into_iter()
            .map(|a| (a.entry_id, a.kind, a.about_sv))
            .collect();
        assert_eq!(
            now_awarded,
            vec![
                (j.entries[1], "winner".to_string(), None),
                (
                    j.entries[0],
                    "runner_up".to_string(),
                    Some("Om det vinnande projektet.".to_string())
                ),
                (j.entries[2], "mention".to_string(), None),
            ],
            "{name}"
        );
        let view = jury::ranking_view(&db, &j.chair, j.year, later)
            .await
            .unwrap();
        assert!(view.decided.is_some() && view.may_reopen && view.previous.is_none());
        assert_eq!(view.reopenings.len(), 1);

        // Once public, never again.
        release::release(&db, &public, &j.admin, j.year, "", later, "http://x")
            .await
            .unwrap();
        assert_eq!(
            jury::reopen(&db, &public, &j.admin, j.year, reason, later).await,
            Err(AppError::Conflict(Conflict::AlreadyPublished)),
            "{name}"
        );
        let view = jury::ranking_view(&db, &j.chair, j.year, later)
            .await
            .unwrap();
        assert!(!view.may_reopen);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_made_during_judging_reopens_into_deliberation_not_judging() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let now = j.judging + Duration::days(2);
        for (i, e) in j.entries.iter().enumerate() {
            for juror in [&j.chair, &j.j2, &j.j3] {
                score(&db, juror, *e, [5 - i as i32; 5], "Bra", now).await;
            }
        }
        // The year has no deliberation date: the decision alone closed judging.
        let mut c: competition::ActiveModel = j.stored_round(&db).await.into();
        c.deliberation_at = Set(None);
        c.update(&db).await.unwrap();
        let decision = DecisionInput {
            winner: j.entries[0],
            motivation_sv: "Tydligt.".into(),
            ..Default::default()
        };
        jury::decide(&db, &unwatched(), &j.admin, j.year, decision, now)
            .await
            .unwrap();
        let later = now + Duration::hours(1);
        jury::reopen(
            &db,
            &unwatched(),
            &j.admin,
            j.year,
            "Fel vinnare vald.",
            later,
        )
        .await
        .unwrap();
        let c = j.stored_round(&db).await;
        assert_eq!(c.deliberation_at, Some(now), "{name}");
        assert_eq!(phase_at(&c, later), Phase::Deliberation);
        assert_eq!(
            jury::save_sheet(&db, &j.j2, j.entries[0], 1, sheet([1; 5], ""), true, later).await,
            Err(AppError::Conflict(Conflict::JudgingClosed))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_reopens_the_decision_without_scripts_and_finds_the_form_filled_in() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        let s = TestServer::start(db.clone(), now).await;
        let chair = signed_in(&s, "chair@bra.se").await;
        let page = format!("/jury/{}/ranking", j.year);
        let year = j.year.to_string();
        let text = page_text(&chair, format!("{}{page}", s.base)).await;
        assert!(text.contains("Öppna beslutet igen"), "{name}: {text}");

        // Without a reason: refused in words, the decision stands.
        let reopen = |reason: &'static str| {
            let (s, chair, page, year) = (&s, &chair, &page, &year);
            async move {
                let fields = [("year", year.as_str()), ("reason", reason)];
                s.submit(chair, "/api/reopen_decision", page, &fields).await
            }
        };
        let (back, text) = reopen("").await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Fyll i fältet."), "{name}: {text}");
        assert!(text.contains("Beslutet registrerades"), "{name}");

        let reason = "Juryn vill se över andraplatsen.";
        let (back, text) = reopen(reason).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Beslutet är öppnat igen."), "{name}: {text}");
        assert!(text.contains(reason), "{name}");
        assert!(
            text.contains("Person chair@bra.se öppnade beslutet från"),
            "{name}: {text}"
        );
        assert!(text.contains("Formuläret utgår från beslutet som öppnades igen."));
        // A second tab, opened while the decision stood, reopens it too: refused in words,
        // announced where its form was, and the one reopening stands. Its reason is not among
        // the reopenings, only in the copy kept for its writer.
        let (back, late) = reopen("Den andra flikens skäl.").await;
        assert!(back.contains("__err"), "{name}: {back}");
        let reopenings = &late[late.find("class=\"reopenings\"").unwrap()..];
        assert!(
            alerts(&late, "Det finns inget registrerat beslut att öppna igen.")
                && late.contains("Registrera beslutet")
                && !reopenings.contains("Den andra flikens skäl."),
            "{name}: {late}"
        );
        // The winner chosen, the runner-up and the mention ticked, the motivation typed.
        let winner = format!("<option value=\"{}\" selected", j.entries[0]);
        assert!(text.contains(&winner), "{name}: {text}");
        for (kind, e) in [("runner", j.entries[1]), ("mention", j.entries[2])] {
            let ticked = format!("id=\"{kind}-{e}\" name=");
            let at = text
                .find(&ticked)
                .unwrap_or_else(|| panic!("{kind}: {text}"));
            let tag = &text[at..at + text[at..].find('>').unwrap()];
            assert!(tag.contains("checked"), "{name}: {kind} {tag}");
        }
        let untouched = format!("id=\"runner-{}\" name=", j.entries[3]);
        let at = text.find(&untouched).unwrap();
        assert!(!text[at..at + text[at..].find('>').unwrap()].contains("checked"));
        assert!(text.contains("Juryn lyfter fram ett tydligt resultat."));

        // In English too.
        let text = page_text(&chair, format!("{}/en{page}", s.base))
            .await
            .replace("<!>", "");
        assert!(text.contains("Decisions reopened"), "{name}: {text}");
        assert!(text.contains("The form starts from the decision that was reopened."));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_reopenings_at_once_take_the_decision_back_once() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        let public = unwatched();
        let (a, b) = tokio::join!(
            jury::reopen(
                &db,
                &public,
                &j.chair,
                j.year,
                "Ordföranden vill ompröva.",
                now
            ),
            jury::reopen(
                &db,
                &public,
                &j.admin,
                j.year,
                "Arrangören vill ompröva.",
                now
            ),
        );
        let mut results = [a, b];
        results.sort_by_key(|r| r.is_err());
        assert_eq!(
            results,
            [Ok(()), Err(AppError::Conflict(Conflict::NothingToReopen))],
            "{name}"
        );
        let kept = app::backend::entities::decision_reopening::Entity::find()
            .count(&db)
            .await
            .unwrap();
        assert_eq!(kept, 1, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_reason_to_reopen_is_kept_for_whoever_typed_it_and_comes_back_when_it_can() {
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(1);
        let s = TestServer::start(db.clone(), now).await;
        let chair = signed_in(&s, "chair@bra.se").await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let page = format!("/jury/{}/ranking", j.year);
        let url = format!("{}{page}", s.base);
        let year = j.year.to_string();
        let reopen = |who: &'static str, reason: String| {
            let (s, page, year) = (&s, &page, &year);
            let client = if who == "chair" { &chair } else { &admin };
            async move {
                let fields = [("year", year.as_str()), ("reason", reason.as_str())];
                s.submit(client, "/api/reopen_decision", page, &fields)
                    .await
            }
        };
        let kept = |who: &Actor| {
            let (db, who) = (&db, who.clone());
            async move {
                let view = jury::ranking_view(db, &who, j.year, now).await.unwrap();
                view.kept_reopening
            }
        };

        // Too long: refused, and the reason comes back in the form as it was typed, marked,
        // for the chair alone, on every reading of the page, in both languages.
        let short = "Andraplatsen ska omprövas.";
        let long = format!("{short} {}", "Underlaget var ofullständigt. ".repeat(170));
        let (back, text) = reopen("chair", long.clone()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Texten är för lång."), "{name}: {text}");
        for text in [text, page_text(&chair, &url).await] {
            assert!(
                text.contains("Fältet visar skälet som du skickade den")
                    && text.contains(long.trim_end())
                    && text.contains("Beslutet registrerades")
                    && !text.contains("Skäl som inte sparades"),
                "{name}: {text}"
            );
        }
        let english = page_text(&chair, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("The field shows the reason you sent on"),
            "{name}: {english}"
        );
        let theirs = page_text(&admin, &url).await;
        assert!(!theirs.contains(short), "{name}: {theirs}");
        // An empty reason, refused too, keeps what was kept.
        let (back, text) = reopen("chair", String::new()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains(long.trim_end()), "{name}: {text}");

        // Corrected and sent: the decision is reopened, and the copy settled.
        let (back, text) = reopen("chair", short.to_string()).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Beslutet är öppnat igen.") && !text.contains("Fältet visar skälet"),
            "{name}: {text}"
        );
        assert_eq!(kept(&j.chair).await, None, "{name}");

        // The organiser's tab, opened while the decision stood: refused, announced, and the
        // reason listed for them with why. The one reopening stands.
        let late = "Organisatörens skäl från en äldre flik.";
        let (back, text) = reopen("admin", late.to_string()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            alerts(&text, "Det finns inget registrerat beslut att öppna igen.")
                && text.contains("Skäl som inte sparades")
                && text.contains("Beslutet hade redan öppnats igen, i en annan flik")
                && text.contains(&format!("<p class=\"note-body\">{late}</p>"))
                && text.contains("30 dagar"),
            "{name}: {text}"
        );
        assert!(!page_text(&chair, &url).await.contains(late), "{name}");
        let english = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("Reason that was not saved")
                && english.contains("The decision had already been reopened"),
            "{name}: {english}"
        );
        // In the organiser's personal data, with the round.
        let texts = &crate::unsaved::kept_texts(&db, &j.admin, now).await;
        assert_eq!(
            (
                &texts[0]["form"],
                &texts[0]["reason"],
                &texts[0]["round"]["year"],
                &texts[0]["text"]
            ),
            (
                &"reopening".into(),
                &"stale".into(),
                &j.year.into(),
                &late.into()
            ),
            "{name}: {texts}"
        );

        // The jury decides again: the copy stays listed beside the reopening form, which
        // starts empty.
        let again = DecisionInput {
            winner: j.entries[0],
            motivation_sv: "Ett nytt beslut.".into(),
            ..Default::default()
        };
        jury::decide(&db, &unwatched(), &j.chair, j.year, again.clone(), now)
            .await
            .unwrap();
        let text = page_text(&admin, &url).await;
        assert!(
            text.contains("Skäl som inte sparades")
                && text.contains(late)
                && text.contains("Öppna beslutet igen")
                && !text.contains("Fältet visar skälet"),
            "{name}: {text}"
        );

        // Refused as too long, then the organiser reopens first: it no longer belongs in the
        // chair's form, and is listed with why.
        reopen("chair", long.clone()).await;
        jury::reopen(&db, &unwatched(), &j.admin, j.year, "Igen.", now)
            .await
            .unwrap();
        let text = page_text(&chair, &url).await;
        assert!(
            text.contains("Skälet godtogs inte, och sedan dess har beslutet öppnats igen")
                && text.contains(long.trim_end())
                && !text.contains("Fältet visar skälet"),
            "{name}: {text}"
        );

        // Discarded by the organiser, without scripts: back to the ranking. Again, as from a
        // second tab: nothing is kept, as was asked. A juror has none to discard.
        let form = [("year", year.as_str())];
        let discard = ("discard_unsaved_reopening", page.as_str(), &form[..]);
        let nothing_kept = async || kept(&j.admin).await.is_none();
        discard_twice(&s, &admin, discard, nothing_kept, name).await;
        assert!(
            kept(&j.chair).await.is_some(),
            "{name}: the chair's is theirs"
        );
        assert_eq!(
            jury::discard_unsaved_reopening(&db, &j.j2, j.year).await,
            Err(AppError::Forbidden),
            "{name}"
        );

        // Decided and published: a reopening sent from a tab opened before is refused and
        // announced, and its reason listed with why.
        jury::decide(&db, &unwatched(), &j.chair, j.year, again, now)
            .await
            .unwrap();
        release::release(&db, &unwatched(), &j.admin, j.year, "", now, "http://x")
            .await
            .unwrap();
        let (back, text) = reopen("admin", late.to_string()).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            alerts(&text, "Resultatet är redan publicerat")
                && text.contains("Resultatet var redan publicerat, så beslutet kunde inte")
                && text.contains(late),
            "{name}: {text}"
        );
    })
    .await;
}

/// A decision taken back after its winner went onward: whoever reopens it is told where the
/// winner has gone, and once another winner is decided, the dossier page and the
/// representative's page say that what EUCPN and the final have is no longer the winner's, until
/// the new winner follows. Over HTTP without scripts too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_winner_taken_back_after_it_went_to_eucpn_and_the_final_is_named_until_the_new_one_follows()
 {
    use crate::dossier::english;
    use crate::europe::countries;
    use crate::jury::actor;
    use crate::people::person;
    use app::backend::dossier;
    use app::backend::entities::entry;
    use app::backend::entries::applicant;
    use app::backend::europe::{self, FinalSettings};
    use app::model::Role;
    on_each_backend(|db, name| async move {
        let j = decided(&db).await;
        let now = j.deliberation + Duration::hours(2);
        let public = unwatched();
        let reference = |id: i32| {
            let db = db.clone();
            async move {
                entry::Entity::find_by_id(id)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap()
                    .reference
            }
        };
        let (old_winner, new_winner) =
            (reference(j.entries[0]).await, reference(j.entries[1]).await);
        let onward = |at| {
            let (db, chair) = (db.clone(), j.chair.clone());
            async move {
                jury::ranking_view(&db, &chair, j.year, at)
                    .await
                    .unwrap()
                    .onward
            }
        };
        assert_eq!(onward(now).await, Default::default(), "{name}: nowhere yet");

        // The winner's dossier goes to EUCPN, and Sweden's representative forwards it.
        let send = |text: &'static str, at| {
            let (db, admin) = (db.clone(), j.admin.clone());
            async move {
                dossier::save_english(&db, &admin, j.year, 0, english(text), at)
                    .await
                    .unwrap();
                dossier::send(&db, &admin, j.year, "http://x", at)
                    .await
                    .unwrap()
            }
        };
        dossier::save_address(&db, &j.admin, j.year, "ecpa@eucpn.example", now)
            .await
            .unwrap();
        send("Safe at home", now).await;
        let sec = actor(
            &db,
            person(&db, "sekretariat@eucpn.eu", None, &[Role::Secretariat]).await,
        )
        .await;
        let rep = actor(&db, person(&db, "ecpa@bra.se", None, &[]).await).await;
        let settings = FinalSettings {
            theme: "Radicalisation",
            deadline: "2027-10-15T12:00",
            countries: &countries(&["SE"]),
            ..Default::default()
        };
        europe::save(&db, &public, &sec, j.year, &settings, now)
            .await
            .unwrap();
        europe::save_representative(&db, &sec, j.year, "SE", "ecpa@bra.se", now)
            .await
            .unwrap();
        let forwarded = europe::forward_winner(&db, &rep, j.year, now)
            .await
            .unwrap();
        let forwarded_ref = reference(forwarded).await;
        let went = onward(now).await;
        assert_eq!(
            (went.dossier_sent.map(|w| w.unix), went.in_final),
            (Some(now.timestamp()), true),
            "{name}"
        );

        // The page the decision is reopened from says both, in either language.
        let s = TestServer::start(db.clone(), now).await;
        let chair = signed_in(&s, "chair@bra.se").await;
        let ranking = format!("{}/jury/{}/ranking", s.base, j.year);
        let text = page_text(&chair, &ranking).await;
        assert!(
            text.contains("Underlaget om vinnaren skickades till EUCPN")
                && text.contains("Vinnaren är redan anmäld till Europafinalen."),
            "{name}: {text}"
        );
        let text = page_text(&chair, format!("{}/en/jury/{}/ranking", s.base, j.year)).await;
        assert!(
            text.contains("The dossier on the winner went to EUCPN on")
                && text.contains("The winner is already entered in the European final."),
            "{name}"
        );

        // Taken back, and taken again with e1 as the winner.
        jury::reopen(&db, &public, &j.chair, j.year, "Fel bidrag.", now)
            .await
            .unwrap();
        // While it is open again, the representative's page says the entered project may change.
        let country = |v: app::model::RepresentedView| v.countries.into_iter().next().unwrap();
        let se = country(europe::representing(&db, &rep, j.year, now).await.unwrap());
        assert_eq!(
            (
                se.reopened_forward.as_deref(),
                se.outdated_forward.as_deref()
            ),
            (Some(forwarded_ref.as_str()), None),
            "{name}"
        );
        let ecpa = signed_in(&s, "ecpa@bra.se").await;
        let reopened = format!(
            "Den nationella juryn har tagit upp sitt beslut igen. Det anmälda tävlande bidraget \
             {forwarded_ref} står kvar tills juryn har beslutat på nytt"
        );
        let text = page_text(&ecpa, format!("{}/representative/{}", s.base, j.year)).await;
        assert!(text.contains(&reopened), "{name}: {text}");
        let text = page_text(&ecpa, format!("{}/en/representative/{}", s.base, j.year)).await;
        assert!(
            text.contains(&format!(
                "The national jury has reopened its decision. The competing entry {forwarded_ref} \
                 stays entered until the jury decides again"
            )),
            "{name}: {text}"
        );
        let previous = jury::ranking_view(&db, &j.chair, j.year, now)
            .await
            .unwrap()
            .previous
            .unwrap();
        let later = now + Duration::hours(1);
        jury::decide(
            &db,
            &public,
            &j.chair,
            j.year,
            DecisionInput {
                winner: j.entries[1],
                runners_up: vec![j.entries[0]],
                ..previous
            },
            later,
        )
        .await
        .unwrap();
        assert_eq!(
            onward(later).await,
            Default::default(),
            "{name}: the new winner is nowhere yet"
        );

        // The dossier page: EUCPN's latest dossier is of the entry taken back.
        let v = dossier::view(&db, &j.admin, j.year, later).await.unwrap();
        assert_eq!(v.reference, new_winner, "{name}");
        assert_eq!(v.sendings.len(), 1);
        assert_eq!(
            v.sendings[0].other_entry.as_deref(),
            Some(old_winner.as_str())
        );
        let s = TestServer::start(db.clone(), later).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let dossier_page = format!("{}/admin/competitions/{}/dossier", s.base, j.year);
        let text = page_text(&admin, &dossier_page).await;
        let outdated =
            format!("EUCPN har senast fått underlaget om {old_winner}, som inte längre är vinnare");
        assert!(text.contains(&outdated), "{name}: {text}");
        assert!(text.contains(&format!("Gällde {old_winner}, som inte längre är vinnare.")));
        let text = page_text(
            &admin,
            format!("{}/en/admin/competitions/{}/dossier", s.base, j.year),
        )
        .await;
        assert!(
            text.contains(&format!(
                "EUCPN last received the dossier on {old_winner}, which is no longer the winner"
            )),
            "{name}"
        );

        // The representative's page: the entered project is no longer the winner.
        let se = country(
            europe::representing(&db, &rep, j.year, later)
                .await
                .unwrap(),
        );
        assert_eq!(
            (
                se.outdated_forward.as_deref(),
                se.reopened_forward.as_deref()
            ),
            (Some(forwarded_ref.as_str()), None),
            "{name}"
        );
        let ecpa = signed_in(&s, "ecpa@bra.se").await;
        let text = page_text(&ecpa, format!("{}/representative/{}", s.base, j.year)).await;
        assert!(
            text.contains(&format!(
                "Det anmälda tävlande bidraget {forwarded_ref} är inte längre vinnaren"
            )),
            "{name}: {text}"
        );
        assert!(!text.contains(&reopened), "{name}: decided again");

        // The representative withdraws it and forwards the new winner; the dossier on the new
        // winner goes to EUCPN. Nothing is outdated any more, and the old sending stays marked.
        applicant::withdraw(&db, &public, &rep, forwarded, later)
            .await
            .unwrap();
        let se = country(
            europe::representing(&db, &rep, j.year, later)
                .await
                .unwrap(),
        );
        assert_eq!(se.outdated_forward, None, "{name}: withdrawn");
        send("Risk-reducing interventions", later).await;
        // The mail that carries it tells EUCPN which dossier it replaces, and since when.
        let to_eucpn = {
            use app::backend::entities::mail_outbox;
            use sea_orm::QueryOrder;
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::ToAddress.eq("ecpa@eucpn.example"))
                .order_by_asc(mail_outbox::Column::Id)
                .all(&db)
                .await
                .unwrap()
        };
        assert_eq!(to_eucpn.len(), 2, "{name}");
        assert!(!to_eucpn[0].subject.contains("replaces"), "{name}");
        assert!(!to_eucpn[0].body_text.contains("replaces"), "{name}");
        assert_eq!(
            to_eucpn[1].subject,
            "ECPA 2027: the entry from Sweden (Annex I) replaces the earlier one",
            "{name}"
        );
        let sent = app::backend::clock::when(now);
        let replaced = format!(
            "It replaces the dossier on “Safe at home” sent on {}",
            app::i18n::Lang::En.date_time(&sent.date, &sent.time)
        );
        assert!(
            to_eucpn[1].body_text.contains(&replaced),
            "{name}: {}",
            to_eucpn[1].body_text
        );
        europe::forward_winner(&db, &rep, j.year, later)
            .await
            .unwrap();
        let se = country(
            europe::representing(&db, &rep, j.year, later)
                .await
                .unwrap(),
        );
        assert_eq!(se.outdated_forward, None, "{name}");
        let v = dossier::view(&db, &j.admin, j.year, later).await.unwrap();
        let marked: Vec<_> = v.sendings.iter().map(|s| s.other_entry.clone()).collect();
        assert_eq!(marked, vec![None, Some(old_winner.clone())], "{name}");
        let text = page_text(&admin, &dossier_page).await;
        assert!(!text.contains("EUCPN har senast fått"), "{name}");
        assert!(text.contains(&format!("Gällde {old_winner}")), "{name}");
        let went = onward(later).await;
        assert_eq!(
            (went.dossier_sent.map(|w| w.unix), went.in_final),
            (Some(later.timestamp()), true),
            "{name}: the new winner's way"
        );
    })
    .await;
}
