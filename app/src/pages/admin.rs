//! The organiser's pages: users and the mail outbox.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::admin::{AdminSetActive, AdminSetRoles, admin_outbox, admin_users};
use crate::components::{current_lang, data::load, lists::date_time, page_meta::PageMeta};
use crate::i18n::Lang;
use crate::model::{OutboxRow, Role, UserRow};

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let roles = ServerAction::<AdminSetRoles>::new();
    let active = ServerAction::<AdminSetActive>::new();
    view! {
        <PageMeta title=t.admin_users_title description=t.admin_users_title/>
        <div class="wrap">
            <h1>{t.admin_users_title}</h1>
            <form method="get" class="search" role="search">
                <div class="field">
                    <label for="field-q">{t.admin_search_label}</label>
                    <input id="field-q" name="q" type="search" value=q/>
                </div>
                <button type="submit" class="button">{t.search}</button>
            </form>
            {load(
                move || (q(), roles.version().get(), active.version().get()),
                |(q, _, _)| admin_users(q),
                move |rows: Vec<UserRow>| view! { <UserTable rows lang roles active/> },
            )}
        </div>
    }
}

#[component]
fn UserTable(
    rows: Vec<UserRow>,
    lang: Lang,
    roles: ServerAction<AdminSetRoles>,
    active: ServerAction<AdminSetActive>,
) -> impl IntoView {
    let t = lang.t();
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">{t.field_name}</th>
                    <th scope="col">{t.field_email}</th>
                    <th scope="col">{t.account_organisations}</th>
                    <th scope="col">{t.account_roles}</th>
                    <th scope="col">{t.status}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|u| {
                        let id = u.id;
                        let (email_roles, email_save, email_active) = (u.email.clone(), u.email.clone(), u.email.clone());
                        let user_roles = u.roles.clone();
                        view! {
                            <tr>
                                <td>{u.name.clone()}</td>
                                <td>{u.email.clone()}</td>
                                <td>{u.organisations.join(", ")}</td>
                                <td>
                                    <ActionForm action=roles>
                                        <input type="hidden" name="user_id" value=id.to_string()/>
                                        <fieldset class="roles">
                                            <legend class="visually-hidden">{t.account_roles}" "{email_roles}</legend>
                                            {Role::ALL
                                                .into_iter()
                                                .map(|r| {
                                                    let field_id = format!("role-{}-{}", id, r.code());
                                                    view! {
                                                        <input type="checkbox" id=field_id.clone() name=r.code() checked=user_roles.contains(&r)/>
                                                        <label for=field_id>{t.roles[r as usize]}</label>
                                                    }
                                                })
                                                .collect_view()}
                                        </fieldset>
                                        <button type="submit" class="link-button">{t.save}<span class="visually-hidden">" "{email_save}</span></button>
                                    </ActionForm>
                                </td>
                                <td>
                                    {if u.active { t.status_active } else { t.status_inactive }}
                                    <ActionForm action=active>
                                        <input type="hidden" name="user_id" value=id.to_string()/>
                                        <input type="hidden" name="active" value=if u.active { "false" } else { "true" }/>
                                        <button type="submit" class="link-button">
                                            {if u.active { t.deactivate } else { t.activate }}
                                            <span class="visually-hidden">" "{email_active}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn AdminMailPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let filters = [
        ("", t.all),
        ("queued", t.queued),
        ("sent", t.sent),
        ("failed", t.failed),
    ];
    view! {
        <PageMeta title=t.admin_mail_title description=t.admin_mail_title/>
        <div class="wrap">
            <h1>{t.admin_mail_title}</h1>
            <nav aria-label=t.status>
                <ul class="filters">
                    {filters
                        .into_iter()
                        .map(|(code, label)| {
                            let href = if code.is_empty() { lang.href("/admin/mail") } else { format!("{}?status={code}", lang.href("/admin/mail")) };
                            view! { <li><a href=href aria-current=move || (status() == code).then_some("page")>{label}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </nav>
            {load(status, admin_outbox, move |rows: Vec<OutboxRow>| view! { <OutboxTable rows lang/> })}
        </div>
    }
}

#[component]
fn OutboxTable(rows: Vec<OutboxRow>, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let label = move |s: &str| match s {
        "queued" => t.queued,
        "sent" => t.sent,
        _ => t.failed,
    };
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">{t.published}</th>
                    <th scope="col">{t.recipient}</th>
                    <th scope="col">{t.subject}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.attempts}</th>
                    <th scope="col">{t.last_error}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|m| view! {
                        <tr>
                            <td>{date_time(&m.created, lang)}</td>
                            <td>{m.to}</td>
                            <td>{m.subject}</td>
                            <td>{label(&m.status)}</td>
                            <td>{m.attempts}</td>
                            <td>{m.last_error.unwrap_or_default()}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
