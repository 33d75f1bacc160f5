//! News by email: double opt-in (nothing is sent until the address confirms) and a one-click
//! unsubscribe link in every mail. The form answers the same whatever the address's state, so it
//! reveals nothing about who subscribes.
use crate::backend::begin_write;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use crate::backend::accounts::{new_token, normalise_email};
use crate::backend::entities::subscriber;
use crate::backend::mail::{self, Template};
use crate::backend::mail_limits::{self, Client, Purpose};
use crate::error::AppError;
use crate::i18n::Lang;

/// Asks the address to confirm. Every request counts towards the limits of the client and the
/// address ([`mail_limits`](crate::backend::mail_limits)), a confirmed address's too, which
/// gets no mail.
pub async fn subscribe(
    db: &DatabaseConnection,
    raw_email: &str,
    lang: Lang,
    client: Client<'_>,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let email = normalise_email(raw_email).map_err(|p| AppError::invalid_field("email", p))?;
    let txn = begin_write(db).await?;
    mail_limits::admit(&txn, Purpose::Subscription, client, &email, now).await?;
    let existing = subscriber::Entity::find()
        .filter(subscriber::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?;
    let token = match existing {
        Some(s) if s.confirmed_at.is_some() => {
            txn.commit().await?;
            return Ok(());
        }
        Some(s) => s.token,
        None => {
            let (token, _) = new_token();
            subscriber::ActiveModel {
                email: Set(email.clone()),
                language: Set(lang.code().into()),
                token: Set(token.clone()),
                confirmed_at: Set(None),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            token
        }
    };
    mail::enqueue(
        &txn,
        &email,
        "",
        lang,
        &Template::ConfirmSubscription {
            link: format!(
                "{base_url}{}",
                lang.href(&format!("/subscribe/confirm?token={token}"))
            ),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn confirm(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let s = subscriber::Entity::find()
        .filter(subscriber::Column::Token.eq(token.trim()))
        .one(db)
        .await?
        .ok_or(AppError::InvalidToken)?;
    if s.confirmed_at.is_none() {
        subscriber::ActiveModel {
            id: Set(s.id),
            confirmed_at: Set(Some(now)),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    Ok(())
}

/// Ends a subscription; an unknown token (already unsubscribed) is not an error.
pub async fn unsubscribe(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    subscriber::Entity::delete_many()
        .filter(subscriber::Column::Token.eq(token.trim()))
        .exec(db)
        .await?;
    Ok(())
}
