//! The dashboard room: one page per year for the organiser, read from the other rooms. How the
//! entries came in week by week (started, submitted, screened), how far each juror is (the
//! jury's access rule decides which sheets they owe), and the dates still ahead with the
//! reminders the portal will send before them, to as many people as it would today. It sits
//! above the entries and the jury, and changes nothing.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::accounts::Actor;
use super::admin::require_admin;
use super::clock::when;
use super::competition::{by_year, judging_closes, phase_at};
use super::entities::score_sheet::SheetState;
use super::entities::{app_user, competition, entry, entry_version, jury_member, score_sheet};
use super::jury::{self, JuryAccess};
use crate::error::AppError;
use crate::model::{
    DueLine, EntryStatus, JurorLine, Milestone, ReminderLine, Text, WeekCount, YearDashboard,
};

/// At most this many weeks are shown, the latest.
const WEEKS: usize = 26;

/// The year's dashboard, for the organiser.
pub async fn year(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    now: DateTime<Utc>,
) -> Result<YearDashboard, AppError> {
    require_admin(actor)?;
    let c = by_year(db, year).await?;
    let entries = entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(c.id))
        .all(db)
        .await?;
    let access = JuryAccess::load(db, &c).await?;
    let people: HashMap<i32, app_user::Model> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(access.members()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let active = |id: &i32| people.get(id).is_some_and(|u| u.active);
    let lines = juror_lines(db, &c, &access, &people).await?;
    // Reminders go to active jurors only, so only they are counted.
    let owing = lines
        .iter()
        .filter(|(id, j)| active(id) && j.to_score > j.submitted)
        .count() as u32;
    let answering = jury::answering(db, &access)
        .await?
        .into_iter()
        .filter(|id| active(id))
        .count() as u32;
    let drafts: HashSet<i32> = entries
        .iter()
        .filter(|e| e.status == EntryStatus::Draft)
        .map(|e| e.organisation_id)
        .collect();
    Ok(YearDashboard {
        year: c.year,
        theme: Text::new(&c.theme_sv, c.theme_en.as_ref()),
        phase: phase_at(&c, now),
        weeks: weeks(db, &c, &entries, now).await?,
        jurors: lines.into_iter().map(|(_, line)| line).collect(),
        due: due(
            &c,
            now,
            Recipients {
                drafts: drafts.len() as u32,
                owing,
                answering,
            },
        ),
    })
}

/// The entries at the end of each week, counted up to it.
async fn weeks(
    db: &DatabaseConnection,
    c: &competition::Model,
    entries: &[entry::Model],
    now: DateTime<Utc>,
) -> Result<Vec<WeekCount>, AppError> {
    let day = |t: DateTime<Utc>| NaiveDate::parse_from_str(&when(t).date, "%Y-%m-%d").ok();
    let ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let mut first_sent: HashMap<i32, NaiveDate> = HashMap::new();
    for v in entry_version::Entity::find()
        .filter(entry_version::Column::EntryId.is_in(ids))
        .all(db)
        .await?
    {
        if let Some(d) = day(v.submitted_at) {
            let first = first_sent.entry(v.entry_id).or_insert(d);
            *first = (*first).min(d);
        }
    }
    let started: Vec<NaiveDate> = entries.iter().filter_map(|e| day(e.created_at)).collect();
    let screened: Vec<NaiveDate> = entries
        .iter()
        .filter_map(|e| e.screened_at.and_then(day))
        .collect();
    let (Some(today), Some(first)) = (
        day(now),
        c.opens_at
            .and_then(day)
            .into_iter()
            .chain(started.iter().copied())
            .min(),
    ) else {
        return Ok(Vec::new());
    };
    if first > today {
        return Ok(Vec::new());
    }
    let up_to = |dates: &mut dyn Iterator<Item = &NaiveDate>, end: NaiveDate| {
        dates.filter(|d| **d <= end).count() as u32
    };
    let mut ends = Vec::new();
    let mut sunday = first + Duration::days(6 - i64::from(first.weekday().num_days_from_monday()));
    while sunday < today {
        ends.push(sunday);
        sunday += Duration::days(7);
    }
    ends.push(today);
    let skip = ends.len().saturating_sub(WEEKS);
    Ok(ends
        .into_iter()
        .skip(skip)
        .map(|end| WeekCount {
            ends: end.format("%Y-%m-%d").to_string(),
            started: up_to(&mut started.iter(), end),
            submitted: up_to(&mut first_sent.values(), end),
            screened: up_to(&mut screened.iter(), end),
        })
        .collect())
}

/// Each juror's sheets, by their id: the entries they may score, submitted and draft sheets
/// among them, and the entries they stand aside from. Chair first, then by name. `people` are
/// the jury's members' accounts, by id.
async fn juror_lines(
    db: &DatabaseConnection,
    c: &competition::Model,
    access: &JuryAccess,
    people: &HashMap<i32, app_user::Model>,
) -> Result<Vec<(i32, JurorLine)>, AppError> {
    let members = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(c.id))
        .all(db)
        .await?;
    let ids: Vec<i32> = access.entries().iter().map(|e| e.id).collect();
    let sheets: HashMap<(i32, i32), SheetState> = score_sheet::Entity::find()
        .filter(score_sheet::Column::EntryId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| ((s.entry_id, s.juror_id), s.status))
        .collect();
    let mut lines: Vec<(i32, JurorLine)> = members
        .iter()
        .map(|m| {
            let juror = m.user_id;
            let mine: Vec<i32> = access
                .entries()
                .iter()
                .filter(|e| access.may_score(e.id, juror))
                .map(|e| e.id)
                .collect();
            let state = |s: SheetState| {
                mine.iter()
                    .filter(|e| sheets.get(&(**e, juror)) == Some(&s))
                    .count() as u32
            };
            let line = JurorLine {
                name: people
                    .get(&juror)
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                chair: m.chair,
                to_score: mine.len() as u32,
                submitted: state(SheetState::Submitted),
                drafts: state(SheetState::Draft),
                recused: access
                    .entries()
                    .iter()
                    .filter(|e| access.assigned(e.id, juror) && access.conflicted(e.id, juror))
                    .count() as u32,
            };
            (juror, line)
        })
        .collect();
    lines.sort_by(|(_, a), (_, b)| b.chair.cmp(&a.chair).then_with(|| a.name.cmp(&b.name)));
    Ok(lines)
}

/// How many each kind of reminder would go to today.
struct Recipients {
    /// Organisations with drafts, before the deadline.
    drafts: u32,
    /// Active jurors with sheets left, before judging closes.
    owing: u32,
    /// Active jurors with shortlist answers left, before the shortlist's date.
    answering: u32,
}

/// The year's dates after `now`, each with the reminders still to go before it: to the
/// organisations with drafts before the deadline, to the jurors with answers left before the
/// shortlist's date, and to those with sheets left before judging closes (at the deliberation,
/// or the decision where there is none).
fn due(c: &competition::Model, now: DateTime<Utc>, to: Recipients) -> Vec<DueLine> {
    let closes = judging_closes(c);
    let reminders = |days: &[u32], at: DateTime<Utc>, recipients: u32| {
        let mut out: Vec<ReminderLine> = days
            .iter()
            .map(|d| (d, at - Duration::days(i64::from(*d))))
            .filter(|(_, t)| *t > now)
            .map(|(d, t)| ReminderLine {
                at: when(t),
                days: *d,
                recipients,
            })
            .collect();
        out.sort_by_key(|r| r.at.unix);
        out
    };
    let mut lines: Vec<DueLine> = [
        (Milestone::Opens, c.opens_at),
        (Milestone::Deadline, c.closes_at),
        (Milestone::JudgingStarts, c.judging_at),
        (Milestone::ShortlistCloses, c.shortlist_closes_at),
        (Milestone::JudgingCloses, c.deliberation_at),
        (Milestone::Decision, c.decided_at),
        (Milestone::Publication, c.published_at),
    ]
    .into_iter()
    .filter_map(|(what, at)| at.filter(|t| *t > now).map(|t| (what, t)))
    .map(|(what, at)| DueLine {
        what,
        at: when(at),
        reminders: match what {
            Milestone::Deadline => reminders(&c.deadline_reminders.0, at, to.drafts),
            Milestone::ShortlistCloses => reminders(&c.jury_reminders.0, at, to.answering),
            Milestone::JudgingCloses | Milestone::Decision if Some(at) == closes => {
                reminders(&c.jury_reminders.0, at, to.owing)
            }
            _ => Vec::new(),
        },
    })
    .collect();
    lines.sort_by_key(|l| l.at.unix);
    lines
}
