//! Which words each mail takes from `i18n::mail`, and the values it fills into them.
use super::layout::{bullets, when};
use super::{JuryOf, Template};
use crate::i18n::Lang;
use crate::i18n::mail::MailText;
use crate::model::country_name;

impl Template {
    /// The words of the mail in `lang`, the values for their placeholders, and the link the
    /// mail leads to.
    pub(super) fn text(&self, lang: Lang) -> (MailText, Vec<(&'static str, String)>, &str) {
        let words = lang.mail();
        match self {
            Template::VerifyEmail { name, link } => {
                (words.verify_email, vec![("name", name.clone())], link)
            }
            Template::AlreadyRegistered { name, login_link } => (
                words.already_registered,
                vec![("name", name.clone())],
                login_link,
            ),
            Template::ResetPassword { name, link } => {
                (words.reset_password, vec![("name", name.clone())], link)
            }
            Template::ConfirmNewEmail { name, link } => {
                (words.confirm_new_email, vec![("name", name.clone())], link)
            }
            Template::Invitation {
                organisation,
                inviter,
                link,
            } => (
                words.invitation,
                vec![
                    ("organisation", organisation.clone()),
                    ("inviter", inviter.clone()),
                ],
                link,
            ),
            Template::SubmissionReceipt(r) => (
                words.receipt,
                vec![
                    ("name", r.name.clone()),
                    ("title", r.title.clone()),
                    ("organisation", r.organisation.clone()),
                    ("reference", r.reference.clone()),
                    ("year", r.year.to_string()),
                    ("version", r.version.to_string()),
                    ("submitted", when(lang, &r.submitted)),
                    ("attachments", r.attachments.to_string()),
                ],
                &r.link,
            ),
            Template::ScreeningResult {
                title,
                reference,
                eligible,
                reason,
                link,
                round_country,
            } => {
                let mut values = vec![
                    ("title", title.clone()),
                    ("reference", reference.clone()),
                    ("reason", reason.clone().unwrap_or_default()),
                ];
                let words = match (round_country, *eligible) {
                    (None, true) => words.eligible,
                    (None, false) => words.ineligible,
                    (Some(code), eligible) => {
                        values.push(("country", country_name(code, lang).to_string()));
                        if eligible {
                            words.round_eligible
                        } else {
                            words.round_ineligible
                        }
                    }
                };
                (words, values, link)
            }
            Template::DeadlineReminder {
                organisation,
                year,
                deadline,
                drafts,
                round_country,
                link,
            } => {
                let mut values = vec![
                    ("organisation", organisation.clone()),
                    ("year", year.to_string()),
                    ("deadline", when(lang, deadline)),
                    ("drafts", bullets(drafts)),
                ];
                let words = match round_country {
                    None => words.deadline_reminder,
                    Some(code) => {
                        values.push(("country", country_name(code, lang).to_string()));
                        words.round_deadline_reminder
                    }
                };
                (words, values, link)
            }
            Template::JuryInvitation {
                year,
                theme,
                jury,
                link,
            } => {
                let mut values = vec![("year", year.to_string()), ("theme", theme.clone())];
                let words = match jury {
                    JuryOf::Home => words.jury_invitation,
                    JuryOf::Final => words.final_jury_invitation,
                    JuryOf::Round(code) => {
                        values.push(("country", country_name(code, lang).to_string()));
                        words.round_jury_invitation
                    }
                };
                (words, values, link)
            }
            Template::JuryReminder {
                name,
                year,
                closes,
                remaining,
                jury,
                link,
            } => {
                let mut values = vec![
                    ("name", name.clone()),
                    ("year", year.to_string()),
                    ("closes", when(lang, closes)),
                    ("remaining", remaining.to_string()),
                ];
                let words = match jury {
                    JuryOf::Home => words.jury_reminder,
                    JuryOf::Final => words.final_jury_reminder,
                    JuryOf::Round(code) => {
                        values.push(("country", country_name(code, lang).to_string()));
                        words.round_jury_reminder
                    }
                };
                (words, values, link)
            }
            Template::ShortlistReminder {
                name,
                year,
                closes,
                remaining,
                link,
            } => (
                words.shortlist_reminder,
                vec![
                    ("name", name.clone()),
                    ("year", year.to_string()),
                    ("closes", when(lang, closes)),
                    ("remaining", remaining.to_string()),
                ],
                link,
            ),
            Template::ShortlistAdvanced {
                name,
                year,
                count,
                link,
            } => (
                words.shortlist_advanced,
                vec![
                    ("name", name.clone()),
                    ("year", year.to_string()),
                    ("count", count.to_string()),
                ],
                link,
            ),
            Template::ShortlistTakenBack {
                name,
                year,
                reason,
                link,
            } => (
                words.shortlist_taken_back,
                vec![
                    ("name", name.clone()),
                    ("year", year.to_string()),
                    ("reason", reason.clone()),
                ],
                link,
            ),
            Template::ResultsPublished {
                year,
                title,
                outcome,
                link,
                ..
            } => {
                let body = words.outcomes.of(*outcome);
                (
                    MailText {
                        body,
                        ..words.results_published
                    },
                    vec![("year", year.to_string()), ("title", title.clone())],
                    link,
                )
            }
            Template::RoundResultsPublished {
                year,
                country,
                title,
                outcome,
                link,
                ..
            } => {
                let body = words.round_outcomes.of(*outcome);
                (
                    MailText {
                        body,
                        ..words.round_results_published
                    },
                    vec![
                        ("year", year.to_string()),
                        ("title", title.clone()),
                        ("country", country_name(country, lang).to_string()),
                    ],
                    link,
                )
            }
            Template::FinalResultsPublished {
                year,
                title,
                country,
                outcome,
                link,
                ..
            } => {
                use crate::model::ResultOutcome as O;
                let o = &words.final_outcomes;
                let body = match outcome {
                    O::Winner => o.winner,
                    O::RunnerUp => o.runner_up,
                    O::Mention | O::NotAwarded | O::Ineligible => o.not_awarded,
                };
                (
                    MailText {
                        body,
                        ..words.final_results_published
                    },
                    vec![
                        ("year", year.to_string()),
                        ("title", title.clone()),
                        ("country", country.clone()),
                    ],
                    link,
                )
            }
            Template::FeedbackReleased { year, title, link } => (
                words.feedback_released,
                vec![("year", year.to_string()), ("title", title.clone())],
                link,
            ),
            Template::GroupMessage {
                subject,
                body,
                link,
            } => (
                words.group_message,
                vec![("subject", subject.clone()), ("body", body.clone())],
                link,
            ),
            Template::ConfirmSubscription { link } => (words.confirm_subscription, vec![], link),
            Template::NewsPublished {
                title,
                summary,
                link,
                unsubscribe,
                ..
            } => (
                words.news_published,
                vec![
                    ("title", title.clone()),
                    ("summary", summary.clone()),
                    ("unsubscribe", unsubscribe.clone()),
                ],
                link,
            ),
            Template::DossierToEucpn {
                year,
                country,
                title,
                sender,
                link,
                replaces,
            } => {
                let mut values = vec![
                    ("year", year.to_string()),
                    ("country", country.clone()),
                    ("title", title.clone()),
                    ("sender", sender.clone()),
                ];
                let words = match replaces {
                    None => words.dossier_to_eucpn,
                    Some((earlier, sent)) => {
                        values.push(("earlier", earlier.clone()));
                        values.push(("earlier_sent", when(lang, sent)));
                        words.dossier_replacing
                    }
                };
                (words, values, link)
            }
        }
    }
}
