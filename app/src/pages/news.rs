use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{get_news, get_news_article};
use crate::components::{
    current_lang,
    data::{load, load_page},
    lists::{NewsList, date},
    localized::{local, local_html},
    page_meta::{PageMeta, WidePage},
};
use crate::i18n::Lang;
use crate::model::{NewsArticle, NewsSummary};

#[component]
pub fn NewsPage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    let t = lang.t();
    view! {
        <WidePage title=t.news_title description=t.news_description>
            {load(|| (), |_| get_news(), move |items: Vec<NewsSummary>| view! { <NewsList items lang/> })}
        </WidePage>
    }
}

#[component]
pub fn NewsArticlePage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    let params = use_params_map();
    load_page(
        move || params.read().get("slug").unwrap_or_default(),
        get_news_article,
        move |a: NewsArticle| view! { <Article a lang/> },
    )
}

#[component]
fn Article(a: NewsArticle, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let n = &a.summary;
    view! {
        <PageMeta title=n.title.pick(lang).0.to_string() description=n.summary.pick(lang).0.to_string() kind="article" image=a.image.as_ref().map(|i| i.url.clone())/>
        <article class="wrap narrow">
            <p class="meta">
                <span class="tag">{n.kind.label(lang)}</span>
                " · "{t.published}" "{date(&n.published, lang)}
            </p>
            <h1>{local(&n.title, lang)}</h1>
            <p class="lead">{local(&n.summary, lang)}</p>
            {a.image.clone().map(|i| view! { <img class="news-image" src=i.url alt=i.alt.pick(lang).0.to_string()/> })}
            {local_html(&a.body_html, lang)}
            {(!a.related.is_empty()).then(|| view! {
                <h2>{lang.p().related_entries_public}</h2>
                <ul>
                    {a.related.iter().map(|r| view! {
                        <li><a href=lang.href(&format!("/competitions/{}#{}", r.year, r.slug)) lang="sv">{r.title.clone()}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <p class="links">
                {a.competition_year.map(|y| view! {
                    <a href=lang.href(&format!("/competitions/{y}"))>"ECPA "{y}</a>" · "
                })}
                <a href=lang.href("/news")>{t.back_to_news}</a>
            </p>
        </article>
    }
}
