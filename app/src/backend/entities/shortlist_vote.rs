use sea_orm::entity::prelude::*;

/// A juror's answer on one entry in the shortlist round: 1 to 5 for a rating, 1 (yes) or 0 (no)
/// for a vote.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shortlist_vote")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entry_id: i32,
    pub juror_id: i32,
    pub value: i32,
    pub saved_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
