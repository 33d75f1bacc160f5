//! The worker: claims due mail round by round, the most waited-for first, sends a round several
//! mails at a time over pooled connections while renewing its claims, and records each result.
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::outbox::{attachments_of, claim, record_failure, record_sent, renew};
use super::transport::{Mailer, build};
use crate::backend::entities::mail_outbox;

/// How often an instance renews the claims on the mail it is sending.
const RENEW_EVERY: StdDuration = StdDuration::from_secs(1);
/// How many mails are claimed at a time. Small, so that a receipt queued behind a flood of
/// reminders waits for one round at most.
const ROUND: u64 = 16;
/// How many mails are on their way to the SMTP server at once, over pooled connections.
const IN_FLIGHT: usize = 8;
/// A record of sent mail that takes longer than this after the SMTP server accepted the mail
/// is logged.
const SLOW_RECORD: StdDuration = StdDuration::from_millis(200);

/// Sends one round of claimed mail, `IN_FLIGHT` at a time, renewing the claims while it waits.
/// Mails the SMTP server accepted are recorded while the others are still being sent: all that
/// have been accepted since the last record go in the next one. Returns how many were sent.
async fn send_round(
    db: &DatabaseConnection,
    mailer: &Mailer,
    claimed: &[mail_outbox::Model],
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    use futures_util::StreamExt;
    let files = attachments_of(db, claimed).await?;
    let started = std::time::Instant::now();
    let (accepted, mut outcomes) = tokio::sync::mpsc::unbounded_channel();
    // Owned rows: a closure over borrowed ones makes the worker's future not `Send` for every
    // lifetime (rust-lang/rust#102211), and `tokio::spawn` needs that.
    let rows = claimed.to_vec();
    let send = async move {
        futures_util::stream::iter(rows)
            .for_each_concurrent(IN_FLIGHT, |m| {
                let accepted = accepted.clone();
                // Owned, as the rows are: only a dossier mail has files.
                let attached = files.get(&m.id).cloned().unwrap_or_default();
                async move {
                    let outcome = match build(&mailer.from, &m, &attached) {
                        Ok(message) => mailer.transport.send(message).await,
                        Err(e) => Err(e),
                    };
                    // The lane stays taken until the mail is recorded, as the mail is still
                    // in flight until then (and its SMTP connection is back in the pool).
                    let (done, recorded) = tokio::sync::oneshot::channel();
                    if accepted
                        .send((m, outcome, std::time::Instant::now(), done))
                        .is_ok()
                    {
                        let _ = recorded.await;
                    }
                }
            })
            .await;
        // Every sender is gone here, so the recorder sees the end.
    };
    let record = async {
        let mut sent = 0;
        let mut failed = None;
        let mut batch = Vec::new();
        while outcomes.recv_many(&mut batch, claimed.len().max(1)).await > 0 {
            let mut ids = Vec::new();
            let mut first = None;
            let mut lanes = Vec::new();
            for (m, outcome, at, done) in batch.drain(..) {
                lanes.push(done);
                match outcome {
                    Ok(()) => {
                        ids.push(m.id);
                        first = first.or(Some(at));
                    }
                    Err(e) => {
                        if let Err(e) = record_failure(db, &mailer.instance, &m, e, now).await {
                            failed.get_or_insert(e);
                        }
                    }
                }
            }
            if !ids.is_empty() {
                // Unrecorded, the mails stay claimed until their leases run out, and are then
                // sent again.
                match record_sent(db, &ids, now).await {
                    Ok(()) => sent += ids.len(),
                    Err(e) => {
                        failed.get_or_insert(e);
                    }
                }
            }
            for done in lanes {
                let _ = done.send(());
            }
            // The gap in which a crash sends a mail twice; it should be one commit.
            if let Some(waited) = first.map(|at| at.elapsed()).filter(|w| *w > SLOW_RECORD) {
                tracing::warn!(
                    mails = ids.len(),
                    waited_ms = waited.as_millis() as u64,
                    "mail recorded as sent long after the SMTP server accepted it"
                );
            }
        }
        match failed {
            Some(e) => Err(e),
            None => Ok::<usize, DbErr>(sent),
        }
    };
    let work = async { tokio::join!(send, record).1 };
    tokio::pin!(work);
    let ids: Vec<i32> = claimed.iter().map(|m| m.id).collect();
    let mut renewal =
        tokio::time::interval_at(tokio::time::Instant::now() + RENEW_EVERY, RENEW_EVERY);
    loop {
        tokio::select! {
            sent = &mut work => return sent,
            _ = renewal.tick() => {
                let at = now + Duration::from_std(started.elapsed()).unwrap_or_default();
                if let Err(e) = renew(db, &mailer.instance, &ids, at).await {
                    tracing::warn!(error = %e, "could not renew the claims on mail being sent");
                }
            }
        }
    }
}

/// Claims and sends one round of due mail, at most `ROUND`, the most waited-for first.
/// Returns how many were sent and whether more may be due.
pub async fn send_round_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<(usize, bool), DbErr> {
    let claimed = claim(db, &mailer.instance, now, ROUND).await?;
    if claimed.is_empty() {
        return Ok((0, false));
    }
    let sent = send_round(db, mailer, &claimed, now).await?;
    Ok((sent, claimed.len() as u64 == ROUND))
}

/// Sends every mail that is due at `now`, round by round. Returns how many were sent.
pub async fn send_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let mut sent = 0;
    loop {
        let (n, more) = send_round_due(db, mailer, now).await?;
        sent += n;
        if !more {
            return Ok(sent);
        }
    }
}

/// Runs forever: sends due mail round by round, each round with the time it starts at (so a
/// receipt queued during a flood of reminders is due in the next round, and leases start
/// when their claims are made), and looks again after `every` once nothing more is due.
pub async fn run_worker(
    db: DatabaseConnection,
    mailer: Mailer,
    clock: std::sync::Arc<dyn crate::backend::Clock>,
    every: StdDuration,
) {
    loop {
        match send_round_due(&db, &mailer, clock.now()).await {
            Ok((_, true)) => continue,
            Ok((_, false)) => {}
            Err(e) => tracing::error!(error = %e, "mail worker"),
        }
        tokio::time::sleep(every).await;
    }
}
