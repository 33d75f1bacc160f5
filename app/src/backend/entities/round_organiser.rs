use sea_orm::entity::prelude::*;

/// An organiser of another country's national round hosted on the portal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_organiser")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The round (a competition row of kind `national`, not the home country's).
    pub competition_id: i32,
    pub user_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
