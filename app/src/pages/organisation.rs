//! An applicant's organisation: profile, members, invitations; and accepting an invitation.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::organisations::{
    AcceptInvitation, Invite, LeaveOrganisation, ResendInvitation, RevokeInvitation,
    UpdateOrganisation, get_invitation, my_organisation,
};
use crate::components::form::{PrivacyNote, form_done, form_error};
use crate::components::{
    current_lang,
    data::load,
    form::{FormError, TextField},
    lists::date,
    page_meta::NarrowPage,
};
use crate::i18n::Lang;
use crate::model::{
    InvitationInfo, InvitationStatus, InvitationView, ORGANISATION_KINDS, OrganisationView,
};

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let update = ServerAction::<UpdateOrganisation>::new();
    let invite = ServerAction::<Invite>::new();
    let resend = ServerAction::<ResendInvitation>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let actions = Actions {
        update,
        invite,
        resend,
        revoke,
    };
    view! {
        <NarrowPage title=t.organisation_title description=t.organisation_profile>
            {load(
                move || (update.version().get(), invite.version().get(), resend.version().get(), revoke.version().get()),
                |_| my_organisation(),
                move |o: OrganisationView| view! { <OrganisationDetails o lang actions/> },
            )}
            <PrivacyNote lang/>
        </NarrowPage>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdateOrganisation>,
    invite: ServerAction<Invite>,
    resend: ServerAction<ResendInvitation>,
    revoke: ServerAction<RevokeInvitation>,
}

#[component]
fn OrganisationDetails(o: OrganisationView, lang: Lang, actions: Actions) -> impl IntoView {
    let t = lang.t();
    let update_error = form_error(actions.update);
    let invite_error = form_error(actions.invite);
    let leave = ServerAction::<LeaveOrganisation>::new();
    let leave_error = form_error(leave);
    let id = o.id;
    let kind = o.kind.clone();
    view! {
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t.organisation_profile}</h2>
            <ActionForm action=actions.update>
                <input type="hidden" name="organisation_id" value=id.to_string()/>
                <FormError error=update_error lang/>
                <div class="field">
                    <label for="field-name">{t.field_organisation}" *"</label>
                    <input id="field-name" name="name" type="text" required value=o.name.clone() autocomplete="organization"/>
                </div>
                <div class="field">
                    <label for="field-kind">{t.field_kind}" *"</label>
                    <select id="field-kind" name="kind" required>
                        {ORGANISATION_KINDS
                            .iter()
                            .zip(t.kinds.iter())
                            .map(|(value, label)| view! { <option value=*value selected=*value == kind>{*label}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-city">{t.field_city}" "<span class="optional">{t.optional}</span></label>
                    <input id="field-city" name="city" type="text" value=o.city.clone().unwrap_or_default() autocomplete="address-level2"/>
                </div>
                <div class="field">
                    <label for="field-org_number">{t.field_org_number}" "<span class="optional">{t.optional}</span></label>
                    <input id="field-org_number" name="org_number" type="text" value=o.org_number.clone().unwrap_or_default()/>
                </div>
                <button type="submit" class="button">{t.save}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="members-heading">
            <h2 id="members-heading">{t.members}</h2>
            <ul>
                {o.members.iter().map(|m| view! { <li>{m.name.clone()}" ("{m.email.clone()}")"</li> }).collect_view()}
            </ul>
            <ActionForm action=leave>
                <input type="hidden" name="organisation_id" value=id.to_string()/>
                <input type="hidden" name="lang" value=lang.code()/>
                <FormError error=leave_error lang/>
                <button type="submit" class="button secondary">{t.leave}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t.invite_title}</h2>
            <ActionForm action=actions.invite>
                <input type="hidden" name="organisation_id" value=id.to_string()/>
                <FormError error=invite_error lang/>
                <TextField name="email" label=t.field_email lang error=invite_error kind="email" autocomplete="off" required=true/>
                <p role="status">{move || form_done(actions.invite).get().then_some(t.invite_sent)}</p>
                <button type="submit" class="button">{t.invite_submit}</button>
            </ActionForm>
        </section>
        {(!o.invitations.is_empty()).then(|| view! { <InvitationTable items=o.invitations.clone() lang actions/> })}
    }
}

#[component]
fn InvitationTable(items: Vec<InvitationView>, lang: Lang, actions: Actions) -> impl IntoView {
    let t = lang.t();
    view! {
        <section aria-labelledby="invitations-heading">
            <h2 id="invitations-heading">{t.invitations}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.field_email}</th>
                        <th scope="col">{t.status}</th>
                        <th scope="col">{t.published}</th>
                        <th scope="col"><span class="visually-hidden">{t.resend}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|i| {
                            let id = i.id;
                            let (email_resend, email_revoke) = (i.email.clone(), i.email.clone());
                            let open = matches!(i.status, InvitationStatus::Pending | InvitationStatus::Expired);
                            view! {
                                <tr>
                                    <td>{i.email.clone()}</td>
                                    <td>{t.invitation_statuses[i.status as usize]}</td>
                                    <td>{date(&i.sent, lang)}</td>
                                    <td class="actions">
                                        {open.then(|| view! {
                                            <ActionForm action=actions.resend>
                                                <input type="hidden" name="invitation_id" value=id.to_string()/>
                                                <button type="submit" class="link-button">{t.resend}<span class="visually-hidden">" "{email_resend}</span></button>
                                            </ActionForm>
                                        })}
                                        {(i.status == InvitationStatus::Pending).then(|| view! {
                                            <ActionForm action=actions.revoke>
                                                <input type="hidden" name="invitation_id" value=id.to_string()/>
                                                <button type="submit" class="link-button">{t.revoke}<span class="visually-hidden">" "{email_revoke}</span></button>
                                            </ActionForm>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.t();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <NarrowPage title=t.invitation_title>
            {load(token, get_invitation, move |info: InvitationInfo| view! { <AcceptInvitationForm info token=token() lang/> })}
            <PrivacyNote lang/>
        </NarrowPage>
    }
}

#[component]
fn AcceptInvitationForm(info: InvitationInfo, token: String, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let action = ServerAction::<AcceptInvitation>::new();
    let error = form_error(action);
    view! {
        <p class="lead">{t.invitation_intro}" "<strong>{info.organisation.clone()}</strong>" ("{info.email.clone()}")."</p>
        {if info.has_account {
            view! {
                <p>{t.invitation_has_account}</p>
                <ActionForm action=action>
                    <input type="hidden" name="token" value=token/>
                    <input type="hidden" name="name" value=""/>
                    <input type="hidden" name="password" value=""/>
                    <input type="hidden" name="lang" value=lang.code()/>
                    <FormError error lang/>
                    <button type="submit" class="button">{t.invitation_accept}</button>
                </ActionForm>
                <p><a href=lang.href("/login")>{t.login_submit}</a></p>
            }
            .into_any()
        } else {
            view! {
                <ActionForm action=action>
                    <input type="hidden" name="token" value=token/>
                    <input type="hidden" name="lang" value=lang.code()/>
                    <FormError error lang/>
                    <TextField name="name" label=t.field_name lang error autocomplete="name" required=true/>
                    <TextField name="password" label=t.field_password lang error kind="password" autocomplete="new-password" required=true hint=t.password_hint/>
                    <button type="submit" class="button">{t.invitation_accept}</button>
                </ActionForm>
            }
            .into_any()
        }}
    }
}
