use leptos::prelude::*;

use crate::api::get_archive;
use crate::components::{current_lang, data::load, localized::local, page_meta::PageMeta};
use crate::i18n::Lang;
use crate::model::ArchiveYear;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    view! {
        <PageMeta title=t.archive_title description=t.archive_description/>
        <div class="wrap">
            <h1>{t.archive_title}</h1>
            <p class="lead">{t.archive_intro}</p>
            {load(|| (), |_| get_archive(), move |years: Vec<ArchiveYear>| view! { <YearList years lang/> })}
        </div>
    }
}

#[component]
fn YearList(years: Vec<ArchiveYear>, lang: Lang) -> impl IntoView {
    let t = lang.t();
    view! {
        <ul class="item-list archive">
            {years
                .into_iter()
                .map(|y| {
                    let href = lang.href(&format!("/competitions/{}", y.year));
                    view! {
                        <li>
                            <h2><a href=href>"ECPA "{y.year}</a></h2>
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
                            {(y.entry_count > 0).then(|| view! { <p class="meta">{y.entry_count}" "{t.archive_entries}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
