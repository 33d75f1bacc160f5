use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "award")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub entry_id: i32,
    /// `winner`, `runner_up` or `mention`.
    pub kind: String,
    pub rank: i32,
    pub about_sv: Option<String>,
    pub about_en: Option<String>,
    pub motivation_sv: Option<String>,
    pub motivation_en: Option<String>,
    pub photo_id: Option<i32>,
    pub photo_alt_sv: Option<String>,
    pub photo_alt_en: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
