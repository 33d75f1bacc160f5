//! What the reminder jobs share (deadline reminders to applicants, judging reminders to
//! jurors): which reminder is due, and claiming it once. A reminder is claimed by a row under
//! a unique key before its mail is queued, in the same transaction, so it goes out once
//! whatever the number of instances or restarts.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, EntityTrait};

use crate::error::{AppError, Problem};

/// The most urgent reminder of `days` (days before the deadline, in any order) that is due at
/// `now`, as its claim's kind (`"7d"`): only one is sent, so a job that did not run for a week
/// sends the latest reminder, not all of them.
pub fn due(days: &[u32], deadline: DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
    let mut days = days.to_vec();
    days.sort_unstable();
    days.into_iter()
        .find(|d| now >= deadline - Duration::days(i64::from(*d)))
        .map(|d| format!("{d}d"))
}

/// Inserts the claim `row`, unless a row with the same `unique` columns exists. True when this
/// call made the claim, and so must send.
pub async fn claim<A, C>(
    db: &C,
    row: A,
    unique: [<A::Entity as EntityTrait>::Column; 3],
) -> Result<bool, AppError>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    let inserted = <A::Entity as EntityTrait>::insert(row)
        .on_conflict(OnConflict::columns(unique).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(inserted > 0)
}

/// Reminder days as typed: whole days from 1 to 60, at most five, separated by commas or
/// spaces, earliest first once stored; empty for `default`, "0" for no reminders.
pub(crate) fn reminder_days(raw: &str, default: &[u32]) -> Result<Vec<u32>, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(default.to_vec());
    }
    if raw == "0" {
        return Ok(Vec::new());
    }
    let mut days = Vec::new();
    for part in raw
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let day = part
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=60).contains(d))
            .ok_or(Problem::OutOfRange)?;
        if !days.contains(&day) {
            days.push(day);
        }
    }
    if days.len() > 5 {
        return Err(Problem::TooMany);
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn only_the_most_urgent_due_reminder_is_sent() {
        let deadline = Utc.with_ymd_and_hms(2027, 8, 20, 21, 59, 0).unwrap();
        let schedule = [7, 1];
        let at = |days: i64, hours: i64| deadline - Duration::days(days) - Duration::hours(hours);
        let due = |now| due(&schedule, deadline, now);
        assert_eq!(due(at(7, 1)), None);
        assert_eq!(due(at(7, 0)).as_deref(), Some("7d"));
        assert_eq!(due(at(2, 0)).as_deref(), Some("7d"));
        assert_eq!(due(at(1, 0)).as_deref(), Some("1d"));
        assert_eq!(due(at(0, 0)).as_deref(), Some("1d"));
        // A year without reminders has none due.
        assert_eq!(super::due(&[], deadline, at(0, 0)), None);
    }

    #[test]
    fn reminder_days_are_whole_days_up_to_sixty_at_most_five() {
        let default = [7, 1];
        assert_eq!(reminder_days("", &default), Ok(vec![7, 1]));
        assert_eq!(reminder_days(" 0 ", &default), Ok(vec![]));
        assert_eq!(reminder_days("2, 14;2 5", &default), Ok(vec![14, 5, 2]));
        assert_eq!(reminder_days("0, 3", &default), Err(Problem::OutOfRange));
        assert_eq!(reminder_days("61", &default), Err(Problem::OutOfRange));
        assert_eq!(
            reminder_days("en vecka", &default),
            Err(Problem::OutOfRange)
        );
        assert_eq!(
            reminder_days("1 2 3 4 5 6", &default),
            Err(Problem::TooMany)
        );
        use crate::model::reminder_days_text;
        assert_eq!(reminder_days_text(&[1, 7]), "7, 1");
        assert_eq!(reminder_days_text(&[]), "0");
    }
}
