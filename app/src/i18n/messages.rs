//! Strings of the organiser's messages to groups, in Swedish and English; the mail's own
//! words are in `mail` (`group_message`).
use super::Lang;

pub struct MessagesStrings {
    /// `{}`: the year.
    pub title: &'static str,
    pub intro: &'static str,
    pub back: &'static str,
    pub link: &'static str,
    /// The link in the list of years, followed by the year (hidden).
    pub link_short: &'static str,
    pub new_heading: &'static str,
    pub segment: &'static str,
    pub applicants: &'static str,
    pub drafts: &'static str,
    pub submitted: &'static str,
    pub jurors: &'static str,
    pub unfinished_jurors: &'static str,
    /// `{}`: how many people.
    pub people: &'static str,
    pub subject_sv: &'static str,
    pub body_sv: &'static str,
    pub subject_en: &'static str,
    pub body_en: &'static str,
    pub english_hint: &'static str,
    pub send_at: &'static str,
    pub send_at_hint: &'static str,
    pub send: &'static str,
    pub done: &'static str,
    /// `{}`: when the refused message was sent.
    pub kept_in_form: &'static str,
    pub kept_discard: &'static str,
    pub list_heading: &'static str,
    pub none: &'static str,
    pub col_subject: &'static str,
    pub col_when: &'static str,
    pub col_recipients: &'static str,
    /// `{}`: when.
    pub sent_at: &'static str,
    /// `{}`: when.
    pub scheduled_for: &'static str,
    pub cancel: &'static str,
    /// `{}`: the subject.
    pub cancel_named: &'static str,
    pub cancelled: &'static str,
    pub already_sent: &'static str,
}

impl Lang {
    /// The organiser's messages to groups.
    pub fn messages(self) -> &'static MessagesStrings {
        self.pick(&SV, &EN)
    }
}

const SV: MessagesStrings = MessagesStrings {
    title: "Meddelanden till grupper {}",
    intro: "Skriv till alla i en grupp av omgångens deltagare, nu eller vid en viss tid. Var och en får meddelandet en gång, och gruppen räknas fram när meddelandet skickas.",
    back: "Tävlingsåret",
    link: "Meddelanden till grupper",
    link_short: "Meddelanden",
    new_heading: "Nytt meddelande",
    segment: "Grupp",
    applicants: "Alla sökande",
    drafts: "Sökande med utkast som inte är inskickade",
    submitted: "Sökande som har skickat in",
    jurors: "Hela juryn",
    unfinished_jurors: "Jurymedlemmar med bedömningar kvar",
    people: "{} mottagare just nu",
    subject_sv: "Ämne på svenska",
    body_sv: "Text på svenska",
    subject_en: "Ämne på engelska",
    body_en: "Text på engelska",
    english_hint: "Utan engelsk text får mottagare som läser portalen på engelska den svenska.",
    send_at: "Skicka vid",
    send_at_hint: "Svensk tid. Lämna tomt för att skicka nu.",
    send: "Skicka meddelandet",
    done: "Meddelandet är skickat eller schemalagt, se listan nedan.",
    kept_in_form: "Formuläret visar meddelandet som du skickade den {}. Det är inte skickat: rätta det som inte godtogs och skicka det igen.",
    kept_discard: "Töm formuläret",
    list_heading: "Skickade och schemalagda meddelanden",
    none: "Inga meddelanden ännu.",
    col_subject: "Ämne",
    col_when: "Tid",
    col_recipients: "Mottagare",
    sent_at: "Skickat {}",
    scheduled_for: "Schemalagt till {}",
    cancel: "Avboka",
    cancel_named: "Avboka {}",
    cancelled: "Meddelandet är avbokat.",
    already_sent: "Meddelandet är redan skickat och kan inte avbokas.",
};

const EN: MessagesStrings = MessagesStrings {
    title: "Messages to groups {}",
    intro: "Write to everyone in a group of the round’s participants, now or at a set time. Each person gets the message once, and the group is reckoned when the message is sent.",
    back: "The competition year",
    link: "Messages to groups",
    link_short: "Messages",
    new_heading: "New message",
    segment: "Group",
    applicants: "All applicants",
    drafts: "Applicants with unsubmitted drafts",
    submitted: "Applicants who have submitted",
    jurors: "The whole jury",
    unfinished_jurors: "Jurors with assessments left",
    people: "{} recipients right now",
    subject_sv: "Subject in Swedish",
    body_sv: "Text in Swedish",
    subject_en: "Subject in English",
    body_en: "Text in English",
    english_hint: "Without English text, recipients who read the portal in English get the Swedish.",
    send_at: "Send at",
    send_at_hint: "Swedish time. Leave empty to send now.",
    send: "Send the message",
    done: "The message is sent or scheduled; see the list below.",
    kept_in_form: "The form shows the message you sent on {}. It has not been sent: correct what was not accepted and send it again.",
    kept_discard: "Clear the form",
    list_heading: "Sent and scheduled messages",
    none: "No messages yet.",
    col_subject: "Subject",
    col_when: "Time",
    col_recipients: "Recipients",
    sent_at: "Sent {}",
    scheduled_for: "Scheduled for {}",
    cancel: "Cancel",
    cancel_named: "Cancel {}",
    cancelled: "The message is cancelled.",
    already_sent: "The message has been sent already and cannot be cancelled.",
};
