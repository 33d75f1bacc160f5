use sea_orm::FromJsonQueryResult;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The chair's advancement of a round's shortlist to full scoring: once per round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shortlist_advance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    /// The advanced entries' ids (a JSON column).
    #[sea_orm(column_type = "JsonBinary")]
    pub entries: Advanced,
    /// How many were advanced as the top of the shortlist; none for a chosen set.
    pub top: Option<i32>,
    pub reason: String,
    pub advanced_by: Option<i32>,
    pub advanced_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The advanced entries' ids, stored as one JSON array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct Advanced(pub Vec<i32>);
