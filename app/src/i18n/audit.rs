//! Strings of the organiser's audit page, in Swedish and English, with a label for each kind of
//! event the portal records.
use super::Lang;

pub struct AuditStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub filters: &'static str,
    pub year: &'static str,
    pub all_years: &'static str,
    pub person: &'static str,
    pub kind: &'static str,
    pub all_kinds: &'static str,
    pub object: &'static str,
    pub object_hint: &'static str,
    pub show: &'static str,
    pub clear: &'static str,
    pub export: &'static str,
    pub col_time: &'static str,
    pub col_person: &'static str,
    pub col_kind: &'static str,
    pub col_object: &'static str,
    pub col_changes: &'static str,
    /// The actor of lines the portal wrote by itself.
    pub portal: &'static str,
    pub none: &'static str,
    /// `{}`: how many.
    pub count: &'static str,
    pub pages: &'static str,
    /// `{}`: the page, the number of pages.
    pub page_of: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    /// The link to one object's or one year's lines.
    pub history: &'static str,
    /// `{}`: the year.
    pub year_history: &'static str,
}

impl Lang {
    /// The organiser's audit page.
    pub fn audit(self) -> &'static AuditStrings {
        self.pick(&SV, &EN)
    }

    /// What a kind of audit line means, or the kind's code when it has no label.
    pub fn audit_kind(self, code: &str) -> String {
        KINDS
            .iter()
            .find(|(k, _, _)| *k == code)
            .map(|(_, sv, en)| self.pick(*sv, *en).to_string())
            .unwrap_or_else(|| code.to_string())
    }
}

/// Each kind of audit line: its code, then its label in Swedish and in English.
const KINDS: &[(&str, &str, &str)] = &[
    ("award.edit", "Utmärkelse ändrad", "Award edited"),
    (
        "award.photo",
        "Foto till utmärkelse ändrat",
        "Award photo changed",
    ),
    (
        "award.photo_remove",
        "Foto till utmärkelse borttaget",
        "Award photo removed",
    ),
    (
        "competition.create",
        "Tävlingsår skapat",
        "Competition year created",
    ),
    (
        "competition.save",
        "Inställningar eller datum ändrade",
        "Settings or dates changed",
    ),
    (
        "decision.record",
        "Juryns beslut registrerat",
        "Jury decision recorded",
    ),
    (
        "decision.reopen",
        "Juryns beslut öppnat igen",
        "Jury decision reopened",
    ),
    (
        "dossier.address",
        "Dossierns mottagare ändrad",
        "Dossier recipient changed",
    ),
    (
        "dossier.english",
        "Dossierns engelska text ändrad",
        "Dossier English text changed",
    ),
    ("dossier.send", "Dossiern skickad", "Dossier sent"),
    ("entry.screen", "Bidrag granskat", "Entry screened"),
    (
        "entry_list.publish",
        "Listan över bidrag publicerad eller dold",
        "List of entries published or hidden",
    ),
    (
        "european.add",
        "Europeisk placering tillagd",
        "European placing added",
    ),
    (
        "european.remove",
        "Europeisk placering borttagen",
        "European placing removed",
    ),
    ("event.save", "Evenemang sparat", "Event saved"),
    ("export.entries", "Bidragen exporterade", "Entries exported"),
    ("export.scores", "Poängen exporterade", "Scores exported"),
    (
        "feedback.release",
        "Återkoppling släppt till sökande",
        "Feedback released to the applicant",
    ),
    (
        "feedback.save",
        "Återkoppling till sökande sparad",
        "Feedback to the applicant saved",
    ),
    (
        "final.enter",
        "Bidrag anmält till finalen",
        "Entry entered in the final",
    ),
    (
        "final.forward",
        "Vinnaren skickad vidare till finalen",
        "Winner forwarded to the final",
    ),
    ("final.prizes", "Prispengar ändrade", "Prize money changed"),
    (
        "final.representative",
        "Representant ändrad",
        "Representative changed",
    ),
    (
        "jury.assign",
        "Bidrag fördelade på juryn",
        "Entries assigned to the jury",
    ),
    ("jury.assignment", "Fördelning ändrad", "Assignment changed"),
    ("jury.chair", "Ordförande ändrad", "Chair changed"),
    (
        "jury.conflict",
        "Jäv anmält",
        "Conflict of interest declared",
    ),
    ("jury.invite", "Jurymedlem inbjuden", "Juror invited"),
    (
        "jury.invite_resend",
        "Inbjudan skickad igen",
        "Invitation sent again",
    ),
    (
        "jury.invite_revoke",
        "Inbjudan återkallad",
        "Invitation revoked",
    ),
    ("jury.member", "Jurymedlem ändrad", "Jury member changed"),
    ("jury.remind", "Jurymedlem påmind", "Juror reminded"),
    (
        "jury.shortlist_advance",
        "Kortlistan avgjord",
        "Shortlist decided",
    ),
    (
        "jury.shortlist_take_back",
        "Kortlistans avgörande taget tillbaka",
        "Shortlist decision taken back",
    ),
    (
        "entry.remind",
        "Sökande påmind om utkast",
        "Applicant reminded of a draft",
    ),
    ("mail_text.save", "Mejltext ändrad", "Mail text changed"),
    (
        "mail_text.reset",
        "Mejltext återställd",
        "Mail text restored",
    ),
    (
        "messages.cancel",
        "Meddelande till grupp avbokat",
        "Group message cancelled",
    ),
    (
        "messages.schedule",
        "Meddelande till grupp skrivet",
        "Group message written",
    ),
    (
        "messages.send",
        "Mejl skickade till grupp",
        "Mails sent to a group",
    ),
    ("news.image", "Nyhetsbild ändrad", "News image changed"),
    ("news.save", "Nyhet sparad", "News item saved"),
    ("results.notified", "Utfallet meddelat", "Outcome sent"),
    (
        "results.release",
        "Resultatet publicerat",
        "Results released",
    ),
    (
        "results.unschedule",
        "Publiceringen avbokad",
        "Release unscheduled",
    ),
    (
        "retention.apply",
        "Gallring enligt bevarandereglerna",
        "Removed under the retention rules",
    ),
    (
        "round.dates",
        "Omgångens datum ändrade",
        "Round dates changed",
    ),
    (
        "round.host",
        "Omgång skapad på portalen",
        "Round hosted on the portal",
    ),
    (
        "person.erase",
        "Personuppgifter raderade",
        "Personal data erased",
    ),
    (
        "person.export",
        "Personuppgifter exporterade",
        "Personal data exported",
    ),
    ("round.organiser", "Arrangör tillagd", "Organiser added"),
    (
        "round.organiser_removed",
        "Arrangör borttagen",
        "Organiser removed",
    ),
    ("score.change", "Poäng ändrad", "Score changed"),
    ("score.submit", "Bedömning inskickad", "Scores submitted"),
    (
        "user.active",
        "Konto aktiverat eller avaktiverat",
        "Account activated or deactivated",
    ),
    ("user.roles", "Roller ändrade", "Roles changed"),
];

static SV: AuditStrings = AuditStrings {
    title: "Händelselogg",
    intro: "Varje ändring som arrangörer, administratörer, ordförande och jurymedlemmar gör, med tid, person och värdet före och efter. Loggen är en hashkedja: en rad som ändras eller tas bort vid sidan av portalen syns när kedjan kontrolleras med ecpa audit verify.",
    filters: "Filter",
    year: "År",
    all_years: "Alla år",
    person: "Person (namn eller e-postadress)",
    kind: "Händelse",
    all_kinds: "Alla händelser",
    object: "Objekt",
    object_hint: "Till exempel entry:12 för ett bidrags hela historik.",
    show: "Visa",
    clear: "Rensa filtren",
    export: "Ladda ner raderna som CSV",
    col_time: "Tid",
    col_person: "Person",
    col_kind: "Händelse",
    col_object: "Objekt",
    col_changes: "Före och efter",
    portal: "Portalen",
    none: "Inga händelser passar filtren.",
    count: "Antal händelser: {}",
    pages: "Sidor",
    page_of: "Sida {} av {}",
    previous: "Föregående sida",
    next: "Nästa sida",
    history: "Historik",
    year_history: "Händelser för {}",
};

static EN: AuditStrings = AuditStrings {
    title: "Audit log",
    intro: "Every change organisers, administrators, chairs and jurors make, with the time, the person and the value before and after. The log is a hash chain: a line changed or removed outside the portal shows when the chain is checked with ecpa audit verify.",
    filters: "Filters",
    year: "Year",
    all_years: "All years",
    person: "Person (name or email address)",
    kind: "Event",
    all_kinds: "All events",
    object: "Object",
    object_hint: "For example entry:12 for an entry’s whole history.",
    show: "Show",
    clear: "Clear the filters",
    export: "Download the lines as CSV",
    col_time: "Time",
    col_person: "Person",
    col_kind: "Event",
    col_object: "Object",
    col_changes: "Before and after",
    portal: "The portal",
    none: "No events match the filters.",
    count: "Events: {}",
    pages: "Pages",
    page_of: "Page {} of {}",
    previous: "Previous page",
    next: "Next page",
    history: "History",
    year_history: "Events of {}",
};
