//! No database work inside a transaction may touch the pool. A service that opens a transaction
//! and then asks the pool for another connection holds one connection while it waits for a
//! second; under load every connection is held that way and nothing moves until a timeout
//! breaks the knot (seen as a 10 s freeze at the deadline after a restart, when the reminder
//! job ran into the rush).
//!
//! Two guards: the service tests run on a pool of one connection (`common::on_each_backend`),
//! where such a call waits for itself and fails within seconds; and this test reads every
//! service for a use of the pool between `begin_write` and the transaction's end, which also
//! covers paths no test takes.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read backend dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines that name the pool (`db`) while a transaction opened by `begin_write` is open:
/// from `let txn = begin_write(db)` to `txn.commit()`, `drop(txn)` or the end of the function.
fn pool_uses_inside_transactions(source: &str) -> Vec<(usize, String)> {
    let names_pool = |code: &str| {
        code.match_indices("db").any(|(i, _)| {
            let before = code[..i].chars().next_back();
            let after = code[i + 2..].chars().next();
            let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !ident(before) && !ident(after)
        })
    };
    let mut open: Option<String> = None;
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if let Some((binding, _)) = code.split_once("= begin_write(") {
            open = binding
                .trim()
                .strip_prefix("let ")
                .map(|v| v.trim_start_matches("mut ").trim().to_string());
            continue;
        }
        let Some(txn) = &open else { continue };
        if code.contains(&format!("{txn}.commit()"))
            || code.contains(&format!("drop({txn})"))
            || line.starts_with('}')
        {
            open = None;
            continue;
        }
        if names_pool(code) {
            found.push((n + 1, line.trim().to_string()));
        }
    }
    found
}

#[test]
fn no_service_uses_the_pool_inside_a_transaction() {
    let backend = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/backend");
    let mut files = Vec::new();
    rust_files(&backend, &mut files);
    assert!(
        files.len() > 20,
        "the services were not found at {backend:?}"
    );
    let mut found = Vec::new();
    let mut transactions = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).expect("read service");
        transactions += source.matches("= begin_write(").count();
        for (line, code) in pool_uses_inside_transactions(&source) {
            found.push(format!("{}:{line}: {code}", file.display()));
        }
    }
    assert!(transactions > 40, "only {transactions} transactions found");
    assert!(
        found.is_empty(),
        "the pool is used inside a transaction; use the transaction instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_pool_call_inside_a_transaction_and_not_after_it() {
    let bad = "
pub async fn screen(db: &DatabaseConnection) -> Result<(), AppError> {
    let before = members(db, 1).await?;
    let txn = begin_write(db).await?;
    entry.update(&txn).await?;
    for m in members(db, 1).await? {
        mail::enqueue(&txn, m).await?;
    }
    txn.commit().await?;
    changed(db).await;
    Ok(())
}
";
    assert_eq!(
        pool_uses_inside_transactions(bad),
        vec![(6, "for m in members(db, 1).await? {".to_string())]
    );
    let good = bad.replace("members(db, 1).await? {", "members(&txn, 1).await? {");
    assert!(pool_uses_inside_transactions(&good).is_empty());
    // A transaction given up early ends there; one that is never committed ends with its
    // function.
    let dropped = "
async fn f(db: &DatabaseConnection) {
    let mut txn = begin_write(db).await?;
    if stale {
        drop(txn);
        return view(db).await;
    }
}
async fn g(db: &DatabaseConnection) {
    one(db).await;
}
";
    assert!(pool_uses_inside_transactions(dropped).is_empty());
}
