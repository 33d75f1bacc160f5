//! The background jobs of `ecpa serve`: the scheduler on a paused clock, and every real job run
//! once on each backend.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::common::{at, on_each_backend};
use app::backend::FixedClock;
use app::error::AppError;
use server::jobs::{Ctx, Job};

#[tokio::test(start_paused = true)]
async fn a_job_runs_at_once_then_every_period_and_a_failure_does_not_stop_it() {
    let runs = Arc::new(AtomicU32::new(0));
    let counted = runs.clone();
    let job = Job::new("test", Duration::from_secs(60), move |_| {
        let runs = counted.clone();
        async move {
            // The first run fails, as a job does when the database is briefly away.
            match runs.fetch_add(1, Ordering::SeqCst) {
                0 => Err(AppError::Unavailable),
                _ => Ok(1),
            }
        }
    });
    let ctx = Ctx {
        db: Default::default(),
        clock: Arc::new(FixedClock::new(at(2027, 8, 20, 12, 0))),
        base_url: "http://x".into(),
        retention: Default::default(),
    };
    let task = tokio::spawn(job.run_forever(ctx));
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(runs.load(Ordering::SeqCst), 1, "at once");
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert_eq!(runs.load(Ordering::SeqCst), 2, "again after the failure");
    tokio::time::sleep(Duration::from_secs(120)).await;
    assert_eq!(runs.load(Ordering::SeqCst), 4, "every 60 s");
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_job_of_a_serving_instance_runs_on_each_backend() {
    on_each_backend(|db, name| async move {
        let ctx = Ctx {
            db,
            clock: Arc::new(FixedClock::new(at(2027, 8, 20, 12, 0))),
            base_url: "http://x".into(),
            retention: Default::default(),
        };
        let jobs = server::jobs::all();
        let mut names: Vec<&str> = jobs.iter().map(|j| j.name).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "deadline reminders",
                "expired sessions",
                "group messages",
                "judging reminders",
                "publication mails",
                "retention"
            ],
            "{name}"
        );
        for job in jobs {
            // An empty portal: each job reaches its service and finds nothing to do.
            assert_eq!(job.run_once(&ctx).await.unwrap(), 0, "{name}: {}", job.name);
        }
    })
    .await;
}
