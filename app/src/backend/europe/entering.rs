//! A country's projects in the final, entered by its national representative: the national
//! winner forwarded from the portal's own round in one action, or a project entered directly on
//! the entry form (a country whose round is not on the portal, and good practice).
use super::*;
use crate::backend::clock::when;
use crate::backend::competition::{by_year, represents};
use crate::backend::dossier::{decided_winner, english_now};
use crate::backend::entities::{attachment, organisation};
use crate::backend::entries::applicant::{
    Maker, competing_taken, create, create_submitted, draft_of, last_submitted, open_for_changes,
};
use crate::error::Conflict;
use crate::model::{
    EntryDraft, EntryStatus, FinalEntryRow, RepresentedCountry, RepresentedView, WinnerToForward,
};

const MAX_ORGANISATION: usize = 200;

/// The final of `year` and the countries in it `actor` represents; "not found" for anyone who
/// represents none.
async fn represented<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    year: i32,
) -> Result<(competition::Model, Vec<String>), AppError> {
    check_year(year)?;
    let f = final_of(db, year).await?.ok_or(AppError::NotFound)?;
    let mine: Vec<String> = countries_of(db, f.id)
        .await?
        .into_iter()
        .filter(|c| c.representative_id == Some(actor.user_id))
        .map(|c| c.country)
        .collect();
    if mine.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok((f, mine))
}

/// The representative's page of a year's final: each country they represent, its projects, and
/// for the home country the national winner to forward.
pub async fn representing(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    now: DateTime<Utc>,
) -> Result<RepresentedView, AppError> {
    let (f, mine) = represented(db, actor, year).await?;
    let rows = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(f.id))
        .filter(entry::Column::Country.is_in(mine.clone()))
        .order_by_desc(entry::Column::Competing)
        .order_by_asc(entry::Column::Id)
        .all(db)
        .await?;
    let home = by_year(db, year).await.ok();
    let mut countries = Vec::new();
    for country in mine {
        let mut winner_id = None;
        let home_round = match &home {
            Some(h) if h.country == country => Some(match decided_winner(db, year, now).await {
                Ok((_, winner)) => {
                    winner_id = Some(winner.id);
                    let (english, _) = english_now(db, &winner).await?;
                    Some(WinnerToForward {
                        title: if english.title.trim().is_empty() {
                            winner.title.clone()
                        } else {
                            english.title.clone()
                        },
                        english_complete: english.is_complete(),
                    })
                }
                Err(AppError::Conflict(Conflict::NotDecided)) => None,
                Err(e) => return Err(e),
            }),
            _ => None,
        };
        let entries: Vec<FinalEntryRow> = rows
            .iter()
            .filter(|e| e.country == country)
            .map(|e| FinalEntryRow {
                id: e.id,
                reference: e.reference.clone(),
                title: e.title.clone(),
                organisation: e.organisation_display.clone(),
                competing: e.competing,
                status: e.status,
            })
            .collect();
        // The competing entry forwarded from the national round, against where that round's
        // decision stands now: naming another winner, or taken back and not yet taken again
        // (a forward needs a decision, so an undecided round with one has been reopened).
        let forwarded = rows
            .iter()
            .filter(|e| e.country == country && e.competing)
            .filter(|e| e.status == EntryStatus::Submitted)
            .find_map(|e| e.forwarded_from.map(|from| (from, e.reference.clone())));
        let (outdated_forward, reopened_forward) = match (forwarded, &home_round, winner_id) {
            (Some((from, r)), _, Some(w)) if from != w => (Some(r), None),
            (Some((_, r)), Some(None), _) => (None, Some(r)),
            _ => (None, None),
        };
        countries.push(RepresentedCountry {
            outdated_forward,
            reopened_forward,
            competing_entered: entries
                .iter()
                .any(|e| e.competing && e.status == EntryStatus::Submitted),
            country,
            entries,
            home_round,
        });
    }
    Ok(RepresentedView {
        year,
        theme: f.theme_en.clone().unwrap_or_else(|| f.theme_sv.clone()),
        deadline: f.closes_at.map(when),
        open: open_for_changes(&f, now),
        countries,
    })
}

/// The final of `year`, when `actor` represents `country` in it and it takes entries now.
async fn open_to_representative(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    country: &str,
    now: DateTime<Utc>,
) -> Result<competition::Model, AppError> {
    let f = final_of(db, year).await?.ok_or(AppError::NotFound)?;
    if !represents(db, actor.user_id, f.id, country).await? {
        return Err(AppError::Forbidden);
    }
    if !open_for_changes(&f, now) {
        return Err(AppError::Conflict(Conflict::Closed));
    }
    Ok(f)
}

/// Starts a project of `country` in the final directly on the entry form: the representative
/// writes it there and submits it as any entry. `organisation` is the organisation behind the
/// project, kept as one of its own on the portal. A country enters one competing project; the
/// rest are good practice. Returns the new entry's id.
pub async fn enter_directly(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    country: &str,
    organisation: &str,
    competing: bool,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let country = country.trim().to_uppercase();
    let f = open_to_representative(db, actor, year, &country, now).await?;
    let name = organisation.trim();
    // The field is the country's own on the page, where each country has its form.
    let field = format!("organisation.{country}");
    if name.is_empty() {
        return Err(AppError::invalid_field(&field, Problem::Required));
    }
    if name.chars().count() > MAX_ORGANISATION {
        return Err(AppError::invalid_field(&field, Problem::TooLong));
    }
    let txn = begin_write(db).await?;
    if competing && competing_taken(&txn, f.id, &country, None).await? {
        return Err(AppError::Conflict(Conflict::AlreadyEntered));
    }
    let org = organisation::ActiveModel {
        name: Set(name.into()),
        kind: Set("other".into()),
        city: Set(None),
        org_number: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let draft = EntryDraft {
        organisation_display: name.into(),
        competing,
        ongoing: true,
        ..Default::default()
    };
    let id = create(&txn, &f, org.id, &country, &draft, actor.user_id, now).await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "final.enter",
        format!("final:{year}:{country}"),
        serde_json::json!({ "entry": id, "organisation": name, "competing": competing }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Forwards the home country's national winner of `year` to the year's final, in one action:
/// its Annex I in English (the organiser's latest version) becomes the country's competing
/// entry, with its facts, contacts, links and attachments, submitted at once. Only the home
/// country's representative may, before the final's deadline, once the national round is
/// decided and the English text complete; a country enters one competing entry.
pub async fn forward_winner(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let home = by_year(db, year).await?;
    let f = open_to_representative(db, actor, year, &home.country, now).await?;
    let (_, winner) = decided_winner(db, year, now).await?;
    let (english, version) = english_now(db, &winner).await?;
    if !english.is_complete() {
        return Err(AppError::Conflict(Conflict::EnglishIncomplete));
    }
    let national = match last_submitted(db, winner.id).await? {
        Some(d) => d,
        None => draft_of(db, &winner).await?,
    };
    // The final reads English: the English text in the entry's own fields, as well as in its
    // English part.
    let t = &english;
    let draft = EntryDraft {
        title: t.title.clone(),
        sections: t.sections.clone(),
        english: english.clone(),
        competing: true,
        checklist: Vec::new(),
        ..national
    };
    let attachments = attachment::Entity::find()
        .filter(attachment::Column::EntryId.eq(winner.id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?;
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let txn = begin_write(db).await?;
    if competing_taken(&txn, f.id, &home.country, None).await? {
        return Err(AppError::Conflict(Conflict::AlreadyEntered));
    }
    let id = create_submitted(
        &txn,
        &f,
        winner.organisation_id,
        &home.country,
        &draft,
        &attachments,
        Maker { user: &user, now },
    )
    .await?;
    entry::ActiveModel {
        id: Set(id),
        forwarded_from: Set(Some(winner.id)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "final.forward",
        format!("final:{year}:{}", home.country),
        serde_json::json!({ "from": winner.id, "entry": id, "english_version": version }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}
