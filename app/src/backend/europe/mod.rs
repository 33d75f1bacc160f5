//! The European final room: each year's final, run by the EUCPN secretariat. Here: opening the
//! final (the presidency's theme, the deadline for national entries, the member states taking
//! part), naming each country's national representative, and the representative forwarding the
//! national winner.
//!
//! Who may do what, checked here and nowhere else: the secretariat sets the final up; a
//! country's representative enters the country's projects. Brå's organisers run their national
//! round and have no say over the final.
mod entering;
mod results;

pub use entering::*;
pub use results::*;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::accounts::{Actor, normalise_email};
use super::audit;
use super::begin_write;
use super::clock::{local_input, parse_local, when};
use super::competition::EUROPEAN;
use super::entities::{app_user, competition, entry, final_country};
use super::public_changes::PublicChanges;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{COUNTRIES, FinalCountryRow, FinalView, FinalsView};

/// The code a final's row carries as its country.
pub const EU: &str = "EU";
const MAX_THEME: usize = 300;

use super::admin::require_secretariat;

/// The years a final may be held: the award's first year up to a sensible horizon.
fn check_year(year: i32) -> Result<(), AppError> {
    if (1998..=2100).contains(&year) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The European final of `year`, if it has been opened.
pub async fn final_of<C: ConnectionTrait>(
    db: &C,
    year: i32,
) -> Result<Option<competition::Model>, AppError> {
    super::competition::final_round(db, year).await
}

use super::competition::final_countries as countries_of;

/// The finals opened so far, newest first, with their themes.
pub async fn finals(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<FinalsView, AppError> {
    require_secretariat(actor)?;
    let years = competition::Entity::find()
        .filter(competition::Column::RoundKind.eq(EUROPEAN))
        .order_by_desc(competition::Column::Year)
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.year, f.theme_en.unwrap_or(f.theme_sv)))
        .collect();
    Ok(FinalsView {
        this_year: when(now).date[..4].parse().unwrap_or(2000),
        years,
    })
}

/// The secretariat's page of a year's final; an unopened final shows as empty.
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
) -> Result<FinalView, AppError> {
    require_secretariat(actor)?;
    check_year(year)?;
    let f = final_of(db, year).await?;
    let taking_part = match &f {
        Some(f) => countries_of(db, f.id).await?,
        None => Vec::new(),
    };
    let ids: Vec<i32> = taking_part
        .iter()
        .filter_map(|c| c.representative_id)
        .collect();
    let people = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(FinalView {
        year,
        opened: f.is_some(),
        theme: f
            .as_ref()
            .map(|f| f.theme_en.clone().unwrap_or_else(|| f.theme_sv.clone()))
            .unwrap_or_default(),
        deadline: local_input(f.as_ref().and_then(|f| f.closes_at)),
        judging_closes: local_input(f.as_ref().and_then(|f| f.deliberation_at)),
        anonymous: f.as_ref().is_some_and(|f| f.anonymous_review),
        prize_winner: euros(f.as_ref().and_then(|f| f.prize_winner_eur)),
        prize_runner_up: euros(f.as_ref().and_then(|f| f.prize_runner_up_eur)),
        hosted: match &f {
            Some(f) => super::rounds::hosted_of_final(db, f).await?,
            None => Vec::new(),
        },
        countries: COUNTRIES
            .iter()
            .map(|c| {
                let row = taking_part.iter().find(|t| t.country == c.0);
                FinalCountryRow {
                    country: c.0.into(),
                    taking_part: row.is_some(),
                    representative: row
                        .and_then(|r| r.representative_id)
                        .and_then(|id| people.iter().find(|p| p.id == id))
                        .map(|p| (p.name.clone(), p.email.clone())),
                }
            })
            .collect(),
    })
}

fn euros(amount: Option<i32>) -> String {
    amount.map(|a| a.to_string()).unwrap_or_default()
}

/// What the secretariat sets of a year's final, as the form sends it: the theme, the deadline
/// for national entries, when the jury's scoring closes (optional), whether its jurors review
/// anonymously and the member states taking part.
#[derive(Clone, Copy, Debug, Default)]
pub struct FinalSettings<'a> {
    pub theme: &'a str,
    pub deadline: &'a str,
    /// Empty while not set: the jury then scores until the decision, without reminders.
    pub judging_closes: &'a str,
    /// The final's jurors see neither the organisation nor the contacts (`backend::anonymity`).
    pub anonymous: bool,
    pub countries: &'a [String],
}

/// Opens the year's final, or changes it: the theme, the deadline for national entries, when
/// the jury's scoring closes, whether it reviews anonymously and the member states taking part.
/// A country taken out loses its representative; one that has entered projects cannot be taken
/// out.
pub async fn save(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    year: i32,
    settings: &FinalSettings<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_secretariat(actor)?;
    check_year(year)?;
    let FinalSettings {
        theme,
        deadline,
        judging_closes,
        anonymous,
        countries,
    } = *settings;
    let theme = theme.trim();
    let mut problems = Vec::new();
    if theme.is_empty() {
        problems.push(FieldError::new("theme", Problem::Required));
    } else if theme.chars().count() > MAX_THEME {
        problems.push(FieldError::new("theme", Problem::TooLong));
    }
    let deadline_at = if deadline.trim().is_empty() {
        problems.push(FieldError::new("deadline", Problem::Required));
        None
    } else {
        let at = parse_local(deadline.trim());
        if at.is_none() {
            problems.push(FieldError::new("deadline", Problem::InvalidDate));
        }
        at
    };
    // The jury scores from the deadline until this, so it comes after the deadline.
    let closes_at = match judging_closes.trim() {
        "" => None,
        raw => match parse_local(raw) {
            None => {
                problems.push(FieldError::new("judging_closes", Problem::InvalidDate));
                None
            }
            Some(at) => {
                if deadline_at.is_some_and(|d| at <= d) {
                    problems.push(FieldError::new("judging_closes", Problem::NotAfterDeadline));
                }
                Some(at)
            }
        },
    };
    let chosen: BTreeSet<String> = countries.iter().map(|c| c.trim().to_uppercase()).collect();
    if chosen
        .iter()
        .any(|c| !COUNTRIES.iter().any(|known| known.0 == c))
    {
        problems.push(FieldError::new("countries", Problem::InvalidChoice));
    }
    // A country that has entered projects stays: its entries would be left without a place.
    if let Some(f) = final_of(db, year).await? {
        let entered = entry::Entity::find()
            .filter(entry::Column::CompetitionId.eq(f.id))
            .filter(entry::Column::Country.is_not_in(chosen.iter().cloned()))
            .count(db)
            .await?;
        if entered > 0 {
            problems.push(FieldError::new("countries", Problem::HasEntries));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let txn = begin_write(db).await?;
    let existing = final_of(&txn, year).await?;
    let id = match &existing {
        Some(f) => {
            let mut m: competition::ActiveModel = f.clone().into();
            m.theme_sv = Set(theme.into());
            m.theme_en = Set(Some(theme.into()));
            m.closes_at = Set(deadline_at);
            m.judging_at = Set(deadline_at);
            m.deliberation_at = Set(closes_at);
            m.anonymous_review = Set(anonymous);
            m.update(&txn).await?.id
        }
        None => {
            competition::ActiveModel {
                year: Set(year),
                theme_sv: Set(theme.into()),
                theme_en: Set(Some(theme.into())),
                description_sv: Set(String::new()),
                opens_at: Set(Some(now)),
                closes_at: Set(deadline_at),
                // The European jury judges from the deadline on.
                judging_at: Set(deadline_at),
                deliberation_at: Set(closes_at),
                anonymous_review: Set(anonymous),
                created_at: Set(now),
                round_kind: Set(EUROPEAN.into()),
                country: Set(EU.into()),
                home: Set(false),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    let before = countries_of(&txn, id).await?;
    for gone in before.iter().filter(|c| !chosen.contains(&c.country)) {
        final_country::Entity::delete_by_id(gone.id)
            .exec(&txn)
            .await?;
    }
    for added in chosen
        .iter()
        .filter(|c| !before.iter().any(|b| &b.country == *c))
    {
        final_country::ActiveModel {
            competition_id: Set(id),
            country: Set(added.clone()),
            representative_id: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        if existing.is_some() {
            "final.change"
        } else {
            "final.open"
        },
        format!("final:{year}"),
        serde_json::json!({
            "theme": theme,
            "deadline": deadline.trim(),
            "judging_closes": judging_closes.trim(),
            "anonymous": anonymous,
            "countries": chosen,
            "before": existing.as_ref().map(|f| serde_json::json!({
                "theme": f.theme_en,
                "deadline": local_input(f.closes_at),
                "judging_closes": local_input(f.deliberation_at),
                "anonymous": f.anonymous_review,
                "countries": before.iter().map(|c| c.country.clone()).collect::<Vec<_>>(),
            })),
        }),
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

/// Names the account with `email` as the country's representative in the year's final; an empty
/// address removes the representative. The country must be taking part.
pub async fn save_representative(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    country: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_secretariat(actor)?;
    let f = final_of(db, year).await?.ok_or(AppError::NotFound)?;
    let row = countries_of(db, f.id)
        .await?
        .into_iter()
        .find(|c| c.country.eq_ignore_ascii_case(country.trim()))
        .ok_or(AppError::NotFound)?;
    let person = if email.trim().is_empty() {
        None
    } else {
        // The field is the country's own on the page, where every country has one.
        let field = format!("email.{}", row.country);
        let email = normalise_email(email).map_err(|p| AppError::invalid_field(&field, p))?;
        Some(
            app_user::Entity::find()
                .filter(app_user::Column::Email.eq(email))
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid_field(&field, Problem::NoAccount))?,
        )
    };
    let txn = begin_write(db).await?;
    let before = row.representative_id;
    let mut m: final_country::ActiveModel = row.clone().into();
    m.representative_id = Set(person.as_ref().map(|p| p.id));
    m.update(&txn).await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "final.representative",
        format!("final:{year}:{}", row.country),
        serde_json::json!({ "before": before, "after": person.as_ref().map(|p| p.id) }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
