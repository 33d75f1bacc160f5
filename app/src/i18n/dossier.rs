//! Strings of the entry's English text (in the applicant's form and wherever an entry is shown)
//! and of the organiser's EUCPN dossier page, in Swedish and English.
use super::Lang;

pub struct DossierStrings {
    pub part_english: &'static str,
    pub english_intro: &'static str,
    /// A part's label in the English form: `{}` is the part's name.
    pub in_english: &'static str,
    pub missing: &'static str,
    /// `{}`: the parts still missing, by name.
    pub still_missing: &'static str,
    pub complete: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub link: &'static str,
    pub winner_heading: &'static str,
    pub swedish_title: &'static str,
    pub english_heading: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub versions_heading: &'static str,
    pub no_versions: &'static str,
    /// `{}`: the number, the time, the name.
    pub version_line: &'static str,
    /// `{}`: the parts the version changed, by name.
    pub changed: &'static str,
    pub files_heading: &'static str,
    pub files_intro: &'static str,
    pub preview_pdf: &'static str,
    pub download_docx: &'static str,
    pub send_heading: &'static str,
    pub send_intro: &'static str,
    pub address: &'static str,
    pub address_hint: &'static str,
    pub save_address: &'static str,
    pub send: &'static str,
    pub sent: &'static str,
    pub english_incomplete: &'static str,
    pub no_sendings: &'static str,
    /// `{}`: the time, the name, the address, the English version.
    pub sending_line: &'static str,
    /// `{}`: the reference of the entry EUCPN last got, which is no longer the winner.
    pub sent_for_other: &'static str,
    /// Under a sending of such an entry. `{}`: its reference.
    pub sending_other: &'static str,
    pub digest_pdf: &'static str,
    pub digest_docx: &'static str,
    /// The link to an entry's reading copy.
    pub copy_link: &'static str,
    /// The file name's first word: `lasexemplar-ECPA-2027-001.pdf`.
    pub copy_file: &'static str,
    /// `{}`: the number, the time.
    pub copy_submitted: &'static str,
    pub copy_draft: &'static str,
    /// `{}`: the year.
    pub pack_title: &'static str,
    /// `{}`: how many entries.
    pub pack_subtitle: &'static str,
    pub pack_empty: &'static str,
    pub pack_contents: &'static str,
    /// Before a page number in the contents.
    pub pack_page: &'static str,
    /// The file names' first word: `laspaket-2027.pdf`.
    pub pack_file: &'static str,
}

impl Lang {
    /// The English text and the dossier.
    pub fn d(self) -> &'static DossierStrings {
        self.pick(&SV, &EN)
    }

    /// The name of one of the English text's parts ([`crate::model::ENGLISH_PARTS`]).
    pub fn part_name(self, key: &str) -> &'static str {
        let e = self.e();
        if key == "title" {
            return e.field_title;
        }
        crate::model::SECTIONS
            .iter()
            .position(|k| *k == key)
            .map_or("", |i| e.sections[i])
    }

    /// Whether the English text is complete, or the parts it still lacks, as a sentence.
    pub fn english_status(self, text: &crate::model::EnglishText) -> String {
        let missing = text.missing();
        if missing.is_empty() {
            self.d().complete.to_string()
        } else {
            super::entries::fill(self.d().still_missing, &[&self.part_names(&missing)])
        }
    }

    /// Parts by name, in a list a sentence can hold: "Titel, Utvärdering".
    pub fn part_names(self, keys: &[&str]) -> String {
        keys.iter()
            .map(|k| self.part_name(k))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub const SV: DossierStrings = DossierStrings {
    part_english: "Projektet på engelska",
    english_intro: "Europafinalen tar emot bidrag på engelska. Skriv gärna titeln och avsnitten på engelska här; samma ordgränser gäller. Den svenska tävlingen kräver det inte, men vinnarens engelska text måste vara komplett innan Brå skickar bidraget vidare till EUCPN.",
    in_english: "{} – på engelska",
    missing: "Saknas på engelska",
    still_missing: "Saknas ännu på engelska: {}",
    complete: "Hela texten finns på engelska.",
    title: "Underlag till EUCPN {}",
    intro: "Vinnarens bidrag på engelska, enligt EUCPN:s mall (bilaga I). Efter beslutet gör du den engelska texten klar här, till exempel med en översättares hjälp. Varje ändring sparas som en ny version.",
    link: "Underlag till EUCPN",
    winner_heading: "Det vinnande bidraget",
    swedish_title: "Svensk titel",
    english_heading: "Den engelska texten",
    save: "Spara den engelska texten",
    saved: "Sparat.",
    versions_heading: "Versioner",
    no_versions: "Inga ändringar ännu: texten är den som sökanden skickade in.",
    version_line: "Version {} · {} · {}",
    changed: "Ändrat: {}",
    files_heading: "Bilaga I som fil",
    files_intro: "Underlaget på engelska enligt EUCPN:s mall, med den engelska texten som den ser ut nu. Där något saknas på engelska står det ”Not given”.",
    preview_pdf: "Förhandsgranska PDF",
    download_docx: "Ladda ner som Word-fil (DOCX)",
    send_heading: "Skicka till EUCPN",
    send_intro: "Underlaget skickas som PDF och Word-fil i ett e-postmeddelande till EUCPN:s adress för året. Varje utskick sparas med vem som skickade, när, och en kontrollsumma (SHA-256) för varje fil.",
    address: "EUCPN:s e-postadress för året",
    address_hint: "Adressen som EUCPN:s sekretariat har angett för årets bidrag.",
    save_address: "Spara adressen",
    send: "Skicka till EUCPN",
    sent: "Underlaget ligger i kö för att skickas.",
    english_incomplete: "Den engelska texten är inte komplett. Fyll i det som saknas innan underlaget skickas till EUCPN.",
    no_sendings: "Underlaget har inte skickats ännu.",
    sending_line: "{} · {} · till {} · engelsk text version {}",
    sent_for_other: "EUCPN har senast fått underlaget om {}, som inte längre är vinnare: juryns beslut har ändrats sedan dess. Skicka underlaget om den nya vinnaren: meddelandet talar om för EUCPN att det ersätter det förra.",
    sending_other: "Gällde {}, som inte längre är vinnare.",
    digest_pdf: "SHA-256 (PDF)",
    digest_docx: "SHA-256 (DOCX)",
    copy_link: "Läsexemplar (PDF)",
    copy_file: "lasexemplar",
    copy_submitted: "Inskickad version {}, {}",
    copy_draft: "Utkast som inte är inskickat",
    pack_title: "Läspaket, ECPA {}",
    pack_subtitle: "Bidrag: {} · som de senast skickades in",
    pack_empty: "Du har inga bidrag att läsa i den här omgången.",
    pack_contents: "Innehåll",
    pack_page: "sidan",
    pack_file: "laspaket",
};

pub const EN: DossierStrings = DossierStrings {
    part_english: "The project in English",
    english_intro: "The European final takes entries in English. If you can, write the title and the sections in English here; the same word limits apply. The Swedish round does not require it, but the winner’s English text must be complete before Brå passes the entry on to EUCPN.",
    in_english: "{} – in English",
    missing: "Missing in English",
    still_missing: "Still missing in English: {}",
    complete: "All of the text is in English.",
    title: "EUCPN dossier {}",
    intro: "The winner’s entry in English, on the EUCPN template (Annex I). After the decision you complete the English text here, for example with a translator’s help. Every change is kept as a new version.",
    link: "EUCPN dossier",
    winner_heading: "The winning entry",
    swedish_title: "Swedish title",
    english_heading: "The English text",
    save: "Save the English text",
    saved: "Saved.",
    versions_heading: "Versions",
    no_versions: "No changes yet: the text is the one the applicant submitted.",
    version_line: "Version {} · {} · {}",
    changed: "Changed: {}",
    files_heading: "Annex I as a file",
    files_intro: "The dossier in English on the EUCPN template, with the English text as it stands now. Where something is still missing in English it reads “Not given”.",
    preview_pdf: "Preview the PDF",
    download_docx: "Download as a Word file (DOCX)",
    send_heading: "Send to EUCPN",
    send_intro: "The dossier goes as a PDF and a Word file in one e-mail to the year’s EUCPN address. Each sending is kept with who sent it, when, and a checksum (SHA-256) of each file.",
    address: "The year’s EUCPN e-mail address",
    address_hint: "The address the EUCPN secretariat gave for this year’s entries.",
    save_address: "Save the address",
    send: "Send to EUCPN",
    sent: "The dossier is queued to be sent.",
    english_incomplete: "The English text is not complete. Fill in what is missing before the dossier is sent to EUCPN.",
    no_sendings: "The dossier has not been sent yet.",
    sending_line: "{} · {} · to {} · English text version {}",
    sent_for_other: "EUCPN last received the dossier on {}, which is no longer the winner: the jury’s decision has changed since. Send the dossier on the new winner: its mail tells EUCPN that it replaces the earlier one.",
    sending_other: "It concerned {}, which is no longer the winner.",
    digest_pdf: "SHA-256 (PDF)",
    digest_docx: "SHA-256 (DOCX)",
    copy_link: "Reading copy (PDF)",
    copy_file: "reading-copy",
    copy_submitted: "Submitted version {}, {}",
    copy_draft: "Draft, not submitted",
    pack_title: "Reading pack, ECPA {}",
    pack_subtitle: "Entries: {} · as last submitted",
    pack_empty: "You have no entries to read in this round.",
    pack_contents: "Contents",
    pack_page: "page",
    pack_file: "reading-pack",
};
