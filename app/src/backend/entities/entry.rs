use sea_orm::FromJsonQueryResult;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::{EnglishText, EntryStatus, Sections};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub organisation_id: i32,
    pub reference: String,
    pub slug: String,
    pub country: String,
    pub competing: bool,
    pub title: String,
    /// The organisation(s) as they are to be credited in public, e.g. two partners.
    pub organisation_display: String,
    pub start_date: Option<Date>,
    pub ongoing: bool,
    pub end_date: Option<Date>,
    pub video_url: Option<String>,
    pub description: String,
    pub problem: String,
    pub objectives: String,
    pub target_group: String,
    pub methods: String,
    pub partners: String,
    pub resources: String,
    pub evaluation: String,
    pub replicability: String,
    pub theme_relevance: String,
    pub public_summary_sv: String,
    pub public_summary_en: Option<String>,
    pub publication_consent: bool,
    pub status: EntryStatus,
    pub revision: i32,
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The revision that was last submitted; the entry has unsubmitted changes when it differs.
    pub submitted_revision: Option<i32>,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub screening_reason: Option<String>,
    pub screened_at: Option<DateTimeUtc>,
    /// Confirmed checklist keys: a JSON array (`jsonb` on PostgreSQL).
    #[sea_orm(column_type = "JsonBinary")]
    pub checklist: Checklist,
    pub updated_by: Option<i32>,
    /// The title and sections in English, as the applicant last saved them: a JSON object.
    #[sea_orm(column_type = "JsonBinary")]
    pub english: English,
    /// In the European final: the national entry this one was forwarded from.
    pub forwarded_from: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The ten section columns as one value.
    pub fn sections(&self) -> Sections {
        Sections {
            description: self.description.clone(),
            problem: self.problem.clone(),
            objectives: self.objectives.clone(),
            target_group: self.target_group.clone(),
            methods: self.methods.clone(),
            partners: self.partners.clone(),
            resources: self.resources.clone(),
            evaluation: self.evaluation.clone(),
            replicability: self.replicability.clone(),
            theme_relevance: self.theme_relevance.clone(),
        }
    }
}

impl ActiveModel {
    /// Sets the ten section columns.
    pub fn with_sections(mut self, s: Sections) -> Self {
        use sea_orm::ActiveValue::Set;
        self.description = Set(s.description);
        self.problem = Set(s.problem);
        self.objectives = Set(s.objectives);
        self.target_group = Set(s.target_group);
        self.methods = Set(s.methods);
        self.partners = Set(s.partners);
        self.resources = Set(s.resources);
        self.evaluation = Set(s.evaluation);
        self.replicability = Set(s.replicability);
        self.theme_relevance = Set(s.theme_relevance);
        self
    }
}

/// The checklist keys an applicant has confirmed, stored as one JSON array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct Checklist(pub Vec<String>);

/// The entry's English text, stored as one JSON object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct English(pub EnglishText);
