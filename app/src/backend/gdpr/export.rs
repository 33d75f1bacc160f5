//! A person's data as one file they can keep: `personal-data.json` (their account, the entries
//! they wrote, submitted, uploaded to or are named in as a contact, their score sheets, text
//! of theirs that a save refused, the mails to them, what they did as the audit log records
//! it, and every other stored value that names them), and under `uploads/` the files they
//! uploaded.
use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::Person;
use super::erasure::is;
use super::places;
use crate::backend::blobs;
use crate::backend::competition::round_ref;
use crate::backend::entities::{
    attachment, audit_log, competition, entry, entry_contact, entry_version, jury_note,
    mail_outbox, score_sheet, shortlist_vote, unsaved_text,
};
use crate::error::AppError;
use crate::model::RoundRef;

/// The zip's bytes.
pub(crate) async fn zip<C: ConnectionTrait>(
    db: &C,
    dir: &Path,
    person: &Person,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, AppError> {
    let user = person.user.as_ref().map(|u| u.id);
    let uploads = match user {
        Some(id) => {
            attachment::Entity::find()
                .filter(attachment::Column::UploadedBy.eq(id))
                .order_by_asc(attachment::Column::Id)
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    let entries = entries_of(db, person, &uploads).await?;
    let mut files = Vec::new();
    let mut uploaded = Vec::new();
    for a in &uploads {
        let reference = entries
            .iter()
            .find(|e| e.id == a.entry_id)
            .map_or_else(|| a.entry_id.to_string(), |e| e.reference.clone());
        let path = format!("uploads/{reference}/{}-{}", a.id, a.file_name);
        let stored = tokio::fs::read(blobs::stored_path(dir, &a.sha256))
            .await
            .ok();
        uploaded.push(json!({
            "entry": reference,
            "file": if stored.is_some() { Some(&path) } else { None },
            "name": a.file_name,
            "type": a.content_type,
            "size": a.size,
            "uploaded": stamp(a.created_at),
        }));
        if let Some(bytes) = stored {
            files.push((path, bytes));
        }
    }
    let needles = person.needles();
    let places: Vec<Value> = places::find(db, &needles)
        .await?
        .into_iter()
        .map(|f| json!({ "table": f.table, "row": f.id, "column": f.column, "value": f.value }))
        .collect();
    let document = json!({
        "exported": stamp(now),
        "email": person.email,
        "names": person.names,
        "account": account(db, person).await?,
        "entries": entries_json(db, &entries).await?,
        "uploads": uploaded,
        "score_sheets": sheets(db, user).await?,
        "shortlist_answers": shortlist_answers(db, user).await?,
        "jury_notes": jury_notes(db, user).await?,
        "unsaved_texts": unsaved_texts(db, user).await?,
        "mails": mails(db, &person.email).await?,
        "actions": actions(db, user).await?,
        "places": places,
    });
    let json = serde_json::to_vec_pretty(&document).map_err(|_| AppError::Internal)?;
    files.insert(0, ("personal-data.json".to_string(), json));
    crate::backend::exports::zip_file(files)
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

async fn account<C: ConnectionTrait>(db: &C, person: &Person) -> Result<Value, AppError> {
    let Some(u) = &person.user else {
        return Ok(Value::Null);
    };
    let (roles, organisations) = super::roles_and_organisations(db, u.id).await?;
    Ok(json!({
        "name": u.name,
        "email": u.email,
        "language": u.language,
        "active": u.active,
        "created": stamp(u.created_at),
        "address_confirmed": u.email_verified_at.map(stamp),
        "two_factor": u.totp_enabled_at.is_some(),
        "roles": roles,
        "organisations": organisations,
    }))
}

/// The entries the person wrote, submitted, uploaded to, or is named in as a contact.
async fn entries_of<C: ConnectionTrait>(
    db: &C,
    person: &Person,
    uploads: &[attachment::Model],
) -> Result<Vec<entry::Model>, AppError> {
    let mut ids: Vec<i32> = entry_contact::Entity::find()
        .filter(is(entry_contact::Column::Email, &person.email))
        .all(db)
        .await?
        .iter()
        .map(|c| c.entry_id)
        .collect();
    ids.extend(uploads.iter().map(|a| a.entry_id));
    if let Some(u) = &person.user {
        let submitted = entry_version::Entity::find()
            .filter(entry_version::Column::SubmittedBy.eq(u.id))
            .all(db)
            .await?;
        ids.extend(submitted.iter().map(|v| v.entry_id));
        let wrote = entry::Entity::find()
            .filter(entry::Column::UpdatedBy.eq(u.id))
            .all(db)
            .await?;
        ids.extend(wrote.iter().map(|e| e.id));
    }
    Ok(entry::Entity::find()
        .filter(entry::Column::Id.is_in(ids))
        .order_by_asc(entry::Column::Id)
        .all(db)
        .await?)
}

async fn entries_json<C: ConnectionTrait>(
    db: &C,
    entries: &[entry::Model],
) -> Result<Vec<Value>, AppError> {
    let years = competition::Entity::find()
        .filter(competition::Column::Id.is_in(entries.iter().map(|e| e.competition_id)))
        .all(db)
        .await?;
    let contacts = entry_contact::Entity::find()
        .filter(entry_contact::Column::EntryId.is_in(entries.iter().map(|e| e.id)))
        .order_by_asc(entry_contact::Column::Position)
        .all(db)
        .await?;
    Ok(entries
        .iter()
        .map(|e| {
            let year = years.iter().find(|c| c.id == e.competition_id).map(|c| c.year);
            let named: Vec<Value> = contacts
                .iter()
                .filter(|c| c.entry_id == e.id)
                .map(|c| json!({ "name": c.name, "role": c.role, "email": c.email, "phone": c.phone }))
                .collect();
            json!({
                "reference": e.reference,
                "year": year,
                "title": e.title,
                "organisation": e.organisation_display,
                "status": e.status.code(),
                "submitted": e.submitted_at.map(stamp),
                "contacts": named,
                "sections": {
                    "description": e.description,
                    "problem": e.problem,
                    "objectives": e.objectives,
                    "target_group": e.target_group,
                    "methods": e.methods,
                    "partners": e.partners,
                    "resources": e.resources,
                    "evaluation": e.evaluation,
                    "replicability": e.replicability,
                    "theme_relevance": e.theme_relevance,
                    "public_summary_sv": e.public_summary_sv,
                    "public_summary_en": e.public_summary_en,
                },
            })
        })
        .collect())
}

/// The references of the entries with these ids.
async fn references<C: ConnectionTrait>(
    db: &C,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    Ok(entry::Entity::find()
        .filter(entry::Column::Id.is_in(ids.collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.reference))
        .collect())
}

/// The person's score sheets as a juror.
async fn sheets<C: ConnectionTrait>(db: &C, user: Option<i32>) -> Result<Vec<Value>, AppError> {
    let Some(id) = user else {
        return Ok(Vec::new());
    };
    let rows = score_sheet::Entity::find()
        .filter(score_sheet::Column::JurorId.eq(id))
        .order_by_asc(score_sheet::Column::Id)
        .all(db)
        .await?;
    let reference = references(db, rows.iter().map(|s| s.entry_id)).await?;
    Ok(rows
        .iter()
        .map(|s| {
            json!({
                "entry": reference.get(&s.entry_id),
                "status": s.status.to_value(),
                "scores": s.scores.0,
                "overall_comment": s.overall_comment,
                "submitted": s.submitted_at.map(stamp),
            })
        })
        .collect())
}

/// The person's answers as a juror in shortlist rounds.
async fn shortlist_answers<C: ConnectionTrait>(
    db: &C,
    user: Option<i32>,
) -> Result<Vec<Value>, AppError> {
    let Some(id) = user else {
        return Ok(Vec::new());
    };
    let rows = shortlist_vote::Entity::find()
        .filter(shortlist_vote::Column::JurorId.eq(id))
        .order_by_asc(shortlist_vote::Column::Id)
        .all(db)
        .await?;
    let reference = references(db, rows.iter().map(|v| v.entry_id)).await?;
    Ok(rows
        .iter()
        .map(|v| json!({ "entry": reference.get(&v.entry_id), "answer": v.value, "saved": stamp(v.saved_at) }))
        .collect())
}

/// What the person wrote in the jury's discussions of entries.
async fn jury_notes<C: ConnectionTrait>(db: &C, user: Option<i32>) -> Result<Vec<Value>, AppError> {
    let Some(id) = user else {
        return Ok(Vec::new());
    };
    let rows = jury_note::Entity::find()
        .filter(jury_note::Column::AuthorId.eq(id))
        .order_by_asc(jury_note::Column::Id)
        .all(db)
        .await?;
    let reference = references(db, rows.iter().map(|n| n.entry_id)).await?;
    Ok(rows
        .iter()
        .map(|n| json!({ "entry": reference.get(&n.entry_id), "written": stamp(n.created_at), "text": n.body }))
        .collect())
}

/// Text the person typed that a save refused, kept for them: in an entry or a score sheet,
/// with the entry's reference; in the jury's decision or a group message, with the round; in
/// a news item or event, with its id (0 for one not yet created).
async fn unsaved_texts<C: ConnectionTrait>(
    db: &C,
    user: Option<i32>,
) -> Result<Vec<Value>, AppError> {
    let Some(id) = user else {
        return Ok(Vec::new());
    };
    let rows = unsaved_text::Entity::find()
        .filter(unsaved_text::Column::UserId.eq(id))
        .order_by_asc(unsaved_text::Column::Id)
        .all(db)
        .await?;
    let reference = references(db, rows.iter().filter_map(|u| u.entry_id)).await?;
    let rounds: HashMap<i32, RoundRef> = competition::Entity::find()
        .filter(competition::Column::Id.is_in(rows.iter().filter_map(|u| u.competition_id)))
        .all(db)
        .await?
        .iter()
        .map(|c| (c.id, round_ref(c)))
        .collect();
    Ok(rows
        .iter()
        .map(|u| {
            let text = serde_json::from_str::<Value>(&u.draft)
                .unwrap_or_else(|_| Value::String(u.draft.clone()));
            json!({
                "entry": u.entry_id.and_then(|e| reference.get(&e)),
                "round": u.competition_id.and_then(|c| rounds.get(&c)),
                "item": u.item_id,
                "form": u.form.to_value(),
                "kept": stamp(u.created_at),
                "reason": u.reason,
                "text": text,
            })
        })
        .collect())
}

async fn mails<C: ConnectionTrait>(db: &C, email: &str) -> Result<Vec<Value>, AppError> {
    Ok(mail_outbox::Entity::find()
        .filter(is(mail_outbox::Column::ToAddress, email))
        .order_by_asc(mail_outbox::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            json!({
                "created": stamp(m.created_at),
                "sent": m.sent_at.map(stamp),
                "status": m.status.to_value(),
                "subject": m.subject,
                "text": m.body_text,
            })
        })
        .collect())
}

/// What the person did, as the audit log records it.
async fn actions<C: ConnectionTrait>(db: &C, user: Option<i32>) -> Result<Vec<Value>, AppError> {
    let Some(id) = user else {
        return Ok(Vec::new());
    };
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(id))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| json!({ "at": stamp(l.at), "action": l.action, "object": l.subject, "detail": serde_json::from_str::<Value>(&l.detail).unwrap_or(Value::String(l.detail)) }))
        .collect())
}
