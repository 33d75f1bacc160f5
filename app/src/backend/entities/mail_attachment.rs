use sea_orm::entity::prelude::*;

/// A file sent with a queued mail (the dossier to EUCPN), kept until the mail is.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_attachment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub outbox_id: i32,
    /// The files' order in the mail.
    pub position: i32,
    pub file_name: String,
    pub content_type: String,
    #[sea_orm(column_type = "Blob")]
    pub content: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
