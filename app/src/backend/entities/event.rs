use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    pub competition_id: Option<i32>,
    pub title_sv: String,
    pub title_en: Option<String>,
    pub summary_sv: String,
    pub summary_en: Option<String>,
    pub body_md_sv: String,
    pub body_html_sv: String,
    pub body_md_en: Option<String>,
    pub body_html_en: Option<String>,
    pub starts_at: DateTimeUtc,
    pub ends_at: Option<DateTimeUtc>,
    pub video_url: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub place: Option<String>,
    pub online: bool,
    pub registration_url: Option<String>,
    /// Moved on by every save; a save sent from an older one is refused.
    pub revision: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
