//! The organiser's side of the competition room: create, edit and clone a year, and publish
//! its list of entries. Every function checks for the admin role first.
use crate::backend::begin_write;
use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Stockholm;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use super::accounts::Actor;
use super::admin::require_admin;
use super::audit;
use super::clock::{local_input, parse_local, stockholm};
use super::competition::{all, by_year, home_rounds, limits, phase_at};
use super::entities::competition::ReminderDays;
use super::entities::{competition, entry};
use super::public_changes::PublicChanges;
use super::reminders::reminder_days;
use super::rubric;
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::model::{
    CompetitionAdminRow, CompetitionForm, DEFAULT_DEADLINE_REMINDERS, DEFAULT_JURY_REMINDERS,
    DEFAULT_LIMITS, EntryStatus, PHASE_FIELDS, Phase, ShortlistKind, Text, reminder_days_text,
};
use serde_json::json;

const MAX_TEXT: usize = 10_000;
const MAX_THEME: usize = 300;

fn phase_dates(c: &competition::Model) -> [Option<DateTime<Utc>>; 6] {
    [
        c.opens_at,
        c.closes_at,
        c.judging_at,
        c.deliberation_at,
        c.decided_at,
        c.published_at,
    ]
}

fn form_dates(f: &CompetitionForm) -> [&String; 6] {
    [
        &f.opens_at,
        &f.closes_at,
        &f.judging_at,
        &f.deliberation_at,
        &f.decided_at,
        &f.published_at,
    ]
}

/// The form for a year, or for a new one (the year after the latest, default rubric).
pub async fn form(
    db: &DatabaseConnection,
    actor: &Actor,
    year: Option<i32>,
) -> Result<CompetitionForm, AppError> {
    require_admin(actor)?;
    let Some(year) = year else {
        let next = all(db).await?.first().map(|c| c.year + 1).unwrap_or(2026);
        return Ok(CompetitionForm {
            year: next.to_string(),
            scale_min: "0".into(),
            scale_max: "5".into(),
            criteria: rubric::default_forms(rubric::DEFAULT_SCALE),
            limits: DEFAULT_LIMITS
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            deadline_reminders: reminder_days_text(&DEFAULT_DEADLINE_REMINDERS),
            jury_reminders: reminder_days_text(&DEFAULT_JURY_REMINDERS),
            ..Default::default()
        });
    };
    stored_form(db, &by_year(db, year).await?).await
}

/// A stored year as its form shows it.
async fn stored_form(
    db: &impl sea_orm::ConnectionTrait,
    c: &competition::Model,
) -> Result<CompetitionForm, AppError> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let dates = phase_dates(c);
    Ok(CompetitionForm {
        year: c.year.to_string(),
        theme_sv: c.theme_sv.clone(),
        theme_en: opt(&c.theme_en),
        description_sv: c.description_sv.clone(),
        description_en: opt(&c.description_en),
        who_may_apply_sv: opt(&c.who_may_apply_sv),
        who_may_apply_en: opt(&c.who_may_apply_en),
        prize_sv: opt(&c.prize_sv),
        prize_en: opt(&c.prize_en),
        opens_at: local_input(dates[0]),
        closes_at: local_input(dates[1]),
        judging_at: local_input(dates[2]),
        deliberation_at: local_input(dates[3]),
        decided_at: local_input(dates[4]),
        published_at: local_input(dates[5]),
        scale_min: c.scale_min.to_string(),
        scale_max: c.scale_max.to_string(),
        criteria: rubric::forms_of(db, c).await?,
        limits: limits(c)
            .0
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
        blind_until_close: c.blind_until_close,
        normalise_scores: c.normalise_scores,
        anonymous_review: c.anonymous_review,
        shortlist: c.shortlist_kind.clone().unwrap_or_default(),
        shortlist_closes_at: local_input(c.shortlist_closes_at),
        deadline_reminders: reminder_days_text(&c.deadline_reminders.0),
        jury_reminders: reminder_days_text(&c.jury_reminders.0),
    })
}

/// A checked form: everything parsed, or every problem per field.
struct Checked {
    year: i32,
    dates: [Option<DateTime<Utc>>; 6],
    /// The shortlist round's kind and date, or none.
    shortlist: Option<(ShortlistKind, DateTime<Utc>)>,
    scale: (i32, i32),
    criteria: Vec<rubric::CheckedCriterion>,
    limits: BTreeMap<String, u32>,
    deadline_reminders: Vec<u32>,
    jury_reminders: Vec<u32>,
}

fn check(f: &CompetitionForm) -> Result<Checked, AppError> {
    let mut problems = Vec::new();
    let mut add = |field: String, problem: Problem| problems.push(FieldError { field, problem });
    let int = |s: &str| s.trim().parse::<i32>().ok();
    let year = int(&f.year).filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        add("year".into(), Problem::OutOfRange);
    }
    if f.theme_sv.trim().is_empty() {
        add("theme_sv".into(), Problem::Required);
    }
    if f.description_sv.trim().is_empty() {
        add("description_sv".into(), Problem::Required);
    }
    for (name, value, max) in [
        ("theme_sv", &f.theme_sv, MAX_THEME),
        ("theme_en", &f.theme_en, MAX_THEME),
        ("description_sv", &f.description_sv, MAX_TEXT),
        ("description_en", &f.description_en, MAX_TEXT),
        ("who_may_apply_sv", &f.who_may_apply_sv, MAX_TEXT),
        ("who_may_apply_en", &f.who_may_apply_en, MAX_TEXT),
        ("prize_sv", &f.prize_sv, MAX_TEXT),
        ("prize_en", &f.prize_en, MAX_TEXT),
    ] {
        if value.chars().count() > max {
            add(name.into(), Problem::TooLong);
        }
    }
    let mut dates = [None; 6];
    let mut latest: Option<DateTime<Utc>> = None;
    for (i, (name, value)) in PHASE_FIELDS.iter().zip(form_dates(f)).enumerate() {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match parse_local(value) {
            None => add(name.to_string(), Problem::InvalidDate),
            Some(at) => {
                if latest.is_some_and(|l| at <= l) {
                    add(name.to_string(), Problem::OutOfOrder);
                }
                latest = Some(at);
                dates[i] = Some(at);
            }
        }
    }
    // A shortlist round takes a date inside judging: after it starts, before deliberation.
    let shortlist = match f.shortlist.trim() {
        "" => None,
        code => match ShortlistKind::from_code(code) {
            None => {
                add("shortlist".into(), Problem::InvalidChoice);
                None
            }
            Some(kind) => match parse_local(f.shortlist_closes_at.trim()) {
                _ if f.shortlist_closes_at.trim().is_empty() => {
                    add("shortlist_closes_at".into(), Problem::Required);
                    None
                }
                None => {
                    add("shortlist_closes_at".into(), Problem::InvalidDate);
                    None
                }
                Some(at) => {
                    let after_start = dates[2].is_none_or(|j| j < at);
                    let before_end = dates[3].or(dates[4]).is_none_or(|d| at < d);
                    if !(after_start && before_end) {
                        add("shortlist_closes_at".into(), Problem::OutOfOrder);
                    }
                    Some((kind, at))
                }
            },
        },
    };
    let scale_min = int(&f.scale_min).filter(|v| (0..=100).contains(v));
    let scale_max = int(&f.scale_max).filter(|v| (1..=100).contains(v));
    if scale_min.is_none() {
        add("scale_min".into(), Problem::OutOfRange);
    }
    match (scale_min, scale_max) {
        (_, None) => add("scale_max".into(), Problem::OutOfRange),
        (Some(lo), Some(hi)) if hi <= lo => add("scale_max".into(), Problem::OutOfRange),
        _ => {}
    }
    let scale = scale_min.zip(scale_max).filter(|(lo, hi)| lo < hi);
    let (criteria, rubric_problems) = rubric::check(&f.criteria, scale);
    for p in rubric_problems {
        add(p.field, p.problem);
    }
    let mut word_limits = BTreeMap::new();
    for (key, _) in DEFAULT_LIMITS {
        let raw = f.limits.get(key).map(|s| s.trim()).unwrap_or("");
        match raw.parse::<u32>().ok().filter(|v| *v <= 5_000) {
            Some(v) => {
                word_limits.insert(key.to_string(), v);
            }
            None => add(format!("limits.{key}"), Problem::OutOfRange),
        }
    }
    let mut reminders = |field: &str, raw: &str, default: &[u32]| {
        reminder_days(raw, default).unwrap_or_else(|p| {
            add(field.into(), p);
            Vec::new()
        })
    };
    let deadline_reminders = reminders(
        "deadline_reminders",
        &f.deadline_reminders,
        &DEFAULT_DEADLINE_REMINDERS,
    );
    let jury_reminders = reminders("jury_reminders", &f.jury_reminders, &DEFAULT_JURY_REMINDERS);
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    Ok(Checked {
        deadline_reminders,
        jury_reminders,
        year: year.unwrap_or_default(),
        dates,
        shortlist,
        scale: (scale_min.unwrap_or(0), scale_max.unwrap_or(5)),
        criteria,
        limits: word_limits,
    })
}

fn opt(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_string())
}

/// Creates a year (`original` is `None`) or saves an existing one. Returns the saved year.
pub async fn save(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    original: Option<i32>,
    f: CompetitionForm,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    require_admin(actor)?;
    let checked = check(&f)?;
    let existing = match original {
        Some(y) => Some(by_year(db, y).await?),
        None => None,
    };
    if existing.as_ref().map(|c| c.year) != Some(checked.year)
        && home_rounds()
            .filter(competition::Column::Year.eq(checked.year))
            .count(db)
            .await?
            > 0
    {
        return Err(AppError::Conflict(Conflict::YearExists));
    }
    if let Some(c) = &existing {
        let kind = checked.shortlist.map(|(k, _)| k.code());
        if c.shortlist_kind.as_deref() != kind && super::jury::shortlist_started(db, c).await? {
            return Err(AppError::Invalid(vec![FieldError::new(
                "shortlist",
                Problem::ShortlistStarted,
            )]));
        }
    }
    let txn = begin_write(db).await?;
    let before = match &existing {
        Some(c) => Some(stored_form(&txn, c).await?),
        None => None,
    };
    let mut model = match &existing {
        Some(c) => competition::ActiveModel {
            id: Set(c.id),
            ..Default::default()
        },
        None => competition::ActiveModel {
            created_at: Set(now),
            archived_at: Set(None),
            final_sv: Set(None),
            final_en: Set(None),
            entries_listed_at: Set(None),
            ..Default::default()
        },
    };
    let [opens, closes, judging, deliberation, decided, published] = checked.dates;
    model.year = Set(checked.year);
    model.theme_sv = Set(f.theme_sv.trim().to_string());
    model.theme_en = Set(opt(&f.theme_en));
    model.description_sv = Set(f.description_sv.trim().to_string());
    model.description_en = Set(opt(&f.description_en));
    model.who_may_apply_sv = Set(opt(&f.who_may_apply_sv));
    model.who_may_apply_en = Set(opt(&f.who_may_apply_en));
    model.prize_sv = Set(opt(&f.prize_sv));
    model.prize_en = Set(opt(&f.prize_en));
    model.opens_at = Set(opens);
    model.closes_at = Set(closes);
    model.judging_at = Set(judging);
    model.deliberation_at = Set(deliberation);
    model.decided_at = Set(decided);
    model.published_at = Set(published);
    model.blind_until_close = Set(f.blind_until_close);
    model.normalise_scores = Set(f.normalise_scores);
    model.anonymous_review = Set(f.anonymous_review);
    model.shortlist_kind = Set(checked.shortlist.map(|(k, _)| k.code().to_string()));
    model.shortlist_closes_at = Set(checked.shortlist.map(|(_, at)| at));
    model.deadline_reminders = Set(ReminderDays(checked.deadline_reminders));
    model.jury_reminders = Set(ReminderDays(checked.jury_reminders));
    model.scale_min = Set(checked.scale.0);
    model.scale_max = Set(checked.scale.1);
    model.word_limits =
        Set(serde_json::to_string(&checked.limits).map_err(|_| AppError::Internal)?);
    let saved = match existing {
        Some(_) => model.update(&txn).await?,
        None => model.insert(&txn).await?,
    };
    rubric::store(&txn, saved.id, &checked.criteria).await?;
    // What the form shows now, against what it showed before: each setting and date moved.
    let after = stored_form(&txn, &saved).await?;
    let (action, detail) = match before {
        Some(before) => ("competition.save", audit::changes(&before, &after)),
        None => ("competition.create", audit::changes(&(), &after)),
    };
    audit::record(
        &txn,
        Some(actor.user_id),
        action,
        format!("competition:{}", saved.id),
        detail,
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(checked.year)
}

/// The same moment a year later, in Stockholm wall time (so 09:00 stays 09:00 across DST).
fn a_year_later(at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    use chrono::Timelike;
    let local = at.with_timezone(&Stockholm);
    let day = if local.month() == 2 && local.day() == 29 {
        28
    } else {
        local.day()
    };
    stockholm(
        local.year() + 1,
        local.month(),
        day,
        local.hour(),
        local.minute(),
    )
}

/// A new year from an existing one: texts, rubric, limits, reminder days, its own mail words
/// and the dates a year later.
pub async fn clone_year(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    from: i32,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    require_admin(actor)?;
    let mut f = form(db, actor, Some(from)).await?;
    let source = by_year(db, from).await?;
    f.year = (from + 1).to_string();
    let shifted = phase_dates(&source).map(|d| d.and_then(a_year_later));
    f.opens_at = local_input(shifted[0]);
    f.closes_at = local_input(shifted[1]);
    f.judging_at = local_input(shifted[2]);
    f.deliberation_at = local_input(shifted[3]);
    f.decided_at = local_input(shifted[4]);
    f.published_at = local_input(shifted[5]);
    f.shortlist_closes_at = local_input(source.shortlist_closes_at.and_then(a_year_later));
    let year = save(db, public, actor, None, f, now).await?;
    let to = by_year(db, year).await?;
    crate::backend::mail_texts::copy(db, source.id, to.id, actor, now).await?;
    Ok(year)
}

/// Every year with its phase and entry counts, for the organiser.
pub async fn overview(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<CompetitionAdminRow>, AppError> {
    require_admin(actor)?;
    let mut rows = Vec::new();
    for c in all(db).await? {
        let count = |statuses: &'static [EntryStatus]| {
            entry::Entity::find()
                .filter(entry::Column::CompetitionId.eq(c.id))
                .filter(entry::Column::Status.is_in(statuses.iter().copied()))
                .count(db)
        };
        rows.push(CompetitionAdminRow {
            year: c.year,
            theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
            phase: phase_at(&c, now),
            entries: count(&EntryStatus::ALL).await?,
            submitted: count(&[
                EntryStatus::Submitted,
                EntryStatus::Eligible,
                EntryStatus::Ineligible,
            ])
            .await?,
        });
    }
    Ok(rows)
}

/// Publishes (or hides) the list of entries, which is possible once the deadline has passed.
pub async fn list_entries(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    year: i32,
    publish: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let c = by_year(db, year).await?;
    if publish && phase_at(&c, now) < Phase::Screening {
        return Err(AppError::Conflict(Conflict::Closed));
    }
    let txn = begin_write(db).await?;
    competition::ActiveModel {
        id: Set(c.id),
        entries_listed_at: Set(publish.then_some(now)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let was = c.entries_listed_at.is_some();
    if was != publish {
        let detail = audit::changes(
            &json!({ "published": was }),
            &json!({ "published": publish }),
        );
        let subject = format!("competition:{}", c.id);
        audit::record(
            &txn,
            Some(actor.user_id),
            "entry_list.publish",
            subject,
            detail,
            now,
        )
        .await?;
    }
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> CompetitionForm {
        CompetitionForm {
            year: "2027".into(),
            theme_sv: "Tema".into(),
            description_sv: "Text".into(),
            opens_at: "2027-03-01T09:00".into(),
            closes_at: "2027-08-20T23:59".into(),
            scale_min: "0".into(),
            scale_max: "5".into(),
            criteria: rubric::default_forms(rubric::DEFAULT_SCALE),
            limits: DEFAULT_LIMITS
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    fn problems(f: &CompetitionForm) -> Vec<(String, Problem)> {
        match check(f) {
            Ok(_) => vec![],
            Err(AppError::Invalid(p)) => p.into_iter().map(|p| (p.field, p.problem)).collect(),
            Err(e) => panic!("unexpected {e:?}"),
        }
    }

    #[test]
    fn a_valid_form_passes_and_dates_are_stockholm_time() {
        let c = check(&valid()).unwrap();
        // 23:59 in August is summer time, UTC+2.
        assert_eq!(
            c.dates[1].unwrap().to_rfc3339(),
            "2027-08-20T21:59:00+00:00"
        );
        assert_eq!(c.criteria[1].weight, 2);
        assert_eq!(c.limits["description"], 600);
    }

    #[test]
    fn bad_dates_order_scale_and_weights_are_reported_per_field() {
        let mut f = valid();
        f.opens_at = "2027-09-01T09:00".into();
        f.judging_at = "not a date".into();
        f.scale_max = "0".into();
        f.criteria[2].weight = "11".into();
        f.limits.insert("problem".into(), "-3".into());
        f.year = "1999".into();
        assert_eq!(
            problems(&f),
            vec![
                ("year".to_string(), Problem::OutOfRange),
                ("closes_at".to_string(), Problem::OutOfOrder),
                ("judging_at".to_string(), Problem::InvalidDate),
                ("scale_max".to_string(), Problem::OutOfRange),
                ("criteria.2.weight".to_string(), Problem::OutOfRange),
                ("limits.problem".to_string(), Problem::OutOfRange),
            ]
        );
    }

    #[test]
    fn a_year_later_keeps_the_wall_clock_across_summer_time() {
        // 1 March 09:00 winter time -> the same wall time next year.
        let at = stockholm(2026, 3, 1, 9, 0).unwrap();
        assert_eq!(local_input(a_year_later(at)), "2027-03-01T09:00");
        let leap = stockholm(2028, 2, 29, 12, 0).unwrap();
        assert_eq!(local_input(a_year_later(leap)), "2029-02-28T12:00");
    }
}
