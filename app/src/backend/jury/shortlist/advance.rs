//! The chair's advancement of the shortlist: the top N or a chosen set, with its reason, once.
use sea_orm::ActiveValue::Set;
use serde_json::json;

use crate::backend::competition::round_ref;
use crate::backend::entities::app_user;
use crate::backend::entities::shortlist_advance::Advanced;
use crate::backend::mail::{self, Template};
use crate::backend::{audit, begin_write};
use crate::error::{Conflict, FieldError, Problem};
use crate::i18n::Lang;
use crate::model::AdvanceForm;

use super::*;

/// The chair (or the round's organiser) advances the shortlist, once, while judging is open:
/// the top N by mean answer (refused where entries tie across the cut), or a chosen set, with
/// the reason. Audited. Each active juror with advanced entries to score is mailed, in the
/// same transaction. One refused is kept for whoever sent it (`unsaved`): the page shows it.
pub async fn advance(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    form: AdvanceForm,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let r: RoundRef = r.into();
    let advanced = record_advance(db, actor, r, &form, now, base_url).await;
    let kept = super::unsaved::after_advancement(db, actor, r, &form, &advanced, now).await;
    crate::backend::unsaved::answer(advanced, kept)
}

async fn record_advance(
    db: &DatabaseConnection,
    actor: &Actor,
    r: RoundRef,
    form: &AdvanceForm,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let c = round(db, r).await?;
    shortlist_kind(&c).ok_or(AppError::Conflict(Conflict::NoShortlist))?;
    super::deliberation::overseer(db, actor, &c).await?;
    if phase_at(&c, now) != Phase::Judging {
        return Err(AppError::Conflict(Conflict::JudgingClosed));
    }
    let access = JuryAccess::load(db, &c).await?;
    if access.stage() != Stage::Shortlist {
        return Err(AppError::Conflict(Conflict::AlreadyAdvanced));
    }
    let answers = answers(db, &access).await?;
    let counts = counts(&access, &answers);
    let mut problems = Vec::new();
    let reason = form.reason.trim();
    if reason.is_empty() {
        problems.push(FieldError::new("reason", Problem::Required));
    } else if reason.chars().count() > MAX_COMMENT {
        problems.push(FieldError::new("reason", Problem::TooLong));
    }
    let (chosen, top): (Vec<i32>, Option<i32>) = match form.how.as_str() {
        "top" => match form
            .top
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=counts.len()).contains(n))
        {
            None => {
                problems.push(FieldError::new("top", Problem::OutOfRange));
                (Vec::new(), None)
            }
            Some(n) => {
                if counts
                    .get(n)
                    .is_some_and(|next| same(next.mean(), counts[n - 1].mean()))
                {
                    problems.push(FieldError::new("top", Problem::TiedAtCut));
                }
                (
                    counts[..n].iter().map(|c| c.entry.id).collect(),
                    Some(n as i32),
                )
            }
        },
        "chosen" => {
            let mut ids: Vec<i32> = Vec::new();
            for id in &form.chosen {
                if !access.shortlisted().iter().any(|e| e.id == *id) {
                    problems.push(FieldError::new("chosen", Problem::InvalidChoice));
                } else if !ids.contains(id) {
                    ids.push(*id);
                }
            }
            if ids.is_empty() {
                problems.push(FieldError::new("chosen", Problem::Required));
            }
            (ids, None)
        }
        _ => {
            problems.push(FieldError::new("how", Problem::InvalidChoice));
            (Vec::new(), None)
        }
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let mut chosen = chosen;
    chosen.sort_unstable();
    let txn = begin_write(db).await?;
    let inserted = shortlist_advance::Entity::insert(shortlist_advance::ActiveModel {
        competition_id: Set(c.id),
        entries: Set(Advanced(chosen.clone())),
        top: Set(top),
        reason: Set(reason.to_string()),
        advanced_by: Set(Some(actor.user_id)),
        advanced_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::column(shortlist_advance::Column::CompetitionId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        return Err(AppError::Conflict(Conflict::AlreadyAdvanced));
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "jury.shortlist_advance",
        format!("competition:{}", c.id),
        json!({ "entries": chosen, "top": top, "reason": reason }),
        now,
    )
    .await?;
    // Whom to tell: what each juror scores now is what they may read among the advanced.
    let to_score = |juror: i32| {
        chosen
            .iter()
            .filter(|e| access.may_read(**e, juror))
            .count()
    };
    let jurors: Vec<(i32, usize)> = access
        .members()
        .into_iter()
        .map(|j| (j, to_score(j)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let people = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(jurors.iter().map(|(j, _)| *j)))
        .filter(app_user::Column::Active.eq(true))
        .all(&txn)
        .await?;
    let words = mail::RoundWords::load(&txn, c.id).await?;
    for u in people {
        let count = jurors
            .iter()
            .find(|(j, _)| *j == u.id)
            .map_or(0, |(_, n)| *n);
        let lang = Lang::from_code(&u.language);
        let template = Template::ShortlistAdvanced {
            name: u.name.clone(),
            year: c.year,
            count,
            link: format!("{base_url}{}", lang.href(&round_ref(&c).jury_path(""))),
        };
        mail::enqueue_in_round(&txn, &words, &u.email, &u.name, lang, &template, now).await?;
    }
    txn.commit().await?;
    Ok(())
}
