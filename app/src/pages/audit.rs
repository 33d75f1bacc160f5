//! The organiser's audit page: the log filtered by year, person, kind and object, fifty lines a
//! page, newest first, with the same lines as a CSV download. A plain GET form: it works the
//! same without JavaScript.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::admin::get_audit_trail;
use crate::components::{current_lang, data::load, lists::date_time, page_meta::PageMeta};
use crate::i18n::{Lang, entries::fill};
use crate::model::{AuditFilter, AuditLine, AuditView};

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = current_lang();
    let a = lang.audit();
    let query = use_query_map();
    let filter = move || AuditFilter::from_query(|k| query.read().get(k));
    view! {
        <PageMeta title=a.title description=a.intro/>
        <div class="wrap">
            <h1>{a.title}</h1>
            <p>{a.intro}</p>
            {load(filter, get_audit_trail, move |v: AuditView| {
                view! { <AuditLog v filter=filter() lang/> }
            })}
        </div>
    }
}

#[component]
fn AuditLog(v: AuditView, filter: AuditFilter, lang: Lang) -> impl IntoView {
    let a = lang.audit();
    let page = lang.href("/admin/audit");
    let export = format!(
        "/admin/audit.csv?{}&dialect={}",
        v.query,
        lang.csv_dialect()
    );
    view! {
        <AuditFilters v=v.clone() filter lang/>
        <p>
            {fill(a.count, &[&v.total.to_string()])}
            " · "<a href=export download>{a.export}</a>
        </p>
        {if v.lines.is_empty() {
            view! { <p>{a.none}</p> }.into_any()
        } else {
            view! { <AuditTable lines=v.lines.clone() lang/> }.into_any()
        }}
        <AuditPager page v lang/>
    }
}

/// The filters as a GET form, showing the ones in force.
#[component]
fn AuditFilters(v: AuditView, filter: AuditFilter, lang: Lang) -> impl IntoView {
    let a = lang.audit();
    view! {
        <form method="get" action=lang.href("/admin/audit") class="audit-filters">
            <fieldset>
                <legend>{a.filters}</legend>
                <div class="field">
                    <label for="audit-year">{a.year}</label>
                    <select id="audit-year" name="year">
                        <option value="">{a.all_years}</option>
                        {v.years.iter().map(|y| view! {
                            <option value=y.to_string() selected=filter.year == Some(*y)>{y.to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-person">{a.person}</label>
                    <input id="audit-person" name="person" type="search" value=filter.person.clone() autocomplete="off"/>
                </div>
                <div class="field">
                    <label for="audit-kind">{a.kind}</label>
                    <select id="audit-kind" name="kind">
                        <option value="">{a.all_kinds}</option>
                        {v.kinds.iter().map(|k| view! {
                            <option value=k.clone() selected=filter.kind == *k>{lang.audit_kind(k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-object">{a.object}</label>
                    <input id="audit-object" name="object" type="search" value=filter.object.clone() aria-describedby="audit-object-hint" autocomplete="off"/>
                    <p class="hint" id="audit-object-hint">{a.object_hint}</p>
                </div>
                <button type="submit" class="button">{a.show}</button>
                " "<a href=lang.href("/admin/audit")>{a.clear}</a>
            </fieldset>
        </form>
    }
}

#[component]
fn AuditTable(lines: Vec<AuditLine>, lang: Lang) -> impl IntoView {
    let a = lang.audit();
    view! {
        <table class="audit">
            <thead>
                <tr>
                    <th scope="col">{a.col_time}</th>
                    <th scope="col">{a.col_person}</th>
                    <th scope="col">{a.col_kind}</th>
                    <th scope="col">{a.col_object}</th>
                    <th scope="col">{a.col_changes}</th>
                </tr>
            </thead>
            <tbody>
                {lines.into_iter().map(|l| view! { <AuditRow l lang/> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn AuditRow(l: AuditLine, lang: Lang) -> impl IntoView {
    let a = lang.audit();
    // The object's first part is the thing itself: its history is one link away.
    let thing = l.object.split(' ').next().unwrap_or_default().to_string();
    let history = format!("{}?object={thing}", lang.href("/admin/audit"));
    view! {
        <tr>
            <td>{date_time(&l.at, lang)}</td>
            <td>{l.person.unwrap_or_else(|| a.portal.to_string())}</td>
            <td>{lang.audit_kind(&l.kind)}</td>
            <td>
                <a href=history>{l.object.clone()}</a>
                {l.year.map(|y| view! { " ("{y.to_string()}")" })}
            </td>
            <td>
                <ul class="changes">
                    {l.changes.into_iter().map(|c| view! {
                        <li>
                            {(!c.field.is_empty()).then(|| view! { <span class="field">{c.field}": "</span> })}
                            {c.before.map(|b| view! { <del>{b}</del>" → " })}
                            <ins>{c.after}</ins>
                        </li>
                    }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}

/// Links to the page before and after, keeping the filters.
#[component]
fn AuditPager(page: String, v: AuditView, lang: Lang) -> impl IntoView {
    let a = lang.audit();
    let query = v.query.clone();
    let link = move |n: u64| {
        let sep = if query.is_empty() { "" } else { "&" };
        format!("{page}?{query}{sep}page={n}")
    };
    (v.pages > 1).then(|| {
        view! {
            <nav aria-label=a.pages class="pager">
                {(v.page > 1).then(|| view! { <a href=link(v.page - 1) rel="prev">{a.previous}</a>" " })}
                <span>{fill(a.page_of, &[&v.page.to_string(), &v.pages.to_string()])}</span>
                {(v.page < v.pages).then(|| view! { " "<a href=link(v.page + 1) rel="next">{a.next}</a> })}
            </nav>
        }
    })
}
