//! `ecpa backup DIR` and `ecpa restore DIR`: the whole dataset — the database and the uploaded
//! files — in a folder, with a manifest that says what is in it.
//!
//! The database is copied with each engine's own consistent snapshot: `VACUUM INTO` for SQLite
//! (safe while the portal runs), `pg_dump --format=custom` for PostgreSQL. Uploads are stored by
//! their SHA-256, so copying them is copying names. The manifest holds a digest of every table's
//! rows; a restore recomputes it and fails unless the restored data is identical.
use std::path::{Path, PathBuf};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, JsonValue, Statement,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct Manifest {
    pub format: u32,
    /// `sqlite` or `postgres`.
    pub backend: String,
    pub created_at: String,
    /// Rows per table.
    pub tables: std::collections::BTreeMap<String, u64>,
    /// SHA-256 over every table's rows in primary-key order.
    pub digest: String,
    pub uploads: usize,
}

const SQLITE_FILE: &str = "database.sqlite";
const PG_FILE: &str = "database.pgdump";

/// The portal's tables (not the migration bookkeeping), by name.
async fn tables(db: &DatabaseConnection) -> Result<Vec<String>, String> {
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        _ => {
            "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        }
    };
    let rows = JsonValue::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .all(db)
        .await
        .map_err(|e| e.to_string())?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.get("t").and_then(|t| t.as_str()).map(String::from))
        .collect())
}

/// Every table's rows, in a fixed order, and the digest over them.
pub async fn snapshot(
    db: &DatabaseConnection,
) -> Result<(std::collections::BTreeMap<String, u64>, String), String> {
    let mut hash = Sha256::new();
    let mut counts = std::collections::BTreeMap::new();
    for t in tables(db).await? {
        let quoted = format!("\"{}\"", t.replace('"', ""));
        let rows = JsonValue::find_by_statement(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT * FROM {quoted} ORDER BY 1"),
        ))
        .all(db)
        .await
        .map_err(|e| format!("{t}: {e}"))?;
        hash.update(t.as_bytes());
        hash.update([0]);
        for r in &rows {
            // serde_json keeps object keys sorted, so the text is canonical.
            hash.update(r.to_string().as_bytes());
            hash.update([b'\n']);
        }
        counts.insert(t, rows.len() as u64);
    }
    Ok((counts, hex::encode(hash.finalize())))
}

fn sqlite_path(url: &str) -> Result<PathBuf, String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or("not a SQLite URL")?;
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return Err("an in-memory database cannot be backed up".into());
    }
    Ok(PathBuf::from(path))
}

fn copy_uploads(from: &Path, to: &Path) -> Result<usize, String> {
    let mut copied = 0;
    if !from.exists() {
        return Ok(0);
    }
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let mut stack = vec![from.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = entry.path();
            let rel = path.strip_prefix(from).map_err(|e| e.to_string())?;
            let target = to.join(rel);
            if path.is_dir() {
                std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
                stack.push(path);
            } else if !target.exists() {
                // Stored by hash: a file of that name already has these bytes.
                let tmp = target.with_extension("part");
                std::fs::copy(&path, &tmp).map_err(|e| format!("{}: {e}", path.display()))?;
                std::fs::rename(&tmp, &target).map_err(|e| e.to_string())?;
                copied += 1;
            }
        }
    }
    Ok(copied)
}

fn run(cmd: &mut std::process::Command) -> Result<(), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{:?} failed: {}",
            cmd.get_program(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Writes the backup into `dir` (created; it must not hold a backup already).
pub async fn backup(
    db: &DatabaseConnection,
    database_url: &str,
    upload_dir: &Path,
    dir: &Path,
) -> Result<Manifest, String> {
    if dir.join("manifest.json").exists() {
        return Err(format!("{} already holds a backup", dir.display()));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let backend = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let file = dir.join(SQLITE_FILE);
            let path = file.display().to_string().replace('\'', "''");
            db.execute_unprepared(&format!("VACUUM INTO '{path}'"))
                .await
                .map_err(|e| format!("snapshot: {e}"))?;
            "sqlite"
        }
        DbBackend::Postgres => {
            run(std::process::Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
                .arg(dir.join(PG_FILE))
                .arg(database_url))?;
            "postgres"
        }
        other => return Err(format!("{other:?} is not supported")),
    };
    // The digest of what was copied: read from the copy itself, so the manifest describes the
    // backup even if the portal wrote on meanwhile.
    let (tables, digest) = match backend {
        "sqlite" => {
            let copy = crate::connect(&format!("sqlite://{}", dir.join(SQLITE_FILE).display()))
                .await
                .map_err(|e| e.to_string())?;
            let s = snapshot(&copy).await?;
            copy.close().await.ok();
            s
        }
        _ => snapshot(db).await?,
    };
    let uploads = copy_uploads(upload_dir, &dir.join("uploads"))?;
    let manifest = Manifest {
        format: 1,
        backend: backend.into(),
        created_at: chrono::Utc::now().to_rfc3339(),
        tables,
        digest,
        uploads,
    };
    std::fs::write(
        dir.join("manifest.json"),
        serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    Ok(manifest)
}

/// Replaces the database at `database_url` and adds the uploads with the backup in `dir`, then
/// checks that the restored rows are identical to the backup's. Stop the portal first.
pub async fn restore(
    database_url: &str,
    upload_dir: &Path,
    dir: &Path,
) -> Result<Manifest, String> {
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(dir.join("manifest.json"))
            .map_err(|e| format!("{}: no manifest.json: {e}", dir.display()))?,
    )
    .map_err(|e| format!("manifest.json: {e}"))?;
    let sqlite = database_url.starts_with("sqlite:");
    match (manifest.backend.as_str(), sqlite) {
        ("sqlite", true) => {
            let target = sqlite_path(database_url)?;
            if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            let tmp = target.with_extension("restoring");
            std::fs::copy(dir.join(SQLITE_FILE), &tmp).map_err(|e| e.to_string())?;
            for suffix in ["-wal", "-shm"] {
                let side = PathBuf::from(format!("{}{suffix}", target.display()));
                if side.exists() {
                    std::fs::remove_file(&side).map_err(|e| e.to_string())?;
                }
            }
            std::fs::rename(&tmp, &target).map_err(|e| e.to_string())?;
        }
        ("postgres", false) => {
            run(std::process::Command::new("pg_restore")
                .args([
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--dbname",
                ])
                .arg(database_url)
                .arg(dir.join(PG_FILE)))?;
        }
        (b, sqlite) => {
            // The kind, not the address: a PostgreSQL address can hold a password.
            let into = if sqlite { "SQLite" } else { "PostgreSQL" };
            return Err(format!(
                "the backup is of a {b} database and cannot be restored into a {into} database"
            ));
        }
    }
    copy_uploads(&dir.join("uploads"), upload_dir)?;
    let db = crate::connect(database_url)
        .await
        .map_err(|e| e.to_string())?;
    let (tables, digest) = snapshot(&db).await?;
    db.close().await.ok();
    if digest != manifest.digest || tables != manifest.tables {
        return Err("the restored data differs from the backup".into());
    }
    Ok(manifest)
}
