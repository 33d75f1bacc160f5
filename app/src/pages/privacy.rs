//! The privacy notice: what the portal keeps about people, why, for how long (the retention
//! rules in force, as configured), and who to ask. A document: no island.
use leptos::prelude::*;

use crate::api::accounts::get_retention;
use crate::components::{current_lang, data::load, page_meta::NarrowPage};
use crate::i18n::{Lang, entries::fill};
use crate::model::{RetentionRules, UNSAVED_DAYS};

#[component]
pub fn PrivacyPage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    view! {
        <NarrowPage title=lang.t().privacy_title description=lang.t().privacy_note>
            {load(|| (), |_| get_retention(), move |rules: RetentionRules| {
                view! { <PrivacyNotice rules lang/> }
            })}
        </NarrowPage>
    }
}

/// The notice's text, with the retention rules in force.
#[component]
fn PrivacyNotice(rules: RetentionRules, lang: Lang) -> impl IntoView {
    let t = lang.privacy();
    let months = rules.draft_months.to_string();
    let days = rules.mail_days.to_string();
    let people = match rules.people_years.map(|y| y.to_string()) {
        Some(years) => view! {
            <li>{fill(t.people, &[&years, &years])}</li>
            <li>{t.account_stays}</li>
        }
        .into_any(),
        None => view! { <li>{t.archive}</li> }.into_any(),
    };
    view! {
        <p>{t.intro}</p>
        <h2>{t.keep_heading}</h2>
        <ul>{t.keep.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}</ul>
        <h2>{t.how_long_heading}</h2>
        <ul>
            <li>{fill(t.drafts, &[&months])}</li>
            <li>{fill(t.mails, &[&days])}</li>
            <li>{fill(t.unsaved, &[&UNSAVED_DAYS.to_string()])}</li>
            <li>{t.counters}</li>
            <li>{t.records}</li>
            {people}
        </ul>
        <p>{t.cleanup}</p>
        <h2>{t.rights_heading}</h2>
        <p>{t.rights}</p>
    }
}
