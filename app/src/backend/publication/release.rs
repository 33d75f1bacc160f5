//! Releasing a year's decided results: now or at a scheduled time, the award details the
//! results page shows, the European placement, and the outcome mails to every applicant.
use crate::backend::begin_write;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::backend::accounts::Actor;
use crate::backend::admin::{organised, require_admin};
use crate::backend::audit;
use crate::backend::clock::{local_input, parse_local, when};
use crate::backend::competition::{by_year, final_round, in_english, phase_at, round};
use crate::backend::entities::{award, competition, entry, european_result, jury_decision};
use crate::backend::public_changes::PublicChanges;
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::model::*;

use super::media;
use super::publishing::opt;

async fn decided<C: ConnectionTrait>(db: &C, c: &competition::Model) -> Result<bool, AppError> {
    Ok(jury_decision::Entity::find()
        .filter(jury_decision::Column::CompetitionId.eq(c.id))
        .one(db)
        .await?
        .is_some())
}

pub(crate) fn award_kind(code: &str) -> AwardKind {
    match code {
        "winner" => AwardKind::Winner,
        "runner_up" => AwardKind::RunnerUp,
        _ => AwardKind::Mention,
    }
}

fn release_state(c: &competition::Model, decided: bool, now: DateTime<Utc>) -> Release {
    match (c.results_released_at, decided) {
        (Some(at), _) if at <= now => Release::Public(when(at)),
        (Some(at), _) => Release::Scheduled(when(at)),
        (None, true) => Release::Ready,
        (None, false) => Release::Undecided,
    }
}

/// The organiser's page of a year's results.
pub async fn admin_view(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    now: DateTime<Utc>,
) -> Result<ResultsAdminView, AppError> {
    let c = organised(db, actor, r.into()).await?;
    let decided = decided(db, &c).await?;
    // A decision taken back leaves its awards' details for the next one; until then there are
    // no awards to show or edit.
    let awards = if decided {
        award::Entity::find()
            .filter(award::Column::CompetitionId.eq(c.id))
            .order_by_asc(award::Column::Rank)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let mut rows = Vec::with_capacity(awards.len());
    for a in awards {
        let e = entry::Entity::find_by_id(a.entry_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        rows.push(AwardAdminRow {
            id: a.id,
            kind: award_kind(&a.kind),
            title: e.title,
            organisation: e.organisation_display,
            no_consent: !e.publication_consent,
            about_sv: a.about_sv.unwrap_or_default(),
            about_en: a.about_en.unwrap_or_default(),
            motivation_sv: a.motivation_sv.unwrap_or_default(),
            motivation_en: a.motivation_en.unwrap_or_default(),
            photo: a.photo_id.map(media::url),
            photo_alt_sv: a.photo_alt_sv.unwrap_or_default(),
            photo_alt_en: a.photo_alt_en.unwrap_or_default(),
        });
    }
    let winner = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(c.id))
        .filter(award::Column::Kind.eq("winner"))
        .one(db)
        .await?
        .map(|a| a.entry_id);
    let european = european_result::Entity::find()
        .filter(european_result::Column::CompetitionId.eq(c.id))
        .order_by_asc(european_result::Column::Rank)
        .all(db)
        .await?
        .into_iter()
        .map(|r| EuropeanRow {
            id: r.id,
            rank: r.rank,
            country_sv: r.country_sv,
            country_en: r.country_en,
            project_title: r.project_title.unwrap_or_default(),
            ours: r.entry_id.is_some() && r.entry_id == winner,
        })
        .collect();
    Ok(ResultsAdminView {
        year: c.year,
        theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
        phase: phase_at(&c, now),
        release: release_state(&c, decided, now),
        notified: c.results_notified_at.map(when),
        planned: local_input(c.published_at),
        awards: rows,
        european,
        final_on_portal: final_round(db, c.year).await?.is_some(),
    })
}

/// Publishes the decided results now (`at` empty) or at a later time (`yyyy-mm-ddThh:mm`,
/// Stockholm). The outcome mails go out when the results become public: at once here, or from
/// the worker for a scheduled release.
pub async fn release(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    r: impl Into<RoundRef>,
    at: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<Release, AppError> {
    let r: RoundRef = r.into();
    organised(db, actor, r).await?;
    let at = at.trim();
    let when_public = if at.is_empty() {
        now
    } else {
        let t = parse_local(at).ok_or(AppError::invalid_field("at", Problem::InvalidDate))?;
        if t <= now {
            return Err(AppError::invalid_field("at", Problem::OutOfRange));
        }
        t
    };
    let txn = begin_write(db).await?;
    // Everything here runs on the transaction, never on the pool: a pool call would wait for a
    // second connection while this one holds the write lock. The conditional update refuses to
    // move results that are public already.
    let c = round(&txn, r).await?;
    let changed = competition::Entity::update_many()
        .col_expr(
            competition::Column::ResultsReleasedAt,
            Expr::value(Some(when_public)),
        )
        .filter(competition::Column::Id.eq(c.id))
        .filter(
            sea_orm::Condition::any()
                .add(competition::Column::ResultsReleasedAt.is_null())
                .add(competition::Column::ResultsReleasedAt.gt(now)),
        )
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(AppError::Conflict(Conflict::AlreadyPublished));
    }
    if !decided(&txn, &c).await? {
        return Err(AppError::Conflict(Conflict::NotDecided));
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "results.release",
        format!("competition:{}", c.id),
        serde_json::json!({ "at": when_public.to_rfc3339() }),
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    if when_public <= now {
        super::outcomes::notify_released(db, now, base_url).await?;
    }
    let c = round(db, r).await?;
    Ok(release_state(&c, true, now))
}

/// Takes back a scheduled release that is not public yet.
pub async fn unschedule(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    r: impl Into<RoundRef>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let c = organised(db, actor, r.into()).await?;
    let txn = begin_write(db).await?;
    let changed = competition::Entity::update_many()
        .col_expr(
            competition::Column::ResultsReleasedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(competition::Column::Id.eq(c.id))
        .filter(competition::Column::ResultsReleasedAt.gt(now))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(AppError::Conflict(Conflict::AlreadyPublished));
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "results.unschedule",
        format!("competition:{}", c.id),
        serde_json::Value::Null,
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

fn limit(problems: &mut Vec<FieldError>, field: &str, text: &str) {
    if text.chars().count() > MAX_AWARD_TEXT {
        problems.push(FieldError::new(field, Problem::TooLong));
    }
}

/// An award of a round the actor organises.
async fn award_of(
    db: &DatabaseConnection,
    actor: &Actor,
    r: RoundRef,
    award_id: i32,
) -> Result<(competition::Model, award::Model), AppError> {
    let c = organised(db, actor, r).await?;
    if !decided(db, &c).await? {
        return Err(AppError::NotFound);
    }
    let a = award::Entity::find_by_id(award_id)
        .filter(award::Column::CompetitionId.eq(c.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((c, a))
}

/// Saves what the results page says about an award: about the project, the jury's motivation
/// and the photo's alternative text (required once there is a photo).
pub async fn save_award(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    r: impl Into<RoundRef>,
    award_id: i32,
    form: AwardForm,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (c, a) = award_of(db, actor, r.into(), award_id).await?;
    let mut problems = Vec::new();
    for (field, text) in [
        ("about_sv", &form.about_sv),
        ("about_en", &form.about_en),
        ("motivation_sv", &form.motivation_sv),
        ("motivation_en", &form.motivation_en),
        ("photo_alt_sv", &form.photo_alt_sv),
        ("photo_alt_en", &form.photo_alt_en),
    ] {
        limit(&mut problems, field, text);
    }
    // The winner's motivation is required in the round's language: English in the final.
    let (field, motivation) = if in_english(&c) {
        ("motivation_en", &form.motivation_en)
    } else {
        ("motivation_sv", &form.motivation_sv)
    };
    if a.kind == "winner" && motivation.trim().is_empty() {
        problems.push(FieldError::new(field, Problem::Required));
    }
    if a.photo_id.is_some() && form.photo_alt_sv.trim().is_empty() {
        problems.push(FieldError::new("photo_alt_sv", Problem::Required));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let txn = begin_write(db).await?;
    award::ActiveModel {
        id: Set(a.id),
        about_sv: Set(opt(&form.about_sv)),
        about_en: Set(opt(&form.about_en)),
        motivation_sv: Set(opt(&form.motivation_sv)),
        motivation_en: Set(opt(&form.motivation_en)),
        photo_alt_sv: Set(opt(&form.photo_alt_sv)),
        photo_alt_en: Set(opt(&form.photo_alt_en)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "award.edit",
        format!("award:{}", a.id),
        serde_json::Value::Null,
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

/// Sets an award's photo (an uploaded image) with its Swedish alternative text, which is
/// required: an image without one is not published.
#[allow(clippy::too_many_arguments)]
pub async fn set_award_photo(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    dir: &std::path::Path,
    r: impl Into<RoundRef>,
    award_id: i32,
    photo: media::ImageUpload,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (_, a) = award_of(db, actor, r.into(), award_id).await?;
    let photo = photo.store(db, actor, dir, MAX_AWARD_TEXT, now).await?;
    let after = (Some(photo.id), photo.alt_sv.clone());
    let txn = begin_write(db).await?;
    award::ActiveModel {
        id: Set(a.id),
        photo_id: Set(Some(photo.id)),
        photo_alt_sv: Set(photo.alt_sv),
        photo_alt_en: Set(photo.alt_en),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    record_photo(&txn, actor, &a, "award.photo", after, now).await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

pub async fn remove_award_photo(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    r: impl Into<RoundRef>,
    award_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (_, a) = award_of(db, actor, r.into(), award_id).await?;
    if a.photo_id.is_none() {
        return Ok(());
    }
    let txn = begin_write(db).await?;
    award::ActiveModel {
        id: Set(a.id),
        photo_id: Set(None),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let after = (None, a.photo_alt_sv.clone());
    record_photo(&txn, actor, &a, "award.photo_remove", after, now).await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

/// The audit line of an award's photo set or removed: the image (by its media id) and its
/// Swedish alternative text, before and after.
async fn record_photo(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    a: &award::Model,
    action: &str,
    (photo, alt_sv): (Option<i32>, Option<String>),
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let before = serde_json::json!({ "photo": a.photo_id, "alt_sv": a.photo_alt_sv });
    let after = serde_json::json!({ "photo": photo, "alt_sv": alt_sv });
    let detail = audit::changes(&before, &after);
    audit::record(
        txn,
        Some(actor.user_id),
        action,
        format!("award:{}", a.id),
        detail,
        now,
    )
    .await
}

/// Records one row of the European final's result. "Ours" links it to the national winner.
pub async fn add_european(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    year: i32,
    form: EuropeanForm,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let c = by_year(db, year).await?;
    if final_round(db, year).await?.is_some() {
        return Err(AppError::Conflict(Conflict::FinalOnPortal));
    }
    let mut problems = Vec::new();
    let rank = form
        .rank
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|r| (1..=50).contains(r));
    if rank.is_none() {
        problems.push(FieldError::new("rank", Problem::OutOfRange));
    }
    for (field, text) in [
        ("country_sv", &form.country_sv),
        ("country_en", &form.country_en),
    ] {
        if text.trim().is_empty() {
            problems.push(FieldError::new(field, Problem::Required));
        } else if text.chars().count() > 100 {
            problems.push(FieldError::new(field, Problem::TooLong));
        }
    }
    limit(&mut problems, "project_title", &form.project_title);
    let ours = form.ours.as_deref().is_some_and(|v| !v.is_empty());
    let winner = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(c.id))
        .filter(award::Column::Kind.eq("winner"))
        .one(db)
        .await?;
    if ours && winner.is_none() {
        problems.push(FieldError::new("ours", Problem::InvalidChoice));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let txn = begin_write(db).await?;
    european_result::ActiveModel {
        competition_id: Set(c.id),
        rank: Set(rank.unwrap_or(1)),
        country_sv: Set(form.country_sv.trim().into()),
        country_en: Set(form.country_en.trim().into()),
        entry_id: Set(winner.filter(|_| ours).map(|w| w.entry_id)),
        project_title: Set(opt(&form.project_title)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "european.add",
        format!("competition:{}", c.id),
        serde_json::json!({ "rank": rank, "country": form.country_en.trim() }),
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

pub async fn remove_european(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    year: i32,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let c = by_year(db, year).await?;
    let txn = begin_write(db).await?;
    let placing = european_result::Entity::find_by_id(id)
        .filter(european_result::Column::CompetitionId.eq(c.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    european_result::Entity::delete_by_id(placing.id)
        .exec(&txn)
        .await?;
    let before = serde_json::json!({ "rank": placing.rank, "country": placing.country_sv });
    audit::record(
        &txn,
        Some(actor.user_id),
        "european.remove",
        format!("competition:{}", c.id),
        audit::changes(&before, &serde_json::json!({})),
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}
