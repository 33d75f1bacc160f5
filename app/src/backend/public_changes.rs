//! The public-changes room: what the public sees, for the public-page cache. Which answers are
//! the same for every anonymous visitor (the pages and routes mark themselves with
//! [`SHARED_COPY`]), and the generation of what the public sees. A cached public page is
//! valid only for the generation it was rendered at; every service that changes public content
//! calls [`changed`] after its commit, and the page cache (`server::cache`) compares.
//!
//! The generation is a process-wide counter rather than a field of `AppState`: services take a
//! connection, not the state, and a counter per state would have to be threaded through every
//! one of them. Several states in one process (the tests) share it, which can only make a cached
//! page go stale early, never serve one late.
use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::{ConnectionTrait, DatabaseConnection};

static GENERATION: AtomicU64 = AtomicU64::new(0);

/// The response header by which a page or route says that its anonymous view is the same for
/// every visitor, so that the public-page cache (`server::cache`) may keep one copy of it. The
/// cache takes it off before the answer leaves.
pub const SHARED_COPY: &str = "x-ecpa-shared-copy";

/// The PostgreSQL channel on which instances announce public changes to each other.
pub const CHANNEL: &str = "ecpa_public";

pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

/// Marks every cached public page of this process as stale.
pub fn bump() {
    GENERATION.fetch_add(1, Ordering::AcqRel);
}

/// Called by every service that changes what the public sees, after its commit: this process's
/// cached pages go stale at once, and on PostgreSQL the other instances are told (`NOTIFY`),
/// so that theirs do within the time a notification takes.
pub async fn changed(db: &DatabaseConnection) {
    bump();
    if db.get_database_backend() == sea_orm::DbBackend::Postgres
        && let Err(e) = db.execute_unprepared(&format!("NOTIFY {CHANNEL}")).await
    {
        tracing::warn!(error = %e, "could not announce a public change");
    }
}
