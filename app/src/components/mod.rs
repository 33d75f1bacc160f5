//! Small reusable views.
pub mod autosave;
pub mod charts;
pub mod countdown;
pub mod data;
pub mod entry_document;
pub mod entry_fields;
pub mod form;
pub mod layout;
pub mod lists;
pub mod localized;
pub mod page_meta;
pub mod publishing_fields;
pub mod status;

use leptos::prelude::{GetUntracked, Read};
use leptos_router::hooks::use_location;

use crate::i18n::Lang;

/// A whole number from the page's address (`year` of `/competitions/:year`): `None` when it is
/// missing or not a number, which the pages answer with "not found" or a new item.
pub fn number_param(
    name: &'static str,
) -> impl Fn() -> Option<i32> + Clone + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).and_then(|v| v.parse().ok())
}

/// The round a page is about, from its address: its year, and whether it is the European
/// final's (`/europe/2027/jury`, `/admin/europe/2027/jury`), another country's round hosted
/// here (`/rounds/nl/2027/jury`, `/admin/rounds/nl/2027`) or the home country's.
pub fn round_param() -> impl Fn() -> crate::model::RoundRef + Copy + Send + Sync + 'static {
    let year = number_param("year");
    let path = use_location().pathname.get_untracked();
    let parts: Vec<&str> = path.split('/').collect();
    let europe = parts.contains(&"europe");
    let country = parts
        .iter()
        .position(|p| *p == "rounds")
        .and_then(|i| parts.get(i + 1))
        .and_then(|code| crate::model::Country::parse(code));
    move || crate::model::RoundRef {
        year: year().unwrap_or(0),
        europe: europe && country.is_none(),
        country,
    }
}

/// The language of the current page, from its URL.
pub fn current_lang() -> Lang {
    Lang::from_path(&use_location().pathname.get_untracked())
}
