use sea_orm::entity::prelude::*;

/// Text an applicant typed that a save refused, kept for them alone: the latest per entry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unsaved_text")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entry_id: i32,
    pub user_id: i32,
    /// The form's `EntryDraft` as JSON, as it was sent.
    pub draft: String,
    /// Why the save was refused: `stale`, `invalid` or `closed`.
    pub reason: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
