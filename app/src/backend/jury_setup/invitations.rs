//! Invitations to the jury: sent, resent, revoked, and answered by the invited person.
use super::*;
use crate::backend::mail_limits::{self, Client, Purpose};

/// Invites an address to the jury of a national round (the home country's, or another
/// country's hosted here) by mail, with a link to accept or decline. The final's jury has
/// seats by member state: [`invite_to_final`].
pub async fn invite(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    email: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    require_any_organiser(actor)?;
    let r: RoundRef = r.into();
    let c = round(db, r).await?;
    require_organiser(actor, &c)?;
    if r.europe {
        return Err(AppError::invalid_field("country", Problem::Required));
    }
    let email =
        accounts::normalise_email(email).map_err(|p| AppError::invalid_field("email", p))?;
    invite_to(db, actor, &c, &email, None, now, base_url).await
}

/// The European jury has at most this many members, counting pending invitations.
pub const MAX_EUROPEAN_JURY: u64 = 8;

/// Invites an address to the jury of the year's European final, as a juror from `country` (a
/// member state taking part), who will stand aside from that country's entries. At most
/// [`MAX_EUROPEAN_JURY`] members and pending invitations.
pub async fn invite_to_final(
    db: &DatabaseConnection,
    actor: &Actor,
    y: i32,
    email: &str,
    country: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    require_any_organiser(actor)?;
    let c = round(db, RoundRef::final_of(y)).await?;
    require_organiser(actor, &c)?;
    let email = accounts::normalise_email(email).map_err(|p| AppError::invalid_field("email", p));
    let country = country.trim().to_uppercase();
    let taking_part = final_country::Entity::find()
        .filter(final_country::Column::CompetitionId.eq(c.id))
        .filter(final_country::Column::Country.eq(country.clone()))
        .count(db)
        .await?
        > 0;
    let mut problems = Vec::new();
    if let Err(AppError::Invalid(p)) = &email {
        problems.extend(p.iter().cloned());
    }
    if !taking_part {
        problems.push(crate::error::FieldError::new(
            "country",
            Problem::InvalidChoice,
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let email = email?;
    invite_to(db, actor, &c, &email, Some(country), now, base_url).await
}

/// Invites `email` to the round's jury. With a `country` it is a seat on the European jury:
/// the members and the invitations still open must stay within [`MAX_EUROPEAN_JURY`], counted
/// in the transaction that adds the invitation, after taking the final's row, so that two
/// invitations sent at once cannot both take the last seat.
async fn invite_to(
    db: &DatabaseConnection,
    actor: &Actor,
    c: &competition::Model,
    email: &str,
    country: Option<String>,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let email = email.to_string();
    let (token, hash) = accounts::new_token();
    let txn = begin_write(db).await?;
    if country.is_some() {
        competition::Entity::update_many()
            .col_expr(
                competition::Column::Id,
                sea_orm::sea_query::Expr::col(competition::Column::Id),
            )
            .filter(competition::Column::Id.eq(c.id))
            .exec(&txn)
            .await?;
        let members = jury_member::Entity::find()
            .filter(jury_member::Column::CompetitionId.eq(c.id))
            .count(&txn)
            .await?;
        let pending = jury_invitation::Entity::find()
            .filter(jury_invitation::Column::CompetitionId.eq(c.id))
            .filter(jury_invitation::Column::Status.eq(InvitationState::Pending))
            .filter(jury_invitation::Column::ExpiresAt.gt(now))
            .count(&txn)
            .await?;
        if members + pending >= MAX_EUROPEAN_JURY {
            return Err(AppError::Conflict(crate::error::Conflict::JuryFull));
        }
    }
    let invitation = jury_invitation::ActiveModel {
        competition_id: Set(c.id),
        email: Set(email.clone()),
        token_hash: Set(hash),
        invited_by: Set(Some(actor.user_id)),
        status: Set(InvitationState::Pending),
        user_id: Set(None),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        responded_at: Set(None),
        country: Set(country.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    send_invitation(&txn, actor, c, &email, &token, now, base_url).await?;
    // The address stays in the invitation, which erasure can reach; the log names the row.
    let detail = serde_json::json!({ "country": country });
    record_invitation(&txn, actor, &invitation, "jury.invite", detail, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Writes an audit line about an invitation, under its round. Called after the transaction's
/// own writes, as every audit line is: the chain's lock (PostgreSQL) is then always taken last,
/// so two transactions never wait for each other's rows and the lock at once.
async fn record_invitation(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    i: &jury_invitation::Model,
    action: &str,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let subject = format!("competition:{} invitation:{}", i.competition_id, i.id);
    audit::record(txn, Some(actor.user_id), action, subject, detail, now).await
}

/// Queues the invitation mail, within the limits on invitations per inviter and per address.
async fn send_invitation<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: &Actor,
    c: &competition::Model,
    email: &str,
    token: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    let inviter = Client::inviter(actor.user_id);
    mail_limits::admit(db, Purpose::Invitation, inviter, email, now).await?;
    // The invitee's language is unknown until they answer; an existing account says it. A
    // round that works in English invites in English.
    let english = crate::backend::competition::in_english(c);
    let lang = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await?
        .map(|u| Lang::from_code(&u.language))
        .unwrap_or(if english { Lang::En } else { Lang::default() });
    let jury = jury_of(c);
    let theme = match lang {
        Lang::En => c.theme_en.clone().unwrap_or_else(|| c.theme_sv.clone()),
        Lang::Sv => c.theme_sv.clone(),
    };
    let words = mail::RoundWords::load(db, c.id).await?;
    mail::enqueue_in_round(
        db,
        &words,
        email,
        "",
        lang,
        &Template::JuryInvitation {
            year: c.year,
            theme,
            jury,
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
    require_any_organiser(actor)?;
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
    require_organiser(actor, &c)?;
    let (token, hash) = accounts::new_token();
    let txn = begin_write(db).await?;
    let email = i.email.clone();
    let expires = now + Duration::days(INVITATION_DAYS);
    let detail = audit::changes(&i.expires_at, &expires);
    let mut a: jury_invitation::ActiveModel = i.clone().into();
    a.token_hash = Set(hash);
    a.expires_at = Set(expires);
    a.update(&txn).await?;
    send_invitation(&txn, actor, &c, &email, &token, now, base_url).await?;
    record_invitation(&txn, actor, &i, "jury.invite_resend", detail, now).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    invitation_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_any_organiser(actor)?;
    let i = jury_invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = competition::Entity::find_by_id(i.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    require_organiser(actor, &c)?;
    if status(&i, now) == JuryInvitationStatus::Pending {
        let txn = begin_write(db).await?;
        let detail = serde_json::json!({ "status": { "before": "pending", "after": "revoked" } });
        let mut a: jury_invitation::ActiveModel = i.clone().into();
        a.status = Set(InvitationState::Revoked);
        a.update(&txn).await?;
        record_invitation(&txn, actor, &i, "jury.invite_revoke", detail, now).await?;
        txn.commit().await?;
    }
    Ok(())
}

async fn pending_by_token<C: sea_orm::ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<jury_invitation::Model, AppError> {
    jury_invitation::Entity::find()
        .filter(jury_invitation::Column::TokenHash.eq(accounts::link_token_hash(token)?))
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
    Ok(JuryInvitationInfo {
        year: c.year,
        theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
        has_account: accounts::has_account(db, &i.email).await?,
        email: i.email,
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
    let invitee = if accept {
        Some(Invitee::check(db, &i.email, actor, name, password).await?)
    } else {
        None
    };
    let txn = begin_write(db).await?;
    let claimed = jury_invitation::Entity::update_many()
        .col_expr(
            jury_invitation::Column::Status,
            Expr::value(if accept {
                InvitationState::Accepted
            } else {
                InvitationState::Declined
            }),
        )
        .col_expr(jury_invitation::Column::RespondedAt, Expr::value(now))
        .filter(jury_invitation::Column::Id.eq(i.id))
        .filter(jury_invitation::Column::Status.eq(InvitationState::Pending))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(AppError::InvalidToken);
    }
    let Some(invitee) = invitee else {
        txn.commit().await?;
        return Ok(None);
    };
    let (user_id, created) = invitee
        .account(&txn, &i.email, language, Role::Juror, now)
        .await?;
    join(
        &txn,
        i.competition_id,
        user_id,
        false,
        i.country.clone(),
        now,
    )
    .await?;
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
