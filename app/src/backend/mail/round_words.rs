//! A round's own words for its mails, as its organiser set them (`mail_text`), looked up when
//! the round's mails are queued.
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::templates::{OwnWords, Template};
use crate::backend::entities::mail_text;
use crate::i18n::Lang;
use crate::model::MailKey;

/// Every own word of one round: at most one per mail and language.
#[derive(Default)]
pub struct RoundWords(Vec<(MailKey, Lang, OwnWords)>);

impl RoundWords {
    pub async fn load<C: ConnectionTrait>(db: &C, competition_id: i32) -> Result<Self, DbErr> {
        let rows = mail_text::Entity::find()
            .filter(mail_text::Column::CompetitionId.eq(competition_id))
            .all(db)
            .await?;
        Ok(RoundWords::from_rows(rows))
    }

    /// The words of a round's `mail_text` rows, read already.
    pub fn from_rows(rows: Vec<mail_text::Model>) -> Self {
        RoundWords(
            rows.into_iter()
                .filter_map(|r| {
                    let key = MailKey::parse(&r.mail)?;
                    let own = OwnWords {
                        subject: r.subject,
                        body: r.body,
                    };
                    Some((key, Lang::from_code(&r.language), own))
                })
                .collect(),
        )
    }

    /// The round's words for `template` in `lang`, if it has its own.
    pub fn of(&self, template: &Template, lang: Lang) -> Option<&OwnWords> {
        let key = template.mail_key()?;
        self.0
            .iter()
            .find(|(k, l, _)| *k == key && *l == lang)
            .map(|(_, _, own)| own)
    }
}
