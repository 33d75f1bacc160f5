//! The organiser's results page: a year's release, award texts and photos, and the European
//! placing.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::publication::{
    AddEuropean, PublishResults, RemoveAwardPhoto, RemoveEuropean, SaveAward, UnscheduleResults,
    get_results_admin,
};
use crate::components::form::{form_done, form_error, upload_message};
use crate::components::{
    current_lang,
    data::load,
    entry_fields::{LineField, SectionField},
    form::{FormError, RoundFields, either_error, url_error},
    page_meta::WidePage,
    round_param,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{
    AwardAdminRow, AwardKind, EuropeanRow, Release, ResultsAdminView, RoundRef, When, country_name,
};

fn at(lang: Lang, w: &When) -> String {
    lang.date_time(&w.date, &w.time)
}

/// The round's results page: the home country's (`/admin/competitions/<year>/results`), the
/// European final's (`/admin/europe/<year>/results`), which is the secretariat's, or another
/// country's round's (`/admin/rounds/<country>/<year>/results`), which is its organisers'.
#[component]
pub fn ResultsAdminPage() -> impl IntoView {
    let lang = current_lang();
    let p = lang.p();
    let round = round_param();
    let r = round();
    let publish = ServerAction::<PublishResults>::new();
    let unschedule = ServerAction::<UnscheduleResults>::new();
    let remove_photo = ServerAction::<RemoveAwardPhoto>::new();
    let add = ServerAction::<AddEuropean>::new();
    let remove = ServerAction::<RemoveEuropean>::new();
    let actions = ResultActions {
        publish,
        unschedule,
        remove_photo,
        add,
        remove,
    };
    let y = r.year.to_string();
    let (title, back) = if r.europe {
        (
            fill(lang.eu().results_title, &[&y]),
            (lang.href(&r.admin_path("")), lang.eu().link),
        )
    } else if let Some(c) = r.country {
        (
            fill(
                lang.rounds().results_title,
                &[country_name(c.code(), lang), &y],
            ),
            (lang.href(&r.admin_path("")), lang.rounds().page),
        )
    } else {
        (
            fill(p.results_title, &[&y]),
            (
                lang.href("/admin/competitions"),
                lang.e().admin_competitions,
            ),
        )
    };
    view! {
        <WidePage title description=p.results_intro intro=p.results_intro back=back>
            {load(
                move || {
                    (
                        round(),
                        publish.version().get(),
                        unschedule.version().get(),
                        remove_photo.version().get(),
                        add.version().get() + remove.version().get(),
                    )
                },
                |(r, ..)| get_results_admin(r.year, r.europe_arg(), r.country_arg()),
                move |v: ResultsAdminView| view! { <ResultsAdmin v r lang actions/> },
            )}
            <crate::pages::feedback::FeedbackOverview r lang/>
        </WidePage>
    }
}

#[derive(Clone, Copy)]
struct ResultActions {
    publish: ServerAction<PublishResults>,
    unschedule: ServerAction<UnscheduleResults>,
    remove_photo: ServerAction<RemoveAwardPhoto>,
    add: ServerAction<AddEuropean>,
    remove: ServerAction<RemoveEuropean>,
}

#[component]
fn ResultsAdmin(
    v: ResultsAdminView,
    r: RoundRef,
    lang: Lang,
    actions: ResultActions,
) -> impl IntoView {
    let p = lang.p();
    let year = v.year;
    // The final's public page and open data are its own; its awards show as the jury decided
    // them (the motivation in English), without photos. Another country's round has no public
    // pages here: its organisers publish its results themselves.
    let public = match (r.europe, r.country) {
        (true, _) => Some((
            format!("/europe/{year}"),
            format!("/open-data/europe-{year}"),
        )),
        (false, Some(_)) => None,
        (false, None) => Some((
            format!("/competitions/{year}"),
            format!("/open-data/{year}"),
        )),
    };
    let home = !r.europe && r.country.is_none();
    view! {
        <section aria-labelledby="release-heading">
            <h2 id="release-heading">{p.release_heading}</h2>
            <ReleaseControls release=v.release.clone() planned=v.planned.clone() r lang actions/>
            {v.notified.map(|n| view! { <p>{fill(p.notified_at, &[&at(lang, &n)])}</p> })}
            {public.filter(|_| matches!(v.release, Release::Public(_))).map(|(page, data)| view! {
                <p>
                    <a href=lang.href(&page)>{lang.t().results}</a>
                    " · "<a href=format!("{data}.json")>{p.open_data_json}</a>
                    " · "<a href=format!("{data}.csv")>{p.open_data_csv}</a>
                </p>
            })}
        </section>
        {home.then(|| view! {
            <section aria-labelledby="awards-heading">
                <h2 id="awards-heading">{p.awards_heading}</h2>
                {v.awards.into_iter().map(|a| view! { <AwardEditor a year lang actions/> }).collect_view()}
            </section>
            {if v.final_on_portal {
                view! {
                    <section aria-labelledby="european-heading">
                        <h2 id="european-heading">{p.european_heading}</h2>
                        <p>{lang.eu().final_on_portal}" "<a href=lang.href(&format!("/europe/{year}"))>{fill(lang.eu().public_link, &[&year.to_string()])}</a></p>
                    </section>
                }.into_any()
            } else {
                view! { <EuropeanEditor rows=v.european year lang actions/> }.into_any()
            }}
        })}
    }
}

#[component]
fn ReleaseControls(
    release: Release,
    planned: String,
    r: RoundRef,
    lang: Lang,
    actions: ResultActions,
) -> impl IntoView {
    let year = r.year;
    let p = lang.p();
    let publish_error = either_error(form_error(actions.publish), url_error("publish_results"));
    let unschedule_error = either_error(
        form_error(actions.unschedule),
        url_error("unschedule_results"),
    );
    let status = match &release {
        Release::Undecided => p.undecided.to_string(),
        Release::Ready => p.ready.to_string(),
        Release::Scheduled(w) => fill(p.scheduled_for, &[&at(lang, w)]),
        Release::Public(w) => fill(p.public_since, &[&at(lang, w)]),
    };
    let can_publish = matches!(release, Release::Ready | Release::Scheduled(_));
    let scheduled = matches!(release, Release::Scheduled(_));
    let planned_note = (!planned.is_empty()).then(|| {
        let shown = planned.replace('T', " ");
        view! { <p class="hint">{fill(p.planned, &[&shown])}</p> }
    });
    view! {
        <p role="status" id="release-status">{status}</p>
        {planned_note}
        {can_publish.then(|| view! {
            <ActionForm action=actions.publish>
                <FormError error=publish_error lang/>
                <input type="hidden" name="year" value=year.to_string()/>
                <RoundFields r/>
                <LineField name="at".to_string() key="at".to_string() label=p.publish_at.to_string() value=String::new() lang error=publish_error kind="datetime-local" hint=p.publish_at_hint/>
                <button type="submit" class="button">{p.publish_now}</button>
            </ActionForm>
        })}
        {scheduled.then(|| view! {
            <ActionForm action=actions.unschedule>
                <FormError error=unschedule_error lang/>
                <input type="hidden" name="year" value=year.to_string()/>
                <RoundFields r/>
                <button type="submit" class="button secondary">{p.unschedule}</button>
            </ActionForm>
        })}
    }
}

#[component]
fn AwardEditor(a: AwardAdminRow, year: i32, lang: Lang, actions: ResultActions) -> impl IntoView {
    let p = lang.p();
    let t = lang.t();
    let id = a.id;
    let query = use_query_map();
    // Each award's form has its own action; several awards share the field names, so errors
    // get this form's element keys.
    let save = ServerAction::<SaveAward>::new();
    let save_error = {
        let value = save.value();
        let mine = Signal::derive(move || {
            let err = value.get().and_then(|r| r.err())?;
            Some(match err {
                AppError::Invalid(fields) => AppError::Invalid(
                    fields
                        .into_iter()
                        .map(|mut f| {
                            f.field = format!("{}-{id}", f.field);
                            f
                        })
                        .collect(),
                ),
                other => other,
            })
        });
        either_error(mine, url_error("save_award"))
    };
    let label = match a.kind {
        AwardKind::Winner => t.winner,
        AwardKind::RunnerUp => t.runner_up,
        AwardKind::Mention => t.mention,
    };
    let heading_id = format!("award-{id}-heading");
    let labelled_by = heading_id.clone();
    let has_photo = a.photo.is_some();
    let photo = a.photo.clone();
    let photo_alt = a.photo_alt_sv.clone();
    let photo_error = move || {
        let q = query.read();
        (q.get("award").and_then(|v| v.parse::<i32>().ok()) == Some(id))
            .then(|| q.get("photo_error"))
            .flatten()
            .map(|code| upload_message(lang, &code))
    };
    let file_id = format!("photo-{id}-file");
    let alt_sv_id = format!("photo-{id}-alt-sv");
    let alt_en_id = format!("photo-{id}-alt-en");
    let alt_hint_id = format!("photo-{id}-alt-hint");
    let photo_error_id = format!("photo-{id}-error");
    view! {
        <article class="award-editor" aria-labelledby=labelled_by>
            <p class="badge">{label}</p>
            <h3 id=heading_id lang="sv">{a.title.clone()}</h3>
            <p class="org">{a.organisation.clone()}</p>
            {a.no_consent.then(|| view! { <p class="notice">{p.no_consent_note}</p> })}
            <ActionForm action=save>
                <FormError error=save_error lang/>
                <p role="status">{move || form_done(save).get().then_some(p.saved)}</p>
                <input type="hidden" name="year" value=year.to_string()/>
                <input type="hidden" name="award_id" value=id.to_string()/>
                <SectionField name="award[about_sv]".to_string() key=format!("about_sv-{id}") label=p.about_sv value=a.about_sv.clone() limit=None lang error=save_error rows=4/>
                <SectionField name="award[about_en]".to_string() key=format!("about_en-{id}") label=p.about_en value=a.about_en.clone() limit=None lang error=save_error rows=4/>
                <SectionField name="award[motivation_sv]".to_string() key=format!("motivation_sv-{id}") label=p.motivation_sv value=a.motivation_sv.clone() limit=None lang error=save_error rows=4 required=matches!(a.kind, AwardKind::Winner)/>
                <SectionField name="award[motivation_en]".to_string() key=format!("motivation_en-{id}") label=p.motivation_en value=a.motivation_en.clone() limit=None lang error=save_error rows=4/>
                {has_photo.then(|| view! {
                    <LineField name="award[photo_alt_sv]".to_string() key=format!("photo_alt_sv-{id}") label=p.alt_sv.to_string() value=a.photo_alt_sv.clone() lang error=save_error hint=p.alt_hint required=true/>
                    <LineField name="award[photo_alt_en]".to_string() key=format!("photo_alt_en-{id}") label=p.alt_en.to_string() value=a.photo_alt_en.clone() lang error=save_error/>
                })}
                <button type="submit" class="button">{p.save_award}</button>
            </ActionForm>
            <h4>{p.photo}</h4>
            {photo.map(|url| view! {
                <figure class="award-photo-admin">
                    <img src=url alt=photo_alt width="240"/>
                    <figcaption>{p.current_photo}</figcaption>
                </figure>
                <ActionForm action=actions.remove_photo>
                    <input type="hidden" name="year" value=year.to_string()/>
                    <input type="hidden" name="award_id" value=id.to_string()/>
                    <button type="submit" class="button secondary">{p.remove_photo}</button>
                </ActionForm>
            })}
            <form method="post" enctype="multipart/form-data" action=format!("/admin/competitions/{year}/awards/{id}/photo")>
                <input type="hidden" name="lang" value=lang.code()/>
                <div role="alert">{move || photo_error().map(|m| view! { <p class="field-error" id=photo_error_id.clone()>{m}</p> })}</div>
                <div class="field">
                    <label for=file_id.clone()>{p.photo_file}" *"</label>
                    <input id=file_id type="file" name="file" accept="image/jpeg,image/png" required=true/>
                </div>
                <div class="field">
                    <label for=alt_sv_id.clone()>{p.alt_sv}" *"</label>
                    <p class="hint" id=alt_hint_id.clone()>{p.alt_hint}</p>
                    <input id=alt_sv_id type="text" name="alt_sv" required=true aria-describedby=alt_hint_id/>
                </div>
                <div class="field">
                    <label for=alt_en_id.clone()>{p.alt_en}" "<span class="optional">{t.optional}</span></label>
                    <input id=alt_en_id type="text" name="alt_en"/>
                </div>
                <button type="submit" class="button secondary">{p.upload_photo}</button>
            </form>
        </article>
    }
}

#[component]
fn EuropeanEditor(
    rows: Vec<EuropeanRow>,
    year: i32,
    lang: Lang,
    actions: ResultActions,
) -> impl IntoView {
    let p = lang.p();
    let add_error = either_error(form_error(actions.add), url_error("add_european"));
    view! {
        <section aria-labelledby="european-heading">
            <h2 id="european-heading">{p.european_heading}</h2>
            {if rows.is_empty() {
                view! { <p>{p.no_european}</p> }.into_any()
            } else {
                view! {
                    <ol class="european">
                        {rows.into_iter().map(|r| view! {
                            <li value=r.rank>
                                {r.country_sv.clone()}" / "{r.country_en.clone()}
                                {(!r.project_title.is_empty()).then(|| format!(": {}", r.project_title))}
                                {r.ours.then(|| view! { " "<span class="badge">"SE"</span> })}
                                <ActionForm action=actions.remove attr:class="inline-form">
                                    <input type="hidden" name="year" value=year.to_string()/>
                                    <input type="hidden" name="id" value=r.id.to_string()/>
                                    <button type="submit" class="button secondary small">{p.remove}<span class="visually-hidden">{format!(" {}", r.rank)}</span></button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <ActionForm action=actions.add>
                <FormError error=add_error lang/>
                <input type="hidden" name="year" value=year.to_string()/>
                <LineField name="placement[rank]".to_string() key="rank".to_string() label=p.rank.to_string() value=String::new() lang error=add_error kind="number" required=true/>
                <LineField name="placement[country_sv]".to_string() key="country_sv".to_string() label=p.country_sv.to_string() value=String::new() lang error=add_error required=true/>
                <LineField name="placement[country_en]".to_string() key="country_en".to_string() label=p.country_en.to_string() value=String::new() lang error=add_error required=true/>
                <LineField name="placement[project_title]".to_string() key="project_title".to_string() label=p.project_title.to_string() value=String::new() lang error=add_error/>
                <div class="check">
                    <input type="checkbox" id="placement-ours" name="placement[ours]" value="on"/>
                    <label for="placement-ours">{p.ours}</label>
                </div>
                <button type="submit" class="button">{p.add_placement}</button>
            </ActionForm>
        </section>
    }
}
