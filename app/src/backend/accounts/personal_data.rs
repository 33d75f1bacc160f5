//! A person's own account: what it shows, everything stored about them, and erasure.
use crate::backend::begin_write;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

use crate::backend::clock::when;
use crate::backend::entities::{
    app_user, auth_token, competition, final_country, invitation, login_failure, mail_outbox,
    organisation, organisation_member, round_organiser, user_role,
};
use crate::error::{AppError, Conflict, Problem};
use crate::model::{AccountView, PersonalData};

use super::*;

/// The signed-in person's own account.
pub async fn account(db: &DatabaseConnection, actor: &Actor) -> Result<AccountView, AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let organisations = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(actor.organisations.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect();
    let rows = final_country::Entity::find()
        .filter(final_country::Column::RepresentativeId.eq(actor.user_id))
        .all(db)
        .await?;
    let finals = competition::Entity::find()
        .filter(competition::Column::Id.is_in(rows.iter().map(|r| r.competition_id)))
        .all(db)
        .await?;
    let mut representing: Vec<(i32, String)> = rows
        .into_iter()
        .filter_map(|r| {
            let f = finals.iter().find(|f| f.id == r.competition_id)?;
            Some((f.year, r.country))
        })
        .collect();
    representing.sort_by(|a, b| b.cmp(a));
    let mut organising: Vec<crate::model::RoundRef> = competition::Entity::find()
        .filter(competition::Column::Id.is_in(actor.rounds.clone()))
        .all(db)
        .await?
        .iter()
        .filter_map(|c| {
            crate::model::Country::parse(&c.country)
                .map(|country| crate::model::RoundRef::national(c.year, country))
        })
        .collect();
    organising.sort_by_key(|r| (-r.year, r.country));
    Ok(AccountView {
        representing,
        organising,
        two_factor: user.totp_enabled_at.is_some(),
        roles_on_hold: actor.roles_on_hold,
        name: user.name,
        email: user.email,
        verified: user.email_verified_at.is_some(),
        roles: actor.roles.clone(),
        organisations,
    })
}

/// Everything stored about the signed-in person.
pub async fn personal_data(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<PersonalData, AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let account = account(db, actor).await?;
    let mails = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(&user.email))
        .order_by_desc(mail_outbox::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| (when(m.created_at), m.subject, m.status.to_value()))
        .collect();
    let invitations_sent = invitation::Entity::find()
        .filter(invitation::Column::InvitedBy.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.email)
        .collect();
    let failed_logins = login_failure::Entity::find()
        .filter(login_failure::Column::Email.eq(&user.email))
        .count(db)
        .await?;
    Ok(PersonalData {
        name: user.name,
        email: user.email,
        language: user.language,
        created: when(user.created_at),
        verified: user.email_verified_at.map(when),
        roles: account.roles,
        organisations: account.organisations,
        mails,
        invitations_sent,
        failed_logins,
    })
}

/// Erases the signed-in person's personal data. The entries they wrote belong to their
/// organisation and stay; the account row stays as an anonymous placeholder so that history
/// (invitations sent, audit) still points somewhere. The last member of an organisation cannot
/// leave it memberless.
pub async fn delete_account(
    db: &DatabaseConnection,
    actor: &Actor,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !verify_password(password, Some(&user.password_hash)).await {
        return Err(AppError::invalid_field("password", Problem::WrongPassword));
    }
    let txn = begin_write(db).await?;
    for org_id in &actor.organisations {
        let members = organisation_member::Entity::find()
            .filter(organisation_member::Column::OrganisationId.eq(*org_id))
            .count(&txn)
            .await?;
        if members <= 1 {
            return Err(AppError::Conflict(Conflict::LastMember));
        }
    }
    organisation_member::Entity::delete_many()
        .filter(organisation_member::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    round_organiser::Entity::delete_many()
        .filter(round_organiser::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    auth_token::Entity::delete_many()
        .filter(auth_token::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    mail_outbox::Entity::delete_many()
        .filter(mail_outbox::Column::ToAddress.eq(&user.email))
        .exec(&txn)
        .await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Email.eq(&user.email))
        .exec(&txn)
        .await?;
    let id = user.id;
    let mut u: app_user::ActiveModel = user.into();
    u.email = Set(format!("deleted-{id}@deleted.invalid"));
    u.name = Set(String::new());
    u.password_hash = Set(String::new());
    u.active = Set(false);
    u.email_verified_at = Set(None);
    u.sessions_valid_after = Set(Some(now));
    u.updated_at = Set(now);
    u.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}
