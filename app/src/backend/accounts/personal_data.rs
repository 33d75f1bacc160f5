//! A person's own account: what it shows and what is stored about them. Their erasure and
//! their data as a file are the GDPR room's (`backend/gdpr`).
use sea_orm::{
    ActiveEnum, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::backend::clock::when;
use crate::backend::entities::{
    app_user, competition, final_country, invitation, login_failure, mail_outbox, organisation,
};
use crate::error::AppError;
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
