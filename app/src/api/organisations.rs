//! Server functions for an organisation's members and invitations.
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{InvitationInfo, OrganisationView};

#[cfg(feature = "ssr")]
use crate::backend::{
    AppState, organisations,
    state::{current_actor, sign_in, signed_in},
};
#[cfg(feature = "ssr")]
use crate::i18n::Lang;

#[server(endpoint = "my_organisation")]
pub async fn my_organisation() -> Result<OrganisationView, AppError> {
    let s = signed_in().await?;
    organisations::mine(&s.db, &s.actor, s.now).await
}

#[server(endpoint = "update_organisation")]
pub async fn update_organisation(
    organisation_id: i32,
    name: String,
    kind: String,
    city: String,
    org_number: String,
) -> Result<(), AppError> {
    let s = signed_in().await?;
    organisations::update_profile(
        &s.db,
        &s.actor,
        organisation_id,
        &name,
        &kind,
        &city,
        &org_number,
    )
    .await
}

#[server(endpoint = "invite")]
pub async fn invite(organisation_id: i32, email: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    organisations::invite(&s.db, &s.actor, organisation_id, &email, s.now, &s.base_url).await
}

#[server(endpoint = "resend_invitation")]
pub async fn resend_invitation(invitation_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    organisations::resend(&s.db, &s.actor, invitation_id, s.now, &s.base_url).await
}

#[server(endpoint = "revoke_invitation")]
pub async fn revoke_invitation(invitation_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    organisations::revoke(&s.db, &s.actor, invitation_id, s.now).await
}

#[server(input = leptos::server_fn::codec::GetUrl, endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationInfo, AppError> {
    let s = AppState::get()?;
    organisations::invitation_info(&s.db, &token, s.clock.now()).await
}

/// Accepts an invitation; a person without an account creates one here and is signed in.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
    lang: String,
) -> Result<(), AppError> {
    let s = AppState::get()?;
    let now = s.clock.now();
    let actor = current_actor().await?;
    let language = Lang::from_code(&lang);
    let user_id = organisations::accept(
        &s.db,
        &token,
        actor.as_ref(),
        &name,
        &password,
        language,
        now,
    )
    .await?;
    if actor.is_none() {
        let session: tower_sessions::Session = leptos_axum::extract()
            .await
            .map_err(|_| AppError::Internal)?;
        sign_in(&session, user_id, now.timestamp()).await?;
    }
    leptos_axum::redirect(&language.href("/organisation"));
    Ok(())
}

#[server(endpoint = "leave_organisation")]
pub async fn leave_organisation(organisation_id: i32, lang: String) -> Result<(), AppError> {
    let s = signed_in().await?;
    organisations::leave(&s.db, &s.actor, organisation_id).await?;
    leptos_axum::redirect(&Lang::from_code(&lang).href("/account"));
    Ok(())
}

#[server(endpoint = "remove_member")]
pub async fn remove_member(organisation_id: i32, user_id: i32) -> Result<(), AppError> {
    let s = signed_in().await?;
    organisations::remove_member(&s.db, &s.actor, organisation_id, user_id).await
}
