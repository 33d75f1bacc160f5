//! The organiser's reading of the audit log: the lines filtered by year, person, kind and
//! object, a page at a time, newest first, and the same lines as a CSV file. The log itself is
//! written by the audit room; this room only reads it, and only for the organiser.
use std::collections::HashMap;

use chrono::SecondsFormat;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select,
};

use super::accounts::Actor;
use super::admin::{like_literal, name_or_email_contains, require_admin};
use super::clock::when;
use super::entities::{app_user, audit_log, competition};
use super::exports;
use crate::error::AppError;
use crate::model::{AUDIT_PAGE_SIZE, AuditChange, AuditFilter, AuditLine, AuditView};

/// The longest filter text kept; longer input is cut, not refused.
const MAX_FILTER_CHARS: usize = 200;

/// A page of the audit log for the organiser.
pub async fn trail(
    db: &DatabaseConnection,
    actor: &Actor,
    f: &AuditFilter,
) -> Result<AuditView, AppError> {
    require_admin(actor)?;
    let f = cleaned(f);
    let find = filtered(&f);
    let total = find.clone().count(db).await?;
    let pages = Ord::max(total.div_ceil(AUDIT_PAGE_SIZE), 1);
    let page = f.page.unwrap_or(1).clamp(1, pages);
    let rows = find
        .order_by_desc(audit_log::Column::Id)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
        .limit(AUDIT_PAGE_SIZE)
        .all(db)
        .await?;
    let names = context(db, &rows).await?;
    let kinds = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Action)
        .distinct()
        .order_by_asc(audit_log::Column::Action)
        .into_tuple::<String>()
        .all(db)
        .await?;
    let mut years: Vec<i32> = competition::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.year)
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(AuditView {
        lines: rows.into_iter().map(|l| line(l, &names)).collect(),
        total,
        page,
        pages,
        years,
        kinds,
        query: f.query(),
    })
}

/// Every line the filters match, oldest first, as CSV (the organiser's export).
pub async fn trail_csv(
    db: &DatabaseConnection,
    actor: &Actor,
    f: &AuditFilter,
    dialect: exports::Dialect,
) -> Result<Vec<u8>, AppError> {
    require_admin(actor)?;
    let f = cleaned(f);
    let rows = filtered(&f)
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    let names = context(db, &rows).await?;
    let table: Vec<Vec<String>> = rows
        .into_iter()
        .map(|l| {
            let stamp = l.at.to_rfc3339_opts(SecondsFormat::Secs, true);
            let hash = l.hash.clone().unwrap_or_default();
            let detail = l.detail.clone();
            let shown = line(l, &names);
            [
                shown.id.to_string(),
                stamp,
                shown.person.unwrap_or_default(),
                shown.kind,
                shown.object,
                shown.year.map(|y| y.to_string()).unwrap_or_default(),
                detail,
                hash,
            ]
            .iter()
            .map(|c| exports::cell(c))
            .collect()
        })
        .collect();
    let header = [
        "id", "at", "person", "kind", "object", "year", "detail", "hash",
    ];
    exports::csv_file(&header, &table, dialect)
}

/// The filters trimmed and cut to a sane length.
fn cleaned(f: &AuditFilter) -> AuditFilter {
    let cut = |s: &str| s.trim().chars().take(MAX_FILTER_CHARS).collect::<String>();
    AuditFilter {
        year: f.year,
        person: cut(&f.person),
        kind: cut(&f.kind),
        object: cut(&f.object),
        page: f.page,
    }
}

/// The query for the lines the filters match.
fn filtered(f: &AuditFilter) -> Select<audit_log::Entity> {
    let mut find = audit_log::Entity::find();
    if let Some(year) = f.year {
        let rounds = competition::Entity::find()
            .select_only()
            .column(competition::Column::Id)
            .filter(competition::Column::Year.eq(year))
            .into_query();
        find = find.filter(audit_log::Column::CompetitionId.in_subquery(rounds));
    }
    if !f.person.is_empty() {
        let people = app_user::Entity::find()
            .select_only()
            .column(app_user::Column::Id)
            .filter(name_or_email_contains(&f.person))
            .into_query();
        find = find.filter(audit_log::Column::ActorId.in_subquery(people));
    }
    if !f.kind.is_empty() {
        find = find.filter(audit_log::Column::Action.eq(f.kind.as_str()));
    }
    // An object is one part of a subject: `entry:12` matches `entry:12 juror:3`, not
    // `entry:123`.
    if let Some(object) = f.object.split_whitespace().next() {
        let o = like_literal(object);
        find = find.filter(
            Condition::any()
                .add(audit_log::Column::Subject.eq(object))
                .add(audit_log::Column::Subject.like(format!("{o} %")))
                .add(audit_log::Column::Subject.like(format!("% {o}")))
                .add(audit_log::Column::Subject.like(format!("% {o} %"))),
        );
    }
    find
}

/// The names of the people and the years of the rounds the lines mention.
struct Names {
    people: HashMap<i32, String>,
    years: HashMap<i32, i32>,
}

async fn context(db: &DatabaseConnection, rows: &[audit_log::Model]) -> Result<Names, AppError> {
    let people = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(rows.iter().filter_map(|l| l.actor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| {
            let shown = if u.name.trim().is_empty() {
                u.email
            } else {
                u.name
            };
            (u.id, shown)
        })
        .collect();
    let years = competition::Entity::find()
        .filter(competition::Column::Id.is_in(rows.iter().filter_map(|l| l.competition_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.year))
        .collect();
    Ok(Names { people, years })
}

fn line(l: audit_log::Model, names: &Names) -> AuditLine {
    AuditLine {
        id: l.id,
        at: when(l.at),
        person: l.actor_id.and_then(|a| names.people.get(&a).cloned()),
        kind: l.action,
        object: l.subject,
        year: l.competition_id.and_then(|c| names.years.get(&c).copied()),
        changes: changes(&l.detail),
    }
}

/// A line's detail as changes: `{"field": {"before": .., "after": ..}}` gives one change per
/// field; any other value is listed as facts, field by field.
fn changes(detail: &str) -> Vec<AuditChange> {
    use serde_json::Value;
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => "–".into(),
        other => other.to_string(),
    };
    match serde_json::from_str::<Value>(detail) {
        Ok(Value::Object(fields)) => fields
            .iter()
            .map(|(field, v)| match v {
                Value::Object(pair)
                    if pair.contains_key("before") && pair.contains_key("after") =>
                {
                    AuditChange {
                        field: field.clone(),
                        before: Some(text(&pair["before"])),
                        after: text(&pair["after"]),
                    }
                }
                other => AuditChange {
                    field: field.clone(),
                    before: None,
                    after: text(other),
                },
            })
            .collect(),
        Ok(Value::Null) | Err(_) => Vec::new(),
        Ok(other) => vec![AuditChange {
            field: String::new(),
            before: None,
            after: text(&other),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_as_changes_or_as_facts() {
        let c = changes(r#"{"closes_at":{"before":"2027-05-31T23:59","after":null},"rows":3}"#);
        assert_eq!(
            c,
            vec![
                AuditChange {
                    field: "closes_at".into(),
                    before: Some("2027-05-31T23:59".into()),
                    after: "–".into()
                },
                AuditChange {
                    field: "rows".into(),
                    before: None,
                    after: "3".into()
                },
            ]
        );
        assert!(changes("not json").is_empty());
        assert_eq!(changes("[1,2]")[0].after, "[1,2]");
    }
}
