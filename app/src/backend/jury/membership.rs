//! Who sits on a year's jury, and the conflicts of interest that keep a juror off an entry.
use crate::backend::begin_write;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};

use crate::backend::accounts::Actor;
use crate::backend::admin::require_organiser;
use crate::backend::audit;
use crate::backend::entities::{entry, jury_conflict, jury_member, user_role};
use crate::backend::entries::applicant;
use crate::backend::unsaved::{UnsavedForm, Whose};
use crate::error::{AppError, Conflict, Problem};
use crate::model::{RecordedConflict, Role};

use super::*;

/// Adds a person to a year's jury (the organiser; also what accepting an invitation does) and
/// gives them the juror role, and the chair role when `chair`.
pub async fn add_member(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    user_id: i32,
    chair: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let c = round(db, r.into()).await?;
    require_organiser(actor, &c)?;
    // The European jury is joined by invitation only, which names the juror's member state
    // (for recusal) and keeps the jury within its eight seats.
    if c.round_kind == EUROPEAN {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(db).await?;
    join(&txn, c.id, user_id, chair, None, now).await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "jury.member",
        format!("competition:{} user:{user_id}", c.id),
        serde_json::json!({ "chair": chair }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub(crate) async fn join<C: ConnectionTrait>(
    db: &C,
    competition_id: i32,
    user_id: i32,
    chair: bool,
    country: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(competition_id))
        .filter(jury_member::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(m) => {
            jury_member::ActiveModel {
                id: Set(m.id),
                chair: Set(chair || m.chair),
                country: Set(country.or(m.country)),
                ..Default::default()
            }
            .update(db)
            .await?;
        }
        None => {
            jury_member::ActiveModel {
                competition_id: Set(competition_id),
                user_id: Set(user_id),
                chair: Set(chair),
                joined_at: Set(now),
                country: Set(country),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    let roles: Vec<String> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect();
    for role in [Some(Role::Juror), chair.then_some(Role::Chair)]
        .into_iter()
        .flatten()
    {
        if !roles.iter().any(|r| r == role.code()) {
            user_role::ActiveModel {
                user_id: Set(user_id),
                role: Set(role.code().into()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The organiser records a juror's conflict of interest. A record refused (the reason too long,
/// or the jury had decided) is kept for them, as the juror's own declaration is: the jury
/// page's form shows it again until they record a conflict or discard it.
pub async fn add_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    sent: RecordedConflict,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let e = entry::Entity::find_by_id(sent.entry_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = applicant::competition_of(db, &e).await?;
    require_organiser(actor, &c)?;
    let (entry_id, juror_id) = (sent.entry_id, sent.juror_id);
    let added = declare_conflict(db, actor, entry_id, juror_id, &sent.reason, now).await;
    let kept = super::unsaved::after_recorded_conflict(db, actor, &c, &sent, &added, now).await;
    crate::backend::unsaved::answer(added, kept)
}

/// Discards the organiser's record of a conflict in round `r` that a save refused, if any.
pub async fn discard_unsaved_recorded_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
) -> Result<(), AppError> {
    let c = round(db, r.into()).await?;
    require_organiser(actor, &c)?;
    super::unsaved::discard_text(db, actor, (UnsavedForm::RecordedConflict, c.id)).await
}

/// A juror declares their own conflict of interest with an entry they judge. A reason refused
/// (too long, or sent once the jury had decided) is kept for them: a plain form post is answered
/// with a redirect, and it would be gone. The scoring page shows it again in the form while it
/// takes a declaration, and lists it otherwise.
pub async fn declare_own_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let declared = declare_conflict(db, actor, entry_id, actor.user_id, reason, now).await;
    let kept = super::unsaved::after_conflict(db, actor, entry_id, reason, &declared, now).await;
    crate::backend::unsaved::answer(declared, kept)
}

/// Discards the actor's reason for a conflict with entry `entry_id` that a save refused, if
/// any: for a juror who judges the entry.
pub async fn discard_unsaved_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
) -> Result<(), AppError> {
    let (e, ..) = juror_entry(db, actor, entry_id).await?;
    super::unsaved::discard_text(db, actor, (UnsavedForm::Conflict, e.id)).await
}

/// A conflict of interest: declared by the juror themself, or added by the organiser, until the
/// jury decides ([`conflicts_open`]). The juror's sheet for the entry, if any, no longer counts,
/// and a reason of theirs for the conflict that a save refused is discarded.
pub async fn declare_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    juror_id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid_field("reason", Problem::Required));
    }
    if reason.chars().count() > MAX_COMMENT {
        return Err(AppError::invalid_field("reason", Problem::TooLong));
    }
    let e = entry::Entity::find_by_id(entry_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = applicant::competition_of(db, &e).await?;
    let own = juror_id == actor.user_id;
    if own {
        if !JuryAccess::load(db, &c)
            .await?
            .assigned(e.id, actor.user_id)
        {
            return Err(AppError::NotFound);
        }
    } else {
        require_organiser(actor, &c)?;
        if member(db, c.id, juror_id).await?.is_none() {
            return Err(AppError::invalid_field("juror_id", Problem::InvalidChoice));
        }
    }
    if !conflicts_open(&c, now) {
        return Err(AppError::Conflict(Conflict::ConflictsClosed));
    }
    let txn = begin_write(db).await?;
    let exists = jury_conflict::Entity::find()
        .filter(jury_conflict::Column::EntryId.eq(e.id))
        .filter(jury_conflict::Column::JurorId.eq(juror_id))
        .one(&txn)
        .await?
        .is_some();
    if !exists {
        jury_conflict::ActiveModel {
            entry_id: Set(e.id),
            juror_id: Set(juror_id),
            reason: Set(reason.to_string()),
            declared_by: Set(Some(actor.user_id)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            Some(actor.user_id),
            "jury.conflict",
            format!("entry:{} juror:{juror_id}", e.id),
            serde_json::json!({ "reason": reason }),
            now,
        )
        .await?;
    }
    // The juror stands aside from the entry now, and no longer sees its scoring page: a reason
    // of theirs that a save refused, kept there, asked for what now stands.
    let theirs = Whose {
        user: juror_id,
        of: e.id,
        form: UnsavedForm::Conflict,
    };
    crate::backend::unsaved::discard(&txn, theirs).await?;
    txn.commit().await?;
    Ok(())
}
