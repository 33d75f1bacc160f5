//! The organiser's publication pages: a year's results (release, award texts and photos, the
//! European placing) and the news editor with its live Markdown preview.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::publication::{
    AddEuropean, PublishResults, RemoveAwardPhoto, RemoveEuropean, SaveAward, SaveNews,
    UnscheduleResults, get_news_admin, get_news_edit, get_results_admin, preview_markdown,
};
use crate::components::form::{form_done, form_error};
use crate::components::{
    current_lang,
    data::load,
    entry_fields::{LineField, SectionField},
    form::{FormError, either_error, url_error},
    page_meta::PageMeta,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{
    AwardAdminRow, AwardKind, EuropeanRow, NewsAdminRow, NewsEditView, NewsStatus, Release,
    ResultsAdminView, When,
};

fn at(lang: Lang, w: &When) -> String {
    lang.date_time(&w.date, &w.time)
}

fn year_param() -> impl Fn() -> i32 + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("year")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
}

/// The message a plain-form upload brought back in `?photo_error=`.
fn upload_message(lang: Lang, code: &str) -> String {
    use crate::error::Problem;
    match code {
        "too_large" => Problem::FileTooLarge.message(lang).into(),
        "empty" => Problem::EmptyFile.message(lang).into(),
        "alt" => Problem::Required.message(lang).into(),
        "unsupported" => Problem::UnsupportedFile.message(lang).into(),
        "active" => Problem::ActiveContent.message(lang).into(),
        _ => lang.t().error_internal.into(),
    }
}

#[component]
pub fn ResultsAdminPage() -> impl IntoView {
    let lang = current_lang();
    let p = lang.p();
    let year = year_param();
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
    let y = year();
    view! {
        <PageMeta title=fill(p.results_title, &[&y.to_string()]) description=p.results_intro/>
        <div class="wrap">
            <p class="eyebrow"><a href=lang.href("/admin/competitions")>{lang.e().admin_competitions}</a></p>
            <h1>{fill(p.results_title, &[&y.to_string()])}</h1>
            <p>{p.results_intro}</p>
            {load(
                move || {
                    (
                        year(),
                        publish.version().get(),
                        unschedule.version().get(),
                        remove_photo.version().get(),
                        add.version().get() + remove.version().get(),
                    )
                },
                |(y, ..)| get_results_admin(y),
                move |v: ResultsAdminView| view! { <ResultsAdmin v lang actions/> },
            )}
        </div>
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
fn ResultsAdmin(v: ResultsAdminView, lang: Lang, actions: ResultActions) -> impl IntoView {
    let p = lang.p();
    let year = v.year;
    view! {
        <section aria-labelledby="release-heading">
            <h2 id="release-heading">{p.release_heading}</h2>
            <ReleaseControls release=v.release.clone() planned=v.planned.clone() year lang actions/>
            {v.notified.map(|n| view! { <p>{fill(p.notified_at, &[&at(lang, &n)])}</p> })}
            {matches!(v.release, Release::Public(_)).then(|| view! {
                <p>
                    <a href=lang.href(&format!("/competitions/{year}"))>{lang.t().results}</a>
                    " · "<a href=format!("/open-data/{year}.json")>{p.open_data_json}</a>
                    " · "<a href=format!("/open-data/{year}.csv")>{p.open_data_csv}</a>
                </p>
            })}
        </section>
        <section aria-labelledby="awards-heading">
            <h2 id="awards-heading">{p.awards_heading}</h2>
            {v.awards.into_iter().map(|a| view! { <AwardEditor a year lang actions/> }).collect_view()}
        </section>
        <EuropeanEditor rows=v.european year lang actions/>
    }
}

#[component]
fn ReleaseControls(
    release: Release,
    planned: String,
    year: i32,
    lang: Lang,
    actions: ResultActions,
) -> impl IntoView {
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
                <LineField name="at".to_string() key="at".to_string() label=p.publish_at.to_string() value=String::new() lang error=publish_error kind="datetime-local" hint=p.publish_at_hint/>
                <button type="submit" class="button">{p.publish_now}</button>
            </ActionForm>
        })}
        {scheduled.then(|| view! {
            <ActionForm action=actions.unschedule>
                <FormError error=unschedule_error lang/>
                <input type="hidden" name="year" value=year.to_string()/>
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

pub(crate) fn status_text(lang: Lang, s: &NewsStatus) -> String {
    let p = lang.p();
    match s {
        NewsStatus::Draft => p.draft.into(),
        NewsStatus::Scheduled(w) => fill(p.scheduled, &[&at(lang, w)]),
        NewsStatus::Published(w) => fill(p.published, &[&at(lang, w)]),
    }
}

#[component]
pub fn NewsAdminPage() -> impl IntoView {
    let lang = current_lang();
    let p = lang.p();
    view! {
        <PageMeta title=p.news_admin description=p.news_admin_intro/>
        <div class="wrap">
            <h1>{p.news_admin}</h1>
            <p>{p.news_admin_intro}</p>
            <p><a class="button" href=lang.href("/admin/news/new")>{p.new_item}</a></p>
            {load(|| (), |_| get_news_admin(), move |rows: Vec<NewsAdminRow>| view! { <NewsTable rows lang/> })}
        </div>
    }
}

#[component]
fn NewsTable(rows: Vec<NewsAdminRow>, lang: Lang) -> impl IntoView {
    let p = lang.p();
    if rows.is_empty() {
        return view! { <p>{p.no_items}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{p.col_title}</th>
                    <th scope="col">{p.col_kind}</th>
                    <th scope="col">{p.col_status}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row"><a href=lang.href(&format!("/admin/news/{}", r.id)) lang="sv">{r.title.clone()}</a></th>
                            <td>{r.kind.label(lang)}</td>
                            <td>{status_text(lang, &r.status)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn NewsEditPage() -> impl IntoView {
    let lang = current_lang();
    let p = lang.p();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let title = move || if id() == 0 { p.new_news } else { p.edit_news };
    view! {
        <PageMeta title=title() description=p.news_admin_intro/>
        <div class="wrap">
            <p class="eyebrow"><a href=lang.href("/admin/news")>{p.news_admin}</a></p>
            <h1>{title}</h1>
            {load(id, get_news_edit, move |v: NewsEditView| view! { <NewsEditor v lang/> })}
        </div>
    }
}

/// The competition year an item belongs to, or none.
#[component]
pub(crate) fn YearSelect(
    name: &'static str,
    years: Vec<i32>,
    selected: String,
    lang: Lang,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let p = lang.p();
    let problem = Signal::derive(move || error.get().and_then(|e| e.field("year")));
    view! {
        <div class="field" class:has-error=move || problem.get().is_some()>
            <label for="entry-year">{p.year}</label>
            <select id="entry-year" name=name aria-describedby=move || problem.get().map(|_| "entry-year-error") aria-invalid=move || problem.get().map(|_| "true")>
                <option value="" selected=selected.is_empty()>{p.no_year}</option>
                {years.iter().map(|y| {
                    let y = y.to_string();
                    view! { <option value=y.clone() selected=y == selected>{y.clone()}</option> }
                }).collect_view()}
            </select>
            {move || problem.get().map(|pr| view! { <p class="field-error" id="entry-year-error">{pr.message(lang)}</p> })}
        </div>
    }
}

/// A Markdown textarea with its preview beside it, refreshed from the server (which renders and
/// sanitises exactly as when saving) half a second after typing stops. An island: the rest of
/// the editor is a plain form.
#[island]
pub(crate) fn MarkdownField(
    name: String,
    key: String,
    label: String,
    preview_label: String,
    value: String,
    preview: String,
    lang: Lang,
    /// The error a plain form post came back with.
    error: Option<AppError>,
    required: bool,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let error = Signal::stored(error);
    let p = lang.p();
    let (html, set_html) = signal(preview);
    let generation = StoredValue::new(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        let source = event_target_value(&ev);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(rendered) = preview_markdown(source).await
                        && generation.get_value() == mine
                    {
                        set_html.set(rendered);
                    }
                });
            },
            std::time::Duration::from_millis(500),
        );
    };
    let preview_id = format!("preview-{key}");
    let preview_labelled = preview_id.clone();
    view! {
        <div class="markdown-field">
            <div on:input=on_input>
                <SectionField name=name key=key label=label hint=p.body_hint value=value limit=None lang error rows=12 required/>
            </div>
            <section class="markdown-preview" aria-labelledby=preview_labelled>
                <h3 id=preview_id>{preview_label}</h3>
                <div class="prose" aria-live="polite" inner_html=move || {
                    let h = html.get();
                    if h.trim().is_empty() { format!("<p class=\"hint\">{}</p>", p.preview_empty) } else { h }
                }></div>
            </section>
        </div>
    }
}

#[component]
fn NewsEditor(v: NewsEditView, lang: Lang) -> impl IntoView {
    let p = lang.p();
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let id = v.id;
    let public_slug = matches!(v.status, NewsStatus::Published(_)).then(|| v.form.slug.clone());
    let image_error = move || {
        query
            .read()
            .get("image_error")
            .map(|c| upload_message(lang, &c))
    };
    let image = v.image.clone();
    let image_alt = v.form.image_alt_sv.clone();
    view! {
        <p role="status">{move || saved().then_some(p.saved)}" "{status_text(lang, &v.status)}</p>
        {public_slug.map(|slug| view! { <p><a href=lang.href(&format!("/news/{slug}"))>{p.view_public}</a></p> })}
        <NewsForm v=v.clone() lang returned_error=url_error("save_news").get_untracked()/>
        <section aria-labelledby="image-heading">
            <h2 id="image-heading">{p.image_heading}</h2>
            {if id == 0 {
                view! { <p>{p.image_after_save}</p> }.into_any()
            } else {
                view! {
                    {image.map(|url| view! { <img src=url alt=image_alt width="240"/> })}
                    <form method="post" enctype="multipart/form-data" action=format!("/admin/news/{id}/image")>
                        <input type="hidden" name="lang" value=lang.code()/>
                        <div role="alert">{move || image_error().map(|m| view! { <p class="field-error" id="image-error">{m}</p> })}</div>
                        <div class="field">
                            <label for="image-file">{p.photo_file}" *"</label>
                            <input id="image-file" type="file" name="file" accept="image/jpeg,image/png" required=true/>
                        </div>
                        <div class="field">
                            <label for="image-alt-sv">{p.alt_sv}" *"</label>
                            <p class="hint" id="image-alt-hint">{p.alt_hint}</p>
                            <input id="image-alt-sv" type="text" name="alt_sv" required=true aria-describedby="image-alt-hint"/>
                        </div>
                        <div class="field">
                            <label for="image-alt-en">{p.alt_en}</label>
                            <input id="image-alt-en" type="text" name="alt_en"/>
                        </div>
                        <button type="submit" class="button secondary">{p.upload_photo}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}

/// The news editor's form. An island: the live previews, and a refused save that keeps
/// everything typed with the errors at their fields.
#[component]
fn NewsForm(v: NewsEditView, lang: Lang, returned_error: Option<AppError>) -> impl IntoView {
    let p = lang.p();
    let save = ServerAction::<SaveNews>::new();
    let errors = Signal::derive(move || match save.value().get() {
        Some(r) => r.err(),
        None => returned_error.clone(),
    });
    let f = v.form.clone();
    let id = v.id;
    let kind = f.kind.clone();
    let year = f.year.clone();
    let publish = f.publish.clone();
    let linked = f.entries.clone().unwrap_or_default();
    let has_image = v.image.is_some();
    view! {
        <ActionForm action=save attr:class="news-form">
            <FormError error=errors lang/>
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="lang" value=lang.code()/>
            <fieldset>
                <legend>{p.kind}</legend>
                <div class="check"><input type="radio" id="kind-press" name="news[kind]" value="press_release" checked=kind == "press_release"/><label for="kind-press">{p.kind_press}</label></div>
                <div class="check"><input type="radio" id="kind-news" name="news[kind]" value="news" checked=kind == "news"/><label for="kind-news">{p.kind_news}</label></div>
            </fieldset>
            <LineField name="news[title_sv]".to_string() key="title_sv".to_string() label=p.title_sv.to_string() value=f.title_sv.clone() lang error=errors required=true/>
            <LineField name="news[title_en]".to_string() key="title_en".to_string() label=p.title_en.to_string() value=f.title_en.clone() lang error=errors/>
            <LineField name="news[slug]".to_string() key="slug".to_string() label=p.slug.to_string() value=f.slug.clone() lang error=errors hint=p.slug_hint/>
            <YearSelect name="news[year]" years=v.years.clone() selected=year.clone() lang error=errors/>
            <SectionField name="news[summary_sv]".to_string() key="summary_sv".to_string() label=p.summary_sv value=f.summary_sv.clone() limit=None lang error=errors rows=3 required=true/>
            <SectionField name="news[summary_en]".to_string() key="summary_en".to_string() label=p.summary_en value=f.summary_en.clone() limit=None lang error=errors rows=3/>
            <MarkdownField name="news[body_sv]".to_string() key="body_sv".to_string() label=p.body_sv.to_string() preview_label=p.preview_sv.to_string() value=f.body_sv.clone() preview=v.preview_sv.clone() lang error=errors.get_untracked() required=true/>
            <MarkdownField name="news[body_en]".to_string() key="body_en".to_string() label=p.body_en.to_string() preview_label=p.preview_en.to_string() value=f.body_en.clone() preview=v.preview_en.clone() lang error=errors.get_untracked() required=false/>
            {has_image.then(|| view! {
                <LineField name="news[image_alt_sv]".to_string() key="image_alt_sv".to_string() label=p.alt_sv.to_string() value=f.image_alt_sv.clone() lang error=errors hint=p.alt_hint required=true/>
                <LineField name="news[image_alt_en]".to_string() key="image_alt_en".to_string() label=p.alt_en.to_string() value=f.image_alt_en.clone() lang error=errors/>
            })}
            <fieldset>
                <legend>{p.related_entries}</legend>
                {if v.year_entries.is_empty() {
                    view! { <p class="hint">{p.related_hint}</p> }.into_any()
                } else {
                    v.year_entries.iter().enumerate().map(|(i, (eid, title))| {
                        let box_id = format!("related-{eid}");
                        view! {
                            <div class="check">
                                <input type="checkbox" id=box_id.clone() name=format!("news[entries][{i}]") value=eid.to_string() checked=linked.contains(eid)/>
                                <label for=box_id lang="sv">{title.clone()}</label>
                            </div>
                        }
                    }).collect_view().into_any()
                }}
            </fieldset>
            <fieldset>
                <legend>{p.publishing}</legend>
                <div class="check"><input type="radio" id="publish-draft" name="news[publish]" value="draft" checked=publish == "draft"/><label for="publish-draft">{p.publish_draft}</label></div>
                <div class="check"><input type="radio" id="publish-now" name="news[publish]" value="now" checked=publish == "now"/><label for="publish-now">{p.publish_immediately}</label></div>
                <div class="check"><input type="radio" id="publish-schedule" name="news[publish]" value="schedule" checked=publish == "schedule"/><label for="publish-schedule">{p.publish_scheduled}</label></div>
                <LineField name="news[publish_at]".to_string() key="publish_at".to_string() label=p.publish_time.to_string() value=f.publish_at.clone() lang error=errors kind="datetime-local"/>
            </fieldset>
            <button type="submit" class="button">{p.save_news}</button>
        </ActionForm>
    }
}
