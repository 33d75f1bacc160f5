//! Registration, email verification, login and the own account.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::accounts::{Login, Logout, Register, get_account, verify_email};
use crate::components::{
    current_lang,
    data::load,
    form::{FormError, SelectField, TextField},
    page_meta::PageMeta,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{AccountView, ORGANISATION_KINDS};

fn action_error<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<AppError>> {
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let action = ServerAction::<Register>::new();
    let error = action_error(action.value());
    let kinds: Vec<(&'static str, &'static str)> = ORGANISATION_KINDS
        .iter()
        .copied()
        .zip(t.kinds.iter().copied())
        .collect();
    view! {
        <PageMeta title=t.register_title description=t.register_description/>
        <div class="wrap narrow">
            <h1>{t.register_title}</h1>
            <p class="lead">{t.register_intro}</p>
            <ActionForm action=action>
                <input type="hidden" name="lang" value=lang.code()/>
                <FormError error lang/>
                <fieldset>
                    <legend>{t.register_person}</legend>
                    <TextField name="name" label=t.field_name lang error autocomplete="name" required=true/>
                    <TextField name="email" label=t.field_email lang error kind="email" autocomplete="email" required=true/>
                    <TextField name="password" label=t.field_password lang error kind="password" autocomplete="new-password" required=true hint=t.password_hint/>
                </fieldset>
                <fieldset>
                    <legend>{t.register_org}</legend>
                    <TextField name="organisation" label=t.field_organisation lang error autocomplete="organization" required=true/>
                    <SelectField name="kind" label=t.field_kind lang error options=kinds/>
                    <TextField name="city" label=t.field_city lang error autocomplete="address-level2"/>
                    <TextField name="org_number" label=t.field_org_number lang error/>
                </fieldset>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.sending } else { t.register_submit }}
                </button>
            </ActionForm>
            <p><a href=lang.href("/login")>{t.nav_login}</a></p>
        </div>
    }
}

#[component]
pub fn RegisterSentPage() -> impl IntoView {
    let t = current_lang().t();
    view! {
        <PageMeta title=t.register_sent_title description=t.register_sent_text/>
        <div class="wrap narrow" role="status">
            <h1>{t.register_sent_title}</h1>
            <p>{t.register_sent_text}</p>
        </div>
    }
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let query = use_query_map();
    view! {
        <PageMeta title=t.verify_title description=t.verify_title/>
        <div class="wrap narrow">
            <h1>{t.verify_title}</h1>
            {load(
                move || query.read().get("token").unwrap_or_default(),
                verify_email,
                move |_: ()| view! {
                    <p role="status">{t.verify_ok}</p>
                    <p><a class="button" href=lang.href("/login")>{t.login_submit}</a></p>
                },
            )}
        </div>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let action = ServerAction::<Login>::new();
    let error = action_error(action.value());
    view! {
        <PageMeta title=t.login_title description=t.login_description/>
        <div class="wrap narrow">
            <h1>{t.login_title}</h1>
            <LoginForm action error lang/>
            <p><a href=lang.href("/register")>{t.login_no_account}</a></p>
        </div>
    }
}

#[component]
fn LoginForm(
    action: ServerAction<Login>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> impl IntoView {
    let t = lang.t();
    view! {
        <ActionForm action=action>
            <input type="hidden" name="lang" value=lang.code()/>
            <FormError error lang/>
            <TextField name="email" label=t.field_email lang error kind="email" autocomplete="username" required=true/>
            <TextField name="password" label=t.field_password lang error kind="password" autocomplete="current-password" required=true/>
            <button type="submit" class="button" disabled=move || action.pending().get()>{t.login_submit}</button>
        </ActionForm>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    view! {
        <PageMeta title=t.account_title description=t.account_title/>
        <div class="wrap narrow">
            <h1>{t.account_title}</h1>
            {load(|| (), |_| get_account(), move |a: AccountView| view! { <AccountDetails a lang/> })}
        </div>
    }
}

#[component]
fn AccountDetails(a: AccountView, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let logout = ServerAction::<Logout>::new();
    let roles = a
        .roles
        .iter()
        .map(|r| t.roles[*r as usize])
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <dl class="facts">
            <dt>{t.field_name}</dt>
            <dd>{a.name}</dd>
            <dt>{t.field_email}</dt>
            <dd>{a.email}" – "{if a.verified { t.account_verified } else { t.account_unverified }}</dd>
            <dt>{t.account_roles}</dt>
            <dd>{roles}</dd>
            <dt>{t.account_organisations}</dt>
            <dd>{a.organisations.join(", ")}</dd>
        </dl>
        <ActionForm action=logout>
            <input type="hidden" name="lang" value=lang.code()/>
            <button type="submit" class="button">{t.logout}</button>
        </ActionForm>
    }
}
