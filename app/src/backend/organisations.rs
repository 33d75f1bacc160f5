//! Organisations and their members: profile, invitations, leaving and removal.
use crate::backend::begin_write;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use super::accounts::{self, Actor, Invitee, new_token, normalise_email};
use super::clock::when;
use super::entities::{app_user, invitation, organisation, organisation_member, user_role};
use super::mail::{self, Template};
use super::mail_limits::{self, Client, Purpose};
use crate::error::{AppError, Conflict};
use crate::i18n::Lang;
use crate::model::{
    InvitationInfo, InvitationStatus, InvitationView, MemberView, OrganisationView, Role,
};

const INVITATION_DAYS: i64 = 14;

fn require_member(actor: &Actor, org_id: i32) -> Result<(), AppError> {
    if actor.organisations.contains(&org_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn status(i: &invitation::Model, now: DateTime<Utc>) -> InvitationStatus {
    if i.accepted_at.is_some() {
        InvitationStatus::Accepted
    } else if i.revoked_at.is_some() {
        InvitationStatus::Revoked
    } else if i.expires_at <= now {
        InvitationStatus::Expired
    } else {
        InvitationStatus::Pending
    }
}

/// Active members of an organisation: (email, name, language).
pub(crate) async fn members<C: sea_orm::ConnectionTrait>(
    db: &C,
    organisation_id: i32,
) -> Result<Vec<(String, String, Lang)>, AppError> {
    let ids: Vec<i32> = organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .filter(app_user::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.email, u.name, Lang::from_code(&u.language)))
        .collect())
}

/// The actor's organisation (the first, if several), as its members see it.
pub async fn mine(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<OrganisationView, AppError> {
    let org_id = *actor.organisations.first().ok_or(AppError::NotFound)?;
    view(db, actor, org_id, now).await
}

pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    org_id: i32,
    now: DateTime<Utc>,
) -> Result<OrganisationView, AppError> {
    if !actor.has(Role::Admin) {
        require_member(actor, org_id)?;
    }
    let org = organisation::Entity::find_by_id(org_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let member_ids: Vec<i32> = organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(org_id))
        .all(db)
        .await?
        .iter()
        .map(|m| m.user_id)
        .collect();
    let members = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(member_ids))
        .order_by_asc(app_user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|u| MemberView {
            user_id: u.id,
            name: u.name,
            email: u.email,
        })
        .collect();
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::OrganisationId.eq(org_id))
        .order_by_desc(invitation::Column::CreatedAt)
        .all(db)
        .await?
        .iter()
        .map(|i| InvitationView {
            id: i.id,
            email: i.email.clone(),
            status: status(i, now),
            sent: when(i.created_at),
        })
        .collect();
    Ok(OrganisationView {
        id: org.id,
        name: org.name,
        kind: org.kind,
        city: org.city,
        org_number: org.org_number,
        members,
        invitations,
    })
}

/// Members edit their organisation's profile.
pub async fn update_profile(
    db: &DatabaseConnection,
    actor: &Actor,
    org_id: i32,
    name: &str,
    kind: &str,
    city: &str,
    org_number: &str,
) -> Result<(), AppError> {
    require_member(actor, org_id)?;
    let mut errors = Vec::new();
    let p = accounts::validate_organisation("name", name, kind, city, org_number, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let org = organisation::Entity::find_by_id(org_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut o: organisation::ActiveModel = org.into();
    o.name = Set(p.name);
    o.kind = Set(p.kind);
    o.city = Set(p.city);
    o.org_number = Set(p.org_number);
    o.update(db).await?;
    Ok(())
}

async fn is_member(
    db: &impl sea_orm::ConnectionTrait,
    org_id: i32,
    user_id: i32,
) -> Result<bool, AppError> {
    Ok(organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(org_id))
        .filter(organisation_member::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .is_some())
}

/// Invites a colleague by email. Inviting an address that has a pending invitation sends it
/// again with a fresh link.
pub async fn invite(
    db: &DatabaseConnection,
    actor: &Actor,
    org_id: i32,
    email: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    require_member(actor, org_id)?;
    actor.require_verified()?;
    let email =
        normalise_email(email).map_err(|problem| AppError::invalid_field("email", problem))?;
    let txn = begin_write(db).await?;
    if let Some(u) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(&txn)
        .await?
    {
        if is_member(&txn, org_id, u.id).await? {
            return Err(AppError::Conflict(Conflict::AlreadyMember));
        }
    }
    let org = organisation::Entity::find_by_id(org_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let inviter = app_user::Entity::find_by_id(actor.user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let (token, hash) = new_token();
    let pending = invitation::Entity::find()
        .filter(invitation::Column::OrganisationId.eq(org_id))
        .filter(invitation::Column::Email.eq(&email))
        .all(&txn)
        .await?
        .into_iter()
        .find(|i| status(i, now) == InvitationStatus::Pending);
    match pending {
        Some(i) => {
            let mut i: invitation::ActiveModel = i.into();
            i.token_hash = Set(hash);
            i.expires_at = Set(now + Duration::days(INVITATION_DAYS));
            i.created_at = Set(now);
            i.update(&txn).await?;
        }
        None => {
            invitation::ActiveModel {
                organisation_id: Set(org_id),
                email: Set(email.clone()),
                invited_by: Set(actor.user_id),
                token_hash: Set(hash),
                expires_at: Set(now + Duration::days(INVITATION_DAYS)),
                accepted_at: Set(None),
                revoked_at: Set(None),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let sender = Client::inviter(actor.user_id);
    mail_limits::admit(&txn, Purpose::Invitation, sender, &email, now).await?;
    let lang = Lang::from_code(&inviter.language);
    let link = format!("{base_url}{}?token={token}", lang.href("/invitation"));
    let template = Template::Invitation {
        organisation: org.name,
        inviter: inviter.name,
        link,
    };
    mail::enqueue(&txn, &email, "", lang, &template, now).await?;
    txn.commit().await?;
    Ok(())
}

async fn own_invitation(
    db: &DatabaseConnection,
    actor: &Actor,
    invitation_id: i32,
) -> Result<invitation::Model, AppError> {
    let i = invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    require_member(actor, i.organisation_id)?;
    Ok(i)
}

/// Sends a pending or expired invitation again, with a new link.
pub async fn resend(
    db: &DatabaseConnection,
    actor: &Actor,
    invitation_id: i32,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let i = own_invitation(db, actor, invitation_id).await?;
    if matches!(
        status(&i, now),
        InvitationStatus::Accepted | InvitationStatus::Revoked
    ) {
        return Err(AppError::InvalidToken);
    }
    // An expired invitation is revoked and a new one sent.
    if status(&i, now) == InvitationStatus::Expired {
        let mut old: invitation::ActiveModel = i.clone().into();
        old.revoked_at = Set(Some(now));
        old.update(db).await?;
    }
    invite(db, actor, i.organisation_id, &i.email, now, base_url).await
}

pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    invitation_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let i = own_invitation(db, actor, invitation_id).await?;
    if status(&i, now) == InvitationStatus::Pending {
        let mut i: invitation::ActiveModel = i.into();
        i.revoked_at = Set(Some(now));
        i.update(db).await?;
    }
    Ok(())
}

async fn pending_by_token(
    db: &impl sea_orm::ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<invitation::Model, AppError> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(accounts::link_token_hash(token)?))
        .one(db)
        .await?
        .filter(|i| status(i, now) == InvitationStatus::Pending)
        .ok_or(AppError::InvalidToken)
}

pub async fn invitation_info(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<InvitationInfo, AppError> {
    let i = pending_by_token(db, token, now).await?;
    let org = organisation::Entity::find_by_id(i.organisation_id)
        .one(db)
        .await?
        .ok_or(AppError::InvalidToken)?;
    Ok(InvitationInfo {
        organisation: org.name,
        has_account: accounts::has_account(db, &i.email).await?,
        email: i.email,
    })
}

/// Accepts an invitation. A person without an account creates one (the link proves the
/// address, so it counts as verified); a person with one must be signed in as that address.
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    actor: Option<&Actor>,
    name: &str,
    password: &str,
    language: Lang,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    // The checks and the slow password hash run before the write transaction, which then
    // finds the invitation still pending.
    let pending = pending_by_token(db, token, now).await?;
    let invitee = Invitee::check(db, &pending.email, actor, name, password).await?;
    let txn = begin_write(db).await?;
    let i = pending_by_token(&txn, token, now).await?;
    let (user_id, _) = invitee
        .account(&txn, &i.email, language, Role::Applicant, now)
        .await?;
    if !is_member(&txn, i.organisation_id, user_id).await? {
        organisation_member::ActiveModel {
            organisation_id: Set(i.organisation_id),
            user_id: Set(user_id),
            joined_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let has_applicant = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(Role::Applicant.code()))
        .count(&txn)
        .await?
        > 0;
    if !has_applicant {
        user_role::ActiveModel {
            user_id: Set(user_id),
            role: Set(Role::Applicant.code().into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let mut accepted: invitation::ActiveModel = i.into();
    accepted.accepted_at = Set(Some(now));
    accepted.update(&txn).await?;
    txn.commit().await?;
    Ok(user_id)
}

/// Removes `user_id` from the organisation, unless they are its last member.
async fn remove(db: &DatabaseConnection, org_id: i32, user_id: i32) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let members = organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(org_id))
        .all(&txn)
        .await?;
    let Some(m) = members.iter().find(|m| m.user_id == user_id) else {
        return Err(AppError::NotFound);
    };
    if members.len() <= 1 {
        return Err(AppError::Conflict(Conflict::LastMember));
    }
    organisation_member::Entity::delete_by_id(m.id)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// A member leaves their organisation.
pub async fn leave(db: &DatabaseConnection, actor: &Actor, org_id: i32) -> Result<(), AppError> {
    require_member(actor, org_id)?;
    remove(db, org_id, actor.user_id).await
}

/// An admin removes a member.
pub async fn remove_member(
    db: &DatabaseConnection,
    actor: &Actor,
    org_id: i32,
    user_id: i32,
) -> Result<(), AppError> {
    if !actor.has(Role::Admin) {
        return Err(AppError::Forbidden);
    }
    remove(db, org_id, user_id).await
}
