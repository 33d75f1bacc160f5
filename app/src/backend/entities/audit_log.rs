use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub actor_id: Option<i32>,
    pub action: String,
    pub subject: String,
    /// JSON: what changed, old and new.
    pub detail: String,
    /// The round the line belongs to, found from its subject when written (`audit::round_of`).
    pub competition_id: Option<i32>,
    /// The hash of the line before (empty for the first line); `None` until sealed.
    pub prev_hash: Option<String>,
    /// SHA-256 (hex) over `prev_hash` and this line's fields (`audit::link`).
    pub hash: Option<String>,
    /// SHA-256 (hex) of `detail` as written; the chain hashes this in its place, so that an
    /// erasure can blank a person in the detail (`audit::blank`). `None` on lines written
    /// before the digest existed, whose hash covers the detail itself.
    pub detail_digest: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
