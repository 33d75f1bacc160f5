//! What news and events share: the address (slug) made from a title, the publishing choice
//! (draft, now, scheduled) and the status it gives, the linked year, the problems of a form
//! collected field by field, and the revision that keeps one save from writing over another.
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PrimaryKeyTrait, QueryFilter,
    QueryOrder,
    sea_query::{Expr, ExprTrait},
};

use crate::backend::clock::{parse_local, when};
use crate::backend::competition::home_rounds;
use crate::backend::entities::competition;
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::model::*;

/// The problems of a news or event form, field by field; `finish` turns them into the one
/// `Invalid` error that names them all.
#[derive(Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    pub(crate) fn add(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError {
            field: field.into(),
            problem,
        });
    }

    /// Each text within its length `(field, text, most characters, required)`, the required
    /// ones filled in.
    pub(crate) fn texts(&mut self, fields: &[(&str, &String, usize, bool)]) {
        for (field, text, max, required) in fields {
            if *required && text.trim().is_empty() {
                self.add(field, Problem::Required);
            } else if text.chars().count() > *max {
                self.add(field, Problem::TooLong);
            }
        }
    }

    /// The address: the form's own, or one made from the Swedish title.
    pub(crate) fn slug(&mut self, slug: &str, title_sv: &str) -> String {
        let slug = match slug.trim() {
            "" => slugify(title_sv),
            s => s.to_string(),
        };
        if !valid_slug(&slug) {
            self.add("slug", Problem::InvalidChoice);
        }
        slug
    }

    /// The competition the form's year links to (none when empty).
    pub(crate) async fn year(
        &mut self,
        db: &DatabaseConnection,
        year: &str,
    ) -> Result<Option<i32>, AppError> {
        Ok(linked_year(db, year).await?.unwrap_or_else(|p| {
            self.add("year", p);
            None
        }))
    }

    /// When the item becomes public, by the form's choice (see [`publish_time`]).
    pub(crate) fn publish(
        &mut self,
        publish: &str,
        publish_at: &str,
        previous: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        publish_time(publish, publish_at, previous, now).unwrap_or_else(|e| {
            self.add(&e.field, e.problem);
            None
        })
    }

    pub(crate) fn finish(self) -> Result<(), AppError> {
        match self.0.is_empty() {
            true => Ok(()),
            false => Err(AppError::Invalid(self.0)),
        }
    }
}

/// A URL slug from a title: lower case ASCII letters, digits and single dashes; å, ä and ö
/// become a, a and o.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(MAX_SLUG).collect();
    out.trim_end_matches('-').to_string()
}

/// When an item with the form's choice becomes public: `draft` never, `now` at once (an item
/// that is public already keeps its time), `schedule` at `publish_at`, a future Stockholm time.
pub(crate) fn publish_time(
    publish: &str,
    publish_at: &str,
    previous: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, FieldError> {
    let problem = |field: &str, problem| FieldError {
        field: field.into(),
        problem,
    };
    match publish {
        "draft" => Ok(None),
        "now" => Ok(Some(previous.filter(|at| *at <= now).unwrap_or(now))),
        "schedule" => match parse_local(publish_at.trim()) {
            Some(at) if at > now => Ok(Some(at)),
            Some(_) => Err(problem("publish_at", Problem::OutOfRange)),
            None => Err(problem("publish_at", Problem::InvalidDate)),
        },
        _ => Err(problem("publish", Problem::InvalidChoice)),
    }
}

/// The competition a form's year (empty: none) links to, by id; an unknown year is a problem.
pub(crate) async fn linked_year(
    db: &DatabaseConnection,
    year: &str,
) -> Result<Result<Option<i32>, Problem>, AppError> {
    let year = year.trim();
    if year.is_empty() {
        return Ok(Ok(None));
    }
    let Ok(y) = year.parse::<i32>() else {
        return Ok(Err(Problem::InvalidChoice));
    };
    Ok(home_rounds()
        .filter(competition::Column::Year.eq(y))
        .one(db)
        .await?
        .map(|c| Some(c.id))
        .ok_or(Problem::InvalidChoice))
}

/// The year (as the form shows it) of a linked competition.
pub(crate) async fn year_of(
    db: &DatabaseConnection,
    competition_id: Option<i32>,
) -> Result<String, AppError> {
    Ok(competition_year(db, competition_id)
        .await?
        .map(|y| y.to_string())
        .unwrap_or_default())
}

/// The year of a news item's or event's competition, where it has one.
pub(crate) async fn competition_year(
    db: &DatabaseConnection,
    competition_id: Option<i32>,
) -> Result<Option<i32>, AppError> {
    let Some(id) = competition_id else {
        return Ok(None);
    };
    Ok(competition::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|c| c.year))
}

/// The `publish` choice that shows an item's state in its editor.
pub(crate) fn publish_choice(status: &NewsStatus) -> &'static str {
    match status {
        NewsStatus::Draft => "draft",
        NewsStatus::Scheduled(_) => "schedule",
        NewsStatus::Published(_) => "now",
    }
}

pub(crate) fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub(crate) fn status(published_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> NewsStatus {
    match published_at {
        None => NewsStatus::Draft,
        Some(at) if at > now => NewsStatus::Scheduled(when(at)),
        Some(at) => NewsStatus::Published(when(at)),
    }
}

pub(crate) async fn years(db: &DatabaseConnection) -> Result<Vec<i32>, AppError> {
    Ok(home_rounds()
        .order_by_desc(competition::Column::Year)
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.year)
        .collect())
}

pub(crate) fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Two editors saving the same new slug at once: the unique index decides.
pub(crate) fn slug_conflict(e: sea_orm::DbErr) -> AppError {
    if matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    ) {
        AppError::Conflict(Conflict::SlugTaken)
    } else {
        e.into()
    }
}

/// Item `id` of `E` as stored (none for 0, a new one), refused as changed unless it is still at
/// `revision`, the one the editor was opened at.
pub(crate) async fn revised<E>(
    db: &DatabaseConnection,
    (id, revision): (i32, i32),
    revision_of: fn(&E::Model) -> i32,
) -> Result<Option<E::Model>, AppError>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    if id == 0 {
        return Ok(None);
    }
    let stored = E::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if revision_of(&stored) != revision {
        return Err(AppError::Conflict(Conflict::ItemChanged));
    }
    Ok(Some(stored))
}

/// Writes `model` over item `id` of `E` if it is still at `revision`, and moves its revision
/// on; refused as changed if another save came first, even one that read the same revision.
pub(crate) async fn write_over<E, C>(
    txn: &C,
    model: E::ActiveModel,
    (id_column, revision_column): (E::Column, E::Column),
    (id, revision): (i32, i32),
) -> Result<(), AppError>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let written = E::update_many()
        .set(model)
        .col_expr(revision_column, Expr::col(revision_column).add(1))
        .filter(id_column.eq(id))
        .filter(revision_column.eq(revision))
        .exec(txn)
        .await
        .map_err(slug_conflict)?;
    if written.rows_affected == 0 {
        return Err(AppError::Conflict(Conflict::ItemChanged));
    }
    Ok(())
}
