use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub to_address: String,
    pub to_name: String,
    pub language: String,
    pub template: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub status: MailState,
    pub attempts: i32,
    /// When the mail is due; while `claimed_by` sends it, when that claim's lease ends.
    pub next_attempt_at: DateTimeUtc,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// Where a mail client unsubscribes with one click (RFC 8058): sent as `List-Unsubscribe`
    /// with `List-Unsubscribe-Post`.
    pub list_unsubscribe: Option<String>,
    /// 0 goes before 1: see `mail::Priority`.
    pub priority: i32,
    /// The instance sending the mail right now, under a lease it renews.
    pub claimed_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Where a mail stands; stored as `queued`, `sent` or `failed`, the words the organiser's mail
/// page shows and filters by (`ActiveEnum::to_value`, `try_from_value`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum MailState {
    /// Waiting to be sent, or being sent under a claim.
    #[sea_orm(string_value = "queued")]
    Queued,
    #[sea_orm(string_value = "sent")]
    Sent,
    /// Given up on after the last attempt.
    #[sea_orm(string_value = "failed")]
    Failed,
}
