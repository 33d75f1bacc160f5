//! Strings of other countries' national rounds hosted on the portal: the secretariat's hosting
//! form, the round organiser's page, and the applicant's way into such a round, in Swedish and
//! English. `{}` placeholders are filled in the order given beside each field.
use super::Lang;

pub struct RoundStrings {
    /// `{}`: the country's name, the year.
    pub title: &'static str,
    pub intro: &'static str,
    /// `{}`: the country's name, the year.
    pub jury_title: &'static str,
    /// `{}`: the country's name, the year.
    pub results_title: &'static str,
    /// `{}`: the country's name, the year.
    pub screening_title: &'static str,
    pub page: &'static str,
    pub theme: &'static str,
    pub phase: &'static str,
    /// `{}`: how many.
    pub submitted: &'static str,
    pub entries_link: &'static str,
    pub jury_link: &'static str,
    pub results_link: &'static str,
    pub dates_heading: &'static str,
    pub dates_intro: &'static str,
    pub opens: &'static str,
    pub closes: &'static str,
    pub judging: &'static str,
    pub deliberation: &'static str,
    pub save_dates: &'static str,
    pub dates_saved: &'static str,
    pub organisers_heading: &'static str,
    pub hosting_heading: &'static str,
    pub hosting_intro: &'static str,
    pub not_hosted: &'static str,
    /// `{}`: the organisers' names.
    pub organisers: &'static str,
    /// `{}`: the country's name.
    pub organiser_email: &'static str,
    pub organiser_hint: &'static str,
    pub add_organiser: &'static str,
    pub organiser_added: &'static str,
    pub remove_organiser: &'static str,
    pub organiser_removed: &'static str,
    pub organising_heading: &'static str,
    /// `{}`: the country's name, the year, the deadline.
    pub open_until: &'static str,
    /// `{}`: the country's name, the year.
    pub start_in: &'static str,
}

impl Lang {
    /// Other countries' national rounds hosted on the portal.
    pub fn rounds(self) -> &'static RoundStrings {
        self.pick(&SV, &EN)
    }
}

static SV: RoundStrings = RoundStrings {
    title: "Nationella omgången i {} {}",
    intro: "Omgången körs på portalen för sitt land. Dess arrangörer sätter datumen, granskar bidragen, bjuder in juryn och publicerar resultatet. Bidragen skrivs på engelska.",
    jury_title: "Juryn i nationella omgången i {} {}",
    results_title: "Resultatet av nationella omgången i {} {}",
    screening_title: "Bidragen i nationella omgången i {} {}",
    page: "Omgångens sida",
    theme: "Tema",
    phase: "Läge",
    submitted: "Inskickade bidrag: {}",
    entries_link: "Bidragen och granskningen",
    jury_link: "Juryn",
    results_link: "Resultat och publicering",
    dates_heading: "Datum",
    dates_intro: "Tider anges i portalens tid (Stockholm). Varje datum ska komma efter det förra. En omgång som öppnar behöver ett sista datum för bidrag.",
    opens: "Öppnar för bidrag",
    closes: "Sista tid för bidrag",
    judging: "Juryns bedömning börjar",
    deliberation: "Juryns överläggning börjar",
    save_dates: "Spara datumen",
    dates_saved: "Datumen är sparade.",
    organisers_heading: "Arrangörer",
    hosting_heading: "Nationella omgångar på portalen",
    hosting_intro: "Ett land som deltar i finalen kan köra sin nationella omgång här, med egna arrangörer, egen jury och egna bidrag. Ange en arrangör med konto på portalen; omgången skapas när den första arrangören läggs till. Sekretariatet ser inte omgångens bidrag.",
    not_hosted: "Inte på portalen",
    organisers: "Arrangörer: {}",
    organiser_email: "E-postadress till en arrangör för {}",
    organiser_hint: "Personen behöver ett konto på portalen.",
    add_organiser: "Lägg till arrangören",
    organiser_added: "Arrangören är tillagd.",
    remove_organiser: "Ta bort",
    organiser_removed: "Arrangören är borttagen.",
    organising_heading: "Omgångar du arrangerar",
    open_until: "Nationella omgången i {} {} tar emot bidrag till {}.",
    start_in: "Starta ett bidrag i nationella omgången i {} {}",
};

static EN: RoundStrings = RoundStrings {
    title: "The national round of {} {}",
    intro: "This round runs on the portal for its country. Its organisers set the dates, screen the entries, invite the jury and publish the result. Entries are written in English.",
    jury_title: "The jury of the national round of {} {}",
    results_title: "Results of the national round of {} {}",
    screening_title: "Entries in the national round of {} {}",
    page: "The round’s page",
    theme: "Theme",
    phase: "Stage",
    submitted: "Entries submitted: {}",
    entries_link: "Entries and screening",
    jury_link: "The jury",
    results_link: "Results and release",
    dates_heading: "Dates",
    dates_intro: "Times are in the portal’s time (Stockholm). Each date must come after the one before it. A round that opens needs a deadline for entries.",
    opens: "Opens for entries",
    closes: "Deadline for entries",
    judging: "Judging begins",
    deliberation: "The jury’s deliberation begins",
    save_dates: "Save the dates",
    dates_saved: "The dates are saved.",
    organisers_heading: "Organisers",
    hosting_heading: "National rounds on the portal",
    hosting_intro: "A country taking part in the final can run its national round here, with its own organisers, jury and entries. Name an organiser who has an account on the portal; the round is created when its first organiser is added. The secretariat does not see the round’s entries.",
    not_hosted: "Not on the portal",
    organisers: "Organisers: {}",
    organiser_email: "Email address of an organiser for {}",
    organiser_hint: "The person needs an account on the portal.",
    add_organiser: "Add the organiser",
    organiser_added: "The organiser has been added.",
    remove_organiser: "Remove",
    organiser_removed: "The organiser has been removed.",
    organising_heading: "Rounds you organise",
    open_until: "The national round of {} {} takes entries until {}.",
    start_in: "Start an entry in the national round of {} {}",
};
