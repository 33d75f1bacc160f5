//! The organiser's side of the jury: invitations, the chair, assignments, reminders, and the
//! export of every score and comment.
use crate::backend::begin_write;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use super::accounts::{self, Actor, check_password};
use super::admin::require_admin;
use super::clock::when;
use super::competition::{all, criteria, phase_at};
use super::entities::{
    app_user, competition, entry, jury_assignment, jury_conflict, jury_invitation, jury_member,
    jury_reminder_sent, score_sheet,
};
use super::entries::{PUBLIC_STATUSES, screening};
use super::jury::{audit, join};
use super::mail::{self, Template};
use crate::error::{AppError, FieldError, Problem};
use crate::i18n::Lang;
use crate::model::{
    AssignmentReport, JuryAdminView, JuryInvitationInfo, JuryInvitationStatus, JuryInvitationView,
    Phase, Role, Shortfall, Text,
};

const INVITATION_DAYS: i64 = 14;

async fn year(db: &DatabaseConnection, y: i32) -> Result<competition::Model, AppError> {
    competition::Entity::find()
        .filter(competition::Column::Year.eq(y))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

fn status(i: &jury_invitation::Model, now: DateTime<Utc>) -> JuryInvitationStatus {
    match i.status.as_str() {
        "accepted" => JuryInvitationStatus::Accepted,
        "declined" => JuryInvitationStatus::Declined,
        "revoked" => JuryInvitationStatus::Revoked,
        _ if i.expires_at <= now => JuryInvitationStatus::Expired,
        _ => JuryInvitationStatus::Pending,
    }
}

/// Invites an address to a year's jury by mail, with a link to accept or decline.
pub async fn invite(
    db: &DatabaseConnection,
    actor: &Actor,
    y: i32,
    email: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let email =
        accounts::normalise_email(email).map_err(|p| AppError::invalid_field("email", p))?;
    let c = year(db, y).await?;
    let (token, hash) = accounts::new_token();
    let txn = begin_write(db).await?;
    jury_invitation::ActiveModel {
        competition_id: Set(c.id),
        email: Set(email.clone()),
        token_hash: Set(hash),
        invited_by: Set(Some(actor.user_id)),
        status: Set("pending".into()),
        user_id: Set(None),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        responded_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    send_invitation(&txn, &c, &email, &token, now, base_url).await?;
    txn.commit().await?;
    Ok(())
}

async fn send_invitation<C: sea_orm::ConnectionTrait>(
    db: &C,
    c: &competition::Model,
    email: &str,
    token: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    // The invitee's language is unknown until they answer; an existing account says it.
    let lang = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await?
        .map(|u| Lang::from_code(&u.language))
        .unwrap_or_default();
    let theme = match lang {
        Lang::En => c.theme_en.clone().unwrap_or_else(|| c.theme_sv.clone()),
        Lang::Sv => c.theme_sv.clone(),
    };
    mail::enqueue(
        db,
        email,
        "",
        lang,
        &Template::JuryInvitation {
            year: c.year,
            theme,
            link: format!("{base_url}{}?token={token}", lang.href("/jury/invitation")),
        },
        now,
    )
    .await?;
    Ok(())
}

/// Sends a pending (or expired) invitation again with a new link and a new expiry.
pub async fn resend(
    db: &DatabaseConnection,
    actor: &Actor,
    invitation_id: i32,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let i = jury_invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !matches!(
        status(&i, now),
        JuryInvitationStatus::Pending | JuryInvitationStatus::Expired
    ) {
        return Err(AppError::Conflict(crate::error::Conflict::AlreadyMember));
    }
    let c = competition::Entity::find_by_id(i.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (token, hash) = accounts::new_token();
    let txn = begin_write(db).await?;
    let email = i.email.clone();
    let mut a: jury_invitation::ActiveModel = i.into();
    a.token_hash = Set(hash);
    a.expires_at = Set(now + Duration::days(INVITATION_DAYS));
    a.update(&txn).await?;
    send_invitation(&txn, &c, &email, &token, now, base_url).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    invitation_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let i = jury_invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if status(&i, now) == JuryInvitationStatus::Pending {
        let mut a: jury_invitation::ActiveModel = i.into();
        a.status = Set("revoked".into());
        a.update(db).await?;
    }
    Ok(())
}

async fn pending_by_token<C: sea_orm::ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<jury_invitation::Model, AppError> {
    jury_invitation::Entity::find()
        .filter(jury_invitation::Column::TokenHash.eq(accounts::token_hash(token)))
        .one(db)
        .await?
        .filter(|i| status(i, now) == JuryInvitationStatus::Pending)
        .ok_or(AppError::InvalidToken)
}

pub async fn invitation_info(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<JuryInvitationInfo, AppError> {
    let i = pending_by_token(db, token, now).await?;
    let c = competition::Entity::find_by_id(i.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::InvalidToken)?;
    let has_account = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&i.email))
        .count(db)
        .await?
        > 0;
    Ok(JuryInvitationInfo {
        year: c.year,
        theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
        email: i.email,
        has_account,
    })
}

/// Answers an invitation. Accepting joins the jury; a person without an account creates one
/// (the link proves the address), a person with one must be signed in as that address.
/// Returns the user id when a new account was made, so that the caller can sign it in.
#[allow(clippy::too_many_arguments)]
pub async fn respond(
    db: &DatabaseConnection,
    token: &str,
    actor: Option<&Actor>,
    accept: bool,
    name: &str,
    password: &str,
    language: Lang,
    now: DateTime<Utc>,
) -> Result<Option<i32>, AppError> {
    // Everything that reads or is slow (the password hash) happens before the transaction; the
    // transaction starts by claiming the invitation, a write, so that SQLite takes its write
    // lock first instead of failing to upgrade a read under concurrent writers.
    let i = pending_by_token(db, token, now).await?;
    let existing = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&i.email))
        .one(db)
        .await?;
    let new_account = match (&existing, accept) {
        (Some(u), true) => {
            if actor.map(|a| a.user_id) != Some(u.id) {
                return Err(AppError::Unauthenticated);
            }
            None
        }
        (None, true) => {
            let mut errors: Vec<FieldError> = Vec::new();
            let name = accounts::required("name", name, 200, &mut errors);
            if let Some(problem) = check_password(password, &i.email, &name) {
                errors.push(FieldError {
                    field: "password".into(),
                    problem,
                });
            }
            if !errors.is_empty() {
                return Err(AppError::Invalid(errors));
            }
            Some((name, accounts::hash_password(password).await?))
        }
        (_, false) => None,
    };
    let txn = begin_write(db).await?;
    let claimed = jury_invitation::Entity::update_many()
        .col_expr(
            jury_invitation::Column::Status,
            Expr::value(if accept { "accepted" } else { "declined" }),
        )
        .col_expr(jury_invitation::Column::RespondedAt, Expr::value(now))
        .filter(jury_invitation::Column::Id.eq(i.id))
        .filter(jury_invitation::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(AppError::InvalidToken);
    }
    if !accept {
        txn.commit().await?;
        return Ok(None);
    }
    let (user_id, created) = match (existing, new_account) {
        (Some(u), _) => (u.id, false),
        (None, Some((name, hash))) => {
            let u = accounts::insert_user(
                &txn,
                &i.email,
                &name,
                hash,
                language,
                Some(now),
                Role::Juror,
                now,
            )
            .await?;
            (u.id, true)
        }
        (None, None) => return Err(AppError::Internal),
    };
    join(&txn, i.competition_id, user_id, false, now).await?;
    jury_invitation::ActiveModel {
        id: Set(i.id),
        user_id: Set(Some(user_id)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok(created.then_some(user_id))
}

/// Members and invitations of a year's jury.
pub async fn overview(
    db: &DatabaseConnection,
    actor: &Actor,
    y: i32,
    now: DateTime<Utc>,
) -> Result<JuryAdminView, AppError> {
    require_admin(actor)?;
    let c = year(db, y).await?;
    let members = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(c.id))
        .all(db)
        .await?;
    let users: HashMap<i32, app_user::Model> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(members.iter().map(|m| m.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut members: Vec<(i32, String, String, bool)> = members
        .iter()
        .filter_map(|m| {
            let u = users.get(&m.user_id)?;
            Some((u.id, u.name.clone(), u.email.clone(), m.chair))
        })
        .collect();
    members.sort_by(|a, b| a.1.cmp(&b.1));
    let invitations = jury_invitation::Entity::find()
        .filter(jury_invitation::Column::CompetitionId.eq(c.id))
        .order_by_desc(jury_invitation::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|i| JuryInvitationView {
            id: i.id,
            email: i.email.clone(),
            status: status(i, now),
            sent: when(i.created_at),
        })
        .collect();
    let entries = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .filter(entry::Column::Status.is_in(PUBLIC_STATUSES))
        .order_by_asc(entry::Column::Reference)
        .all(db)
        .await?;
    let assigned_explicitly = jury_assignment::Entity::find()
        .filter(jury_assignment::Column::EntryId.is_in(entries.iter().map(|e| e.id)))
        .count(db)
        .await?
        > 0;
    Ok(JuryAdminView {
        year: c.year,
        members,
        invitations,
        assigned_explicitly,
        entries: entries
            .into_iter()
            .map(|e| (e.id, format!("{} – {}", e.reference, e.title)))
            .collect(),
    })
}

/// Makes a member the year's chair (or no longer the chair). One chair at a time.
pub async fn set_chair(
    db: &DatabaseConnection,
    actor: &Actor,
    y: i32,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let c = year(db, y).await?;
    let members = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(c.id))
        .all(db)
        .await?;
    if !members.iter().any(|m| m.user_id == user_id) {
        return Err(AppError::invalid_field("user_id", Problem::InvalidChoice));
    }
    let txn = begin_write(db).await?;
    for m in members {
        let chair = m.user_id == user_id;
        if m.chair != chair {
            jury_member::ActiveModel {
                id: Set(m.id),
                chair: Set(chair),
                ..Default::default()
            }
            .update(&txn)
            .await?;
        }
    }
    join(&txn, c.id, user_id, true, now).await?;
    audit(
        &txn,
        Some(actor.user_id),
        "jury.chair",
        format!("competition:{} user:{user_id}", c.id),
        serde_json::json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn judged_ids(db: &DatabaseConnection, competition_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(competition_id))
        .filter(entry::Column::Status.is_in(PUBLIC_STATUSES))
        .order_by_asc(entry::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect())
}

/// A balanced assignment: each entry gets `per_entry` jurors, no juror more than `cap`
/// entries, nobody an entry they are conflicted on. Entries in id order take the jurors with
/// the lowest load so far (then the lowest id), so the same input gives the same result.
/// Returns the pairs and, per entry that got fewer than asked, who was left out and why.
pub fn balance(
    entries: &[i32],
    jurors: &[i32],
    conflicts: &HashSet<(i32, i32)>,
    per_entry: usize,
    cap: usize,
) -> (Vec<(i32, i32)>, Vec<(i32, usize, Vec<i32>, Vec<i32>)>) {
    let mut load: BTreeMap<i32, usize> = jurors.iter().map(|j| (*j, 0)).collect();
    let mut pairs = Vec::new();
    let mut short = Vec::new();
    for e in entries {
        let mut candidates: Vec<i32> = jurors
            .iter()
            .copied()
            .filter(|j| !conflicts.contains(&(*e, *j)) && load[j] < cap)
            .collect();
        candidates.sort_by_key(|j| (load[j], *j));
        let chosen: Vec<i32> = candidates.into_iter().take(per_entry).collect();
        for j in &chosen {
            *load.get_mut(j).expect("a juror") += 1;
            pairs.push((*e, *j));
        }
        if chosen.len() < per_entry {
            let conflicted = jurors
                .iter()
                .copied()
                .filter(|j| conflicts.contains(&(*e, *j)))
                .collect();
            let at_cap = jurors
                .iter()
                .copied()
                .filter(|j| !conflicts.contains(&(*e, *j)) && !chosen.contains(j))
                .collect();
            short.push((*e, chosen.len(), conflicted, at_cap));
        }
    }
    (pairs, short)
}

/// Replaces the year's assignments by a balanced one; `per_entry` 0 goes back to everyone
/// judging every entry.
pub async fn assign(
    db: &DatabaseConnection,
    actor: &Actor,
    y: i32,
    per_entry: usize,
    cap: usize,
    now: DateTime<Utc>,
) -> Result<AssignmentReport, AppError> {
    require_admin(actor)?;
    let c = year(db, y).await?;
    if per_entry > 100 || cap > 10_000 {
        return Err(AppError::invalid_field("per_entry", Problem::OutOfRange));
    }
    let entries = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .filter(entry::Column::Status.is_in(PUBLIC_STATUSES))
        .order_by_asc(entry::Column::Id)
        .all(db)
        .await?;
    let entry_ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let mut jurors: Vec<i32> = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    jurors.sort();
    let conflicts: HashSet<(i32, i32)> = jury_conflict::Entity::find()
        .filter(jury_conflict::Column::EntryId.is_in(entry_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.entry_id, c.juror_id))
        .collect();
    let names: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(jurors.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let (pairs, short) = if per_entry == 0 {
        (Vec::new(), Vec::new())
    } else {
        balance(&entry_ids, &jurors, &conflicts, per_entry, cap.max(1))
    };
    let txn = begin_write(db).await?;
    jury_assignment::Entity::delete_many()
        .filter(jury_assignment::Column::EntryId.is_in(entry_ids.clone()))
        .exec(&txn)
        .await?;
    if !pairs.is_empty() {
        jury_assignment::Entity::insert_many(pairs.iter().map(|(e, j)| {
            jury_assignment::ActiveModel {
                entry_id: Set(*e),
                juror_id: Set(*j),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    audit(
        &txn,
        Some(actor.user_id),
        "jury.assign",
        format!("competition:{}", c.id),
        serde_json::json!({ "per_entry": per_entry, "cap": cap, "pairs": pairs.len() }),
        now,
    )
    .await?;
    txn.commit().await?;
    let name = |j: &i32| names.get(j).cloned().unwrap_or_default();
    Ok(AssignmentReport {
        pairs: pairs.len(),
        loads: jurors
            .iter()
            .map(|j| (name(j), pairs.iter().filter(|(_, x)| x == j).count()))
            .collect(),
        shortfalls: short
            .into_iter()
            .map(|(e, assigned, conflicted, at_cap)| Shortfall {
                entry_id: e,
                title: entries
                    .iter()
                    .find(|x| x.id == e)
                    .map(|x| x.title.clone())
                    .unwrap_or_default(),
                assigned,
                wanted: per_entry,
                conflicted: conflicted.iter().map(name).collect(),
                at_cap: at_cap.iter().map(name).collect(),
            })
            .collect(),
    })
}

/// Assigns or unassigns one juror to one entry by hand. With no explicit assignments yet
/// (everyone has everything), the current all-to-all state is written out first.
pub async fn set_assignment(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    juror_id: i32,
    assigned: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let e = entry::Entity::find_by_id(entry_id)
        .one(db)
        .await?
        .filter(|e| PUBLIC_STATUSES.contains(&e.status.as_str()))
        .ok_or(AppError::NotFound)?;
    let jurors: Vec<i32> = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(e.competition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    if !jurors.contains(&juror_id) {
        return Err(AppError::invalid_field("juror_id", Problem::InvalidChoice));
    }
    let entry_ids = judged_ids(db, e.competition_id).await?;
    let txn = begin_write(db).await?;
    let explicit = jury_assignment::Entity::find()
        .filter(jury_assignment::Column::EntryId.is_in(entry_ids.clone()))
        .count(&txn)
        .await?
        > 0;
    if !explicit {
        let all: Vec<jury_assignment::ActiveModel> = entry_ids
            .iter()
            .flat_map(|e| {
                jurors.iter().map(move |j| jury_assignment::ActiveModel {
                    entry_id: Set(*e),
                    juror_id: Set(*j),
                    ..Default::default()
                })
            })
            .collect();
        if !all.is_empty() {
            jury_assignment::Entity::insert_many(all).exec(&txn).await?;
        }
    }
    if assigned {
        jury_assignment::Entity::insert(jury_assignment::ActiveModel {
            entry_id: Set(e.id),
            juror_id: Set(juror_id),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                jury_assignment::Column::EntryId,
                jury_assignment::Column::JurorId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    } else {
        jury_assignment::Entity::delete_many()
            .filter(jury_assignment::Column::EntryId.eq(e.id))
            .filter(jury_assignment::Column::JurorId.eq(juror_id))
            .exec(&txn)
            .await?;
    }
    audit(
        &txn,
        Some(actor.user_id),
        "jury.assignment",
        format!("entry:{} juror:{juror_id}", e.id),
        serde_json::json!({ "assigned": assigned }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Reminders 3 days and 1 day before judging closes, to jurors with unfinished sheets. Each is
/// claimed in the database first, so it goes out once whatever the number of instances.
pub async fn send_reminders(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let mut sent = 0;
    for c in all(db).await? {
        let Some(closes) = c.deliberation_at.or(c.decided_at) else {
            continue;
        };
        if phase_at(&c, now) != Phase::Judging {
            continue;
        }
        let Some((kind, _)) = [("1d", 1), ("3d", 3)]
            .into_iter()
            .find(|(_, days)| now >= closes - Duration::days(*days))
        else {
            continue;
        };
        let entry_ids = judged_ids(db, c.id).await?;
        let explicit: HashSet<(i32, i32)> = jury_assignment::Entity::find()
            .filter(jury_assignment::Column::EntryId.is_in(entry_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.entry_id, a.juror_id))
            .collect();
        let conflicts: HashSet<(i32, i32)> = jury_conflict::Entity::find()
            .filter(jury_conflict::Column::EntryId.is_in(entry_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.entry_id, c.juror_id))
            .collect();
        let submitted: HashSet<(i32, i32)> = score_sheet::Entity::find()
            .filter(score_sheet::Column::EntryId.is_in(entry_ids.clone()))
            .filter(score_sheet::Column::Status.eq("submitted"))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.entry_id, s.juror_id))
            .collect();
        let members = jury_member::Entity::find()
            .filter(jury_member::Column::CompetitionId.eq(c.id))
            .all(db)
            .await?;
        for m in members {
            let j = m.user_id;
            let remaining = entry_ids
                .iter()
                .filter(|e| explicit.is_empty() || explicit.contains(&(**e, j)))
                .filter(|e| !conflicts.contains(&(**e, j)) && !submitted.contains(&(**e, j)))
                .count();
            if remaining == 0 {
                continue;
            }
            let Some(u) = app_user::Entity::find_by_id(j).one(db).await? else {
                continue;
            };
            if !u.active {
                continue;
            }
            let txn = begin_write(db).await?;
            let claimed = jury_reminder_sent::Entity::insert(jury_reminder_sent::ActiveModel {
                competition_id: Set(c.id),
                user_id: Set(j),
                kind: Set(kind.into()),
                sent_at: Set(now),
                ..Default::default()
            })
            .on_conflict(
                OnConflict::columns([
                    jury_reminder_sent::Column::CompetitionId,
                    jury_reminder_sent::Column::UserId,
                    jury_reminder_sent::Column::Kind,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
            if claimed == 0 {
                continue;
            }
            let lang = Lang::from_code(&u.language);
            mail::enqueue(
                &txn,
                &u.email,
                &u.name,
                lang,
                &Template::JuryReminder {
                    name: u.name.clone(),
                    year: c.year,
                    closes: when(closes),
                    remaining,
                    link: format!("{base_url}{}", lang.href(&format!("/jury/{}", c.year))),
                },
                now,
            )
            .await?;
            txn.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// Every score sheet of a year as rows: for the organiser at any time, for the chair once
/// judging has closed. Conflicted pairs are listed as recused, without scores.
pub async fn export_scores(
    db: &DatabaseConnection,
    actor: &Actor,
    y: i32,
    now: DateTime<Utc>,
) -> Result<(Vec<String>, Vec<Vec<String>>), AppError> {
    let c = year(db, y).await?;
    if !actor.has(Role::Admin) {
        let chair = jury_member::Entity::find()
            .filter(jury_member::Column::CompetitionId.eq(c.id))
            .filter(jury_member::Column::UserId.eq(actor.user_id))
            .one(db)
            .await?
            .is_some_and(|m| m.chair);
        if !chair {
            return Err(AppError::Forbidden);
        }
        if phase_at(&c, now) <= Phase::Judging {
            return Err(AppError::Conflict(crate::error::Conflict::NotYet));
        }
    }
    let criteria = criteria(db, &c).await?;
    let mut header: Vec<String> = ["reference", "title", "juror", "status", "submitted_at"]
        .map(String::from)
        .to_vec();
    for k in &criteria {
        header.push(format!("{}_score", k.key));
        header.push(format!("{}_comment", k.key));
    }
    header.push("overall_comment".into());
    let entries = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .filter(entry::Column::Status.is_in(PUBLIC_STATUSES))
        .order_by_asc(entry::Column::Reference)
        .all(db)
        .await?;
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let sheets = score_sheet::Entity::find()
        .filter(score_sheet::Column::EntryId.is_in(ids.clone()))
        .all(db)
        .await?;
    let conflicts: Vec<jury_conflict::Model> = jury_conflict::Entity::find()
        .filter(jury_conflict::Column::EntryId.is_in(ids))
        .all(db)
        .await?;
    let names: HashMap<i32, String> = app_user::Entity::find()
        .filter(
            app_user::Column::Id.is_in(
                sheets
                    .iter()
                    .map(|s| s.juror_id)
                    .chain(conflicts.iter().map(|c| c.juror_id)),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut rows = Vec::new();
    for e in &entries {
        for s in sheets.iter().filter(|s| s.entry_id == e.id) {
            let recused = conflicts
                .iter()
                .any(|c| c.entry_id == e.id && c.juror_id == s.juror_id);
            let scores: BTreeMap<String, serde_json::Value> =
                serde_json::from_str(&s.scores).unwrap_or_default();
            let mut row = vec![
                e.reference.clone(),
                e.title.clone(),
                names.get(&s.juror_id).cloned().unwrap_or_default(),
                if recused {
                    "recused".into()
                } else {
                    s.status.clone()
                },
                s.submitted_at
                    .map(|t| {
                        let w = when(t);
                        format!("{} {}", w.date, w.time)
                    })
                    .unwrap_or_default(),
            ];
            for k in &criteria {
                let v = scores.get(&k.key);
                let score = v
                    .and_then(|v| v.get("score"))
                    .and_then(|s| s.as_i64())
                    .filter(|_| !recused)
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                let comment = v
                    .and_then(|v| v.get("comment"))
                    .and_then(|s| s.as_str())
                    .filter(|_| !recused)
                    .unwrap_or_default()
                    .to_string();
                row.push(score);
                row.push(comment);
            }
            row.push(if recused {
                String::new()
            } else {
                s.overall_comment.clone()
            });
            rows.push(row.iter().map(|c| screening::cell(c)).collect());
        }
    }
    Ok((header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_is_even_deterministic_and_respects_conflicts() {
        let entries = [1, 2, 3, 4];
        let jurors = [10, 11, 12];
        let conflicts: HashSet<(i32, i32)> = [(1, 10)].into_iter().collect();
        // Loads after each entry: e1 → 11, 12; e2 → 10 (0) and 11 (1, lower id than 12);
        // e3 → 10 and 12 (both 1); e4 → all at 2, so the lowest ids, 10 and 11.
        let (pairs, short) = balance(&entries, &jurors, &conflicts, 2, 3);
        assert_eq!(
            pairs,
            vec![
                (1, 11),
                (1, 12),
                (2, 10),
                (2, 11),
                (3, 10),
                (3, 12),
                (4, 10),
                (4, 11)
            ]
        );
        assert!(short.is_empty());
        assert_eq!(
            balance(&entries, &jurors, &conflicts, 2, 3).0,
            pairs,
            "same input, same result"
        );
        assert!(!pairs.contains(&(1, 10)));
    }

    #[test]
    fn balance_explains_what_it_cannot_meet() {
        // Two jurors with a cap of 1 cannot give three entries two jurors each.
        let conflicts: HashSet<(i32, i32)> = [(2, 11)].into_iter().collect();
        let (pairs, short) = balance(&[1, 2, 3], &[10, 11], &conflicts, 2, 1);
        assert_eq!(pairs, vec![(1, 10), (1, 11)]);
        assert_eq!(
            short,
            vec![(2, 0, vec![11], vec![10]), (3, 0, vec![], vec![10, 11])]
        );
    }
}
