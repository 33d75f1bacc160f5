//! The mails the portal sends: each one's key and priority here, which values each fills into
//! its words in `words` (the words, in Swedish and English, are in `i18n::mail`), and how a mail
//! is laid out as plain text and HTML in `layout`. Every match names every template, so a new
//! one does not compile until it has its words, its key and its priority.
use crate::model::When;

/// Which mail goes first when more is due than can be sent at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// Someone waits for it: a receipt, a sign-in or confirmation link, an invitation.
    Waited = 0,
    /// Reminders, screening and results notices, newsletters.
    Bulk = 1,
}

/// Which round's jury an invitation or a reminder is to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JuryOf {
    /// The home country's, Brå's.
    Home,
    /// The European final's, the EUCPN secretariat's.
    Final,
    /// Another country's round hosted here, by its country code.
    Round(String),
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
        /// Another country's round hosted here (its country code), whose organisers screened;
        /// `None` for the home country's round, screened by Brå.
        round_country: Option<String>,
    },
    /// An invitation to a round's jury.
    JuryInvitation {
        year: i32,
        theme: String,
        jury: JuryOf,
        link: String,
    },
    /// A juror has unfinished score sheets close to the end of judging.
    JuryReminder {
        name: String,
        year: i32,
        closes: When,
        remaining: usize,
        jury: JuryOf,
        link: String,
    },
    /// A juror has entries left to answer on close to the end of the shortlist round.
    ShortlistReminder {
        name: String,
        year: i32,
        closes: When,
        remaining: usize,
        link: String,
    },
    /// The chair has advanced the shortlist: the juror's entries to score now.
    ShortlistAdvanced {
        name: String,
        year: i32,
        /// Advanced entries the juror scores.
        count: usize,
        link: String,
    },
    /// The chair has taken the advancement back: the round is in its shortlist round again.
    ShortlistTakenBack {
        name: String,
        year: i32,
        /// The chair's reason, as they wrote it.
        reason: String,
        link: String,
    },
    /// A draft is still unsubmitted close to the deadline.
    DeadlineReminder {
        organisation: String,
        year: i32,
        deadline: When,
        drafts: Vec<String>,
        /// Another country's round hosted here (its country code); `None` for the home
        /// country's round.
        round_country: Option<String>,
        link: String,
    },
    /// A year's results are public: what they mean for one entry.
    ResultsPublished {
        year: i32,
        title: String,
        outcome: crate::model::ResultOutcome,
        link: String,
        /// Where the jury's feedback on the entry will be; `None` for an entry not judged.
        feedback: Option<String>,
    },
    /// Another country's round hosted here has released its results: what they mean for one
    /// entry. `country` is the round's country code.
    RoundResultsPublished {
        year: i32,
        country: String,
        title: String,
        outcome: crate::model::ResultOutcome,
        link: String,
        feedback: Option<String>,
    },
    /// The European final's results are public: what they mean for one country's competing
    /// entry, to its organisation and the country's national representative.
    FinalResultsPublished {
        year: i32,
        title: String,
        /// The country's name in the recipient's language.
        country: String,
        outcome: crate::model::ResultOutcome,
        link: String,
        feedback: Option<String>,
    },
    /// The organiser has released the jury's feedback on an entry: to its organisation (and in
    /// the final its country's representative), linking to the feedback under the entry.
    FeedbackReleased {
        year: i32,
        title: String,
        link: String,
    },
    /// The organiser's message to a group of a round's people, in the words they wrote.
    GroupMessage {
        subject: String,
        body: String,
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
    /// A year's Annex I dossier to the EUCPN secretariat, its files attached.
    DossierToEucpn {
        year: i32,
        country: String,
        title: String,
        sender: String,
        link: String,
        /// The dossier it replaces, on an entry the decision no longer names: that entry's
        /// English title and when it went.
        replaces: Option<(String, When)>,
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

/// What a mail carries besides its words (`Template::extras`).
#[derive(Default)]
struct Extras<'a> {
    /// The `List-Unsubscribe` address, for mail to subscribers.
    unsubscribe: Option<&'a str>,
    /// The link to the jury's feedback, for the outcome mails.
    feedback: Option<&'a str>,
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
            Template::ShortlistReminder { .. } => "shortlist_reminder",
            Template::ShortlistAdvanced { .. } => "shortlist_advanced",
            Template::ShortlistTakenBack { .. } => "shortlist_taken_back",
            Template::ResultsPublished { .. } => "results_published",
            Template::RoundResultsPublished { .. } => "round_results_published",
            Template::FinalResultsPublished { .. } => "final_results_published",
            Template::FeedbackReleased { .. } => "feedback_released",
            Template::GroupMessage { .. } => "group_message",
            Template::ConfirmSubscription { .. } => "confirm_subscription",
            Template::NewsPublished { .. } => "news_published",
            Template::DossierToEucpn { .. } => "dossier_to_eucpn",
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
            | Template::ConfirmSubscription { .. }
            | Template::DossierToEucpn { .. } => Priority::Waited,
            Template::ScreeningResult { .. }
            | Template::DeadlineReminder { .. }
            | Template::JuryReminder { .. }
            | Template::ShortlistReminder { .. }
            | Template::ShortlistAdvanced { .. }
            | Template::ShortlistTakenBack { .. }
            | Template::ResultsPublished { .. }
            | Template::RoundResultsPublished { .. }
            | Template::FinalResultsPublished { .. }
            | Template::FeedbackReleased { .. }
            | Template::GroupMessage { .. }
            | Template::NewsPublished { .. } => Priority::Bulk,
        }
    }

    /// The `List-Unsubscribe` address of mail that goes to subscribers.
    pub(super) fn list_unsubscribe(&self) -> Option<&str> {
        self.extras().unsubscribe
    }

    /// What a mail carries besides its words, in one match so that a new template decides both.
    fn extras(&self) -> Extras<'_> {
        match self {
            Template::NewsPublished { one_click, .. } => Extras {
                unsubscribe: Some(one_click),
                feedback: None,
            },
            Template::ResultsPublished { feedback, .. }
            | Template::RoundResultsPublished { feedback, .. }
            | Template::FinalResultsPublished { feedback, .. } => Extras {
                unsubscribe: None,
                feedback: feedback.as_deref(),
            },
            Template::VerifyEmail { .. }
            | Template::AlreadyRegistered { .. }
            | Template::ResetPassword { .. }
            | Template::ConfirmNewEmail { .. }
            | Template::Invitation { .. }
            | Template::SubmissionReceipt(_)
            | Template::ScreeningResult { .. }
            | Template::JuryInvitation { .. }
            | Template::JuryReminder { .. }
            | Template::ShortlistReminder { .. }
            | Template::ShortlistAdvanced { .. }
            | Template::ShortlistTakenBack { .. }
            | Template::DeadlineReminder { .. }
            | Template::FeedbackReleased { .. }
            | Template::GroupMessage { .. }
            | Template::ConfirmSubscription { .. }
            | Template::DossierToEucpn { .. } => Extras::default(),
        }
    }

    /// The outcome mails' second link, below the first: to the jury's feedback on the entry.
    fn feedback_link(&self) -> Option<&str> {
        self.extras().feedback
    }
}

mod layout;
mod own_words;
#[cfg(test)]
mod tests;
mod words;

pub use own_words::{OwnWords, sample};
