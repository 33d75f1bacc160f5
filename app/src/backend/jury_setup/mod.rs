//! The organiser's side of the jury: invitations, the chair, assignments, reminders, and the
//! export of every score and comment.
//!
//! Its parts: `invitations`, `assignments`, `reminders`, `export`; the overview and the chair,
//! and what the parts share, are here.
mod assignments;
mod export;
mod invitations;
mod reminders;

pub use assignments::*;
pub use export::*;
pub use invitations::*;
pub use reminders::*;

use crate::backend::begin_write;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use super::accounts::{self, Actor, Invitee};
use super::admin::{require_any_organiser, require_organiser};
use super::audit;
use super::clock::when;
use super::competition::{every_round, phase_at};
use super::entities::jury_invitation::InvitationState;
use super::entities::{
    app_user, competition, entry, final_country, jury_assignment, jury_invitation, jury_member,
    jury_reminder_sent, score_sheet,
};
use super::exports;
use super::jury::{self, JuryAccess, join, judged_entries};
use super::mail::{self, JuryOf, Template};
use super::rubric::criteria;
use crate::error::{AppError, Conflict, Problem};
use crate::i18n::Lang;
use crate::model::{
    AssignmentReport, JuryAdminView, JuryInvitationInfo, JuryInvitationStatus, JuryInvitationView,
    JuryMemberRow, Phase, Role, Shortfall, Text,
};

const INVITATION_DAYS: i64 = 14;

use super::competition::round;
use crate::model::RoundRef;

fn status(i: &jury_invitation::Model, now: DateTime<Utc>) -> JuryInvitationStatus {
    match i.status {
        InvitationState::Accepted => JuryInvitationStatus::Accepted,
        InvitationState::Declined => JuryInvitationStatus::Declined,
        InvitationState::Revoked => JuryInvitationStatus::Revoked,
        InvitationState::Pending if i.expires_at <= now => JuryInvitationStatus::Expired,
        InvitationState::Pending => JuryInvitationStatus::Pending,
    }
}

/// Members and invitations of a year's jury.
pub async fn overview(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    now: DateTime<Utc>,
) -> Result<JuryAdminView, AppError> {
    require_any_organiser(actor)?;
    let c = round(db, r.into()).await?;
    require_organiser(actor, &c)?;
    let members = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(c.id))
        .all(db)
        .await?;
    let users: HashMap<i32, app_user::Model> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(members.iter().map(|m| m.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    // While judging, what each juror has left: the organiser may remind them.
    let outstanding = if phase_at(&c, now) == Phase::Judging {
        Some(Outstanding::load(db, &c).await?)
    } else {
        None
    };
    let mut members: Vec<JuryMemberRow> = members
        .iter()
        .filter_map(|m| {
            let u = users.get(&m.user_id)?;
            Some(JuryMemberRow {
                user_id: u.id,
                name: u.name.clone(),
                email: u.email.clone(),
                chair: m.chair,
                country: m.country.clone(),
                remaining: outstanding.as_ref().map(|o| o.of(u.id)),
            })
        })
        .collect();
    members.sort_by(|a, b| a.name.cmp(&b.name));
    let invitations = jury_invitation::Entity::find()
        .filter(jury_invitation::Column::CompetitionId.eq(c.id))
        .order_by_desc(jury_invitation::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|i| JuryInvitationView {
            id: i.id,
            email: i.email.clone(),
            status: status(i, now),
            sent: when(i.created_at),
        })
        .collect();
    let entries = judged_entries(db, &c).await?;
    let assigned_explicitly = jury_assignment::Entity::find()
        .filter(jury_assignment::Column::EntryId.is_in(entries.iter().map(|e| e.id)))
        .count(db)
        .await?
        > 0;
    let countries = final_country::Entity::find()
        .filter(final_country::Column::CompetitionId.eq(c.id))
        .order_by_asc(final_country::Column::Country)
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.country)
        .collect();
    let may_record = jury::conflicts_open(&c, now);
    let kept_conflict = jury::kept_recorded_conflict(db, actor, &c, may_record).await?;
    Ok(JuryAdminView {
        may_record,
        kept_conflict,
        countries,
        shortlist: c.shortlist_kind.is_some(),
        year: c.year,
        members,
        invitations,
        assigned_explicitly,
        entries: entries
            .into_iter()
            .map(|e| (e.id, format!("{} – {}", e.reference, e.title)))
            .collect(),
    })
}

/// Makes a member the year's chair (or no longer the chair). One chair at a time.
pub async fn set_chair(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_any_organiser(actor)?;
    let c = round(db, r.into()).await?;
    require_organiser(actor, &c)?;
    let members = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(c.id))
        .all(db)
        .await?;
    if !members.iter().any(|m| m.user_id == user_id) {
        return Err(AppError::invalid_field("user_id", Problem::InvalidChoice));
    }
    let txn = begin_write(db).await?;
    for m in members {
        let chair = m.user_id == user_id;
        if m.chair != chair {
            jury_member::ActiveModel {
                id: Set(m.id),
                chair: Set(chair),
                ..Default::default()
            }
            .update(&txn)
            .await?;
        }
    }
    join(&txn, c.id, user_id, true, None, now).await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "jury.chair",
        format!("competition:{} user:{user_id}", c.id),
        serde_json::json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Which round's jury `c` has, as its mails name it: the home country's, the final's, or another
/// country's round hosted here.
fn jury_of(c: &competition::Model) -> JuryOf {
    if c.round_kind == super::competition::EUROPEAN {
        JuryOf::Final
    } else if c.home {
        JuryOf::Home
    } else {
        JuryOf::Round(c.country.clone())
    }
}
