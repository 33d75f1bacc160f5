//! The privacy notice's text, in Swedish and English. `{}` placeholders are filled in the order
//! given beside each field.
use super::Lang;

pub struct PrivacyStrings {
    pub intro: &'static str,
    pub keep_heading: &'static str,
    /// What the portal keeps and why, one item each.
    pub keep: [&'static str; 6],
    pub how_long_heading: &'static str,
    /// `{}`: the months after the year closed.
    pub drafts: &'static str,
    /// `{}`: the days after sending.
    pub mails: &'static str,
    /// `{}`: the days text a save refused is kept.
    pub unsaved: &'static str,
    pub counters: &'static str,
    pub records: &'static str,
    /// `{}`: the years after the year closed, twice (contacts, then unused accounts).
    pub people: &'static str,
    /// Beside `people`: accounts otherwise stay.
    pub account_stays: &'static str,
    /// Instead of `people` and `account_stays`, where no retention in years is set.
    pub archive: &'static str,
    pub cleanup: &'static str,
    pub rights_heading: &'static str,
    pub rights: &'static str,
}

impl Lang {
    /// The privacy notice.
    pub fn privacy(self) -> &'static PrivacyStrings {
        self.pick(&SV, &EN)
    }
}

static SV: PrivacyStrings = PrivacyStrings {
    intro: "Brottsförebyggande rådet (Brå) är personuppgiftsansvarigt för portalen. Här står vilka uppgifter om dig som portalen sparar, varför, hur länge och vart du vänder dig med frågor.",
    keep_heading: "Vad vi sparar och varför",
    keep: [
        "Ditt konto: namn, e-postadress, språk, organisation och roller. Lösenordet sparas bara som en hash. Vi behöver uppgifterna för att du ska kunna logga in, tävla, bedöma eller arrangera.",
        "Bidragen: texterna, kontaktpersonerna som nämns i dem och bilagorna. Juryn bedömer dem och Brå publicerar vinnaren och förteckningen över bidragen.",
        "Juryns arbete: poäng, kommentarer, jäv och beslut, så att bedömningen går att följa i efterhand.",
        "Mejl som portalen skickar: mottagare, ämne och text, så att vi kan se vad som har gått ut.",
        "Nyhetsbrevet: e-postadressen och språket, tills du avslutar prenumerationen.",
        "Säkerhet: misslyckade inloggningar och beställda mejl per adress, för att stoppa gissningar och massutskick, och en logg över ändringar som arrangörer, administratörer och jurymedlemmar gör.",
    ],
    how_long_heading: "Hur länge",
    drafts: "Utkast som aldrig skickades in tas bort {} månader efter att tävlingsåret stängde.",
    mails: "Texten i skickade mejl tas bort {} dagar efter utskicket; mottagare, tid och ämne finns kvar.",
    unsaved: "Text som du skrev i ett bidrag, en motivering vid granskningen av ett bidrag, en bedömning, ett jäv som du anmälde eller registrerade med sitt skäl, juryns diskussion, valet av bidrag som går vidare från kortlistan, juryns beslut eller skälet till att öppna det igen, återkopplingen till en sökande, ett meddelande, en nyhet eller ett evenemang men som inte kunde sparas (till exempel för att någon annan sparade först) finns kvar för dig i {} dagar, eller tills du tar bort den.",
    counters: "Misslyckade inloggningar och beställda mejl räknas i 15 minuter respektive en timme och tas sedan bort vid nästa gallring. Länkar för att bekräfta en adress eller byta lösenord tas bort vid första gallringen efter att de har gått ut.",
    records: "Inskickade bidrag, bedömningar, beslut och ändringsloggen är allmänna handlingar och bevaras enligt Brås arkivregler.",
    people: "Kontaktpersoner i bidrag tas bort {} år efter att tävlingsåret stängde. Konton som ingen har loggat in på på {} år raderas, utom Brås och EUCPN:s egna.",
    account_stays: "Annars finns ditt konto kvar tills du tar bort det under Mitt konto eller ber Brå att ta bort det.",
    archive: "Kontaktpersoner i bidrag och konton för sökande och jurymedlemmar sparas enligt Brås arkivregler. Ditt konto finns kvar tills du tar bort det under Mitt konto eller ber Brå att ta bort det.",
    cleanup: "Gallringen görs automatiskt en gång per dygn.",
    rights_heading: "Dina rättigheter",
    rights: "När du är inloggad ser du dina uppgifter under Mitt konto och kan ladda ner dem som en fil. Du har rätt att få en kopia av uppgifterna, få fel rättade och få uppgifter raderade när de inte längre behöver sparas. Kontakta Brå via kontaktuppgifterna på bra.se; Brås dataskyddsombud svarar på frågor om hur vi behandlar personuppgifter. Är du missnöjd kan du klaga hos Integritetsskyddsmyndigheten (IMY).",
};

static EN: PrivacyStrings = PrivacyStrings {
    intro: "The Swedish National Council for Crime Prevention (Brå) is the controller of the personal data in this portal. This notice says what the portal keeps about you, why, for how long, and who to ask.",
    keep_heading: "What we keep and why",
    keep: [
        "Your account: name, email address, language, organisation and roles. The password is kept only as a hash. We need these so that you can sign in and take part, judge or organise.",
        "Entries: their text, the contact persons named in them, and their attachments. The jury assesses them, and Brå publishes the winner and the list of entries.",
        "The jury’s work: scores, comments, conflicts of interest and decisions, so that the assessment can be followed afterwards.",
        "Mail the portal sends: recipient, subject and text, so that we can see what went out.",
        "The newsletter: your email address and language, until you unsubscribe.",
        "Security: failed logins and mail requested per address, to stop guessing and mass mailing, and a log of the changes organisers, administrators and jurors make.",
    ],
    how_long_heading: "For how long",
    drafts: "Drafts never submitted are removed {} months after their year closed.",
    mails: "The text of a sent mail is removed {} days after it was sent; the recipient, time and subject remain.",
    unsaved: "Text you wrote in an entry, the reason for an entry’s screening, a score sheet, a conflict of interest you declared or recorded with its reason, the jury’s discussion, the choice of entries that advance from the shortlist, the jury’s decision or the reason to reopen it, the feedback to an applicant, a message, a news item or an event that could not be saved (for example because someone else saved first) is kept for you for {} days, or until you discard it.",
    counters: "Failed logins and mail requests count for 15 minutes and an hour respectively, and are removed at the next clean-up after that. Links to confirm an address or reset a password are removed at the first clean-up after they expire.",
    records: "Submitted entries, assessments, decisions and the log of changes are public records, kept under Brå’s archive rules.",
    people: "Contacts named in entries are removed {} years after their year closed. Accounts nobody has signed in to for {} years are erased, except those of Brå and EUCPN.",
    account_stays: "Otherwise your account stays until you delete it under My account or ask Brå to remove it.",
    archive: "Contacts named in entries, and the accounts of applicants and jurors, are kept under Brå’s archive rules. Your account stays until you delete it under My account or ask Brå to remove it.",
    cleanup: "What is due is removed automatically once a day.",
    rights_heading: "Your rights",
    rights: "When signed in, you see your data under My account and can download it as a file. You have the right to a copy of it, to have mistakes corrected, and to have data erased once it no longer needs to be kept. Contact Brå through the contact details on bra.se; Brå’s data protection officer answers questions about how we handle personal data. If you are not satisfied, you can complain to the Swedish Authority for Privacy Protection (IMY).",
};
