use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jury_member")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub user_id: i32,
    pub chair: bool,
    pub joined_at: DateTimeUtc,
    /// The member state the juror comes from (ISO 3166-1 alpha-2), in the European final: they
    /// stand aside from that country's entries.
    pub country: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
