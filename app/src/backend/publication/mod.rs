//! The publication room: what the public reads. Results, the archive, news and events; the
//! organiser's side of them in the submodules.
pub mod events;
pub mod feeds;
pub mod kept;
pub mod media;
pub mod news;
mod outcomes;
mod publishing;
pub mod release;
pub mod subscriptions;

use chrono::{DateTime, Utc};
pub(crate) use outcomes::recipients;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::clock::when;
use super::entities::{
    award, competition as competition_entity, european_result, event, event_speaker, news_item,
};
use super::{competition, entries, markdown};
use crate::error::AppError;
use crate::model::*;

/// The next moment after `now` at which the public view changes by itself: something scheduled
/// becomes public, an event starts or ends, or a year enters a phase.
pub async fn next_public_change(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let mut times = Vec::new();
    for col in [news_item::Column::PublishedAt] {
        times.push(
            news_item::Entity::find()
                .filter(col.gt(now))
                .order_by_asc(col)
                .one(db)
                .await?
                .and_then(|n| n.published_at),
        );
    }
    for col in [
        event::Column::PublishedAt,
        event::Column::StartsAt,
        event::Column::EndsAt,
    ] {
        if let Some(e) = event::Entity::find()
            .filter(col.gt(now))
            .order_by_asc(col)
            .one(db)
            .await?
        {
            times.push(
                [Some(e.starts_at), e.ends_at, e.published_at]
                    .into_iter()
                    .flatten()
                    .filter(|t| *t > now)
                    .min(),
            );
        }
    }
    for c in competition_entity::Entity::find().all(db).await? {
        times.extend(
            [
                c.opens_at,
                c.closes_at,
                c.judging_at,
                c.deliberation_at,
                c.published_at,
                c.results_released_at,
                c.archived_at,
            ]
            .into_iter()
            .map(|t| t.filter(|t| *t > now)),
        );
    }
    Ok(times.into_iter().flatten().min())
}

/// Mails what publication has made due: results that became public (to their applicants) and
/// news that became public (to the subscribers). Returns the mails queued.
pub async fn notify_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    Ok(outcomes::notify_released(db, now, base_url).await?
        + news::notify_subscribers(db, now, base_url).await?)
}

fn opt_text(sv: &Option<String>, en: &Option<String>) -> Option<Text> {
    sv.as_ref()
        .filter(|s| !s.trim().is_empty())
        .map(|sv| Text::new(sv, en.as_ref()))
}

/// Markdown as sanitised HTML, in both languages.
fn rendered(t: &Text) -> Text {
    Text::new(
        markdown::render(&t.sv),
        t.en.as_deref().map(markdown::render),
    )
}

/// The winner's award of a year, if the results are public.
async fn winner_award(
    db: &DatabaseConnection,
    c: &competition_entity::Model,
    now: DateTime<Utc>,
) -> Result<Option<award::Model>, AppError> {
    if !competition::phase_at(c, now).results_public() {
        return Ok(None);
    }
    Ok(award::Entity::find()
        .filter(award::Column::CompetitionId.eq(c.id))
        .filter(award::Column::Kind.eq("winner"))
        .one(db)
        .await?)
}

/// The winning entry of a year, if the results are public.
async fn winner(
    db: &DatabaseConnection,
    c: &competition_entity::Model,
    now: DateTime<Utc>,
) -> Result<Option<EntrySummary>, AppError> {
    Ok(match winner_award(db, c, now).await? {
        Some(a) => Some(entries::summary(&entries::by_id(db, a.entry_id).await?)),
        None => None,
    })
}

pub async fn home(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<HomeView, AppError> {
    let current = match competition::public(db, now).await?.into_iter().next() {
        Some(c) => Some(competition::summary(&c, now, winner(db, &c, now).await?)),
        None => None,
    };
    Ok(HomeView {
        now: now.timestamp(),
        current,
        news: news_list(db, now, None, Some(3)).await?,
        events: events_list(db, now, None, Some(3)).await?,
    })
}

pub async fn competition_page(
    db: &DatabaseConnection,
    year: i32,
    now: DateTime<Utc>,
) -> Result<CompetitionView, AppError> {
    let c = competition::public_year(db, year, now).await?;
    let results = if competition::phase_at(&c, now).results_public() {
        let mut r = results(db, &c, now).await?;
        for a in &mut r.awarded {
            for text in [&mut a.about, &mut a.motivation].into_iter().flatten() {
                *text = rendered(text);
            }
        }
        Some(r)
    } else {
        None
    };
    let winner = results
        .as_ref()
        .and_then(|r| r.awarded.iter().find(|a| a.kind == AwardKind::Winner))
        .map(|a| a.entry.clone());
    Ok(CompetitionView {
        now: now.timestamp(),
        summary: competition::summary(&c, now, winner),
        description: Text::new(&c.description_sv, c.description_en.as_ref()),
        who_may_apply: opt_text(&c.who_may_apply_sv, &c.who_may_apply_en),
        prize: opt_text(&c.prize_sv, &c.prize_en),
        european_final: opt_text(&c.final_sv, &c.final_en),
        criteria: crate::backend::rubric::rubric(db, &c).await?,
        scale: (c.scale_min, c.scale_max),
        entry_list: entries::screening::public_list(db, &c, results.is_some()).await?,
        results,
        news: news_list(db, now, Some(c.id), None).await?,
        events: events_list(db, now, Some(c.id), None).await?,
    })
}

/// The European placings a national round shows: the final's own where it is held on the
/// portal and its results are public, else the rows the organiser typed in. Each with the
/// national entry it belongs to, where known.
async fn european_placings(
    db: &DatabaseConnection,
    c: &competition_entity::Model,
    now: DateTime<Utc>,
) -> Result<(bool, Vec<(EuropeanPlacement, Option<i32>)>), AppError> {
    let held = competition::final_placings(db, c.year, now).await?;
    if !held.is_empty() {
        let placings = held
            .into_iter()
            .map(|p| {
                let (sv, en) = country_names(&p.country);
                let placement = EuropeanPlacement {
                    rank: p.rank,
                    country: Text::new(sv, Some(en)),
                    project_title: Some(p.title),
                };
                (placement, p.forwarded_from)
            })
            .collect();
        return Ok((true, placings));
    }
    let typed = european_result::Entity::find()
        .filter(european_result::Column::CompetitionId.eq(c.id))
        .order_by_asc(european_result::Column::Rank)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let placement = EuropeanPlacement {
                rank: r.rank,
                country: Text::new(r.country_sv, Some(r.country_en)),
                project_title: r.project_title,
            };
            (placement, r.entry_id)
        })
        .collect();
    Ok((false, typed))
}

/// The Swedish and English names of a member state.
fn country_names(code: &str) -> (&str, &str) {
    (
        country_name(code, crate::i18n::Lang::Sv),
        country_name(code, crate::i18n::Lang::En),
    )
}

/// Where the national entry `entry_id` was placed in the European final.
fn placing_of(placings: &[(EuropeanPlacement, Option<i32>)], entry_id: i32) -> Option<i32> {
    placings
        .iter()
        .find(|(_, e)| *e == Some(entry_id))
        .map(|(p, _)| p.rank)
}

/// Awarded entries first (winner, runners-up, mentions by rank), then every other public entry.
pub(crate) async fn results(
    db: &DatabaseConnection,
    c: &competition_entity::Model,
    now: DateTime<Utc>,
) -> Result<Results, AppError> {
    let awards = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(c.id))
        .order_by_asc(award::Column::Rank)
        .all(db)
        .await?;
    let (european_held, european) = european_placings(db, c, now).await?;
    let mut entries = entries::public_entries(db, c.id).await?;
    let mut awarded = Vec::with_capacity(awards.len());
    let kind_order = |k: &str| match k {
        "winner" => 0,
        "runner_up" => 1,
        _ => 2,
    };
    let mut awards = awards;
    awards.sort_by_key(|a| (kind_order(&a.kind), a.rank));
    for a in awards {
        let Some(pos) = entries.iter().position(|e| e.id == a.entry_id) else {
            continue; // withdrawn since
        };
        let e = entries.remove(pos);
        awarded.push(AwardedEntry {
            kind: release::award_kind(&a.kind),
            photo: match (a.photo_id, &a.photo_alt_sv) {
                (Some(id), Some(alt)) if !alt.trim().is_empty() => Some(Photo {
                    url: media::url(id),
                    alt: Text::new(alt, a.photo_alt_en.as_ref()),
                }),
                _ => None,
            },
            entry: entries::summary(&e),
            about: opt_text(&a.about_sv, &a.about_en),
            motivation: opt_text(&a.motivation_sv, &a.motivation_en),
            european_rank: placing_of(&european, e.id),
        });
    }
    Ok(Results {
        awarded,
        others: entries.iter().map(entries::summary).collect(),
        european_held,
        european: european.into_iter().map(|(p, _)| p).collect(),
    })
}

/// Every public year, newest first: its theme, and once the results are public the winner
/// with the jury's motivation and the European placing; the news and press releases of the
/// year.
pub async fn archive(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Vec<ArchiveYear>, AppError> {
    let mut years = Vec::new();
    for c in competition::public(db, now).await? {
        let award = winner_award(db, &c, now).await?;
        let (winner, motivation, european_rank) = match award {
            Some(a) => (
                Some(entries::summary(&entries::by_id(db, a.entry_id).await?)),
                opt_text(&a.motivation_sv, &a.motivation_en).map(|m| rendered(&m)),
                placing_of(&european_placings(db, &c, now).await?.1, a.entry_id),
            ),
            None => (None, None, None),
        };
        years.push(ArchiveYear {
            year: c.year,
            theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
            phase: competition::phase_at(&c, now),
            winner,
            motivation,
            european_rank,
            entry_count: entries::count_public(db, c.id).await?,
            news: news_list(db, now, Some(c.id), None).await?,
        });
    }
    Ok(years)
}

fn news_summary(n: &news_item::Model) -> Option<NewsSummary> {
    Some(NewsSummary {
        slug: n.slug.clone(),
        kind: if n.kind == "press_release" {
            NewsKind::PressRelease
        } else {
            NewsKind::News
        },
        title: Text::new(&n.title_sv, n.title_en.as_ref()),
        summary: Text::new(&n.summary_sv, n.summary_en.as_ref()),
        published: when(n.published_at?),
    })
}

/// The rows of a published kind (news, events) whose publication time has come, the latest
/// `order` first, at most `limit`, optionally of one competition year. `columns` are the kind's
/// publication time, order and competition.
async fn published_rows<E: EntityTrait>(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    [published, order, competition]: [E::Column; 3],
    competition_id: Option<i32>,
    limit: Option<u64>,
) -> Result<Vec<E::Model>, AppError> {
    let mut q = E::find()
        .filter(published.lte(now))
        .order_by_desc(order)
        .limit(limit);
    if let Some(id) = competition_id {
        q = q.filter(competition.eq(id));
    }
    Ok(q.all(db).await?)
}

/// The published row of a kind (news, events) with this slug, once its time has come; `columns`
/// are the kind's slug and publication time.
async fn published_one<E: EntityTrait>(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    [slug_column, published]: [E::Column; 2],
    slug: &str,
) -> Result<E::Model, AppError> {
    E::find()
        .filter(slug_column.eq(slug))
        .filter(published.lte(now))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Published news, newest first, optionally for one competition year.
pub async fn news_list(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    competition_id: Option<i32>,
    limit: Option<u64>,
) -> Result<Vec<NewsSummary>, AppError> {
    use news_item::Column as C;
    let columns = [C::PublishedAt, C::PublishedAt, C::CompetitionId];
    let rows = published_rows::<news_item::Entity>(db, now, columns, competition_id, limit).await?;
    Ok(rows.iter().filter_map(news_summary).collect())
}

pub async fn news_article(
    db: &DatabaseConnection,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<NewsArticle, AppError> {
    use news_item::Column as C;
    let n = published_one::<news_item::Entity>(db, now, [C::Slug, C::PublishedAt], slug).await?;
    let competition_year = publishing::competition_year(db, n.competition_id).await?;
    Ok(NewsArticle {
        summary: news_summary(&n).ok_or(AppError::NotFound)?,
        body_html: Text::new(&n.body_html_sv, n.body_html_en.as_ref()),
        competition_year,
        image: match (n.image_id, &n.image_alt_sv) {
            (Some(id), Some(alt)) if !alt.trim().is_empty() => Some(Photo {
                url: media::url(id),
                alt: Text::new(alt, n.image_alt_en.as_ref()),
            }),
            _ => None,
        },
        related: news::related(db, n.id).await?,
    })
}

fn event_summary(e: &event::Model) -> EventSummary {
    EventSummary {
        slug: e.slug.clone(),
        title: Text::new(&e.title_sv, e.title_en.as_ref()),
        summary: Text::new(&e.summary_sv, e.summary_en.as_ref()),
        starts: when(e.starts_at),
        place: e.place.clone().filter(|p| !p.trim().is_empty()),
        online: e.online,
    }
}

/// An event is over once it has ended (or, without an end time, once it has started).
fn event_over(e: &event::Model, now: DateTime<Utc>) -> bool {
    e.ends_at.unwrap_or(e.starts_at) < now
}

/// Published events in two lists: upcoming (and under way) soonest first, past latest first.
pub async fn events_page(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<EventsView, AppError> {
    let all = event::Entity::find()
        .filter(event::Column::PublishedAt.lte(now))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?;
    let (past, upcoming): (Vec<_>, Vec<_>) = all.into_iter().partition(|e| event_over(e, now));
    Ok(EventsView {
        upcoming: upcoming.iter().map(event_summary).collect(),
        past: past.iter().rev().map(event_summary).collect(),
    })
}

/// Published events, latest start first, optionally for one competition year.
pub async fn events_list(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    competition_id: Option<i32>,
    limit: Option<u64>,
) -> Result<Vec<EventSummary>, AppError> {
    use event::Column as C;
    let columns = [C::PublishedAt, C::StartsAt, C::CompetitionId];
    let rows = published_rows::<event::Entity>(db, now, columns, competition_id, limit).await?;
    Ok(rows.iter().map(event_summary).collect())
}

pub async fn event(
    db: &DatabaseConnection,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<EventView, AppError> {
    use event::Column as C;
    let e = published_one::<event::Entity>(db, now, [C::Slug, C::PublishedAt], slug).await?;
    let speakers = event_speaker::Entity::find()
        .filter(event_speaker::Column::EventId.eq(e.id))
        .order_by_asc(event_speaker::Column::Position)
        .all(db)
        .await?;
    let competition_year = publishing::competition_year(db, e.competition_id).await?;
    Ok(EventView {
        summary: event_summary(&e),
        body_html: Text::new(&e.body_html_sv, e.body_html_en.as_ref()),
        ends: e.ends_at.map(when),
        registration_url: e.registration_url.clone().filter(|_| !event_over(&e, now)),
        video_url: e.video_url,
        speakers: speakers
            .into_iter()
            .map(|s| Speaker {
                name: s.name,
                role: Text::new(s.role_sv, s.role_en),
                organisation: s.organisation,
                moderator: s.moderator,
            })
            .collect(),
        competition_year,
    })
}
