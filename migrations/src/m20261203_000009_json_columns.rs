use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// A sheet's scores and an entry's checklist become JSON columns: `jsonb` on PostgreSQL; on
/// SQLite, which keeps JSON as text, the scores stay as they are and the checklist's
/// comma-separated keys become a JSON array. On both, a new entry's checklist is `[]`. The keys
/// are identifiers from a fixed list, so they need no escaping.
#[derive(DeriveMigrationName)]
pub struct Migration;

const POSTGRES_UP: &[&str] = &[
    "ALTER TABLE score_sheet ALTER COLUMN scores TYPE jsonb \
     USING (CASE WHEN scores = '' THEN '{}' ELSE scores END)::jsonb",
    "ALTER TABLE entry ALTER COLUMN checklist DROP DEFAULT",
    "ALTER TABLE entry ALTER COLUMN checklist TYPE jsonb \
     USING to_jsonb(CASE WHEN checklist = '' THEN ARRAY[]::text[] \
     ELSE string_to_array(checklist, ',') END)",
    "ALTER TABLE entry ALTER COLUMN checklist SET DEFAULT '[]'::jsonb",
];

const POSTGRES_DOWN: &[&str] = &[
    "ALTER TABLE score_sheet ALTER COLUMN scores TYPE text USING scores::text",
    "ALTER TABLE entry ALTER COLUMN checklist DROP DEFAULT",
    "ALTER TABLE entry ALTER COLUMN checklist TYPE text \
     USING replace(replace(trim(both '[]' FROM checklist::text), '\"', ''), ', ', ',')",
    "ALTER TABLE entry ALTER COLUMN checklist SET DEFAULT ''",
];

const SQLITE_UP: &[&str] = &[
    "UPDATE score_sheet SET scores = '{}' WHERE scores = ''",
    // SQLite cannot change a column's default, so the checklist is made again: a row inserted
    // without one must get an empty array, not the empty text of before.
    "ALTER TABLE entry ADD COLUMN checklist_json TEXT NOT NULL DEFAULT '[]'",
    "UPDATE entry SET checklist_json = CASE WHEN checklist = '' THEN '[]' \
     ELSE '[\"' || replace(checklist, ',', '\",\"') || '\"]' END",
    "ALTER TABLE entry DROP COLUMN checklist",
    "ALTER TABLE entry RENAME COLUMN checklist_json TO checklist",
];

const SQLITE_DOWN: &[&str] = &[
    "ALTER TABLE entry ADD COLUMN checklist_text TEXT NOT NULL DEFAULT ''",
    "UPDATE entry SET checklist_text = \
     COALESCE((SELECT group_concat(value, ',') FROM json_each(entry.checklist)), '')",
    "ALTER TABLE entry DROP COLUMN checklist",
    "ALTER TABLE entry RENAME COLUMN checklist_text TO checklist",
];

async fn run(manager: &SchemaManager<'_>, postgres: &[&str], sqlite: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let statements = match db.get_database_backend() {
        DbBackend::Postgres => postgres,
        _ => sqlite,
    };
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on both backends: the statements run on one connection, each seeing
    /// the column the one before made, and a crash leaves the table as it was.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, POSTGRES_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, POSTGRES_DOWN, SQLITE_DOWN).await
    }
}
