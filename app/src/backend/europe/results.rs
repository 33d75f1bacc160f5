//! The European final's results: the prize money the secretariat announces, the public page
//! of the final (every country's project, the winner and the runners-up first) and its open
//! data. Releasing the decided results is the publication room's, for every round.
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::{Deserialize, Serialize};

use super::{countries_of, final_of, require_secretariat};
use crate::backend::accounts::Actor;
use crate::backend::audit;
use crate::backend::begin_write;
use crate::backend::clock::when;
use crate::backend::competition::phase_at;
use crate::backend::entities::{award, competition, entry};
use crate::backend::entries::public_entries;
use crate::backend::exports::{Dialect, cell, csv_file};
use crate::backend::markdown;
use crate::backend::public_changes::PublicChanges;
use crate::error::{AppError, FieldError, Problem};
use crate::i18n::Lang;
use crate::model::{EuropeanResultsView, FinalPublicEntry, country_name};

/// The largest prize the form takes, in euros.
const MAX_PRIZE: i32 = 10_000_000;

/// A prize amount from its form field: empty is "not announced"; whole euros otherwise, spaces
/// and a trailing "€" or "EUR" allowed.
fn amount(field: &str, value: &str, problems: &mut Vec<FieldError>) -> Option<i32> {
    let digits: String = value
        .trim()
        .trim_end_matches('€')
        .trim_end_matches("EUR")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if digits.is_empty() {
        return None;
    }
    match digits.parse::<i32>() {
        Ok(n) if (0..=MAX_PRIZE).contains(&n) => Some(n),
        _ => {
            problems.push(FieldError::new(field, Problem::OutOfRange));
            None
        }
    }
}

/// Sets the final's prize money: the winner's and each runner-up's, in whole euros.
pub async fn save_prizes(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    year: i32,
    winner: &str,
    runner_up: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_secretariat(actor)?;
    let f = final_of(db, year).await?.ok_or(AppError::NotFound)?;
    let mut problems = Vec::new();
    let winner = amount("prize_winner", winner, &mut problems);
    let runner_up = amount("prize_runner_up", runner_up, &mut problems);
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let txn = begin_write(db).await?;
    let before = (f.prize_winner_eur, f.prize_runner_up_eur);
    let mut m: competition::ActiveModel = f.into();
    m.prize_winner_eur = Set(winner);
    m.prize_runner_up_eur = Set(runner_up);
    m.update(&txn).await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "final.prizes",
        format!("final:{year}"),
        serde_json::json!({ "before": before, "winner": winner, "runner_up": runner_up }),
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

/// The final's projects as the public sees them once its results are out: awarded first by
/// place, then the other competing entries, then good practice, each by country.
async fn projects(
    db: &DatabaseConnection,
    f: &competition::Model,
) -> Result<Vec<(FinalPublicEntry, entry::Model)>, AppError> {
    let awards = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(f.id))
        .order_by_asc(award::Column::Rank)
        .all(db)
        .await?;
    let mut rows: Vec<(FinalPublicEntry, entry::Model)> = public_entries(db, f.id)
        .await?
        .into_iter()
        .map(|e| {
            let a = awards.iter().find(|a| a.entry_id == e.id);
            let row = FinalPublicEntry {
                country: e.country.clone(),
                title: e.title.clone(),
                organisation: e.organisation_display.clone(),
                summary: if e.publication_consent {
                    e.public_summary_en.clone().unwrap_or_default()
                } else {
                    String::new()
                },
                competing: e.competing,
                place: a.map(|a| a.rank),
                motivation: a.and_then(|a| a.motivation_en.clone()),
            };
            (row, e)
        })
        .collect();
    rows.sort_by_key(|(r, _)| {
        (
            r.place.unwrap_or(i32::MAX),
            !r.competing,
            country_name(&r.country, Lang::En).to_string(),
            r.title.clone(),
        )
    });
    Ok(rows)
}

/// The public page of the year's final; "not found" until the secretariat opens it.
pub async fn public_view(
    db: &DatabaseConnection,
    year: i32,
    now: DateTime<Utc>,
) -> Result<EuropeanResultsView, AppError> {
    let f = final_of(db, year).await?.ok_or(AppError::NotFound)?;
    let released = phase_at(&f, now).results_public();
    let entries = if released {
        projects(db, &f)
            .await?
            .into_iter()
            .map(|(mut r, _)| {
                r.motivation = r.motivation.as_deref().map(markdown::render);
                r
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(EuropeanResultsView {
        year: f.year,
        theme: f.theme_en.clone().unwrap_or_else(|| f.theme_sv.clone()),
        deadline: f.closes_at.map(when),
        countries: countries_of(db, f.id)
            .await?
            .into_iter()
            .map(|c| c.country)
            .collect(),
        prize_winner: f.prize_winner_eur,
        prize_runner_up: f.prize_runner_up_eur,
        released: f.results_released_at.filter(|_| released).map(when),
        entries,
    })
}

/// One project of the final's open data. Field names are stable (documented in the README).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FinalOpenEntry {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The country's English name.
    pub country_name: String,
    /// `competing` or `good_practice`.
    pub kind: String,
    /// `winner`, `runner_up`, or null.
    pub award: Option<String>,
    /// 1 for the winner, then the runners-up; null for the rest.
    pub rank: Option<i32>,
    pub reference: String,
    pub title: String,
    pub organisation: String,
    /// Null without the applicants' consent to publication.
    pub summary: Option<String>,
    /// The jury's motivation as Markdown (the winner's).
    pub motivation: Option<String>,
}

/// A year's European final, once its results are public.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FinalOpenData {
    pub year: i32,
    pub theme: String,
    /// RFC 3339, UTC.
    pub results_published_at: String,
    pub prize_winner_eur: Option<i32>,
    pub prize_runner_up_eur: Option<i32>,
    /// The member states taking part, by code.
    pub countries: Vec<String>,
    pub entries: Vec<FinalOpenEntry>,
}

/// The final's results as open data; "not found" before they are public.
pub async fn open_data(
    db: &DatabaseConnection,
    year: i32,
    now: DateTime<Utc>,
) -> Result<FinalOpenData, AppError> {
    let f = final_of(db, year).await?.ok_or(AppError::NotFound)?;
    let Some(released) = f
        .results_released_at
        .filter(|_| phase_at(&f, now).results_public())
    else {
        return Err(AppError::NotFound);
    };
    let entries = projects(db, &f)
        .await?
        .into_iter()
        .map(|(r, e)| FinalOpenEntry {
            country_name: country_name(&r.country, Lang::En).to_string(),
            country: r.country,
            kind: if r.competing {
                "competing"
            } else {
                "good_practice"
            }
            .into(),
            award: r
                .place
                .map(|p| if p == 1 { "winner" } else { "runner_up" }.into()),
            rank: r.place,
            reference: e.reference,
            title: r.title,
            organisation: r.organisation,
            summary: Some(r.summary).filter(|s| !s.trim().is_empty()),
            motivation: r.motivation.filter(|s| !s.trim().is_empty()),
        })
        .collect();
    Ok(FinalOpenData {
        year: f.year,
        theme: f.theme_en.clone().unwrap_or_else(|| f.theme_sv.clone()),
        results_published_at: released.to_rfc3339_opts(SecondsFormat::Secs, true),
        prize_winner_eur: f.prize_winner_eur,
        prize_runner_up_eur: f.prize_runner_up_eur,
        countries: countries_of(db, f.id)
            .await?
            .into_iter()
            .map(|c| c.country)
            .collect(),
        entries,
    })
}

/// The CSV columns of the final's open data, one row per project.
pub const FINAL_CSV_COLUMNS: [&str; 12] = [
    "year",
    "country",
    "country_name",
    "kind",
    "award",
    "rank",
    "reference",
    "title",
    "organisation",
    "summary",
    "motivation",
    "results_published_at",
];

/// The projects as CSV (UTF-8 with a BOM, for Excel), formula-looking cells guarded.
pub fn open_data_csv(d: &FinalOpenData) -> Result<Vec<u8>, AppError> {
    let o = |s: &Option<String>| cell(s.as_deref().unwrap_or(""));
    let rows: Vec<Vec<String>> = d
        .entries
        .iter()
        .map(|e| {
            vec![
                d.year.to_string(),
                cell(&e.country),
                cell(&e.country_name),
                cell(&e.kind),
                o(&e.award),
                e.rank.map(|r| r.to_string()).unwrap_or_default(),
                cell(&e.reference),
                cell(&e.title),
                cell(&e.organisation),
                o(&e.summary),
                o(&e.motivation),
                d.results_published_at.clone(),
            ]
        })
        .collect();
    // Open data, for tools rather than spreadsheets: commas.
    csv_file(&FINAL_CSV_COLUMNS, &rows, Dialect::Comma)
}
