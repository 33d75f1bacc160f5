//! The competition room: years, themes and phases.
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::clock::when;
use super::entities::competition;
use crate::error::AppError;
use crate::model::{CompetitionSummary, EntrySummary, Phase, Text};

/// The phase a competition is in at `now`: the latest phase whose start has passed.
pub fn phase_at(c: &competition::Model, now: DateTime<Utc>) -> Phase {
    [
        (c.archived_at, Phase::Archived),
        (c.published_at, Phase::Published),
        (c.decided_at, Phase::Decided),
        (c.deliberation_at, Phase::Deliberation),
        (c.judging_at, Phase::Judging),
        (c.closes_at, Phase::Screening),
        (c.opens_at, Phase::Open),
    ]
    .into_iter()
    .find_map(|(start, phase)| start.filter(|s| now >= *s).map(|_| phase))
    .unwrap_or(Phase::Draft)
}

pub fn summary(
    c: &competition::Model,
    now: DateTime<Utc>,
    winner: Option<EntrySummary>,
) -> CompetitionSummary {
    CompetitionSummary {
        year: c.year,
        theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
        phase: phase_at(c, now),
        opens_at: c.opens_at.map(when),
        closes_at: c.closes_at.map(when),
        winner,
    }
}

/// All competition years, newest first.
pub async fn all(db: &DatabaseConnection) -> Result<Vec<competition::Model>, AppError> {
    Ok(competition::Entity::find()
        .order_by_desc(competition::Column::Year)
        .all(db)
        .await?)
}

/// Competition years the public may see at `now` (everything past draft), newest first.
pub async fn public(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Vec<competition::Model>, AppError> {
    let mut years = all(db).await?;
    years.retain(|c| phase_at(c, now) > Phase::Draft);
    Ok(years)
}

/// A year the public may see; drafts are reported as not found.
pub async fn public_year(
    db: &DatabaseConnection,
    year: i32,
    now: DateTime<Utc>,
) -> Result<competition::Model, AppError> {
    competition::Entity::find()
        .filter(competition::Column::Year.eq(year))
        .one(db)
        .await?
        .filter(|c| phase_at(c, now) > Phase::Draft)
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::clock::stockholm;

    fn year(
        opens: Option<DateTime<Utc>>,
        closes: Option<DateTime<Utc>>,
        published: Option<DateTime<Utc>>,
    ) -> competition::Model {
        competition::Model {
            id: 1,
            year: 2022,
            theme_sv: "Tema".into(),
            theme_en: None,
            description_sv: String::new(),
            description_en: None,
            who_may_apply_sv: None,
            who_may_apply_en: None,
            prize_sv: None,
            prize_en: None,
            final_sv: None,
            final_en: None,
            opens_at: opens,
            closes_at: closes,
            judging_at: None,
            deliberation_at: None,
            decided_at: None,
            published_at: published,
            archived_at: None,
            created_at: Utc::now(),
        }
    }

    #[test]
    fn phase_follows_the_dates() {
        let opens = stockholm(2022, 4, 1, 9, 0);
        let closes = stockholm(2022, 8, 19, 23, 59);
        let published = stockholm(2022, 10, 20, 9, 0);
        let c = year(opens, closes, published);
        let second = chrono::Duration::seconds(1);
        assert_eq!(phase_at(&c, opens.unwrap() - second), Phase::Draft);
        assert_eq!(phase_at(&c, opens.unwrap()), Phase::Open);
        assert_eq!(phase_at(&c, closes.unwrap() - second), Phase::Open);
        assert_eq!(phase_at(&c, closes.unwrap()), Phase::Screening);
        // No judging or decision dates: screening lasts until publication.
        assert_eq!(phase_at(&c, published.unwrap() - second), Phase::Screening);
        assert_eq!(phase_at(&c, published.unwrap()), Phase::Published);
        assert_eq!(phase_at(&year(None, None, None), Utc::now()), Phase::Draft);
    }
}
