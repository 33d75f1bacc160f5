//! The authorisation matrix, generated from the router: every server function (from the
//! server-function registry), every other route (as the router lists them) and every page is
//! called as eight people, and the answers are compared with the declared policy below. A
//! server function, route or page missing from the policy fails the test, so a new one cannot
//! be forgotten. On SQLite and PostgreSQL.
//!
//! The people, on a year in judging with four submitted entries (one per organisation):
//! anonymous; applicant A (whose organisation owns entry 0, which has an attachment);
//! applicant B (entry 1); a juror; a juror with a conflict of interest on entry 0; the chair;
//! the organiser (admin); the EUCPN secretariat, who runs the European final, in which applicant
//! A is Sweden's national representative; the organiser of the Dutch national round hosted on
//! the portal, which is in judging too and has one submitted entry. Calls that change something
//! are made with arguments that leave the next rows meaningful, and the owner goes last.

use std::collections::BTreeSet;

use crate::common::{TestServer, on_each_backend};
use crate::jury::{conflict_and_jury_invitation, jury};
use crate::people::{org_invitation, person, signed_in};
use app::backend::entries::attachments;
use app::backend::publication::news;
use chrono::Duration;

const WHO: [&str; 9] = [
    "anonymous",
    "applicant A",
    "applicant B",
    "juror",
    "conflicted juror",
    "chair",
    "admin",
    "EUCPN secretariat",
    "Dutch round's organiser",
];

/// Answers many rows share, in [`WHO`] order. Anonymous callers get 401 in each.
/// The admin only; 403 to the others.
const ADMIN_ONLY: [u16; 9] = [401, 403, 403, 403, 403, 403, 200, 403, 403];
/// The EUCPN secretariat only; 403 to the others.
const SECRETARIAT_ONLY: [u16; 9] = [401, 403, 403, 403, 403, 403, 403, 200, 403];
/// The Dutch round's organiser only; 403 to the others.
const ROUND_ORGANISER_ONLY: [u16; 9] = [401, 403, 403, 403, 403, 403, 403, 403, 200];
/// Everyone signed in.
const SIGNED_IN: [u16; 9] = [401, 200, 200, 200, 200, 200, 200, 200, 200];
/// Nobody: 404 to everyone signed in.
const NOT_FOUND_SIGNED_IN: [u16; 9] = [401, 404, 404, 404, 404, 404, 404, 404, 404];

/// The order in which the people call each row: the owner (applicant A) last.
const ORDER: [usize; 9] = [0, 2, 3, 4, 5, 7, 8, 6, 1];

use crate::publication::PNG;
pub(crate) const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// Attaches [`PDF`] to an entry under this name.
pub(crate) async fn upload_pdf(
    db: &sea_orm::DatabaseConnection,
    who: &app::backend::accounts::Actor,
    dir: &std::path::Path,
    entry: i32,
    name: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> app::model::AttachmentView {
    attachments::upload(db, who, dir, entry, name, PDF.to_vec(), now)
        .await
        .unwrap()
}

/// The opening tags of the scrolling frames (`table-scroll`) in `html` that a keyboard cannot
/// focus or that have no name: a frame only a mouse can scroll hides columns from keyboard
/// users (`ScrollFrame`).
pub(crate) fn unreachable_frames(html: &str) -> Vec<&str> {
    html.match_indices("class=\"table-scroll\"")
        .filter_map(|(i, _)| {
            let tag = &html[html[..i].rfind('<')?..=i + html[i..].find('>')?];
            let named = tag
                .split("aria-label=\"")
                .nth(1)
                .is_some_and(|rest| !rest.starts_with('"'));
            let reachable = tag.contains("role=\"region\"") && tag.contains("tabindex=\"0\"");
            (!(named && reachable)).then_some(tag)
        })
        .collect()
}

/// A plain-form success redirects (302/303); a login redirect is 401 in effect.
fn normalise(status: u16, location: Option<&str>) -> u16 {
    match (status, location) {
        (300..=399, Some(l)) if l.contains("/login") => 401,
        (300..=399, _) => 200,
        _ => status,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_route_and_page_follows_the_declared_policy() {
    on_each_backend(|db, name| async move {
        let j = jury(&db).await;
        let open = j.judging - Duration::days(20);
        let now = j.judging + Duration::days(1);
        let jury_invitation = conflict_and_jury_invitation(&db, &j, now).await;
        crate::shortlist::advanced_with_every_entry(&db, &j, now).await;
        let secretariat = person(&db, "sekretariat@eucpn.eu", None, &[app::model::Role::Secretariat]).await;
        // The year's final, with applicant A as Sweden's representative from the start, so that
        // the pages (called first) show what a representative sees.
        let secretariat = crate::jury::actor(&db, secretariat).await;
        let settings = app::backend::europe::FinalSettings { theme: "Radicalisation", deadline: "2027-10-01T12:00", countries: &["SE".to_string(), "NL".to_string()], ..Default::default() };
        app::backend::europe::save(&db, &crate::common::unwatched(), &secretariat, j.year, &settings, now)
            .await
            .unwrap();
        app::backend::europe::save_representative(&db, &secretariat, j.year, "SE", "app0@example.se", now)
            .await
            .unwrap();
        // The Dutch national round, hosted here with its own organiser, in judging like Sweden's,
        // with one Dutch entry submitted while it was open.
        let dutch_organiser = person(&db, "ecpa@ccv.nl", None, &[]).await;
        app::backend::rounds::host(&db, &secretariat, j.year, "NL", "ecpa@ccv.nl", open).await.unwrap();
        let dutch_organiser = crate::jury::actor(&db, dutch_organiser).await;
        let nl = app::model::Country::parse("NL").unwrap();
        let dutch_dates = app::model::RoundDates {
            opens: "2027-03-01T09:00".into(),
            closes: "2027-08-20T23:59".into(),
            judging: "2027-08-29T09:00".into(),
            deliberation: "2027-09-20T09:00".into(),
            anonymous: false,
        };
        app::backend::rounds::save_dates(&db, &crate::common::unwatched(), &dutch_organiser, j.year, nl, dutch_dates, open).await.unwrap();
        let utrecht = person(&db, "wijk@utrecht.nl", Some("Gemeente Utrecht"), &[app::model::Role::Applicant]).await;
        let utrecht = crate::jury::actor(&db, utrecht).await;
        let nl_entry = app::backend::entries::applicant::start(&db, &utrecht, app::model::RoundRef::national(j.year, nl), utrecht.organisations[0], open)
            .await
            .unwrap();
        let mut text = crate::entries::complete();
        text.public_summary_en = "In short.".into();
        let saved = app::backend::entries::applicant::save(&db, &utrecht, nl_entry, 1, text, open).await.unwrap();
        app::backend::entries::applicant::submit(&db, &crate::common::unwatched(), &utrecht, nl_entry, saved.revision, open, "http://x")
            .await
            .unwrap();
        let nl_entry = nl_entry.to_string();
        let s = TestServer::start(db.clone(), now).await;
        let att = upload_pdf(&db, &j.applicant, s.uploads.path(), j.entries[0], "r.pdf", open).await
            .id
            .to_string();
        let news_id = news::save(
            &db, &s.public,
            &j.admin,
            (0, 0),
            app::model::NewsForm {
                kind: "news".into(),
                title_sv: "Utkast".into(),
                summary_sv: "Ingress".into(),
                body_sv: "Text".into(),
                publish: "draft".into(),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
        news::set_image(&db, &s.public, &j.admin, s.uploads.path(), news_id, crate::publication::image("b.png", "Bild", ""), now)
            .await
            .unwrap();
        let media = news::edit_view(&db, &j.admin, news_id, now)
            .await
            .unwrap()
            .image
            .unwrap();
        let org_a = j.applicant.organisations[0].to_string();
        let org_invitation =
            org_invitation(&db, &s, &signed_in(&s, "app0@example.se").await, &org_a).await;
        let clients = [
            s.browser(),
            signed_in(&s, "app0@example.se").await,
            signed_in(&s, "app1@example.se").await,
            signed_in(&s, "j2@bra.se").await,
            signed_in(&s, "j3@bra.se").await,
            signed_in(&s, "chair@bra.se").await,
            signed_in(&s, "admin@bra.se").await,
            signed_in(&s, "sekretariat@eucpn.eu").await,
            signed_in(&s, "ecpa@ccv.nl").await,
        ];
        let year = j.year.to_string();
        let (e0, e1, e2) = (
            j.entries[0].to_string(),
            j.entries[1].to_string(),
            j.entries[2].to_string(),
        );
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let b_user = app::backend::entities::app_user::Entity::find()
            .filter(app::backend::entities::app_user::Column::Email.eq("app1@example.se"))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let (j2, chair) = (j.j2.user_id.to_string(), j.chair.user_id.to_string());
        let answer_field = format!("answers[{e0}]");
        let news_id = news_id.to_string();
        let a_user = j.applicant.user_id.to_string();

        // The declared policy of every server function: the arguments, then the status each
        // person gets (anonymous, A, B, juror, conflicted, chair, admin, secretariat). 401: sign in first;
        // 403: not your role; 404: not yours to see (or does not exist); 409: a rule of the
        // process; 400/422: bad input after the check passed.
        #[rustfmt::skip]
        let functions: Vec<(&str, Vec<(&str, &str)>, [u16; 9])> = vec![
            // Signing in, first: failed attempts count towards the per-client limit (20).
            // Five failures for one address, then that address waits (429): the secretariat, admin
            // and A call last.
            ("login", vec![("email", "ingen@example.se"), ("password", "fel"), ("lang", "sv")], [401, 429, 401, 401, 401, 401, 429, 429, 429]),
            ("login_code", vec![("code", "123456"), ("lang", "sv")], [401; 9]),
            // Public pages' data.
            ("home", vec![], [200; 9]),
            ("competition", vec![("year", &year)], [200; 9]),
            ("archive", vec![], [200; 9]),
            ("news", vec![], [200; 9]),
            ("news_article", vec![("slug", "utkast")], [404; 9]),
            ("events", vec![], [200; 9]),
            ("event", vec![("slug", "nope")], [404; 9]),
            // Accounts: links with tokens are for anyone holding a valid one.
            ("register", vec![("name", ""), ("email", "x"), ("password", "x"), ("organisation", ""), ("kind", ""), ("city", ""), ("org_number", ""), ("lang", "sv")], [422; 9]),
            ("verify_email", vec![("token", "bogus")], [400; 9]),
            ("forgot_password", vec![("email", "ingen@example.se"), ("lang", "sv")], [200; 9]),
            ("reset_password", vec![("token", "bogus"), ("password", "lingon-cykel-fjäll-8"), ("lang", "sv")], [400; 9]),
            ("confirm_email", vec![("token", "bogus")], [400; 9]),
            // Signed in, any role.
            ("account", vec![], SIGNED_IN),
            ("my_data", vec![], SIGNED_IN),
            ("retention", vec![], [200; 9]),
            ("start_two_factor", vec![], SIGNED_IN),
            ("confirm_two_factor", vec![("code", "abc")], [401, 422, 422, 422, 422, 422, 422, 422, 422]),
            ("disable_two_factor", vec![("password", "fel")], [401, 422, 422, 422, 422, 422, 422, 422, 422]),
            ("change_password", vec![("current_password", "fel"), ("new_password", "x")], [401, 422, 422, 422, 422, 422, 422, 422, 422]),
            ("change_email", vec![("email", "x@y.se"), ("password", "fel")], [401, 422, 422, 422, 422, 422, 422, 422, 422]),
            ("delete_account", vec![("password", "fel"), ("lang", "sv")], [401, 422, 422, 422, 422, 422, 422, 422, 422]),
            // Organisations: members of their own only.
            ("my_organisation", vec![], [401, 200, 200, 404, 404, 404, 404, 404, 404]),
            ("update_organisation", vec![("organisation_id", &org_a), ("name", "Mora kommun"), ("kind", "municipality"), ("city", "Mora"), ("org_number", "")], [401, 200, 403, 403, 403, 403, 403, 403, 403]),
            ("invite", vec![("organisation_id", &org_a), ("email", "ny@mora.se")], [401, 200, 403, 403, 403, 403, 403, 403, 403]),
            ("resend_invitation", vec![("invitation_id", &org_invitation)], [401, 200, 403, 403, 403, 403, 403, 403, 403]),
            ("invitation", vec![("token", "bogus")], [400; 9]),
            ("accept_invitation", vec![("token", "bogus"), ("name", "X"), ("password", "lingon-cykel-fjäll-8"), ("lang", "sv")], [400; 9]),
            ("leave_organisation", vec![("organisation_id", &org_a), ("lang", "sv")], [401, 409, 403, 403, 403, 403, 403, 403, 403]),
            ("remove_member", vec![("organisation_id", &org_a), ("user_id", &a_user)], [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            // Entries: the organisation's own; the organiser reads but does not write.
            ("my_entries", vec![], SIGNED_IN),
            ("entry", vec![("id", &e0)], [401, 200, 404, 404, 404, 404, 200, 404, 404]),
            ("entry_version", vec![("id", &e0), ("number", "1")], [401, 200, 404, 404, 404, 404, 200, 404, 404]),
            ("save_entry", vec![("id", &e0), ("revision", "99"), ("draft[title]", "x")], [401, 409, 404, 404, 404, 404, 404, 404, 404]),
            // A's refused save above is kept for A alone, who may read and discard it. A discard
            // reaches only the sender's own copy: the organiser, who reads the entry, has none,
            // and discarding none is done.
            ("unsaved_entry", vec![("id", &e0)], [401, 200, 404, 404, 404, 404, 404, 404, 404]),
            ("discard_unsaved_entry", vec![("id", &e0), ("lang", "sv")], [401, 200, 404, 404, 404, 404, 200, 404, 404]),
            ("submit_entry", vec![("id", &e0), ("revision", "99")], [401, 409, 404, 404, 404, 404, 404, 404, 404]),
            ("withdraw_entry", vec![("id", &e0)], [401, 409, 404, 404, 404, 404, 404, 404, 404]),
            ("remove_attachment", vec![("attachment_id", &att)], [401, 409, 404, 404, 404, 404, 404, 404, 404]),
            ("start_entry", vec![("year", &year), ("organisation_id", &org_a), ("lang", "sv")], [401, 409, 422, 422, 422, 422, 422, 422, 422]),
            // Jurors: their assignment, never what a conflict hides.
            ("my_juries", vec![], SIGNED_IN),
            ("jury_home", vec![("year", &year)], [401, 404, 404, 200, 200, 200, 404, 404, 404]),
            ("scoring", vec![("entry_id", &e0)], [401, 404, 404, 200, 409, 200, 404, 404, 404]),
            ("save_scores", vec![("entry_id", &e0), ("revision", "0"), ("sheet[overall_comment]", "Utkast")], [401, 404, 404, 200, 409, 200, 404, 404, 404]),
            ("save_scores", vec![("entry_id", &e0), ("revision", "99"), ("sheet[overall_comment]", "Gammal flik")], [401, 404, 404, 409, 409, 409, 404, 404, 404]),
            // The jurors' stale sheets above are kept for each of them alone, who may read and
            // discard their own; the juror standing aside gets nothing kept.
            ("unsaved_sheet", vec![("entry_id", &e0)], [401, 404, 404, 200, 409, 200, 404, 404, 404]),
            ("discard_unsaved_sheet", vec![("entry_id", &e0), ("lang", "sv")], [401, 404, 404, 200, 409, 200, 404, 404, 404]),
            ("jury_progress", vec![("year", &year)], [401, 403, 403, 403, 403, 200, 200, 403, 403]),
            // The shortlist round (advanced): the jury and the organiser read it; answers are
            // over, and the advancement is the chair's or the organiser's, once.
            ("shortlist", vec![("year", &year)], [401, 404, 404, 200, 200, 200, 200, 404, 404]),
            ("save_shortlist_answers", vec![("year", &year), (&answer_field, "1")], [401, 404, 404, 409, 409, 409, 404, 404, 404]),
            ("advance_shortlist", vec![("year", &year), ("how", "top"), ("top", "1"), ("reason", "Bäst")], [401, 403, 403, 403, 403, 409, 409, 403, 403]),
            // Taking it back is theirs too, and refused once a juror has saved a score (above).
            ("take_back_shortlist", vec![("year", &year), ("reason", "Fel antal")], [401, 403, 403, 403, 403, 409, 409, 403, 403]),
            // The advancement each of the two sent (already made) is kept for them alone, and
            // discarded by them.
            ("discard_unsaved_advancement", vec![("year", &year)], [401, 403, 403, 403, 403, 200, 200, 403, 403]),
            ("jury_ranking", vec![("year", &year)], [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("jury_grid", vec![("year", &year)], [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("jury_grid", vec![("year", &year), ("criterion", "effect")], [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("record_decision", vec![("year", &year), ("winner", "999999"), ("motivation_sv", "x"), ("motivation_en", ""), ("tie_reason", "")], [401, 403, 403, 403, 403, 422, 422, 403, 403]),
            // Reopening: the chair and the organiser only, and nothing to reopen while judging.
            ("reopen_decision", vec![("year", &year), ("reason", "Ett nytt underlag")], [401, 403, 403, 403, 403, 409, 409, 403, 403]),
            // The decision each of the two sent above (an unknown winner) is kept for them
            // alone, and discarded by them.
            ("discard_unsaved_decision", vec![("year", &year)], [401, 403, 403, 403, 403, 200, 200, 403, 403]),
            // The reason each of the two sent above (nothing to reopen) is kept for them alone,
            // and discarded by them.
            ("discard_unsaved_reopening", vec![("year", &year)], [401, 403, 403, 403, 403, 200, 200, 403, 403]),
            ("jury_invitation", vec![("token", "bogus")], [400; 9]),
            ("answer_jury_invitation", vec![("token", "bogus"), ("accept", "true"), ("name", ""), ("password", ""), ("lang", "sv")], [400; 9]),
            ("declare_conflict", vec![("entry_id", &e2), ("reason", "Jäv")], [401, 404, 404, 200, 200, 200, 404, 404, 404]),
            // The jury's discussion of an entry: its jurors (each once their own sheet is in; the
            // drafts above are not) and the organiser, who writes the first note. Never applicants.
            ("jury_discussion", vec![("entry_id", &e0)], [401, 404, 404, 200, 409, 200, 200, 404, 404]),
            ("add_jury_note", vec![("entry_id", &e0), ("body", "Se bilagan.")], [401, 404, 404, 409, 409, 409, 200, 404, 404]),
            // Each reader of the thread discards their own kept note; nothing kept is no error.
            ("discard_unsaved_note", vec![("entry_id", &e0)], [401, 404, 404, 200, 409, 200, 200, 404, 404]),
            ("discard_unsaved_conflict", vec![("entry_id", &e0)], [401, 404, 404, 200, 409, 200, 404, 404, 404]),
            // The organiser's jury setup.
            ("jury_admin", vec![("year", &year)], ADMIN_ONLY),
            ("invite_juror", vec![("year", &year), ("email", "till@bra.se")], ADMIN_ONLY),
            ("resend_juror_invitation", vec![("invitation_id", &jury_invitation)], ADMIN_ONLY),
            ("revoke_juror_invitation", vec![("invitation_id", &jury_invitation)], ADMIN_ONLY),
            ("appoint_chair", vec![("year", &year), ("user_id", &chair)], ADMIN_ONLY),
            ("remind_juror", vec![("year", &year), ("user_id", &j2)], ADMIN_ONLY),
            ("add_conflict", vec![("entry_id", &e1), ("juror_id", &j2), ("reason", "Jäv")], ADMIN_ONLY),
            // The organiser's own refused record of a conflict; nothing kept is no error.
            ("discard_unsaved_recorded_conflict", vec![("year", &year)], ADMIN_ONLY),
            ("set_jury_assignment", vec![("entry_id", &e1), ("juror_id", &j2), ("assigned", "true")], ADMIN_ONLY),
            ("assign_jury", vec![("year", &year), ("per_entry", "3"), ("cap", "4")], ADMIN_ONLY),
            // The jury's feedback to applicants: prepared by the organiser, or the chair once
            // judging has closed; released by the organiser once the results are public; read
            // by whoever may read the entry.
            ("feedback_draft", vec![("entry_id", &e0)], [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("save_feedback", vec![("entry_id", &e0), ("revision", "0"), ("summary_sv", "Bra"), ("summary_en", "")], [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            // Only the preparer's own kept feedback; the organiser has none here, and a discard
            // that finds nothing is done.
            ("discard_unsaved_feedback", vec![("entry_id", &e0)], [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("release_feedback", vec![("entry_id", &e0)], [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("feedback_overview", vec![("year", &year)], ADMIN_ONLY),
            ("feedback_overview", vec![("year", &year), ("europe", "true")], SECRETARIAT_ONLY),
            ("feedback_overview", vec![("year", &year), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("feedback_draft", vec![("entry_id", &nl_entry)], ROUND_ORGANISER_ONLY),
            ("entry_feedback", vec![("entry_id", &e0)], [401, 200, 404, 404, 404, 404, 200, 404, 404]),
            // Messages to groups: the round's organiser's alone.
            ("group_messages", vec![("year", &year)], ADMIN_ONLY),
            ("group_messages", vec![("year", &year), ("europe", "true")], SECRETARIAT_ONLY),
            ("group_messages", vec![("year", &year), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("send_group_message", vec![("year", &year), ("segment", "jurors"), ("subject_sv", "Möte"), ("body_sv", "Kl. 10."), ("subject_en", ""), ("body_en", ""), ("send_at", "2027-12-01T10:00")], ADMIN_ONLY),
            ("send_group_message", vec![("year", &year), ("segment", "jurors"), ("subject_sv", "Möte"), ("body_sv", "Kl. 10."), ("subject_en", ""), ("body_en", ""), ("send_at", "2027-12-01T10:00"), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("cancel_group_message", vec![("id", "999999")], NOT_FOUND_SIGNED_IN),
            // The messages above were accepted: nothing is kept, and clearing nothing is done.
            ("discard_unsaved_message", vec![("year", &year)], ADMIN_ONLY),
            // A year's own mail words: the home round's organiser only.
            ("mail_texts", vec![("year", &year)], ADMIN_ONLY),
            // The year's dashboard: the home round's organiser only.
            ("year_dashboard", vec![("year", &year)], ADMIN_ONLY),
            ("mail_text", vec![("year", &year), ("mail", "receipt")], ADMIN_ONLY),
            ("save_mail_text", vec![("year", &year), ("mail", "receipt"), ("form[subject_sv]", "Kvitto {year}"), ("form[body_sv]", "Tack för {title}."), ("form[subject_en]", "Receipt {year}"), ("form[body_en]", "Thank you.")], ADMIN_ONLY),
            ("reset_mail_text", vec![("year", &year), ("mail", "receipt")], ADMIN_ONLY),
            // The organiser's years, screening and publication.
            ("admin_competitions", vec![], ADMIN_ONLY),
            ("competition_form", vec![("year", &year)], ADMIN_ONLY),
            ("save_competition", vec![("original", "0"), ("form[year]", "2030"), ("lang", "sv")], [401, 403, 403, 403, 403, 403, 422, 403, 403]),
            ("screening", vec![("year", &year)], ADMIN_ONLY),
            ("screen_entry", vec![("entry_id", &e0), ("eligible", "true"), ("reason", "")], ADMIN_ONLY),
            ("discard_unsaved_screening", vec![("entry_id", &e0)], ADMIN_ONLY),
            ("publish_entry_list", vec![("year", &year), ("publish", "true")], ADMIN_ONLY),
            // Entry 0 is submitted: the organiser is let through to the rule that only drafts
            // are reminded.
            ("remind_entry", vec![("entry_id", &e0)], [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("results_admin", vec![("year", &year)], ADMIN_ONLY),
            ("publish_results", vec![("year", &year), ("at", "")], [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("unschedule_results", vec![("year", &year)], [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("save_award", vec![("year", &year), ("award_id", "999999"), ("award[about_sv]", "Om"), ("award[motivation_sv]", "M")], [401, 403, 403, 403, 403, 403, 404, 403, 403]),
            ("remove_award_photo", vec![("year", &year), ("award_id", "999999")], [401, 403, 403, 403, 403, 403, 404, 403, 403]),
            ("add_european", vec![("year", &year), ("placement[rank]", "1"), ("placement[country_sv]", "Sverige"), ("placement[country_en]", "Sweden")], [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("remove_european", vec![("year", &year), ("id", "999999")], [401, 403, 403, 403, 403, 403, 404, 403, 403]),
            ("news_admin", vec![], ADMIN_ONLY),
            ("news_edit", vec![("id", &news_id)], ADMIN_ONLY),
            ("save_news", vec![("id", "0"), ("revision", "0"), ("lang", "sv"), ("news[kind]", "news"), ("news[title_sv]", "Titel"), ("news[summary_sv]", "Ingress"), ("news[body_sv]", "Text"), ("news[publish]", "draft")], ADMIN_ONLY),
            ("preview_markdown", vec![("source", "# x")], ADMIN_ONLY),
            ("events_admin", vec![], ADMIN_ONLY),
            ("event_edit", vec![("id", "0")], ADMIN_ONLY),
            ("save_event", vec![("id", "0"), ("revision", "0"), ("lang", "sv"), ("event[title_sv]", "Seminarium"), ("event[summary_sv]", "Text"), ("event[starts_at]", "2027-12-01T09:00"), ("event[online]", "on"), ("event[publish]", "draft")], ADMIN_ONLY),
            // The organiser's own text a news or event editor refused; the saves above were
            // accepted, so there is none, and discarding none is done.
            ("discard_unsaved_item", vec![("kind", "news"), ("id", "0")], ADMIN_ONLY),
            ("clone_competition", vec![("from", &year), ("lang", "sv")], ADMIN_ONLY),
            // The EUCPN dossier: the organiser's, once the year is decided (this one is judging).
            ("dossier", vec![("year", &year)], [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("save_dossier_english", vec![("year", &year), ("base", "0"), ("english[title]", "x")], [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("save_eucpn_address", vec![("year", &year), ("address", "ecpa@eucpn.example")], ADMIN_ONLY),
            ("send_dossier", vec![("year", &year)], [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            // The European final: the secretariat's alone, Brå's organiser included out.
            ("finals", vec![], SECRETARIAT_ONLY),
            ("final_round", vec![("year", &year)], SECRETARIAT_ONLY),
            ("save_final", vec![("year", &year), ("theme", "Radicalisation"), ("deadline", "2027-10-01T12:00"), ("countries[0]", "SE"), ("countries[1]", "NL")], SECRETARIAT_ONLY),
            ("save_representative", vec![("year", &year), ("country", "SE"), ("email", "app0@example.se")], SECRETARIAT_ONLY),
            // Applicant A is Sweden's representative; this year is not decided yet.
            ("forward_winner", vec![("year", &year)], [401, 409, 403, 403, 403, 403, 403, 403, 403]),
            // The representative's page and projects entered directly: Sweden's representative
            // alone; to anyone else the page does not exist.
            ("represented_final", vec![("year", &year)], [401, 200, 404, 404, 404, 404, 404, 404, 404]),
            ("enter_directly", vec![("year", &year), ("country", "SE"), ("organisation", "Stiftelsen Trygg"), ("kind", "good_practice"), ("lang", "sv")], [401, 200, 403, 403, 403, 403, 403, 403, 403]),
            // The final's jury (`europe=true`): the secretariat's; Brå's organiser has no say.
            ("jury_admin", vec![("year", &year), ("europe", "true")], SECRETARIAT_ONLY),
            ("jury_ranking", vec![("year", &year), ("europe", "true")], SECRETARIAT_ONLY),
            ("jury_grid", vec![("year", &year), ("europe", "true")], SECRETARIAT_ONLY),
            ("reopen_decision", vec![("year", &year), ("reason", "Nytt underlag"), ("europe", "true")], [401, 403, 403, 403, 403, 403, 403, 409, 403]),
            ("jury_progress", vec![("year", &year), ("europe", "true")], SECRETARIAT_ONLY),
            ("jury_home", vec![("year", &year), ("europe", "true")], NOT_FOUND_SIGNED_IN),
            ("invite_juror", vec![("year", &year), ("email", "jurist@politie.nl"), ("country", "SE"), ("europe", "true")], SECRETARIAT_ONLY),
            // The final's prize money and results: the secretariat's; its public page anyone's.
            ("save_prizes", vec![("year", &year), ("prize_winner", "20000"), ("prize_runner_up", "10000")], SECRETARIAT_ONLY),
            ("results_admin", vec![("year", &year), ("europe", "true")], SECRETARIAT_ONLY),
            ("publish_results", vec![("year", &year), ("at", ""), ("europe", "true")], [401, 403, 403, 403, 403, 403, 403, 409, 403]),
            ("unschedule_results", vec![("year", &year), ("europe", "true")], [401, 403, 403, 403, 403, 403, 403, 409, 403]),
            ("european_results", vec![("year", &year)], [200; 9]),
            // Another country's round hosted here: the secretariat hosts it and names its
            // organisers; they alone run it. Brå's organiser and the secretariat see nothing of
            // it, and its organiser nothing of Sweden's round (the rows above).
            ("host_round", vec![("year", &year), ("country", "NL"), ("email", "ecpa@ccv.nl")], SECRETARIAT_ONLY),
            ("hosted_round", vec![("year", &year), ("country", "NL")], ROUND_ORGANISER_ONLY),
            ("remove_round_organiser", vec![("year", &year), ("country", "NL"), ("user_id", "999999")], [401, 403, 403, 403, 403, 403, 403, 404, 403]),
            ("save_round_dates", vec![("year", &year), ("country", "NL"), ("dates[opens]", "2027-03-01T09:00"), ("dates[closes]", "2027-08-20T23:59"), ("dates[judging]", "2027-08-29T09:00"), ("dates[deliberation]", "2027-09-20T09:00")], ROUND_ORGANISER_ONLY),
            ("entry", vec![("id", &nl_entry)], [401, 404, 404, 404, 404, 404, 404, 404, 200]),
            ("jury_discussion", vec![("entry_id", &nl_entry)], [401, 404, 404, 404, 404, 404, 404, 404, 200]),
            // Sweden's jurors and chair never score the Dutch entry, nor does the round's organiser.
            ("scoring", vec![("entry_id", &nl_entry)], NOT_FOUND_SIGNED_IN),
            ("start_entry", vec![("year", &year), ("organisation_id", &org_a), ("lang", "sv"), ("round_country", "NL")], [401, 409, 422, 422, 422, 422, 422, 422, 422]),
            ("screening", vec![("year", &year), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("screen_entry", vec![("entry_id", &nl_entry), ("eligible", "true"), ("reason", "")], ROUND_ORGANISER_ONLY),
            ("discard_unsaved_screening", vec![("entry_id", &nl_entry)], ROUND_ORGANISER_ONLY),
            ("remind_entry", vec![("entry_id", &nl_entry)], [401, 403, 403, 403, 403, 403, 403, 403, 409]),
            ("jury_admin", vec![("year", &year), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("jury_progress", vec![("year", &year), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("jury_ranking", vec![("year", &year), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("jury_grid", vec![("year", &year), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("reopen_decision", vec![("year", &year), ("reason", "Nytt underlag"), ("round_country", "NL")], [401, 403, 403, 403, 403, 403, 403, 403, 409]),
            ("jury_home", vec![("year", &year), ("round_country", "NL")], NOT_FOUND_SIGNED_IN),
            ("invite_juror", vec![("year", &year), ("email", "jurist@ccv.nl"), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("results_admin", vec![("year", &year), ("round_country", "NL")], ROUND_ORGANISER_ONLY),
            ("publish_results", vec![("year", &year), ("at", ""), ("round_country", "NL")], [401, 403, 403, 403, 403, 403, 403, 403, 409]),
            // A country that is no member state names no round.
            ("jury_admin", vec![("year", &year), ("round_country", "XX")], NOT_FOUND_SIGNED_IN),
            // Administration of people and mail.
            ("admin_users", vec![("query", "")], ADMIN_ONLY),
            ("admin_outbox", vec![("status", "")], ADMIN_ONLY),
            // A person's data, for their request: an address nobody has, so nothing is erased.
            ("person_search", vec![("email", "ingen@example.se"), ("name", "")], ADMIN_ONLY),
            ("erase_person", vec![("email", "ingen@example.se"), ("name", ""), ("confirm", "on"), ("lang", "sv")], ADMIN_ONLY),
            ("audit_trail", vec![("filter[kind]", ""), ("filter[year]", &year)], ADMIN_ONLY),
            ("admin_set_active", vec![("user_id", &b_user), ("active", "true")], ADMIN_ONLY),
            ("admin_set_roles", vec![("user_id", "999999"), ("applicant", "on")], [401, 403, 403, 403, 403, 403, 404, 403, 403]),
            // News subscriptions: anyone, with a valid address or token.
            ("subscribe", vec![("email", "x"), ("lang", "sv")], [422; 9]),
            ("confirm_subscription", vec![("token", "nope")], [400; 9]),
            ("unsubscribe", vec![("token", "nope")], [200; 9]),
            ("revoke_invitation", vec![("invitation_id", &org_invitation)], [401, 200, 403, 403, 403, 403, 403, 403, 403]),
            // Last: it ends each person's session.
            ("logout", vec![("lang", "sv")], [200; 9]),
        ];
        let registered: BTreeSet<(String, String)> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, method)| {
                (
                    path.trim_start_matches("/api/").to_string(),
                    method.to_string(),
                )
            })
            .collect();
        let declared: BTreeSet<String> = functions.iter().map(|(e, ..)| e.to_string()).collect();
        let missing: Vec<&String> = registered
            .iter()
            .map(|(e, _)| e)
            .filter(|e| !declared.contains(*e))
            .collect();
        assert!(missing.is_empty(), "server functions without a declared policy: {missing:?}");
        let unknown: Vec<&String> = declared
            .iter()
            .filter(|e| !registered.iter().any(|(r, _)| r == *e))
            .collect();
        assert!(unknown.is_empty(), "policy for server functions that do not exist: {unknown:?}");

        // Pages and other routes, declared the same way (GET unless said otherwise).
        #[rustfmt::skip]
        let routes: Vec<(&str, String, [u16; 9])> = vec![
            ("GET", format!("/attachments/{att}"), [401, 200, 404, 200, 404, 200, 200, 404, 404]),
            ("POST", format!("/entries/{e0}/attachments"), [401, 409, 404, 404, 404, 404, 404, 404, 404]),
            // The reading copy: whoever may read the entry, as for its attachments.
            ("GET", format!("/entries/{e0}/reading-copy.pdf"), [401, 200, 404, 200, 404, 200, 200, 404, 404]),
            ("GET", format!("/en/entries/{e0}/reading-copy.pdf"), [401, 200, 404, 200, 404, 200, 200, 404, 404]),
            ("GET", format!("/admin/competitions/{year}/entries.csv"), ADMIN_ONLY),
            ("GET", format!("/admin/audit.csv?year={year}&object=entry:{e0}"), ADMIN_ONLY),
            ("GET", "/admin/personal-data/export.zip?email=ingen@example.se".into(), ADMIN_ONLY),
            ("GET", "/account/data.zip".into(), SIGNED_IN),
            ("GET", format!("/admin/competitions/{year}/entries.xlsx"), ADMIN_ONLY),
            ("GET", format!("/jury/{year}/scores.csv"), [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("GET", format!("/jury/{year}/scores.xlsx"), [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("GET", format!("/europe/{year}/jury/scores.csv"), SECRETARIAT_ONLY),
            ("GET", format!("/europe/{year}/jury/scores.xlsx"), SECRETARIAT_ONLY),
            ("GET", format!("/rounds/nl/{year}/jury/scores.csv"), ROUND_ORGANISER_ONLY),
            ("GET", format!("/rounds/nl/{year}/jury/scores.xlsx"), ROUND_ORGANISER_ONLY),
            // A juror's reading pack: the round's jury, each member their own entries.
            ("GET", format!("/jury/{year}/reading-pack.pdf"), [401, 404, 404, 200, 200, 200, 404, 404, 404]),
            ("GET", format!("/jury/{year}/reading-pack.zip?lang=en"), [401, 404, 404, 200, 200, 200, 404, 404, 404]),
            ("GET", format!("/europe/{year}/jury/reading-pack.pdf"), NOT_FOUND_SIGNED_IN),
            ("GET", format!("/europe/{year}/jury/reading-pack.zip"), NOT_FOUND_SIGNED_IN),
            ("GET", format!("/rounds/nl/{year}/jury/reading-pack.pdf"), NOT_FOUND_SIGNED_IN),
            ("GET", format!("/rounds/xx/{year}/jury/reading-pack.zip"), NOT_FOUND_SIGNED_IN),
            ("GET", format!("/entries/{nl_entry}/reading-copy.pdf"), [401, 404, 404, 404, 404, 404, 404, 404, 200]),
            ("GET", format!("/admin/competitions/{year}/dossier.pdf"), [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("GET", format!("/admin/competitions/{year}/dossier.docx"), [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("POST", format!("/admin/competitions/{year}/awards/999999/photo"), [401, 403, 403, 403, 403, 403, 404, 403, 403]),
            ("POST", format!("/admin/news/{news_id}/image"), ADMIN_ONLY),
            ("GET", media.clone(), [404, 404, 404, 404, 404, 404, 200, 404, 404]),
            ("GET", "/feed.atom".into(), [200; 9]),
            ("GET", "/en/feed.atom".into(), [200; 9]),
            ("GET", "/sitemap.xml".into(), [200; 9]),
            ("GET", "/robots.txt".into(), [200; 9]),
            // The islands loader is public; built assets too (none in this test's site folder).
            ("GET", format!("/pkg/{}", app::assets::boot_file_name()), [200; 9]),
            ("GET", format!("/open-data/{year}.json"), [404; 9]),
            ("GET", format!("/open-data/{year}.csv"), [404; 9]),
            ("GET", format!("/open-data/europe-{year}.json"), [404; 9]),
            ("GET", format!("/open-data/europe-{year}.csv"), [404; 9]),
            ("POST", "/unsubscribe/one-click?token=nope".into(), [200; 9]),
            ("GET", "/unsubscribe/one-click?token=nope".into(), [200; 9]),
        ];
        let listed: BTreeSet<String> = server::extra_routes()
            .into_iter()
            .map(|(method, path)| format!("{method} {path}"))
            .collect();
        // The listed pattern (`/attachments/{id}`) a concrete path is an instance of.
        let route_pattern = |path: &str| {
            let path = path.split('?').next().unwrap();
            listed
                .iter()
                .find(|l| {
                    let pattern = l.split_once(' ').unwrap().1;
                    let (a, b): (Vec<&str>, Vec<&str>) =
                        (pattern.split('/').collect(), path.split('/').collect());
                    a.len() == b.len() && a.iter().zip(&b).all(|(p, s)| p.starts_with('{') || p == s)
                })
                .cloned()
        };
        let covered: BTreeSet<String> = routes
            .iter()
            .filter_map(|(m, p, _)| route_pattern(p).map(|l| format!("{m} {}", l.split_once(' ').unwrap().1)))
            .collect();
        let uncovered: Vec<&String> = listed
            .iter()
            .filter(|l| {
                let (methods, pattern) = l.split_once(' ').unwrap();
                methods.split(',').any(|m| !covered.contains(&format!("{m} {pattern}")))
            })
            .collect();
        assert!(uncovered.is_empty(), "routes without a declared policy: {uncovered:?}");

        // Every page; `{year}`, `{id}`, `{number}` and `{slug}` are filled in.
        #[rustfmt::skip]
        let pages: Vec<(&str, [u16; 9])> = vec![
            ("/", [200; 9]),
            ("/competitions/{year}", [200; 9]),
            ("/archive", [200; 9]),
            ("/news", [200; 9]),
            ("/news/{slug}", [404; 9]),
            ("/events", [200; 9]),
            ("/events/{slug}", [404; 9]),
            ("/register", [200; 9]),
            ("/register/sent", [200; 9]),
            ("/verify-email", [400; 9]),
            ("/login", [200; 9]),
            ("/login/code", [200; 9]),
            ("/forgot-password", [200; 9]),
            ("/forgot-password/sent", [200; 9]),
            ("/reset-password", [200; 9]),
            ("/confirm-email", [400; 9]),
            ("/invitation", [400; 9]),
            ("/jury/invitation", [400; 9]),
            ("/subscribe", [200; 9]),
            ("/subscribe/sent", [200; 9]),
            ("/subscribe/confirm", [200; 9]),
            ("/unsubscribe", [200; 9]),
            ("/accessibility", [200; 9]),
            ("/privacy", [200; 9]),
            ("/account", SIGNED_IN),
            ("/account/data", SIGNED_IN),
            ("/organisation", [401, 200, 200, 404, 404, 404, 404, 404, 404]),
            ("/entries", SIGNED_IN),
            ("/entries/{id}", [401, 200, 404, 404, 404, 404, 200, 404, 404]),
            ("/entries/{id}/preview", [401, 200, 404, 404, 404, 404, 200, 404, 404]),
            ("/entries/{id}/history", [401, 200, 404, 404, 404, 404, 200, 404, 404]),
            ("/entries/{id}/versions/{number}", [401, 200, 404, 404, 404, 404, 200, 404, 404]),
            // Before any refused save (the pages are called first) there is nothing kept.
            ("/entries/{id}/unsaved", [401, 404, 404, 404, 404, 404, 404, 404, 404]),
            ("/entries/{id}/feedback", [401, 200, 404, 404, 404, 404, 200, 404, 404]),
            ("/jury", SIGNED_IN),
            ("/jury/{year}", [401, 404, 404, 200, 200, 200, 404, 404, 404]),
            ("/jury/{year}/entries/{id}", [401, 404, 404, 200, 409, 200, 404, 404, 404]),
            ("/jury/{year}/progress", [401, 403, 403, 403, 403, 200, 200, 403, 403]),
            ("/jury/{year}/ranking", [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("/jury/{year}/grid", [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("/jury/{year}/shortlist", [401, 404, 404, 200, 200, 200, 200, 404, 404]),
            ("/jury/feedback/{id}", [401, 403, 403, 403, 403, 409, 200, 403, 403]),
            ("/jury/discussion/{id}", [401, 404, 404, 200, 409, 200, 200, 404, 404]),
            // Before any refused sheet (the pages are called first) there is nothing kept.
            ("/jury/unsaved/{id}", [401, 404, 404, 404, 409, 404, 404, 404, 404]),
            ("/admin/users", ADMIN_ONLY),
            ("/admin/mail", ADMIN_ONLY),
            ("/admin/audit", ADMIN_ONLY),
            ("/admin/personal-data", ADMIN_ONLY),
            ("/admin/competitions", ADMIN_ONLY),
            ("/admin/competitions/new", ADMIN_ONLY),
            ("/admin/competitions/{year}", ADMIN_ONLY),
            ("/admin/competitions/{year}/entries", ADMIN_ONLY),
            ("/admin/competitions/{year}/jury", ADMIN_ONLY),
            ("/admin/competitions/{year}/results", ADMIN_ONLY),
            ("/admin/competitions/{year}/messages", ADMIN_ONLY),
            ("/admin/competitions/{year}/mails", ADMIN_ONLY),
            ("/admin/competitions/{year}/dashboard", ADMIN_ONLY),
            ("/admin/competitions/{year}/mails/{mail}", ADMIN_ONLY),
            ("/admin/competitions/{year}/dossier", [401, 403, 403, 403, 403, 403, 409, 403, 403]),
            ("/admin/europe", SECRETARIAT_ONLY),
            ("/representative/{year}", [401, 200, 404, 404, 404, 404, 404, 404, 404]),
            ("/europe/{year}", [200; 9]),
            ("/admin/rounds/{country}/{year}/entries", ROUND_ORGANISER_ONLY),
            ("/admin/news", ADMIN_ONLY),
            ("/admin/news/new", ADMIN_ONLY),
            ("/admin/news/{id}", [401, 403, 403, 403, 403, 403, 404, 403, 403]),
            ("/admin/events", ADMIN_ONLY),
            ("/admin/events/new", ADMIN_ONLY),
            ("/admin/events/{id}", [401, 403, 403, 403, 403, 403, 404, 403, 403]),
        ];
        // The European final and a hosted round have the same pages, each under its own address
        // and for its own organiser: the secretariat, or the round's.
        let rounds = [
            ("/admin/europe/{year}", "/europe/{year}/jury", SECRETARIAT_ONLY),
            ("/admin/rounds/{country}/{year}", "/rounds/{country}/{year}/jury", ROUND_ORGANISER_ONLY),
        ];
        let pages: Vec<(String, [u16; 9])> = pages
            .into_iter()
            .map(|(p, e)| (p.to_string(), e))
            .chain(rounds.iter().flat_map(|&(admin, jury, organiser)| {
                let admin = ["", "/jury", "/results", "/messages"].map(|p| (format!("{admin}{p}"), organiser));
                let desk = ["", "/entries/{id}"].map(|p| (format!("{jury}{p}"), NOT_FOUND_SIGNED_IN));
                let overview = ["/progress", "/ranking", "/grid"].map(|p| (format!("{jury}{p}"), organiser));
                admin.into_iter().chain(desk).chain(overview)
            }))
            .collect();
        let page_paths: BTreeSet<String> = server::page_routes()
            .into_iter()
            .map(|p| p.strip_prefix("/en").filter(|r| r.is_empty() || r.starts_with('/')).map(|r| if r.is_empty() { "/".to_string() } else { r.to_string() }).unwrap_or(p))
            .collect();
        let declared_pages: BTreeSet<String> = pages.iter().map(|(p, _)| p.to_string()).collect();
        let missing: Vec<&String> = page_paths.difference(&declared_pages).collect();
        assert!(missing.is_empty(), "pages without a declared policy: {missing:?}");
        let unknown: Vec<&String> = declared_pages.difference(&page_paths).collect();
        assert!(unknown.is_empty(), "policy for pages that do not exist: {unknown:?}");

        let mut failures = Vec::new();
        let mut framed = BTreeSet::new();
        // Pages first (they read), in both languages.
        for (pattern, expected) in &pages {
            let path = pattern
                .replace("{year}", &year)
                .replace("{country}", "nl")
                .replace("{number}", "1")
                .replace("{slug}", "nope")
                .replace("{mail}", "receipt")
                .replace("{id}", if pattern.starts_with("/jury") || pattern.starts_with("/entries") { &e0 } else { "999999" });
            for lang in ["", "/en"] {
                let url = if path == "/" && !lang.is_empty() { lang.to_string() } else { format!("{lang}{path}") };
                for i in ORDER {
                    let res = clients[i].get(format!("{}{url}", s.base)).send().await.unwrap();
                    let status = res.status().as_u16();
                    if status != expected[i] {
                        failures.push(format!("page {url} as {}: {status}, declared {}", WHO[i], expected[i]));
                    }
                    // Whatever a page shows, a keyboard can scroll its wide tables.
                    let html = res.text().await.unwrap_or_default();
                    for frame in unreachable_frames(&html) {
                        failures.push(format!("page {url} as {}: a scrolling frame without a name or focus: {frame}", WHO[i]));
                    }
                    if html.contains("class=\"table-scroll\"") {
                        framed.insert(pattern.clone());
                    }
                }
            }
        }
        // The pages whose tables the world above fills: the check saw their frames. (The
        // representative's table, empty here, is seen in representative.rs.)
        for pattern in ["/entries", "/jury/{year}", "/admin/competitions", "/admin/competitions/{year}/dashboard", "/admin/news"] {
            assert!(framed.contains(pattern), "{name}: no table frame seen on {pattern}");
        }
        for (method, path, expected) in &routes {
            for i in ORDER {
                let url = format!("{}{path}", s.base);
                let req = if *method == "GET" {
                    clients[i].get(url)
                } else if path.contains("/attachments") || path.contains("/photo") || path.contains("/image") {
                    let form = reqwest::multipart::Form::new().text("alt_sv", "Bild").text("lang", "sv").part(
                        "file",
                        reqwest::multipart::Part::bytes(if path.contains("/attachments") { PDF.to_vec() } else { PNG.to_vec() }).file_name("f"),
                    );
                    clients[i].post(url).header("accept", "application/json").multipart(form)
                } else {
                    clients[i].post(url)
                };
                let res = req.send().await.unwrap();
                let location = res.headers().get("location").and_then(|l| l.to_str().ok()).map(String::from);
                let status = normalise(res.status().as_u16(), location.as_deref());
                if status != expected[i] {
                    failures.push(format!("{method} {path} as {}: {status} ({location:?}), declared {}", WHO[i], expected[i]));
                }
            }
        }
        for (endpoint, fields, expected) in &functions {
            let get = registered.contains(&(endpoint.to_string(), "GET".to_string()));
            for i in ORDER {
                // Nine people asking the same address for a mail within the same minute meet the
                // limits on mail (tested in mail_limits.rs); this test is about who may ask.
                app::backend::entities::mail_request::Entity::delete_many().exec(&db).await.unwrap();
                let url = format!("{}/api/{endpoint}", s.base);
                let res = if get {
                    clients[i].get(url).query(fields).send().await.unwrap()
                } else {
                    clients[i].post(url).header("accept", "application/json").form(fields).send().await.unwrap()
                };
                let location = res.headers().get("location").and_then(|l| l.to_str().ok()).map(String::from);
                let status = normalise(res.status().as_u16(), location.as_deref());
                if status != expected[i] {
                    let body = res.text().await.unwrap_or_default();
                    failures.push(format!("{endpoint} as {}: {status}, declared {} ({})", WHO[i], expected[i], body.chars().take(160).collect::<String>()));
                }
            }
        }
        assert!(failures.is_empty(), "{name}: {} calls differ from the policy:\n{}", failures.len(), failures.join("\n"));
    })
    .await;
}
