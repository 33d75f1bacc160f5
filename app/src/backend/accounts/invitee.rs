//! The person who answers an invitation (to a jury, to an organisation): the signed-in owner
//! of the invited address's account, or a new account the invitation link proves the address
//! of. Both kinds of invitation check and make accounts the same way.
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::backend::entities::app_user;
use crate::error::{AppError, FieldError};
use crate::i18n::Lang;
use crate::model::Role;

use super::{Actor, check_password, hash_password, insert_user, required};

/// Whether an account has this address (for the invitation page: sign in, or make one).
pub(crate) async fn has_account<C: ConnectionTrait>(db: &C, email: &str) -> Result<bool, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .count(db)
        .await?
        > 0)
}

/// Who accepts an invitation sent to an address, checked before anything is written.
pub(crate) enum Invitee {
    /// An account has the address, and its owner is the one signed in.
    Existing(i32),
    /// No account has the address: one is made with this name and password (already hashed,
    /// so that the slow hash runs outside any transaction).
    New { name: String, password_hash: String },
}

impl Invitee {
    /// The account with `email` must be the signed-in one (`Unauthenticated` otherwise); where
    /// there is none, the name and a password are checked for a new one.
    pub(crate) async fn check<C: ConnectionTrait>(
        db: &C,
        email: &str,
        actor: Option<&Actor>,
        name: &str,
        password: &str,
    ) -> Result<Invitee, AppError> {
        let existing = app_user::Entity::find()
            .filter(app_user::Column::Email.eq(email))
            .one(db)
            .await?;
        if let Some(u) = existing {
            return match actor {
                Some(a) if a.user_id == u.id => Ok(Invitee::Existing(u.id)),
                _ => Err(AppError::Unauthenticated),
            };
        }
        let mut errors = Vec::new();
        let name = required("name", name, 200, &mut errors);
        if let Some(problem) = check_password(password, email, &name) {
            errors.push(FieldError {
                field: "password".into(),
                problem,
            });
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(Invitee::New {
            name,
            password_hash: hash_password(password).await?,
        })
    }

    /// The invitee's account id, and whether it was made now: a new one is verified (the link
    /// proved the address) and has `role`.
    pub(crate) async fn account<C: ConnectionTrait>(
        self,
        db: &C,
        email: &str,
        language: Lang,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<(i32, bool), AppError> {
        match self {
            Invitee::Existing(id) => Ok((id, false)),
            Invitee::New {
                name,
                password_hash,
            } => {
                let u = insert_user(
                    db,
                    email,
                    &name,
                    password_hash,
                    language,
                    Some(now),
                    role,
                    now,
                )
                .await?;
                Ok((u.id, true))
            }
        }
    }
}
