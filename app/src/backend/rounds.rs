//! Other countries' national rounds hosted on the portal. The EUCPN secretariat hosts a member
//! state's round of a year (one taking part in that year's final, other than the portal's home
//! country) and names its organisers; they set the round's dates, and run its screening, jury,
//! decision and release with the national round's own machinery, addressed as
//! `RoundRef::national`.
//!
//! Who may do what, checked here and nowhere else: the secretariat hosts rounds and names their
//! organisers, and sees no more of them than that; a hosted round's organisers run that round
//! and no other (`competition::organises`). Brå's organisers have no part in them.
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::accounts::{Actor, normalise_email};
use super::admin::{organised, require_secretariat};
use super::audit;
use super::begin_write;
use super::clock::{local_input, parse_local};
use super::competition::{
    NATIONAL, final_countries, final_round, home_rounds, hosted_round, phase_at,
};
use super::entities::{app_user, competition, entry, round_organiser};
use super::public_changes::PublicChanges;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{Country, EntryStatus, HostedRoundRow, HostedRoundView, RoundDates, RoundRef};

/// The round's dates in order, as the form names them.
const DATE_FIELDS: [&str; 4] = ["opens", "closes", "judging", "deliberation"];

/// Hosts `country`'s national round of `year` on the portal, if it is not hosted yet, and names
/// the account with `email` one of its organisers. The country must take part in the year's
/// final and must not be the portal's home country, whose rounds are Brå's.
pub async fn host(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    country: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_secretariat(actor)?;
    let f = final_round(db, year).await?.ok_or(AppError::NotFound)?;
    let country = Country::parse(country).ok_or(AppError::NotFound)?;
    let taking_part = final_countries(db, f.id)
        .await?
        .iter()
        .any(|c| c.country == country.code());
    let home = home_rounds()
        .filter(competition::Column::Country.eq(country.code()))
        .count(db)
        .await?
        > 0;
    if !taking_part || home {
        return Err(AppError::NotFound);
    }
    // The field is the country's own on the page, where every country has one.
    let field = format!("organiser.{}", country.code());
    let email = normalise_email(email).map_err(|p| AppError::invalid_field(&field, p))?;
    let person = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid_field(&field, Problem::NoAccount))?;
    let txn = begin_write(db).await?;
    let mut hosted = false;
    let round = match hosted_round(&txn, year, country.code()).await? {
        Some(r) => r,
        None => {
            let r = competition::ActiveModel {
                year: Set(year),
                theme_sv: Set(f.theme_en.clone().unwrap_or_else(|| f.theme_sv.clone())),
                theme_en: Set(f.theme_en.clone()),
                description_sv: Set(String::new()),
                created_at: Set(now),
                round_kind: Set(NATIONAL.into()),
                country: Set(country.code().into()),
                home: Set(false),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            hosted = true;
            r
        }
    };
    let already = round_organiser::Entity::find()
        .filter(round_organiser::Column::CompetitionId.eq(round.id))
        .filter(round_organiser::Column::UserId.eq(person.id))
        .count(&txn)
        .await?
        > 0;
    if !already {
        round_organiser::ActiveModel {
            competition_id: Set(round.id),
            user_id: Set(person.id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    // One event: the round hosted (with its first organiser), or an organiser added.
    if hosted || !already {
        audit::record(
            &txn,
            Some(actor.user_id),
            if hosted {
                "round.host"
            } else {
                "round.organiser"
            },
            format!("round:{year}:{}", country.code()),
            serde_json::json!({ "competition": round.id, "organiser": person.id }),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The national rounds of the final's member states but the home country's, by country: each
/// hosted here or not, with its organisers' names. What the secretariat sees of them.
pub async fn hosted_of_final<C: ConnectionTrait>(
    db: &C,
    f: &competition::Model,
) -> Result<Vec<HostedRoundRow>, AppError> {
    // The home country's rounds are Brå's: looked up once, not per member state.
    let home: Vec<String> = home_rounds()
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.country)
        .collect();
    let mut rows = Vec::new();
    for fc in final_countries(db, f.id).await? {
        let Some(country) = Country::parse(&fc.country) else {
            continue;
        };
        if home.iter().any(|h| h == country.code()) {
            continue;
        }
        let round = hosted_round(db, f.year, country.code()).await?;
        let names = match &round {
            Some(r) => organisers(db, r.id).await?,
            None => Vec::new(),
        };
        rows.push(HostedRoundRow {
            country,
            hosted: round.is_some(),
            organisers: names.into_iter().map(|o| (o.id, o.name)).collect(),
        });
    }
    Ok(rows)
}

async fn organisers<C: ConnectionTrait>(
    db: &C,
    round_id: i32,
) -> Result<Vec<app_user::Model>, AppError> {
    let ids: Vec<i32> = round_organiser::Entity::find()
        .filter(round_organiser::Column::CompetitionId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.user_id)
        .collect();
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .order_by_asc(app_user::Column::Name)
        .all(db)
        .await?)
}

/// Takes `user_id` off the organisers of `country`'s round of `year`: the secretariat's, as
/// naming them is. The round stays, with its entries and jury, even without organisers, until
/// the secretariat names another. "Not found" for a round not hosted or a person who does not
/// organise it.
pub async fn remove_organiser(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    country: Country,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_secretariat(actor)?;
    let round = hosted_round(db, year, country.code())
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = begin_write(db).await?;
    let removed = round_organiser::Entity::delete_many()
        .filter(round_organiser::Column::CompetitionId.eq(round.id))
        .filter(round_organiser::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?
        .rows_affected;
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "round.organiser_removed",
        format!("round:{year}:{}", country.code()),
        serde_json::json!({ "competition": round.id, "organiser": user_id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The organiser's page of a hosted round: its theme, dates, organisers and how many entries
/// are in.
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    country: Country,
    now: DateTime<Utc>,
) -> Result<HostedRoundView, AppError> {
    let c = organised(db, actor, RoundRef::national(year, country)).await?;
    let submitted = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .filter(entry::Column::Status.ne(EntryStatus::Draft))
        .count(db)
        .await?;
    Ok(HostedRoundView {
        year,
        country,
        theme: c.theme_en.clone().unwrap_or_else(|| c.theme_sv.clone()),
        phase: phase_at(&c, now),
        dates: dates_of(&c),
        organisers: organisers(db, c.id)
            .await?
            .into_iter()
            .map(|u| (u.name, u.email))
            .collect(),
        submitted,
    })
}

/// The round's dates as its form shows them.
fn dates_of(c: &competition::Model) -> RoundDates {
    RoundDates {
        opens: local_input(c.opens_at),
        closes: local_input(c.closes_at),
        judging: local_input(c.judging_at),
        deliberation: local_input(c.deliberation_at),
        anonymous: c.anonymous_review,
    }
}

/// Parses the round's dates: each one empty, or a date and time after the one before it.
fn parse_dates(d: &RoundDates) -> Result<[Option<DateTime<Utc>>; 4], AppError> {
    let mut out = [None; 4];
    let mut problems = Vec::new();
    let mut latest: Option<DateTime<Utc>> = None;
    let values = [&d.opens, &d.closes, &d.judging, &d.deliberation];
    for (i, (field, value)) in DATE_FIELDS.iter().zip(values).enumerate() {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match parse_local(value) {
            None => problems.push(FieldError::new(*field, Problem::InvalidDate)),
            Some(at) => {
                if latest.is_some_and(|l| at <= l) {
                    problems.push(FieldError::new(*field, Problem::OutOfOrder));
                }
                latest = Some(at);
                out[i] = Some(at);
            }
        }
    }
    // Applicants need a deadline once the round opens.
    if out[0].is_some() && out[1].is_none() {
        problems.push(FieldError::new("closes", Problem::Required));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// Sets a hosted round's dates: when it opens to applicants, the deadline, and when judging and
/// the jury's deliberation begin; and whether its jurors review anonymously. Audited with the dates before and after.
pub async fn save_dates(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    year: i32,
    country: Country,
    dates: RoundDates,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let c = organised(db, actor, RoundRef::national(year, country)).await?;
    let [opens, closes, judging, deliberation] = parse_dates(&dates)?;
    let before = dates_of(&c);
    let txn = begin_write(db).await?;
    let mut m: competition::ActiveModel = c.clone().into();
    m.opens_at = Set(opens);
    m.closes_at = Set(closes);
    m.judging_at = Set(judging);
    m.deliberation_at = Set(deliberation);
    m.anonymous_review = Set(dates.anonymous);
    m.update(&txn).await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "round.dates",
        format!("competition:{}", c.id),
        serde_json::json!({ "before": before, "after": dates }),
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(o: &str, c: &str, j: &str, d: &str) -> RoundDates {
        RoundDates {
            opens: o.into(),
            closes: c.into(),
            judging: j.into(),
            deliberation: d.into(),
            anonymous: false,
        }
    }

    fn fields(e: AppError) -> Vec<(String, Problem)> {
        match e {
            AppError::Invalid(p) => p.into_iter().map(|f| (f.field, f.problem)).collect(),
            other => panic!("expected field problems, got {other:?}"),
        }
    }

    #[test]
    fn a_rounds_dates_come_in_order_and_an_open_round_has_a_deadline() {
        let ok = parse_dates(&dates("2027-03-01T09:00", "2027-05-01T23:59", "", "")).unwrap();
        assert!(ok[0].is_some() && ok[1].is_some() && ok[2].is_none());
        assert!(
            parse_dates(&dates("", "", "", ""))
                .unwrap()
                .iter()
                .all(Option::is_none)
        );
        assert_eq!(
            fields(
                parse_dates(&dates("2027-05-01T09:00", "2027-03-01T09:00", "", "")).unwrap_err()
            ),
            vec![("closes".to_string(), Problem::OutOfOrder)]
        );
        assert_eq!(
            fields(parse_dates(&dates("2027-03-01T09:00", "", "", "")).unwrap_err()),
            vec![("closes".to_string(), Problem::Required)]
        );
        assert_eq!(
            fields(parse_dates(&dates("soon", "", "", "")).unwrap_err()),
            vec![("opens".to_string(), Problem::InvalidDate)]
        );
    }
}
