//! The outcome mails: once a round's results are public, every applicant organisation of a
//! national round, and every competing entry's organisation and national representative in the
//! European final, hears what the results mean for its entry. Once per round.
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::backend::audit;
use crate::backend::begin_write;
use crate::backend::competition::EUROPEAN;
use crate::backend::entities::{app_user, award, competition, entry, final_country, organisation};
use crate::backend::mail::{self, Template};
use crate::backend::organisations::members;
use crate::error::AppError;
use crate::model::*;

use super::release::award_kind;

/// The national representative of `country` in the final, as a mail recipient.
async fn representative(
    db: &DatabaseConnection,
    final_id: i32,
    country: &str,
) -> Result<Option<(String, String, crate::i18n::Lang)>, AppError> {
    let Some(id) = final_country::Entity::find()
        .filter(final_country::Column::CompetitionId.eq(final_id))
        .filter(final_country::Column::Country.eq(country))
        .one(db)
        .await?
        .and_then(|f| f.representative_id)
    else {
        return Ok(None);
    };
    Ok(app_user::Entity::find_by_id(id)
        .filter(app_user::Column::Active.eq(true))
        .one(db)
        .await?
        .map(|u| (u.email, u.name, crate::i18n::Lang::from_code(&u.language))))
}

/// Who hears about an entry's results and feedback: its organisation's name, and the members
/// (address, name, language), with the country's national representative in the final.
pub(crate) async fn recipients(
    db: &DatabaseConnection,
    c: &competition::Model,
    e: &entry::Model,
) -> Result<(String, Vec<(String, String, crate::i18n::Lang)>), AppError> {
    let org = organisation::Entity::find_by_id(e.organisation_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let mut to = members(db, e.organisation_id).await?;
    if c.round_kind == EUROPEAN
        && let Some(r) = representative(db, c.id, &e.country).await?
        && !to.iter().any(|m| m.0 == r.0)
    {
        to.push(r);
    }
    Ok((org, to))
}

/// The outcome of one entry, for its organisation's mail.
fn outcome(e: &entry::Model, awards: &[award::Model]) -> ResultOutcome {
    match awards.iter().find(|a| a.entry_id == e.id) {
        Some(a) => match award_kind(&a.kind) {
            AwardKind::Winner => ResultOutcome::Winner,
            AwardKind::RunnerUp => ResultOutcome::RunnerUp,
            AwardKind::Mention => ResultOutcome::Mention,
        },
        None if e.status == EntryStatus::Ineligible => ResultOutcome::Ineligible,
        None => ResultOutcome::NotAwarded,
    }
}

/// Mails every applicant organisation of each year whose results have become public its
/// outcome, once: the year is claimed by a conditional update in the same transaction as the
/// mails are queued, so two workers (or instances) cannot both send them. The mails are
/// rendered before that transaction, which then holds the write lock for a few statements.
/// Returns the number of mails queued.
pub(super) async fn notify_released(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let due = competition::Entity::find()
        .filter(competition::Column::ResultsReleasedAt.lte(now))
        .filter(competition::Column::ResultsNotifiedAt.is_null())
        .all(db)
        .await?;
    let mut queued = 0;
    for c in due {
        let awards = award::Entity::find()
            .filter(award::Column::CompetitionId.eq(c.id))
            .all(db)
            .await?;
        let entries = entry::Entity::find()
            .filter(entry::Column::CompetitionId.eq(c.id))
            .filter(entry::Column::Status.is_in([
                EntryStatus::Submitted,
                EntryStatus::Eligible,
                EntryStatus::Ineligible,
            ]))
            .order_by_asc(entry::Column::Id)
            .all(db)
            .await?;
        let europe = c.round_kind == EUROPEAN;
        let mut mails = Vec::new();
        for e in entries {
            // Good practice in the final does not compete: it has no outcome to tell.
            if europe && !e.competing {
                continue;
            }
            let (org, to) = recipients(db, &c, &e).await?;
            // An entry the jury judged may get its feedback later, under the entry.
            let judged = e.status != EntryStatus::Ineligible;
            for (email, _name, lang) in to {
                let feedback = judged.then(|| {
                    format!(
                        "{base_url}{}",
                        lang.href(&format!("/entries/{}/feedback", e.id))
                    )
                });
                let template = if europe {
                    Template::FinalResultsPublished {
                        year: c.year,
                        title: e.title.clone(),
                        country: country_name(&e.country, lang).to_string(),
                        outcome: outcome(&e, &awards),
                        link: format!("{base_url}{}", lang.href(&format!("/europe/{}", c.year))),
                        feedback,
                    }
                } else if !c.home {
                    // Another country's round has no public pages here: the link is the
                    // entry's own page.
                    Template::RoundResultsPublished {
                        year: c.year,
                        country: c.country.clone(),
                        title: e.title.clone(),
                        outcome: outcome(&e, &awards),
                        link: format!("{base_url}{}", lang.href(&format!("/entries/{}", e.id))),
                        feedback,
                    }
                } else {
                    Template::ResultsPublished {
                        year: c.year,
                        title: e.title.clone(),
                        outcome: outcome(&e, &awards),
                        link: format!(
                            "{base_url}{}",
                            lang.href(&format!("/competitions/{}", c.year))
                        ),
                        feedback,
                    }
                };
                mails.push(mail::Outgoing {
                    to_address: email,
                    to_name: org.clone(),
                    lang,
                    template,
                });
            }
        }
        let txn = begin_write(db).await?;
        let claimed = competition::Entity::update_many()
            .col_expr(
                competition::Column::ResultsNotifiedAt,
                Expr::value(Some(now)),
            )
            .filter(competition::Column::Id.eq(c.id))
            .filter(competition::Column::ResultsNotifiedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected;
        if claimed == 0 {
            continue;
        }
        let words = mail::RoundWords::load(&txn, c.id).await?;
        mail::enqueue_many_in_round(&txn, &words, &mails, now).await?;
        audit::record(
            &txn,
            None,
            "results.notified",
            format!("competition:{}", c.id),
            serde_json::Value::Null,
            now,
        )
        .await?;
        txn.commit().await?;
        queued += mails.len();
    }
    Ok(queued)
}
