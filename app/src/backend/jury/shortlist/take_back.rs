//! Taking the chair's advancement back: while judging is open and before any juror has saved a
//! score on an advanced entry, so that no scoring work is set aside.
use sea_orm::sea_query::LockType;
use sea_orm::{ConnectionTrait, PaginatorTrait, QuerySelect};
use serde_json::json;

use crate::backend::competition::round_ref;
use crate::backend::entities::{app_user, score_sheet};
use crate::backend::mail::{self, Template};
use crate::backend::{audit, begin_write};
use crate::error::{Conflict, Problem};
use crate::i18n::Lang;

use super::*;

/// Whether a juror has saved a score sheet, draft or submitted, on one of the round's entries.
pub(super) async fn scoring_begun(
    db: &impl ConnectionTrait,
    access: &JuryAccess,
) -> Result<bool, AppError> {
    let ids: Vec<i32> = access.shortlisted().iter().map(|e| e.id).collect();
    Ok(score_sheet::Entity::find()
        .filter(score_sheet::Column::EntryId.is_in(ids))
        .count(db)
        .await?
        > 0)
}

/// Inside the transaction that saves a sheet scored under `access`: the advancement it was
/// loaded with still stands, held until the sheet is committed, so that a take-back waits for
/// the sheet and then finds it. Taken back meanwhile, the sheet is refused as in the shortlist
/// round, and the juror's copy kept. On PostgreSQL the hold is `FOR KEY SHARE`, the weakest
/// row lock a delete waits for: jurors' saves do not wait for each other. SQLite has no row
/// locks; its write transactions are one at a time.
pub(in crate::backend::jury) async fn advancement_stands(
    txn: &impl ConnectionTrait,
    access: &JuryAccess,
) -> Result<(), AppError> {
    let Some(advanced) = access.advancement() else {
        return Ok(());
    };
    shortlist_advance::Entity::find_by_id(advanced.id)
        .lock(LockType::KeyShare)
        .one(txn)
        .await?
        .map(|_| ())
        .ok_or(AppError::Conflict(Conflict::ShortlistFirst))
}

/// The chair (or the round's organiser) takes the advancement back, with the reason, while
/// judging is open and no juror has saved a score: the round is in its shortlist round again,
/// every answer as it was, and may be advanced anew. Audited with what was advanced. Each
/// active juror the advancement gave entries to score is mailed the reason, in the same
/// transaction.
pub async fn take_back_advance(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    reason: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let r: RoundRef = r.into();
    let c = round(db, r).await?;
    shortlist_kind(&c).ok_or(AppError::Conflict(Conflict::NoShortlist))?;
    super::deliberation::overseer(db, actor, &c).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid_field("reason", Problem::Required));
    }
    if reason.chars().count() > MAX_COMMENT {
        return Err(AppError::invalid_field("reason", Problem::TooLong));
    }
    if phase_at(&c, now) != Phase::Judging {
        return Err(AppError::Conflict(Conflict::JudgingClosed));
    }
    let access = JuryAccess::load(db, &c).await?;
    let advanced = access
        .advancement()
        .cloned()
        .ok_or(AppError::Conflict(Conflict::NotAdvanced))?;
    let txn = begin_write(db).await?;
    // The row first, conditionally: of two take-backs at once, the second finds nothing. On
    // PostgreSQL the delete waits for a sheet being saved, which holds the row
    // ([`advancement_stands`]), and a sheet saved after it is refused; so the count below,
    // a statement after the delete, sees every sheet saved on this advancement. SQLite's write
    // transactions are one at a time.
    let taken = shortlist_advance::Entity::delete_by_id(advanced.id)
        .exec(&txn)
        .await?;
    if taken.rows_affected == 0 {
        return Err(AppError::Conflict(Conflict::NotAdvanced));
    }
    // A saved sheet keeps the advancement: the transaction is dropped, and the delete with it.
    if scoring_begun(&txn, &access).await? {
        return Err(AppError::Conflict(Conflict::ScoringBegun));
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "jury.shortlist_take_back",
        format!("competition:{}", c.id),
        json!({
            "reason": reason,
            "was": {
                "entries": advanced.entries.0,
                "top": advanced.top,
                "reason": advanced.reason,
            },
        }),
        now,
    )
    .await?;
    // Whom to tell: each juror the advancement gave entries to score, as its own mail did.
    let told: Vec<i32> = access
        .members()
        .into_iter()
        .filter(|j| advanced.entries.0.iter().any(|e| access.may_read(*e, *j)))
        .collect();
    let people = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(told))
        .filter(app_user::Column::Active.eq(true))
        .all(&txn)
        .await?;
    let words = mail::RoundWords::load(&txn, c.id).await?;
    for u in people {
        let lang = Lang::from_code(&u.language);
        let template = Template::ShortlistTakenBack {
            name: u.name.clone(),
            year: c.year,
            reason: reason.to_string(),
            link: format!(
                "{base_url}{}",
                lang.href(&round_ref(&c).jury_path("/shortlist"))
            ),
        };
        mail::enqueue_in_round(&txn, &words, &u.email, &u.name, lang, &template, now).await?;
    }
    txn.commit().await?;
    Ok(())
}
