//! Strings of the organiser's pages for a year's own mail words, in Swedish and English; the
//! portal's words of the mails are in `mail`.
use super::Lang;
use crate::model::MailKey;

pub struct MailTextsStrings {
    /// `{}`: the year.
    pub title: &'static str,
    pub intro: &'static str,
    pub back: &'static str,
    /// The link in the list of years, followed by the year (hidden).
    pub link_short: &'static str,
    pub col_mail: &'static str,
    pub col_sv: &'static str,
    pub col_en: &'static str,
    pub own: &'static str,
    pub portal: &'static str,
    /// `{}`: the mail's name.
    pub edit_named: &'static str,
    /// `{}`: the mail's name; `{}`: the year.
    pub edit_title: &'static str,
    pub edit_intro: &'static str,
    pub back_to_list: &'static str,
    pub placeholders: &'static str,
    pub placeholders_hint: &'static str,
    pub swedish: &'static str,
    pub english: &'static str,
    pub subject: &'static str,
    pub body: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub reset: &'static str,
    pub reset_hint: &'static str,
    pub was_reset: &'static str,
    /// `{}`: when.
    pub updated: &'static str,
    pub preview: &'static str,
    pub preview_hint: &'static str,
    pub preview_subject: &'static str,
    pub unknown_placeholder: &'static str,
    pub receipt: &'static str,
    pub eligible: &'static str,
    pub ineligible: &'static str,
    pub winner: &'static str,
    pub runner_up: &'static str,
    pub mention: &'static str,
    pub not_awarded: &'static str,
    pub not_eligible: &'static str,
    pub jury_invitation: &'static str,
    pub deadline_reminder: &'static str,
    pub jury_reminder: &'static str,
}

impl Lang {
    /// The organiser's pages for a year's own mail words.
    pub fn mail_texts(self) -> &'static MailTextsStrings {
        self.pick(&SV, &EN)
    }
}

impl MailTextsStrings {
    /// The name of a year's editable mail.
    pub fn name(&self, key: MailKey) -> &'static str {
        match key {
            MailKey::Receipt => self.receipt,
            MailKey::Eligible => self.eligible,
            MailKey::Ineligible => self.ineligible,
            MailKey::Winner => self.winner,
            MailKey::RunnerUp => self.runner_up,
            MailKey::Mention => self.mention,
            MailKey::NotAwarded => self.not_awarded,
            MailKey::NotEligible => self.not_eligible,
            MailKey::JuryInvitation => self.jury_invitation,
            MailKey::DeadlineReminder => self.deadline_reminder,
            MailKey::JuryReminder => self.jury_reminder,
        }
    }
}

const SV: MailTextsStrings = MailTextsStrings {
    title: "Mejltexter {}",
    intro: "Årets egna ämnesrader och texter för de mejl portalen skickar i den svenska omgången. Ett mejl utan egen text använder portalens.",
    back: "Tävlingsåren",
    link_short: "Mejltexter",
    col_mail: "Mejl",
    col_sv: "Svenska",
    col_en: "Engelska",
    own: "Egen text",
    portal: "Portalens text",
    edit_named: "Ändra {}",
    edit_title: "{} – mejltext {}",
    edit_intro: "Ändra ämnesraden och texten på svenska och engelska. Hälsningsfrasen, länken och avslutningen läggs till som vanligt.",
    back_to_list: "Mejltexterna",
    placeholders: "Platshållare",
    placeholders_hint: "Skriv en platshållare med klammerparenteser, till exempel {year}, så fylls den i för varje mottagare. Mejlet kan använda:",
    swedish: "På svenska",
    english: "På engelska",
    subject: "Ämne",
    body: "Text",
    save: "Spara mejltexten",
    saved: "Mejltexten är sparad. Mejl som skickas från och med nu använder den.",
    reset: "Återställ portalens text",
    reset_hint: "Tar bort årets egna text på båda språken.",
    was_reset: "Portalens text används igen.",
    updated: "Senast ändrad {}",
    preview: "Förhandsgranskning",
    preview_hint: "Så här ser det sparade mejlet ut, ifyllt med påhittade exempel.",
    preview_subject: "Ämne:",
    unknown_placeholder: "Texten har en platshållare som det här mejlet inte fyller i. Använd bara de som listas ovan.",
    receipt: "Kvitto på inskickat bidrag",
    eligible: "Granskning: bidraget godkänt",
    ineligible: "Granskning: bidraget uppfyller inte villkoren",
    winner: "Resultat: vinnare",
    runner_up: "Resultat: andra plats",
    mention: "Resultat: hedersomnämnande",
    not_awarded: "Resultat: inget pris",
    not_eligible: "Resultat: bidraget uppfyllde inte villkoren",
    jury_invitation: "Inbjudan till juryn",
    deadline_reminder: "Påminnelse om utkast före sista ansökningsdag",
    jury_reminder: "Påminnelse till jurymedlem med bedömningar kvar",
};

const EN: MailTextsStrings = MailTextsStrings {
    title: "Mail texts {}",
    intro: "The year’s own subjects and texts for the mails the portal sends in the Swedish round. A mail without its own text uses the portal’s.",
    back: "The competition years",
    link_short: "Mail texts",
    col_mail: "Mail",
    col_sv: "Swedish",
    col_en: "English",
    own: "Own text",
    portal: "Portal’s text",
    edit_named: "Edit {}",
    edit_title: "{} – mail text {}",
    edit_intro: "Change the subject and the text in Swedish and English. The greeting, the link and the closing are added as usual.",
    back_to_list: "The mail texts",
    placeholders: "Placeholders",
    placeholders_hint: "Write a placeholder in braces, for example {year}, and it is filled in for each recipient. This mail can use:",
    swedish: "In Swedish",
    english: "In English",
    subject: "Subject",
    body: "Text",
    save: "Save the mail text",
    saved: "The mail text has been saved. Mails sent from now on use it.",
    reset: "Restore the portal’s text",
    reset_hint: "Removes the year’s own text in both languages.",
    was_reset: "The portal’s text is used again.",
    updated: "Last changed {}",
    preview: "Preview",
    preview_hint: "This is how the saved mail looks, filled in with made-up examples.",
    preview_subject: "Subject:",
    unknown_placeholder: "The text has a placeholder this mail does not fill in. Use only those listed above.",
    receipt: "Receipt for a submitted entry",
    eligible: "Screening: entry eligible",
    ineligible: "Screening: entry not eligible",
    winner: "Results: winner",
    runner_up: "Results: second place",
    mention: "Results: honourable mention",
    not_awarded: "Results: no award",
    not_eligible: "Results: entry was not eligible",
    jury_invitation: "Invitation to the jury",
    deadline_reminder: "Reminder of drafts before the deadline",
    jury_reminder: "Reminder to a juror with assessments left",
};
