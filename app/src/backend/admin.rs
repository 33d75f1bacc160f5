//! The organiser's tools for people and mail: list and search users, change roles, deactivate,
//! and see the mail outbox. Every function requires the admin role.
use crate::backend::begin_write;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::accounts::Actor;
use super::audit;
use super::clock::when;
use super::entities::mail_outbox::{self, MailState};
use super::entities::{app_user, organisation, organisation_member, user_role};
use crate::error::AppError;
use crate::model::{OutboxRow, Role, UserRow};

pub(crate) fn require_admin(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Admin) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The EUCPN secretariat: runs the European finals and hosts other countries' rounds.
pub(crate) fn require_secretariat(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Secretariat) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The organiser of some round, before the round itself is known.
pub(crate) fn require_any_organiser(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Admin) || actor.has(Role::Secretariat) || !actor.rounds.is_empty() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The organiser of the round (`competition::organises`).
pub(crate) fn require_organiser(
    actor: &Actor,
    c: &crate::backend::entities::competition::Model,
) -> Result<(), AppError> {
    if crate::backend::competition::organises(actor, c) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The round `r` names, if the actor organises it: "forbidden" for someone who organises no
/// round at all, "not found" for a round that does not exist, then "forbidden" for another
/// organiser's round.
pub(crate) async fn organised<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: &Actor,
    r: crate::model::RoundRef,
) -> Result<crate::backend::entities::competition::Model, AppError> {
    require_any_organiser(actor)?;
    let c = crate::backend::competition::round(db, r).await?;
    require_organiser(actor, &c)?;
    Ok(c)
}

/// Text with LIKE's wildcards taken out, so that it matches only itself.
pub(crate) fn like_literal(s: &str) -> String {
    s.replace(['\\', '%', '_'], "")
}

/// Accounts whose name or address contains `query`, in any case.
pub(crate) fn name_or_email_contains(query: &str) -> Condition {
    let pattern = format!("%{}%", like_literal(&query.trim().to_lowercase()));
    Condition::any()
        .add(Expr::expr(Func::lower(Expr::col(app_user::Column::Name))).like(pattern.clone()))
        .add(app_user::Column::Email.like(pattern))
}

/// Users whose name or email contains `query` (any case), by name; at most 200.
pub async fn users(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &str,
) -> Result<Vec<UserRow>, AppError> {
    require_admin(actor)?;
    let mut find = app_user::Entity::find()
        .order_by_asc(app_user::Column::Name)
        .limit(200);
    if !query.trim().is_empty() {
        find = find.filter(name_or_email_contains(query));
    }
    let users = find.all(db).await?;
    let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids.clone()))
        .all(db)
        .await?;
    let members = organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.is_in(ids))
        .all(db)
        .await?;
    let orgs = organisation::Entity::find()
        .filter(
            organisation::Column::Id.is_in(
                members
                    .iter()
                    .map(|m| m.organisation_id)
                    .collect::<Vec<_>>(),
            ),
        )
        .all(db)
        .await?;
    Ok(users
        .into_iter()
        .map(|u| {
            let mut user_roles: Vec<Role> = roles
                .iter()
                .filter(|r| r.user_id == u.id)
                .filter_map(|r| Role::from_code(&r.role))
                .collect();
            user_roles.sort();
            UserRow {
                id: u.id,
                roles: user_roles,
                active: u.active,
                verified: u.email_verified_at.is_some(),
                organisations: members
                    .iter()
                    .filter(|m| m.user_id == u.id)
                    .filter_map(|m| {
                        orgs.iter()
                            .find(|o| o.id == m.organisation_id)
                            .map(|o| o.name.clone())
                    })
                    .collect(),
                name: u.name,
                email: u.email,
            }
        })
        .collect())
}

/// Replaces a user's roles. An admin cannot take the admin role from themselves, so the portal
/// always keeps one.
pub async fn set_roles(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    roles: &[Role],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    if user_id == actor.user_id && !roles.contains(&Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(db).await?;
    app_user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut before: Vec<String> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect();
    before.sort();
    let mut unique = roles.to_vec();
    unique.sort();
    unique.dedup();
    let mut after: Vec<&str> = unique.iter().map(|r| r.code()).collect();
    after.sort();
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    for role in unique {
        user_role::ActiveModel {
            user_id: Set(user_id),
            role: Set(role.code().into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    if before != after {
        audit::record(
            &txn,
            Some(actor.user_id),
            "user.roles",
            format!("user:{user_id}"),
            audit::changes(&before, &after),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Deactivates or reactivates an account. Deactivation ends its sessions at once.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    if user_id == actor.user_id && !active {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(db).await?;
    let user = app_user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let was_active = user.active;
    let mut u: app_user::ActiveModel = user.into();
    u.active = Set(active);
    if !active {
        u.sessions_valid_after = Set(Some(now));
    }
    u.updated_at = Set(now);
    u.update(&txn).await?;
    if was_active != active {
        audit::record(
            &txn,
            Some(actor.user_id),
            "user.active",
            format!("user:{user_id}"),
            audit::changes(&was_active, &active),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The newest mails in the outbox, optionally of one status (`queued`, `sent`, `failed`).
pub async fn outbox(
    db: &DatabaseConnection,
    actor: &Actor,
    status: Option<&str>,
) -> Result<Vec<OutboxRow>, AppError> {
    require_admin(actor)?;
    let mut find = mail_outbox::Entity::find()
        .order_by_desc(mail_outbox::Column::Id)
        .limit(200);
    if let Some(state) = status.and_then(|s| MailState::try_from_value(&s.to_string()).ok()) {
        find = find.filter(mail_outbox::Column::Status.eq(state));
    }
    Ok(find
        .all(db)
        .await?
        .into_iter()
        .map(|m| OutboxRow {
            id: m.id,
            to: m.to_address,
            subject: m.subject,
            status: m.status.to_value(),
            attempts: m.attempts,
            last_error: m.last_error,
            created: when(m.created_at),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_in_a_search_match_only_themselves() {
        assert_eq!(like_literal("50%_of\\"), "50of");
    }
}
