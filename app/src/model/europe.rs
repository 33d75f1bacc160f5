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
}
