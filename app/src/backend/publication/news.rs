//! The organiser's news and press releases: Markdown in Swedish and English, rendered and
//! sanitised when saved; draft, scheduled or published; an image with alternative text; links
//! to a competition year and its entries. Subscribers are mailed once an item is public. Every
//! save (and a new image) moves the item's revision on; a save from an editor opened before is
//! refused, and what it sent is kept for its writer (`kept`).
use crate::backend::begin_write;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};

use crate::backend::accounts::Actor;
use crate::backend::admin::require_admin;
use crate::backend::audit;
use crate::backend::clock::local_input;
use crate::backend::entities::{competition, entry, news_entry, news_item, subscriber};
use crate::backend::entries::PUBLIC_STATUSES;
use crate::backend::mail::{self, Template};
use crate::backend::markdown;
use crate::backend::public_changes::PublicChanges;
use crate::backend::unsaved::UnsavedForm;
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::model::*;

pub use super::publishing::slugify;
use super::publishing::{
    Problems, linked_year, opt, publish_choice, revised, slug_conflict, status, valid_slug,
    write_over, year_of, years,
};
use super::{kept, media};

/// Every item, newest first, for the organiser.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<NewsAdminRow>, AppError> {
    require_admin(actor)?;
    Ok(news_item::Entity::find()
        .order_by_desc(news_item::Column::CreatedAt)
        .order_by_desc(news_item::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|n| NewsAdminRow {
            id: n.id,
            slug: n.slug,
            kind: if n.kind == "press_release" {
                NewsKind::PressRelease
            } else {
                NewsKind::News
            },
            title: n.title_sv,
            status: status(n.published_at, now),
        })
        .collect())
}

async fn year_entries<C: ConnectionTrait>(
    db: &C,
    competition_id: Option<i32>,
) -> Result<Vec<(i32, String)>, AppError> {
    let Some(id) = competition_id else {
        return Ok(Vec::new());
    };
    Ok(entry::Entity::find()
        .filter(entry::Column::CompetitionId.eq(id))
        .filter(entry::Column::Status.is_in(PUBLIC_STATUSES))
        .order_by_asc(entry::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.title))
        .collect())
}

/// The entries the editor offers to link: those of the year its form shows, which is the saved
/// one unless the form starts from kept text.
async fn shown_year_entries(
    db: &DatabaseConnection,
    form: &NewsForm,
) -> Result<Vec<(i32, String)>, AppError> {
    let competition_id = linked_year(db, &form.year).await?.unwrap_or(None);
    year_entries(db, competition_id).await
}

/// The editor for item `id`, or an empty one (press release, draft) for 0.
pub async fn edit_view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<NewsEditView, AppError> {
    require_admin(actor)?;
    if id == 0 {
        let blank = NewsForm {
            kind: "press_release".into(),
            publish: "draft".into(),
            ..Default::default()
        };
        let (form, kept) = kept::start(db, actor, (UnsavedForm::News, 0, 0), blank).await?;
        let (preview_sv, preview_en) =
            kept::previews(&kept, (&form.body_sv, &form.body_en), Default::default());
        let year_entries = shown_year_entries(db, &form).await?;
        return Ok(NewsEditView {
            id: 0,
            revision: 0,
            form,
            kept,
            status: NewsStatus::Draft,
            image: None,
            years: years(db).await?,
            year_entries,
            preview_sv,
            preview_en,
        });
    }
    let n = news_item::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let year = year_of(db, n.competition_id).await?;
    let linked: Vec<i32> = news_entry::Entity::find()
        .filter(news_entry::Column::NewsId.eq(n.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.entry_id)
        .collect();
    let st = status(n.published_at, now);
    let saved = NewsForm {
        slug: n.slug,
        kind: n.kind,
        year,
        title_sv: n.title_sv,
        title_en: n.title_en.unwrap_or_default(),
        summary_sv: n.summary_sv,
        summary_en: n.summary_en.unwrap_or_default(),
        body_sv: n.body_md_sv.clone(),
        body_en: n.body_md_en.clone().unwrap_or_default(),
        image_alt_sv: n.image_alt_sv.unwrap_or_default(),
        image_alt_en: n.image_alt_en.unwrap_or_default(),
        entries: Some(linked),
        publish: publish_choice(&st).into(),
        publish_at: local_input(n.published_at.filter(|at| *at > now)),
    };
    let (form, kept) = kept::start(db, actor, (UnsavedForm::News, n.id, n.revision), saved).await?;
    let (preview_sv, preview_en) = kept::previews(
        &kept,
        (&form.body_sv, &form.body_en),
        (n.body_html_sv, n.body_html_en),
    );
    let year_entries = shown_year_entries(db, &form).await?;
    Ok(NewsEditView {
        id: n.id,
        revision: n.revision,
        form,
        kept,
        status: st,
        image: n.image_id.map(media::url),
        years: years(db).await?,
        year_entries,
        preview_sv,
        preview_en,
    })
}

struct Checked {
    slug: String,
    competition_id: Option<i32>,
    published_at: Option<DateTime<Utc>>,
}

async fn check(
    db: &DatabaseConnection,
    id: i32,
    f: &NewsForm,
    previous: Option<&news_item::Model>,
    now: DateTime<Utc>,
) -> Result<Checked, AppError> {
    let mut problems = Problems::default();
    problems.texts(&[
        ("title_sv", &f.title_sv, MAX_TITLE, true),
        ("title_en", &f.title_en, MAX_TITLE, false),
        ("summary_sv", &f.summary_sv, MAX_SUMMARY, true),
        ("summary_en", &f.summary_en, MAX_SUMMARY, false),
        ("body_sv", &f.body_sv, MAX_BODY, true),
        ("body_en", &f.body_en, MAX_BODY, false),
        ("image_alt_sv", &f.image_alt_sv, MAX_SUMMARY, false),
        ("image_alt_en", &f.image_alt_en, MAX_SUMMARY, false),
    ]);
    if !matches!(f.kind.as_str(), "news" | "press_release") {
        problems.add("kind", Problem::InvalidChoice);
    }
    let slug = problems.slug(&f.slug, &f.title_sv);
    let competition_id = problems.year(db, &f.year).await?;
    let published_at = problems.publish(
        &f.publish,
        &f.publish_at,
        previous.and_then(|p| p.published_at),
        now,
    );
    if previous.is_some_and(|p| p.image_id.is_some()) && f.image_alt_sv.trim().is_empty() {
        problems.add("image_alt_sv", Problem::Required);
    }
    if valid_slug(&slug)
        && news_item::Entity::find()
            .filter(news_item::Column::Slug.eq(slug.as_str()))
            .filter(news_item::Column::Id.ne(id))
            .one(db)
            .await?
            .is_some()
    {
        problems.add("slug", Problem::Taken);
    }
    problems.finish()?;
    Ok(Checked {
        slug,
        competition_id,
        published_at,
    })
}

/// Creates (`id` 0) or updates an item saved at `revision`; returns its id. A save from an
/// older revision is refused, and so is one with a problem; either is kept for the actor, and a
/// save settles what the editor showed again.
pub async fn save(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    (id, revision): (i32, i32),
    form: NewsForm,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    require_admin(actor)?;
    let saved = store(db, actor, (id, revision), &form, now).await;
    let key = (UnsavedForm::News, id, revision);
    kept::after((db, public), actor, key, &form, saved, now).await
}

/// Stores the item over `revision`, or refuses.
async fn store(
    db: &DatabaseConnection,
    actor: &Actor,
    (id, revision): (i32, i32),
    form: &NewsForm,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let previous = revised::<news_item::Entity>(db, (id, revision), |p| p.revision).await?;
    let checked = check(db, id, form, previous.as_ref(), now).await?;
    let body_en = opt(&form.body_en);
    let mut model = news_item::ActiveModel {
        slug: Set(checked.slug),
        kind: Set(form.kind.clone()),
        competition_id: Set(checked.competition_id),
        title_sv: Set(form.title_sv.trim().into()),
        title_en: Set(opt(&form.title_en)),
        summary_sv: Set(form.summary_sv.trim().into()),
        summary_en: Set(opt(&form.summary_en)),
        body_html_sv: Set(markdown::render(&form.body_sv)),
        body_md_sv: Set(form.body_sv.clone()),
        body_html_en: Set(body_en.as_deref().map(markdown::render)),
        body_md_en: Set(body_en),
        image_alt_sv: Set(opt(&form.image_alt_sv)),
        image_alt_en: Set(opt(&form.image_alt_en)),
        published_at: Set(checked.published_at),
        updated_at: Set(Some(now)),
        ..Default::default()
    };
    let txn = begin_write(db).await?;
    let saved_id = match previous {
        Some(p) => {
            // A rescheduled item that was never public may be mailed when it becomes public.
            if p.published_at.is_none_or(|at| at > now) {
                model.notified_at = Set(None);
            }
            let columns = (news_item::Column::Id, news_item::Column::Revision);
            write_over::<news_item::Entity, _>(&txn, model, columns, (p.id, revision)).await?;
            p.id
        }
        None => {
            model.created_at = Set(now);
            model.revision = Set(0);
            model.insert(&txn).await.map_err(slug_conflict)?.id
        }
    };
    news_entry::Entity::delete_many()
        .filter(news_entry::Column::NewsId.eq(saved_id))
        .exec(&txn)
        .await?;
    let allowed: Vec<i32> = year_entries(&txn, checked.competition_id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut linked = form.entries.clone().unwrap_or_default();
    linked.sort_unstable();
    linked.dedup();
    for entry_id in linked.into_iter().filter(|e| allowed.contains(e)) {
        news_entry::ActiveModel {
            news_id: Set(saved_id),
            entry_id: Set(entry_id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "news.save",
        format!("news:{saved_id}"),
        serde_json::json!({ "publish": form.publish, "at": checked.published_at.map(|t| t.to_rfc3339()) }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(saved_id)
}

/// The sanitised HTML of Markdown, for the editor's live preview.
pub fn preview(actor: &Actor, source: &str) -> Result<String, AppError> {
    require_admin(actor)?;
    if source.chars().count() > MAX_BODY {
        return Err(AppError::invalid_field("body", Problem::TooLong));
    }
    Ok(markdown::render(source))
}

/// Sets the item's image with its alternative text (the Swedish one required).
pub async fn set_image(
    db: &DatabaseConnection,
    public: &PublicChanges,
    actor: &Actor,
    dir: &std::path::Path,
    id: i32,
    image: media::ImageUpload,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_admin(actor)?;
    let n = news_item::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let image = image.store(db, actor, dir, MAX_SUMMARY, now).await?;
    let before = serde_json::json!({ "image": n.image_id, "alt_sv": n.image_alt_sv });
    let after = serde_json::json!({ "image": image.id, "alt_sv": image.alt_sv });
    let txn = begin_write(db).await?;
    // The alternative texts are in the editor's form too: an editor opened before is stale.
    news_item::Entity::update_many()
        .set(news_item::ActiveModel {
            image_id: Set(Some(image.id)),
            image_alt_sv: Set(image.alt_sv),
            image_alt_en: Set(image.alt_en),
            ..Default::default()
        })
        .col_expr(
            news_item::Column::Revision,
            Expr::col(news_item::Column::Revision).add(1),
        )
        .filter(news_item::Column::Id.eq(n.id))
        .exec(&txn)
        .await?;
    let detail = audit::changes(&before, &after);
    let subject = format!("news:{}", n.id);
    audit::record(
        &txn,
        Some(actor.user_id),
        "news.image",
        subject,
        detail,
        now,
    )
    .await?;
    txn.commit().await?;
    public.changed(db).await;
    Ok(())
}

/// Entries a news item links to, for its article page.
pub(crate) async fn related<C: ConnectionTrait>(
    db: &C,
    news_id: i32,
) -> Result<Vec<RelatedEntry>, AppError> {
    let mut out = Vec::new();
    for link in news_entry::Entity::find()
        .filter(news_entry::Column::NewsId.eq(news_id))
        .all(db)
        .await?
    {
        let Some(e) = entry::Entity::find_by_id(link.entry_id).one(db).await? else {
            continue;
        };
        if !PUBLIC_STATUSES.contains(&e.status) {
            continue;
        }
        let Some(c) = competition::Entity::find_by_id(e.competition_id)
            .one(db)
            .await?
        else {
            continue;
        };
        out.push(RelatedEntry {
            year: c.year,
            slug: e.slug,
            title: e.title,
        });
    }
    Ok(out)
}

/// Mails the confirmed subscribers every item that has become public and was not mailed yet,
/// each claimed by a conditional update so that it goes out once. The mails are rendered before
/// the transaction that claims the item and queues them. Returns the mails queued.
pub async fn notify_subscribers(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let due = news_item::Entity::find()
        .filter(news_item::Column::PublishedAt.lte(now))
        .filter(news_item::Column::NotifiedAt.is_null())
        .order_by_asc(news_item::Column::PublishedAt)
        .all(db)
        .await?;
    let mut queued = 0;
    for n in due {
        let text = Text::new(&n.title_sv, n.title_en.as_ref());
        let summary = Text::new(&n.summary_sv, n.summary_en.as_ref());
        let mails: Vec<mail::Outgoing> = subscriber::Entity::find()
            .filter(subscriber::Column::ConfirmedAt.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .map(|s| {
                let lang = Lang::from_code(&s.language);
                mail::Outgoing {
                    template: Template::NewsPublished {
                        title: text.pick(lang).0.to_string(),
                        summary: summary.pick(lang).0.to_string(),
                        link: format!("{base_url}{}", lang.href(&format!("/news/{}", n.slug))),
                        unsubscribe: format!(
                            "{base_url}{}",
                            lang.href(&format!("/unsubscribe?token={}", s.token))
                        ),
                        one_click: format!("{base_url}/unsubscribe/one-click?token={}", s.token),
                    },
                    to_address: s.email,
                    to_name: String::new(),
                    lang,
                }
            })
            .collect();
        let txn = begin_write(db).await?;
        let claimed = news_item::Entity::update_many()
            .col_expr(news_item::Column::NotifiedAt, Expr::value(Some(now)))
            .filter(news_item::Column::Id.eq(n.id))
            .filter(news_item::Column::NotifiedAt.is_null())
            .filter(news_item::Column::PublishedAt.lte(now))
            .exec(&txn)
            .await?
            .rows_affected;
        if claimed == 0 {
            continue;
        }
        mail::enqueue_many(&txn, &mails, now).await?;
        txn.commit().await?;
        queued += mails.len();
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_dashed() {
        assert_eq!(
            slugify("Polisens metod RRI vinner svenska ECPA 2022!"),
            "polisens-metod-rri-vinner-svenska-ecpa-2022"
        );
        assert_eq!(slugify("Årets tävling – öppen"), "arets-tavling-oppen");
        assert_eq!(slugify("<script>"), "script");
        assert_eq!(slugify("!!!"), "");
        assert!(valid_slug("a-b-1"));
        for bad in ["", "-a", "a-", "A", "a/b", "a b", "../x"] {
            assert!(!valid_slug(bad), "{bad}");
        }
        assert!(slugify(&"x".repeat(300)).len() <= MAX_SLUG);
    }
}
