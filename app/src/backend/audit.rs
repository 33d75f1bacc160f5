//! The audit room: one line in `audit_log` per change that someone must be able to account for
//! afterwards (scores, the decision, publication, news and events, jury set-up). Every room that
//! changes such things writes here, in its own transaction; nothing here reads the other rooms.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};

use super::entities::audit_log;
use crate::error::AppError;

/// Writes one line to the audit log, in the caller's transaction.
pub(crate) async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Option<i32>,
    action: &str,
    subject: String,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    audit_log::ActiveModel {
        at: Set(now),
        actor_id: Set(actor),
        action: Set(action.into()),
        subject: Set(subject),
        detail: Set(detail.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
