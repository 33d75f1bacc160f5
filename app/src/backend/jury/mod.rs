//! The jury room: membership, assignments, conflicts of interest, score sheets, progress,
//! ranking and the decision. Who may see what is decided here and only here:
//! - a juror is a member of the year's jury; they score the entries assigned to them (all of
//!   them unless the organiser has assigned otherwise), except those they are conflicted on;
//! - a juror sees other jurors' scores of an entry only after submitting their own (or, if the
//!   year says so, only once judging has closed), and never for an entry they are conflicted on;
//! - the chair sees progress during judging and the ranking once judging has closed; the
//!   organiser (admin) sees both at any time, being no juror.
//!
//! Its parts: `access` (who may read and score which entry: the one owner of that rule),
//! `membership` (members and conflicts), `scoring` (score sheets), `deliberation` (progress and
//! ranking), `grid` (the meeting grid, juror × entry), `discussion` (the jury's thread on an
//! entry), `decision` (recording the decision, and reopening it), `shortlist` (the shortlist
//! round before full scoring: the jurors' answers and the chair's advancement), `unsaved` (a
//! juror's sheet or the decision that a save refused, kept for whoever sent it); what they
//! share is here.
mod access;
mod decision;
mod deliberation;
mod discussion;
mod grid;
mod membership;
mod scoring;
mod shortlist;
mod unsaved;

pub(crate) use access::{JuryAccess, Stage};
pub use decision::*;
pub use deliberation::*;
pub use discussion::*;
pub use grid::*;
pub use membership::*;
pub use scoring::*;
pub use shortlist::*;
pub use unsaved::{
    discard_unsaved_advancement, discard_unsaved_decision, discard_unsaved_reopening,
    discard_unsaved_sheet, kept_recorded_conflict, unsaved_sheet,
};

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::backend::accounts::Actor;
use crate::backend::competition::{EUROPEAN, phase_at};
use crate::backend::entities::{app_user, competition, entry, jury_conflict, jury_member};
use crate::backend::entries::{PUBLIC_STATUSES, applicant};
use crate::error::{AppError, Conflict};
use crate::model::Phase;

pub(super) const MAX_COMMENT: usize = 5_000;

pub(super) use crate::backend::entities::score_sheet::Stored;

/// A sheet's scores by criterion key (the stored column's map).
pub(super) type Scores = BTreeMap<String, Stored>;

pub(super) use crate::backend::competition::round;
pub(super) use crate::model::RoundRef;

pub(super) async fn member(
    db: &DatabaseConnection,
    competition_id: i32,
    user_id: i32,
) -> Result<Option<jury_member::Model>, AppError> {
    Ok(jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(competition_id))
        .filter(jury_member::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// Judging is open from its start until deliberation (or a decision) begins.
pub(super) fn judging_open(c: &competition::Model, now: DateTime<Utc>) -> bool {
    phase_at(c, now) == Phase::Judging
}

/// Conflicts of interest are declared (or recorded by the organiser) until the jury decides: a
/// juror who finds one in deliberation still stands aside, and their sheet no longer counts.
pub(crate) fn conflicts_open(c: &competition::Model, now: DateTime<Utc>) -> bool {
    phase_at(c, now) <= Phase::Deliberation
}

/// Entries that take part in judging: submitted or found eligible; in the European final only
/// the countries' competing entries, never good practice.
pub(crate) async fn judged_entries(
    db: &DatabaseConnection,
    c: &competition::Model,
) -> Result<Vec<entry::Model>, AppError> {
    let mut q = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .filter(entry::Column::Status.is_in(PUBLIC_STATUSES));
    if c.round_kind == EUROPEAN {
        q = q.filter(entry::Column::Competing.eq(true));
    }
    Ok(q.order_by_asc(entry::Column::Reference).all(db).await?)
}

/// Who stands aside from which entry, as (entry, juror): the conflicts of interest declared by
/// jurors or added by the organiser, and, in the European final, every juror from the entry's
/// own country. That recusal is automatic: nobody declares it, and nobody can lift it.
pub(crate) async fn conflicts(
    db: &DatabaseConnection,
    entry_ids: &[i32],
) -> Result<HashSet<(i32, i32)>, AppError> {
    let mut out: HashSet<(i32, i32)> = jury_conflict::Entity::find()
        .filter(jury_conflict::Column::EntryId.is_in(entry_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.entry_id, c.juror_id))
        .collect();
    let entries = entry::Entity::find()
        .filter(entry::Column::Id.is_in(entry_ids.to_vec()))
        .all(db)
        .await?;
    let rounds: HashSet<i32> = entries.iter().map(|e| e.competition_id).collect();
    // Only the final's jurors have a country.
    let from_a_country = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.is_in(rounds))
        .filter(jury_member::Column::Country.is_not_null())
        .all(db)
        .await?;
    for e in &entries {
        out.extend(
            from_a_country
                .iter()
                .filter(|m| {
                    m.competition_id == e.competition_id
                        && m.country.as_deref() == Some(e.country.as_str())
                })
                .map(|m| (e.id, m.user_id)),
        );
    }
    Ok(out)
}

/// The entry, its year and the round's jury access, for a juror allowed to read and score it:
/// 404 unless the entry is among theirs (`JuryAccess::assigned`), 409 `Recused` where they
/// stand aside.
pub(super) async fn juror_entry(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
) -> Result<(entry::Model, competition::Model, JuryAccess), AppError> {
    let e = entry::Entity::find_by_id(entry_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = applicant::competition_of(db, &e).await?;
    let access = juror_access(db, actor, &e, &c).await?;
    Ok((e, c, access))
}

/// [`juror_entry`]'s rule for an entry and round already loaded.
pub(super) async fn juror_access(
    db: &DatabaseConnection,
    actor: &Actor,
    e: &entry::Model,
    c: &competition::Model,
) -> Result<JuryAccess, AppError> {
    let access = JuryAccess::load(db, c).await?;
    judges(&access, actor, e)?;
    Ok(access)
}

/// [`juror_access`]'s rule on a loaded `access`: 404 to anyone the entry is not assigned to, 409
/// to a juror who stands aside from it.
pub(super) fn judges(access: &JuryAccess, actor: &Actor, e: &entry::Model) -> Result<(), AppError> {
    if !access.assigned(e.id, actor.user_id) {
        return Err(AppError::NotFound);
    }
    if access.conflicted(e.id, actor.user_id) {
        return Err(AppError::Conflict(Conflict::Recused));
    }
    Ok(())
}

/// The round and the entries the actor may read in it, in reference order (the reading pack's):
/// for a member of its jury, `JuryAccess::may_read`'s entries; 404 for anyone else.
pub async fn readable_entries(
    db: &DatabaseConnection,
    actor: &Actor,
    r: RoundRef,
) -> Result<(competition::Model, Vec<entry::Model>), AppError> {
    let c = round(db, r).await?;
    member(db, c.id, actor.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = JuryAccess::load(db, &c).await?;
    let mine = access
        .entries()
        .iter()
        .filter(|e| access.may_read(e.id, actor.user_id))
        .cloned()
        .collect();
    Ok((c, mine))
}

/// Whether the actor may read the entry as a juror: assigned to it, a member of its year's
/// jury, without a conflict of interest (its attachments, as supporting material).
pub async fn may_read_as_juror(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
) -> Result<bool, AppError> {
    match juror_entry(db, actor, entry_id).await {
        Ok(_) => Ok(true),
        Err(AppError::NotFound | AppError::Conflict(Conflict::Recused)) => Ok(false),
        Err(e) => Err(e),
    }
}

pub(super) async fn user_names(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}
