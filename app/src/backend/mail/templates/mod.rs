//! The mails the portal sends: which values each fills into its words (the words, in Swedish and
//! English, are in `i18n::mail`), and how a mail is laid out as plain text and HTML. Every match
//! here names every template, so a new one does not compile until it has its words, its key and
//! its priority.
use crate::i18n::Lang;
use crate::i18n::mail::{MailText, fill};
use crate::model::When;

/// Which mail goes first when more is due than can be sent at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// Someone waits for it: a receipt, a sign-in or confirmation link, an invitation.
    Waited = 0,
    /// Reminders, screening and results notices, newsletters.
    Bulk = 1,
}

/// The mails the portal sends. Each renders in the recipient's language.
pub enum Template {
    VerifyEmail {
        name: String,
        link: String,
    },
    AlreadyRegistered {
        name: String,
        login_link: String,
    },
    ResetPassword {
        name: String,
        link: String,
    },
    ConfirmNewEmail {
        name: String,
        link: String,
    },
    Invitation {
        organisation: String,
        inviter: String,
        link: String,
    },
    /// The receipt for a submitted entry.
    SubmissionReceipt(Receipt),
    /// The organiser's screening decision.
    ScreeningResult {
        title: String,
        reference: String,
        eligible: bool,
        reason: Option<String>,
        link: String,
    },
    /// An invitation to a year's jury.
    JuryInvitation {
        year: i32,
        theme: String,
        link: String,
    },
    /// A juror has unfinished score sheets close to the end of judging.
    JuryReminder {
        name: String,
        year: i32,
        closes: When,
        remaining: usize,
        link: String,
    },
    /// A draft is still unsubmitted close to the deadline.
    DeadlineReminder {
        organisation: String,
        year: i32,
        deadline: When,
        drafts: Vec<String>,
        link: String,
    },
    /// A year's results are public: what they mean for one entry.
    ResultsPublished {
        year: i32,
        title: String,
        outcome: crate::model::ResultOutcome,
        link: String,
    },
    /// Double opt-in for the news subscription.
    ConfirmSubscription {
        link: String,
    },
    /// A news item or press release to a subscriber, with the one-click unsubscribe link.
    NewsPublished {
        title: String,
        summary: String,
        link: String,
        unsubscribe: String,
        /// The address a mail client POSTs to for one-click unsubscription (RFC 8058).
        one_click: String,
    },
}

/// What the receipt for a submitted entry states.
pub struct Receipt {
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub reference: String,
    pub year: i32,
    pub version: i32,
    pub submitted: When,
    pub attachments: usize,
    pub link: String,
}

/// A mail as it is queued.
pub(super) struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Escapes text for HTML content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Paragraphs as HTML: a blank line starts a new paragraph, a single newline breaks the line.
fn paragraphs_html(paragraphs: &[&str]) -> String {
    paragraphs
        .iter()
        .flat_map(|p| p.split("\n\n"))
        .map(|p| {
            let lines: Vec<String> = p.lines().map(escape).collect();
            format!("<p>{}</p>", lines.join("<br>\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn link_html(link: &str, label: &str) -> String {
    format!("<p><a href=\"{}\">{}</a></p>", escape(link), escape(label))
}

impl Template {
    pub fn key(&self) -> &'static str {
        match self {
            Template::VerifyEmail { .. } => "verify_email",
            Template::AlreadyRegistered { .. } => "already_registered",
            Template::ResetPassword { .. } => "reset_password",
            Template::ConfirmNewEmail { .. } => "confirm_new_email",
            Template::Invitation { .. } => "invitation",
            Template::SubmissionReceipt(_) => "submission_receipt",
            Template::ScreeningResult { .. } => "screening_result",
            Template::DeadlineReminder { .. } => "deadline_reminder",
            Template::JuryInvitation { .. } => "jury_invitation",
            Template::JuryReminder { .. } => "jury_reminder",
            Template::ResultsPublished { .. } => "results_published",
            Template::ConfirmSubscription { .. } => "confirm_subscription",
            Template::NewsPublished { .. } => "news_published",
        }
    }

    /// Whether someone is waiting for this mail right now.
    pub fn priority(&self) -> Priority {
        match self {
            Template::VerifyEmail { .. }
            | Template::AlreadyRegistered { .. }
            | Template::ResetPassword { .. }
            | Template::ConfirmNewEmail { .. }
            | Template::Invitation { .. }
            | Template::SubmissionReceipt(_)
            | Template::JuryInvitation { .. }
            | Template::ConfirmSubscription { .. } => Priority::Waited,
            Template::ScreeningResult { .. }
            | Template::DeadlineReminder { .. }
            | Template::JuryReminder { .. }
            | Template::ResultsPublished { .. }
            | Template::NewsPublished { .. } => Priority::Bulk,
        }
    }

    /// The `List-Unsubscribe` address of mail that goes to subscribers.
    pub(super) fn list_unsubscribe(&self) -> Option<&str> {
        match self {
            Template::NewsPublished { one_click, .. } => Some(one_click),
            Template::VerifyEmail { .. }
            | Template::AlreadyRegistered { .. }
            | Template::ResetPassword { .. }
            | Template::ConfirmNewEmail { .. }
            | Template::Invitation { .. }
            | Template::SubmissionReceipt(_)
            | Template::ScreeningResult { .. }
            | Template::JuryInvitation { .. }
            | Template::JuryReminder { .. }
            | Template::DeadlineReminder { .. }
            | Template::ResultsPublished { .. }
            | Template::ConfirmSubscription { .. } => None,
        }
    }

    /// The words of the mail in `lang`, the values for their placeholders, and the link the
    /// mail leads to.
    fn text(&self, lang: Lang) -> (MailText, Vec<(&'static str, String)>, &str) {
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
            } => (
                if *eligible {
                    words.eligible
                } else {
                    words.ineligible
                },
                vec![
                    ("title", title.clone()),
                    ("reference", reference.clone()),
                    ("reason", reason.clone().unwrap_or_default()),
                ],
                link,
            ),
            Template::DeadlineReminder {
                organisation,
                year,
                deadline,
                drafts,
                link,
            } => (
                words.deadline_reminder,
                vec![
                    ("organisation", organisation.clone()),
                    ("year", year.to_string()),
                    ("deadline", when(lang, deadline)),
                    ("drafts", bullets(drafts)),
                ],
                link,
            ),
            Template::JuryInvitation { year, theme, link } => (
                words.jury_invitation,
                vec![("year", year.to_string()), ("theme", theme.clone())],
                link,
            ),
            Template::JuryReminder {
                name,
                year,
                closes,
                remaining,
                link,
            } => (
                words.jury_reminder,
                vec![
                    ("name", name.clone()),
                    ("year", year.to_string()),
                    ("closes", when(lang, closes)),
                    ("remaining", remaining.to_string()),
                ],
                link,
            ),
            Template::ResultsPublished {
                year,
                title,
                outcome,
                link,
            } => {
                use crate::model::ResultOutcome as O;
                let o = &words.outcomes;
                let body = match outcome {
                    O::Winner => o.winner,
                    O::RunnerUp => o.runner_up,
                    O::Mention => o.mention,
                    O::NotAwarded => o.not_awarded,
                    O::Ineligible => o.ineligible,
                };
                (
                    MailText {
                        body,
                        ..words.results_published
                    },
                    vec![("year", year.to_string()), ("title", title.clone())],
                    link,
                )
            }
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
        }
    }

    /// The mail in `lang`: subject, plain text and HTML, signed by ECPA Sverige / Brå.
    pub(super) fn render(&self, lang: Lang) -> Rendered {
        let (words, values, link) = self.text(lang);
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let [subject, greeting, body, label, closing] = [
            words.subject,
            words.greeting,
            words.body,
            words.label,
            words.closing,
        ]
        .map(|part| fill(part, &values));
        let signature = lang.mail().signature;
        let text =
            format!("{greeting}\n\n{body}\n\n{label}: {link}\n\n{closing}\n\n-- \n{signature}\n");
        let html = format!(
            "<!DOCTYPE html><html lang=\"{}\"><body>\n{}\n{}\n{}\n<p>{}</p>\n</body></html>\n",
            lang.code(),
            paragraphs_html(&[&greeting, &body]),
            link_html(link, &label),
            paragraphs_html(&[&closing]),
            escape(signature),
        );
        Rendered {
            subject,
            text,
            html,
        }
    }
}

/// A date and time as the mail's language writes it.
fn when(lang: Lang, at: &When) -> String {
    lang.date_time(&at.date, &at.time)
}

/// One line a name, each after a dash.
fn bullets(lines: &[String]) -> String {
    lines
        .iter()
        .map(|line| format!("- {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(date: &str, time: &str) -> When {
        When {
            unix: 0,
            date: date.into(),
            time: time.into(),
        }
    }

    /// One of every template, each leading to `link`.
    fn every_template(link: &str) -> Vec<Template> {
        let link = link.to_string();
        vec![
            Template::VerifyEmail {
                name: "Anna".into(),
                link: link.clone(),
            },
            Template::AlreadyRegistered {
                name: "Anna".into(),
                login_link: link.clone(),
            },
            Template::ResetPassword {
                name: "Anna".into(),
                link: link.clone(),
            },
            Template::ConfirmNewEmail {
                name: "Anna".into(),
                link: link.clone(),
            },
            Template::Invitation {
                organisation: "Mora kommun".into(),
                inviter: "Anna".into(),
                link: link.clone(),
            },
            Template::SubmissionReceipt(Receipt {
                name: "Anna".into(),
                title: "Trygg <hemkomst>".into(),
                organisation: "Mora kommun".into(),
                reference: "ECPA-2027-0001".into(),
                year: 2027,
                version: 2,
                submitted: when("2027-08-19", "23:58"),
                attachments: 1,
                link: link.clone(),
            }),
            Template::ScreeningResult {
                title: "Trygg".into(),
                reference: "ECPA-2027-0001".into(),
                eligible: false,
                reason: Some("Utanför temat".into()),
                link: link.clone(),
            },
            Template::JuryInvitation {
                year: 2027,
                theme: "Trygga stadsmiljöer".into(),
                link: link.clone(),
            },
            Template::JuryReminder {
                name: "Bo".into(),
                year: 2027,
                closes: when("2027-10-01", "12:00"),
                remaining: 3,
                link: link.clone(),
            },
            Template::DeadlineReminder {
                organisation: "Mora kommun".into(),
                year: 2027,
                deadline: when("2027-08-20", "23:59"),
                drafts: vec!["Trygg (ECPA-2027-0001)".into()],
                link: link.clone(),
            },
            Template::ResultsPublished {
                year: 2027,
                title: "Trygg".into(),
                outcome: crate::model::ResultOutcome::Winner,
                link: link.clone(),
            },
            Template::ConfirmSubscription { link: link.clone() },
            Template::NewsPublished {
                title: "Vinnaren utsedd".into(),
                summary: "Kort".into(),
                link,
                unsubscribe: "https://x/unsubscribe?token=t".into(),
                one_click: "https://x/unsubscribe/one-click?token=t".into(),
            },
        ]
    }

    #[test]
    fn every_template_renders_text_and_html_with_its_link_in_both_languages() {
        let link = "https://portal.example/x?token=abc";
        let templates = every_template(link);
        let mut keys: Vec<&str> = templates.iter().map(Template::key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 13, "one of each template");
        // The receipt says what was submitted, when, and escapes what the applicant wrote.
        let receipt = templates[5].render(Lang::Sv);
        assert!(receipt.text.contains("Referensnummer: ECPA-2027-0001"));
        assert!(receipt.text.contains("19 augusti 2027 kl. 23.58"));
        assert!(receipt.html.contains("Trygg &lt;hemkomst&gt;<br>"));
        assert!(
            templates[5]
                .render(Lang::En)
                .text
                .contains("19 August 2027 at 23:58")
        );
        for t in &templates {
            let (sv, en) = (t.render(Lang::Sv), t.render(Lang::En));
            assert_ne!(sv.subject, en.subject, "{}", t.key());
            assert_ne!(sv.text, en.text, "{}", t.key());
            for r in [&sv, &en] {
                assert!(
                    r.text.contains(link) && r.html.contains(link),
                    "{}",
                    t.key()
                );
                assert!(!r.subject.is_empty() && r.text.len() > 100, "{}", t.key());
                assert!(r.html.starts_with("<!DOCTYPE html>"));
            }
            assert!(sv.html.contains("lang=\"sv\"") && en.html.contains("lang=\"en\""));
        }
    }

    #[test]
    fn every_placeholder_in_the_words_of_every_mail_is_filled() {
        use crate::model::ResultOutcome as O;
        let mut templates = every_template("https://x/y");
        // every_template has the winner and the ineligible screening; these are the others.
        for outcome in [O::RunnerUp, O::Mention, O::NotAwarded, O::Ineligible] {
            templates.push(Template::ResultsPublished {
                year: 2027,
                title: "Trygg".into(),
                outcome,
                link: "https://x/y".into(),
            });
        }
        templates.push(Template::ScreeningResult {
            title: "Trygg".into(),
            reference: "ECPA-2027-0001".into(),
            eligible: true,
            reason: None,
            link: "https://x/y".into(),
        });
        let mut bodies = std::collections::HashSet::new();
        for t in &templates {
            for lang in Lang::ALL {
                let r = t.render(lang);
                for part in [&r.subject, &r.text, &r.html] {
                    assert!(
                        !part.contains('{') && !part.contains('}'),
                        "{}: {part}",
                        t.key()
                    );
                }
                if let Template::ResultsPublished { .. } = t {
                    assert!(r.text.contains("2027") && r.text.contains("Trygg"));
                }
                bodies.insert(r.text);
            }
        }
        assert_eq!(bodies.len(), 2 * templates.len(), "each mail says its own");
    }

    #[test]
    fn templates_render_in_both_languages_and_escape_names() {
        let t = Template::VerifyEmail {
            name: "<b>Anna</b>".into(),
            link: "https://x/verify?token=a&b".into(),
        };
        let sv = t.render(Lang::Sv);
        let en = t.render(Lang::En);
        assert!(sv.subject.starts_with("Bekräfta") && en.subject.starts_with("Confirm"));
        assert!(sv.text.contains("https://x/verify?token=a&b"));
        assert!(!sv.html.contains("<b>Anna</b>") && sv.html.contains("&lt;b&gt;Anna"));
        assert!(en.html.contains("href=\"https://x/verify?token=a&amp;b\""));
    }
}
