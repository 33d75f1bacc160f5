use sea_orm::entity::prelude::*;

/// An entry a news item is about.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "news_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub news_id: i32,
    pub entry_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
