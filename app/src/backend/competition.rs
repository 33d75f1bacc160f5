//! The competition room: years, themes and phases.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Select,
};

use super::accounts::Actor;
use super::clock::when;
use super::entities::{award, competition, entry, final_country};
use crate::error::AppError;
use crate::model::{CompetitionSummary, EntrySummary, Phase, Role, RoundRef, Text, WordLimits};

pub use super::entities::competition::{EUROPEAN, NATIONAL};

/// The home country's national rounds: the competition years the portal's own pages, its
/// organisers, applicants and jurors know by year. Every query of a round by its year starts
/// here, so that another country's round or the final of the same year is never taken for it.
pub fn home_rounds() -> Select<competition::Entity> {
    competition::Entity::find()
        .filter(competition::Column::Home.eq(true))
        .filter(competition::Column::RoundKind.eq(NATIONAL))
}

/// The member states taking part in a final, by code: what the final's pages, its entering
/// and the rounds hosted for its countries all read.
pub async fn final_countries<C: ConnectionTrait>(
    db: &C,
    final_id: i32,
) -> Result<Vec<final_country::Model>, AppError> {
    Ok(final_country::Entity::find()
        .filter(final_country::Column::CompetitionId.eq(final_id))
        .order_by_asc(final_country::Column::Country)
        .all(db)
        .await?)
}

/// Whether `user_id` is the national representative of `country` in the round: only a final
/// has representatives.
pub async fn represents<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    round_id: i32,
    country: &str,
) -> Result<bool, AppError> {
    Ok(final_country::Entity::find()
        .filter(final_country::Column::CompetitionId.eq(round_id))
        .filter(final_country::Column::Country.eq(country))
        .filter(final_country::Column::RepresentativeId.eq(user_id))
        .count(db)
        .await?
        > 0)
}

/// The phase a competition is in at `now`: the latest phase whose start has passed.
///
/// The planned publication date (`published_at`) does not make results public: only the
/// organiser's release (`results_released_at`) does, and archiving follows it.
pub fn phase_at(c: &competition::Model, now: DateTime<Utc>) -> Phase {
    let released = c.results_released_at.filter(|r| now >= *r);
    [
        (
            c.archived_at.filter(|_| released.is_some()),
            Phase::Archived,
        ),
        (released, Phase::Published),
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

/// When judging closes: at the deliberation, or at the decision where the year set no
/// deliberation date. The final has neither until the secretariat sets one.
pub fn judging_closes(c: &competition::Model) -> Option<DateTime<Utc>> {
    c.deliberation_at.or(c.decided_at)
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
    Ok(home_rounds()
        .order_by_desc(competition::Column::Year)
        .all(db)
        .await?)
}

/// Every round on the portal: the home country's years, other countries' rounds hosted here,
/// and the European finals. What the scheduled reminders walk, so that no round's applicants
/// or jurors are left out.
pub async fn every_round(db: &DatabaseConnection) -> Result<Vec<competition::Model>, AppError> {
    Ok(competition::Entity::find()
        .order_by_asc(competition::Column::Id)
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

/// The European final of `year`, if it has been opened.
pub async fn final_round<C: ConnectionTrait>(
    db: &C,
    year: i32,
) -> Result<Option<competition::Model>, AppError> {
    Ok(competition::Entity::find()
        .filter(competition::Column::Year.eq(year))
        .filter(competition::Column::RoundKind.eq(EUROPEAN))
        .one(db)
        .await?)
}

/// The round `r` names: the home country's national round of its year, another country's
/// round hosted here, or that year's final; "not found" if there is none.
pub async fn round<C: ConnectionTrait>(
    db: &C,
    r: RoundRef,
) -> Result<competition::Model, AppError> {
    if r.europe {
        final_round(db, r.year).await?.ok_or(AppError::NotFound)
    } else if let Some(country) = r.country {
        hosted_round(db, r.year, country.code())
            .await?
            .ok_or(AppError::NotFound)
    } else {
        by_year(db, r.year).await
    }
}

/// Another country's national round of `year` hosted on the portal, if there is one.
pub async fn hosted_round<C: ConnectionTrait>(
    db: &C,
    year: i32,
    country: &str,
) -> Result<Option<competition::Model>, AppError> {
    Ok(competition::Entity::find()
        .filter(competition::Column::Year.eq(year))
        .filter(competition::Column::RoundKind.eq(NATIONAL))
        .filter(competition::Column::Home.eq(false))
        .filter(competition::Column::Country.eq(country))
        .one(db)
        .await?)
}

/// How a page and a server function name the round `c`.
pub fn round_ref(c: &competition::Model) -> RoundRef {
    if c.round_kind == EUROPEAN {
        RoundRef::final_of(c.year)
    } else {
        match crate::model::Country::parse(&c.country).filter(|_| !c.home) {
            Some(country) => RoundRef::national(c.year, country),
            None => RoundRef::from(c.year),
        }
    }
}

/// A place in a European final held on the portal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinalPlacing {
    /// 1 for the winner, then the runners-up in the jury's order.
    pub rank: i32,
    pub country: String,
    pub title: String,
    /// The national entry the final's entry was forwarded from, if it was.
    pub forwarded_from: Option<i32>,
}

/// The placings of the year's European final, best first, once its results are public; empty
/// while the final is not on the portal or its results are not out. What a national round shows
/// as its European placing, where the final is on the portal.
pub async fn final_placings(
    db: &DatabaseConnection,
    year: i32,
    now: DateTime<Utc>,
) -> Result<Vec<FinalPlacing>, AppError> {
    let Some(f) = final_round(db, year).await? else {
        return Ok(Vec::new());
    };
    if !phase_at(&f, now).results_public() {
        return Ok(Vec::new());
    }
    let awards = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(f.id))
        .order_by_asc(award::Column::Rank)
        .all(db)
        .await?;
    let entries = entry::Entity::find()
        .filter(entry::Column::Id.is_in(awards.iter().map(|a| a.entry_id)))
        .all(db)
        .await?;
    Ok(awards
        .iter()
        .filter_map(|a| {
            let e = entries.iter().find(|e| e.id == a.entry_id)?;
            Some(FinalPlacing {
                rank: a.rank,
                country: e.country.clone(),
                title: e.title.clone(),
                forwarded_from: e.forwarded_from,
            })
        })
        .collect())
}

/// Whether the round works in English: the European final, and another country's national
/// round hosted here (its entries, motivation and pages). The home country's round works in
/// Swedish.
pub fn in_english(c: &competition::Model) -> bool {
    c.round_kind == EUROPEAN || !c.home
}

/// Whether the actor runs the round (its jury, screening, decision and release): Brå's
/// organisers (admin) the home country's national rounds, the EUCPN secretariat the European
/// finals, and another country's round hosted here the organisers named for it, nobody else.
/// The one owner of that rule.
pub fn organises(actor: &Actor, c: &competition::Model) -> bool {
    if c.round_kind == EUROPEAN {
        actor.has(Role::Secretariat)
    } else if c.home {
        actor.has(Role::Admin)
    } else {
        actor.rounds.contains(&c.id)
    }
}

/// The actor with the organiser's rights to the round added: for checks that must see the
/// round as its organiser does, whoever asks (the decision's full ranking).
pub fn as_organiser(actor: &Actor, c: &competition::Model) -> Actor {
    let mut a = actor.clone();
    if !organises(&a, c) {
        if c.round_kind == EUROPEAN {
            a.roles.push(Role::Secretariat);
        } else if c.home {
            a.roles.push(Role::Admin);
        } else {
            a.rounds.push(c.id);
        }
    }
    a
}

/// The competition of `year`, whatever its phase; "not found" if there is none.
pub async fn by_year<C: ConnectionTrait>(
    db: &C,
    year: i32,
) -> Result<competition::Model, AppError> {
    home_rounds()
        .filter(competition::Column::Year.eq(year))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A year the public may see; drafts are reported as not found.
pub async fn public_year(
    db: &DatabaseConnection,
    year: i32,
    now: DateTime<Utc>,
) -> Result<competition::Model, AppError> {
    home_rounds()
        .filter(competition::Column::Year.eq(year))
        .one(db)
        .await?
        .filter(|c| phase_at(c, now) > Phase::Draft)
        .ok_or(AppError::NotFound)
}

/// The year's word limits: the stored ones over the defaults.
pub fn limits(c: &competition::Model) -> WordLimits {
    let mut limits = WordLimits::default();
    if let Ok(stored) = serde_json::from_str::<BTreeMap<String, u32>>(&c.word_limits) {
        limits.0.extend(stored);
    }
    limits
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
            scale_min: 0,
            scale_max: 5,
            word_limits: String::new(),
            entries_listed_at: None,
            blind_until_close: false,
            normalise_scores: false,
            anonymous_review: false,
            shortlist_kind: None,
            shortlist_closes_at: None,
            deadline_reminders: Default::default(),
            jury_reminders: Default::default(),
            results_released_at: published,
            results_notified_at: None,
            eucpn_address: None,
            round_kind: NATIONAL.into(),
            country: "SE".into(),
            home: true,
            prize_winner_eur: None,
            prize_runner_up_eur: None,
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

    #[test]
    fn only_the_release_makes_results_public() {
        let published = stockholm(2022, 10, 20, 9, 0).unwrap();
        let mut c = year(stockholm(2022, 4, 1, 9, 0), None, Some(published));
        c.results_released_at = None;
        c.archived_at = Some(published + chrono::Duration::days(60));
        let later = published + chrono::Duration::days(90);
        // The planned dates alone: neither published nor archived.
        assert_eq!(phase_at(&c, later), Phase::Open);
        assert!(!phase_at(&c, later).results_public());
        // A release scheduled for tomorrow is not public today.
        c.results_released_at = Some(later + chrono::Duration::days(1));
        assert!(!phase_at(&c, later).results_public());
        assert_eq!(
            phase_at(&c, later + chrono::Duration::days(1)),
            Phase::Archived
        );
    }
}
