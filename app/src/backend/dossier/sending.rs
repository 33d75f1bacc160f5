//! Sending the dossier to EUCPN: the year's address there, and the sending itself, through the
//! outbox with the PDF and the DOCX attached, recorded with who, when, where, the English
//! version and each file's SHA-256 digest.
use sha2::{Digest, Sha256};

use super::*;
use crate::backend::entities::dossier_sending;
use crate::backend::mail::{self, File, Template};
use crate::error::{FieldError, Problem};
use crate::i18n::Lang;
use crate::model::{SendingRow, When, country_name, plausible_email};

/// A repeated "Send" (a double click, a retry after a lost answer) within this many seconds
/// of a sending of the same files to the same address sends nothing more.
const REPEAT_SECONDS: i64 = 120;

fn digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The year's sendings, newest first; those of an entry other than `winner` name it.
pub(super) async fn sendings<C: ConnectionTrait>(
    db: &C,
    competition_id: i32,
    winner: i32,
) -> Result<Vec<SendingRow>, AppError> {
    let rows = dossier_sending::Entity::find()
        .filter(dossier_sending::Column::CompetitionId.eq(competition_id))
        .order_by_desc(dossier_sending::Column::Id)
        .all(db)
        .await?;
    let others = entry::Entity::find()
        .filter(entry::Column::Id.is_in(rows.iter().map(|s| s.entry_id)))
        .filter(entry::Column::Id.ne(winner))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let other = others.iter().find(|e| e.id == s.entry_id);
            SendingRow {
                other_entry: other.map(|e| e.reference.clone()),
                ..row(s)
            }
        })
        .collect())
}

fn row(s: dossier_sending::Model) -> SendingRow {
    SendingRow {
        at: when(s.sent_at),
        by: s.sent_by_name,
        to: s.to_address,
        english_version: s.english_version,
        pdf_sha256: s.pdf_sha256,
        docx_sha256: s.docx_sha256,
        other_entry: None,
    }
}

/// The dossier a sending of `e`'s replaces: EUCPN's latest of the year, where that is of
/// another entry (the decision was taken back and taken again), by its English title (its
/// reference while it has none) and when it went.
async fn replaced<C: ConnectionTrait>(
    db: &C,
    competition_id: i32,
    e: &entry::Model,
) -> Result<Option<(String, When)>, AppError> {
    let latest = dossier_sending::Entity::find()
        .filter(dossier_sending::Column::CompetitionId.eq(competition_id))
        .order_by_desc(dossier_sending::Column::Id)
        .one(db)
        .await?;
    let Some(latest) = latest.filter(|l| l.entry_id != e.id) else {
        return Ok(None);
    };
    // An entry that is no longer stored cannot be named; the mail then reads as a first one.
    let Some(earlier) = entry::Entity::find_by_id(latest.entry_id).one(db).await? else {
        return Ok(None);
    };
    let (english, _) = english_now(db, &earlier).await?;
    let title = if english.title.trim().is_empty() {
        earlier.reference
    } else {
        english.title
    };
    Ok(Some((title, when(latest.sent_at))))
}

/// Sets the year's EUCPN address. The organiser's, any time.
pub async fn save_address(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let address = address.trim();
    let problem = if address.is_empty() {
        Some(Problem::Required)
    } else if address.chars().count() > 254 || !plausible_email(address) {
        Some(Problem::InvalidEmail)
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(AppError::Invalid(vec![FieldError {
            field: "address".into(),
            problem,
        }]));
    }
    let c = by_year(db, year).await?;
    let txn = begin_write(db).await?;
    competition::ActiveModel {
        id: Set(c.id),
        eucpn_address: Set(Some(address.to_string())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "dossier.address",
        format!("competition:{}", c.id),
        serde_json::json!({ "address": address }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sends the year's dossier to its EUCPN address, once the English text is complete: one mail
/// through the outbox with the PDF and the DOCX attached, and a record of the sending.
pub async fn send(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<SendingRow, AppError> {
    let (c, e) = winner(db, actor, year, now).await?;
    let (annex, english, version) = annex_for(db, &c, &e).await?;
    if !english.is_complete() {
        return Err(AppError::Conflict(Conflict::EnglishIncomplete));
    }
    let to = c
        .eucpn_address
        .clone()
        .filter(|a| !a.trim().is_empty())
        .ok_or_else(|| AppError::invalid_field("address", Problem::Required))?;
    let (pdf, docx) = (render(&annex, Format::Pdf)?, render(&annex, Format::Docx)?);
    let (pdf_sha256, docx_sha256) = (digest(&pdf.bytes), digest(&docx.bytes));
    let sender = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;

    let txn = begin_write(db).await?;
    // The same files to the same address a moment ago: that sending stands.
    let last = dossier_sending::Entity::find()
        .filter(dossier_sending::Column::CompetitionId.eq(c.id))
        .filter(dossier_sending::Column::EntryId.eq(e.id))
        .order_by_desc(dossier_sending::Column::Id)
        .one(&txn)
        .await?;
    if let Some(last) = last.filter(|l| {
        l.to_address == to
            && l.pdf_sha256 == pdf_sha256
            && l.docx_sha256 == docx_sha256
            && (now - l.sent_at).num_seconds() < REPEAT_SECONDS
    }) {
        drop(txn);
        return Ok(row(last));
    }
    let replaces = replaced(&txn, c.id, &e).await?;
    let country = country_name(&e.country, Lang::En).to_string();
    let outbox_id = mail::enqueue_with_files(
        &txn,
        &to,
        "EUCPN",
        Lang::En,
        &Template::DossierToEucpn {
            year: c.year,
            country,
            title: english.title.clone(),
            sender: sender.name.clone(),
            link: format!(
                "{base_url}{}",
                Lang::En.href(&format!("/competitions/{}", c.year))
            ),
            replaces,
        },
        vec![
            File {
                name: pdf.name,
                content_type: pdf.content_type.into(),
                bytes: pdf.bytes,
            },
            File {
                name: docx.name,
                content_type: docx.content_type.into(),
                bytes: docx.bytes,
            },
        ],
        now,
    )
    .await?;
    let sending = dossier_sending::ActiveModel {
        competition_id: Set(c.id),
        entry_id: Set(e.id),
        sent_by: Set(Some(actor.user_id)),
        sent_by_name: Set(sender.name.clone()),
        sent_at: Set(now),
        to_address: Set(to.clone()),
        english_version: Set(version),
        pdf_sha256: Set(pdf_sha256.clone()),
        docx_sha256: Set(docx_sha256.clone()),
        outbox_id: Set(Some(outbox_id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "dossier.send",
        format!("entry:{}", e.id),
        serde_json::json!({
            "to": to,
            "english_version": version,
            "pdf_sha256": pdf_sha256,
            "docx_sha256": docx_sha256,
        }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(row(sending))
}
