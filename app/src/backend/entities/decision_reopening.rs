use sea_orm::entity::prelude::*;

use crate::model::DecisionInput;

/// A recorded jury decision taken back before the results were public.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decision_reopening")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub reopened_by: Option<i32>,
    pub reopened_at: DateTimeUtc,
    pub reason: String,
    /// When the decision taken back had been recorded.
    pub decided_at: DateTimeUtc,
    /// The decision as it stood, its award rows included (a JSON column).
    #[sea_orm(column_type = "JsonBinary")]
    pub previous: DecisionInput,
    /// A scheduled release that was taken back with the decision.
    pub release_taken_back: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
