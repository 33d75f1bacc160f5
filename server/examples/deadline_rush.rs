//! The deadline rush: N applicants each autosave their entry 10 times and then submit it, all
//! within a time window, against a running portal (a release build) over HTTP.
//!
//! It prepares the database directly (a year open now, N verified accounts, each with its own
//! organisation and a started entry), logs every applicant in through `/api/login`, then runs
//! the timed phase and checks the database afterwards: every acknowledged save and submission
//! must be there. Prints p50, p99, errors and lost writes.
//!
//!     cargo run --release -p server --example deadline_rush -- \
//!         --base http://127.0.0.1:3300 --database-url sqlite://… [--applicants 1000] [--window 60]
//!         [--retry]
//!
//! With `--retry` a request that gets no answer (the server is down) or a 5xx is tried again,
//! as a browser's autosave does; a save refused as stale after such a retry reads the entry to
//! see whether the unanswered try was applied. The end state must be the same: every save
//! applied once, every submission once.
//!
//! The deadline minute (`.ci/bench/crash.sh`) adds:
//! - `--concurrency 64`: at most this many requests at a time, over all applicants;
//! - `--deadline`: the year closes at the end of the window, so a submit that comes too late is
//!   refused, and the deadline reminders are due (they go out when the server starts);
//! - `--smtp-port P`: an SMTP sink on P that the server sends to, for the receipt delay from an
//!   acknowledged submit to the sink;
//! - `--restarts FILE`: the kill and restart times the script wrote (`kill_ms up_ms` per line,
//!   Unix milliseconds), so that the longest stretch without an acknowledgement can leave out
//!   the restarts themselves.
//!
//! `.ci/bench/deadline_rush.sh` starts the server and runs this on SQLite and PostgreSQL;
//! `.ci/bench/crash.sh` and `.ci/bench/db_outage.sh` run it with `--retry` while the server is
//! killed or the database restarted.
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

#[allow(dead_code)]
#[path = "../tests/integration/common/smtp.rs"]
mod smtp;

use app::backend::entities::{
    app_user, competition, entry, entry_version, mail_outbox, organisation, organisation_member,
    user_role,
};
use app::backend::entries::applicant;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const PASSWORD: &str = "lingon-cykel-fjäll-7";
const SAVES: usize = 10;

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}

/// The form fields of an autosave, as the browser sends them.
fn save_fields(id: i32, revision: i32, n: usize, who: usize) -> Vec<(String, String)> {
    let mut f = vec![
        ("id".to_string(), id.to_string()),
        ("revision".into(), revision.to_string()),
        ("draft[title]".into(), format!("Projekt {who}")),
        (
            "draft[organisation_display]".into(),
            format!("Kommun {who}"),
        ),
        ("draft[competing]".into(), "true".into()),
        ("draft[start_date]".into(), "2024-01-01".into()),
        ("draft[ongoing]".into(), "true".into()),
        ("draft[contacts][0][name]".into(), format!("Person {who}")),
        (
            "draft[contacts][0][email]".into(),
            format!("p{who}@rush.se"),
        ),
        (
            "draft[public_summary_sv]".into(),
            "En kort sammanfattning.".into(),
        ),
    ];
    for key in app::model::SECTIONS {
        f.push((
            format!("draft[{key}]"),
            format!(
                "Version {n} av avsnittet {key} för sökande {who}. {}",
                "ord ".repeat(40)
            ),
        ));
    }
    for (i, key) in app::model::CHECKLIST.iter().enumerate() {
        f.push((format!("draft[checklist][{i}]"), key.to_string()));
    }
    f
}

struct Outcome {
    latencies_ms: Vec<f64>,
    /// When each acknowledged answer arrived, in Unix milliseconds.
    acknowledged: Vec<f64>,
    errors: Vec<String>,
    /// Tries that got no answer or a 5xx and were made again (with `--retry`), by what they got.
    retries: BTreeMap<String, usize>,
    /// When each applicant's submit was acknowledged, in Unix milliseconds.
    submitted: HashMap<usize, f64>,
    /// Submits refused because the deadline had passed.
    too_late: usize,
}

fn unix_ms(t: SystemTime) -> f64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// What a try that will be made again got: its status, or no answer.
fn retry_kind(res: &Result<reqwest::Response, reqwest::Error>) -> String {
    match res {
        Ok(r) => r.status().as_u16().to_string(),
        Err(_) => "no answer".into(),
    }
}

/// The longest time between two acknowledgements (and from the start to the first), in ms,
/// leaving out the time the server was down: from a kill to its first answer after the restart.
fn longest_silence(start: f64, acks: &[f64], down: &[(f64, f64)]) -> f64 {
    let mut times: Vec<f64> = acks.to_vec();
    times.push(start);
    times.sort_by(|a, b| a.total_cmp(b));
    times
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let overlap: f64 = down
                .iter()
                .map(|(k, u)| (b.min(*u) - a.max(*k)).max(0.0))
                .sum();
            b - a - overlap
        })
        .fold(0.0, f64::max)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((p / 100.0) * (sorted.len() - 1) as f64).round() as usize]
}

/// Whether a try should be made again: no answer at all, or the server (or its database) is
/// not there right now.
fn transient(res: &Result<reqwest::Response, reqwest::Error>) -> bool {
    match res {
        Err(_) => true,
        Ok(r) => r.status().is_server_error(),
    }
}

/// The entry as its page reads it: (revision, the evaluation text), or None if that failed.
async fn read_entry(client: &reqwest::Client, base: &str, id: i32) -> Option<(i32, String)> {
    let r = client
        .get(format!("{base}/api/entry"))
        .query(&[("id", id)])
        .send()
        .await
        .ok()?;
    let v: app::model::EntryView = serde_json::from_str(&r.text().await.ok()?).ok()?;
    Some((v.revision, v.draft.sections.evaluation))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = arg("--base", "http://127.0.0.1:3300");
    let url = arg("--database-url", "sqlite://data/ecpa.db?mode=rwc");
    let n: usize = arg("--applicants", "1000").parse()?;
    let window: u64 = arg("--window", "60").parse()?;
    let retry = std::env::args().any(|a| a == "--retry");
    let with_deadline = std::env::args().any(|a| a == "--deadline");
    let concurrency: usize = arg("--concurrency", "0").parse()?;
    let smtp_port: u16 = arg("--smtp-port", "0").parse()?;
    let restarts = arg("--restarts", "");
    let sink = smtp::SmtpSink::default();
    if smtp_port != 0 {
        sink.start(smtp_port).await;
    }
    let slots = Arc::new(tokio::sync::Semaphore::new(if concurrency == 0 {
        tokio::sync::Semaphore::MAX_PERMITS
    } else {
        concurrency
    }));
    let db = sea_orm::Database::connect(&url).await?;

    // Preparation (not timed).
    let now = Utc::now();
    let year = 2090 + (now.timestamp() % 9) as i32;
    let c = competition::ActiveModel {
        year: Set(year),
        theme_sv: Set("Belastningstest".into()),
        description_sv: Set("Ett år för belastningstestet.".into()),
        opens_at: Set(Some(now - chrono::Duration::days(1))),
        closes_at: Set(Some(now + chrono::Duration::hours(2))),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    let hash = app::backend::accounts::hash_password(PASSWORD)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let mut people = Vec::with_capacity(n);
    for who in 0..n {
        let email = format!("rush{who}.{}@rush.se", c.id);
        let user = app_user::ActiveModel {
            email: Set(email.clone()),
            name: Set(format!("Sökande {who}")),
            password_hash: Set(hash.clone()),
            language: Set("sv".into()),
            active: Set(true),
            email_verified_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&db)
        .await?;
        user_role::ActiveModel {
            user_id: Set(user.id),
            role: Set("applicant".into()),
            ..Default::default()
        }
        .insert(&db)
        .await?;
        let org = organisation::ActiveModel {
            name: Set(format!("Kommun {who}")),
            kind: Set("municipality".into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&db)
        .await?;
        organisation_member::ActiveModel {
            organisation_id: Set(org.id),
            user_id: Set(user.id),
            joined_at: Set(now),
            ..Default::default()
        }
        .insert(&db)
        .await?;
        let actor = app::backend::accounts::actor(&db, user.id)
            .await
            .map_err(|e| format!("{e:?}"))?
            .ok_or("no actor")?;
        let id = applicant::start(&db, &actor, year, org.id, now)
            .await
            .map_err(|e| format!("{e:?}"))?;
        people.push((who, email, id));
    }
    eprintln!("prepared {n} applicants in year {year}; logging in");
    let mut clients = Vec::with_capacity(n);
    for (who, email, id) in &people {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .pool_max_idle_per_host(1)
            .timeout(Duration::from_secs(30))
            .build()?;
        let res = client
            .post(format!("{base}/api/login"))
            .form(&[
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("lang", "sv"),
            ])
            .send()
            .await?;
        if !res.status().is_success() {
            return Err(format!("login of {email} answered {}", res.status()).into());
        }
        clients.push((*who, *id, client));
    }

    // The rush: each applicant starts at an even offset within the first half of the window
    // and spaces its eleven requests over a third of it.
    let deadline = if with_deadline {
        // The year closes at the end of the window: the rush is the last minute.
        let at = Utc::now() + chrono::Duration::seconds(window as i64);
        competition::Entity::update_many()
            .col_expr(
                competition::Column::ClosesAt,
                sea_orm::sea_query::Expr::value(Some(at)),
            )
            .filter(competition::Column::Id.eq(c.id))
            .exec(&db)
            .await?;
        Some(at)
    } else {
        None
    };
    eprintln!("rush: {n} applicants × ({SAVES} saves + submit) within {window} s");
    let started = Instant::now();
    let started_ms = unix_ms(SystemTime::now());
    let outcome = Arc::new(tokio::sync::Mutex::new(Outcome {
        latencies_ms: Vec::with_capacity(n * (SAVES + 1)),
        acknowledged: Vec::with_capacity(n * (SAVES + 1)),
        errors: Vec::new(),
        retries: BTreeMap::new(),
        submitted: HashMap::new(),
        too_late: 0,
    }));
    let mut tasks = Vec::with_capacity(n);
    let spread = Duration::from_millis(window * 1000 / 2);
    let gap = Duration::from_millis(window * 1000 / 3 / (SAVES as u64 + 1));
    for (i, (who, id, client)) in clients.into_iter().enumerate() {
        let base = base.clone();
        let outcome = outcome.clone();
        let slots = slots.clone();
        let offset = spread.mul_f64(i as f64 / n as f64);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(offset).await;
            let mut revision = 1;
            for s in 1..=SAVES {
                let mut tried = false;
                for attempt in 0.. {
                    if attempt == 500 {
                        outcome
                            .lock()
                            .await
                            .errors
                            .push(format!("save {who}/{s}: gave up"));
                        break;
                    }
                    let fields = save_fields(id, revision, s, who);
                    let slot = slots.acquire().await.expect("semaphore");
                    let t = Instant::now();
                    let res = client
                        .post(format!("{base}/api/save_entry"))
                        .form(&fields)
                        .send()
                        .await;
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    drop(slot);
                    if retry && transient(&res) {
                        *outcome
                            .lock()
                            .await
                            .retries
                            .entry(retry_kind(&res))
                            .or_default() += 1;
                        tried = true;
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                    let mut o = outcome.lock().await;
                    o.latencies_ms.push(ms);
                    o.acknowledged.push(unix_ms(SystemTime::now()));
                    match res {
                        Ok(r) if r.status().is_success() => {
                            let body = r.text().await.unwrap_or_default();
                            match serde_json::from_str::<app::model::Saved>(&body) {
                                Ok(saved) => revision = saved.revision,
                                Err(_) => o.errors.push(format!("save {who}/{s}: {body}")),
                            }
                        }
                        // An earlier try got no answer: was it applied?
                        Ok(r) if tried && r.status().as_u16() == 409 => {
                            drop(o);
                            let expected = save_fields(id, 0, s, who)
                                .into_iter()
                                .find(|(k, _)| k == "draft[evaluation]")
                                .map(|(_, v)| v)
                                .unwrap_or_default();
                            match read_entry(&client, &base, id).await {
                                Some((rev, text)) if text == expected => revision = rev,
                                Some((rev, _)) => {
                                    revision = rev;
                                    continue;
                                }
                                None => {
                                    tokio::time::sleep(Duration::from_millis(100)).await;
                                    continue;
                                }
                            }
                            break;
                        }
                        Ok(r) => o.errors.push(format!("save {who}/{s}: {}", r.status())),
                        Err(e) => o.errors.push(format!("save {who}/{s}: {e}")),
                    }
                    break;
                }
                tokio::time::sleep(gap).await;
            }
            loop {
                let slot = slots.acquire().await.expect("semaphore");
                let t = Instant::now();
                let res = client
                    .post(format!("{base}/api/submit_entry"))
                    .form(&[("id", id.to_string()), ("revision", revision.to_string())])
                    .send()
                    .await;
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                drop(slot);
                if retry && transient(&res) {
                    *outcome
                        .lock()
                        .await
                        .retries
                        .entry(retry_kind(&res))
                        .or_default() += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                let now = unix_ms(SystemTime::now());
                let mut o = outcome.lock().await;
                o.latencies_ms.push(ms);
                o.acknowledged.push(now);
                match res {
                    Ok(r) if r.status().is_success() => {
                        o.submitted.insert(who, now);
                    }
                    Ok(r) => {
                        let status = r.status();
                        let body = r.text().await.unwrap_or_default();
                        if status.as_u16() == 409 && body.contains("Closed") {
                            o.too_late += 1;
                        }
                        o.errors.push(format!("submit {who}: {status} {body}"));
                    }
                    Err(e) => o.errors.push(format!("submit {who}: {e}")),
                }
                break;
            }
        }));
    }
    for t in tasks {
        t.await?;
    }
    let elapsed = started.elapsed();
    let o = outcome.lock().await;
    let mut ms = o.latencies_ms.clone();
    ms.sort_by(|a, b| a.total_cmp(b));

    // Every acknowledged write must be in the database, once.
    let mut lost = 0;
    let mut duplicated_versions = 0;
    for (who, _, id) in &people {
        let e = entry::Entity::find_by_id(*id)
            .one(&db)
            .await?
            .ok_or("entry gone")?;
        let expected_text = save_fields(*id, 0, SAVES, *who)
            .into_iter()
            .find(|(k, _)| k == "draft[evaluation]")
            .map(|(_, v)| v)
            .unwrap_or_default();
        let versions = entry_version::Entity::find()
            .filter(entry_version::Column::EntryId.eq(*id))
            .count(&db)
            .await?;
        let submitted = o.submitted.contains_key(who);
        if e.revision != 1 + SAVES as i32
            || e.evaluation != expected_text
            || (submitted
                && (e.status != app::model::EntryStatus::Submitted
                    || e.submitted_revision != Some(e.revision)))
            || (submitted && versions == 0)
        {
            lost += 1;
        }
        if versions > 1 {
            duplicated_versions += 1;
        }
    }
    let receipts = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Template.eq("submission_receipt"))
        .filter(mail_outbox::Column::ToAddress.like(format!("%.{}@rush.se", c.id)))
        .count(&db)
        .await?;
    let submits = o.submitted.len();
    let duplicated_rows = (receipts as usize).saturating_sub(submits);

    let down: Vec<(f64, f64)> = std::fs::read_to_string(&restarts)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut p = l.split_whitespace().map(|v| v.parse::<f64>());
            Some((p.next()?.ok()?, p.next()?.ok()?))
        })
        .collect();

    // Receipts at the SMTP sink: the delay from each acknowledged submit to its receipt. A
    // receipt may reach the sink twice only if the sink accepted it before a kill and the
    // killed instance had not yet recorded it (the guarantee in the README): then a restart
    // lies between the two copies. A restart runs from the kill (the script's clock reads it
    // a moment before the signal lands) to the first answer after it (the new instance may
    // send before that), so the first copy must come before the restart's end and the second
    // after its start. Any other second copy is a defect.
    let mut delays = Vec::new();
    let mut sink_duplicates = 0;
    let mut resent_after_kill = 0;
    let mut accepted_before_kill_ms: f64 = 0.0;
    if smtp_port != 0 {
        let waiting = Instant::now();
        let arrived = |sink: &smtp::SmtpSink| -> HashMap<String, Vec<f64>> {
            let mut by_address: HashMap<String, Vec<f64>> = HashMap::new();
            for r in sink.received() {
                let body = r.data.replace("=\r\n", "").replace("=\n", "");
                if body.contains("Referensnummer:") {
                    for to in r.to {
                        by_address.entry(to).or_default().push(unix_ms(r.at));
                    }
                }
            }
            by_address
        };
        let mut seen = arrived(&sink);
        while seen.len() < submits && waiting.elapsed() < Duration::from_secs(120) {
            tokio::time::sleep(Duration::from_millis(200)).await;
            seen = arrived(&sink);
        }
        for (who, email, _) in &people {
            let Some(acked) = o.submitted.get(who) else {
                continue;
            };
            match seen.get_mut(email) {
                Some(times) => {
                    times.sort_by(|a, b| a.total_cmp(b));
                    for pair in times.windows(2) {
                        match down
                            .iter()
                            .find(|(kill, up)| pair[0] <= *up && *kill <= pair[1])
                        {
                            Some((kill, _)) => {
                                resent_after_kill += 1;
                                accepted_before_kill_ms =
                                    accepted_before_kill_ms.max(kill - pair[0]);
                            }
                            None => sink_duplicates += 1,
                        }
                    }
                    delays.push((times[0] - acked).max(0.0));
                }
                None => delays.push(f64::INFINITY),
            }
        }
        delays.sort_by(|a, b| a.total_cmp(b));
    }
    let silence = longest_silence(started_ms, &o.acknowledged, &down);
    let missed = match deadline {
        Some(at) => {
            let limit = at.timestamp_millis() as f64;
            n - o.submitted.values().filter(|t| **t <= limit).count()
        }
        None => n - submits,
    };
    let retried: usize = o.retries.values().sum();
    let by_kind = o
        .retries
        .iter()
        .map(|(k, v)| format!("{k}×{v}"))
        .collect::<Vec<_>>()
        .join(",");
    println!(
        "requests={} in {:.1} s ({:.0}/s) p50={:.1} ms p99={:.1} ms max={:.1} ms errors={} \
         lost_writes={lost} duplicated={} [versions {duplicated_versions}, receipt rows \
         {duplicated_rows}, at the sink without a kill between {sink_duplicates}] \
         resent_after_kill={resent_after_kill} [accepted at most {accepted_before_kill_ms:.0} ms \
         before the kill] receipts={receipts}/{n} retried={retried} [{by_kind}] \
         longest_silence={:.2} s missed_deadline={missed} too_late={}",
        ms.len(),
        elapsed.as_secs_f64(),
        ms.len() as f64 / elapsed.as_secs_f64(),
        percentile(&ms, 50.0),
        percentile(&ms, 99.0),
        ms.last().copied().unwrap_or(0.0),
        o.errors.len(),
        duplicated_versions + duplicated_rows + sink_duplicates,
        silence / 1000.0,
        o.too_late,
    );
    if smtp_port != 0 {
        println!(
            "receipt delay: p50={:.2} s p99={:.2} s max={:.2} s over {} receipts, {} never arrived",
            percentile(&delays, 50.0) / 1000.0,
            percentile(&delays, 99.0) / 1000.0,
            delays.last().copied().unwrap_or(0.0) / 1000.0,
            delays.len(),
            delays.iter().filter(|d| d.is_infinite()).count(),
        );
    }
    for e in o.errors.iter().take(10) {
        eprintln!("  {e}");
    }
    if !o.errors.is_empty()
        || lost > 0
        || duplicated_versions + duplicated_rows + sink_duplicates > 0
    {
        std::process::exit(1);
    }
    Ok(())
}
