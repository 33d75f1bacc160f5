//! The European final's jury: the EUCPN secretariat invites at most eight jurors, each from a
//! member state taking part; a juror never scores their own country's entry, without declaring
//! anything; the ranking and the decision (a winner and two runners-up, in English) are the
//! secretariat's and the chair's, not Brå's organiser's. On SQLite and PostgreSQL.

use crate::common::{TestServer, at, location, on_each_backend, page_text, unwatched};
use crate::entries::complete;
use crate::jury::{actor, jury, last_mail_to, score, sheet, token_in};
use crate::people::{PASSWORD, signed_in};
use crate::representative::final_2027;
use app::backend::accounts::Actor;
use app::backend::entries::applicant;
use app::backend::{europe, jury, jury_setup};
use app::error::{AppError, Conflict, FieldError, Problem};
use app::model::{RoundRef, SheetStatus};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

/// A competing project of `country`, entered directly, written and submitted.
pub(crate) async fn entered(
    db: &DatabaseConnection,
    rep: &Actor,
    country: &str,
    title: &str,
    now: DateTime<Utc>,
) -> i32 {
    entered_as(db, rep, country, title, true, now).await
}

/// A project of `country` in the 2027 final, competing or good practice, entered directly,
/// written and submitted.
pub(crate) async fn entered_as(
    db: &DatabaseConnection,
    rep: &Actor,
    country: &str,
    title: &str,
    competing: bool,
    now: DateTime<Utc>,
) -> i32 {
    let id = europe::enter_directly(db, rep, 2027, country, "Organisation", competing, now)
        .await
        .unwrap();
    let mut text = complete();
    text.title = title.into();
    text.competing = competing;
    text.public_summary_en = format!("{title}, in short.");
    let saved = applicant::save(db, rep, id, 1, text, now).await.unwrap();
    applicant::submit(db, &unwatched(), rep, id, saved.revision, now, "http://x")
        .await
        .unwrap();
    id
}

/// Invites `email` to the final's jury from `country` and accepts as a new person.
pub(crate) async fn juror(
    db: &DatabaseConnection,
    sec: &Actor,
    email: &str,
    country: &str,
    now: DateTime<Utc>,
) -> Actor {
    jury_setup::invite_to_final(db, sec, 2027, email, country, now, "http://x")
        .await
        .unwrap();
    let token = token_in(&last_mail_to(db, email).await.body_text);
    let user = jury_setup::respond(
        db,
        &token,
        None,
        true,
        &format!("Juror {country}"),
        PASSWORD,
        app::i18n::Lang::En,
        now,
    )
    .await
    .unwrap()
    .expect("a new account");
    actor(db, user).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn european_jurors_stand_aside_from_their_own_countrys_entry_and_the_secretariat_decides() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let (sec, nl, dk) = final_2027(&db).await;
        let open = at(2027, 6, 2, 9, 0);
        let nl_entry = entered(&db, &nl, "NL", "Safe neighbourhoods", open).await;
        let dk_entry = entered(&db, &dk, "DK", "Night walkers", open).await;
        let judging = at(2027, 10, 2, 9, 0);
        let final_round = RoundRef::final_of(2027);

        // The secretariat's alone; a juror comes from a member state taking part.
        assert_eq!(
            jury_setup::invite_to_final(&db, &j.admin, 2027, "x@bra.se", "SE", open, "http://x")
                .await,
            Err(AppError::Forbidden),
            "{name}: Brå's organiser runs the national jury only"
        );
        assert_eq!(
            jury_setup::invite_to_final(&db, &sec, 2027, "x@example.fr", "FR", open, "http://x")
                .await,
            Err(AppError::Invalid(vec![FieldError::new(
                "country",
                Problem::InvalidChoice
            )])),
            "{name}: France does not take part"
        );
        let nl_juror = juror(&db, &sec, "jurist@politie.nl", "nl", open).await;
        let dk_juror = juror(&db, &sec, "jurist@dkr.dk", "DK", open).await;

        // Recusal by country, without a declaration: the Dutch juror sees the Dutch entry as
        // recused and cannot open or score it; the Danish one they score.
        let home = jury::juror_home(&db, &nl_juror, final_round, judging)
            .await
            .unwrap();
        let states: Vec<(i32, SheetStatus)> = home
            .entries
            .iter()
            .map(|e| (e.entry_id, e.status))
            .collect();
        assert!(
            states.contains(&(nl_entry, SheetStatus::Recused)),
            "{name}: {states:?}"
        );
        assert!(
            states.contains(&(dk_entry, SheetStatus::NotStarted)),
            "{name}"
        );
        assert_eq!(home.to_score, 1, "{name}");
        assert_eq!(
            jury::scoring_view(&db, &nl_juror, nl_entry, judging)
                .await
                .map(|_| ()),
            Err(AppError::Conflict(Conflict::Recused)),
            "{name}"
        );
        assert_eq!(
            jury::save_sheet(
                &db,
                &nl_juror,
                nl_entry,
                0,
                sheet([5; 5], ""),
                true,
                judging
            )
            .await
            .map(|_| ()),
            Err(AppError::Conflict(Conflict::Recused)),
            "{name}"
        );
        score(&db, &nl_juror, dk_entry, [3; 5], "Good", judging).await;
        score(&db, &dk_juror, nl_entry, [4; 5], "Strong", judging).await;
        // A balanced assignment of one juror per entry gives each entry the other country's
        // juror: the recusal by country counts as a conflict there too.
        let report = jury_setup::assign(&db, &sec, final_round, 1, 5, judging)
            .await
            .unwrap();
        assert!(report.shortfalls.is_empty(), "{name}");
        for (who, own, other) in [
            (&nl_juror, nl_entry, dk_entry),
            (&dk_juror, dk_entry, nl_entry),
        ] {
            let home = jury::juror_home(&db, who, final_round, judging)
                .await
                .unwrap();
            let theirs: Vec<i32> = home.entries.iter().map(|e| e.entry_id).collect();
            assert_eq!(theirs, [other], "{name}: not {own}");
        }
        // The national jury is another: a European juror has no place in it.
        assert_eq!(
            jury::juror_home(&db, &nl_juror, 2027, judging)
                .await
                .map(|_| ()),
            Err(AppError::NotFound),
            "{name}"
        );

        // At most eight, counting invitations not yet answered.
        for i in 0..6 {
            jury_setup::invite_to_final(
                &db,
                &sec,
                2027,
                &format!("juror{i}@eucpn.eu"),
                "SE",
                open,
                "http://x",
            )
            .await
            .unwrap();
        }
        assert_eq!(
            jury_setup::invite_to_final(&db, &sec, 2027, "ninth@eucpn.eu", "SE", open, "http://x")
                .await,
            Err(AppError::Conflict(Conflict::JuryFull)),
            "{name}"
        );
        // Nobody joins the European jury but by an invitation naming their country.
        assert_eq!(
            jury::add_member(&db, &sec, final_round, j.applicant.user_id, false, open).await,
            Err(AppError::Forbidden),
            "{name}"
        );
        let overview = jury_setup::overview(&db, &sec, final_round, judging)
            .await
            .unwrap();
        assert_eq!(overview.countries, ["DK", "NL", "SE"], "{name}");
        assert_eq!(overview.members.len(), 2, "{name}");
        assert_eq!(
            jury_setup::overview(&db, &j.admin, final_round, judging)
                .await
                .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );

        // The ranking and the decision: the secretariat's, in English, a winner and at most two
        // runners-up, without mentions.
        let ranking = jury::ranking_view(&db, &sec, final_round, judging)
            .await
            .unwrap();
        let order: Vec<i32> = ranking.rows.iter().map(|r| r.entry_id).collect();
        assert_eq!(order, [nl_entry, dk_entry], "{name}");
        assert_eq!(
            jury::ranking_view(&db, &j.admin, final_round, judging)
                .await
                .map(|_| ()),
            Err(AppError::Forbidden),
            "{name}"
        );
        let decision =
            |motivation_en: &str, runners_up: Vec<i32>, mentions: Vec<i32>| jury::DecisionInput {
                winner: nl_entry,
                runners_up,
                mentions,
                motivation_sv: String::new(),
                motivation_en: motivation_en.into(),
                tie_reason: String::new(),
            };
        assert_eq!(
            jury::decide(
                &db,
                &unwatched(),
                &j.admin,
                final_round,
                decision("x", vec![dk_entry], vec![]),
                judging
            )
            .await,
            Err(AppError::Forbidden),
            "{name}"
        );
        match jury::decide(
            &db,
            &unwatched(),
            &sec,
            final_round,
            decision(" ", vec![], vec![dk_entry]),
            judging,
        )
        .await
        {
            Err(AppError::Invalid(p)) => assert_eq!(
                p,
                vec![
                    FieldError::new("motivation_en", Problem::Required),
                    FieldError::new("mentions", Problem::InvalidChoice),
                ],
                "{name}"
            ),
            other => panic!("{name}: {other:?}"),
        }
        jury::decide(
            &db,
            &unwatched(),
            &sec,
            final_round,
            decision(
                "A programme that other cities can take up.",
                vec![dk_entry],
                vec![],
            ),
            judging,
        )
        .await
        .unwrap();
        assert!(
            jury::ranking_view(&db, &sec, final_round, judging)
                .await
                .unwrap()
                .decided
                .is_some(),
            "{name}"
        );
        // The national round is untouched by the final's decision.
        assert!(
            jury::ranking_view(&db, &j.admin, 2027, judging)
                .await
                .unwrap()
                .decided
                .is_none(),
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_finals_jury_pages_work_without_javascript_in_both_languages() {
    on_each_backend(|db, name| async move {
        jury(&db).await;
        let (sec_actor, nl, _) = final_2027(&db).await;
        let open = at(2027, 6, 2, 9, 0);
        entered(&db, &nl, "NL", "Safe neighbourhoods", open).await;
        let judging = at(2027, 10, 2, 9, 0);
        let s = TestServer::start(db.clone(), judging).await;
        let sec = signed_in(&s, "sekretariat@eucpn.eu").await;

        // From the final's page to its jury; the invitation names the juror's member state.
        let body = page_text(&sec, format!("{}/admin/europe/2027", s.base)).await;
        assert!(body.contains(r#"href="/admin/europe/2027/jury""#), "{name}");
        let page = "/admin/europe/2027/jury";
        let body = page_text(&sec, format!("{}{page}", s.base)).await;
        assert!(body.contains("Juryn i Europafinalen 2027"), "{name}");
        assert!(
            body.contains(r#"<option value="NL">Nederländerna</option>"#),
            "{name}: {body}"
        );
        assert!(
            !body.contains("Frankrike"),
            "{name}: only the countries taking part"
        );
        let invite = async |country: &str| {
            let form = [
                ("year", "2027"),
                ("email", "jurist@politie.nl"),
                ("country", country),
                ("europe", "true"),
            ];
            location(&s.form_post(&sec, "/api/invite_juror", page, &form).await)
        };
        let back = invite("").await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert_eq!(
            invite("NL").await,
            format!("{}{page}?__ok=invite_juror", s.base),
            "{name}"
        );
        let token = token_in(&last_mail_to(&db, "jurist@politie.nl").await.body_text);
        jury_setup::respond(
            &db,
            &token,
            None,
            true,
            "Jurist NL",
            PASSWORD,
            app::i18n::Lang::En,
            judging,
        )
        .await
        .unwrap();
        let overview = jury_setup::overview(&db, &sec_actor, RoundRef::final_of(2027), judging)
            .await
            .unwrap();
        assert_eq!(overview.members.len(), 1, "{name}");
        assert_eq!(overview.members[0].country.as_deref(), Some("NL"), "{name}");
        let body = page_text(&sec, format!("{}{page}", s.base)).await;
        assert!(
            body.replace("<!>", "")
                .contains("Jurist NL (jurist@politie.nl) – Nederländerna"),
            "{name}: the member's country is shown: {body}"
        );

        // The juror finds the final among their juries; its own country's entry is recused
        // (a title without a link), in English.
        let juror = signed_in(&s, "jurist@politie.nl").await;
        let body = page_text(&juror, format!("{}/en/jury", s.base)).await;
        assert!(
            body.contains(r#"href="/en/europe/2027/jury""#),
            "{name}: {body}"
        );
        let body = page_text(&juror, format!("{}/en/europe/2027/jury", s.base)).await;
        assert!(body.contains("The European final’s jury 2027"), "{name}");
        assert!(
            body.contains(r#"<span lang="en">Safe neighbourhoods</span>"#),
            "{name}: {body}"
        );
        assert!(!body.contains("/europe/2027/jury/entries/"), "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_finals_jurors_are_reminded_before_the_closing_date_the_secretariat_sets() {
    use crate::europe::countries;
    use app::backend::entities::mail_outbox;
    use app::backend::europe::FinalSettings;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let (sec, nl, dk) = final_2027(&db).await;
        let open = at(2027, 6, 2, 9, 0);
        let nl_entry = entered(&db, &nl, "NL", "Safe neighbourhoods", open).await;
        entered(&db, &dk, "DK", "Night walkers", open).await;
        let nl_juror = juror(&db, &sec, "jurist@politie.nl", "NL", open).await;
        let dk_juror = juror(&db, &sec, "jurist@dkr.dk", "DK", open).await;
        let final_round = RoundRef::final_of(2027);
        let judging = at(2027, 10, 2, 9, 0);
        // The jury reminders queued so far: to whom, and the words.
        let reminders = || async {
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Template.eq("jury_reminder"))
                .order_by_asc(mail_outbox::Column::Id)
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|m| (m.to_address, m.subject, m.body_text))
                .collect::<Vec<_>>()
        };
        // The scheduled job's run at `now`: how many reminders it sent.
        let send = |now| {
            let db = db.clone();
            async move {
                jury_setup::send_reminders(&db, now, "http://x")
                    .await
                    .unwrap()
            }
        };
        let remind_now = |who: Actor, juror: i32, now| {
            let db = db.clone();
            async move {
                jury_setup::remind_now(&db, &who, final_round, juror, now, "http://x").await
            }
        };

        // Opened with the deadline only, the final has no date to count down to: nothing is
        // scheduled, and "remind now" asks for the date first.
        assert_eq!(
            send(judging).await,
            0,
            "{name}"
        );
        assert_eq!(
            remind_now(sec.clone(), nl_juror.user_id, judging).await,
            Err(AppError::Conflict(Conflict::NoClosingDate)),
            "{name}"
        );

        // The secretariat sets it, after the deadline for entries (1 October, 12:00).
        let taking_part = countries(&["SE", "NL", "DK"]);
        let settings = |judging_closes| FinalSettings {
            theme: "Radicalisation",
            deadline: "2027-10-01T12:00",
            judging_closes,
            countries: &taking_part,
            ..Default::default()
        };
        for (closes, problem) in [
            ("2027-10-01T12:00", Problem::NotAfterDeadline),
            ("den 20 oktober", Problem::InvalidDate),
        ] {
            assert_eq!(
                europe::save(&db, &unwatched(), &sec, 2027, &settings(closes), judging).await,
                Err(AppError::Invalid(vec![FieldError::new(
                    "judging_closes",
                    problem
                )])),
                "{name}: {closes}"
            );
        }
        europe::save(
            &db,
            &unwatched(),
            &sec,
            2027,
            &settings("2027-10-20T12:00"),
            judging,
        )
        .await
        .unwrap();
        assert_eq!(
            europe::view(&db, &sec, 2027).await.unwrap().judging_closes,
            "2027-10-20T12:00",
            "{name}"
        );
        let home = jury::juror_home(&db, &nl_juror, final_round, judging)
            .await
            .unwrap();
        assert_eq!(
            home.closes.map(|w| (w.date, w.time)),
            Some(("2027-10-20".into(), "12:00".into())),
            "{name}: the jurors see when scoring closes"
        );

        // The reminders are due from three days before (the times are Stockholm's).
        let three_days = at(2027, 10, 17, 12, 0);
        assert_eq!(
            send(three_days - chrono::Duration::minutes(1)).await,
            0,
            "{name}"
        );
        assert_eq!(
            send(three_days).await,
            2,
            "{name}: each juror has the other country's entry left"
        );
        assert_eq!(
            send(three_days).await,
            0,
            "{name}: once"
        );
        let sent = reminders().await;
        let mut to: Vec<&str> = sent.iter().map(|(to, _, _)| to.as_str()).collect();
        to.sort_unstable();
        assert_eq!(to, vec!["jurist@dkr.dk", "jurist@politie.nl"], "{name}");
        for (_, subject, body) in &sent {
            assert!(
                subject.contains("the European final")
                    && !subject.contains("Sweden")
                    && body.contains("left for you to score in the European final of ECPA 2027: 1.")
                    && body.contains("20 October 2027 at 12:00")
                    && body.contains("http://x/en/europe/2027/jury"),
                "{name}: {subject} {body}"
            );
        }

        // The Dutch juror scores the Danish entry; a day before, only the Danish one is left
        // to remind.
        let dk_entry = home
            .entries
            .iter()
            .find(|e| e.entry_id != nl_entry)
            .unwrap()
            .entry_id;
        score(&db, &nl_juror, dk_entry, [4; 5], "Clear", three_days).await;
        assert_eq!(
            send(at(2027, 10, 19, 12, 0)).await,
            1,
            "{name}"
        );
        assert_eq!(reminders().await.last().unwrap().0, "jurist@dkr.dk");

        // "Remind now" is the secretariat's, for a juror with entries left, until it closes.
        assert_eq!(
            remind_now(j.admin.clone(), dk_juror.user_id, three_days).await,
            Err(AppError::Forbidden),
            "{name}"
        );
        assert_eq!(
            remind_now(sec.clone(), nl_juror.user_id, three_days).await,
            Err(AppError::Conflict(Conflict::NothingLeft)),
            "{name}"
        );
        remind_now(sec.clone(), dk_juror.user_id, three_days)
            .await
            .unwrap();
        assert_eq!(reminders().await.len(), 4, "{name}");
        let closed = at(2027, 10, 20, 12, 0);
        assert_eq!(
            remind_now(sec.clone(), dk_juror.user_id, closed).await,
            Err(AppError::Conflict(Conflict::JudgingClosed)),
            "{name}"
        );
        assert_eq!(
            jury::save_sheet(&db, &dk_juror, nl_entry, 0, sheet([3; 5], ""), true, closed)
                .await
                .map(|_| ()),
            Err(AppError::Conflict(Conflict::JudgingClosed)),
            "{name}: scoring closes with it"
        );
    })
    .await;
}

/// The secretariat sets the final to review anonymously on the final's form, as Brå's organiser
/// does for a year: its jurors then read the entries without the organisation and the contacts.
/// Kept in the audit log with what it was; over HTTP without scripts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_sets_the_finals_jury_to_review_anonymously() {
    use app::backend::entities::{audit_log, competition};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    on_each_backend(|db, name| async move {
        jury(&db).await;
        let (sec_actor, _, dk) = final_2027(&db).await;
        let open = at(2027, 6, 2, 9, 0);
        let dk_entry = entered(&db, &dk, "DK", "Night walkers", open).await;
        let nl_juror = juror(&db, &sec_actor, "jurist@politie.nl", "NL", open).await;
        let judging = at(2027, 10, 2, 9, 0);
        let desk = |db: DatabaseConnection, juror: Actor| async move {
            jury::scoring_view(&db, &juror, dk_entry, judging)
                .await
                .unwrap()
        };
        // Named by default.
        let v = europe::view(&db, &sec_actor, 2027).await.unwrap();
        assert!(!v.anonymous, "{name}");
        let seen = desk(db.clone(), nl_juror.clone()).await;
        assert!(!seen.anonymous && seen.entry.organisation_display == "Polismyndigheten");
        assert!(!seen.entry.contacts.is_empty(), "{name}");

        // The secretariat ticks it on the final's page, without scripts.
        let s = TestServer::start(db.clone(), open).await;
        let sec = signed_in(&s, "sekretariat@eucpn.eu").await;
        let page = "/admin/europe/2027";
        let body = page_text(&sec, format!("{}{page}", s.base)).await;
        assert!(
            body.contains(r#"id="final-anonymous""#) && body.contains("Anonym bedömning"),
            "{name}"
        );
        let form = [
            ("year", "2027"),
            ("theme", "Radicalisation"),
            ("deadline", "2027-10-01T12:00"),
            ("anonymous", "true"),
            ("countries[6]", "DK"),
            ("countries[20]", "NL"),
            ("countries[24]", "SE"),
        ];
        let back = location(&s.form_post(&sec, "/api/save_final", page, &form).await);
        assert!(!back.contains("__err"), "{name}: {back}");
        let v = europe::view(&db, &sec_actor, 2027).await.unwrap();
        assert!(v.anonymous, "{name}: kept");
        let body = page_text(&sec, format!("{}/en{page}", s.base)).await;
        assert!(body.contains("Anonymised review"), "{name}");
        let input = body
            .split("<input")
            .find(|t| t.contains(r#"id="final-anonymous""#))
            .and_then(|t| t.split('>').next())
            .unwrap_or_default();
        assert!(
            input.contains("checked"),
            "{name}: the box stays ticked: {input}"
        );

        // The final's juror now reads the entry without who sent it.
        let seen = desk(db.clone(), nl_juror.clone()).await;
        assert!(seen.anonymous, "{name}");
        assert_eq!(seen.entry.organisation_display, "", "{name}");
        assert!(seen.entry.contacts.is_empty(), "{name}");

        // In the audit log, with what it was; unticked, the jurors see who applied again.
        let f = competition::Entity::find()
            .filter(competition::Column::RoundKind.eq("european"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert!(f.anonymous_review, "{name}");
        let change = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("final.change"))
            .order_by_desc(audit_log::Column::Id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let detail: serde_json::Value = serde_json::from_str(&change.detail).unwrap();
        assert_eq!(
            (&detail["anonymous"], &detail["before"]["anonymous"]),
            (&serde_json::json!(true), &serde_json::json!(false)),
            "{name}: {detail}"
        );
        let unticked: Vec<_> = form
            .iter()
            .filter(|(k, _)| *k != "anonymous")
            .cloned()
            .collect();
        let back = location(&s.form_post(&sec, "/api/save_final", page, &unticked).await);
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            !europe::view(&db, &sec_actor, 2027).await.unwrap().anonymous,
            "{name}"
        );
        let seen = desk(db.clone(), nl_juror).await;
        assert_eq!(
            seen.entry.organisation_display, "Polismyndigheten",
            "{name}"
        );
    })
    .await;
}
