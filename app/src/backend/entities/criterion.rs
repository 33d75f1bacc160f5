use sea_orm::FromJsonQueryResult;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::Level;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "criterion")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub position: i32,
    pub key: String,
    pub name_sv: String,
    pub name_en: Option<String>,
    pub description_sv: String,
    pub description_en: Option<String>,
    pub weight: i32,
    /// What scores mean; `None` while the year keeps the default descriptions.
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub levels: Option<Levels>,
}

/// A criterion's level descriptions, lowest score first, stored as one JSON array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct Levels(pub Vec<Level>);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
