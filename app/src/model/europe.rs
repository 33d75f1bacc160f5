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
    /// When the jury's scoring closes, as a `datetime-local` value, or empty while not set.
    pub judging_closes: String,
    /// The final's jurors review anonymously (`backend::anonymity`).
    pub anonymous: bool,
    /// Every member state, in the order of their codes.
    pub countries: Vec<FinalCountryRow>,
    /// The winner's and each runner-up's prize money in whole euros, as form values (empty
    /// while not announced).
    pub prize_winner: String,
    pub prize_runner_up: String,
    /// Each member state taking part whose national round may be hosted here (all but the
    /// portal's home country), by code.
    pub hosted: Vec<HostedRoundRow>,
}

/// A member state's national round as the secretariat sees it: hosted on the portal or not,
/// and by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostedRoundRow {
    pub country: Country,
    pub hosted: bool,
    /// The organisers: account id and name.
    pub organisers: Vec<(i32, String)>,
}

/// A hosted round's dates as `datetime-local` values (the portal's time, Stockholm's), each
/// empty while not set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDates {
    pub opens: String,
    pub closes: String,
    pub judging: String,
    pub deliberation: String,
    /// The round's jurors review anonymously (`backend::anonymity`).
    #[serde(default)]
    pub anonymous: bool,
}

/// The organiser's page of another country's national round hosted here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostedRoundView {
    pub year: i32,
    pub country: Country,
    /// The theme, in English: the final's of the year.
    pub theme: String,
    pub phase: super::Phase,
    pub dates: RoundDates,
    /// The organisers' names and addresses.
    pub organisers: Vec<(String, String)>,
    /// Entries submitted so far.
    pub submitted: u64,
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
    /// The reference of the country's competing entry where it was forwarded from a national
    /// entry that the decided round no longer names as its winner (the decision was taken back
    /// and taken again).
    pub outdated_forward: Option<String>,
    /// The reference of the country's competing entry where it was forwarded from the national
    /// round and that round's decision is taken back, not yet taken again.
    pub reopened_forward: Option<String>,
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

/// A member state as a round names it: one of `countries::COUNTRIES`, so that an address or a
/// form can name no other. Sent as its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Country(&'static str);

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Country::try_from(code).map_err(serde::de::Error::custom)
    }
}

impl Country {
    /// The member state with this code, in any case; `None` for any other text.
    pub fn parse(code: &str) -> Option<Country> {
        super::countries::COUNTRIES
            .iter()
            .find(|c| c.0.eq_ignore_ascii_case(code.trim()))
            .map(|c| Country(c.0))
    }

    /// The code in capitals, as stored (`NL`).
    pub fn code(self) -> &'static str {
        self.0
    }

    /// The code as addresses write it (`nl`).
    pub fn slug(self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl TryFrom<String> for Country {
    type Error = String;
    fn try_from(code: String) -> Result<Self, String> {
        Country::parse(&code).ok_or_else(|| format!("not a member state: {code}"))
    }
}

impl From<Country> for String {
    fn from(c: Country) -> String {
        c.0.to_string()
    }
}

/// Which round of a year a page or call is about: the home country's national round, the
/// national round of another country hosted on the portal, or the European final.
/// - The final's jury pages live under `/europe/<year>/jury` and `/admin/europe/<year>/jury`,
///   and its server functions take `europe=true` beside the year.
/// - Another country's round lives under `/rounds/<country>/<year>/jury` and
///   `/admin/rounds/<country>/<year>`, and its server functions take `country=NL`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRef {
    pub year: i32,
    pub europe: bool,
    /// Another country's national round; `None` for the home round and the final.
    pub country: Option<Country>,
}

impl From<i32> for RoundRef {
    /// A bare year is the home country's national round, as it always was.
    fn from(year: i32) -> Self {
        RoundRef {
            year,
            europe: false,
            country: None,
        }
    }
}

impl RoundRef {
    /// The round the arguments of a server function name: `country` wins over `europe`. An
    /// unknown country names no round ("not found").
    pub fn new(year: i32, europe: Option<bool>, country: Option<String>) -> Option<RoundRef> {
        let country = match country.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => Some(Country::parse(code)?),
        };
        Some(RoundRef {
            year,
            europe: country.is_none() && europe.unwrap_or(false),
            country,
        })
    }

    pub fn final_of(year: i32) -> RoundRef {
        RoundRef {
            year,
            europe: true,
            country: None,
        }
    }

    /// Another country's national round of `year`.
    pub fn national(year: i32, country: Country) -> RoundRef {
        RoundRef {
            year,
            europe: false,
            country: Some(country),
        }
    }

    /// The `europe` argument of the round's server functions: absent but for the final.
    pub fn europe_arg(self) -> Option<bool> {
        self.europe.then_some(true)
    }

    /// The `country` argument of the round's server functions: absent but for another
    /// country's round.
    pub fn country_arg(self) -> Option<String> {
        self.country.map(|c| c.code().to_string())
    }

    /// The round's part of an address: `/europe/2027`, `/rounds/nl/2027`; `None` for the home
    /// round, whose pages have addresses of their own.
    fn base(self) -> Option<String> {
        match (self.europe, self.country) {
            (true, _) => Some(format!("/europe/{}", self.year)),
            (false, Some(c)) => Some(format!("/rounds/{}/{}", c.slug(), self.year)),
            (false, None) => None,
        }
    }

    /// A page of the round's jury: `/jury/2027/ranking`, `/europe/2027/jury/ranking` or
    /// `/rounds/nl/2027/jury/ranking`.
    pub fn jury_path(self, rest: &str) -> String {
        match self.base() {
            Some(base) => format!("{base}/jury{rest}"),
            None => format!("/jury/{}{rest}", self.year),
        }
    }

    /// The organiser's page of the round: `/admin/competitions/2027`, `/admin/europe/2027` or
    /// `/admin/rounds/nl/2027`; `rest` goes after it.
    pub fn admin_path(self, rest: &str) -> String {
        match self.base() {
            Some(base) => format!("/admin{base}{rest}"),
            None => format!("/admin/competitions/{}{rest}", self.year),
        }
    }

    /// The organiser's jury page: `/admin/competitions/2027/jury`, `/admin/europe/2027/jury`.
    pub fn jury_admin_path(self) -> String {
        self.admin_path("/jury")
    }
}

#[cfg(test)]
mod tests {
    use super::{Country, RoundRef};

    #[test]
    fn a_rounds_jury_pages_are_addressed_by_its_kind() {
        let home = RoundRef::from(2027);
        let europe = RoundRef::final_of(2027);
        let nl = RoundRef::national(2027, Country::parse("nl").unwrap());
        assert_eq!(home.jury_path("/ranking"), "/jury/2027/ranking");
        assert_eq!(europe.jury_path(""), "/europe/2027/jury");
        assert_eq!(nl.jury_path("/progress"), "/rounds/nl/2027/jury/progress");
        assert_eq!(home.jury_admin_path(), "/admin/competitions/2027/jury");
        assert_eq!(europe.jury_admin_path(), "/admin/europe/2027/jury");
        assert_eq!(nl.admin_path("/results"), "/admin/rounds/nl/2027/results");
        assert_eq!(RoundRef::new(2027, None, None), Some(home));
        assert_eq!(RoundRef::new(2027, Some(true), None), Some(europe));
        assert_eq!(RoundRef::new(2027, None, Some(" NL ".into())), Some(nl));
        assert_eq!(RoundRef::new(2027, Some(true), Some("nl".into())), Some(nl));
        assert_eq!(RoundRef::new(2027, None, Some("XX".into())), None);
        assert_eq!(RoundRef::new(2027, None, Some(String::new())), Some(home));
        assert_eq!(nl.country_arg().as_deref(), Some("NL"));
    }

    #[test]
    fn a_country_travels_as_its_code_and_only_a_member_state_is_one() {
        let nl = Country::parse("NL").unwrap();
        assert_eq!(serde_json::to_string(&nl).unwrap(), "\"NL\"");
        assert_eq!(
            serde_json::from_str::<Country>("\"se\"").unwrap().code(),
            "SE"
        );
        assert!(serde_json::from_str::<Country>("\"XX\"").is_err());
    }
}
