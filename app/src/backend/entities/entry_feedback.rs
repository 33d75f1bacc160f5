use sea_orm::FromJsonQueryResult;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The jury's feedback on one entry, as the organiser releases it to the applicant.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entry_feedback")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub entry_id: i32,
    pub summary_sv: String,
    pub summary_en: String,
    /// A JSON array (`jsonb` on PostgreSQL) of the chosen comments' keys.
    #[sea_orm(column_type = "JsonBinary")]
    pub chosen: Chosen,
    pub updated_by: Option<i32>,
    pub updated_at: DateTimeUtc,
    pub released_by: Option<i32>,
    pub released_at: Option<DateTimeUtc>,
    /// Moves on by one with every save: a save sent from an older revision is refused, so the
    /// organiser and the chair never write over each other's text.
    pub revision: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The jurors' comments chosen for the applicant, each as `<sheet id>:<criterion key>` or
/// `<sheet id>:overall`: the text is read from the sheet, so it is never copied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct Chosen(pub Vec<String>);
