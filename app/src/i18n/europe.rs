//! Strings of the European final: the EUCPN secretariat's pages, in Swedish and English.
use super::Lang;

pub struct EuropeStrings {
    pub link: &'static str,
    /// `{}`: the year.
    pub title: &'static str,
    pub intro: &'static str,
    pub settings_heading: &'static str,
    pub theme: &'static str,
    pub theme_hint: &'static str,
    pub deadline: &'static str,
    pub deadline_hint: &'static str,
    pub countries: &'static str,
    pub countries_hint: &'static str,
    pub open: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub representatives_heading: &'static str,
    pub representatives_intro: &'static str,
    pub none_taking_part: &'static str,
    pub country: &'static str,
    pub representative: &'static str,
    pub not_named: &'static str,
    /// `{}`: the country's name.
    pub representative_email: &'static str,
    pub representative_hint: &'static str,
    pub save_representative: &'static str,
    pub no_account: &'static str,
    pub other_year: &'static str,
    pub not_opened: &'static str,
    pub already_entered: &'static str,
    pub show: &'static str,
}

impl Lang {
    /// The European final.
    pub fn eu(self) -> &'static EuropeStrings {
        self.pick(&SV, &EN)
    }
}

pub const SV: EuropeStrings = EuropeStrings {
    link: "Europafinalen",
    title: "Europafinalen {}",
    intro: "Här lägger EUCPN:s sekretariat upp årets europeiska final: ordförandelandets tema, sista dag för de nationella bidragen och vilka medlemsländer som deltar. Varje land får en nationell representant som anmäler landets bidrag.",
    settings_heading: "Finalen",
    theme: "Tema (på engelska)",
    theme_hint: "Temat som årets ordförandeland under andra halvåret har valt.",
    deadline: "Sista dag för nationella bidrag",
    deadline_hint: "Datum och klockslag i svensk tid.",
    countries: "Deltagande medlemsländer",
    countries_hint: "Ett land som tas bort förlorar sin representant.",
    open: "Öppna finalen",
    save: "Spara finalen",
    saved: "Sparat.",
    representatives_heading: "Nationella representanter",
    representatives_intro: "Representanten loggar in med sitt eget konto och anmäler landets bidrag. Personen behöver redan ha ett konto i portalen. Lämna fältet tomt för att ta bort representanten.",
    none_taking_part: "Inga länder deltar ännu. Välj länderna ovan och spara först.",
    country: "Land",
    representative: "Representant",
    not_named: "Inte utsedd",
    representative_email: "E-postadress till representanten för {}",
    representative_hint: "Adressen som personen loggar in med.",
    save_representative: "Spara representanten",
    no_account: "Det finns inget konto med den adressen. Be personen att registrera sig först.",
    other_year: "Ett annat år",
    not_opened: "inte öppnad ännu",
    already_entered: "Landet har redan sitt tävlande bidrag i finalen. Fler projekt kan anmälas som goda exempel som inte tävlar.",
    show: "Visa",
};

pub const EN: EuropeStrings = EuropeStrings {
    link: "European final",
    title: "European final {}",
    intro: "Here the EUCPN secretariat sets up the year's European final: the presidency's theme, the deadline for national entries and the member states taking part. Each country gets a national representative, who enters the country's projects.",
    settings_heading: "The final",
    theme: "Theme (in English)",
    theme_hint: "The theme chosen by the presidency of the year's second half.",
    deadline: "Deadline for national entries",
    deadline_hint: "Date and time in Swedish time.",
    countries: "Member states taking part",
    countries_hint: "A country that is removed loses its representative.",
    open: "Open the final",
    save: "Save the final",
    saved: "Saved.",
    representatives_heading: "National representatives",
    representatives_intro: "The representative signs in with their own account and enters the country's projects. They need an account on the portal already. Leave the field empty to remove the representative.",
    none_taking_part: "No country takes part yet. Choose the countries above and save first.",
    country: "Country",
    representative: "Representative",
    not_named: "Not named",
    representative_email: "Email address of the representative for {}",
    representative_hint: "The address they sign in with.",
    save_representative: "Save the representative",
    no_account: "No account has that address. Ask the person to register first.",
    other_year: "Another year",
    not_opened: "not opened yet",
    already_entered: "The country already has its competing entry in the final. Further projects can be entered as good practice that does not compete.",
    show: "Show",
};
