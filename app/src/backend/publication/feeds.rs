//! Machine-readable publication: the Atom feed per language, the sitemap, robots.txt, and the
//! open data (JSON and CSV) of each year's published results. Everything here is built from the
//! same public queries as the pages, so nothing unpublished can appear.
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text as AtomText};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use super::{news_list, results};
use crate::backend::competition::{self, phase_at};
use crate::backend::entities::{competition as competition_entity, event, news_item};
use crate::backend::exports::cell;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{AwardKind, Text};

fn fixed(at: DateTime<Utc>) -> FixedDateTime {
    at.fixed_offset()
}

/// The latest 50 published news items and press releases, in `lang` (Swedish where no English
/// text exists).
pub async fn atom(
    db: &DatabaseConnection,
    lang: Lang,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<String, AppError> {
    let items = news_item::Entity::find()
        .filter(news_item::Column::PublishedAt.lte(now))
        .order_by_desc(news_item::Column::PublishedAt)
        .limit(50)
        .all(db)
        .await?;
    let pick = |t: &Text| t.pick(lang).0.to_string();
    let entries: Vec<Entry> = items
        .iter()
        .filter_map(|n| {
            let published = n.published_at?;
            let url = format!("{base_url}{}", lang.href(&format!("/news/{}", n.slug)));
            let body = Text::new(&n.body_html_sv, n.body_html_en.as_ref());
            let mut e = Entry::default();
            e.set_id(url.clone());
            e.set_title(pick(&Text::new(&n.title_sv, n.title_en.as_ref())));
            e.set_summary(Some(AtomText::plain(pick(&Text::new(
                &n.summary_sv,
                n.summary_en.as_ref(),
            )))));
            e.set_content(Some({
                let mut c = atom_syndication::Content::default();
                c.set_content_type(Some("html".to_string()));
                c.set_value(Some(pick(&body)));
                c
            }));
            e.set_published(Some(fixed(published)));
            e.set_updated(fixed(n.updated_at.unwrap_or(published).max(published)));
            e.set_links(vec![Link {
                href: url,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            }]);
            Some(e)
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| *e.updated())
        .max()
        .unwrap_or_else(|| fixed(DateTime::<Utc>::UNIX_EPOCH));
    let self_url = format!("{base_url}{}", lang.href("/feed.atom"));
    let mut feed = Feed::default();
    feed.set_id(self_url.clone());
    feed.set_title(format!("{} – {}", lang.t().site_name, lang.t().nav_news));
    feed.set_lang(Some(lang.code().to_string()));
    feed.set_updated(updated);
    feed.set_authors(vec![Person {
        name: "Brå – ECPA Sverige".into(),
        ..Default::default()
    }]);
    feed.set_links(vec![
        Link {
            href: self_url,
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Default::default()
        },
        Link {
            href: format!("{base_url}{}", lang.href("/news")),
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Default::default()
        },
    ]);
    feed.set_entries(entries);
    Ok(feed.to_string())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Every public page in both languages, each with its alternate-language link.
pub async fn sitemap(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<String, AppError> {
    let mut paths: Vec<String> = [
        "/",
        "/archive",
        "/news",
        "/events",
        "/accessibility",
        "/subscribe",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    for c in competition::public(db, now).await? {
        paths.push(format!("/competitions/{}", c.year));
    }
    for f in competition_entity::Entity::find()
        .filter(competition_entity::Column::RoundKind.eq(competition::EUROPEAN))
        .order_by_asc(competition_entity::Column::Year)
        .all(db)
        .await?
    {
        paths.push(format!("/europe/{}", f.year));
    }
    for n in news_list(db, now, None, None).await? {
        paths.push(format!("/news/{}", n.slug));
    }
    for e in event::Entity::find()
        .filter(event::Column::PublishedAt.lte(now))
        .all(db)
        .await?
    {
        paths.push(format!("/events/{}", e.slug));
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for p in &paths {
        for lang in [Lang::Sv, Lang::En] {
            out.push_str("  <url>\n");
            out.push_str(&format!(
                "    <loc>{}</loc>\n",
                xml_escape(&format!("{base_url}{}", lang.href(p)))
            ));
            for alt in [Lang::Sv, Lang::En] {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    alt.code(),
                    xml_escape(&format!("{base_url}{}", alt.href(p)))
                ));
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    Ok(out)
}

/// Signed-in areas are not for indexing; the sitemap lists the rest.
pub fn robots(base_url: &str) -> String {
    let mut out = String::from("User-agent: *\n");
    for p in [
        "/admin",
        "/jury",
        "/entries",
        "/account",
        "/organisation",
        "/invitation",
        "/login",
        "/register",
        "/forgot-password",
        "/reset-password",
        "/verify-email",
        "/confirm-email",
        "/unsubscribe",
        "/subscribe/",
        "/api/",
        "/attachments/",
        "/europe/*/jury",
        "/rounds/",
    ] {
        out.push_str(&format!("Disallow: {p}\nDisallow: /en{p}\n"));
    }
    out.push_str(&format!("\nSitemap: {base_url}/sitemap.xml\n"));
    out
}

/// One entry of a year's open data. Field names are stable (documented in the README).
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct OpenEntry {
    pub slug: String,
    pub title: String,
    pub organisation: String,
    /// `winner`, `runner_up`, `mention`, or null.
    pub award: Option<String>,
    /// Null without the applicants' consent to publication.
    pub summary_sv: Option<String>,
    pub summary_en: Option<String>,
    pub motivation_sv: Option<String>,
    pub motivation_en: Option<String>,
    pub european_rank: Option<i32>,
}

#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct OpenPlacement {
    pub rank: i32,
    pub country_sv: String,
    pub country_en: String,
    pub project_title: Option<String>,
}

#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct OpenData {
    pub year: i32,
    pub theme_sv: String,
    pub theme_en: Option<String>,
    /// RFC 3339, UTC.
    pub results_published_at: String,
    pub entries: Vec<OpenEntry>,
    pub european_final: Vec<OpenPlacement>,
}

fn nonempty(s: &str) -> Option<String> {
    Some(s.to_string()).filter(|s| !s.trim().is_empty())
}

/// The published results of a year; 404 before they are public.
pub async fn open_data(
    db: &DatabaseConnection,
    year: i32,
    now: DateTime<Utc>,
) -> Result<OpenData, AppError> {
    let c = competition::public_year(db, year, now).await?;
    if !phase_at(&c, now).results_public() {
        return Err(AppError::NotFound);
    }
    let r = results(db, &c, now).await?;
    let mut entries = Vec::new();
    for a in r.awarded {
        entries.push(OpenEntry {
            slug: a.entry.slug,
            title: a.entry.title,
            organisation: a.entry.organisation,
            award: Some(
                match a.kind {
                    AwardKind::Winner => "winner",
                    AwardKind::RunnerUp => "runner_up",
                    AwardKind::Mention => "mention",
                }
                .into(),
            ),
            summary_sv: nonempty(&a.entry.summary.sv),
            summary_en: a.entry.summary.en.as_deref().and_then(nonempty),
            motivation_sv: a.motivation.as_ref().and_then(|m| nonempty(&m.sv)),
            motivation_en: a
                .motivation
                .as_ref()
                .and_then(|m| m.en.as_deref().and_then(nonempty)),
            european_rank: a.european_rank,
        });
    }
    for e in r.others {
        entries.push(OpenEntry {
            slug: e.slug,
            title: e.title,
            organisation: e.organisation,
            award: None,
            summary_sv: nonempty(&e.summary.sv),
            summary_en: e.summary.en.as_deref().and_then(nonempty),
            motivation_sv: None,
            motivation_en: None,
            european_rank: None,
        });
    }
    Ok(OpenData {
        year: c.year,
        theme_sv: c.theme_sv.clone(),
        theme_en: c.theme_en.clone(),
        results_published_at: c
            .results_released_at
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default(),
        entries,
        european_final: r
            .european
            .into_iter()
            .map(|p| OpenPlacement {
                rank: p.rank,
                country_sv: p.country.sv,
                country_en: p.country.en.unwrap_or_default(),
                project_title: p.project_title,
            })
            .collect(),
    })
}

/// The CSV columns of the open data, one row per entry.
pub const OPEN_CSV_COLUMNS: [&str; 11] = [
    "year",
    "slug",
    "title",
    "organisation",
    "award",
    "summary_sv",
    "summary_en",
    "motivation_sv",
    "motivation_en",
    "european_rank",
    "results_published_at",
];

/// The entries as CSV (UTF-8 with a BOM, for Excel). Cells that would start a formula get a
/// leading `'`.
pub fn open_data_csv(d: &OpenData) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(OPEN_CSV_COLUMNS)
        .map_err(|_| AppError::Internal)?;
    for e in &d.entries {
        let o = |s: &Option<String>| cell(s.as_deref().unwrap_or(""));
        w.write_record([
            d.year.to_string(),
            cell(&e.slug),
            cell(&e.title),
            cell(&e.organisation),
            o(&e.award),
            o(&e.summary_sv),
            o(&e.summary_en),
            o(&e.motivation_sv),
            o(&e.motivation_en),
            e.european_rank.map(|r| r.to_string()).unwrap_or_default(),
            d.results_published_at.clone(),
        ])
        .map_err(|_| AppError::Internal)?;
    }
    w.into_inner().map_err(|_| AppError::Internal)
}
