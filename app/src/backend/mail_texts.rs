//! A year's own words for the home round's mails (`model::MailKey`): the organiser's list, the
//! editor with a preview, saving, going back to the portal's words, and copying them to a
//! cloned year. The mails use them when they are queued (`mail::RoundWords`).
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use serde_json::json;

use crate::backend::accounts::Actor;
use crate::backend::admin::organised;
use crate::backend::audit;
use crate::backend::begin_write;
use crate::backend::clock::when;
use crate::backend::entities::{competition, mail_text};
use crate::backend::mail::{self, OwnWords, RoundWords};
use crate::error::{AppError, FieldError, Problem};
use crate::i18n::Lang;
use crate::model::{
    MailKey, MailTextEditor, MailTextForm, MailTextLang, MailTextRow, MailTextsView, RoundRef,
};

/// Longest subject, in characters.
const MAX_SUBJECT: usize = 200;
/// Longest main text, in characters.
const MAX_BODY: usize = 5_000;

/// The home round of `year`, for its organiser.
async fn year_of(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
) -> Result<competition::Model, AppError> {
    organised(db, actor, RoundRef::from(year)).await
}

async fn rows<C: ConnectionTrait>(
    db: &C,
    competition_id: i32,
) -> Result<Vec<mail_text::Model>, AppError> {
    Ok(mail_text::Entity::find()
        .filter(mail_text::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?)
}

/// Every editable mail of the year, and in which languages it has the year's own words.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
) -> Result<MailTextsView, AppError> {
    let c = year_of(db, actor, year).await?;
    let rows = rows(db, c.id).await?;
    let own = |key: MailKey, lang: Lang| {
        rows.iter()
            .any(|r| r.mail == key.code() && r.language == lang.code())
    };
    Ok(MailTextsView {
        year: c.year,
        texts: MailKey::ALL
            .into_iter()
            .map(|key| MailTextRow {
                key,
                custom_sv: own(key, Lang::Sv),
                custom_en: own(key, Lang::En),
            })
            .collect(),
    })
}

/// One mail's words in both languages as they are used now, its placeholders, and a preview
/// of each language filled with made-up values.
pub async fn editor(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    key: &str,
    base_url: &str,
) -> Result<MailTextEditor, AppError> {
    let key = MailKey::parse(key).ok_or(AppError::NotFound)?;
    let c = year_of(db, actor, year).await?;
    let rows = rows(db, c.id).await?;
    let updated = rows
        .iter()
        .filter(|r| r.mail == key.code())
        .map(|r| r.updated_at)
        .max()
        .map(when);
    let words = RoundWords::from_rows(rows);
    let sample = mail::sample(key, c.year, base_url);
    let language = |lang: Lang| {
        let own = words.of(&sample, lang);
        let shown = own.cloned().unwrap_or_else(|| sample.portal_words(lang));
        let (preview_subject, preview_text) = sample.preview(lang, own);
        MailTextLang {
            subject: shown.subject,
            body: shown.body,
            custom: own.is_some(),
            preview_subject,
            preview_text,
        }
    };
    Ok(MailTextEditor {
        year: c.year,
        key,
        placeholders: sample
            .placeholders(Lang::Sv)
            .into_iter()
            .map(str::to_string)
            .collect(),
        sv: language(Lang::Sv),
        en: language(Lang::En),
        updated,
    })
}

/// The placeholders `text` names (`{word}`) that are not among `allowed`.
fn unknown_placeholders<'a>(text: &'a str, allowed: &[&str]) -> Vec<&'a str> {
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                let is_name =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                if is_name && !allowed.contains(&name) {
                    unknown.push(name);
                }
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    unknown
}

/// A language's words as posted, checked: a subject on one line, a text, both within their
/// limits, naming only the mail's placeholders. Field errors name `subject_<lang>` and
/// `body_<lang>` (the form's `form[subject_sv]` …).
fn checked(
    lang: Lang,
    subject: &str,
    body: &str,
    allowed: &[&str],
    errors: &mut Vec<FieldError>,
) -> OwnWords {
    let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = body.replace("\r\n", "\n").trim().to_string();
    for (field, text, max) in [
        ("subject", &subject, MAX_SUBJECT),
        ("body", &body, MAX_BODY),
    ] {
        let problem = if text.is_empty() {
            Some(Problem::Required)
        } else if text.chars().count() > max {
            Some(Problem::TooLong)
        } else if !unknown_placeholders(text, allowed).is_empty() {
            Some(Problem::UnknownPlaceholder)
        } else {
            None
        };
        if let Some(problem) = problem {
            errors.push(FieldError::new(format!("{field}_{}", lang.code()), problem));
        }
    }
    OwnWords { subject, body }
}

/// Saves the year's words for a mail. A language whose words are the portal's keeps no row of
/// its own, so a later change of the portal's words reaches it. Audited with the old and new
/// words.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    key: &str,
    form: MailTextForm,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let key = MailKey::parse(key).ok_or(AppError::NotFound)?;
    let c = year_of(db, actor, year).await?;
    let sample = mail::sample(key, c.year, "");
    let allowed = sample.placeholders(Lang::Sv);
    let mut errors = Vec::new();
    let sv = checked(
        Lang::Sv,
        &form.subject_sv,
        &form.body_sv,
        &allowed,
        &mut errors,
    );
    let en = checked(
        Lang::En,
        &form.subject_en,
        &form.body_en,
        &allowed,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = begin_write(db).await?;
    let before = RoundWords::load(&txn, c.id).await?;
    let mut old = serde_json::Map::new();
    let mut new = serde_json::Map::new();
    for (lang, words) in [(Lang::Sv, sv), (Lang::En, en)] {
        let was = before.of(&sample, lang).cloned();
        let own = (words != sample.portal_words(lang)).then_some(words);
        if was == own {
            continue;
        }
        let shown = |w: &Option<OwnWords>| {
            w.as_ref()
                .map(|w| json!({ "subject": w.subject, "body": w.body }))
        };
        old.insert(lang.code().into(), json!(shown(&was)));
        new.insert(lang.code().into(), json!(shown(&own)));
        remove(&txn, c.id, key, Some(lang)).await?;
        if let Some(own) = own {
            mail_text::ActiveModel {
                competition_id: Set(c.id),
                mail: Set(key.code().into()),
                language: Set(lang.code().into()),
                subject: Set(own.subject),
                body: Set(own.body),
                updated_by: Set(Some(actor.user_id)),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    if !new.is_empty() {
        audit::record(
            &txn,
            Some(actor.user_id),
            "mail_text.save",
            format!("competition:{} mail:{}", c.id, key.code()),
            audit::changes(&json!(old), &json!(new)),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Goes back to the portal's words for a mail, in both languages. Audited when the year had
/// words of its own.
pub async fn reset(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let key = MailKey::parse(key).ok_or(AppError::NotFound)?;
    let c = year_of(db, actor, year).await?;
    let txn = begin_write(db).await?;
    let removed = remove(&txn, c.id, key, None).await?;
    if removed > 0 {
        audit::record(
            &txn,
            Some(actor.user_id),
            "mail_text.reset",
            format!("competition:{} mail:{}", c.id, key.code()),
            json!({ "languages": removed }),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Removes the year's words for a mail, in one language or all; how many rows went.
async fn remove<C: ConnectionTrait>(
    txn: &C,
    competition_id: i32,
    key: MailKey,
    lang: Option<Lang>,
) -> Result<u64, AppError> {
    let mut delete = mail_text::Entity::delete_many()
        .filter(mail_text::Column::CompetitionId.eq(competition_id))
        .filter(mail_text::Column::Mail.eq(key.code()));
    if let Some(lang) = lang {
        delete = delete.filter(mail_text::Column::Language.eq(lang.code()));
    }
    Ok(delete.exec(txn).await?.rows_affected)
}

/// Copies a year's own mail words to another (a cloned year).
pub(crate) async fn copy(
    db: &DatabaseConnection,
    from: i32,
    to: i32,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    for r in rows(&txn, from).await? {
        mail_text::ActiveModel {
            competition_id: Set(to),
            mail: Set(r.mail),
            language: Set(r.language),
            subject: Set(r.subject),
            body: Set(r.body),
            updated_by: Set(Some(actor.user_id)),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unknown_placeholder_names_are_reported() {
        let allowed = ["year", "title"];
        assert!(unknown_placeholders("ECPA {year}: {title}", &allowed).is_empty());
        assert_eq!(
            unknown_placeholders("{year} {organisaton} {Title} { } {a-b} {", &allowed),
            vec!["organisaton"]
        );
    }

    #[test]
    fn posted_words_are_checked_and_tidied() {
        let allowed = ["year"];
        let mut errors = Vec::new();
        let w = checked(
            Lang::Sv,
            "  ECPA\n{year} ",
            "Rad ett\r\nrad två\r\n\r\n",
            &allowed,
            &mut errors,
        );
        assert!(errors.is_empty());
        assert_eq!(w.subject, "ECPA {year}");
        assert_eq!(w.body, "Rad ett\nrad två");
        checked(
            Lang::En,
            "",
            &"x".repeat(MAX_BODY + 1),
            &allowed,
            &mut errors,
        );
        checked(Lang::Sv, "{deadline}", "ok", &allowed, &mut errors);
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.problem))
            .collect();
        assert_eq!(
            found,
            vec![
                ("subject_en", Problem::Required),
                ("body_en", Problem::TooLong),
                ("subject_sv", Problem::UnknownPlaceholder),
            ]
        );
    }
}
