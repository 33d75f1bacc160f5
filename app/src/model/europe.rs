//! The European final as the browser and the server share it: the secretariat's settings of a
//! year's final, and the member states taking part with their national representatives.
use serde::{Deserialize, Serialize};

/// A member state in the secretariat's view of a final.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalCountryRow {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub taking_part: bool,
    /// The representative's name and address, once named.
    pub representative: Option<(String, String)>,
}

/// The secretariat's list of finals: the years opened, newest first, and the year it is now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalsView {
    pub this_year: i32,
    pub years: Vec<(i32, String)>,
}

/// The secretariat's page of a year's final; `opened` is false until it is first saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalView {
    pub year: i32,
    pub opened: bool,
    /// The presidency's theme, in English.
    pub theme: String,
    /// The deadline for national entries as a `datetime-local` value (Stockholm), or empty.
    pub deadline: String,
    /// Every member state, in the order of their codes.
    pub countries: Vec<FinalCountryRow>,
    /// The winner's and each runner-up's prize money in whole euros, as form values (empty
    /// while not announced).
    pub prize_winner: String,
    pub prize_runner_up: String,
}

/// One project on the European final's public page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalPublicEntry {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The title, organisation, summary and motivation are the entry's own, in English.
    pub title: String,
    pub organisation: String,
    /// The public summary; empty without the applicants' consent.
    pub summary: String,
    /// The country's competing entry, or good practice that does not compete.
    pub competing: bool,
    /// Its place among the awarded: 1 the winner, then the runners-up.
    pub place: Option<i32>,
    /// The jury's motivation (the winner's), as sanitised HTML.
    pub motivation: Option<String>,
}

/// The public page of a year's European final. Before the results are public it shows the
/// theme, the member states taking part and the prizes; afterwards every project as well.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EuropeanResultsView {
    pub year: i32,
    /// The presidency's theme, in English.
    pub theme: String,
    pub deadline: Option<super::When>,
    /// The member states taking part, by code.
    pub countries: Vec<String>,
    /// Prize money in whole euros.
    pub prize_winner: Option<i32>,
    pub prize_runner_up: Option<i32>,
    /// When the results became public; none before.
    pub released: Option<super::When>,
    /// The winner and the runners-up by place, then the other competing entries, then good
    /// practice, each by country. Empty before the results are public.
    pub entries: Vec<FinalPublicEntry>,
}

/// One of a country's projects in the final, as its representative lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalEntryRow {
    pub id: i32,
    pub reference: String,
    pub title: String,
    pub organisation: String,
    /// The country's competing entry, or good practice that does not compete.
    pub competing: bool,
    pub status: super::EntryStatus,
}

/// The national winner the home country's representative may forward to the final.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WinnerToForward {
    /// The winner's title in English, or in Swedish while the English is missing.
    pub title: String,
    pub english_complete: bool,
}

/// A member state its representative enters projects for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepresentedCountry {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub entries: Vec<FinalEntryRow>,
    /// A submitted competing entry is in: further projects enter as good practice.
    pub competing_entered: bool,
    /// The portal's own national round of the year, when this is its country: `None` before
    /// its decision; its winner once decided.
    pub home_round: Option<Option<WinnerToForward>>,
}

/// The national representative's page of a year's final.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepresentedView {
    pub year: i32,
    pub theme: String,
    pub deadline: Option<super::When>,
    /// Entries can be entered and changed now.
    pub open: bool,
    pub countries: Vec<RepresentedCountry>,
}

/// Which round of a year a jury page or call is about: the home country's national round, or
/// the European final. The final's jury pages live under `/europe/<year>/jury` and
/// `/admin/europe/<year>/jury`; server functions take `europe=true` beside the year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRef {
    pub year: i32,
    pub europe: bool,
}

impl From<i32> for RoundRef {
    /// A bare year is the home country's national round, as it always was.
    fn from(year: i32) -> Self {
        RoundRef {
            year,
            europe: false,
        }
    }
}

impl RoundRef {
    pub fn new(year: i32, europe: Option<bool>) -> RoundRef {
        RoundRef {
            year,
            europe: europe.unwrap_or(false),
        }
    }

    pub fn final_of(year: i32) -> RoundRef {
        RoundRef { year, europe: true }
    }

    /// A page of the round's jury: `/jury/2027/ranking` or `/europe/2027/jury/ranking`.
    pub fn jury_path(self, rest: &str) -> String {
        if self.europe {
            format!("/europe/{}/jury{rest}", self.year)
        } else {
            format!("/jury/{}{rest}", self.year)
        }
    }

    /// The organiser's jury page: `/admin/competitions/2027/jury` or `/admin/europe/2027/jury`.
    pub fn jury_admin_path(self) -> String {
        if self.europe {
            format!("/admin/europe/{}/jury", self.year)
        } else {
            format!("/admin/competitions/{}/jury", self.year)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RoundRef;

    #[test]
    fn a_rounds_jury_pages_are_addressed_by_its_kind() {
        let home = RoundRef::from(2027);
        let europe = RoundRef::final_of(2027);
        assert_eq!(home.jury_path("/ranking"), "/jury/2027/ranking");
        assert_eq!(europe.jury_path(""), "/europe/2027/jury");
        assert_eq!(home.jury_admin_path(), "/admin/competitions/2027/jury");
        assert_eq!(europe.jury_admin_path(), "/admin/europe/2027/jury");
        assert_eq!(RoundRef::new(2027, None), home);
        assert_eq!(RoundRef::new(2027, Some(true)), europe);
    }
}
