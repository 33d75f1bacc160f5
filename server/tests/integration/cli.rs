//! The `ecpa` binary itself: its subcommands, the default database, and `serve`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{KillOnDrop, free_port};
use sea_orm::{ConnectionTrait, Database, Statement};

fn ecpa(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ecpa"));
    cmd.current_dir(dir)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn");
    cmd
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run ecpa");
    assert!(
        out.status.success(),
        "ecpa failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn pragma(url: &str, name: &str) -> String {
    let db = Database::connect(url).await.unwrap();
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("PRAGMA {name}"),
        ))
        .await
        .unwrap()
        .unwrap();
    let value: String = row.try_get_by_index(0).unwrap_or_else(|_| {
        row.try_get_by_index::<i64>(0)
            .map(|v| v.to_string())
            .unwrap()
    });
    db.close().await.ok();
    value
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_creates_the_default_sqlite_file_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(ecpa(dir.path()).arg("migrate")).contains("up to date"));
    let file = dir.path().join("data/ecpa.db");
    assert!(file.exists(), "data/ecpa.db is created on first start");
    let url = format!("sqlite://{}", file.display());
    assert_eq!(pragma(&url, "journal_mode").await, "wal");
    // Running it again is harmless.
    run(ecpa(dir.path()).arg("migrate"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_demo_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/demo.db?mode=rwc", dir.path().display());
    assert!(
        run(ecpa(dir.path()).arg("seed-demo").env("DATABASE_URL", &url))
            .contains("demo data loaded")
    );
    assert!(
        run(ecpa(dir.path()).arg("seed-demo").env("DATABASE_URL", &url))
            .contains("already present")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_database_url_is_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out = ecpa(dir.path())
        .arg("migrate")
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot open the database"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

async fn serve(dir: &Path, args: &[&str]) -> (KillOnDrop, String) {
    let port = free_port();
    let url = format!("sqlite://{}/serve.db?mode=rwc", dir.display());
    let child = ecpa(dir)
        .arg("serve")
        .args(args)
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let served = KillOnDrop(child);
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(res) = reqwest::get(format!("{base}/")).await {
            if res.status().is_success() {
                return (served, res.text().await.unwrap().replace("<!>", ""));
            }
        }
        assert!(
            Instant::now() < deadline,
            "ecpa serve did not answer within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_seeds_an_empty_database_unless_told_not_to() {
    let dir = tempfile::tempdir().unwrap();
    let (server, home) = serve(dir.path(), &["--no-demo"]).await;
    assert!(
        home.contains("Ingen tävling är utlyst ännu."),
        "an empty portal says so"
    );
    drop(server);
    let (_server, home) = serve(dir.path(), &[]).await;
    assert!(
        home.contains("Riskreducerande insatser (RRI)"),
        "the demo round is served"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_bootstraps_the_first_admin() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/admin.db?mode=rwc", dir.path().display());
    let out = ecpa(dir.path())
        .args([
            "create-admin",
            "--email",
            "Admin@Bra.se",
            "--name",
            "Brå Admin",
        ])
        .env("DATABASE_URL", &url)
        .env("ECPA_ADMIN_PASSWORD", "kort")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a weak password is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 12 characters"));
    let ok = run(ecpa(dir.path())
        .args([
            "create-admin",
            "--email",
            "Admin@Bra.se",
            "--name",
            "Brå Admin",
        ])
        .env("DATABASE_URL", &url)
        .env("ECPA_ADMIN_PASSWORD", "lingon-cykel-fjäll-7"));
    assert!(ok.contains("admin@bra.se is an admin"));
    // Running it again keeps one account with the role.
    run(ecpa(dir.path())
        .args(["create-admin", "--email", "admin@bra.se"])
        .env("DATABASE_URL", &url));
    let db = ecpa_db(&url).await;
    let actor = app::backend::accounts::authenticate(
        &db,
        "admin@bra.se",
        "lingon-cykel-fjäll-7",
        "127.0.0.1",
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(actor.roles, vec![app::model::Role::Admin]);
    assert!(actor.verified);
}

async fn ecpa_db(url: &str) -> sea_orm::DatabaseConnection {
    server::open(url).await.unwrap()
}

/// `ecpa backup` then `ecpa restore` on `url`: the data changed in between is back as it was,
/// row for row, with the uploads; a second backup into the same folder is refused.
async fn round_trip(dir: &Path, url: &str) {
    let uploads = dir.join("uploads");
    let blob = uploads.join("ab").join("ab12");
    std::fs::create_dir_all(blob.parent().unwrap()).unwrap();
    std::fs::write(&blob, b"%PDF-1.4 bilaga").unwrap();
    let env = |cmd: &mut Command| {
        cmd.env("DATABASE_URL", url)
            .env("ECPA_UPLOAD_DIR", &uploads);
    };
    let mut seed = ecpa(dir);
    env(seed.arg("seed-demo"));
    run(&mut seed);
    let db = server::open(url).await.unwrap();
    let before = server::backup::snapshot(&db).await.unwrap();
    assert!(
        before.0.values().sum::<u64>() > 20,
        "the demo data is there"
    );

    let target = dir.join("backup");
    let mut backup = ecpa(dir);
    env(backup.arg("backup").arg(&target));
    let out = run(&mut backup);
    assert!(
        out.contains("backed up") && out.contains("1 uploaded files"),
        "{out}"
    );

    // Afterwards: a row changed, a row added, a file lost.
    db.execute_unprepared("UPDATE news_item SET title_sv = 'Ändrad' WHERE id = 1")
        .await
        .unwrap();
    db.execute_unprepared("DELETE FROM event_speaker")
        .await
        .unwrap();
    std::fs::remove_file(&blob).unwrap();
    assert_ne!(server::backup::snapshot(&db).await.unwrap(), before);
    db.close().await.unwrap();

    let mut restore = ecpa(dir);
    env(restore.arg("restore").arg(&target));
    let out = run(&mut restore);
    assert!(out.contains("identical to the backup"), "{out}");
    let db = server::open(url).await.unwrap();
    assert_eq!(
        server::backup::snapshot(&db).await.unwrap(),
        before,
        "every table is as it was"
    );
    db.close().await.unwrap();
    assert_eq!(std::fs::read(&blob).unwrap(), b"%PDF-1.4 bilaga");

    let mut again = ecpa(dir);
    env(again.arg("backup").arg(&target));
    let out = again.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds a backup"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_and_restore_give_back_an_identical_dataset() {
    let dir = tempfile::tempdir().unwrap();
    round_trip(
        dir.path(),
        &format!("sqlite://{}/data.db?mode=rwc", dir.path().display()),
    )
    .await;
    if let Some(admin_url) = crate::common::postgres_url() {
        let backend = crate::common::postgres(&admin_url).await;
        backend.db.clone().close().await.ok();
        let dir = tempfile::tempdir().unwrap();
        round_trip(dir.path(), &backend.url).await;
        backend.finish().await;
    }
}

/// Runs `ecpa audit verify` on `url`: its exit code and what it printed.
fn verify(dir: &Path, url: &str) -> (Option<i32>, String) {
    let out = ecpa(dir)
        .args(["audit", "verify"])
        .env("DATABASE_URL", url)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_names_the_first_line_changed_behind_the_portals_back() {
    use app::backend::entities::audit_log;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/audit.db?mode=rwc", dir.path().display());
    run(ecpa(dir.path()).arg("migrate").env("DATABASE_URL", &url));
    assert_eq!(
        verify(dir.path(), &url),
        (Some(0), "audit log intact: 0 lines\n".into())
    );

    // Lines written before the log was a chain (as an upgraded database has them) are sealed,
    // in order, by the next start; `verify` itself never seals anything.
    let db = Database::connect(&url).await.unwrap();
    for (i, action) in ["decision.record", "results.publish", "news.save"]
        .iter()
        .enumerate()
    {
        audit_log::ActiveModel {
            at: Set(crate::common::at(2026, 11, 1 + i as u32, 9, 0)),
            actor_id: Set(Some(1)),
            action: Set(action.to_string()),
            subject: Set("competition:2026".into()),
            detail: Set(r#"{"entry":7}"#.into()),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
    }
    let (code, text) = verify(dir.path(), &url);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("broken at line 1: it has no hash"), "{text}");
    run(ecpa(dir.path()).arg("migrate").env("DATABASE_URL", &url));
    assert_eq!(
        verify(dir.path(), &url),
        (Some(0), "audit log intact: 3 lines\n".into())
    );

    // An edit to the second line's detail is found at that line, and a later start does not
    // seal over it.
    db.execute_unprepared(r#"UPDATE audit_log SET detail = '{"entry":8}' WHERE id = 2"#)
        .await
        .unwrap();
    run(ecpa(dir.path()).arg("migrate").env("DATABASE_URL", &url));
    let (code, text) = verify(dir.path(), &url);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("audit log broken at line 2: its contents do not match its hash"),
        "{text}"
    );
    assert!(!text.contains("panicked"), "{text}");
    db.close().await.ok();
}
