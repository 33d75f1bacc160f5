//! Registration, email verification, login and the own account.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::accounts::{
    ChangeEmail, ChangePassword, ConfirmTwoFactor, DeleteAccount, DisableTwoFactor, ForgotPassword,
    Login, LoginCode, Logout, Register, ResetPassword, StartTwoFactor, confirm_email, get_account,
    my_data, verify_email,
};
use crate::components::lists::date_time;
use crate::components::{
    current_lang,
    data::load,
    form::{FormError, PrivacyNote, SelectField, TextField, form_done, form_error, url_error},
    page_meta::NarrowPage,
    status::MailSentPage,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{AccountView, ORGANISATION_KINDS, PersonalData, Role, country_name};

pub fn action_error<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<AppError>> {
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    view! {
        <NarrowPage title=t.register_title description=t.register_description>
            <p class="lead">{t.register_intro}</p>
            <RegisterForm lang returned_error=url_error("/api/register").get_untracked()/>
            <PrivacyNote lang/>
            <p><a href=lang.href("/login")>{t.nav_login}</a></p>
        </NarrowPage>
    }
}

/// An island: a refused registration keeps what was typed, with the errors at their fields.
#[component]
fn RegisterForm(lang: Lang, returned_error: Option<AppError>) -> impl IntoView {
    let t = lang.t();
    let action = ServerAction::<Register>::new();
    let error = Signal::derive(move || match action.value().get() {
        Some(r) => r.err(),
        None => returned_error.clone(),
    });
    let kinds: Vec<(&'static str, &'static str)> = ORGANISATION_KINDS
        .iter()
        .copied()
        .zip(t.kinds.iter().copied())
        .collect();
    view! {
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
    }
}

#[component]
pub fn RegisterSentPage() -> impl IntoView {
    let t = current_lang().t();
    view! { <MailSentPage title=t.register_sent_title text=t.register_sent_text/> }
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let query = use_query_map();
    view! {
        <NarrowPage title=t.verify_title>
            {load(
                move || query.read().get("token").unwrap_or_default(),
                verify_email,
                move |_: ()| view! {
                    <p role="status">{t.verify_ok}</p>
                    <p><a class="button" href=lang.href("/login")>{t.login_submit}</a></p>
                },
            )}
        </NarrowPage>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    view! {
        <NarrowPage title=t.login_title description=t.login_description>
            <LoginForm lang returned_error=url_error("/api/login").get_untracked()/>
            <p><a href=lang.href("/forgot-password")>{t.forgot_link}</a></p>
            <p><a href=lang.href("/register")>{t.login_no_account}</a></p>
        </NarrowPage>
    }
}

/// An island: a refused login keeps the address typed.
#[component]
fn LoginForm(lang: Lang, returned_error: Option<AppError>) -> impl IntoView {
    let t = lang.t();
    let action = ServerAction::<Login>::new();
    let error = Signal::derive(move || match action.value().get() {
        Some(r) => r.err(),
        None => returned_error.clone(),
    });
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
        <NarrowPage title=t.account_title>
            {load(|| (), |_| get_account(), move |a: AccountView| view! { <AccountDetails a lang/> })}
            <PrivacyNote lang/>
        </NarrowPage>
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
        <p>
            <a href=lang.href("/entries")>{lang.e().my_entries}</a>
            " · "<a href=lang.href("/organisation")>{t.organisation_title}</a>
            {(a.roles.contains(&Role::Juror) || a.roles.contains(&Role::Chair)).then(|| view! {
                " · "<a href=lang.href("/jury")>{lang.j().my_juries}</a>
            })}
            {a.roles.contains(&Role::Admin).then(|| view! {
                " · "<a href=lang.href("/admin/competitions")>{lang.e().admin_competitions}</a>
                " · "<a href=lang.href("/admin/news")>{lang.p().news_admin}</a>
                " · "<a href=lang.href("/admin/events")>{lang.ev().admin_title}</a>
                " · "<a href=lang.href("/admin/users")>{t.admin_users_title}</a>
                " · "<a href=lang.href("/admin/mail")>{t.admin_mail_title}</a>
                " · "<a href=lang.href("/admin/audit")>{lang.audit().title}</a>
                " · "<a href=lang.href("/admin/personal-data")>{lang.gdpr().title}</a>
            })}
            {a.roles.contains(&Role::Secretariat).then(|| view! {
                " · "<a href=lang.href("/admin/europe")>{lang.eu().link}</a>
            })}
            {a.representing.iter().map(|(year, country)| view! {
                " · "<a href=lang.href(&format!("/representative/{year}"))>{fill(lang.eu().rep_link, &[&year.to_string()])}" ("{country_name(country, lang).to_string()}")"</a>
            }).collect_view()}
            {a.organising.iter().filter_map(|r| r.country.map(|c| (*r, c))).map(|(r, c)| view! {
                " · "<a href=lang.href(&r.admin_path(""))>{fill(lang.rounds().title, &[country_name(c.code(), lang), &r.year.to_string()])}</a>
            }).collect_view()}
        </p>
        <ActionForm action=logout>
            <input type="hidden" name="lang" value=lang.code()/>
            <button type="submit" class="button">{t.logout}</button>
        </ActionForm>
        {a.roles_on_hold.then(|| view! { <p class="notice" role="status">{t.roles_on_hold}</p> })}
        <TwoFactorSection on=a.two_factor lang/>
        <ChangePasswordForm lang/>
        <ChangeEmailForm lang/>
        <p><a href=lang.href("/account/data")>{t.gdpr_link}</a></p>
        <DeleteAccountForm lang/>
    }
}

#[component]
fn DeleteAccountForm(lang: Lang) -> impl IntoView {
    let t = lang.t();
    let action = ServerAction::<DeleteAccount>::new();
    let error = form_error(action);
    view! {
        <section aria-labelledby="delete-heading">
            <h2 id="delete-heading">{t.delete_title}</h2>
            <p>{t.delete_intro}</p>
            <ActionForm action=action>
                <input type="hidden" name="lang" value=lang.code()/>
                <FormError error lang/>
                <TextField name="password" label=t.field_current_password lang error kind="password" autocomplete="current-password" required=true/>
                <button type="submit" class="button secondary">{t.delete_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn MyDataPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    view! {
        <NarrowPage title=t.gdpr_title intro=t.gdpr_intro>
            <p>
                <a href="/account/data.zip" download class="button secondary" aria-describedby="download-mine-hint">{lang.gdpr().download_mine}</a>
            </p>
            <p class="hint" id="download-mine-hint">{lang.gdpr().download_mine_hint}</p>
            {load(|| (), |_| my_data(), move |d: PersonalData| view! { <PersonalDataView d lang/> })}
        </NarrowPage>
    }
}

#[component]
fn PersonalDataView(d: PersonalData, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let list = |items: Vec<String>| {
        if items.is_empty() {
            t.none.to_string()
        } else {
            items.join(", ")
        }
    };
    view! {
        <dl class="facts">
            <dt>{t.field_name}</dt><dd>{d.name}</dd>
            <dt>{t.field_email}</dt><dd>{d.email}</dd>
            <dt>{t.field_language}</dt><dd>{d.language}</dd>
            <dt>{t.account_created}</dt><dd>{date_time(&d.created, lang)}</dd>
            <dt>{t.address_verified}</dt><dd>{d.verified.map(|v| date_time(&v, lang).into_any()).unwrap_or_else(|| t.none.into_any())}</dd>
            <dt>{t.account_roles}</dt><dd>{list(d.roles.iter().map(|r| t.roles[*r as usize].to_string()).collect())}</dd>
            <dt>{t.account_organisations}</dt><dd>{list(d.organisations)}</dd>
            <dt>{t.invitations_sent}</dt><dd>{list(d.invitations_sent)}</dd>
            <dt>{t.failed_logins}</dt><dd>{d.failed_logins}</dd>
        </dl>
        <h2>{t.mails_to_you}</h2>
        <ul>
            {d.mails.into_iter().map(|(w, subject, _)| view! { <li>{date_time(&w, lang)}": "{subject}</li> }).collect_view()}
        </ul>
    }
}

#[component]
fn ChangePasswordForm(lang: Lang) -> impl IntoView {
    let t = lang.t();
    let action = ServerAction::<ChangePassword>::new();
    let error = form_error(action);
    let done = form_done(action);
    view! {
        <section aria-labelledby="change-password-heading">
            <h2 id="change-password-heading">{t.change_password_title}</h2>
            <ActionForm action=action>
                <FormError error lang/>
                <TextField name="current_password" label=t.field_current_password lang error kind="password" autocomplete="current-password" required=true/>
                <TextField name="new_password" label=t.field_new_password lang error kind="password" autocomplete="new-password" required=true hint=t.password_hint/>
                <p role="status">{move || done.get().then_some(t.change_password_done)}</p>
                <button type="submit" class="button">{t.change_password_title}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ChangeEmailForm(lang: Lang) -> impl IntoView {
    let t = lang.t();
    let action = ServerAction::<ChangeEmail>::new();
    let error = form_error(action);
    let done = form_done(action);
    view! {
        <section aria-labelledby="change-email-heading">
            <h2 id="change-email-heading">{t.change_email_title}</h2>
            <ActionForm action=action>
                <FormError error lang/>
                <TextField name="email" label=t.field_new_email lang error kind="email" autocomplete="email" required=true/>
                <TextField name="password" label=t.field_current_password lang error kind="password" autocomplete="current-password" required=true/>
                <p role="status">{move || done.get().then_some(t.change_email_sent)}</p>
                <button type="submit" class="button">{t.change_email_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let action = ServerAction::<ForgotPassword>::new();
    let error = form_error(action);
    view! {
        <NarrowPage title=t.forgot_title intro=t.forgot_intro>
            <ActionForm action=action>
                <input type="hidden" name="lang" value=lang.code()/>
                <FormError error lang/>
                <TextField name="email" label=t.field_email lang error kind="email" autocomplete="email" required=true/>
                <button type="submit" class="button">{t.forgot_submit}</button>
            </ActionForm>
        </NarrowPage>
    }
}

#[component]
pub fn ForgotSentPage() -> impl IntoView {
    let t = current_lang().t();
    view! { <MailSentPage title=t.register_sent_title text=t.forgot_sent_text/> }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let action = ServerAction::<ResetPassword>::new();
    let error = form_error(action);
    view! {
        <NarrowPage title=t.reset_title>
            <ActionForm action=action>
                <input type="hidden" name="lang" value=lang.code()/>
                <input type="hidden" name="token" value=token/>
                <FormError error lang/>
                <TextField name="password" label=t.field_new_password lang error kind="password" autocomplete="new-password" required=true hint=t.password_hint/>
                <button type="submit" class="button">{t.reset_submit}</button>
            </ActionForm>
        </NarrowPage>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let query = use_query_map();
    view! {
        <NarrowPage title=t.confirm_email_title>
            {load(
                move || query.read().get("token").unwrap_or_default(),
                confirm_email,
                move |_: ()| view! { <p role="status">{t.confirm_email_ok}</p> },
            )}
        </NarrowPage>
    }
}

/// Turning two-step verification on or off. An island: the QR code and the recovery codes come
/// back from the server functions and are shown in place (recovery codes only once).
#[island]
fn TwoFactorSection(on: bool, lang: Lang) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let t = lang.t();
    let start = ServerAction::<StartTwoFactor>::new();
    let confirm = ServerAction::<ConfirmTwoFactor>::new();
    let disable = ServerAction::<DisableTwoFactor>::new();
    let confirm_error = action_error(confirm.value());
    let disable_error = action_error(disable.value());
    let enrolment = move || start.value().get().and_then(|r| r.ok());
    let codes = move || confirm.value().get().and_then(|r| r.ok());
    view! {
        <section aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading">{t.two_factor_title}</h2>
            <p>{if on { t.two_factor_on } else { t.two_factor_off }}</p>
            {move || match (on, codes(), enrolment()) {
                (_, Some(codes), _) => view! {
                    <h3>{t.recovery_title}</h3>
                    <p>{t.recovery_intro}</p>
                    <ul class="recovery-codes">{codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
                }
                .into_any(),
                (true, None, _) => view! {
                    <ActionForm action=disable>
                        <FormError error=disable_error lang/>
                        <TextField name="password" label=t.field_current_password lang error=disable_error kind="password" autocomplete="current-password" required=true/>
                        <button type="submit" class="button secondary">{t.two_factor_disable}</button>
                    </ActionForm>
                }
                .into_any(),
                (false, None, Some(e)) => view! {
                    <p>{t.two_factor_intro}</p>
                    <div class="qr" role="img" aria-label=t.two_factor_title inner_html=e.qr_svg.clone()></div>
                    <p>{t.two_factor_key}": "<code class="secret">{e.secret.clone()}</code></p>
                    <ActionForm action=confirm>
                        <FormError error=confirm_error lang/>
                        <TextField name="code" label=t.field_code lang error=confirm_error autocomplete="one-time-code" required=true/>
                        <button type="submit" class="button">{t.two_factor_confirm}</button>
                    </ActionForm>
                }
                .into_any(),
                (false, None, None) => view! {
                    <ActionForm action=start>
                        <button type="submit" class="button">{t.two_factor_setup}</button>
                    </ActionForm>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
pub fn LoginCodePage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let action = ServerAction::<LoginCode>::new();
    let error = form_error(action);
    view! {
        <NarrowPage title=t.login_code_title intro=t.login_code_intro>
            <ActionForm action=action>
                <input type="hidden" name="lang" value=lang.code()/>
                <FormError error lang/>
                <TextField name="code" label=t.field_code lang error autocomplete="one-time-code" required=true hint=t.code_hint/>
                <button type="submit" class="button">{t.login_submit}</button>
            </ActionForm>
        </NarrowPage>
    }
}
