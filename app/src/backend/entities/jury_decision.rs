use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jury_decision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub decided_by: Option<i32>,
    pub decided_at: DateTimeUtc,
    pub motivation_md_sv: String,
    pub motivation_md_en: Option<String>,
    /// Why the chair chose between entries still tied after the evaluated-effect tie-break.
    pub tie_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
