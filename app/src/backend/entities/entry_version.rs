use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entry_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entry_id: i32,
    /// 1, 2, 3 … per entry.
    pub number: i32,
    /// The entry's revision that was submitted.
    pub revision: i32,
    pub submitted_at: DateTimeUtc,
    pub submitted_by: Option<i32>,
    pub submitted_by_name: String,
    /// The whole entry as submitted, as JSON.
    pub snapshot: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
