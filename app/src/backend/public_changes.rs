//! The public-changes room: what the public sees, for the public-page cache. Which answers are
//! the same for every anonymous visitor (the pages and routes mark themselves with
//! [`SHARED_COPY`]), and the generation of what the public sees. A cached public page is
//! valid only for the generation it was rendered at; every service that changes public content
//! calls [`PublicChanges::changed`] after its commit, and the page cache (`server::cache`) compares.
//!
//! The generation belongs to the state (`AppState::public`): the services that change public
//! content take it beside their connection, so that each portal in a process (the tests run
//! many) has its own, and a change in one never makes another's pages stale.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::{ConnectionTrait, DatabaseConnection};

/// The response header by which a page or route says that its anonymous view is the same for
/// every visitor, so that the public-page cache (`server::cache`) may keep one copy of it. The
/// cache takes it off before the answer leaves.
pub const SHARED_COPY: &str = "x-ecpa-shared-copy";

/// The PostgreSQL channel on which instances announce public changes to each other.
pub const CHANNEL: &str = "ecpa_public";

/// The generation of what the public sees, shared by the clones of one state.
#[derive(Clone, Debug, Default)]
pub struct PublicChanges(Arc<AtomicU64>);

impl PublicChanges {
    pub fn generation(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Marks every cached public page of this portal as stale.
    pub fn bump(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }

    /// Called by every service that changes what the public sees, after its commit: this
    /// portal's cached pages go stale at once, and on PostgreSQL the other instances are told
    /// (`NOTIFY`), so that theirs do within the time a notification takes.
    pub async fn changed(&self, db: &DatabaseConnection) {
        self.bump();
        if db.get_database_backend() == sea_orm::DbBackend::Postgres
            && let Err(e) = db.execute_unprepared(&format!("NOTIFY {CHANNEL}")).await
        {
            tracing::warn!(error = %e, "could not announce a public change");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_has_its_own_generation_shared_by_its_clones() {
        let one = PublicChanges::default();
        let clone = one.clone();
        let other = PublicChanges::default();
        one.bump();
        assert_eq!(clone.generation(), 1);
        assert_eq!(other.generation(), 0);
    }
}
