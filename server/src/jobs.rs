//! The background jobs of `ecpa serve`, each a name, a period and one service call, run by one
//! small scheduler. Each job's work is claimed in the database, so it runs once whatever the
//! number of instances. The mail worker is not one of them: it sends as soon as mail is due and
//! keeps its own loop (`app::backend::mail::run_worker`).
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use app::backend::Clock;
use app::error::AppError;
use sea_orm::DatabaseConnection;

/// What every job gets at each run.
#[derive(Clone)]
pub struct Ctx {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    /// The public address, for links in mails.
    pub base_url: String,
    /// The retention rules the daily job applies.
    pub retention: app::model::RetentionRules,
}

type Outcome = Pin<Box<dyn Future<Output = Result<u64, AppError>> + Send>>;

/// A job: what it is called in the log, how often it runs, what it does. `run` returns how
/// many things it did (mails queued, sessions deleted); nothing is logged for 0.
pub struct Job {
    pub name: &'static str,
    pub every: Duration,
    run: Box<dyn Fn(Ctx) -> Outcome + Send + Sync>,
}

impl Job {
    pub fn new<F, Fut>(name: &'static str, every: Duration, run: F) -> Job
    where
        F: Fn(Ctx) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<u64, AppError>> + Send + 'static,
    {
        Job {
            name,
            every,
            run: Box::new(move |ctx| Box::pin(run(ctx))),
        }
    }

    /// Runs the job once; a failure is logged. Returns how many things it did.
    pub async fn run_once(&self, ctx: &Ctx) -> Result<u64, AppError> {
        let outcome = (self.run)(ctx.clone()).await;
        match &outcome {
            Ok(0) => {}
            Ok(n) => tracing::info!(done = n, "{} done", self.name),
            Err(e) => tracing::warn!(error = %e, "{} failed", self.name),
        }
        outcome
    }

    /// Runs the job now and then every `every`, for as long as the process lives. A failed run
    /// is tried again at the next time.
    pub async fn run_forever(self, ctx: Ctx) {
        loop {
            let _ = self.run_once(&ctx).await;
            tokio::time::sleep(self.every).await;
        }
    }
}

/// A job that queues mail: `service(db, now, base_url)`, which says how many it queued.
macro_rules! mailing {
    ($name:literal, $every:expr, $service:path) => {
        Job::new($name, $every, |c: Ctx| async move {
            let queued = $service(&c.db, c.clock.now(), &c.base_url).await?;
            Ok(queued as u64)
        })
    };
}

/// The jobs of a serving instance.
pub fn all() -> Vec<Job> {
    use app::backend::{
        entries::deadline_reminders, jury_setup, messages, publication, retention, sessions,
    };
    let minutes = |m: u64| Duration::from_secs(60 * m);
    vec![
        // Organisations with unsubmitted drafts, before the deadline.
        mailing!(
            "deadline reminders",
            minutes(10),
            deadline_reminders::send_reminders
        ),
        // Jurors with unfinished sheets, before judging closes.
        mailing!("judging reminders", minutes(10), jury_setup::send_reminders),
        // Outcome mails of results that have become public, subscriber mails of news.
        mailing!(
            "publication mails",
            Duration::from_secs(30),
            publication::notify_due
        ),
        // The organiser's messages to groups whose time has come.
        mailing!(
            "group messages",
            Duration::from_secs(30),
            messages::send_due
        ),
        Job::new("expired sessions", minutes(60), |c| async move {
            let store = sessions::DbSessionStore::new(c.db);
            Ok(store.delete_expired(c.clock.now()).await?)
        }),
        // Drafts, mail texts, limits and links past their time (the privacy page says when).
        Job::new("retention", minutes(24 * 60), |c| async move {
            let removed = retention::apply(&c.db, &c.retention, c.clock.now()).await?;
            Ok(removed.total())
        }),
    ]
}

/// Starts every job on its own task.
pub fn spawn_all(ctx: Ctx) {
    for job in all() {
        tokio::spawn(job.run_forever(ctx.clone()));
    }
}
