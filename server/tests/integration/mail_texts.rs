//! A year's own mail words: the organiser's rules, the words reaching the mails the year sends
//! (a receipt, a reminder), copying to a cloned year, going back to the portal's words, and the
//! pages over HTTP without scripts. On SQLite and PostgreSQL.

use crate::common::{TestServer, location, on_each_backend, page_text, unwatched};
use crate::entries::{complete, open_year_with_a_draft};
use crate::people::signed_in;
use app::backend::entities::{audit_log, mail_outbox};
use app::backend::entries::{applicant, deadline_reminders};
use app::backend::{competition_setup, mail_texts};
use app::error::{AppError, Problem};
use app::model::{MailKey, MailTextForm};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

async fn mails(db: &DatabaseConnection, template: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Template.eq(template))
        .order_by_asc(mail_outbox::Column::Id)
        .all(db)
        .await
        .unwrap()
}

async fn audited(db: &DatabaseConnection, action: &str) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .all(db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_s_own_words_go_into_its_mails_until_the_portal_s_are_restored() {
    on_each_backend(|db, name| async move {
        let (w, draft, now) = open_year_with_a_draft(&db).await;
        let list = mail_texts::list(&db, &w.admin, 2027).await.unwrap();
        assert_eq!(list.texts.len(), MailKey::ALL.len(), "{name}");
        assert!(list.texts.iter().all(|t| !t.custom_sv && !t.custom_en));

        // The editor starts from the portal's words, with the mail's placeholders and a
        // preview filled with made-up values.
        let e = mail_texts::editor(&db, &w.admin, 2027, "receipt", "http://x")
            .await
            .unwrap();
        assert_eq!(
            e.sv.subject,
            "Kvitto: ert bidrag är inskickat – ECPA Sverige"
        );
        assert!(!e.sv.custom && !e.en.custom);
        for p in ["name", "title", "reference", "submitted"] {
            assert!(e.placeholders.iter().any(|x| x == p), "{name}: {p}");
        }
        assert!(e.sv.preview_text.contains("Referensnummer: ECPA-2027-0007"));
        assert!(e.en.preview_text.contains("ECPA-2027-0007"));
        assert_eq!(
            mail_texts::editor(&db, &w.admin, 2027, "nope", "http://x").await,
            Err(AppError::NotFound)
        );

        // Only the organiser; each language checked on its own.
        let portal_en = (e.en.subject.clone(), e.en.body.clone());
        let form = |subject_sv: &str, body_sv: &str, subject_en: &str| MailTextForm {
            subject_sv: subject_sv.into(),
            body_sv: body_sv.into(),
            subject_en: subject_en.into(),
            body_en: portal_en.1.clone(),
        };
        let own = form(
            "Vi har tagit emot {title}",
            "Tack för bidraget till ECPA {year}!\r\nReferens: {reference}.",
            &portal_en.0,
        );
        assert_eq!(
            mail_texts::save(&db, &w.a, 2027, "receipt", own.clone(), now).await,
            Err(AppError::Forbidden)
        );
        let Err(AppError::Invalid(errors)) = mail_texts::save(
            &db,
            &w.admin,
            2027,
            "receipt",
            form("Kvitto", "Hej {organisaton}", ""),
            now,
        )
        .await
        else {
            panic!("{name}: a misspelt placeholder and an empty subject are refused");
        };
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.problem))
            .collect();
        assert_eq!(
            found,
            vec![
                ("body_sv", Problem::UnknownPlaceholder),
                ("subject_en", Problem::Required)
            ]
        );

        // Swedish words of the year's own; the English left as the portal's keeps no row.
        mail_texts::save(&db, &w.admin, 2027, "receipt", own, now)
            .await
            .unwrap();
        let list = mail_texts::list(&db, &w.admin, 2027).await.unwrap();
        let receipt = &list.texts[0];
        assert_eq!(receipt.key, MailKey::Receipt);
        assert!(receipt.custom_sv && !receipt.custom_en, "{name}");
        assert_eq!(audited(&db, "mail_text.save").await.len(), 1, "{name}");
        let e = mail_texts::editor(&db, &w.admin, 2027, "receipt", "http://x")
            .await
            .unwrap();
        assert_eq!(
            e.sv.preview_subject,
            "Vi har tagit emot Trygga skolvägar i Exempelby"
        );
        assert!(e.updated.is_some());

        // The receipt of a submission uses them, with the greeting and the link as always.
        applicant::save(&db, &w.a, draft, 1, complete(), now)
            .await
            .unwrap();
        applicant::submit(&db, &unwatched(), &w.a, draft, 2, now, "http://x")
            .await
            .unwrap();
        let sent = mails(&db, "submission_receipt").await;
        assert_eq!(sent.len(), 1, "{name}");
        assert_eq!(
            sent[0].subject,
            "Vi har tagit emot Riskreducerande insatser"
        );
        assert!(
            sent[0]
                .body_text
                .contains("Tack för bidraget till ECPA 2027!\nReferens: ECPA-2027-")
        );
        assert!(sent[0].body_text.starts_with("Hej "), "{name}");
        assert!(sent[0].body_text.contains(&format!("/entries/{draft}")));

        // A reminder's words too: the organiser reminds B's draft now.
        let reminder = MailTextForm {
            subject_sv: "Glöm inte {organisation}".into(),
            body_sv: "Sista dag: {deadline}.\n{drafts}".into(),
            subject_en: "Remember, {organisation}".into(),
            body_en: "Deadline: {deadline}.\n{drafts}".into(),
        };
        mail_texts::save(&db, &w.admin, 2027, "deadline_reminder", reminder, now)
            .await
            .unwrap();
        let b = applicant::start(&db, &w.b, 2027, w.b.organisations[0], now)
            .await
            .unwrap();
        deadline_reminders::remind_now(&db, &w.admin, b, now, "http://x")
            .await
            .unwrap();
        let sent = mails(&db, "deadline_reminder").await;
        assert_eq!(sent.len(), 1, "{name}");
        assert_eq!(sent[0].subject, "Glöm inte Mora kommun");
        assert!(
            sent[0]
                .body_text
                .contains("Sista dag: 20 augusti 2027 kl. 23.59.")
        );

        // A cloned year takes the words along; the year it came from keeps its own.
        competition_setup::clone_year(&db, &unwatched(), &w.admin, 2027, now)
            .await
            .unwrap();
        let cloned = mail_texts::list(&db, &w.admin, 2028).await.unwrap();
        let own: Vec<_> = cloned
            .texts
            .iter()
            .filter(|t| t.custom_sv)
            .map(|t| t.key)
            .collect();
        assert_eq!(own, vec![MailKey::Receipt, MailKey::DeadlineReminder]);

        // Back to the portal's words: audited, and the next receipt is the portal's.
        mail_texts::reset(&db, &w.admin, 2027, "receipt", now)
            .await
            .unwrap();
        assert_eq!(audited(&db, "mail_text.reset").await.len(), 1, "{name}");
        let list = mail_texts::list(&db, &w.admin, 2027).await.unwrap();
        assert!(!list.texts[0].custom_sv, "{name}");
        let e = mail_texts::editor(&db, &w.admin, 2027, "receipt", "http://x")
            .await
            .unwrap();
        assert!(!e.sv.custom, "{name}");
        assert_eq!(
            e.sv.preview_subject,
            "Kvitto: ert bidrag är inskickat – ECPA Sverige"
        );
        // Saving the portal's words keeps no row.
        let portal = mail_texts::editor(&db, &w.admin, 2028, "receipt", "http://x")
            .await
            .unwrap();
        assert!(portal.sv.custom, "{name}: copied to 2028");
        let e2027 = mail_texts::editor(&db, &w.admin, 2027, "receipt", "http://x")
            .await
            .unwrap();
        let same = MailTextForm {
            subject_sv: e2027.sv.subject,
            body_sv: e2027.sv.body,
            subject_en: e2027.en.subject,
            body_en: e2027.en.body,
        };
        mail_texts::save(&db, &w.admin, 2028, "receipt", same, now)
            .await
            .unwrap();
        let cloned = mail_texts::list(&db, &w.admin, 2028).await.unwrap();
        assert!(
            !cloned.texts[0].custom_sv,
            "{name}: the portal's words again"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_edits_a_mail_text_without_scripts() {
    on_each_backend(|db, name| async move {
        let (_w, _draft, now) = open_year_with_a_draft(&db).await;
        let s = TestServer::start(db.clone(), now).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let list = page_text(&admin, format!("{}/admin/competitions/2027/mails", s.base)).await;
        assert!(
            list.contains("href=\"/admin/competitions/2027/mails/jury_reminder\""),
            "{name}: {list}"
        );
        let page = "/admin/competitions/2027/mails/eligible";
        let text = page_text(&admin, format!("{}{page}", s.base)).await;
        assert!(text.contains("<code>{reference}</code>"), "{name}: {text}");
        assert!(text.contains("Förhandsgranskning"), "{name}");
        let fields = |body_sv: &'static str| {
            [
                ("year", "2027"),
                ("mail", "eligible"),
                ("form[subject_sv]", "Godkänt: {title}"),
                ("form[body_sv]", body_sv),
                ("form[subject_en]", "Eligible: {title}"),
                (
                    "form[body_en]",
                    "Your entry {reference} goes on to the jury.",
                ),
            ]
        };

        // A placeholder the mail does not fill: refused in words, nothing saved.
        let back = location(
            &s.form_post(&admin, "/api/save_mail_text", page, &fields("Hej {namn}"))
                .await,
        );
        assert!(back.contains("__err"), "{name}: {back}");
        let text = page_text(&admin, back).await;
        assert!(
            text.contains("Texten har en platshållare som det här mejlet inte fyller i."),
            "{name}: {text}"
        );
        assert!(audited(&db, "mail_text.save").await.is_empty(), "{name}");

        // Saved: said, and the preview shows the year's words filled in.
        let body = "Bidraget {reference} går vidare till juryn.";
        let back = location(
            &s.form_post(&admin, "/api/save_mail_text", page, &fields(body))
                .await,
        );
        assert!(!back.contains("__err"), "{name}: {back}");
        let text = page_text(&admin, back).await;
        assert!(text.contains("Mejltexten är sparad."), "{name}: {text}");
        assert!(
            text.contains("Godkänt: Trygga skolvägar i Exempelby"),
            "{name}: {text}"
        );
        assert!(text.contains("Bidraget ECPA-2027-0007 går vidare till juryn."));
        let list = page_text(
            &admin,
            format!("{}/en/admin/competitions/2027/mails", s.base),
        )
        .await;
        assert!(list.contains("Own text"), "{name}: {list}");

        // Back to the portal's words.
        let reset = [("year", "2027"), ("mail", "eligible")];
        let back = location(
            &s.form_post(&admin, "/api/reset_mail_text", page, &reset)
                .await,
        );
        assert!(!back.contains("__err"), "{name}: {back}");
        let text = page_text(&admin, back).await;
        assert!(
            text.contains("Portalens text används igen."),
            "{name}: {text}"
        );
        assert!(!text.contains("Godkänt: Trygga"), "{name}");
    })
    .await;
}
