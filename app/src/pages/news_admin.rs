//! The organiser's news and press releases: the list and the editor with its live Markdown
//! preview, and beside it the reader's text that a save refused, when the editor shows what is
//! saved instead.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::publication::{SaveNews, get_news_admin, get_news_edit};
use crate::components::form::upload_message;
use crate::components::publishing_fields::{
    CopyLine, ItemRow, ItemTable, KeptCopy, MarkdownField, YearSelect, kept_notice, status_text,
};
use crate::components::{
    current_lang,
    data::load,
    entry_fields::{LineField, SectionField},
    form::{FormError, url_error},
    number_param,
    page_meta::WidePage,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{NewsAdminRow, NewsEditView, NewsStatus};

#[component]
pub fn NewsAdminPage() -> impl IntoView {
    let lang = current_lang();
    let p = lang.p();
    view! {
        <WidePage title=p.news_admin description=p.news_admin_intro intro=p.news_admin_intro>
            <p><a class="button" href=lang.href("/admin/news/new")>{p.new_item}</a></p>
            {load(|| (), |_| get_news_admin(), move |rows: Vec<NewsAdminRow>| {
                let rows = rows.into_iter().map(|r| ItemRow {
                    href: lang.href(&format!("/admin/news/{}", r.id)),
                    title: r.title,
                    detail: r.kind.label(lang).to_string(),
                    status: r.status,
                }).collect();
                view! { <ItemTable rows lang label=p.news_admin detail=p.col_kind empty=p.no_items/> }
            })}
        </WidePage>
    }
}

#[component]
pub fn NewsEditPage() -> impl IntoView {
    let lang = current_lang();
    let p = lang.p();
    let id_param = number_param("id");
    let id = move || id_param().unwrap_or(0);
    let title = move || if id() == 0 { p.new_news } else { p.edit_news };
    view! {
        <WidePage title=title() description=p.news_admin_intro back=(lang.href("/admin/news"), p.news_admin)>
            {load(id, get_news_edit, move |v: NewsEditView| view! { <NewsEditor v lang/> })}
        </WidePage>
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
        <KeptCopy kind="news" id kept=v.kept.clone() lines=copy_lines(&v, lang) lang/>
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

/// The fields of the reader's kept text, for its copy beside the form.
fn copy_lines(v: &NewsEditView, lang: Lang) -> Vec<CopyLine> {
    let p = lang.p();
    let Some(f) = v.kept.as_ref().map(|k| &k.form) else {
        return Vec::new();
    };
    let titles = (f.title_sv.as_str(), f.title_en.as_str());
    let mut lines = CopyLine::heads(lang, titles, &f.slug, (&f.summary_sv, &f.summary_en));
    lines.extend([
        CopyLine::new(p.body_sv, Some("sv"), &f.body_sv),
        CopyLine::new(p.body_en, Some("en"), &f.body_en),
        CopyLine::new(p.alt_sv, Some("sv"), &f.image_alt_sv),
        CopyLine::new(p.alt_en, Some("en"), &f.image_alt_en),
        CopyLine::new(p.publish_time, None, &f.publish_at),
    ]);
    lines
}

/// The news editor's form: a plain form with the live previews as islands; a refused save
/// keeps everything typed with the errors at their fields. It sends the revision it was opened
/// at, and starts from the reader's kept text where that belongs in it.
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
    let (notice, restore) = kept_notice(&v.kept, lang);
    view! {
        <ActionForm action=save attr:class="news-form" attr:data-restore=restore>
            <FormError error=errors lang/>
            {notice.map(|n| view! { <p class="notice">{n}</p> })}
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="revision" value=v.revision.to_string()/>
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
