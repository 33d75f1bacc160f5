use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "news_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    /// `press_release` or `news`.
    pub kind: String,
    pub competition_id: Option<i32>,
    pub title_sv: String,
    pub title_en: Option<String>,
    pub summary_sv: String,
    pub summary_en: Option<String>,
    pub body_md_sv: String,
    pub body_html_sv: String,
    pub body_md_en: Option<String>,
    pub body_html_en: Option<String>,
    /// None: a draft; in the future: scheduled; otherwise published.
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub image_id: Option<i32>,
    pub image_alt_sv: Option<String>,
    pub image_alt_en: Option<String>,
    pub updated_at: Option<DateTimeUtc>,
    /// When the subscriber mails were claimed.
    pub notified_at: Option<DateTimeUtc>,
    /// Moved on by every save; a save sent from an older one is refused.
    pub revision: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
