//! The organiser's events: webinars and ceremonies with a time in Stockholm, a place or online,
//! Markdown descriptions in Swedish and English (rendered and sanitised when saved), speakers
//! with their roles and a moderator, a registration link and a recording; draft, scheduled or
//! published like news. Saved over a revision, and kept when refused, like news (`kept`).
use crate::backend::begin_write;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::kept;
use super::publishing::{
    Problems, opt, publish_choice, revised, slug_conflict, status, valid_slug, write_over, year_of,
    years,
};
use crate::backend::accounts::Actor;
use crate::backend::admin::require_admin;
use crate::backend::audit;
use crate::backend::clock::{local_input, parse_local, when};
use crate::backend::entities::{event, event_speaker};
use crate::backend::markdown;
use crate::backend::public_changes::PublicChanges;
use crate::backend::unsaved::UnsavedForm;
use crate::error::{AppError, Problem};
use crate::model::*;

/// Every event, latest start first, for the organiser.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<EventAdminRow>, AppError> {
    require_admin(actor)?;
    Ok(event::Entity::find()
        .order_by_desc(event::Column::StartsAt)
        .order_by_desc(event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| EventAdminRow {
            id: e.id,
            slug: e.slug,
            title: e.title_sv,
            starts: when(e.starts_at),
            status: status(e.published_at, now),
        })
        .collect())
}

fn blank_rows(mut speakers: Vec<SpeakerForm>) -> Vec<SpeakerForm> {
    let blanks = BLANK_SPEAKER_ROWS.min(MAX_SPEAKERS.saturating_sub(speakers.len()));
    speakers.extend(std::iter::repeat_n(SpeakerForm::default(), blanks));
    speakers
}

/// The editor for event `id`, or an empty one (a draft) for 0; it starts from the organiser's
/// kept text where that belongs in it.
pub async fn edit_view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<EventEditView, AppError> {
    require_admin(actor)?;
    let (saved, revision, status, rendered) = if id == 0 {
        let blank = EventForm {
            publish: "draft".into(),
            speakers: blank_rows(Vec::new()),
            ..Default::default()
        };
        (blank, 0, NewsStatus::Draft, Default::default())
    } else {
        stored(db, id, now).await?
    };
    let key = (UnsavedForm::Event, id, revision);
    let (form, kept) = kept::start(db, actor, key, saved).await?;
    let (preview_sv, preview_en) = kept::previews(&kept, (&form.body_sv, &form.body_en), rendered);
    Ok(EventEditView {
        id,
        revision,
        form,
        kept,
        status,
        years: years(db).await?,
        preview_sv,
        preview_en,
    })
}

/// Event `id` as saved: its form, revision, status and rendered bodies.
async fn stored(
    db: &DatabaseConnection,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(EventForm, i32, NewsStatus, (String, Option<String>)), AppError> {
    let e = event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let speakers = event_speaker::Entity::find()
        .filter(event_speaker::Column::EventId.eq(e.id))
        .order_by_asc(event_speaker::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SpeakerForm {
            name: s.name,
            role_sv: s.role_sv,
            role_en: s.role_en.unwrap_or_default(),
            organisation: s.organisation,
            moderator: s.moderator.then(|| "on".into()),
        })
        .collect();
    let st = status(e.published_at, now);
    let form = EventForm {
        slug: e.slug,
        year: year_of(db, e.competition_id).await?,
        title_sv: e.title_sv,
        title_en: e.title_en.unwrap_or_default(),
        summary_sv: e.summary_sv,
        summary_en: e.summary_en.unwrap_or_default(),
        body_sv: e.body_md_sv,
        body_en: e.body_md_en.unwrap_or_default(),
        starts_at: local_input(Some(e.starts_at)),
        ends_at: local_input(e.ends_at),
        place: e.place.unwrap_or_default(),
        online: e.online.then(|| "on".into()),
        registration_url: e.registration_url.unwrap_or_default(),
        video_url: e.video_url.unwrap_or_default(),
        speakers: blank_rows(speakers),
        publish: publish_choice(&st).into(),
        publish_at: local_input(e.published_at.filter(|at| *at > now)),
    };
    Ok((form, e.revision, st, (e.body_html_sv, e.body_html_en)))
}

/// What a valid form gives besides its texts.
struct Checked {
    slug: String,
    competition_id: Option<i32>,
    starts_at: DateTime<Utc>,
    ends_at: Option<DateTime<Utc>>,
    published_at: Option<DateTime<Utc>>,
    speakers: Vec<SpeakerForm>,
}

async fn check(
    db: &DatabaseConnection,
    id: i32,
    f: &EventForm,
    previous: Option<&event::Model>,
    now: DateTime<Utc>,
) -> Result<Checked, AppError> {
    let mut problems = Problems::default();
    problems.texts(&[
        ("title_sv", &f.title_sv, MAX_TITLE, true),
        ("title_en", &f.title_en, MAX_TITLE, false),
        ("summary_sv", &f.summary_sv, MAX_SUMMARY, true),
        ("summary_en", &f.summary_en, MAX_SUMMARY, false),
        ("body_sv", &f.body_sv, MAX_BODY, false),
        ("body_en", &f.body_en, MAX_BODY, false),
        ("place", &f.place, MAX_EVENT_LINE, false),
    ]);
    for (field, url) in [
        ("registration_url", &f.registration_url),
        ("video_url", &f.video_url),
    ] {
        let url = url.trim();
        if !url.is_empty() && !plausible_url(url) {
            problems.add(field, Problem::InvalidUrl);
        }
    }
    let slug = problems.slug(&f.slug, &f.title_sv);
    let competition_id = problems.year(db, &f.year).await?;
    let starts_at = match f.starts_at.trim() {
        "" => {
            problems.add("starts_at", Problem::Required);
            None
        }
        s => parse_local(s).or_else(|| {
            problems.add("starts_at", Problem::InvalidDate);
            None
        }),
    };
    let ends_at = match f.ends_at.trim() {
        "" => None,
        s => match parse_local(s) {
            Some(end) if starts_at.is_some_and(|start| end < start) => {
                problems.add("ends_at", Problem::EndBeforeStart);
                None
            }
            Some(end) => Some(end),
            None => {
                problems.add("ends_at", Problem::InvalidDate);
                None
            }
        },
    };
    if f.place.trim().is_empty() && f.online.is_none() {
        problems.add("place", Problem::Required);
    }
    let published_at = problems.publish(
        &f.publish,
        &f.publish_at,
        previous.and_then(|p| p.published_at),
        now,
    );
    // Errors name the row as the form numbered it, blank rows included.
    let rows: Vec<(usize, &SpeakerForm)> = f
        .speakers
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_blank())
        .collect();
    if rows.len() > MAX_SPEAKERS {
        problems.add("speakers", Problem::TooMany);
    }
    for (i, s) in rows.iter().take(MAX_SPEAKERS) {
        for (name, value, required) in [
            ("name", &s.name, true),
            ("role_sv", &s.role_sv, false),
            ("role_en", &s.role_en, false),
            ("organisation", &s.organisation, false),
        ] {
            if required && value.trim().is_empty() {
                problems.add(&format!("speakers.{i}.{name}"), Problem::Required);
            } else if value.chars().count() > MAX_EVENT_LINE {
                problems.add(&format!("speakers.{i}.{name}"), Problem::TooLong);
            }
        }
    }
    let speakers = rows.into_iter().map(|(_, s)| s.clone()).collect();
    if valid_slug(&slug)
        && event::Entity::find()
            .filter(event::Column::Slug.eq(slug.as_str()))
            .filter(event::Column::Id.ne(id))
            .one(db)
            .await?
            .is_some()
    {
        problems.add("slug", Problem::Taken);
    }
    problems.finish()?;
    // A missing or unreadable start was a problem above; this only names it for the compiler.
    let starts_at = starts_at.ok_or(AppError::invalid_field("starts_at", Problem::Required))?;
    Ok(Checked {
        slug,
        competition_id,
        starts_at,
        ends_at,
        published_at,
        speakers,
    })
}

/// Creates (`id` 0) or updates an event saved at `revision`, with its speakers; returns its
/// id. A save from an older revision is refused, and so is one with a problem; either is kept
/// for the actor, and a save settles what the editor showed again.
pub async fn save(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    (id, revision): (i32, i32),
    form: EventForm,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    require_admin(actor)?;
    let saved = store(db, actor, (id, revision), &form, now).await;
    let key = (UnsavedForm::Event, id, revision);
    kept::after((db, public), actor, key, &form, saved, now).await
}

/// Stores the event over `revision`, or refuses.
async fn store(
    db: &DatabaseConnection,
    actor: &Actor,
    (id, revision): (i32, i32),
    form: &EventForm,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let previous = revised::<event::Entity>(db, (id, revision), |p| p.revision).await?;
    let checked = check(db, id, form, previous.as_ref(), now).await?;
    let body_en = opt(&form.body_en);
    let mut model = event::ActiveModel {
        slug: Set(checked.slug),
        competition_id: Set(checked.competition_id),
        title_sv: Set(form.title_sv.trim().into()),
        title_en: Set(opt(&form.title_en)),
        summary_sv: Set(form.summary_sv.trim().into()),
        summary_en: Set(opt(&form.summary_en)),
        body_html_sv: Set(markdown::render(&form.body_sv)),
        body_md_sv: Set(form.body_sv.clone()),
        body_html_en: Set(body_en.as_deref().map(markdown::render)),
        body_md_en: Set(body_en),
        starts_at: Set(checked.starts_at),
        ends_at: Set(checked.ends_at),
        place: Set(opt(&form.place)),
        online: Set(form.online.is_some()),
        registration_url: Set(opt(&form.registration_url)),
        video_url: Set(opt(&form.video_url)),
        published_at: Set(checked.published_at),
        ..Default::default()
    };
    let txn = begin_write(db).await?;
    let saved_id = match previous {
        Some(p) => {
            let columns = (event::Column::Id, event::Column::Revision);
            write_over::<event::Entity, _>(&txn, model, columns, (p.id, revision)).await?;
            p.id
        }
        None => {
            model.created_at = Set(now);
            model.revision = Set(0);
            model.insert(&txn).await.map_err(slug_conflict)?.id
        }
    };
    event_speaker::Entity::delete_many()
        .filter(event_speaker::Column::EventId.eq(saved_id))
        .exec(&txn)
        .await?;
    for (i, s) in checked.speakers.iter().enumerate() {
        event_speaker::ActiveModel {
            event_id: Set(saved_id),
            position: Set(i as i32),
            name: Set(s.name.trim().into()),
            role_sv: Set(s.role_sv.trim().into()),
            role_en: Set(opt(&s.role_en)),
            organisation: Set(s.organisation.trim().into()),
            moderator: Set(s.moderator.is_some()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "event.save",
        format!("event:{saved_id}"),
        serde_json::json!({ "publish": form.publish, "at": checked.published_at.map(|t| t.to_rfc3339()) }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(saved_id)
}
