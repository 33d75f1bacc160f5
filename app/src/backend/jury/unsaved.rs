//! The jury room's forms that a save refused, kept (`backend::unsaved`) for whoever sent them:
//! without scripts a refusal is a redirect, and what was typed would be gone.
//! - A juror's score sheet: judging had closed, the sheet had been saved in another tab since
//!   it was opened, or a score or comment was refused. A sheet refused for what it said comes
//!   back in the form while nothing newer is stored, with the fields marked; any other waits on
//!   its own page (`/jury/unsaved/<id>`) until the juror discards it.
//! - The decision, for the chair or organiser who sent it: refused for what it said (a tie
//!   without a reason, the motivation missing or too long), recorded by someone else first, or
//!   judging over. The first comes back in the form while no decision has been recorded or
//!   taken back since; any other is listed on the ranking page until it is discarded.
//! - The reason to reopen the decision, for the chair or organiser who typed it: refused as too
//!   long, because someone else reopened the decision first, or because the results are
//!   public. The first comes back in the form while the same decision stands; any other is
//!   listed on the ranking page until it is discarded.
//! - A juror's reason for a conflict of interest with an entry: refused as too long, or because
//!   the jury had decided. The first comes back in the form while the scoring page shows it;
//!   any other is listed on that page until it is discarded. Either goes once the conflict
//!   stands, declared or recorded by the organiser: the juror no longer sees the page.
//! - The organiser's record of a juror's conflict of interest: refused as too long, or because
//!   the jury had decided. The jury page's form shows it again until the organiser records a
//!   conflict or discards it.
//! - The shortlist's advancement, for the chair or organiser who sent it: refused for what it
//!   said (no reason, a top N out of range or tied at the cut, no entry ticked), advanced by
//!   someone else first, or judging over. The first comes back in the form while the shortlist
//!   takes an advancement; any other is listed on the shortlist page until it is discarded.
//! - A note to the jury's discussion of an entry, for the juror or organiser who wrote it:
//!   refused as too long, or because notes had closed. The first comes back in the form while
//!   notes are open; the other is listed on the discussion page until it is discarded.
use sea_orm::PaginatorTrait;
use serde::de::DeserializeOwned;

use super::deliberation::overseer;
use super::*;
use crate::backend::competition::round_ref;
use crate::backend::entities::decision_reopening;
use crate::backend::rubric::criteria;
use crate::backend::unsaved::{self, UnsavedForm, Whose};
use crate::model::{
    AdvanceForm, CriterionInfo, CriterionScore, DecisionInput, KeptForm, KeptSheet, KeptText,
    RecordedConflict, Saved, SheetForm, UnsavedReason, UnsavedSheetView,
};

/// After a save of the actor's sheet, sent on `revision`: a refusal worth it keeps what was
/// sent; a success settles a sheet refused for its content on the same revision, which the form
/// showed again and which is now saved over.
pub(super) async fn after_save(
    db: &DatabaseConnection,
    actor: &Actor,
    (id, revision): (i32, i32),
    form: &SheetForm,
    saved: &Result<Saved, AppError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let whose = Whose::of(actor, id, UnsavedForm::Sheet);
    unsaved::after(db, whose, (form, revision), saved, now).await
}

/// `sheet`'s scores in the order of `criteria`, one each, as the form lists them.
fn aligned(sheet: &SheetForm, criteria: &[CriterionInfo]) -> SheetForm {
    SheetForm {
        scores: criteria
            .iter()
            .map(|k| {
                let sent = sheet.scores.iter().find(|s| s.key == k.key);
                CriterionScore {
                    key: k.key.clone(),
                    score: sent.map(|s| s.score.clone()).unwrap_or_default(),
                    comment: sent.map(|s| s.comment.clone()).unwrap_or_default(),
                }
            })
            .collect(),
        overall_comment: sheet.overall_comment.clone(),
    }
}

/// What the scoring page shows of the actor's kept sheet, for a stored sheet at `revision`
/// that the juror may or may not change now (`editable`): the notice, and the sheet to fill
/// the form with if it belongs there. A form that takes no changes shows what is stored, and
/// the kept sheet waits on its own page.
pub(super) async fn for_form(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    (revision, editable): (i32, bool),
    criteria: &[CriterionInfo],
) -> Result<(Option<KeptSheet>, Option<SheetForm>), AppError> {
    let Some(k) =
        unsaved::kept::<SheetForm, _>(db, Whose::of(actor, id, UnsavedForm::Sheet)).await?
    else {
        return Ok((None, None));
    };
    let shown = editable && k.belongs_in_form(revision);
    Ok((
        Some(KeptSheet {
            at: k.at,
            in_form: shown,
        }),
        shown.then(|| aligned(&k.fields, criteria)),
    ))
}

/// The actor's kept sheet of an entry they score; "not found" if there is none.
pub async fn unsaved_sheet(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<UnsavedSheetView, AppError> {
    let (e, c, _) = juror_entry(db, actor, id).await?;
    let k = unsaved::kept::<SheetForm, _>(db, Whose::of(actor, id, UnsavedForm::Sheet))
        .await?
        .ok_or(AppError::NotFound)?;
    let criteria = criteria(db, &c).await?;
    Ok(UnsavedSheetView {
        entry_id: e.id,
        reference: e.reference,
        title: e.title,
        round: round_ref(&c),
        at: k.at,
        reason: k.reason,
        sheet: aligned(&k.fields, &criteria),
        criteria,
    })
}

/// Discards the actor's kept sheet of an entry they score, if any. The round, for the way back
/// to the scoring page.
pub async fn discard_unsaved_sheet(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<RoundRef, AppError> {
    let (_, c, _) = juror_entry(db, actor, id).await?;
    unsaved::discard(db, Whose::of(actor, id, UnsavedForm::Sheet)).await?;
    Ok(round_ref(&c))
}

/// The decision's revision: how many times the round's decision has been taken back.
pub(super) async fn reopened(
    db: &DatabaseConnection,
    c: &competition::Model,
) -> Result<i32, AppError> {
    let n = decision_reopening::Entity::find()
        .filter(decision_reopening::Column::CompetitionId.eq(c.id))
        .count(db)
        .await?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// What the actor's form of round `r` that only someone who may decide the round sends (the
/// decision, the shortlist's advancement) leaves to do with their copy, `done` being how it
/// went: `None` when there is nothing to do (a refusal not worth keeping, or a sender who may
/// not send it); else the round, whose copy, and why to keep it (`None`: it was done).
async fn overseen(
    db: &DatabaseConnection,
    actor: &Actor,
    (r, form): (RoundRef, UnsavedForm),
    done: &Result<(), AppError>,
) -> Result<Option<(competition::Model, Whose, Option<UnsavedReason>)>, AppError> {
    let reason = match done.as_ref().map_err(unsaved::reason) {
        Err(None) => return Ok(None),
        Err(Some(reason)) => Some(reason),
        Ok(()) => None,
    };
    let c = round(db, r).await?;
    if overseer(db, actor, &c).await.is_err() {
        return Ok(None);
    }
    let whose = Whose::of(actor, c.id, form);
    Ok(Some((c, whose, reason)))
}

/// After the actor sent a decision for round `r`: a refusal worth it keeps what was sent, for
/// someone who may decide; a recorded decision settles one refused for its content, which the
/// form showed again.
pub(super) async fn after_decision(
    db: &DatabaseConnection,
    actor: &Actor,
    r: RoundRef,
    input: &DecisionInput,
    recorded: &Result<(), AppError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some((c, whose, reason)) =
        overseen(db, actor, (r, UnsavedForm::Decision), recorded).await?
    else {
        return Ok(());
    };
    let revision = reopened(db, &c).await?;
    match reason {
        Some(reason) => unsaved::keep(db, whose, input, revision, reason, now).await,
        None => unsaved::settle(db, whose, revision).await,
    }
}

/// After the actor sent the advancement of round `r`'s shortlist: a refusal worth it keeps what
/// was sent, for someone who may advance, unless nothing was filled in (it would replace a copy
/// worth keeping); an advancement made discards the actor's copy, whatever refused it, since
/// the shortlist is then decided for good.
pub(super) async fn after_advancement(
    db: &DatabaseConnection,
    actor: &Actor,
    r: RoundRef,
    sent: &AdvanceForm,
    advanced: &Result<(), AppError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let empty =
        sent.reason.trim().is_empty() && sent.top.trim().is_empty() && sent.chosen.is_empty();
    if advanced.is_err() && empty {
        return Ok(());
    }
    let form = (r, UnsavedForm::Advancement);
    match overseen(db, actor, form, advanced).await? {
        Some((_, whose, Some(reason))) => {
            unsaved::keep(db, whose, sent, ADDED_ONLY, reason, now).await
        }
        Some((_, whose, None)) => unsaved::discard(db, whose).await,
        None => Ok(()),
    }
}

/// The kept advancement of round `c`'s shortlist of an actor who may advance it (`oversees`:
/// its chair or organiser), if any; in the form if it was refused for what it said and the page
/// shows the form (`shown`: the shortlist takes an advancement).
pub(super) async fn kept_advancement(
    db: &DatabaseConnection,
    actor: &Actor,
    c: &competition::Model,
    (oversees, shown): (bool, bool),
) -> Result<Option<KeptForm<AdvanceForm>>, AppError> {
    if !oversees {
        return Ok(None);
    }
    let whose = Whose::of(actor, c.id, UnsavedForm::Advancement);
    kept_copy(db, whose, (ADDED_ONLY, shown)).await
}

/// After the actor, who may decide round `c`, sent a reason to reopen its decision, with the
/// decision taken back `revision` times before.
pub(super) async fn after_reopening(
    db: &DatabaseConnection,
    actor: &Actor,
    c: &competition::Model,
    sent: (&str, i32),
    taken: &Result<(), AppError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let whose = Whose::of(actor, c.id, UnsavedForm::Reopening);
    unsaved::after_text(db, whose, sent, taken, now).await
}

/// Notes are only ever added, and a conflict once declared stands, as does the shortlist's
/// advancement, so a kept note, reason for a conflict or advancement has nothing newer to write
/// over: its revision is always this one.
const ADDED_ONLY: i32 = 0;

/// After the actor, who reads the jury's discussion of entry `id`, sent a note to it.
pub(super) async fn after_note(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    body: &str,
    added: &Result<(), AppError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let whose = Whose::of(actor, id, UnsavedForm::Note);
    unsaved::after_text(db, whose, (body, ADDED_ONLY), added, now).await
}

/// What the actor sent in a form of the jury room (`whose`: the decision or its reopening, a
/// note) and a save refused, as its page shows it, for the form stored at `revision`; `shown`
/// while the page shows the form, which then starts from it if it belongs there.
pub(super) async fn kept_copy<T: DeserializeOwned>(
    db: &DatabaseConnection,
    whose: Whose,
    (revision, shown): (i32, bool),
) -> Result<Option<KeptForm<T>>, AppError> {
    let Some(k) = unsaved::kept::<T, _>(db, whose).await? else {
        return Ok(None);
    };
    let in_form = shown && k.belongs_in_form(revision);
    Ok(Some(KeptForm {
        at: k.at,
        reason: k.reason,
        in_form,
        form: k.fields,
    }))
}

/// After the actor declared a conflict of interest with entry `id`, giving `reason`. A copy is
/// kept only for a juror who judges the entry: the reason is checked before who sent it.
pub(super) async fn after_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    reason: &str,
    declared: &Result<(), AppError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if let Err(e) = declared
        && (unsaved::reason(e).is_none() || juror_entry(db, actor, id).await.is_err())
    {
        return Ok(());
    }
    let whose = Whose::of(actor, id, UnsavedForm::Conflict);
    unsaved::after_text(db, whose, (reason, ADDED_ONLY), declared, now).await
}

/// After the organiser of round `c` sent the record of a juror's conflict of interest: a refusal
/// worth it keeps what was sent, unless the reason was empty (nothing worth keeping, and it
/// would replace a copy that is); a record made settles the copy, which the form had shown.
pub(super) async fn after_recorded_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    c: &competition::Model,
    sent: &RecordedConflict,
    added: &Result<(), AppError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let whose = Whose::of(actor, c.id, UnsavedForm::RecordedConflict);
    match added.as_ref().map_err(unsaved::reason) {
        Ok(()) => unsaved::discard(db, whose).await,
        Err(Some(reason)) if !sent.reason.trim().is_empty() => {
            unsaved::keep(db, whose, sent, ADDED_ONLY, reason, now).await
        }
        Err(_) => Ok(()),
    }
}

/// The actor's kept record of a conflict of interest in round `c`, if any. A conflict once
/// recorded stands, so nothing newer can replace it: while the organiser's form is on the jury
/// page (`shown`, until the jury decides) it shows the record again, whatever refused it, and
/// after that the page lists it.
pub async fn kept_recorded_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    c: &competition::Model,
    shown: bool,
) -> Result<Option<KeptForm<RecordedConflict>>, AppError> {
    let whose = Whose::of(actor, c.id, UnsavedForm::RecordedConflict);
    Ok(unsaved::kept::<RecordedConflict, _>(db, whose)
        .await?
        .map(|k| KeptForm {
            at: k.at,
            reason: k.reason,
            in_form: shown,
            form: k.fields,
        }))
}

/// The actor's kept text in `form` of entry `id` (a note, a reason for a conflict), for a page
/// that shows the form (`shown`) or not.
pub(super) async fn kept_text(
    db: &DatabaseConnection,
    actor: &Actor,
    (form, id): (UnsavedForm, i32),
    shown: bool,
) -> Result<Option<KeptText>, AppError> {
    kept_copy(db, Whose::of(actor, id, form), (ADDED_ONLY, shown)).await
}

/// Discards the actor's kept text in `form` of entry or round `id`, if any.
pub(super) async fn discard_text(
    db: &DatabaseConnection,
    actor: &Actor,
    (form, id): (UnsavedForm, i32),
) -> Result<(), AppError> {
    unsaved::discard(db, Whose::of(actor, id, form)).await
}

/// Discards the actor's kept decision of round `r`, if any.
pub async fn discard_unsaved_decision(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
) -> Result<(), AppError> {
    discard_copy(db, actor, r.into(), UnsavedForm::Decision).await
}

/// Discards the actor's kept reason to reopen the decision of round `r`, if any.
pub async fn discard_unsaved_reopening(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
) -> Result<(), AppError> {
    discard_copy(db, actor, r.into(), UnsavedForm::Reopening).await
}

/// Discards the actor's kept advancement of round `r`'s shortlist, if any.
pub async fn discard_unsaved_advancement(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
) -> Result<(), AppError> {
    discard_copy(db, actor, r.into(), UnsavedForm::Advancement).await
}

/// Discards what the actor sent in `form` of round `r` and a save refused, for someone who may
/// decide the round.
async fn discard_copy(
    db: &DatabaseConnection,
    actor: &Actor,
    r: RoundRef,
    form: UnsavedForm,
) -> Result<(), AppError> {
    let c = round(db, r).await?;
    overseer(db, actor, &c).await?;
    unsaved::discard(db, Whose::of(actor, c.id, form)).await
}
