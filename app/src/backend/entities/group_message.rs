use sea_orm::entity::prelude::*;

/// A message to a group of a round's people, sent once through the outbox.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    /// `Segment::code`.
    pub segment: String,
    pub subject_sv: String,
    pub body_sv: String,
    /// Empty: English readers get the Swedish text.
    pub subject_en: String,
    pub body_en: String,
    pub send_at: DateTimeUtc,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    /// Set when it was sent (claimed by the sending).
    pub sent_at: Option<DateTimeUtc>,
    pub recipients: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
