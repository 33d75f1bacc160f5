//! The GDPR room: a person's data found wherever it is stored, handed over as one file, and
//! erased. Both the person (from their own account) and the organiser (handling a request by
//! mail or letter, for someone with or without an account) use it; the organiser's way is
//! the admin's alone.
//!
//! - `places`: every stored value naming a person, found by reading the schema's text columns;
//! - `erasure`: the rows about the person removed, their name and address replaced elsewhere,
//!   audit lines blanked, and one audit line saying so;
//! - `export`: a zip with their data as JSON and the files they uploaded.
mod erasure;
mod export;
pub mod places;

use std::path::Path;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::accounts::{Actor, normalise_email, verify_password};
use super::admin::require_admin;
use super::audit;
use super::begin_write;
use super::entities::{app_user, organisation, organisation_member, user_role};
use crate::error::{AppError, Conflict, Problem};
use crate::model::{EXCERPT_CHARS, ErasureReport, PersonAccount, PersonPlace, PersonSearch};
use erasure::Names;
use places::{Found, Needles};

/// How an erased account's address ends: `deleted-<id>@deleted.invalid`.
pub const ERASED_DOMAIN: &str = "@deleted.invalid";

/// Whom a request is about: an address, the names to look for, and the account, if any.
pub(crate) struct Person {
    pub email: String,
    pub names: Vec<String>,
    pub user: Option<app_user::Model>,
}

impl Person {
    /// The person with this address: the account's name is searched for with the one typed.
    async fn find<C: ConnectionTrait>(db: &C, email: &str, name: &str) -> Result<Person, AppError> {
        let email = normalise_email(email).map_err(|p| AppError::invalid_field("email", p))?;
        let user = app_user::Entity::find()
            .filter(app_user::Column::Email.eq(&email))
            .one(db)
            .await?;
        let mut names = Vec::new();
        for n in [name.trim(), user.as_ref().map_or("", |u| u.name.trim())] {
            if !n.is_empty() && !names.iter().any(|m: &String| m.eq_ignore_ascii_case(n)) {
                names.push(n.chars().take(200).collect());
            }
        }
        Ok(Person { email, names, user })
    }

    /// The signed-in person.
    async fn me<C: ConnectionTrait>(db: &C, actor: &Actor) -> Result<Person, AppError> {
        let user = app_user::Entity::find_by_id(actor.user_id)
            .one(db)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        Ok(Person::of(user))
    }

    /// The person behind an account, by its address and name.
    fn of(user: app_user::Model) -> Person {
        Person {
            email: user.email.clone(),
            names: Some(user.name.clone())
                .filter(|n| !n.is_empty())
                .into_iter()
                .collect(),
            user: Some(user),
        }
    }

    fn needles(&self) -> Needles {
        let names: Vec<&str> = self.names.iter().map(String::as_str).collect();
        Needles::new(&self.email, &names)
    }
}

/// What the organiser sees when handling a request: the account and every place.
pub async fn search(
    db: &DatabaseConnection,
    actor: &Actor,
    email: &str,
    name: &str,
) -> Result<PersonSearch, AppError> {
    require_admin(actor)?;
    if email.trim().is_empty() {
        return Ok(PersonSearch::default());
    }
    let person = Person::find(db, email, name).await?;
    let needles = person.needles();
    let account = match &person.user {
        Some(u) => Some(account_of(db, u, actor).await?),
        None => None,
    };
    let places = places::find(db, &needles)
        .await?
        .iter()
        .map(|f| shown(f, &needles))
        .collect();
    // The names searched for: the address is not one, wherever its length sorts it.
    let names = needles
        .strings()
        .iter()
        .filter(|n| **n != person.email)
        .cloned()
        .collect();
    Ok(PersonSearch {
        query: crate::model::person_query(&person.email, name),
        email: person.email,
        names,
        account,
        places,
    })
}

/// The organiser's download of a person's data, for a request.
pub async fn export_for(
    db: &DatabaseConnection,
    actor: &Actor,
    dir: &Path,
    email: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, AppError> {
    require_admin(actor)?;
    let person = Person::find(db, email, name).await?;
    let zip = export::zip(db, dir, &person, now).await?;
    // Who handed out whose data; the line names the account, never the address.
    audit::record(
        db,
        Some(actor.user_id),
        "person.export",
        subject(&person),
        serde_json::json!({ "bytes": zip.len() }),
        now,
    )
    .await?;
    Ok(zip)
}

/// How audit lines name a person: their account, or no one in particular.
fn subject(person: &Person) -> String {
    person
        .user
        .as_ref()
        .map_or_else(|| "person".to_string(), |u| format!("user:{}", u.id))
}

/// The signed-in person's own data as one file.
pub async fn my_export(
    db: &DatabaseConnection,
    actor: &Actor,
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, AppError> {
    let person = Person::me(db, actor).await?;
    export::zip(db, dir, &person, now).await
}

/// The organiser erases a person, on their request, once they have confirmed it. Their own
/// account they erase themselves.
pub async fn erase_for(
    db: &DatabaseConnection,
    actor: &Actor,
    email: &str,
    name: &str,
    confirmed: bool,
    now: DateTime<Utc>,
) -> Result<ErasureReport, AppError> {
    require_admin(actor)?;
    if !confirmed {
        return Err(AppError::invalid_field("confirm", Problem::Required));
    }
    let txn = begin_write(db).await?;
    let person = Person::find(&txn, email, name).await?;
    if person.user.as_ref().is_some_and(|u| u.id == actor.user_id) {
        return Err(AppError::Conflict(Conflict::OwnAccount));
    }
    let report = erasure::erase(&txn, &person, Names::Everywhere, Some(actor.user_id), now).await?;
    txn.commit().await?;
    Ok(report)
}

/// Erases the signed-in person's own data, after their password. The entries they wrote
/// belong to their organisation and stay, without their name; the account row stays as an
/// anonymous placeholder so that history (scores, audit) still points somewhere. The last
/// member of an organisation cannot leave it memberless.
pub async fn delete_account(
    db: &DatabaseConnection,
    actor: &Actor,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let person = Person::me(db, actor).await?;
    let hash = person.user.as_ref().map(|u| u.password_hash.as_str());
    if !verify_password(password, hash).await {
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
    erasure::erase(
        &txn,
        &person,
        Names::BesideTheAddress,
        Some(actor.user_id),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Erases an account nobody has used for as long as the retention rule for people allows, in
/// the caller's transaction; the audit line has no actor (the portal did it).
pub(crate) async fn erase_unused<C: ConnectionTrait + sea_orm::TransactionTrait>(
    txn: &C,
    user: app_user::Model,
    now: DateTime<Utc>,
) -> Result<ErasureReport, AppError> {
    erasure::erase(txn, &Person::of(user), Names::BesideTheAddress, None, now).await
}

async fn account_of<C: ConnectionTrait>(
    db: &C,
    u: &app_user::Model,
    actor: &Actor,
) -> Result<PersonAccount, AppError> {
    let (roles, organisations) = roles_and_organisations(db, u.id).await?;
    Ok(PersonAccount {
        name: u.name.clone(),
        active: u.active,
        roles: roles
            .iter()
            .filter_map(|r| crate::model::Role::from_code(r))
            .collect(),
        organisations,
        own: u.id == actor.user_id,
    })
}

/// An account's role codes and the names of its organisations.
async fn roles_and_organisations<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<(Vec<String>, Vec<String>), AppError> {
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect();
    let memberships = organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let organisations = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(memberships.iter().map(|m| m.organisation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect();
    Ok((roles, organisations))
}

/// A place as the organiser sees it: a stretch of the value around the first match.
fn shown(f: &Found, needles: &Needles) -> PersonPlace {
    PersonPlace {
        table: f.table.clone(),
        row: f.id.clone(),
        column: f.column.clone(),
        excerpt: needles.excerpt(&f.value, EXCERPT_CHARS),
    }
}
