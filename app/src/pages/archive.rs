use leptos::prelude::*;

use crate::api::get_archive;
use crate::components::{
    current_lang,
    data::load,
    lists::date,
    localized::{local, local_html},
    page_meta::WidePage,
};
use crate::i18n::Lang;
use crate::model::ArchiveYear;

#[component]
pub fn ArchivePage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    let t = lang.t();
    view! {
        <WidePage title=t.archive_title description=t.archive_description intro=t.archive_intro lead=true>
            {load(|| (), |_| get_archive(), move |years: Vec<ArchiveYear>| view! { <YearList years lang/> })}
        </WidePage>
    }
}

#[component]
fn YearList(years: Vec<ArchiveYear>, lang: Lang) -> impl IntoView {
    view! {
        <ul class="item-list archive">
            {years.into_iter().map(|y| view! { <li><ArchivedYear y lang/></li> }).collect_view()}
        </ul>
    }
}

#[component]
fn ArchivedYear(y: ArchiveYear, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let href = lang.href(&format!("/competitions/{}", y.year));
    let heading_id = format!("year-{}", y.year);
    let labelled_by = heading_id.clone();
    view! {
        <article aria-labelledby=labelled_by>
            <h2 id=heading_id><a href=href>"ECPA "{y.year}</a></h2>
            <p><strong>{t.theme}": "</strong>{local(&y.theme, lang)}</p>
            <p>
                {match y.winner {
                    Some(w) => view! {
                        <strong>{t.winner}": "</strong>
                        <span lang="sv">{w.title}</span>", "{w.organisation}
                    }.into_any(),
                    None => t.archive_no_results.into_any(),
                }}
            </p>
            {y.motivation.map(|m| view! {
                <details>
                    <summary>{t.jury_motivation}</summary>
                    {local_html(&m, lang)}
                </details>
            })}
            {y.european_rank.map(|rank| view! {
                <p><strong>{t.european_placement}": "</strong>{rank}</p>
            })}
            {(y.entry_count > 0).then(|| view! { <p class="meta">{y.entry_count}" "{t.archive_entries}</p> })}
            {(!y.news.is_empty()).then(|| view! {
                <h3 class="small-heading">{t.related_news}</h3>
                <ul class="links-list">
                    {y.news.into_iter().map(|n| view! {
                        <li>
                            <a href=lang.href(&format!("/news/{}", n.slug))>{local(&n.title, lang)}</a>
                            " ("{n.kind.label(lang)}", "{date(&n.published, lang)}")"
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}
