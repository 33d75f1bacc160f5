//! What the reminder jobs share (deadline reminders to applicants, judging reminders to
//! jurors): which reminder is due, and claiming it once. A reminder is claimed by a row under
//! a unique key before its mail is queued, in the same transaction, so it goes out once
//! whatever the number of instances or restarts.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, EntityTrait};

use crate::error::AppError;

/// The most urgent reminder of `schedule` that is due at `now`: `schedule` lists
/// `(kind, days before the deadline)` from the most urgent, and only one is sent, so a job that
/// did not run for a week sends the latest reminder, not all of them.
pub fn due(
    schedule: &[(&'static str, i64)],
    deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<&'static str> {
    schedule
        .iter()
        .find(|(_, days)| now >= deadline - Duration::days(*days))
        .map(|(kind, _)| *kind)
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn only_the_most_urgent_due_reminder_is_sent() {
        let deadline = Utc.with_ymd_and_hms(2027, 8, 20, 21, 59, 0).unwrap();
        let schedule = [("1d", 1), ("7d", 7)];
        let at = |days: i64, hours: i64| deadline - Duration::days(days) - Duration::hours(hours);
        assert_eq!(due(&schedule, deadline, at(7, 1)), None);
        assert_eq!(due(&schedule, deadline, at(7, 0)), Some("7d"));
        assert_eq!(due(&schedule, deadline, at(2, 0)), Some("7d"));
        assert_eq!(due(&schedule, deadline, at(1, 0)), Some("1d"));
        assert_eq!(due(&schedule, deadline, at(0, 0)), Some("1d"));
    }
}
