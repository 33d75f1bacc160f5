//! A person's erasure, in the caller's transaction: the rows that are about them go, their
//! account becomes an anonymous placeholder (scores and history keep pointing at it), their
//! name and address are replaced wherever else they are stored, audit lines naming them are
//! blanked, and one audit line says what was done without saying whom.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoColumnRef, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

use super::Person;
use super::places;
use crate::backend::audit;
use crate::backend::entities::{
    app_user, auth_token, entry_contact, invitation, jury_invitation, login_failure,
    mail_attachment, mail_outbox, mail_request, organisation_member, recovery_code,
    round_organiser, subscriber, unsaved_text, user_role,
};
use crate::error::AppError;
use crate::model::ErasureReport;

/// Where the name is erased: everywhere it occurs, once the organiser has seen the places
/// (another person of the same name would be among them), or only in values that hold the
/// person's address as well (a contact's name beside their address, in a submitted version),
/// when nobody has looked: a person deleting their own account, or the retention rule.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Names {
    Everywhere,
    BesideTheAddress,
}

pub(crate) async fn erase<C: ConnectionTrait + TransactionTrait>(
    txn: &C,
    person: &Person,
    names: Names,
    actor: Option<i32>,
    now: DateTime<Utc>,
) -> Result<ErasureReport, AppError> {
    let needles = person.needles();
    let address = places::Needles::new(&person.email, &[]);
    let mut report = ErasureReport {
        deleted: delete_rows_about(txn, person).await?,
        ..Default::default()
    };
    if let Some(u) = &person.user {
        anonymise(txn, u.clone(), now).await?;
    }
    let mut blanked = Vec::new();
    for place in places::find(txn, &needles).await? {
        if names == Names::BesideTheAddress && !address.occur_in(&place.value) {
            continue;
        }
        let erased = needles.erased_from(&place.value);
        match (place.table.as_str(), place.column.as_str()) {
            // Another person's account with the same name is theirs.
            ("app_user", _) => report.kept.push(super::shown(&place, &needles)),
            ("audit_log", "detail") => {
                let id = place.id.parse().unwrap_or_default();
                if audit::blank(txn, id, erased).await? {
                    blanked.push(id);
                } else {
                    report.kept.push(super::shown(&place, &needles));
                }
            }
            // The rest of an audit line is hashed as it stands.
            ("audit_log", _) => report.kept.push(super::shown(&place, &needles)),
            _ => {
                places::write(txn, &place, erased).await?;
                report.changed += 1;
            }
        }
    }
    report.blanked = blanked.len() as u64;
    audit::record(
        txn,
        actor,
        audit::ERASURE,
        super::subject(person),
        serde_json::json!({
            "deleted": report.deleted,
            "changed": report.changed,
            audit::BLANKED: blanked,
            "kept": report.kept.iter().map(place_ref).collect::<Vec<_>>(),
        }),
        now,
    )
    .await?;
    Ok(report)
}

/// `table:row.column`, naming a place without its contents.
fn place_ref(p: &crate::model::PersonPlace) -> String {
    format!("{}:{}.{}", p.table, p.row, p.column)
}

/// Removes the rows that exist because of the person: by their address (subscriptions,
/// login failures, counted mail requests, invitations, mails to them and what they carry, an
/// entry's contact row with their address) and by their account (memberships, roles, tokens,
/// recovery codes, the rounds they organise, text of theirs that a save refused). Returns how
/// many rows went.
async fn delete_rows_about<C: ConnectionTrait>(txn: &C, person: &Person) -> Result<u64, AppError> {
    let email = person.email.as_str();
    let mails: Vec<i32> = mail_outbox::Entity::find()
        .filter(is(mail_outbox::Column::ToAddress, email))
        .all(txn)
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
    let mut n = gone::<mail_attachment::Entity, _>(
        txn,
        mail_attachment::Column::OutboxId.is_in(mails.clone()),
    )
    .await?;
    n += gone::<mail_outbox::Entity, _>(txn, mail_outbox::Column::Id.is_in(mails)).await?;
    n += gone::<subscriber::Entity, _>(txn, is(subscriber::Column::Email, email)).await?;
    n += gone::<login_failure::Entity, _>(txn, is(login_failure::Column::Email, email)).await?;
    n += gone::<mail_request::Entity, _>(txn, is(mail_request::Column::Recipient, email)).await?;
    n += gone::<invitation::Entity, _>(txn, is(invitation::Column::Email, email)).await?;
    n += gone::<jury_invitation::Entity, _>(txn, is(jury_invitation::Column::Email, email)).await?;
    n += gone::<entry_contact::Entity, _>(txn, is(entry_contact::Column::Email, email)).await?;
    if let Some(u) = &person.user {
        let id = u.id;
        n +=
            gone::<organisation_member::Entity, _>(txn, organisation_member::Column::UserId.eq(id))
                .await?;
        n += gone::<user_role::Entity, _>(txn, user_role::Column::UserId.eq(id)).await?;
        n +=
            gone::<round_organiser::Entity, _>(txn, round_organiser::Column::UserId.eq(id)).await?;
        n += gone::<auth_token::Entity, _>(txn, auth_token::Column::UserId.eq(id)).await?;
        n += gone::<recovery_code::Entity, _>(txn, recovery_code::Column::UserId.eq(id)).await?;
        n += gone::<unsaved_text::Entity, _>(txn, unsaved_text::Column::UserId.eq(id)).await?;
    }
    Ok(n)
}

/// The column holds `email`, in any case.
pub(crate) fn is(col: impl IntoColumnRef, email: &str) -> SimpleExpr {
    Expr::expr(Func::lower(Expr::col(col))).eq(email)
}

/// Deletes the rows of `E` that `which` selects; returns how many.
async fn gone<E: EntityTrait, C: ConnectionTrait>(
    txn: &C,
    which: impl sea_orm::sea_query::IntoCondition,
) -> Result<u64, AppError> {
    Ok(E::delete_many()
        .filter(which)
        .exec(txn)
        .await?
        .rows_affected)
}

/// The account row stays, as an anonymous placeholder nobody can sign in to.
async fn anonymise<C: ConnectionTrait>(
    txn: &C,
    user: app_user::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let id = user.id;
    let mut u: app_user::ActiveModel = user.into();
    u.email = Set(format!("deleted-{id}{}", super::ERASED_DOMAIN));
    u.name = Set(String::new());
    u.password_hash = Set(String::new());
    u.active = Set(false);
    u.email_verified_at = Set(None);
    u.totp_secret = Set(None);
    u.totp_enabled_at = Set(None);
    u.sessions_valid_after = Set(Some(now));
    u.updated_at = Set(now);
    u.update(txn).await?;
    Ok(())
}
