use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Lower-cased.
    pub email: String,
    pub name: String,
    /// argon2id, PHC string.
    pub password_hash: String,
    /// `sv` or `en`: the language of mails to this person.
    pub language: String,
    pub active: bool,
    pub email_verified_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Sessions that began before this moment are void (password reset, deactivation).
    pub sessions_valid_after: Option<DateTimeUtc>,
    /// Base32 TOTP secret; set at enrolment, in use once `totp_enabled_at` is set.
    pub totp_secret: Option<String>,
    pub totp_enabled_at: Option<DateTimeUtc>,
    /// The last accepted TOTP time step: a code is accepted once.
    pub totp_last_step: Option<i64>,
    /// When the password step last let the person in; the retention rule for people counts
    /// from it (from `created_at` for an account never signed in to since it was recorded).
    pub last_login_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
