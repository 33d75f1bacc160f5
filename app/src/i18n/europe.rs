//! Strings of the European final: the EUCPN secretariat's and the national representatives'
//! pages, in Swedish and English.
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
    pub judging_closes: &'static str,
    pub judging_closes_hint: &'static str,
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
    pub has_entries: &'static str,
    pub not_after_deadline: &'static str,
    /// `{}`: the year.
    pub rep_link: &'static str,
    /// `{}`: the year.
    pub rep_title: &'static str,
    pub rep_intro: &'static str,
    pub rep_theme: &'static str,
    pub rep_closed: &'static str,
    pub rep_entries: &'static str,
    pub rep_none: &'static str,
    pub kind_competing: &'static str,
    pub kind_good_practice: &'static str,
    pub col_kind: &'static str,
    pub forward_heading: &'static str,
    pub forward_intro: &'static str,
    pub forward_not_decided: &'static str,
    /// `{}`: the reference of the entered project.
    pub forward_outdated: &'static str,
    pub forward_reopened: &'static str,
    pub forward_english_missing: &'static str,
    pub forward_button: &'static str,
    pub forwarded: &'static str,
    /// `{}`: the winner's title.
    pub winner: &'static str,
    pub direct_heading: &'static str,
    pub direct_intro: &'static str,
    pub organisation: &'static str,
    pub organisation_hint: &'static str,
    pub kind_legend: &'static str,
    pub competing_taken: &'static str,
    pub start: &'static str,
    pub jury_full: &'static str,
    /// `{}`: the year.
    pub jury_title: &'static str,
    pub juror_country: &'static str,
    pub jury_link: &'static str,
    /// `{}`: the year.
    pub public_link: &'static str,
    pub public_intro: &'static str,
    pub results_pending: &'static str,
    pub awarded_heading: &'static str,
    pub competing_heading: &'static str,
    pub good_practice_heading: &'static str,
    pub released: &'static str,
    pub prizes_heading: &'static str,
    pub prizes_intro: &'static str,
    pub prize_winner: &'static str,
    pub prize_runner_up: &'static str,
    pub save_prizes: &'static str,
    pub results_link: &'static str,
    /// `{}`: the year.
    pub results_title: &'static str,
    pub final_on_portal: &'static str,
}

impl Lang {
    /// The European final.
    pub fn eu(self) -> &'static EuropeStrings {
        self.pick(&SV, &EN)
    }

    /// An amount in whole euros as the language writes it: "20 000 euro", "€20,000".
    pub fn euros(self, amount: i32) -> String {
        let digits = amount.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(self.pick("\u{a0}", ","));
            }
            grouped.push(d);
        }
        let sign = if amount < 0 { "−" } else { "" };
        self.pick(
            format!("{sign}{grouped}\u{a0}euro"),
            format!("{sign}€{grouped}"),
        )
    }
}

pub const SV: EuropeStrings = EuropeStrings {
    link: "Europafinalen",
    title: "Europafinalen {}",
    intro: "Här lägger EUCPN:s sekretariat upp årets europeiska final: ordförandelandets tema, sista dag för de nationella bidragen, när juryns bedömning stänger och vilka medlemsländer som deltar. Varje land får en nationell representant som anmäler landets bidrag.",
    settings_heading: "Finalen",
    theme: "Tema (på engelska)",
    theme_hint: "Temat som årets ordförandeland under andra halvåret har valt.",
    deadline: "Sista dag för nationella bidrag",
    deadline_hint: "Datum och klockslag i svensk tid.",
    judging_closes: "Juryns bedömning stänger",
    judging_closes_hint: "Efter sista dag för bidrag, i svensk tid. Jurymedlemmar med bedömningar kvar får en påminnelse 3 dagar och 1 dag före. Tomt: juryn bedömer fram till beslutet och ingen påminnelse skickas.",
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
    has_entries: "Ett land som har anmält projekt till finalen kan inte tas bort.",
    not_after_deadline: "Juryns bedömning kan stänga först efter sista dag för bidrag.",
    rep_link: "Europafinalen {}: landets bidrag",
    rep_title: "Bidrag till Europafinalen {}",
    rep_intro: "Som nationell representant anmäler du ditt lands projekt till finalen: ett tävlande bidrag och hur många goda exempel som helst som inte tävlar. Projekten skrivs på engelska.",
    rep_theme: "Årets tema",
    rep_closed: "Finalen tar inte emot bidrag just nu.",
    rep_entries: "Anmälda projekt",
    rep_none: "Inga projekt är anmälda ännu.",
    kind_competing: "Tävlande bidrag",
    kind_good_practice: "God praxis (tävlar inte)",
    col_kind: "Slag",
    forward_heading: "Vinnaren i den nationella omgången",
    forward_intro: "Vinnaren i den nationella omgången här på portalen förs vidare med en åtgärd: den engelska texten blir landets tävlande bidrag i finalen, med fakta, kontaktpersoner, länkar och bilagor, och skickas in direkt.",
    forward_not_decided: "Den nationella omgången är inte avgjord ännu.",
    forward_outdated: "Det anmälda tävlande bidraget {} är inte längre vinnaren i den nationella omgången: juryns beslut har ändrats. Dra tillbaka det på bidragets sida och anmäl sedan den nya vinnaren här.",
    forward_reopened: "Den nationella juryn har tagit upp sitt beslut igen. Det anmälda tävlande bidraget {} står kvar tills juryn har beslutat på nytt; utser juryn en annan vinnare säger den här sidan vad som behöver göras.",
    forward_english_missing: "Vinnarens engelska text är inte färdig ännu. Den kan föras vidare när arrangören har fyllt i alla delar.",
    forward_button: "För vidare vinnaren till finalen",
    forwarded: "Vinnaren är anmäld som landets tävlande bidrag.",
    winner: "Vinnare: {}",
    direct_heading: "Anmäl ett projekt direkt",
    direct_intro: "För ett land vars nationella omgång inte finns på portalen, och för goda exempel: ange organisationen och skriv sedan projektet på samma formulär som alla bidrag. Det tävlar först när det är inskickat.",
    organisation: "Organisation bakom projektet",
    organisation_hint: "Som den ska stå i finalen, till exempel två samarbetspartner.",
    kind_legend: "Slag av bidrag",
    competing_taken: "Landet har redan sitt tävlande bidrag, så fler projekt anmäls som god praxis.",
    start: "Börja skriva projektet",
    jury_full: "Den europeiska juryn har redan åtta ledamöter, räknat med obesvarade inbjudningar.",
    jury_title: "Juryn i Europafinalen {}",
    juror_country: "Land som juryledamoten kommer från",
    jury_link: "Juryn",
    public_link: "Se Europafinalen {}",
    public_intro: "I ECPA:s europeiska final tävlar varje medlemslands utvalda projekt mot varandra. Finalen anordnas av EUCPN:s sekretariat, och projekten presenteras på engelska.",
    results_pending: "Resultatet publiceras här när den europeiska juryn har avgjort finalen.",
    awarded_heading: "Vinnare och tvåor",
    competing_heading: "Ländernas tävlande bidrag",
    good_practice_heading: "God praxis som inte tävlar",
    released: "Publicerat",
    prizes_heading: "Prispengar",
    prizes_intro: "Beloppen anges i hela euro och visas på finalens publika sida. Lämna ett fält tomt så länge beloppet inte är bestämt.",
    prize_winner: "Pris till vinnaren",
    prize_runner_up: "Pris till var och en av tvåorna",
    save_prizes: "Spara prispengarna",
    results_link: "Resultat och publicering",
    results_title: "Resultatet av Europafinalen {}",
    final_on_portal: "Årets Europafinal hålls på portalen. Vinnarens placering hämtas därifrån när finalens resultat är publicerat, så den skrivs inte in här.",
};

pub const EN: EuropeStrings = EuropeStrings {
    link: "European final",
    title: "European final {}",
    intro: "Here the EUCPN secretariat sets up the year’s European final: the presidency’s theme, the deadline for national entries, when the jury’s scoring closes and the member states taking part. Each country gets a national representative, who enters the country’s projects.",
    settings_heading: "The final",
    theme: "Theme (in English)",
    theme_hint: "The theme chosen by the presidency of the year’s second half.",
    deadline: "Deadline for national entries",
    deadline_hint: "Date and time in Swedish time.",
    judging_closes: "The jury’s scoring closes",
    judging_closes_hint: "After the deadline for entries, in Swedish time. Jurors with assessments left are reminded 3 days and 1 day before. Empty: the jury scores until the decision and no reminders are sent.",
    countries: "Member states taking part",
    countries_hint: "A country that is removed loses its representative.",
    open: "Open the final",
    save: "Save the final",
    saved: "Saved.",
    representatives_heading: "National representatives",
    representatives_intro: "The representative signs in with their own account and enters the country’s projects. They need an account on the portal already. Leave the field empty to remove the representative.",
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
    has_entries: "A country that has entered projects in the final cannot be taken out.",
    not_after_deadline: "The jury’s scoring can only close after the deadline for entries.",
    rep_link: "European final {}: the country’s entries",
    rep_title: "Entries for the European final {}",
    rep_intro: "As national representative you enter your country’s projects in the final: one competing entry, and any number of good-practice projects that do not compete. The projects are written in English.",
    rep_theme: "This year’s theme",
    rep_closed: "The final does not take entries at the moment.",
    rep_entries: "Projects entered",
    rep_none: "No project has been entered yet.",
    kind_competing: "Competing entry",
    kind_good_practice: "Good practice (not competing)",
    col_kind: "Kind",
    forward_heading: "The national round’s winner",
    forward_intro: "The winner of the national round here on the portal is forwarded in one action: its English text becomes the country’s competing entry in the final, with its facts, contacts, links and attachments, and is submitted at once.",
    forward_not_decided: "The national round has not been decided yet.",
    forward_outdated: "The competing entry {} is no longer the winner of the national round: the jury’s decision has changed. Withdraw it on the entry’s page, then forward the new winner here.",
    forward_reopened: "The national jury has reopened its decision. The competing entry {} stays entered until the jury decides again; if it names another winner, this page says what to do.",
    forward_english_missing: "The winner’s English text is not complete yet. It can be forwarded once the organiser has filled in every part.",
    forward_button: "Forward the winner to the final",
    forwarded: "The winner has been entered as the country’s competing entry.",
    winner: "Winner: {}",
    direct_heading: "Enter a project directly",
    direct_intro: "For a country whose national round is not on the portal, and for good practice: give the organisation, then write the project on the same form as every entry. It takes part once it is submitted.",
    organisation: "Organisation behind the project",
    organisation_hint: "As it is to appear in the final, for example two partners.",
    kind_legend: "Kind of entry",
    competing_taken: "The country has its competing entry already, so further projects enter as good practice.",
    start: "Start writing the project",
    jury_full: "The European jury has its eight members already, counting unanswered invitations.",
    jury_title: "The European final’s jury {}",
    juror_country: "Member state the juror comes from",
    jury_link: "The jury",
    public_link: "See the European final {}",
    public_intro: "In the European final of the ECPA the project each member state has chosen competes with the others. The EUCPN secretariat runs the final, and the projects are presented in English.",
    results_pending: "The results are published here once the European jury has decided the final.",
    awarded_heading: "Winner and runners-up",
    competing_heading: "Every country’s competing entry",
    good_practice_heading: "Good practice, not competing",
    released: "Published",
    prizes_heading: "Prize money",
    prizes_intro: "Amounts in whole euros, shown on the final’s public page. Leave a field empty while the amount is not decided.",
    prize_winner: "Winner’s prize",
    prize_runner_up: "Prize for each runner-up",
    save_prizes: "Save the prize money",
    results_link: "Results and release",
    results_title: "Results of the European final {}",
    final_on_portal: "This year’s European final is held on the portal. The winner’s placing comes from there once the final’s results are published, so it is not typed in here.",
};

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn euros_are_grouped_as_each_language_writes_them() {
        assert_eq!(Lang::Sv.euros(20_000), "20\u{a0}000\u{a0}euro");
        assert_eq!(Lang::En.euros(20_000), "€20,000");
        assert_eq!(Lang::En.euros(1_500_000), "€1,500,000");
        assert_eq!(Lang::Sv.euros(950), "950\u{a0}euro");
        assert_eq!(Lang::En.euros(0), "€0");
    }
}
