//! Who may read and score which entry of a round: the one owner of that rule. The scoring view,
//! a juror's list, downloads and reading copies, progress, the ranking, the feedback, the
//! reminders and the group messages all ask it.
//! - A juror is a member of the round's jury.
//! - Their entries are the judged entries assigned to them; while the round has no assignment
//!   at all, every judged entry is everyone's. Once it has some, an entry without any belongs
//!   to no juror (it does not fall back to everyone).
//! - They stand aside from an entry they are conflicted on (in the final, also from their own
//!   country's).
//! - In a round with a shortlist (`shortlist`), the jurors first answer on their entries in
//!   the shortlist round and score none; once the chair has advanced the shortlist, the round's
//!   entries are the advanced ones only, to read and to score.
//! - A sheet counts (ranking, progress, what other jurors and the feedback see) only while its
//!   juror may score its entry: a juror unassigned or conflicted after scoring no longer
//!   counts, and their sheet is hidden from the others.
use std::collections::HashSet;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::{conflicts, judged_entries};
use crate::backend::entities::{
    competition, entry, jury_assignment, jury_member, shortlist_advance,
};
use crate::error::AppError;

/// Where a round's judging stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// The round has no shortlist, or it has been advanced: full scoring.
    Scoring,
    /// The shortlist round: answers, no scores.
    Shortlist,
}

/// One round's jury access, loaded at once.
pub(crate) struct JuryAccess {
    /// The judged entries in play, in reference order: after a shortlist, the advanced ones.
    entries: Vec<entry::Model>,
    /// In a round with a shortlist, every judged entry (those its shortlist round covered).
    shortlisted: Vec<entry::Model>,
    stage: Stage,
    /// The shortlist's advancement, once the chair has made it.
    advancement: Option<shortlist_advance::Model>,
    members: HashSet<i32>,
    /// (entry, juror); `None` while the round has no assignment at all.
    assigned: Option<HashSet<(i32, i32)>>,
    /// (entry, juror).
    conflicts: HashSet<(i32, i32)>,
}

impl JuryAccess {
    pub(crate) async fn load(
        db: &DatabaseConnection,
        c: &competition::Model,
    ) -> Result<JuryAccess, AppError> {
        let judged = judged_entries(db, c).await?;
        let ids: Vec<i32> = judged.iter().map(|e| e.id).collect();
        let advancement = match c.shortlist_kind {
            Some(_) => {
                shortlist_advance::Entity::find()
                    .filter(shortlist_advance::Column::CompetitionId.eq(c.id))
                    .one(db)
                    .await?
            }
            None => None,
        };
        let (entries, shortlisted, stage) = match (&c.shortlist_kind, &advancement) {
            (Some(_), Some(a)) => (
                judged
                    .iter()
                    .filter(|e| a.entries.0.contains(&e.id))
                    .cloned()
                    .collect(),
                judged,
                Stage::Scoring,
            ),
            (Some(_), None) => (judged.clone(), judged, Stage::Shortlist),
            (None, _) => (judged, Vec::new(), Stage::Scoring),
        };
        let members = jury_member::Entity::find()
            .filter(jury_member::Column::CompetitionId.eq(c.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        let rows: HashSet<(i32, i32)> = jury_assignment::Entity::find()
            .filter(jury_assignment::Column::EntryId.is_in(ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.entry_id, a.juror_id))
            .collect();
        Ok(JuryAccess {
            conflicts: conflicts(db, &ids).await?,
            entries,
            shortlisted,
            stage,
            advancement,
            members,
            assigned: (!rows.is_empty()).then_some(rows),
        })
    }

    /// The shortlist's advancement, as loaded with the rest: `None` before it, or without a
    /// shortlist round.
    pub(crate) fn advancement(&self) -> Option<&shortlist_advance::Model> {
        self.advancement.as_ref()
    }

    /// The judged entries of the round in play: after a shortlist, the advanced ones.
    pub(crate) fn entries(&self) -> &[entry::Model] {
        &self.entries
    }

    /// The jury's members, in id order.
    pub(crate) fn members(&self) -> Vec<i32> {
        let mut members: Vec<i32> = self.members.iter().copied().collect();
        members.sort();
        members
    }

    /// The entry is one of the juror's: they are a member, it is judged, and it is assigned to
    /// them. A conflict does not change this (the entry shows as "stood aside").
    pub(crate) fn assigned(&self, entry: i32, juror: i32) -> bool {
        self.theirs(&self.entries, entry, juror)
    }

    fn theirs(&self, among: &[entry::Model], entry: i32, juror: i32) -> bool {
        self.members.contains(&juror)
            && among.iter().any(|e| e.id == entry)
            && self
                .assigned
                .as_ref()
                .is_none_or(|set| set.contains(&(entry, juror)))
    }

    pub(crate) fn conflicted(&self, entry: i32, juror: i32) -> bool {
        self.conflicts.contains(&(entry, juror))
    }

    /// The conflicts of the round's judged entries, as (entry, juror).
    pub(crate) fn conflicts(&self) -> &HashSet<(i32, i32)> {
        &self.conflicts
    }

    pub(crate) fn stage(&self) -> Stage {
        self.stage
    }

    /// The juror may read the entry (its desk, attachments, reading copy and pack).
    pub(crate) fn may_read(&self, entry: i32, juror: i32) -> bool {
        self.assigned(entry, juror) && !self.conflicted(entry, juror)
    }

    /// The juror may score the entry, and their sheet of it counts: never in the shortlist
    /// round.
    pub(crate) fn may_score(&self, entry: i32, juror: i32) -> bool {
        self.stage == Stage::Scoring && self.may_read(entry, juror)
    }

    /// The entries the round's shortlist round covers (none without one), in reference order.
    pub(crate) fn shortlisted(&self) -> &[entry::Model] {
        &self.shortlisted
    }

    /// The juror's answer on the entry in the shortlist round counts: it was one of theirs
    /// there, and they do not stand aside from it. Holds after the advancement too.
    pub(crate) fn answer_counts(&self, entry: i32, juror: i32) -> bool {
        self.theirs(&self.shortlisted, entry, juror) && !self.conflicted(entry, juror)
    }

    /// The juror may answer on the entry now: the round is in its shortlist round.
    pub(crate) fn may_vote(&self, entry: i32, juror: i32) -> bool {
        self.stage == Stage::Shortlist && self.answer_counts(entry, juror)
    }
}
