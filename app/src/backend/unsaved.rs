//! Text a save refused, kept for the person who typed it: a plain form post (no scripts) is
//! answered with a redirect, so the form cannot show what was sent again, and a script form
//! keeps it only until the page is left. The rooms that own the forms decide who may keep and
//! read what (`entries::applicant` for an entry's text, `entries::screening` for the reason
//! given in a screening, `jury` for a score sheet, a note to the jury's discussion, the jury's
//! decision and the reason to reopen it, a juror's reason for a conflict of interest or the
//! organiser's record of one, the shortlist's advancement, `messages` for a group message,
//! `feedback` for the feedback on an entry, `publication` for a news item or event); this room
//! only stores it, the latest per person, entry, round or item, and form, until its writer
//! discards it or retention removes it after [`UNSAVED_DAYS`](crate::model::UNSAVED_DAYS) days.
//! Nobody else reads it.
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter,
};
use serde::{Serialize, de::DeserializeOwned};

use crate::backend::accounts::Actor;
use crate::backend::begin_write;
use crate::backend::clock::when;
pub use crate::backend::entities::unsaved_text::UnsavedForm;
use crate::backend::entities::unsaved_text::{self, Holder};
use crate::error::{AppError, Conflict};
use crate::model::{UnsavedReason, When};

/// Why `error` refused a save, if it is a refusal whose text is worth keeping: the form was
/// saved elsewhere in between (for the decision: recorded by someone else; for its reopening:
/// reopened by someone else; for the shortlist's advancement: advanced by someone else), a
/// field was refused, or the form takes no changes now.
pub fn reason(error: &AppError) -> Option<UnsavedReason> {
    match error {
        AppError::Conflict(
            Conflict::Stale
            | Conflict::Rescreened
            | Conflict::AlreadyDecided
            | Conflict::AlreadyAdvanced
            | Conflict::NothingToReopen
            | Conflict::FeedbackChanged
            | Conflict::ItemChanged,
        ) => Some(UnsavedReason::Stale),
        AppError::Conflict(
            Conflict::Closed
            | Conflict::JudgingClosed
            | Conflict::ConflictsClosed
            | Conflict::ShortlistFirst
            | Conflict::AlreadyPublished,
        ) => Some(UnsavedReason::Closed),
        AppError::Invalid(_) => Some(UnsavedReason::Invalid),
        _ => None,
    }
}

/// Whose text of which form: the key of one kept row.
#[derive(Clone, Copy, Debug)]
pub struct Whose {
    pub user: i32,
    /// The entry, round or item the form belongs to ([`UnsavedForm::holder`]); 0 for an item
    /// not yet created.
    pub of: i32,
    pub form: UnsavedForm,
}

impl Whose {
    /// The actor's text in `form` of the entry or round `of`.
    pub fn of(actor: &Actor, of: i32, form: UnsavedForm) -> Whose {
        Whose {
            user: actor.user_id,
            of,
            form,
        }
    }

    /// The column that holds `of`.
    fn column(self) -> unsaved_text::Column {
        match self.form.holder() {
            Holder::Entry => unsaved_text::Column::EntryId,
            Holder::Round => unsaved_text::Column::CompetitionId,
            Holder::Item => unsaved_text::Column::ItemId,
        }
    }

    fn condition(self) -> Condition {
        Condition::all()
            .add(unsaved_text::Column::UserId.eq(self.user))
            .add(self.column().eq(self.of))
            .add(unsaved_text::Column::Form.eq(self.form))
    }
}

/// Text that was kept: when, why, on which revision the form was based, and the fields. The
/// jury's decision has no revision of its own; its revision is how many times the round's
/// decision has been reopened, which moves on whenever a decision was recorded and taken back.
#[derive(Clone, Debug)]
pub struct Kept<T> {
    pub at: When,
    pub reason: UnsavedReason,
    pub based_on: Option<i32>,
    pub fields: T,
}

impl<T> Kept<T> {
    /// Whether the form, stored now at `revision`, should show this text again: it was refused
    /// for what it said, and nothing was stored since it was sent. Text refused for any other
    /// reason would overwrite newer text, or cannot be saved at all.
    pub fn belongs_in_form(&self, revision: i32) -> bool {
        self.reason == UnsavedReason::Invalid && self.based_on == Some(revision)
    }
}

/// Keeps `fields`, sent on `based_on` and refused for `reason`, replacing what was kept for
/// the same person, entry, round or item, and form before. The caller has checked that the person
/// may write the form.
pub async fn keep<T: Serialize>(
    db: &DatabaseConnection,
    whose: Whose,
    fields: &T,
    based_on: i32,
    reason: UnsavedReason,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let json = serde_json::to_string(fields).map_err(|_| AppError::Internal)?;
    let txn = begin_write(db).await?;
    discard(&txn, whose).await?;
    let holder = whose.form.holder();
    unsaved_text::ActiveModel {
        entry_id: Set((holder == Holder::Entry).then_some(whose.of)),
        competition_id: Set((holder == Holder::Round).then_some(whose.of)),
        item_id: Set((holder == Holder::Item).then_some(whose.of)),
        user_id: Set(whose.user),
        form: Set(whose.form),
        draft: Set(json),
        reason: Set(reason.code().into()),
        based_on: Set(Some(based_on)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The text kept for `whose`, if any.
pub async fn kept<T: DeserializeOwned, C: ConnectionTrait>(
    db: &C,
    whose: Whose,
) -> Result<Option<Kept<T>>, AppError> {
    unsaved_text::Entity::find()
        .filter(whose.condition())
        .one(db)
        .await?
        .map(|row| kept_of(&row))
        .transpose()
}

/// Every text kept for `user` in `form`, each with the entry, round or item it belongs to
/// ([`Whose::of`]): for a page that lists many of them, in one query.
pub async fn kept_all<T: DeserializeOwned, C: ConnectionTrait>(
    db: &C,
    user: i32,
    form: UnsavedForm,
) -> Result<Vec<(i32, Kept<T>)>, AppError> {
    let holder = form.holder();
    unsaved_text::Entity::find()
        .filter(unsaved_text::Column::UserId.eq(user))
        .filter(unsaved_text::Column::Form.eq(form))
        .all(db)
        .await?
        .iter()
        .filter_map(|row| {
            let of = match holder {
                Holder::Entry => row.entry_id,
                Holder::Round => row.competition_id,
                Holder::Item => row.item_id,
            };
            of.map(|of| kept_of(row).map(|k| (of, k)))
        })
        .collect()
}

fn kept_of<T: DeserializeOwned>(row: &unsaved_text::Model) -> Result<Kept<T>, AppError> {
    Ok(Kept {
        at: when(row.created_at),
        reason: UnsavedReason::parse(&row.reason).unwrap_or(UnsavedReason::Stale),
        based_on: row.based_on,
        fields: serde_json::from_str(&row.draft).map_err(|_| AppError::Internal)?,
    })
}

/// What a save answers, given `done`, its own outcome, and `kept`, that of keeping or settling
/// its text ([`after`], [`keep`], [`settle`], [`discard`]): always `done`. Keeping is done
/// beside the save, so a copy that could not be kept or settled (the database failing in
/// between) is logged, and neither hides why the save was refused nor turns a save that was
/// stored into an error that would have its writer send it again.
pub fn answer<R>(done: Result<R, AppError>, kept: Result<(), AppError>) -> Result<R, AppError> {
    if let Err(e) = kept {
        tracing::error!(error = %e, refused = done.is_err(), "a save's text was not kept or settled");
    }
    done
}

/// After a save of `fields` over `revision` that `saved` tells the outcome of: a refusal worth
/// it keeps them for `whose`, and a success settles what the form had shown again. The caller
/// has checked that the person may write the form.
pub async fn after<T: Serialize, R>(
    db: &DatabaseConnection,
    whose: Whose,
    (fields, revision): (&T, i32),
    saved: &Result<R, AppError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match saved.as_ref().map_err(reason) {
        Ok(_) => settle(db, whose, revision).await,
        Err(Some(reason)) => keep(db, whose, fields, revision, reason, now).await,
        Err(None) => Ok(()),
    }
}

/// After a form of one text (a reason, a note) was sent over `revision`: a refusal worth it
/// keeps the text (an empty one has nothing to keep, and would replace a copy worth keeping);
/// a success settles the text refused for its content that the form showed again. The caller
/// has checked that the person may write the form.
pub async fn after_text<R>(
    db: &DatabaseConnection,
    whose: Whose,
    (text, revision): (&str, i32),
    done: &Result<R, AppError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if done.is_err() && text.trim().is_empty() {
        return Ok(());
    }
    after(db, whose, (&text, revision), done, now).await
}

/// After a save over `revision`: discards the text kept for `whose` that the form showed again
/// ([`Kept::belongs_in_form`]), since what was saved replaces it.
pub async fn settle<C: ConnectionTrait>(
    db: &C,
    whose: Whose,
    revision: i32,
) -> Result<(), AppError> {
    unsaved_text::Entity::delete_many()
        .filter(whose.condition())
        .filter(unsaved_text::Column::Reason.eq(UnsavedReason::Invalid.code()))
        .filter(unsaved_text::Column::BasedOn.eq(revision))
        .exec(db)
        .await?;
    Ok(())
}

/// Discards the text kept for `whose`, if any. A discard is done once nothing is kept, so one
/// that finds nothing (already discarded in another tab, or settled by a save) is not an error:
/// the reader asked for the copy to be gone, and it is.
pub async fn discard<C: ConnectionTrait>(db: &C, whose: Whose) -> Result<(), AppError> {
    unsaved_text::Entity::delete_many()
        .filter(whose.condition())
        .exec(db)
        .await?;
    Ok(())
}
