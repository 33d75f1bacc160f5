//! The EUCPN secretariat's page of a year's European final: the theme, the deadline for
//! national entries and the member states taking part, then each country's representative.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::europe::{SaveFinal, SavePrizes, SaveRepresentative, get_final, get_finals};
use crate::api::rounds::{HostRound, RemoveRoundOrganiser};
use crate::components::{
    current_lang,
    data::load,
    entry_fields::{CheckField, LineField},
    form::{FormError, either_error, form_done, form_error, url_error},
    number_param,
    page_meta::WidePage,
};
use crate::i18n::{Lang, entries::fill};
use crate::model::{FinalCountryRow, FinalView, FinalsView, HostedRoundRow, country_name};

/// The finals opened so far, and this year's and next year's to open.
#[component]
pub fn FinalsAdminPage() -> impl IntoView {
    let lang = current_lang();
    let eu = lang.eu();
    view! {
        <WidePage title=eu.link description=eu.intro intro=eu.intro lead=true
            back=(lang.href("/account"), lang.t().account_title)>
            {load(
                || (),
                |_| get_finals(),
                move |v: FinalsView| {
                    let opened: Vec<i32> = v.years.iter().map(|(y, _)| *y).collect();
                    let to_open: Vec<i32> = [v.this_year, v.this_year + 1]
                        .into_iter()
                        .filter(|y| !opened.contains(y))
                        .collect();
                    view! {
                        <ul class="finals">
                            {v.years.into_iter().map(|(y, theme)| view! {
                                <li><a href=lang.href(&format!("/admin/europe/{y}"))>{fill(eu.title, &[&y.to_string()])}</a>" – "<span lang="en">{theme}</span></li>
                            }).collect_view()}
                            {to_open.into_iter().map(|y| view! {
                                <li><a href=lang.href(&format!("/admin/europe/{y}"))>{fill(eu.title, &[&y.to_string()])}</a>" – "{eu.not_opened}</li>
                            }).collect_view()}
                        </ul>
                    }
                },
            )}
        </WidePage>
    }
}

#[component]
pub fn FinalAdminPage() -> impl IntoView {
    let lang = current_lang();
    let eu = lang.eu();
    let year = number_param("year");
    let actions = FinalActions {
        save: ServerAction::<SaveFinal>::new(),
        representative: ServerAction::<SaveRepresentative>::new(),
        prizes: ServerAction::<SavePrizes>::new(),
        host: ServerAction::<HostRound>::new(),
        remove: ServerAction::<RemoveRoundOrganiser>::new(),
    };
    let y = year().unwrap_or(0);
    view! {
        <WidePage title=fill(eu.title, &[&y.to_string()]) description=eu.intro intro=eu.intro
            back=(lang.href("/admin/europe"), eu.link)>
            {load(
                move || {
                    (
                        year().unwrap_or(0),
                        actions.save.version().get()
                            + actions.representative.version().get()
                            + actions.prizes.version().get()
                            + actions.host.version().get()
                            + actions.remove.version().get(),
                    )
                },
                |(y, _)| get_final(y),
                move |v: FinalView| view! { <Final v lang actions/> },
            )}
        </WidePage>
    }
}

#[derive(Clone, Copy)]
struct FinalActions {
    save: ServerAction<SaveFinal>,
    representative: ServerAction<SaveRepresentative>,
    prizes: ServerAction<SavePrizes>,
    host: ServerAction<HostRound>,
    remove: ServerAction<RemoveRoundOrganiser>,
}

#[component]
fn Final(v: FinalView, lang: Lang, actions: FinalActions) -> impl IntoView {
    let eu = lang.eu();
    let error = either_error(form_error(actions.save), url_error("save_final"));
    let taking_part: Vec<FinalCountryRow> = v
        .countries
        .iter()
        .filter(|c| c.taking_part)
        .cloned()
        .collect();
    let (before, after) = (v.year - 1, v.year + 1);
    view! {
        <nav class="year-steps" aria-label=eu.other_year>
            <a href=lang.href(&format!("/admin/europe/{before}"))>{eu.link}" "{before}</a>
            " · "
            <a href=lang.href(&format!("/admin/europe/{after}"))>{eu.link}" "{after}</a>
        </nav>
        {v.opened.then(|| {
            let y = v.year;
            view! {
                <p>
                    <a href=lang.href(&format!("/admin/europe/{y}/jury"))>{eu.jury_link}</a>
                    " · "<a href=lang.href(&format!("/admin/europe/{y}/messages"))>{lang.messages().link}</a>
                    " · "<a href=lang.href(&format!("/admin/europe/{y}/results"))>{eu.results_link}</a>
                    " · "<a href=lang.href(&format!("/europe/{y}"))>{fill(eu.public_link, &[&y.to_string()])}</a>
                </p>
            }
        })}
        <section aria-labelledby="final-settings-heading">
            <h2 id="final-settings-heading">{eu.settings_heading}</h2>
            <ActionForm action=actions.save>
                <FormError error lang/>
                <p role="status">{move || form_done(actions.save).get().then_some(eu.saved)}</p>
                <input type="hidden" name="year" value=v.year.to_string()/>
                <LineField name="theme".to_string() key="theme".to_string() label=eu.theme.to_string() value=v.theme.clone() lang error hint=eu.theme_hint required=true text_lang=Some("en")/>
                <LineField name="deadline".to_string() key="deadline".to_string() label=eu.deadline.to_string() value=v.deadline.clone() lang error kind="datetime-local" hint=eu.deadline_hint required=true/>
                <LineField name="judging_closes".to_string() key="judging_closes".to_string() label=eu.judging_closes.to_string() value=v.judging_closes.clone() lang error kind="datetime-local" hint=eu.judging_closes_hint/>
                <CheckField name="anonymous".to_string() id="final-anonymous".to_string() label=lang.e().field_anonymous checked=v.anonymous hint=lang.e().hint_anonymous/>
                <fieldset class="countries" aria-describedby="final-countries-hint">
                    <legend>{eu.countries}</legend>
                    <p class="hint" id="final-countries-hint">{eu.countries_hint}</p>
                    {v.countries.iter().enumerate().map(|(i, c)| {
                        let id = format!("final-country-{}", c.country);
                        view! {
                            <div class="check">
                                <input type="checkbox" id=id.clone() name=format!("countries[{i}]") value=c.country.clone() checked=c.taking_part/>
                                <label for=id>{country_name(&c.country, lang).to_string()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button">{if v.opened { eu.save } else { eu.open }}</button>
            </ActionForm>
        </section>
        <Representatives year=v.year countries=taking_part lang action=actions.representative/>
        {v.opened.then(|| view! {
            <Prizes year=v.year winner=v.prize_winner.clone() runner_up=v.prize_runner_up.clone() lang action=actions.prizes/>
        })}
        {(!v.hosted.is_empty()).then(|| view! {
            <HostedRounds year=v.year rounds=v.hosted.clone() lang action=actions.host remove=actions.remove/>
        })}
    }
}

/// The member states' national rounds: hosted here or not, by whom (each organiser with a
/// button to take them off), and a form to add an organiser (which hosts the round the first
/// time).
#[component]
fn HostedRounds(
    year: i32,
    rounds: Vec<HostedRoundRow>,
    lang: Lang,
    action: ServerAction<HostRound>,
    remove: ServerAction<RemoveRoundOrganiser>,
) -> impl IntoView {
    let r = lang.rounds();
    let error = either_error(form_error(action), url_error("host_round"));
    let remove_error = either_error(form_error(remove), url_error("remove_round_organiser"));
    view! {
        <section aria-labelledby="final-rounds-heading">
            <h2 id="final-rounds-heading">{r.hosting_heading}</h2>
            <p>{r.hosting_intro}</p>
            <p role="status">{move || form_done(action).get().then_some(r.organiser_added)}</p>
            <p role="status">{move || form_done(remove).get().then_some(r.organiser_removed)}</p>
            <FormError error=remove_error lang/>
            <ul class="representatives">
                {rounds.into_iter().map(|h| {
                    let name = country_name(h.country.code(), lang).to_string();
                    let names: Vec<String> = h.organisers.iter().map(|(_, n)| n.clone()).collect();
                    let status = if h.hosted {
                        fill(r.organisers, &[&names.join(", ")])
                    } else {
                        r.not_hosted.to_string()
                    };
                    let code = h.country.code();
                    view! {
                        <li>
                            <h3>{fill(r.title, &[&name, &year.to_string()])}</h3>
                            <p>{status}</p>
                            {h.organisers.into_iter().map(|(id, person)| view! {
                                <ActionForm action=remove attr:class="inline-form">
                                    <input type="hidden" name="year" value=year.to_string()/>
                                    <input type="hidden" name="country" value=code/>
                                    <input type="hidden" name="user_id" value=id.to_string()/>
                                    <button type="submit" class="link-button">{r.remove_organiser}" "{person}</button>
                                </ActionForm>
                            }).collect_view()}
                            <ActionForm action>
                                <input type="hidden" name="year" value=year.to_string()/>
                                <input type="hidden" name="country" value=code/>
                                <LineField name="email".to_string() key=format!("organiser.{code}") label=fill(r.organiser_email, &[&name]) value=String::new() lang error kind="email" autocomplete="off" hint=r.organiser_hint/>
                                <button type="submit" class="button secondary">{r.add_organiser}<span class="visually-hidden">" "{name.clone()}</span></button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The final's prize money, in whole euros.
#[component]
fn Prizes(
    year: i32,
    winner: String,
    runner_up: String,
    lang: Lang,
    action: ServerAction<SavePrizes>,
) -> impl IntoView {
    let eu = lang.eu();
    let error = either_error(form_error(action), url_error("save_prizes"));
    view! {
        <section aria-labelledby="final-prizes-heading">
            <h2 id="final-prizes-heading">{eu.prizes_heading}</h2>
            <p>{eu.prizes_intro}</p>
            <ActionForm action>
                <FormError error lang/>
                <p role="status">{move || form_done(action).get().then_some(eu.saved)}</p>
                <input type="hidden" name="year" value=year.to_string()/>
                <LineField name="prize_winner".to_string() key="prize_winner".to_string() label=eu.prize_winner.to_string() value=winner lang error/>
                <LineField name="prize_runner_up".to_string() key="prize_runner_up".to_string() label=eu.prize_runner_up.to_string() value=runner_up lang error/>
                <button type="submit" class="button">{eu.save_prizes}</button>
            </ActionForm>
        </section>
    }
}

/// Each country taking part, its representative, and a form to name another.
#[component]
fn Representatives(
    year: i32,
    countries: Vec<FinalCountryRow>,
    lang: Lang,
    action: ServerAction<SaveRepresentative>,
) -> impl IntoView {
    let eu = lang.eu();
    let error = either_error(form_error(action), url_error("save_representative"));
    view! {
        <section aria-labelledby="final-representatives-heading">
            <h2 id="final-representatives-heading">{eu.representatives_heading}</h2>
            <p>{eu.representatives_intro}</p>
            <p role="status">{move || form_done(action).get().then_some(eu.saved)}</p>
            {if countries.is_empty() {
                view! { <p>{eu.none_taking_part}</p> }.into_any()
            } else {
                view! {
                    <ul class="representatives">
                        {countries.into_iter().map(|c| {
                            let name = country_name(&c.country, lang).to_string();
                            let current = c.representative.as_ref().map_or_else(
                                || eu.not_named.to_string(),
                                |(n, e)| format!("{n} ({e})"),
                            );
                            let email = c.representative.map(|(_, e)| e).unwrap_or_default();
                            view! {
                                <li>
                                    <h3>{name.clone()}</h3>
                                    <p>{eu.representative}": "{current}</p>
                                    <ActionForm action>
                                        <input type="hidden" name="year" value=year.to_string()/>
                                        <input type="hidden" name="country" value=c.country.clone()/>
                                        <LineField name="email".to_string() key=format!("email.{}", c.country) label=fill(eu.representative_email, &[&name]) value=email lang error kind="email" autocomplete="off" hint=eu.representative_hint/>
                                        <button type="submit" class="button secondary">{eu.save_representative}<span class="visually-hidden">" "{name.clone()}</span></button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
