//! Messages from a round's organiser to a group of its people: every applicant, those with an
//! unsubmitted draft, those who submitted, the jury, or the jurors with sheets left. Sent now
//! or at a set time, through the outbox, to each address once: the message is claimed by the
//! sending (`sent_at`), and the group is reckoned then, so that a draft submitted in the
//! meantime no longer counts. Only the round's organiser writes them; each sending is audited
//! (`messages.send`), and so are scheduling and cancelling. A message refused for what it
//! says is kept for its writer (`backend::unsaved`), and the form shows it again until it is
//! sent or they clear it: a plain form post cannot otherwise show what was typed.
use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};

use crate::backend::accounts::Actor;
use crate::backend::admin::organised;
use crate::backend::audit;
use crate::backend::begin_write;
use crate::backend::clock::{parse_local, when};
use crate::backend::competition::{organises, round_ref};
use crate::backend::entities::{app_user, competition, entry, group_message, jury_member};
use crate::backend::jury_setup::Outstanding;
use crate::backend::mail::{self, Template};
use crate::backend::organisations::members;
use crate::backend::unsaved::{self, UnsavedForm, Whose};
use crate::error::{AppError, Conflict, FieldError, Problem};
use crate::i18n::Lang;
use crate::model::*;

pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 10_000;

pub use crate::model::MessageInput;

/// The people a segment of the round reaches now, each address once: (address, name,
/// language).
async fn recipients(
    db: &DatabaseConnection,
    c: &competition::Model,
    segment: Segment,
) -> Result<Vec<(String, String, Lang)>, AppError> {
    let mut people = Vec::new();
    if segment.applicants() {
        let statuses: &[EntryStatus] = match segment {
            Segment::Drafts => &[EntryStatus::Draft],
            Segment::Submitted => &[
                EntryStatus::Submitted,
                EntryStatus::Eligible,
                EntryStatus::Ineligible,
            ],
            _ => &[
                EntryStatus::Draft,
                EntryStatus::Submitted,
                EntryStatus::Eligible,
                EntryStatus::Ineligible,
            ],
        };
        let orgs: BTreeSet<i32> = entry::Entity::find()
            .filter(entry::Column::CompetitionId.eq(c.id))
            .filter(entry::Column::Status.is_in(statuses.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|e| e.organisation_id)
            .collect();
        for org in orgs {
            people.extend(members(db, org).await?);
        }
    } else {
        let mut jurors: Vec<i32> = jury_member::Entity::find()
            .filter(jury_member::Column::CompetitionId.eq(c.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        if segment == Segment::UnfinishedJurors {
            let left = Outstanding::load(db, c).await?;
            jurors.retain(|j| left.of(*j) > 0);
        }
        people = app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(jurors))
            .filter(app_user::Column::Active.eq(true))
            .order_by_asc(app_user::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.email, u.name, Lang::from_code(&u.language)))
            .collect();
    }
    let mut seen = HashSet::new();
    people.retain(|(address, ..)| seen.insert(address.to_lowercase()));
    Ok(people)
}

fn row(m: group_message::Model) -> Option<MessageRow> {
    Some(MessageRow {
        id: m.id,
        segment: Segment::parse(&m.segment)?,
        subject: m.subject_sv,
        at: when(m.sent_at.unwrap_or(m.send_at)),
        sent: m.sent_at.is_some(),
        recipients: m.recipients,
    })
}

/// The organiser's page: how many each group reaches now, and the round's messages, newest
/// first.
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
) -> Result<MessagesView, AppError> {
    let c = organised(db, actor, r.into()).await?;
    let mut segments = Vec::new();
    for segment in Segment::ALL {
        let people = recipients(db, &c, segment).await?.len();
        segments.push(SegmentCount { segment, people });
    }
    let messages = group_message::Entity::find()
        .filter(group_message::Column::CompetitionId.eq(c.id))
        .order_by_desc(group_message::Column::SendAt)
        .order_by_desc(group_message::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(row)
        .collect();
    let kept = unsaved::kept::<MessageInput, _>(db, Whose::of(actor, c.id, UnsavedForm::Message))
        .await?
        .map(|k| KeptMessage {
            at: k.at,
            sent: k.fields,
        });
    Ok(MessagesView {
        year: c.year,
        segments,
        messages,
        kept,
    })
}

fn checked(input: &MessageInput, now: DateTime<Utc>) -> Result<(Segment, DateTime<Utc>), AppError> {
    let mut errors = Vec::new();
    let segment = Segment::parse(input.segment.trim());
    if segment.is_none() {
        errors.push(FieldError::new("segment", Problem::InvalidChoice));
    }
    for (field, text, max, required) in [
        ("subject_sv", &input.subject_sv, MAX_SUBJECT, true),
        ("body_sv", &input.body_sv, MAX_BODY, true),
        ("subject_en", &input.subject_en, MAX_SUBJECT, false),
        ("body_en", &input.body_en, MAX_BODY, false),
    ] {
        if required && text.trim().is_empty() {
            errors.push(FieldError::new(field, Problem::Required));
        } else if text.chars().count() > max {
            errors.push(FieldError::new(field, Problem::TooLong));
        }
    }
    // English needs both its subject and its text, or neither.
    if input.subject_en.trim().is_empty() != input.body_en.trim().is_empty() {
        let missing = if input.subject_en.trim().is_empty() {
            "subject_en"
        } else {
            "body_en"
        };
        errors.push(FieldError::new(missing, Problem::Required));
    }
    let at = input.send_at.trim();
    let send_at = if at.is_empty() {
        Some(now)
    } else {
        match parse_local(at) {
            None => {
                errors.push(FieldError::new("send_at", Problem::InvalidDate));
                None
            }
            Some(t) if t < now => {
                errors.push(FieldError::new("send_at", Problem::OutOfRange));
                None
            }
            Some(t) => Some(t),
        }
    };
    match (segment, send_at, errors.is_empty()) {
        (Some(s), Some(t), true) => Ok((s, t)),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Writes a message to a group of the round: sent at once when it is due now, otherwise by the
/// job at its time.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    input: MessageInput,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let c = organised(db, actor, r.into()).await?;
    // A message has no revision: what is kept always belongs back in the form.
    let whose = Whose::of(actor, c.id, UnsavedForm::Message);
    let (segment, send_at) = match checked(&input, now) {
        Ok(checked) => checked,
        Err(refused) => {
            let kept = unsaved::keep(db, whose, &input, 0, UnsavedReason::Invalid, now).await;
            return unsaved::answer(Err(refused), kept);
        }
    };
    let txn = begin_write(db).await?;
    let m = group_message::ActiveModel {
        competition_id: Set(c.id),
        segment: Set(segment.code().into()),
        subject_sv: Set(input.subject_sv.trim().into()),
        body_sv: Set(input.body_sv.trim().into()),
        subject_en: Set(input.subject_en.trim().into()),
        body_en: Set(input.body_en.trim().into()),
        send_at: Set(send_at),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        sent_at: Set(None),
        recipients: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "messages.schedule",
        format!("competition:{} message:{}", c.id, m.id),
        serde_json::json!({ "segment": segment.code(), "subject": m.subject_sv, "send_at": send_at }),
        now,
    )
    .await?;
    txn.commit().await?;
    // Written: a copy kept from an earlier refusal has served. The message stands, and is sent,
    // whether or not the copy goes.
    let discarded = unsaved::discard(db, whose).await;
    unsaved::answer(Ok(()), discarded)?;
    if send_at <= now
        && let Err(e) = send(db, &c, m, now, base_url).await
    {
        // Stored and due: the job sends it within its half minute. An error here would have
        // the organiser write it again, and the group would get it twice.
        tracing::error!(error = %e, "a group message due now is left to the job");
    }
    Ok(())
}

/// Clears the form of the actor's refused message of round `r`, if any.
pub async fn discard_unsaved(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
) -> Result<(), AppError> {
    let c = organised(db, actor, r.into()).await?;
    unsaved::discard(db, Whose::of(actor, c.id, UnsavedForm::Message)).await?;
    Ok(())
}

/// Cancels a message not yet sent.
pub async fn cancel(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let m = group_message::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = competition::Entity::find_by_id(m.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !organises(actor, &c) {
        return Err(AppError::NotFound);
    }
    let txn = begin_write(db).await?;
    let gone = group_message::Entity::delete_many()
        .filter(group_message::Column::Id.eq(id))
        .filter(group_message::Column::SentAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if gone == 0 {
        return Err(AppError::Conflict(Conflict::MessageSent));
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "messages.cancel",
        format!("competition:{} message:{id}", c.id),
        serde_json::json!({ "segment": m.segment, "subject": m.subject_sv }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sends one message now, if nobody has: the group is reckoned, the mails are rendered, then
/// the message is claimed and its mails queued in one transaction. Returns the mails queued.
async fn send(
    db: &DatabaseConnection,
    c: &competition::Model,
    m: group_message::Model,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let Some(segment) = Segment::parse(&m.segment) else {
        return Ok(0);
    };
    let r = round_ref(c);
    let path = if segment.applicants() {
        "/entries".to_string()
    } else {
        r.jury_path("")
    };
    let mails: Vec<mail::Outgoing> = recipients(db, c, segment)
        .await?
        .into_iter()
        .map(|(address, name, lang)| {
            let english = lang == Lang::En && !m.subject_en.is_empty();
            let (subject, body) = if english {
                (&m.subject_en, &m.body_en)
            } else {
                (&m.subject_sv, &m.body_sv)
            };
            mail::Outgoing {
                to_address: address,
                to_name: name,
                lang: if english { Lang::En } else { Lang::Sv },
                template: Template::GroupMessage {
                    subject: subject.clone(),
                    body: body.clone(),
                    link: format!("{base_url}{}", lang.href(&path)),
                },
            }
        })
        .collect();
    let txn = begin_write(db).await?;
    let claimed = group_message::Entity::update_many()
        .col_expr(group_message::Column::SentAt, Expr::value(Some(now)))
        .col_expr(
            group_message::Column::Recipients,
            Expr::value(Some(mails.len() as i32)),
        )
        .filter(group_message::Column::Id.eq(m.id))
        .filter(group_message::Column::SentAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if claimed == 0 {
        return Ok(0);
    }
    mail::enqueue_many(&txn, &mails, now).await?;
    audit::record(
        &txn,
        m.created_by,
        "messages.send",
        format!("competition:{} message:{}", c.id, m.id),
        serde_json::json!({ "segment": m.segment, "subject": m.subject_sv, "recipients": mails.len() }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(mails.len())
}

/// Sends every message whose time has come (the job). Returns the mails queued.
pub async fn send_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let due = group_message::Entity::find()
        .filter(group_message::Column::SentAt.is_null())
        .filter(group_message::Column::SendAt.lte(now))
        .order_by_asc(group_message::Column::SendAt)
        .all(db)
        .await?;
    let mut queued = 0;
    for m in due {
        let Some(c) = competition::Entity::find_by_id(m.competition_id)
            .one(db)
            .await?
        else {
            continue;
        };
        queued += send(db, &c, m, now, base_url).await?;
    }
    Ok(queued)
}
