//! The mail room: a durable outbox. Mails are written to `mail_outbox` in the same transaction
//! as the event that causes them; a worker sends them through lettre and retries with
//! exponential backoff. Nothing is sent from a request handler, so no mail is lost when the SMTP
//! server is down.
use std::path::Path;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::entities::mail_outbox;
use crate::i18n::Lang;
use crate::model::When;

/// After this many failed attempts a mail is marked failed and left for an admin to see.
pub const MAX_ATTEMPTS: i32 = 12;
/// How long a claim on a mail lasts unless the instance that holds it renews it. An instance
/// that is killed stops renewing, so another one (or the same one, restarted) takes its mail
/// over this many seconds later.
pub const LEASE_SECONDS: i64 = 3;
/// How often an instance renews the claims on the mail it is sending.
const RENEW_EVERY: StdDuration = StdDuration::from_secs(1);
/// How many mails are claimed at a time. Small, so that a receipt queued behind a flood of
/// reminders waits for one round at most.
const ROUND: u64 = 16;
/// How many mails are on their way to the SMTP server at once, over pooled connections.
const IN_FLIGHT: usize = 8;
/// How often the worker looks again for SQLite's write lock while another connection holds it.
const LOCK_POLL: StdDuration = StdDuration::from_millis(1);
/// A record of sent mail that takes longer than this after the SMTP server accepted the mail
/// is logged.
const SLOW_RECORD: StdDuration = StdDuration::from_millis(200);
/// How long the worker keeps looking before it reports the statement as failed.
const LOCK_PATIENCE: StdDuration = StdDuration::from_secs(30);

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
    SubmissionReceipt {
        name: String,
        title: String,
        organisation: String,
        reference: String,
        year: i32,
        version: i32,
        submitted: When,
        attachments: usize,
        link: String,
    },
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

struct Rendered {
    subject: String,
    text: String,
    html: String,
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
fn paragraphs_html(paragraphs: &[String]) -> String {
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
            Template::SubmissionReceipt { .. } => "submission_receipt",
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
            | Template::SubmissionReceipt { .. }
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
    fn list_unsubscribe(&self) -> Option<&str> {
        match self {
            Template::NewsPublished { one_click, .. } => Some(one_click),
            _ => None,
        }
    }

    fn render(&self, lang: Lang) -> Rendered {
        let (subject, greeting, body, link, label, closing) = match (self, lang) {
            (Template::VerifyEmail { name, link }, Lang::Sv) => (
                "Bekräfta din e-postadress – ECPA Sverige",
                format!("Hej {name}!"),
                "Du har skapat ett konto i ECPA-portalen. Bekräfta din e-postadress genom att öppna länken nedan. Länken gäller i 48 timmar och kan bara användas en gång.".to_string(),
                link,
                "Bekräfta e-postadressen",
                "Har du inte skapat något konto kan du bortse från det här meddelandet.",
            ),
            (Template::VerifyEmail { name, link }, Lang::En) => (
                "Confirm your email address – ECPA Sweden",
                format!("Hello {name},"),
                "You have created an account on the ECPA portal. Confirm your email address by opening the link below. The link is valid for 48 hours and can be used once.".to_string(),
                link,
                "Confirm the email address",
                "If you did not create an account, you can ignore this message.",
            ),
            (Template::AlreadyRegistered { name, login_link }, Lang::Sv) => (
                "Du har redan ett konto – ECPA Sverige",
                format!("Hej {name}!"),
                "Någon försökte registrera ett nytt konto med den här e-postadressen, men du har redan ett konto. Logga in med länken nedan. Har du glömt lösenordet kan du återställa det på inloggningssidan.".to_string(),
                login_link,
                "Logga in",
                "Var det inte du kan du bortse från det här meddelandet.",
            ),
            (Template::AlreadyRegistered { name, login_link }, Lang::En) => (
                "You already have an account – ECPA Sweden",
                format!("Hello {name},"),
                "Someone tried to register a new account with this email address, but you already have one. Log in with the link below. If you have forgotten your password, you can reset it on the login page.".to_string(),
                login_link,
                "Log in",
                "If this was not you, you can ignore this message.",
            ),
            (Template::ResetPassword { name, link }, Lang::Sv) => (
                "Återställ ditt lösenord – ECPA Sverige",
                format!("Hej {name}!"),
                "Vi har fått en begäran om att återställa lösenordet till ditt konto. Välj ett nytt lösenord med länken nedan. Länken gäller i en timme och kan bara användas en gång.".to_string(),
                link,
                "Välj nytt lösenord",
                "Har du inte bett om detta kan du bortse från meddelandet. Ditt lösenord är oförändrat.",
            ),
            (Template::ResetPassword { name, link }, Lang::En) => (
                "Reset your password – ECPA Sweden",
                format!("Hello {name},"),
                "We received a request to reset the password of your account. Choose a new password with the link below. The link is valid for one hour and can be used once.".to_string(),
                link,
                "Choose a new password",
                "If you did not ask for this, you can ignore this message. Your password is unchanged.",
            ),
            (Template::ConfirmNewEmail { name, link }, Lang::Sv) => (
                "Bekräfta din nya e-postadress – ECPA Sverige",
                format!("Hej {name}!"),
                "Du har bett om att byta e-postadress för ditt konto till den här adressen. Bekräfta bytet med länken nedan. Länken gäller i 48 timmar.".to_string(),
                link,
                "Bekräfta den nya adressen",
                "Har du inte bett om detta kan du bortse från meddelandet.",
            ),
            (Template::ConfirmNewEmail { name, link }, Lang::En) => (
                "Confirm your new email address – ECPA Sweden",
                format!("Hello {name},"),
                "You asked to change the email address of your account to this address. Confirm the change with the link below. The link is valid for 48 hours.".to_string(),
                link,
                "Confirm the new address",
                "If you did not ask for this, you can ignore this message.",
            ),
            (Template::Invitation { organisation, inviter, link }, Lang::Sv) => (
                "Inbjudan till ECPA-portalen",
                "Hej!".to_string(),
                format!("{inviter} har bjudit in dig att arbeta med bidrag för {organisation} i ECPA-portalen. Öppna länken nedan för att gå med. Inbjudan gäller i 14 dagar."),
                link,
                "Gå med",
                "Känner du inte till inbjudan kan du bortse från meddelandet.",
            ),
            (Template::Invitation { organisation, inviter, link }, Lang::En) => (
                "Invitation to the ECPA portal",
                "Hello,".to_string(),
                format!("{inviter} has invited you to work on the entries of {organisation} in the ECPA portal. Open the link below to join. The invitation is valid for 14 days."),
                link,
                "Join",
                "If you do not know about this invitation, you can ignore this message.",
            ),
            (t @ Template::SubmissionReceipt { link, .. }, lang) => {
                let (subject, greeting, body, label, closing) = t.entry_mail(lang);
                (subject, greeting, body, link, label, closing)
            }
            (t @ Template::ScreeningResult { link, .. }, lang) => {
                let (subject, greeting, body, label, closing) = t.entry_mail(lang);
                (subject, greeting, body, link, label, closing)
            }
            (t @ Template::JuryInvitation { link, .. }, lang) => {
                let (subject, greeting, body, label, closing) = t.entry_mail(lang);
                (subject, greeting, body, link, label, closing)
            }
            (t @ Template::JuryReminder { link, .. }, lang) => {
                let (subject, greeting, body, label, closing) = t.entry_mail(lang);
                (subject, greeting, body, link, label, closing)
            }
            (t @ Template::DeadlineReminder { link, .. }, lang) => {
                let (subject, greeting, body, label, closing) = t.entry_mail(lang);
                (subject, greeting, body, link, label, closing)
            }
            (t @ Template::ResultsPublished { link, .. }, lang)
            | (t @ Template::ConfirmSubscription { link }, lang)
            | (t @ Template::NewsPublished { link, .. }, lang) => {
                let (subject, greeting, body, label, closing) = t.publication_mail(lang);
                (subject, greeting, body, link, label, closing)
            }
        };
        let text = format!(
            "{greeting}\n\n{body}\n\n{label}: {link}\n\n{closing}\n\n-- \nECPA Sverige / Brå\n"
        );
        let html = format!(
            "<!DOCTYPE html><html lang=\"{}\"><body>\n{}\n{}\n{}\n<p>ECPA Sverige / Brå</p>\n</body></html>\n",
            lang.code(),
            paragraphs_html(&[greeting, body]),
            link_html(link, label),
            paragraphs_html(&[closing.to_string()]),
        );
        Rendered {
            subject: subject.to_string(),
            text,
            html,
        }
    }
}

impl Template {
    /// Subject, greeting, body, link label and closing of the mails about results and news.
    fn publication_mail(
        &self,
        lang: Lang,
    ) -> (&'static str, String, String, &'static str, &'static str) {
        use crate::model::ResultOutcome as O;
        let sv = lang == Lang::Sv;
        match self {
            Template::ResultsPublished {
                year,
                title,
                outcome,
                ..
            } => {
                let body = match (sv, outcome) {
                    (true, O::Winner) => format!(
                        "Resultatet av ECPA {year} är publicerat, och ert bidrag \"{title}\" har vunnit den svenska deltävlingen. Stort grattis! Bidraget representerar Sverige i den europeiska finalen, och Brå hör av sig om det fortsatta arbetet."
                    ),
                    (true, O::RunnerUp) => format!(
                        "Resultatet av ECPA {year} är publicerat. Ert bidrag \"{title}\" kom på delad andraplats bland de bidrag som juryn lyfte fram. Grattis!"
                    ),
                    (true, O::Mention) => format!(
                        "Resultatet av ECPA {year} är publicerat. Juryn har gett ert bidrag \"{title}\" ett hedersomnämnande. Grattis!"
                    ),
                    (true, O::NotAwarded) => format!(
                        "Resultatet av ECPA {year} är publicerat. Ert bidrag \"{title}\" fick inte något pris i år. Tack för att ni deltog – bidraget och dess korta beskrivning visas bland årets bidrag om ni har gett ert samtycke."
                    ),
                    (true, O::Ineligible) => format!(
                        "Resultatet av ECPA {year} är publicerat. Ert bidrag \"{title}\" uppfyllde inte tävlingens villkor och bedömdes därför inte av juryn. Tack för ert intresse."
                    ),
                    (false, O::Winner) => format!(
                        "The results of ECPA {year} are published, and your entry \"{title}\" has won the Swedish round. Congratulations! The entry represents Sweden in the European final, and Brå will be in touch about what happens next."
                    ),
                    (false, O::RunnerUp) => format!(
                        "The results of ECPA {year} are published. Your entry \"{title}\" is a runner-up among the entries the jury singled out. Congratulations!"
                    ),
                    (false, O::Mention) => format!(
                        "The results of ECPA {year} are published. The jury has given your entry \"{title}\" an honourable mention. Congratulations!"
                    ),
                    (false, O::NotAwarded) => format!(
                        "The results of ECPA {year} are published. Your entry \"{title}\" did not receive an award this year. Thank you for taking part – the entry and its short description are shown among this year's entries if you consented to that."
                    ),
                    (false, O::Ineligible) => format!(
                        "The results of ECPA {year} are published. Your entry \"{title}\" did not meet the conditions of the competition and was therefore not judged. Thank you for your interest."
                    ),
                };
                if sv {
                    (
                        "Resultatet av ECPA är publicerat – ECPA Sverige",
                        "Hej!".into(),
                        body,
                        "Se resultatet",
                        "Med vänliga hälsningar",
                    )
                } else {
                    (
                        "The ECPA results are published – ECPA Sweden",
                        "Hello,".into(),
                        body,
                        "See the results",
                        "Kind regards",
                    )
                }
            }
            Template::ConfirmSubscription { .. } => {
                if sv {
                    (
                        "Bekräfta din prenumeration – ECPA Sverige",
                        "Hej!".into(),
                        "Någon, förhoppningsvis du, har anmält den här adressen för att få nyheter och pressmeddelanden från ECPA Sverige. Bekräfta med länken nedan. Utan bekräftelse skickar vi ingenting.".into(),
                        "Bekräfta prenumerationen",
                        "Har du inte anmält dig kan du bortse från meddelandet.",
                    )
                } else {
                    (
                        "Confirm your subscription – ECPA Sweden",
                        "Hello,".into(),
                        "Someone, hopefully you, has signed this address up for news and press releases from ECPA Sweden. Confirm with the link below. Without confirmation we send nothing.".into(),
                        "Confirm the subscription",
                        "If you did not sign up, you can ignore this message.",
                    )
                }
            }
            Template::NewsPublished {
                title,
                summary,
                unsubscribe,
                ..
            } => {
                if sv {
                    (
                        "Nytt från ECPA Sverige",
                        "Hej!".into(),
                        format!(
                            "{title}\n\n{summary}\n\nDu får det här meddelandet eftersom du prenumererar på nyheter från ECPA Sverige. Avsluta prenumerationen med ett klick: {unsubscribe}"
                        ),
                        "Läs mer",
                        "Med vänliga hälsningar",
                    )
                } else {
                    (
                        "News from ECPA Sweden",
                        "Hello,".into(),
                        format!(
                            "{title}\n\n{summary}\n\nYou receive this message because you subscribe to news from ECPA Sweden. Unsubscribe with one click: {unsubscribe}"
                        ),
                        "Read more",
                        "Kind regards",
                    )
                }
            }
            _ => ("", String::new(), String::new(), "", ""),
        }
    }

    /// Subject, greeting, body, link label and closing of the mails about entries.
    fn entry_mail(&self, lang: Lang) -> (&'static str, String, String, &'static str, &'static str) {
        let sv = lang == Lang::Sv;
        match self {
            Template::SubmissionReceipt {
                name,
                title,
                organisation,
                reference,
                year,
                version,
                submitted,
                attachments,
                ..
            } => {
                let at = lang.date_time(&submitted.date, &submitted.time);
                if sv {
                    (
                        "Kvitto: ert bidrag är inskickat – ECPA Sverige",
                        format!("Hej {name}!"),
                        format!(
                            "Ert bidrag till ECPA {year} är inskickat.\n\nReferensnummer: {reference}\nTitel: {title}\nOrganisation: {organisation}\nVersion: {version}\nInskickat: {at} (svensk tid)\nBilagor: {attachments}\n\nNi kan ändra och skicka in bidraget igen fram till sista dagen. Varje inskickad version sparas."
                        ),
                        "Visa bidraget",
                        "Spara gärna det här meddelandet som bekräftelse.",
                    )
                } else {
                    (
                        "Receipt: your entry has been submitted – ECPA Sweden",
                        format!("Hello {name},"),
                        format!(
                            "Your entry to ECPA {year} has been submitted.\n\nReference number: {reference}\nTitle: {title}\nOrganisation: {organisation}\nVersion: {version}\nSubmitted: {at} (Swedish time)\nAttachments: {attachments}\n\nYou can change the entry and submit it again until the deadline. Every submitted version is kept."
                        ),
                        "View the entry",
                        "Keep this message as your confirmation.",
                    )
                }
            }
            Template::ScreeningResult {
                title,
                reference,
                eligible,
                reason,
                ..
            } => {
                let reason = reason.clone().unwrap_or_default();
                match (sv, eligible) {
                    (true, true) => (
                        "Ert bidrag uppfyller villkoren – ECPA Sverige",
                        "Hej!".to_string(),
                        format!(
                            "Brå har granskat bidraget \"{title}\" ({reference}). Det uppfyller tävlingens villkor och går vidare till juryns bedömning."
                        ),
                        "Visa bidraget",
                        "Vi hör av oss när juryn har fattat sitt beslut.",
                    ),
                    (true, false) => (
                        "Ert bidrag uppfyller inte villkoren – ECPA Sverige",
                        "Hej!".to_string(),
                        format!(
                            "Brå har granskat bidraget \"{title}\" ({reference}). Det uppfyller tyvärr inte tävlingens villkor och går inte vidare till juryn.\n\nMotivering: {reason}"
                        ),
                        "Visa bidraget",
                        "Har ni frågor är ni välkomna att kontakta Brå.",
                    ),
                    (false, true) => (
                        "Your entry is eligible – ECPA Sweden",
                        "Hello,".to_string(),
                        format!(
                            "Brå has screened the entry \"{title}\" ({reference}). It meets the competition's conditions and goes on to the jury."
                        ),
                        "View the entry",
                        "We will be in touch when the jury has decided.",
                    ),
                    (false, false) => (
                        "Your entry is not eligible – ECPA Sweden",
                        "Hello,".to_string(),
                        format!(
                            "Brå has screened the entry \"{title}\" ({reference}). Unfortunately it does not meet the competition's conditions and will not go on to the jury.\n\nReason: {reason}"
                        ),
                        "View the entry",
                        "If you have questions, you are welcome to contact Brå.",
                    ),
                }
            }
            Template::DeadlineReminder {
                organisation,
                year,
                deadline,
                drafts,
                ..
            } => {
                let at = lang.date_time(&deadline.date, &deadline.time);
                let list = drafts
                    .iter()
                    .map(|d| format!("- {d}"))
                    .collect::<Vec<_>>()
                    .join("\n");
                if sv {
                    (
                        "Påminnelse: bidrag som inte är inskickade – ECPA Sverige",
                        "Hej!".to_string(),
                        format!(
                            "{organisation} har utkast till ECPA {year} som ännu inte är inskickade:\n{list}\n\nSista dag för bidrag är {at} (svensk tid). Ett utkast som inte skickas in deltar inte."
                        ),
                        "Gå till era bidrag",
                        "Har ni redan bestämt er för att inte delta kan ni bortse från meddelandet.",
                    )
                } else {
                    (
                        "Reminder: entries not yet submitted – ECPA Sweden",
                        "Hello,".to_string(),
                        format!(
                            "{organisation} has drafts for ECPA {year} that have not been submitted:\n{list}\n\nThe deadline for entries is {at} (Swedish time). A draft that is not submitted does not take part."
                        ),
                        "Go to your entries",
                        "If you have decided not to take part, you can ignore this message.",
                    )
                }
            }
            Template::JuryInvitation { year, theme, .. } => {
                if sv {
                    (
                        "Inbjudan till juryn – ECPA Sverige",
                        "Hej!".to_string(),
                        format!(
                            "Brå bjuder in dig att sitta i juryn för ECPA {year}, med temat {theme}. Öppna länken för att tacka ja eller nej. Inbjudan gäller i 14 dagar."
                        ),
                        "Svara på inbjudan",
                        "Känner du inte till inbjudan kan du bortse från meddelandet.",
                    )
                } else {
                    (
                        "Invitation to the jury – ECPA Sweden",
                        "Hello,".to_string(),
                        format!(
                            "Brå invites you to sit on the jury of ECPA {year}, on the theme {theme}. Open the link to accept or decline. The invitation is valid for 14 days."
                        ),
                        "Answer the invitation",
                        "If you do not know about this invitation, you can ignore this message.",
                    )
                }
            }
            Template::JuryReminder {
                name,
                year,
                closes,
                remaining,
                ..
            } => {
                let at = lang.date_time(&closes.date, &closes.time);
                if sv {
                    (
                        "Påminnelse: bedömningar att slutföra – ECPA Sverige",
                        format!("Hej {name}!"),
                        format!(
                            "Du har {remaining} bidrag kvar att bedöma i ECPA {year}. Bedömningen stänger {at} (svensk tid)."
                        ),
                        "Gå till dina bedömningar",
                        "Tack för ditt arbete i juryn.",
                    )
                } else {
                    (
                        "Reminder: scores to finish – ECPA Sweden",
                        format!("Hello {name},"),
                        format!(
                            "You have {remaining} entries left to score in ECPA {year}. Judging closes {at} (Swedish time)."
                        ),
                        "Go to your scores",
                        "Thank you for your work on the jury.",
                    )
                }
            }
            _ => ("", String::new(), String::new(), "", ""),
        }
    }
}

/// Queues a mail. Call it with the transaction that records the event the mail is about.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    to_address: &str,
    to_name: &str,
    lang: Lang,
    template: &Template,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    row(to_address, to_name, lang, template, now)
        .insert(db)
        .await?;
    Ok(())
}

/// A mail to queue with others: see `enqueue_many`.
pub struct Outgoing {
    pub to_address: String,
    pub to_name: String,
    pub lang: Lang,
    pub template: Template,
}

/// Queues many mails in a few statements (100 rows each), so that a job that mails every
/// organisation or subscriber holds the write lock about as long as one request does. Render
/// and collect them before the transaction starts.
pub async fn enqueue_many<C: ConnectionTrait>(
    db: &C,
    mails: &[Outgoing],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for chunk in mails.chunks(100) {
        mail_outbox::Entity::insert_many(
            chunk
                .iter()
                .map(|m| row(&m.to_address, &m.to_name, m.lang, &m.template, now)),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

fn row(
    to_address: &str,
    to_name: &str,
    lang: Lang,
    template: &Template,
    now: DateTime<Utc>,
) -> mail_outbox::ActiveModel {
    let r = template.render(lang);
    mail_outbox::ActiveModel {
        to_address: Set(to_address.to_string()),
        to_name: Set(to_name.to_string()),
        language: Set(lang.code().to_string()),
        template: Set(template.key().to_string()),
        subject: Set(r.subject),
        body_text: Set(r.text),
        body_html: Set(r.html),
        status: Set("queued".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        list_unsubscribe: Set(template.list_unsubscribe().map(str::to_string)),
        priority: Set(template.priority() as i32),
        claimed_by: Set(None),
        ..Default::default()
    }
}

/// Wait before the next try after `attempts` failures: 5 s, 10 s, 20 s … at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 20) - 1;
    Duration::seconds((5i64 << exp).min(3600))
}

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Development default: one `.eml` file per mail in a folder.
    File(AsyncFileTransport<Tokio1Executor>),
}

impl Transport {
    /// `smtp://host:port` (plain, for local sinks), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465` (TLS). Without a URL, mail goes to `dir`.
    pub fn new(smtp_url: Option<&str>, dir: &Path) -> Result<Transport, String> {
        match smtp_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|b| Transport::Smtp(b.timeout(Some(StdDuration::from_secs(20))).build()))
                .map_err(|e| format!("ECPA_SMTP_URL is not a usable SMTP URL: {e}")),
            None => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create the mail folder {dir:?}: {e}"))?;
                Ok(Transport::File(AsyncFileTransport::new(dir)))
            }
        }
    }

    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::File(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

#[derive(Clone)]
pub struct Mailer {
    pub from: Mailbox,
    pub transport: Transport,
    /// This instance's name in the claims it makes: random, new at every start, so that a
    /// restarted instance does not mistake its dead predecessor's claims for its own.
    pub instance: String,
}

impl Mailer {
    pub fn new(from: Mailbox, transport: Transport) -> Mailer {
        use rand::Rng;
        let id: u64 = rand::rng().random();
        Mailer {
            from,
            transport,
            instance: format!("{id:016x}"),
        }
    }
}

fn build(from: &Mailbox, m: &mail_outbox::Model) -> Result<Message, String> {
    let to: Mailbox = format!(
        "{} <{}>",
        m.to_name.replace(['<', '>', '"'], ""),
        m.to_address
    )
    .parse()
    .or_else(|_| m.to_address.parse())
    .map_err(|e| format!("bad recipient: {e}"))?;
    // The same Message-ID at every try: a mail sent again after a crash (accepted by the SMTP
    // server, not yet recorded) is recognisably the same message to the recipient's client.
    let domain = from.email.domain().to_string();
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&m.subject)
        .message_id(Some(format!(
            "<ecpa-outbox-{}-{}@{domain}>",
            m.id,
            m.created_at.timestamp()
        )));
    if let Some(url) = &m.list_unsubscribe {
        use lettre::message::header::{HeaderName, HeaderValue};
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            m.body_text.clone(),
            m.body_html.clone(),
        ))
        .map_err(|e| e.to_string())
}

/// Claims up to `limit` due mails for `instance`, most waited-for first, under a lease of
/// `LEASE_SECONDS` from `now`. A mail whose lease has run out is due again, whoever claimed it.
/// Each statement stands alone, so no lock is held while mail is sent.
pub async fn claim(
    db: &DatabaseConnection,
    instance: &str,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<mail_outbox::Model>, DbErr> {
    let ids: Vec<i32> = mail_outbox::Entity::find()
        .select_only()
        .column(mail_outbox::Column::Id)
        .filter(mail_outbox::Column::Status.eq("queued"))
        .filter(mail_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(mail_outbox::Column::Priority)
        .order_by_asc(mail_outbox::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let lease_end = now + Duration::seconds(LEASE_SECONDS);
    // Only rows still due are taken: a second instance that picked the same ids finds them
    // leased already (PostgreSQL rechecks the condition after the first commit; SQLite has one
    // writer at a time).
    retry_busy(|| {
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::ClaimedBy, Expr::value(instance))
            .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(lease_end))
            .filter(mail_outbox::Column::Id.is_in(ids.clone()))
            .filter(mail_outbox::Column::Status.eq("queued"))
            .filter(mail_outbox::Column::NextAttemptAt.lte(now))
            .exec(db)
    })
    .await?;
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Id.is_in(ids))
        .filter(mail_outbox::Column::Status.eq("queued"))
        .filter(mail_outbox::Column::ClaimedBy.eq(instance))
        .filter(mail_outbox::Column::NextAttemptAt.eq(lease_end))
        .order_by_asc(mail_outbox::Column::Priority)
        .order_by_asc(mail_outbox::Column::Id)
        .all(db)
        .await
}

/// Extends `instance`'s leases on the mails `ids` that it is still sending, to `LEASE_SECONDS`
/// from `now`. Returns how many it still holds.
pub async fn renew(
    db: &DatabaseConnection,
    instance: &str,
    ids: &[i32],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(retry_busy(|| {
        mail_outbox::Entity::update_many()
            .col_expr(
                mail_outbox::Column::NextAttemptAt,
                Expr::value(now + Duration::seconds(LEASE_SECONDS)),
            )
            .filter(mail_outbox::Column::Id.is_in(ids.iter().copied()))
            .filter(mail_outbox::Column::Status.eq("queued"))
            .filter(mail_outbox::Column::ClaimedBy.eq(instance))
            .exec(db)
    })
    .await?
    .rows_affected)
}

/// Whether SQLite refused a statement because another connection holds the write lock
/// (`SQLITE_BUSY` and its extended codes).
fn is_busy(e: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::error::DatabaseError;
    use sea_orm::sqlx::sqlite::SqliteError;
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = e else {
        return false;
    };
    let sea_orm::sqlx::Error::Database(e) = &**e else {
        return false;
    };
    e.try_downcast_ref::<SqliteError>()
        .and_then(|e| e.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| code & 0xff == 5)
}

/// Runs a writing statement until SQLite lets it write, looking again every `LOCK_POLL` for
/// up to `LOCK_PATIENCE`. The worker's own connections (`server::Pool::mail_worker`) do not
/// wait inside SQLite, whose busy handler sleeps up to 100 ms between looks; this way the
/// worker writes as soon as the current writer commits. Other errors, and every error on
/// PostgreSQL, return at once.
pub async fn retry_busy<T, F, Fut>(mut statement: F) -> Result<T, DbErr>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, DbErr>>,
{
    let started = std::time::Instant::now();
    loop {
        match statement().await {
            Err(e) if is_busy(&e) && started.elapsed() < LOCK_PATIENCE => {
                tokio::time::sleep(LOCK_POLL).await
            }
            done => return done,
        }
    }
}

/// Records as sent the mails `ids` that the SMTP server accepted, in one statement, whoever
/// holds their claims now. A crash can repeat only the mails between the acceptance and this
/// commit; one statement for all that are waiting keeps that gap to about one commit however
/// many mails are in flight.
async fn record_sent(
    db: &DatabaseConnection,
    ids: &[i32],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    retry_busy(|| {
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::Status, Expr::value("sent"))
            .col_expr(mail_outbox::Column::SentAt, Expr::value(Some(now)))
            .col_expr(mail_outbox::Column::LastError, Expr::value(None::<String>))
            .col_expr(mail_outbox::Column::ClaimedBy, Expr::value(None::<String>))
            .col_expr(
                mail_outbox::Column::Attempts,
                sea_orm::sea_query::ExprTrait::add(Expr::col(mail_outbox::Column::Attempts), 1),
            )
            .filter(mail_outbox::Column::Id.is_in(ids.iter().copied()))
            .exec(db)
    })
    .await?;
    Ok(())
}

/// Records a failed try: the mail is due again after a backoff, or failed for good after
/// `MAX_ATTEMPTS`.
async fn record_failure(
    db: &DatabaseConnection,
    instance: &str,
    m: &mail_outbox::Model,
    error: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let attempts = m.attempts + 1;
    tracing::warn!(error = %error, attempts, "mail not sent");
    let (status, next) = if attempts >= MAX_ATTEMPTS {
        ("failed", m.next_attempt_at)
    } else {
        ("queued", now + backoff(attempts))
    };
    // Only while the claim is still this instance's: a peer that took over after the lease ran
    // out owns the mail now.
    retry_busy(|| {
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::Attempts, Expr::value(attempts))
            .col_expr(mail_outbox::Column::ClaimedBy, Expr::value(None::<String>))
            .col_expr(mail_outbox::Column::Status, Expr::value(status))
            .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(next))
            .col_expr(
                mail_outbox::Column::LastError,
                Expr::value(Some(error.clone())),
            )
            .filter(mail_outbox::Column::Id.eq(m.id))
            .filter(mail_outbox::Column::Status.eq("queued"))
            .filter(mail_outbox::Column::ClaimedBy.eq(instance))
            .exec(db)
    })
    .await?;
    Ok(())
}

/// Sends one round of claimed mail, `IN_FLIGHT` at a time, renewing the claims while it waits.
/// Mails the SMTP server accepted are recorded while the others are still being sent: all that
/// have been accepted since the last record go in the next one. Returns how many were sent.
async fn send_round(
    db: &DatabaseConnection,
    mailer: &Mailer,
    claimed: &[mail_outbox::Model],
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    use futures_util::StreamExt;
    let started = std::time::Instant::now();
    let (accepted, mut outcomes) = tokio::sync::mpsc::unbounded_channel();
    // Owned rows: a closure over borrowed ones makes the worker's future not `Send` for every
    // lifetime (rust-lang/rust#102211), and `tokio::spawn` needs that.
    let rows = claimed.to_vec();
    let send = async move {
        futures_util::stream::iter(rows)
            .for_each_concurrent(IN_FLIGHT, |m| {
                let accepted = accepted.clone();
                async move {
                    let outcome = match build(&mailer.from, &m) {
                        Ok(message) => mailer.transport.send(message).await,
                        Err(e) => Err(e),
                    };
                    // The lane stays taken until the mail is recorded, as the mail is still
                    // in flight until then (and its SMTP connection is back in the pool).
                    let (done, recorded) = tokio::sync::oneshot::channel();
                    if accepted
                        .send((m, outcome, std::time::Instant::now(), done))
                        .is_ok()
                    {
                        let _ = recorded.await;
                    }
                }
            })
            .await;
        // Every sender is gone here, so the recorder sees the end.
    };
    let record = async {
        let mut sent = 0;
        let mut failed = None;
        let mut batch = Vec::new();
        while outcomes.recv_many(&mut batch, claimed.len().max(1)).await > 0 {
            let mut ids = Vec::new();
            let mut first = None;
            let mut lanes = Vec::new();
            for (m, outcome, at, done) in batch.drain(..) {
                lanes.push(done);
                match outcome {
                    Ok(()) => {
                        ids.push(m.id);
                        first = first.or(Some(at));
                    }
                    Err(e) => {
                        if let Err(e) = record_failure(db, &mailer.instance, &m, e, now).await {
                            failed.get_or_insert(e);
                        }
                    }
                }
            }
            if !ids.is_empty() {
                // Unrecorded, the mails stay claimed until their leases run out, and are then
                // sent again.
                match record_sent(db, &ids, now).await {
                    Ok(()) => sent += ids.len(),
                    Err(e) => {
                        failed.get_or_insert(e);
                    }
                }
            }
            for done in lanes {
                let _ = done.send(());
            }
            // The gap in which a crash sends a mail twice; it should be one commit.
            if let Some(waited) = first.map(|at| at.elapsed()).filter(|w| *w > SLOW_RECORD) {
                tracing::warn!(
                    mails = ids.len(),
                    waited_ms = waited.as_millis() as u64,
                    "mail recorded as sent long after the SMTP server accepted it"
                );
            }
        }
        match failed {
            Some(e) => Err(e),
            None => Ok::<usize, DbErr>(sent),
        }
    };
    let work = async { tokio::join!(send, record).1 };
    tokio::pin!(work);
    let ids: Vec<i32> = claimed.iter().map(|m| m.id).collect();
    let mut renewal =
        tokio::time::interval_at(tokio::time::Instant::now() + RENEW_EVERY, RENEW_EVERY);
    loop {
        tokio::select! {
            sent = &mut work => return sent,
            _ = renewal.tick() => {
                let at = now + Duration::from_std(started.elapsed()).unwrap_or_default();
                if let Err(e) = renew(db, &mailer.instance, &ids, at).await {
                    tracing::warn!(error = %e, "could not renew the claims on mail being sent");
                }
            }
        }
    }
}

/// Claims and sends one round of due mail, at most `ROUND`, the most waited-for first.
/// Returns how many were sent and whether more may be due.
pub async fn send_round_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<(usize, bool), DbErr> {
    let claimed = claim(db, &mailer.instance, now, ROUND).await?;
    if claimed.is_empty() {
        return Ok((0, false));
    }
    let sent = send_round(db, mailer, &claimed, now).await?;
    Ok((sent, claimed.len() as u64 == ROUND))
}

/// Sends every mail that is due at `now`, round by round. Returns how many were sent.
pub async fn send_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let mut sent = 0;
    loop {
        let (n, more) = send_round_due(db, mailer, now).await?;
        sent += n;
        if !more {
            return Ok(sent);
        }
    }
}

/// Runs forever: sends due mail round by round, each round with the time it starts at (so a
/// receipt queued during a flood of reminders is due in the next round, and leases start
/// when their claims are made), and looks again after `every` once nothing more is due.
pub async fn run_worker(
    db: DatabaseConnection,
    mailer: Mailer,
    clock: std::sync::Arc<dyn super::Clock>,
    every: StdDuration,
) {
    loop {
        match send_round_due(&db, &mailer, clock.now()).await {
            Ok((_, true)) => continue,
            Ok((_, false)) => {}
            Err(e) => tracing::error!(error = %e, "mail worker"),
        }
        tokio::time::sleep(every).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(5));
        assert_eq!(backoff(2), Duration::seconds(10));
        assert_eq!(backoff(4), Duration::seconds(40));
        assert_eq!(backoff(11), Duration::seconds(3600));
        assert_eq!(backoff(0), Duration::seconds(5));
    }

    #[test]
    fn every_template_renders_text_and_html_with_its_link_in_both_languages() {
        let link = "https://portal.example/x?token=abc".to_string();
        let templates = [
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
            Template::SubmissionReceipt {
                name: "Anna".into(),
                title: "Trygg <hemkomst>".into(),
                organisation: "Mora kommun".into(),
                reference: "ECPA-2027-0001".into(),
                year: 2027,
                version: 2,
                submitted: When {
                    unix: 0,
                    date: "2027-08-19".into(),
                    time: "23:58".into(),
                },
                attachments: 1,
                link: link.clone(),
            },
            Template::ScreeningResult {
                title: "Trygg".into(),
                reference: "ECPA-2027-0001".into(),
                eligible: false,
                reason: Some("Utanför temat".into()),
                link: link.clone(),
            },
            Template::DeadlineReminder {
                organisation: "Mora kommun".into(),
                year: 2027,
                deadline: When {
                    unix: 0,
                    date: "2027-08-20".into(),
                    time: "23:59".into(),
                },
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
                link: link.clone(),
                unsubscribe: "https://x/unsubscribe?token=t".into(),
                one_click: "https://x/unsubscribe/one-click?token=t".into(),
            },
        ];
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
            for r in [&sv, &en] {
                assert!(
                    r.text.contains(&link) && r.html.contains(&link),
                    "{}",
                    t.key()
                );
                assert!(r.html.starts_with("<!DOCTYPE html>"));
            }
            assert!(sv.html.contains("lang=\"sv\"") && en.html.contains("lang=\"en\""));
        }
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
