//! Text of the reader's that a save refused, kept for them: the entry as they sent it, why it
//! was not saved, and a button to discard it once they have copied what they need. A
//! document: no island.
use leptos::prelude::*;

use crate::api::entries::{DiscardUnsavedEntry, get_unsaved_entry};
use crate::components::{
    current_lang, data::load_page, entry_document::EntryDocument, form::DiscardForm,
    page_meta::PageMeta,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{UNSAVED_DAYS, UnsavedView};

use super::*;

#[component]
pub fn EntryUnsavedPage() -> impl IntoView {
    let lang = current_lang();
    let id = entry_id();
    load_page(
        id,
        |id| async move {
            match id {
                Some(id) => get_unsaved_entry(id).await,
                None => Err(AppError::NotFound),
            }
        },
        move |v: UnsavedView| view! { <UnsavedText v lang/> },
    )
}

#[component]
fn UnsavedText(v: UnsavedView, lang: Lang) -> impl IntoView {
    let e = lang.e();
    let discard = ServerAction::<DiscardUnsavedEntry>::new();
    let sent = lang.date_time(&v.at.date, &v.at.time);
    let reason = e.unsaved_reasons[v.reason.index()];
    let id = v.id;
    view! {
        <PageMeta title=format!("{} – {}", e.unsaved_title, v.reference) description=e.unsaved_title/>
        <div class="wrap narrow">
            <p class="eyebrow"><a href=lang.href(&format!("/entries/{id}"))>{e.back_to_edit}</a></p>
            <h1>{e.unsaved_title}</h1>
            <p>{fill(e.unsaved_intro, &[&sent, &UNSAVED_DAYS.to_string()])}</p>
            <p class="notice">{reason}</p>
            <DiscardForm action=discard label=e.unsaved_discard lang>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="lang" value=lang.code()/>
            </DiscardForm>
            <EntryDocument draft=v.draft limits=Default::default() lang/>
        </div>
    }
}
