//! Time: stored in UTC, shown and enforced in Europe/Stockholm. Services get the current time
//! from an injected clock so tests can move it.
use std::sync::Mutex;

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Stockholm;

use crate::model::When;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until moved: for tests.
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(Mutex::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A UTC moment as Stockholm wall time.
pub fn when(at: DateTime<Utc>) -> When {
    let local = at.with_timezone(&Stockholm);
    When {
        unix: at.timestamp(),
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
    }
}

/// A Stockholm wall time as UTC. Ambiguous times (the autumn hour that happens twice) take the
/// earlier moment; times that do not exist (the spring gap) move forward an hour.
pub fn stockholm(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> Option<DateTime<Utc>> {
    use chrono::{NaiveDate, TimeZone};
    let naive = NaiveDate::from_ymd_opt(y, m, d)?.and_hms_opt(hh, mm, 0)?;
    match Stockholm.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(a, _) => Some(a.with_timezone(&Utc)),
        chrono::LocalResult::None => Stockholm
            .from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc)),
    }
}

/// A time as a `datetime-local` value in Stockholm time (empty for none).
pub fn local_input(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| {
        t.with_timezone(&Stockholm)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

/// `YYYY-MM-DDTHH:MM` (seconds allowed) in Stockholm time.
pub fn parse_local(s: &str) -> Option<DateTime<Utc>> {
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    if !(2000..=2100).contains(&naive.year()) {
        return None;
    }
    use chrono::Timelike;
    stockholm(
        naive.year(),
        naive.month(),
        naive.day(),
        naive.hour(),
        naive.minute(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stockholm_time_follows_summer_time() {
        // 19 Aug 2022 23:59 CEST is 21:59 UTC.
        let summer = stockholm(2022, 8, 19, 23, 59).unwrap();
        assert_eq!(summer.to_rfc3339(), "2022-08-19T21:59:00+00:00");
        let w = when(summer);
        assert_eq!((w.date.as_str(), w.time.as_str()), ("2022-08-19", "23:59"));
        // 1 Dec 2022 09:00 CET is 08:00 UTC.
        assert_eq!(
            stockholm(2022, 12, 1, 9, 0).unwrap().to_rfc3339(),
            "2022-12-01T08:00:00+00:00"
        );
        // 27 Mar 2022 02:30 does not exist in Stockholm.
        assert_eq!(
            stockholm(2022, 3, 27, 2, 30).unwrap().to_rfc3339(),
            "2022-03-27T01:30:00+00:00"
        );
        assert!(stockholm(2022, 2, 30, 0, 0).is_none());
    }

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let t0 = stockholm(2022, 1, 1, 0, 0).unwrap();
        let clock = FixedClock::new(t0);
        assert_eq!(clock.now(), t0);
        let t1 = t0 + chrono::Duration::days(1);
        clock.set(t1);
        assert_eq!(clock.now(), t1);
    }
}
