use sea_orm::entity::prelude::*;

/// One sending of a year's dossier to EUCPN: who sent which text where, and when, with the
/// SHA-256 digests of the files as they were attached.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossier_sending")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub entry_id: i32,
    pub sent_by: Option<i32>,
    pub sent_by_name: String,
    pub sent_at: DateTimeUtc,
    pub to_address: String,
    /// The version of the English text sent (0: as the applicant submitted it).
    pub english_version: i32,
    pub pdf_sha256: String,
    pub docx_sha256: String,
    /// The queued mail that carries the files.
    pub outbox_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
