//! Small reusable views.
pub mod autosave;
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

use leptos::prelude::GetUntracked;
use leptos_router::hooks::use_location;

use crate::i18n::Lang;

/// The language of the current page, from its URL.
pub fn current_lang() -> Lang {
    Lang::from_path(&use_location().pathname.get_untracked())
}
