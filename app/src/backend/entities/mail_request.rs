use sea_orm::entity::prelude::*;

/// A request that made the portal mail someone, kept for the hour that limits how many each
/// client and each recipient may cause (`backend/mail_limits.rs`), then removed by the
/// retention job.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// What the mail is for: `password_reset`, `registration`, `subscription`, `email_change`,
    /// `invitation`.
    pub purpose: String,
    /// Who asked: `ip:<address>` for anonymous forms, `user:<id>` for a signed-in person.
    pub client: String,
    /// The lower-cased address the mail goes to.
    pub recipient: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
