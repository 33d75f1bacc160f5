//! The EU member states that take part in the ECPA, by ISO 3166-1 alpha-2 code, with their names
//! in Swedish and English.
use crate::i18n::Lang;

/// (code, Swedish, English), in the order of the codes.
pub const COUNTRIES: [(&str, &str, &str); 27] = [
    ("AT", "Österrike", "Austria"),
    ("BE", "Belgien", "Belgium"),
    ("BG", "Bulgarien", "Bulgaria"),
    ("CY", "Cypern", "Cyprus"),
    ("CZ", "Tjeckien", "Czechia"),
    ("DE", "Tyskland", "Germany"),
    ("DK", "Danmark", "Denmark"),
    ("EE", "Estland", "Estonia"),
    ("ES", "Spanien", "Spain"),
    ("FI", "Finland", "Finland"),
    ("FR", "Frankrike", "France"),
    ("GR", "Grekland", "Greece"),
    ("HR", "Kroatien", "Croatia"),
    ("HU", "Ungern", "Hungary"),
    ("IE", "Irland", "Ireland"),
    ("IT", "Italien", "Italy"),
    ("LT", "Litauen", "Lithuania"),
    ("LU", "Luxemburg", "Luxembourg"),
    ("LV", "Lettland", "Latvia"),
    ("MT", "Malta", "Malta"),
    ("NL", "Nederländerna", "the Netherlands"),
    ("PL", "Polen", "Poland"),
    ("PT", "Portugal", "Portugal"),
    ("RO", "Rumänien", "Romania"),
    ("SE", "Sverige", "Sweden"),
    ("SI", "Slovenien", "Slovenia"),
    ("SK", "Slovakien", "Slovakia"),
];

/// A member state's name in `lang`; an unknown code is shown as it is.
pub fn country_name(code: &str, lang: Lang) -> &str {
    COUNTRIES
        .iter()
        .find(|c| c.0.eq_ignore_ascii_case(code))
        .map_or(code, |c| lang.pick(c.1, c.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sorted_and_unknown_ones_show_as_given() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(country_name("se", Lang::En), "Sweden");
        assert_eq!(country_name("NL", Lang::Sv), "Nederländerna");
        assert_eq!(country_name("XX", Lang::En), "XX");
    }
}
