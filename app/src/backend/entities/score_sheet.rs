use std::collections::BTreeMap;

use sea_orm::FromJsonQueryResult;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_sheet")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entry_id: i32,
    pub juror_id: i32,
    pub status: SheetState,
    pub revision: i32,
    pub overall_comment: String,
    /// A JSON column (`jsonb` on PostgreSQL): criterion key -> `{ "score": n | null, "comment": "" }`.
    #[sea_orm(column_type = "JsonBinary")]
    pub scores: Scores,
    pub submitted_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// A stored sheet is a draft until the juror submits it; stored as `draft` or `submitted`, the
/// words the export shows too (`ActiveEnum::to_value`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum SheetState {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "submitted")]
    Submitted,
}

/// One criterion's score and comment on a sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    pub score: Option<i32>,
    #[serde(default)]
    pub comment: String,
}

/// A sheet's scores by criterion key, stored as one JSON object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct Scores(pub BTreeMap<String, Stored>);
