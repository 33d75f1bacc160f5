//! Strings of the organiser's page for people's requests about their personal data, and of the
//! download of one's own data, in Swedish and English.
use super::Lang;

pub struct GdprStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub search_legend: &'static str,
    pub email: &'static str,
    pub name: &'static str,
    pub name_hint: &'static str,
    pub search: &'static str,
    /// `{}`: the address; the names searched for follow.
    pub searched: &'static str,
    pub account: &'static str,
    pub no_account: &'static str,
    pub account_inactive: &'static str,
    pub places: &'static str,
    /// `{}`: how many.
    pub places_count: &'static str,
    pub no_places: &'static str,
    pub col_where: &'static str,
    pub col_row: &'static str,
    pub col_text: &'static str,
    pub export: &'static str,
    pub export_hint: &'static str,
    pub erase_title: &'static str,
    pub erase_intro: &'static str,
    pub erase_confirm: &'static str,
    pub erase_submit: &'static str,
    /// `{}`: how many values and rows were erased.
    pub erased: &'static str,
    pub own_account: &'static str,
    /// The own-data page's link to the file.
    pub download_mine: &'static str,
    pub download_mine_hint: &'static str,
}

impl Lang {
    /// The organiser's page for requests about personal data.
    pub fn gdpr(self) -> &'static GdprStrings {
        self.pick(&SV, &EN)
    }

    /// What a table and column hold, in words, or `table.column` for one without words.
    pub fn stored_place(self, table: &str, column: &str) -> String {
        PLACES
            .iter()
            .find(|(t, _, _)| *t == table)
            .map(|(_, sv, en)| format!("{} ({column})", self.pick(*sv, *en)))
            .unwrap_or_else(|| format!("{table}.{column}"))
    }
}

/// The tables people's data is most often found in: the table, then words in Swedish and
/// English.
const PLACES: &[(&str, &str, &str)] = &[
    ("app_user", "Konto", "Account"),
    ("entry", "Bidrag", "Entry"),
    (
        "entry_contact",
        "Kontaktperson i bidrag",
        "Contact in an entry",
    ),
    (
        "entry_version",
        "Inskickad version av bidrag",
        "Submitted version of an entry",
    ),
    (
        "english_version",
        "Engelsk text för EUCPN",
        "English text for EUCPN",
    ),
    ("mail_outbox", "Mejl", "Mail"),
    (
        "invitation",
        "Inbjudan till organisation",
        "Invitation to an organisation",
    ),
    (
        "jury_invitation",
        "Inbjudan till juryn",
        "Invitation to the jury",
    ),
    (
        "subscriber",
        "Prenumeration på nyheter",
        "News subscription",
    ),
    ("login_failure", "Misslyckad inloggning", "Failed login"),
    ("audit_log", "Händelselogg", "Audit log"),
    ("score_sheet", "Bedömning", "Score sheet"),
    (
        "dossier_sending",
        "Dossier skickad till EUCPN",
        "Dossier sent to EUCPN",
    ),
    ("organisation", "Organisation", "Organisation"),
    ("news_item", "Nyhet", "News item"),
    ("event", "Evenemang", "Event"),
    ("event_speaker", "Talare", "Speaker"),
    ("award", "Utmärkelse", "Award"),
];

static SV: GdprStrings = GdprStrings {
    title: "Begäran om personuppgifter",
    intro: "När någon ber om sina uppgifter eller om att bli raderad: sök på personens e-postadress, och gärna namnet, så visas varje ställe där de finns sparade, även som kontaktperson i bidrag. Härifrån kan du ladda ner uppgifterna som en fil eller radera dem.",
    search_legend: "Vem gäller det?",
    email: "E-postadress",
    name: "Namn",
    name_hint: "Sök även på namnet, om personen kan vara nämnd utan sin adress. Namn kortare än fem bokstäver söks inte.",
    search: "Sök",
    searched: "Sökt på {}",
    account: "Konto",
    no_account: "Personen har inget konto i portalen.",
    account_inactive: "avaktiverat",
    places: "Var uppgifterna finns",
    places_count: "{} ställen",
    no_places: "Adressen och namnet finns inte någonstans i portalen.",
    col_where: "Var",
    col_row: "Rad",
    col_text: "Utdrag",
    export: "Ladda ner uppgifterna (zip)",
    export_hint: "En fil med kontot, bidragen personen skrivit eller nämns i, mejlen till personen, det personen gjort enligt händelseloggen, varje annat ställe ovan och de filer personen laddat upp. Nedladdningen loggas.",
    erase_title: "Radera personen",
    erase_intro: "Rader som bara handlar om personen tas bort: prenumerationer, inbjudningar, mejl till personen, medlemskap, roller och kontaktrader med adressen. Kontot blir anonymt, så att bedömningar och historik finns kvar utan namn. På övriga ställen ersätts namn och adress med [raderat]. Raderingen loggas utan personens namn och går inte att ångra.",
    erase_confirm: "Jag har kontrollerat ställena ovan och vill radera personen",
    erase_submit: "Radera",
    erased: "Raderat: {} rader och värden. Sökningen nedan visar vad som finns kvar.",
    own_account: "Det här är ditt eget konto. Dina egna uppgifter raderar du under Mitt konto.",
    download_mine: "Ladda ner mina uppgifter (zip)",
    download_mine_hint: "En fil med allt portalen har sparat om dig: kontot, bidragen du skrivit eller nämns i, mejlen till dig och de filer du laddat upp.",
};

static EN: GdprStrings = GdprStrings {
    title: "Personal data requests",
    intro: "When someone asks for their data or to be erased: search for their email address, and preferably their name, to see every place they are stored, contacts in entries included. From here you can download their data as a file or erase it.",
    search_legend: "Who is it about?",
    email: "Email address",
    name: "Name",
    name_hint: "Also search for the name, in case the person is named without their address. Names shorter than five letters are not searched for.",
    search: "Search",
    searched: "Searched for {}",
    account: "Account",
    no_account: "The person has no account on the portal.",
    account_inactive: "deactivated",
    places: "Where the data is",
    places_count: "{} places",
    no_places: "The address and the name are nowhere on the portal.",
    col_where: "Where",
    col_row: "Row",
    col_text: "Excerpt",
    export: "Download the data (zip)",
    export_hint: "A file with the account, the entries the person wrote or is named in, the mails to them, what they did according to the audit log, every other place above, and the files they uploaded. The download is logged.",
    erase_title: "Erase the person",
    erase_intro: "Rows that are only about the person are removed: subscriptions, invitations, mails to them, memberships, roles and contact rows with their address. The account becomes anonymous, so that scores and history remain without a name. Elsewhere the name and address are replaced with [raderat]. The erasure is logged without the person’s name and cannot be undone.",
    erase_confirm: "I have checked the places above and want to erase the person",
    erase_submit: "Erase",
    erased: "Erased: {} rows and values. The search below shows what remains.",
    own_account: "This is your own account. You erase your own data under My account.",
    download_mine: "Download my data (zip)",
    download_mine_hint: "A file with everything the portal keeps about you: your account, the entries you wrote or are named in, the mails to you, and the files you uploaded.",
};
