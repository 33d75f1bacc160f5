//! Reminders to jurors with sheets left before judging closes: the scheduled ones, on the
//! round's days before (3 and 1 by default), and the organiser's "remind now" for one juror.
//! Every round has them: the home country's, those hosted here and the European final, each
//! once its jury's closing date is set.
//! A year with a shortlist round has its own reminders before the shortlist's date, on the same
//! days, to jurors with answers left there.
use super::*;
use crate::backend::competition::judging_closes;
use crate::backend::entities::score_sheet::SheetState;
use crate::backend::reminders;

/// Reminders on each round's days before judging closes, to jurors with unfinished sheets. Each
/// is claimed in the database first, so it goes out once whatever the number of instances.
pub async fn send_reminders(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let mut sent = 0;
    for c in every_round(db).await? {
        sent += shortlist_reminders(db, &c, now, base_url).await?;
        let Some(closes) = judging_closes(&c) else {
            continue;
        };
        if phase_at(&c, now) != Phase::Judging {
            continue;
        }
        let Some(kind) = reminders::due(&c.jury_reminders.0, closes, now) else {
            continue;
        };
        let outstanding = Outstanding::load(db, &c).await?;
        let words = mail::RoundWords::load(db, c.id).await?;
        let members = jury_member::Entity::find()
            .filter(jury_member::Column::CompetitionId.eq(c.id))
            .all(db)
            .await?;
        for m in members {
            let remaining = outstanding.of(m.user_id);
            if remaining == 0 {
                continue;
            }
            let reminder = Reminder {
                c: &c,
                words: &words,
                closes,
                remaining,
                shortlist: false,
                now,
                base_url,
            };
            if reminder.send_once(db, m.user_id, &kind).await? {
                sent += 1;
            }
        }
    }
    Ok(sent)
}

/// The shortlist round's reminders of a year, while it takes answers: on the year's jury
/// reminder days before the shortlist's date, to active jurors with answers left. Claimed as
/// `shortlist <days>d`, apart from the sheets' reminders.
async fn shortlist_reminders(
    db: &DatabaseConnection,
    c: &competition::Model,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let Some(closes) = c.shortlist_closes_at else {
        return Ok(0);
    };
    let Some(days) = reminders::due(&c.jury_reminders.0, closes, now) else {
        return Ok(0);
    };
    let Some((access, answers)) = jury::answers_due(db, c, now).await? else {
        return Ok(0);
    };
    let words = mail::RoundWords::load(db, c.id).await?;
    let mut sent = 0;
    for juror in access.members() {
        let remaining = jury::answers_left(&access, &answers, juror);
        if remaining == 0 {
            continue;
        }
        let reminder = Reminder {
            c,
            words: &words,
            closes,
            remaining,
            shortlist: true,
            now,
            base_url,
        };
        if reminder
            .send_once(db, juror, &format!("shortlist {days}"))
            .await?
        {
            sent += 1;
        }
    }
    Ok(sent)
}

/// The organiser reminds one juror now, while judging is open and they have sheets left. At
/// most once an hour per juror (the claim's kind is the hour), and audited.
pub async fn remind_now(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    juror_id: i32,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<(), AppError> {
    require_any_organiser(actor)?;
    let c = round(db, r.into()).await?;
    require_organiser(actor, &c)?;
    let member = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(c.id))
        .filter(jury_member::Column::UserId.eq(juror_id))
        .one(db)
        .await?;
    let user = app_user::Entity::find_by_id(juror_id).one(db).await?;
    let (Some(_), Some(u)) = (member, user.filter(|u| u.active)) else {
        return Err(AppError::NotFound);
    };
    if phase_at(&c, now) != Phase::Judging {
        return Err(AppError::Conflict(Conflict::JudgingClosed));
    }
    // The final's closing date is the secretariat's to set; until then there is none to name.
    let Some(closes) = judging_closes(&c) else {
        return Err(AppError::Conflict(Conflict::NoClosingDate));
    };
    let remaining = Outstanding::load(db, &c).await?.of(juror_id);
    if remaining == 0 {
        return Err(AppError::Conflict(Conflict::NothingLeft));
    }
    let txn = begin_write(db).await?;
    let hour = format!("now {}", now.format("%Y-%m-%dT%H"));
    if !claim(&txn, &c, juror_id, &hour, now).await? {
        return Err(AppError::TooManyMails);
    }
    let words = mail::RoundWords::load(&txn, c.id).await?;
    let reminder = Reminder {
        c: &c,
        words: &words,
        closes,
        remaining,
        shortlist: false,
        now,
        base_url,
    };
    reminder.queue(&txn, &u).await?;
    audit::record(
        &txn,
        Some(actor.user_id),
        "jury.remind",
        format!("competition:{} juror:{juror_id}", c.id),
        serde_json::json!({ "remaining": remaining }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// How many sheets each juror of a year has left while judging: the entries they may score
/// (`JuryAccess`), not yet submitted.
pub(crate) struct Outstanding {
    access: JuryAccess,
    submitted: HashSet<(i32, i32)>,
}

impl Outstanding {
    pub(crate) async fn load(
        db: &DatabaseConnection,
        c: &competition::Model,
    ) -> Result<Outstanding, AppError> {
        let access = JuryAccess::load(db, c).await?;
        let ids: Vec<i32> = access.entries().iter().map(|e| e.id).collect();
        let submitted = score_sheet::Entity::find()
            .filter(score_sheet::Column::EntryId.is_in(ids))
            .filter(score_sheet::Column::Status.eq(SheetState::Submitted))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.entry_id, s.juror_id))
            .collect();
        Ok(Outstanding { access, submitted })
    }

    pub(crate) fn of(&self, juror: i32) -> usize {
        self.access
            .entries()
            .iter()
            .filter(|e| {
                self.access.may_score(e.id, juror) && !self.submitted.contains(&(e.id, juror))
            })
            .count()
    }
}

/// Claims the reminder `kind` for a juror of a year; true when this call made the claim.
async fn claim<C: sea_orm::ConnectionTrait>(
    txn: &C,
    c: &competition::Model,
    juror: i32,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let row = jury_reminder_sent::ActiveModel {
        competition_id: Set(c.id),
        user_id: Set(juror),
        kind: Set(kind.into()),
        sent_at: Set(now),
        ..Default::default()
    };
    use jury_reminder_sent::Column as K;
    reminders::claim(txn, row, [K::CompetitionId, K::UserId, K::Kind]).await
}

/// One reminder's mail: the year, when judging (or its shortlist round) closes, and how many
/// sheets (or answers) are left.
struct Reminder<'a> {
    c: &'a competition::Model,
    words: &'a mail::RoundWords,
    closes: DateTime<Utc>,
    remaining: usize,
    /// Of the shortlist round: answers, not sheets.
    shortlist: bool,
    now: DateTime<Utc>,
    base_url: &'a str,
}

impl Reminder<'_> {
    /// Sends the reminder to the juror, if active, unless its `kind` is claimed for them already
    /// (the claim and the mail in one transaction); true when it was sent.
    async fn send_once(
        &self,
        db: &DatabaseConnection,
        juror: i32,
        kind: &str,
    ) -> Result<bool, AppError> {
        let Some(u) = app_user::Entity::find_by_id(juror)
            .one(db)
            .await?
            .filter(|u| u.active)
        else {
            return Ok(false);
        };
        let txn = begin_write(db).await?;
        if !claim(&txn, self.c, u.id, kind, self.now).await? {
            return Ok(false);
        }
        self.queue(&txn, &u).await?;
        txn.commit().await?;
        Ok(true)
    }

    async fn queue<C: sea_orm::ConnectionTrait>(
        &self,
        txn: &C,
        u: &app_user::Model,
    ) -> Result<(), AppError> {
        let lang = Lang::from_code(&u.language);
        let year = self.c.year;
        // The juror's list of this round: the final's and a hosted round's have their own.
        let jury = |rest: &str| {
            let path = crate::backend::competition::round_ref(self.c).jury_path(rest);
            format!("{}{}", self.base_url, lang.href(&path))
        };
        let template = if self.shortlist {
            Template::ShortlistReminder {
                name: u.name.clone(),
                year,
                closes: when(self.closes),
                remaining: self.remaining,
                link: jury("/shortlist"),
            }
        } else {
            Template::JuryReminder {
                name: u.name.clone(),
                year,
                closes: when(self.closes),
                remaining: self.remaining,
                jury: jury_of(self.c),
                link: jury(""),
            }
        };
        mail::enqueue_in_round(
            txn, self.words, &u.email, &u.name, lang, &template, self.now,
        )
        .await?;
        Ok(())
    }
}
