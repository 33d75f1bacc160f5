//! The database: the connection pool and its settings per backend, opening (creating an
//! SQLite file's folder, WAL on) and bringing the schema up to date.
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// The connection pool: how many connections, and how long a caller waits for one.
#[derive(Clone, Copy, Debug)]
pub struct Pool {
    /// At most this many connections; `None` takes the driver's default (PostgreSQL).
    pub max: Option<u32>,
    /// How long a caller waits for a free connection before it gets an error.
    pub acquire: std::time::Duration,
    /// How long a statement waits inside SQLite for another connection's write lock (the busy
    /// timeout). SQLite sleeps between its looks, up to 100 ms at a time once it has waited a
    /// while, so under a stream of writers a long waiter keeps losing to newcomers.
    pub sqlite_busy: std::time::Duration,
    /// Whether a commit on PostgreSQL waits until it is on disk (`synchronous_commit`). Off, a
    /// crash of the database server (not of the portal) can undo the last fraction of a second
    /// of commits.
    pub durable_commit: bool,
}

impl Default for Pool {
    fn default() -> Self {
        Pool {
            max: None,
            acquire: std::time::Duration::from_secs(10),
            sqlite_busy: std::time::Duration::from_secs(5),
            durable_commit: true,
        }
    }
}

impl Pool {
    /// One connection. Code that holds it, as an open transaction does, and then asks the pool
    /// for another waits for itself and fails after `acquire`: the service tests run this way,
    /// so that such a call (which under load ties up every connection) fails at once.
    pub fn one(acquire: std::time::Duration) -> Pool {
        Pool {
            max: Some(1),
            acquire,
            ..Pool::default()
        }
    }

    /// The mail worker's own connections, apart from the requests' pool: it never waits for a
    /// connection behind a rush of requests. On SQLite its statements do not wait inside the
    /// driver; the worker looks for the write lock again every millisecond itself
    /// (`mail::retry_busy`), so it writes as soon as the current writer commits. On PostgreSQL
    /// its commits do not wait for the disk, which under a rush is as slow as the requests'
    /// commits: what the worker writes (claims, leases, "sent") only decides whether a mail is
    /// sent again, so the rare loss in a database crash costs a repeated mail, never a lost one.
    /// A mail the SMTP server has accepted is thus recorded as sent at once, which keeps the
    /// window in which a crash of the portal makes it go out twice small.
    pub fn mail_worker() -> Pool {
        Pool {
            max: Some(2),
            sqlite_busy: std::time::Duration::ZERO,
            durable_commit: false,
            ..Pool::default()
        }
    }
}

/// Opens the database, creating the SQLite file and its folder when needed, with WAL journaling
/// and foreign keys on.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, Pool::default()).await
}

/// Opens the database with the given pool.
pub async fn connect_with(url: &str, pool: Pool) -> Result<DatabaseConnection, DbErr> {
    let sqlite = url.starts_with("sqlite:");
    if sqlite {
        if let Some(dir) =
            sqlite_file(url).and_then(|f| std::path::Path::new(f).parent().map(|p| p.to_path_buf()))
        {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| DbErr::Custom(format!("cannot create {dir:?}: {e}")))?;
            }
        }
    }
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false)
        .connect_timeout(std::time::Duration::from_secs(5))
        .acquire_timeout(pool.acquire);
    let busy = pool.sqlite_busy;
    opts.map_sqlx_sqlite_opts(move |o| o.busy_timeout(busy));
    if !pool.durable_commit {
        opts.map_sqlx_postgres_opts(|o| o.options([("synchronous_commit", "off")]));
    }
    match pool.max {
        Some(max) => {
            opts.max_connections(max);
        }
        // One writer at a time is SQLite's rule; a small pool avoids lock contention.
        None if sqlite => {
            opts.max_connections(8);
        }
        None => {}
    }
    let db = Database::connect(opts).await?;
    if sqlite {
        // WAL is a property of the database file, so setting it once is enough. Foreign keys and
        // the busy timeout are per connection; sqlx turns both on for every connection it opens.
        db.execute_unprepared("PRAGMA journal_mode=WAL").await?;
    }
    Ok(db)
}

/// The file path of a `sqlite://path?opts` URL, unless it is in memory.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Connects and brings the schema up to date.
pub async fn open(url: &str) -> Result<DatabaseConnection, DbErr> {
    open_with(url, Pool::default()).await
}

/// Connects with the given pool and brings the schema up to date.
///
/// The migrations run over a connection of their own, closed before the pool opens. On SQLite
/// they run outside a transaction (sea-orm-migration's convention), so over a pool each
/// statement may go to a different connection; an `INSERT … RETURNING` on a connection of that
/// pool then, under load, read back NULL for a column a later `ALTER TABLE … ADD COLUMN …
/// DEFAULT` had added (seen as "Missing value for column 'jury_reminders'"). Every connection of
/// the pool now opens on the finished schema.
pub async fn open_with(url: &str, pool: Pool) -> Result<DatabaseConnection, DbErr> {
    let migrating = connect_with(
        url,
        Pool {
            max: Some(1),
            ..pool
        },
    )
    .await?;
    migrate(&migrating).await?;
    migrating.close().await?;
    connect_with(url, pool).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths_are_read_from_urls() {
        assert_eq!(
            sqlite_file("sqlite://data/ecpa.db?mode=rwc"),
            Some("data/ecpa.db")
        );
        assert_eq!(sqlite_file("sqlite:/tmp/x.db"), Some("/tmp/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://x"), None);
    }
}
