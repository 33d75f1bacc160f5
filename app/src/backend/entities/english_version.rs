use sea_orm::entity::prelude::*;

use super::entry::English;

/// One change the organiser made to an entry's English text after the decision; the text
/// before the first is the last submitted version's.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "english_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entry_id: i32,
    /// 1, 2, 3 … per entry; unique with the entry, so two saves from one base cannot both land.
    pub number: i32,
    /// The whole English text after the change.
    #[sea_orm(column_type = "JsonBinary")]
    pub text: English,
    pub edited_at: DateTimeUtc,
    pub edited_by: Option<i32>,
    pub edited_by_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
