//! The dossier room: what Brå sends to EUCPN each year, the winning entry on the Annex I
//! template. Here: the winner's English text after the decision, which the organiser completes
//! (often with a translator) and which is versioned, one row per saved change.
//!
//! Its parts: `annex` (the dossier's content, in English, which the documents room lays out
//! as a PDF or a DOCX) and `sending` (the mail to EUCPN).
//!
//! Who may do what, checked here and nowhere else: the organiser (admin) only, and only once
//! the year is decided; before that there is no winner and the answer is "not decided". The
//! year's EUCPN address is the exception: the organiser may set it at any time.
pub mod annex;
mod sending;

pub use sending::{save_address, send};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};

use crate::backend::accounts::Actor;
use crate::backend::admin::require_admin;
use crate::backend::audit;
use crate::backend::begin_write;
use crate::backend::clock::when;
use crate::backend::competition::{by_year, limits, phase_at};
use crate::backend::documents::{Document, Format, MadeFile, render};
use crate::backend::entities::{
    app_user, attachment, award, competition, english_version, entry, entry::English,
};
use crate::backend::entries::applicant::{draft_of, last_submitted};
use crate::error::{AppError, Conflict};
use crate::model::{
    DossierView, EnglishText, EnglishVersionRow, EntryStatus, Phase, Text, WinnerOnward,
};

/// The year's competition and its winning entry, once decided; the organiser's only.
async fn winner<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    year: i32,
    now: DateTime<Utc>,
) -> Result<(competition::Model, entry::Model), AppError> {
    require_admin(actor)?;
    decided_winner(db, year, now).await
}

/// The home round of `year` and its winning entry, once decided; "not decided" before. For a
/// caller that has checked who asks (the organiser here, the representative forwarding it).
pub(crate) async fn decided_winner<C: ConnectionTrait>(
    db: &C,
    year: i32,
    now: DateTime<Utc>,
) -> Result<(competition::Model, entry::Model), AppError> {
    let c = by_year(db, year).await?;
    if phase_at(&c, now) < Phase::Decided {
        return Err(AppError::Conflict(Conflict::NotDecided));
    }
    let award = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(c.id))
        .filter(award::Column::Kind.eq("winner"))
        .one(db)
        .await?
        .ok_or(AppError::Conflict(Conflict::NotDecided))?;
    let e = entry::Entity::find_by_id(award.entry_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((c, e))
}

/// Where the round's recorded winner has gone beyond it: when its dossier last went to EUCPN,
/// and whether it is entered, forwarded, in a final. For a caller that has checked who asks.
pub(crate) async fn onward<C: ConnectionTrait>(
    db: &C,
    c: &competition::Model,
) -> Result<WinnerOnward, AppError> {
    use crate::backend::entities::dossier_sending;
    use sea_orm::PaginatorTrait;
    let Some(winner) = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(c.id))
        .filter(award::Column::Kind.eq("winner"))
        .one(db)
        .await?
    else {
        return Ok(WinnerOnward::default());
    };
    let sent = dossier_sending::Entity::find()
        .filter(dossier_sending::Column::CompetitionId.eq(c.id))
        .filter(dossier_sending::Column::EntryId.eq(winner.entry_id))
        .order_by_desc(dossier_sending::Column::Id)
        .one(db)
        .await?;
    let in_final = entry::Entity::find()
        .filter(entry::Column::ForwardedFrom.eq(winner.entry_id))
        .filter(entry::Column::Status.eq(EntryStatus::Submitted))
        .count(db)
        .await?
        > 0;
    Ok(WinnerOnward {
        dossier_sent: sent.map(|s| when(s.sent_at)),
        in_final,
    })
}

async fn versions<C: ConnectionTrait>(
    db: &C,
    entry_id: i32,
) -> Result<Vec<english_version::Model>, AppError> {
    Ok(english_version::Entity::find()
        .filter(english_version::Column::EntryId.eq(entry_id))
        .order_by_asc(english_version::Column::Number)
        .all(db)
        .await?)
}

/// The text the applicant submitted last (what the jury judged), before any change here.
async fn submitted_english<C: ConnectionTrait>(
    db: &C,
    e: &entry::Model,
) -> Result<EnglishText, AppError> {
    Ok(last_submitted(db, e.id)
        .await?
        .map(|d| d.english)
        .unwrap_or_else(|| e.english.0.clone()))
}

/// The winner's English text as the dossier uses it: the latest version, or the submitted one.
pub async fn english_now<C: ConnectionTrait>(
    db: &C,
    e: &entry::Model,
) -> Result<(EnglishText, i32), AppError> {
    Ok(match versions(db, e.id).await?.pop() {
        Some(v) => (v.text.0, v.number),
        None => (submitted_english(db, e).await?, 0),
    })
}

/// The organiser's dossier page of a decided year.
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    now: DateTime<Utc>,
) -> Result<DossierView, AppError> {
    let (c, e) = winner(db, actor, year, now).await?;
    let submitted = last_submitted(db, e.id).await?;
    // The title as the jury judged it; an entry the demo made without versions has its row's.
    let title_sv = submitted
        .as_ref()
        .map_or_else(|| e.title.clone(), |d| d.title.clone());
    let mut before = submitted_english(db, &e).await?;
    let mut rows = Vec::new();
    for v in versions(db, e.id).await? {
        let text = v.text.0;
        rows.push(EnglishVersionRow {
            number: v.number,
            at: when(v.edited_at),
            by: v.edited_by_name,
            changed: text
                .changed_from(&before)
                .into_iter()
                .map(String::from)
                .collect(),
            text: text.clone(),
        });
        before = text;
    }
    let version = rows.last().map_or(0, |r| r.number);
    rows.reverse();
    Ok(DossierView {
        year: c.year,
        theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
        entry_id: e.id,
        reference: e.reference.clone(),
        title_sv,
        organisation: e.organisation_display.clone(),
        english: before,
        version,
        limits: limits(&c),
        versions: rows,
        address: c.eucpn_address.clone().unwrap_or_default(),
        sendings: sending::sendings(db, c.id, e.id).await?,
    })
}

/// Saves the winner's English text as a new version on top of version `base`. A save from an
/// older copy is refused (someone saved in between); one that changes nothing makes no version.
/// Returns the version the text now has.
pub async fn save_english(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    base: i32,
    text: EnglishText,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let text = text.normalised();
    let (c, e) = winner(db, actor, year, now).await?;
    let mut problems = text.storage_problems();
    problems.extend(text.word_problems(&limits(&c)));
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let (current, latest) = english_now(db, &e).await?;
    if latest != base {
        return Err(AppError::Conflict(Conflict::Stale));
    }
    if current == text {
        return Ok(latest);
    }
    let editor = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let number = latest + 1;
    let txn = begin_write(db).await?;
    let changed = text.changed_from(&current);
    english_version::ActiveModel {
        entry_id: Set(e.id),
        number: Set(number),
        text: Set(English(text)),
        edited_at: Set(now),
        edited_by: Set(Some(actor.user_id)),
        edited_by_name: Set(editor.name),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|err| {
        // Another save from the same base landed first: the unique (entry, number) decides.
        if matches!(
            err.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        ) {
            AppError::Conflict(Conflict::Stale)
        } else {
            err.into()
        }
    })?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "dossier.english",
        format!("entry:{}", e.id),
        serde_json::json!({ "version": number, "changed": changed }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(number)
}

/// The content of the year's Annex I dossier: the winner as last submitted, with the English
/// text as it stands now.
pub async fn annex_of(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    now: DateTime<Utc>,
) -> Result<Document, AppError> {
    let (c, e) = winner(db, actor, year, now).await?;
    Ok(annex_for(db, &c, &e).await?.0)
}

/// The dossier of entry `e` in year `c`, and the English text it carries with its version.
async fn annex_for<C: ConnectionTrait>(
    db: &C,
    c: &competition::Model,
    e: &entry::Model,
) -> Result<(Document, EnglishText, i32), AppError> {
    let draft = match last_submitted(db, e.id).await? {
        Some(d) => d,
        None => draft_of(db, e).await?,
    };
    let (english, version) = english_now(db, e).await?;
    let attachments: Vec<String> = attachment::Entity::find()
        .filter(attachment::Column::EntryId.eq(e.id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.file_name)
        .collect();
    let a = annex::annex(&annex::Source {
        year: c.year,
        theme: c
            .theme_en
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&c.theme_sv),
        country: &e.country,
        reference: &e.reference,
        draft: &draft,
        english: &english,
        attachments: &attachments,
    });
    Ok((a, english, version))
}

/// The year's Annex I dossier as a file, for the organiser to preview or download.
pub async fn file(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    format: Format,
    now: DateTime<Utc>,
) -> Result<MadeFile, AppError> {
    render(&annex_of(db, actor, year, now).await?, format)
}
