//! A year's own words for some of the home round's mails (`model::MailKey`): which template a
//! key stands for, the placeholders it fills, the portal's words it replaces, and an example of
//! each for the organiser's preview.
use super::{JuryOf, Receipt, Template};
use crate::i18n::Lang;
use crate::model::{MailKey, ResultOutcome, When};

/// A year's subject and main text for a mail in one language. They name the same placeholders
/// as the portal's words and are filled the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnWords {
    pub subject: String,
    pub body: String,
}

impl Template {
    /// Which of a year's editable mails this is. The mails of a hosted round's screening,
    /// deadline and jury, the final's and the account mails keep the portal's words.
    pub fn mail_key(&self) -> Option<MailKey> {
        match self {
            Template::SubmissionReceipt(_) => Some(MailKey::Receipt),
            Template::ScreeningResult {
                round_country: None,
                eligible,
                ..
            } => Some(if *eligible {
                MailKey::Eligible
            } else {
                MailKey::Ineligible
            }),
            Template::ResultsPublished { outcome, .. } => Some(match outcome {
                ResultOutcome::Winner => MailKey::Winner,
                ResultOutcome::RunnerUp => MailKey::RunnerUp,
                ResultOutcome::Mention => MailKey::Mention,
                ResultOutcome::NotAwarded => MailKey::NotAwarded,
                ResultOutcome::Ineligible => MailKey::NotEligible,
            }),
            Template::JuryInvitation {
                jury: JuryOf::Home, ..
            } => Some(MailKey::JuryInvitation),
            Template::DeadlineReminder {
                round_country: None,
                ..
            } => Some(MailKey::DeadlineReminder),
            Template::JuryReminder {
                jury: JuryOf::Home, ..
            } => Some(MailKey::JuryReminder),
            Template::ScreeningResult {
                round_country: Some(_),
                ..
            }
            | Template::JuryInvitation { .. }
            | Template::DeadlineReminder { .. }
            | Template::JuryReminder { .. }
            | Template::ShortlistReminder { .. }
            | Template::ShortlistAdvanced { .. }
            | Template::ShortlistTakenBack { .. }
            | Template::VerifyEmail { .. }
            | Template::AlreadyRegistered { .. }
            | Template::ResetPassword { .. }
            | Template::ConfirmNewEmail { .. }
            | Template::Invitation { .. }
            | Template::RoundResultsPublished { .. }
            | Template::FinalResultsPublished { .. }
            | Template::FeedbackReleased { .. }
            | Template::GroupMessage { .. }
            | Template::ConfirmSubscription { .. }
            | Template::NewsPublished { .. }
            | Template::DossierToEucpn { .. } => None,
        }
    }

    /// The placeholders this mail fills, without braces.
    pub fn placeholders(&self, lang: Lang) -> Vec<&'static str> {
        self.text(lang).1.into_iter().map(|(key, _)| key).collect()
    }

    /// The portal's subject and main text of this mail in `lang`.
    pub fn portal_words(&self, lang: Lang) -> OwnWords {
        let words = self.text(lang).0;
        OwnWords {
            subject: words.subject.to_string(),
            body: words.body.to_string(),
        }
    }

    /// The mail as it goes out, in `own` words or the portal's: its subject and plain text.
    pub fn preview(&self, lang: Lang, own: Option<&OwnWords>) -> (String, String) {
        let r = self.render(lang, own);
        (r.subject, r.text)
    }
}

/// An example of each editable mail of `year`, with made-up values, for the preview.
pub fn sample(key: MailKey, year: i32, base_url: &str) -> Template {
    let link = format!("{base_url}/entries");
    let at = |date: String, time: &str| When {
        unix: 0,
        date,
        time: time.into(),
    };
    let title = "Trygga skolvägar i Exempelby".to_string();
    let reference = format!("ECPA-{year}-0007");
    let outcome = |outcome: ResultOutcome| Template::ResultsPublished {
        year,
        title: title.clone(),
        outcome,
        link: format!("{base_url}/competitions/{year}"),
        feedback: None,
    };
    match key {
        MailKey::Receipt => Template::SubmissionReceipt(Receipt {
            name: "Kim Exempelsson".into(),
            title,
            organisation: "Exempelby kommun".into(),
            reference,
            year,
            version: 2,
            submitted: at(format!("{year}-05-14"), "16:05"),
            attachments: 3,
            link,
        }),
        MailKey::Eligible | MailKey::Ineligible => Template::ScreeningResult {
            title,
            reference,
            eligible: key == MailKey::Eligible,
            reason: (key == MailKey::Ineligible)
                .then(|| "Insatsen har inte pågått i ett år ännu.".into()),
            link,
            round_country: None,
        },
        MailKey::Winner => outcome(ResultOutcome::Winner),
        MailKey::RunnerUp => outcome(ResultOutcome::RunnerUp),
        MailKey::Mention => outcome(ResultOutcome::Mention),
        MailKey::NotAwarded => outcome(ResultOutcome::NotAwarded),
        MailKey::NotEligible => outcome(ResultOutcome::Ineligible),
        MailKey::JuryInvitation => Template::JuryInvitation {
            year,
            theme: "Trygghet i närmiljön".into(),
            jury: JuryOf::Home,
            link: format!("{base_url}/jury/invitation"),
        },
        MailKey::DeadlineReminder => Template::DeadlineReminder {
            organisation: "Exempelby kommun".into(),
            year,
            deadline: at(format!("{year}-06-30"), "23:59"),
            drafts: vec![format!("{title} ({reference})")],
            round_country: None,
            link,
        },
        MailKey::JuryReminder => Template::JuryReminder {
            name: "Kim Exempelsson".into(),
            year,
            closes: at(format!("{year}-09-15"), "12:00"),
            remaining: 4,
            jury: JuryOf::Home,
            link: format!("{base_url}/jury/{year}"),
        },
    }
}
