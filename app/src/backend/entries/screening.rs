//! The organiser's screening of entries and the entries export (its rows; the file formats are
//! `exports`'). A reason a screening refused is kept (`backend::unsaved`) for the organiser who
//! typed it.
use crate::backend::begin_write;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::applicant::{competition_of, draft_of, open_to_applicants};
use crate::backend::accounts::Actor;
use crate::backend::admin::{organised, require_admin, require_any_organiser, require_organiser};
use crate::backend::audit;
use crate::backend::clock::when;
use crate::backend::competition::{by_year, phase_at};
use crate::backend::entities::{competition, entry, organisation};
use crate::backend::exports;
use crate::backend::mail::{self, Template};
use crate::backend::organisations::members;
use crate::backend::public_changes::PublicChanges;
use crate::backend::unsaved::{self, UnsavedForm, Whose};
use crate::error::{AppError, Conflict, Problem};
use crate::model::{
    DraftRow, EntryStatus, KeptText, Phase, RoundRef, SECTIONS, ScreeningRow, ScreeningView,
    UnsavedReason,
};

const MAX_REASON: usize = 2_000;

async fn org_names(db: &DatabaseConnection) -> Result<Vec<(i32, String)>, AppError> {
    Ok(organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// Every entry of a national round for its organiser: those submitted at some point, and the
/// drafts apart.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    now: DateTime<Utc>,
) -> Result<ScreeningView, AppError> {
    let r: RoundRef = r.into();
    if r.europe {
        return Err(AppError::NotFound);
    }
    let c = organised(db, actor, r).await?;
    let names = org_names(db).await?;
    let name_of = |org: i32| {
        names
            .iter()
            .find(|(id, _)| *id == org)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let (drafts, rows): (Vec<_>, Vec<_>) = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .order_by_asc(entry::Column::Reference)
        .all(db)
        .await?
        .into_iter()
        .partition(|e| e.status == EntryStatus::Draft);
    // The reader's reasons refused for what they said, back in their fields while entries can
    // be screened.
    let can_screen = phase_at(&c, now) >= Phase::Screening;
    let kept = unsaved::kept_all::<String, _>(db, actor.user_id, UnsavedForm::Screening).await?;
    let kept_for = |id: i32| {
        kept.iter()
            .find(|(of, _)| *of == id)
            .map(|(_, k)| KeptText {
                at: k.at.clone(),
                reason: k.reason,
                in_form: can_screen
                    && (k.belongs_in_form(REASON_REVISION) || k.reason == UnsavedReason::Stale),
                form: k.fields.clone(),
            })
    };
    let rows = rows
        .into_iter()
        .map(|e| (kept_for(e.id), e))
        .map(|(kept, e)| ScreeningRow {
            problem: kept.as_ref().and_then(|k| reason_problem(true, &k.form)),
            kept,
            seen: screening_seen(&e),
            id: e.id,
            organisation: name_of(e.organisation_id),
            reference: e.reference,
            title: e.title,
            status: e.status,
            updated: when(e.updated_at),
            submitted: e.submitted_at.map(when),
            reason: e.screening_reason,
        })
        .collect();
    let mut drafts: Vec<_> = drafts
        .into_iter()
        .map(|e| {
            let row = DraftRow {
                id: e.id,
                organisation: name_of(e.organisation_id),
                reference: e.reference,
                title: e.title,
                updated: when(e.updated_at),
            };
            (e.updated_at, row)
        })
        .collect();
    drafts.sort_by_key(|(at, _)| *at);
    Ok(ScreeningView {
        year: c.year,
        phase: phase_at(&c, now),
        rows,
        drafts: drafts.into_iter().map(|(_, d)| d).collect(),
        can_remind: open_to_applicants(&c, now),
        list_published: c.entries_listed_at.map(when),
    })
}

/// An entry of a national round and the round, for the round's organiser and nobody else
/// (403); the final's entries are neither screened nor reminded (404).
pub(super) async fn organised_entry(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
) -> Result<(entry::Model, competition::Model), AppError> {
    require_any_organiser(actor)?;
    let e = entry::Entity::find_by_id(entry_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = competition_of(db, &e).await?;
    require_organiser(actor, &c)?;
    if c.round_kind != crate::backend::competition::NATIONAL {
        return Err(AppError::NotFound);
    }
    Ok((e, c))
}

/// What is wrong with the reason given for a verdict (`eligible` or not), if anything: one is
/// needed to find an entry not eligible, and it has a length limit.
pub fn reason_problem(eligible: bool, reason: &str) -> Option<Problem> {
    let reason = reason.trim();
    if !eligible && reason.is_empty() {
        Some(Problem::Required)
    } else if reason.chars().count() > MAX_REASON {
        Some(Problem::TooLong)
    } else {
        None
    }
}

/// Screening has no revision of its own (the latest verdict stands), so a reason kept for its
/// content is always on this one, and belongs in the form while the entry can be screened.
const REASON_REVISION: i32 = 0;

/// The screening of entry `e` that a page shows, as the token its verdict sends back
/// ([`Verdict::seen`]): when it was last screened, or empty if it never was.
pub fn screening_seen(e: &entry::Model) -> String {
    e.screened_at
        .map(|at| at.timestamp_micros().to_string())
        .unwrap_or_default()
}

/// An organiser's verdict on an entry, as the screening form sends it.
#[derive(Clone, Copy, Debug)]
pub struct Verdict<'a> {
    pub entry_id: i32,
    pub eligible: bool,
    pub reason: &'a str,
    /// The screening the form was opened on ([`screening_seen`]): a verdict given since, in
    /// another tab or by a colleague, is not overwritten unseen.
    pub seen: &'a str,
}

/// Marks a submitted entry eligible or not, after the deadline, and tells the organisation's
/// members by mail in their own language. A verdict sent from a page opened before the entry
/// was screened again is refused. A reason refused (too long, or on such a page) is kept for
/// the organiser who typed it, and its field shows it again (`list`); a verdict given settles
/// it. A plain form post is answered with a redirect, and it would be gone.
pub async fn screen(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    v: Verdict<'_>,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let done = record(db, public, actor, v, now, base_url).await;
    // Only the entry's organiser keeps a copy: a reason is checked before who sent it.
    if let Err(e) = &done
        && (unsaved::reason(e).is_none() || organised_entry(db, actor, v.entry_id).await.is_err())
    {
        return done;
    }
    let whose = Whose::of(actor, v.entry_id, UnsavedForm::Screening);
    let kept = if done.is_ok() {
        // The field showed whatever was kept, refused for what it said or on a stale page.
        unsaved::discard(db, whose).await
    } else {
        unsaved::after_text(db, whose, (v.reason, REASON_REVISION), &done, now).await
    };
    unsaved::answer(done, kept)
}

/// Discards the actor's reason for entry `entry_id` that a screening refused, if any: for the
/// entry's organiser, who has read the screening that stands and lets it stand.
pub async fn discard_unsaved_screening(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
) -> Result<(), AppError> {
    let (e, _) = organised_entry(db, actor, entry_id).await?;
    unsaved::discard(db, Whose::of(actor, e.id, UnsavedForm::Screening)).await
}

async fn record(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    Verdict {
        entry_id,
        eligible,
        reason,
        seen,
    }: Verdict<'_>,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    require_any_organiser(actor)?;
    if let Some(problem) = reason_problem(eligible, reason) {
        return Err(AppError::invalid_field("reason", problem));
    }
    let reason = reason.trim();
    let (e, c) = organised_entry(db, actor, entry_id).await?;
    if phase_at(&c, now) < Phase::Screening {
        return Err(AppError::Conflict(Conflict::NotYet));
    }
    if !matches!(
        e.status,
        EntryStatus::Submitted | EntryStatus::Eligible | EntryStatus::Ineligible
    ) {
        return Err(AppError::Conflict(Conflict::NotSubmitted));
    }
    let status = if eligible {
        EntryStatus::Eligible
    } else {
        EntryStatus::Ineligible
    };
    let reason = (!reason.is_empty()).then(|| reason.to_string());
    let txn = begin_write(db).await?;
    // Read again under the write lock (a row lock on PostgreSQL; SQLite's write transaction
    // is one at a time): two verdicts sent at once from the same screening, one is refused.
    let e = entry::Entity::find_by_id(e.id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if screening_seen(&e) != seen {
        return Err(AppError::Conflict(Conflict::Rescreened));
    }
    entry::ActiveModel {
        id: Set(e.id),
        status: Set(status),
        screening_reason: Set(reason.clone()),
        screened_at: Set(Some(now)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "entry.screen",
        format!("entry:{}", e.id),
        audit::changes(
            &serde_json::json!({ "status": e.status.code(), "reason": e.screening_reason }),
            &serde_json::json!({ "status": status.code(), "reason": reason }),
        ),
        now,
    )
    .await?;
    let words = mail::RoundWords::load(&txn, c.id).await?;
    for (email, name, lang) in members(&txn, e.organisation_id).await? {
        mail::enqueue_in_round(
            &txn,
            &words,
            &email,
            &name,
            lang,
            &Template::ScreeningResult {
                title: e.title.clone(),
                reference: e.reference.clone(),
                eligible,
                reason: reason.clone(),
                link: format!("{base_url}{}", lang.href(&format!("/entries/{}", e.id))),
                round_country: (!c.home).then(|| c.country.clone()),
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

/// The export's column names, stable and in English: the entry's facts, then one column per
/// section (`model::SECTIONS`).
pub fn export_columns() -> Vec<&'static str> {
    const FACTS: [&str; 18] = [
        "reference",
        "status",
        "title",
        "organisation",
        "credited_as",
        "competing",
        "start_date",
        "ongoing",
        "end_date",
        "contacts",
        "links",
        "video_url",
        "submitted_at",
        "updated_at",
        "publication_consent",
        "public_summary_sv",
        "public_summary_en",
        "screening_reason",
    ];
    FACTS.into_iter().chain(SECTIONS).collect()
}

/// Every entry of a year that is not a draft, one row each, as text cells. Each download is in
/// the audit log.
pub async fn export_rows(
    db: &DatabaseConnection,
    actor: &Actor,
    y: i32,
    now: DateTime<Utc>,
) -> Result<Vec<Vec<String>>, AppError> {
    require_admin(actor)?;
    let c = by_year(db, y).await?;
    let names = org_names(db).await?;
    let entries = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .filter(entry::Column::Status.ne(EntryStatus::Draft))
        .order_by_asc(entry::Column::Reference)
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(entries.len());
    let stamp = |t: Option<DateTime<Utc>>| {
        t.map(|t| {
            let w = when(t);
            format!("{} {}", w.date, w.time)
        })
        .unwrap_or_default()
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    for e in entries {
        let d = draft_of(db, &e).await?;
        let mut row = vec![
            e.reference.clone(),
            e.status.code().to_string(),
            d.title.clone(),
            names
                .iter()
                .find(|(id, _)| *id == e.organisation_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            d.organisation_display.clone(),
            yes_no(d.competing),
            d.start_date.clone(),
            yes_no(d.ongoing),
            d.end_date.clone(),
            d.contacts
                .iter()
                .map(|c| {
                    format!("{} <{}> {} {}", c.name, c.email, c.role, c.phone)
                        .trim()
                        .to_string()
                })
                .collect::<Vec<_>>()
                .join("; "),
            d.links
                .iter()
                .map(|l| format!("{} {}", l.label, l.url).trim().to_string())
                .collect::<Vec<_>>()
                .join("; "),
            d.video_url.clone(),
            stamp(e.submitted_at),
            stamp(Some(e.updated_at)),
            yes_no(d.publication_consent),
            d.public_summary_sv.clone(),
            d.public_summary_en.clone(),
            e.screening_reason.clone().unwrap_or_default(),
        ];
        row.extend(SECTIONS.iter().map(|k| d.section(k).to_string()));
        rows.push(row.iter().map(|s| exports::cell(s)).collect());
    }
    let subject = format!("competition:{}", c.id);
    let detail = serde_json::json!({ "rows": rows.len() });
    audit::record(
        db,
        Some(actor.user_id),
        "export.entries",
        subject,
        detail,
        now,
    )
    .await?;
    Ok(rows)
}

/// The entries export as CSV.
pub fn to_csv(rows: &[Vec<String>], dialect: exports::Dialect) -> Result<Vec<u8>, AppError> {
    exports::csv_file(&export_columns(), rows, dialect)
}

/// The entries export as an Excel workbook.
pub fn to_xlsx(rows: &[Vec<String>], sheet: &str) -> Result<Vec<u8>, AppError> {
    exports::xlsx_file(&export_columns(), rows, sheet)
}

/// Entries of a year as the public list shows them, once the organiser has published it. While
/// the jury of a round that reviews anonymously is still at work (until the results are
/// public), the list gives titles only, so that the public site does not name the
/// organisations the jurors are not shown.
pub async fn public_list(
    db: &DatabaseConnection,
    c: &competition::Model,
    results_public: bool,
) -> Result<Vec<crate::model::ListedEntry>, AppError> {
    let named = results_public || !c.anonymous_review;
    if c.entries_listed_at.is_none() {
        return Ok(Vec::new());
    }
    Ok(entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .filter(entry::Column::Status.is_in(super::PUBLIC_STATUSES))
        .order_by_asc(entry::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|e| crate::model::ListedEntry {
            title: e.title,
            organisation: if named {
                e.organisation_display
            } else {
                String::new()
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_header_and_quotes_what_needs_it() {
        let mut row = vec![String::new(); export_columns().len()];
        row[0] = "a,b".into();
        row[1] = "rad\nny".into();
        let csv = to_csv(&[row], exports::Dialect::Comma).unwrap();
        let text = String::from_utf8(csv).unwrap();
        assert!(text.starts_with("\u{feff}reference,status,title"));
        assert!(text.contains("\"a,b\",\"rad\nny\""));
    }
}
