use sea_orm::entity::prelude::*;

/// A member state taking part in a European final, and its national representative.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "final_country")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The final (a competition row of kind `european`).
    pub competition_id: i32,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The account that enters the country's projects; none until the secretariat names one.
    pub representative_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
