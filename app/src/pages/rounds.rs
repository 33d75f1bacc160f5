//! A national round of another country hosted on the portal, as its organisers see it: the
//! theme, the dates, the organisers, and the way to its entries, jury and results.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::rounds::{SaveRoundDates, get_hosted_round};
use crate::components::{
    current_lang,
    data::load,
    entry_fields::{CheckField, LineField},
    form::{FormError, either_error, form_done, form_error, url_error},
    page_meta::WidePage,
    round_param,
};
use crate::i18n::{Lang, entries::fill};
use crate::model::{HostedRoundView, RoundRef, country_name};

/// A hosted round's page, for its organisers: the theme, the dates, the organisers, and the way
/// to its entries, jury and results (`/admin/rounds/<country>/<year>`).
#[component]
pub fn HostedRoundPage() -> impl IntoView {
    let lang = current_lang();
    let round = round_param();
    let rr = round();
    let save = ServerAction::<SaveRoundDates>::new();
    let title = rr.country.map_or_else(String::new, |c| {
        fill(
            lang.rounds().title,
            &[country_name(c.code(), lang), &rr.year.to_string()],
        )
    });
    view! {
        <WidePage title description=lang.rounds().intro intro=lang.rounds().intro
            back=(lang.href("/account"), lang.t().account_title)>
            {load(
                move || (round(), save.version().get()),
                |(r, _)| get_hosted_round(r.year, r.country_arg().unwrap_or_default()),
                move |v: HostedRoundView| view! { <HostedRound v r=rr lang save/> },
            )}
        </WidePage>
    }
}

#[component]
fn HostedRound(
    v: HostedRoundView,
    r: RoundRef,
    lang: Lang,
    save: ServerAction<SaveRoundDates>,
) -> impl IntoView {
    let t = lang.rounds();
    let error = either_error(form_error(save), url_error("save_round_dates"));
    let d = v.dates.clone();
    let date = move |name: &'static str, label: &'static str, value: String| {
        view! {
            <LineField name=format!("dates[{name}]") key=name.to_string() label=label.to_string() value lang error kind="datetime-local"/>
        }
    };
    view! {
        <p>
            <a href=lang.href(&r.admin_path("/entries"))>{t.entries_link}</a>
            " · "<a href=lang.href(&r.jury_admin_path())>{t.jury_link}</a>
            " · "<a href=lang.href(&r.admin_path("/results"))>{t.results_link}</a>
            " · "<a href=lang.href(&r.admin_path("/messages"))>{lang.messages().link}</a>
        </p>
        <dl class="facts">
            <dt>{t.theme}</dt><dd lang="en">{v.theme.clone()}</dd>
            <dt>{t.phase}</dt><dd>{v.phase.label(lang)}</dd>
        </dl>
        <p>{fill(t.submitted, &[&v.submitted.to_string()])}</p>
        <section aria-labelledby="round-dates-heading">
            <h2 id="round-dates-heading">{t.dates_heading}</h2>
            <p>{t.dates_intro}</p>
            <ActionForm action=save>
                <FormError error lang/>
                <p role="status">{move || form_done(save).get().then_some(t.dates_saved)}</p>
                <input type="hidden" name="year" value=v.year.to_string()/>
                <input type="hidden" name="country" value=v.country.code()/>
                {date("opens", t.opens, d.opens)}
                {date("closes", t.closes, d.closes)}
                {date("judging", t.judging, d.judging)}
                {date("deliberation", t.deliberation, d.deliberation)}
                <CheckField name="dates[anonymous]".to_string() id="round-anonymous".to_string() label=lang.e().field_anonymous checked=d.anonymous hint=lang.e().hint_anonymous/>
                <button type="submit" class="button">{t.save_dates}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="round-organisers-heading">
            <h2 id="round-organisers-heading">{t.organisers_heading}</h2>
            <ul>
                {v.organisers.into_iter().map(|(name, email)| view! { <li>{name}" ("{email}")"</li> }).collect_view()}
            </ul>
        </section>
    }
}
