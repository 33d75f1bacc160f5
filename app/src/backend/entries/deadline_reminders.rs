//! Reminders to organisations with unsubmitted drafts before the deadline: the scheduled ones,
//! on the year's days before (7 and 1 by default), and the organiser's "remind now" for one
//! entry.
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::applicant::open_to_applicants;
use super::screening::organised_entry;
use crate::backend::accounts::Actor;
use crate::backend::audit;
use crate::backend::begin_write;
use crate::backend::clock::when;
use crate::backend::competition::every_round;
use crate::backend::entities::{competition, entry, organisation, reminder_sent};
use crate::backend::mail::{self, Template};
use crate::backend::organisations::members;
use crate::backend::reminders;
use crate::error::{AppError, Conflict};
use crate::model::EntryStatus;

/// Mails every organisation that has unsubmitted drafts in an open national round (the home
/// country's or one hosted here), on the round's days before the deadline (7 and 1 by default;
/// only the most urgent due one is sent). Each reminder is claimed by a unique row first, so it
/// goes out once even with several instances or restarts. Returns the number of organisations
/// reminded.
pub async fn send_reminders(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let mut sent = 0;
    for c in every_round(db).await? {
        let Some(deadline) = c.closes_at else {
            continue;
        };
        if !open_to_applicants(&c, now) {
            continue;
        }
        let Some(kind) = reminders::due(&c.deadline_reminders.0, deadline, now) else {
            continue;
        };
        let drafts = entry::Entity::find()
            .filter(entry::Column::CompetitionId.eq(c.id))
            .filter(entry::Column::Status.eq(EntryStatus::Draft))
            .order_by_asc(entry::Column::OrganisationId)
            .all(db)
            .await?;
        let mut orgs: Vec<i32> = drafts.iter().map(|e| e.organisation_id).collect();
        orgs.dedup();
        let words = mail::RoundWords::load(db, c.id).await?;
        for org in orgs {
            let txn = begin_write(db).await?;
            if !claim(&txn, &c, org, &kind, now).await? {
                continue;
            }
            let titles = drafts
                .iter()
                .filter(|e| e.organisation_id == org)
                .map(draft_label)
                .collect();
            let reminder = Reminder {
                c: &c,
                words: &words,
                deadline,
                now,
                base_url,
            };
            reminder.queue(&txn, org, titles).await?;
            txn.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// The round's organiser reminds the organisation of one unsubmitted draft now, while the year
/// takes entries. At most once an hour per entry (the claim's kind names the hour and the
/// entry), and audited. Returns the number of people mailed.
pub async fn remind_now(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let (e, c) = organised_entry(db, actor, entry_id).await?;
    if e.status != EntryStatus::Draft {
        return Err(AppError::Conflict(Conflict::NotDraft));
    }
    let (Some(deadline), true) = (c.closes_at, open_to_applicants(&c, now)) else {
        return Err(AppError::Conflict(Conflict::Closed));
    };
    let txn = begin_write(db).await?;
    let kind = format!("now {} entry:{}", now.format("%Y-%m-%dT%H"), e.id);
    if !claim(&txn, &c, e.organisation_id, &kind, now).await? {
        return Err(AppError::TooManyMails);
    }
    let words = mail::RoundWords::load(&txn, c.id).await?;
    let reminder = Reminder {
        c: &c,
        words: &words,
        deadline,
        now,
        base_url,
    };
    let mailed = reminder
        .queue(&txn, e.organisation_id, vec![draft_label(&e)])
        .await?;
    if mailed == 0 {
        // An organisation whose members have all gone: nobody to remind, and no claim kept.
        return Err(AppError::Conflict(Conflict::NoRecipients));
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "entry.remind",
        format!("entry:{}", e.id),
        serde_json::json!({ "recipients": mailed }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(mailed)
}

/// How a draft is named in a reminder: its title and reference, or the reference alone.
fn draft_label(e: &entry::Model) -> String {
    if e.title.trim().is_empty() {
        e.reference.clone()
    } else {
        format!("{} ({})", e.title, e.reference)
    }
}

/// Claims the reminder `kind` for an organisation in a year; true when this call made the
/// claim.
async fn claim<C: ConnectionTrait>(
    txn: &C,
    c: &competition::Model,
    org: i32,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let row = reminder_sent::ActiveModel {
        competition_id: Set(c.id),
        organisation_id: Set(org),
        kind: Set(kind.into()),
        sent_at: Set(now),
        ..Default::default()
    };
    use reminder_sent::Column as K;
    reminders::claim(txn, row, [K::CompetitionId, K::OrganisationId, K::Kind]).await
}

/// One reminder's mail: the year and its deadline.
struct Reminder<'a> {
    c: &'a competition::Model,
    words: &'a mail::RoundWords,
    deadline: DateTime<Utc>,
    now: DateTime<Utc>,
    base_url: &'a str,
}

impl Reminder<'_> {
    /// Queues the reminder of `drafts` to every active member of the organisation; returns how
    /// many.
    async fn queue<C: ConnectionTrait>(
        &self,
        txn: &C,
        org: i32,
        drafts: Vec<String>,
    ) -> Result<usize, AppError> {
        let name = organisation::Entity::find_by_id(org)
            .one(txn)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        let people = members(txn, org).await?;
        for (email, person, lang) in &people {
            mail::enqueue_in_round(
                txn,
                self.words,
                email,
                person,
                *lang,
                &Template::DeadlineReminder {
                    organisation: name.clone(),
                    year: self.c.year,
                    deadline: when(self.deadline),
                    drafts: drafts.clone(),
                    round_country: (!self.c.home).then(|| self.c.country.clone()),
                    link: format!("{}{}", self.base_url, lang.href("/entries")),
                },
                self.now,
            )
            .await?;
        }
        Ok(people.len())
    }
}
