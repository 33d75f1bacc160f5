//! How a draft is kept: the entry row's columns, its contact and link rows, and back.
use super::*;

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn parse_naive(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// The entry's current text, as the form shows it.
pub(crate) async fn draft_of<C: ConnectionTrait>(
    db: &C,
    e: &entry::Model,
) -> Result<EntryDraft, AppError> {
    let contacts = entry_contact::Entity::find()
        .filter(entry_contact::Column::EntryId.eq(e.id))
        .order_by_asc(entry_contact::Column::Position)
        .all(db)
        .await?;
    let links = entry_link::Entity::find()
        .filter(entry_link::Column::EntryId.eq(e.id))
        .order_by_asc(entry_link::Column::Position)
        .all(db)
        .await?;
    Ok(EntryDraft {
        title: e.title.clone(),
        organisation_display: e.organisation_display.clone(),
        competing: e.competing,
        start_date: date_text(e.start_date),
        ongoing: e.ongoing,
        end_date: date_text(e.end_date),
        video_url: e.video_url.clone().unwrap_or_default(),
        sections: e.sections(),
        public_summary_sv: e.public_summary_sv.clone(),
        public_summary_en: e.public_summary_en.clone().unwrap_or_default(),
        english: e.english.0.clone(),
        publication_consent: e.publication_consent,
        contacts: contacts
            .into_iter()
            .map(|c| Contact {
                name: c.name,
                role: c.role.unwrap_or_default(),
                email: c.email,
                phone: c.phone.unwrap_or_default(),
            })
            .collect(),
        links: links
            .into_iter()
            .map(|l| Link {
                label: l.label,
                url: l.url,
            })
            .collect(),
        checklist: e.checklist.0.clone(),
    })
}

/// The columns a draft sets, for an update.
pub(super) fn draft_columns(d: &EntryDraft) -> entry::ActiveModel {
    entry::ActiveModel {
        title: Set(d.title.clone()),
        organisation_display: Set(d.organisation_display.clone()),
        competing: Set(d.competing),
        start_date: Set(parse_naive(&d.start_date)),
        ongoing: Set(d.ongoing),
        end_date: Set(parse_naive(&d.end_date)),
        video_url: Set(non_empty(&d.video_url)),
        public_summary_sv: Set(d.public_summary_sv.clone()),
        public_summary_en: Set(non_empty(&d.public_summary_en)),
        publication_consent: Set(d.publication_consent),
        checklist: Set(entry::Checklist(d.checklist.clone())),
        english: Set(entry::English(d.english.clone())),
        ..Default::default()
    }
    .with_sections(d.sections.clone())
}

pub(super) async fn replace_rows<C: ConnectionTrait>(
    db: &C,
    id: i32,
    d: &EntryDraft,
) -> Result<(), AppError> {
    entry_contact::Entity::delete_many()
        .filter(entry_contact::Column::EntryId.eq(id))
        .exec(db)
        .await?;
    entry_link::Entity::delete_many()
        .filter(entry_link::Column::EntryId.eq(id))
        .exec(db)
        .await?;
    if !d.contacts.is_empty() {
        entry_contact::Entity::insert_many(d.contacts.iter().enumerate().map(|(i, c)| {
            entry_contact::ActiveModel {
                entry_id: Set(id),
                position: Set(i as i32),
                name: Set(c.name.clone()),
                role: Set(non_empty(&c.role)),
                email: Set(c.email.clone()),
                phone: Set(non_empty(&c.phone)),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }
    if !d.links.is_empty() {
        entry_link::Entity::insert_many(d.links.iter().enumerate().map(|(i, l)| {
            entry_link::ActiveModel {
                entry_id: Set(id),
                position: Set(i as i32),
                label: Set(l.label.clone()),
                url: Set(l.url.clone()),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}
