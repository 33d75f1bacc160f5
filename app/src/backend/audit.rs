//! The audit room: one line in `audit_log` per change that someone must be able to account for
//! afterwards (scores, the decision, publication, news and events, jury set-up). Every room that
//! changes such things writes here, in its own transaction; nothing here reads the other rooms.
//!
//! The lines form a hash chain: each keeps the hash of the line before it and its own hash over
//! both, so a line edited or removed behind the portal's back breaks the chain at that place
//! ([`verify`], `ecpa audit verify`). Lines are chained in the order of their ids; on
//! PostgreSQL an advisory lock held to the end of the writing transaction keeps that order the
//! order of commits, and on SQLite the write lock does. A service writes its line after its own
//! writes, so the chain's lock is the last lock its transaction takes and two transactions never
//! wait for each other's rows and the lock at once.
//!
//! A line's hash covers the digest of its detail, not the detail itself. A person's erasure
//! may blank their name and address inside a line's detail ([`blank`]); the line keeps the
//! digest of what it said, and the erasure's own line ([`ERASURE`]) names the lines it
//! blanked. [`verify`] accepts a detail that no longer matches its digest only on those lines.
use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::entities::audit_log;
use crate::error::AppError;

/// The key of the PostgreSQL advisory lock that serialises the chain ("audit" in ASCII).
const CHAIN_LOCK: i64 = 0x61_7564_6974;

/// The kind of line a person's erasure writes; its detail lists the lines it blanked under
/// [`BLANKED`].
pub const ERASURE: &str = "person.erase";
/// The key, in an erasure line's detail, of the ids of the lines it blanked.
pub const BLANKED: &str = "blanked";

/// Writes one line to the audit log, in the caller's transaction, and links it to the chain.
pub async fn record<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<i32>,
    action: &str,
    subject: String,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    // A savepoint inside the caller's transaction, or a transaction of its own: the line and
    // its link are written together, and the PostgreSQL lock lasts until the outer commit.
    let txn = db.begin().await?;
    lock_chain(&txn).await?;
    // The insert comes before any read: on SQLite it takes the write lock while the
    // transaction has read nothing, so a writer already at work is waited for, not refused.
    let detail = detail.to_string();
    let mut line = audit_log::ActiveModel {
        // Whole microseconds: what both databases keep, so the hash reads the same later.
        at: Set(now.trunc_subsecs(6)),
        actor_id: Set(actor),
        action: Set(action.into()),
        subject: Set(subject),
        detail_digest: Set(Some(digest(&detail))),
        detail: Set(detail),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    line.competition_id = round_of(&txn, &line.subject).await?;
    let prev = hash_before(&txn, line.id).await?;
    seal(&txn, line, prev).await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces a line's detail, keeping the digest of what it said, for a person's erasure: the
/// caller writes an [`ERASURE`] line naming it in the same transaction. A line written before
/// digests existed cannot be blanked without breaking the chain: it is left as it is, and the
/// answer is `false`.
pub async fn blank<C: ConnectionTrait>(db: &C, id: i32, detail: String) -> Result<bool, AppError> {
    let Some(line) = audit_log::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    if line.detail_digest.is_none() {
        return Ok(false);
    }
    audit_log::ActiveModel {
        id: Set(id),
        detail: Set(detail),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(true)
}

/// The SHA-256, in hex, of a line's detail.
fn digest(detail: &str) -> String {
    hex::encode(Sha256::digest(detail.as_bytes()))
}

/// What changed between two states of an object, field by field: `{"field": {"before": ..,
/// "after": ..}}` for the top-level fields that differ. A value that is not an object is one
/// field, `value`.
pub(crate) fn changes(
    before: &impl serde::Serialize,
    after: &impl serde::Serialize,
) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let as_map = |v: Value| match v {
        Value::Object(m) => m,
        other => Map::from_iter([("value".to_string(), other)]),
    };
    let before = as_map(serde_json::to_value(before).unwrap_or(Value::Null));
    let mut after = as_map(serde_json::to_value(after).unwrap_or(Value::Null));
    let mut out = Map::new();
    for (key, old) in before {
        let new = after.remove(&key).unwrap_or(Value::Null);
        if old != new {
            out.insert(key, json!({ "before": old, "after": new }));
        }
    }
    for (key, new) in after {
        out.insert(key, json!({ "before": Value::Null, "after": new }));
    }
    Value::Object(out)
}

/// The round a subject belongs to, from its first part: `competition:<id>`, `entry:<id>`,
/// `award:<id>`, `news:<id>`, `event:<id>`, `final:<year>[:<cc>]` or `round:<year>:<cc>`.
/// People (`user:<id>`) and anything else belong to no round.
async fn round_of<C: ConnectionTrait>(db: &C, subject: &str) -> Result<Option<i32>, AppError> {
    use super::entities::{award, competition, entry, event, news_item};
    let first = subject.split(' ').next().unwrap_or_default();
    let parts: Vec<&str> = first.split(':').collect();
    let id = |s: &str| s.parse::<i32>().ok();
    Ok(match parts.as_slice() {
        ["competition", c] => id(c),
        ["entry", e] => {
            row_round::<entry::Entity, _>(db, id(e), |e| Some(e.competition_id)).await?
        }
        ["award", a] => {
            row_round::<award::Entity, _>(db, id(a), |a| Some(a.competition_id)).await?
        }
        ["news", n] => row_round::<news_item::Entity, _>(db, id(n), |n| n.competition_id).await?,
        ["event", e] => row_round::<event::Entity, _>(db, id(e), |e| e.competition_id).await?,
        ["final", year, ..] | ["round", year, _] => {
            let Some(year) = id(year) else {
                return Ok(None);
            };
            let mut q = competition::Entity::find().filter(competition::Column::Year.eq(year));
            q = match parts.as_slice() {
                ["round", _, cc] => q
                    .filter(competition::Column::RoundKind.eq(competition::NATIONAL))
                    .filter(competition::Column::Country.eq(*cc)),
                _ => q.filter(competition::Column::RoundKind.eq(competition::EUROPEAN)),
            };
            q.one(db).await?.map(|c| c.id)
        }
        _ => None,
    })
}

/// The round of row `id` of `E`, as `round` reads it from the row; none for a row not found.
async fn row_round<E, C>(
    db: &C,
    id: Option<i32>,
    round: impl FnOnce(E::Model) -> Option<i32>,
) -> Result<Option<i32>, AppError>
where
    E: EntityTrait,
    E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i32>,
    C: ConnectionTrait,
{
    let Some(id) = id else {
        return Ok(None);
    };
    Ok(E::find_by_id(id).one(db).await?.and_then(round))
}

/// Takes the chain's lock on PostgreSQL; SQLite's writer is already alone.
async fn lock_chain<C: ConnectionTrait>(db: &C) -> Result<(), AppError> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({CHAIN_LOCK})"))
            .await?;
    }
    Ok(())
}

/// The hash of the line before `id`, or "" at the start of the chain.
async fn hash_before<C: ConnectionTrait>(db: &C, id: i32) -> Result<String, AppError> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::Id.lt(id))
        .order_by_desc(audit_log::Column::Id)
        .one(db)
        .await?
        .and_then(|l| l.hash)
        .unwrap_or_default())
}

/// Stores the line's link to `prev` and its own hash; returns that hash.
async fn seal<C: ConnectionTrait>(
    db: &C,
    line: audit_log::Model,
    prev: String,
) -> Result<String, AppError> {
    let hash = link(&prev, &line);
    audit_log::ActiveModel {
        id: Set(line.id),
        competition_id: Set(line.competition_id),
        prev_hash: Set(Some(prev)),
        hash: Set(Some(hash.clone())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(hash)
}

/// The hash of a line chained to `prev`: SHA-256 over every field, each prefixed with its
/// length so that no two lines read alike. The detail counts by its digest where the line has
/// one, and as it is on the lines written before digests.
fn link(prev: &str, line: &audit_log::Model) -> String {
    let mut h = Sha256::new();
    let id = line.id.to_string();
    let at = line.at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let actor = line.actor_id.map(|a| a.to_string()).unwrap_or_default();
    let round = line
        .competition_id
        .map(|c| c.to_string())
        .unwrap_or_default();
    for field in [
        prev,
        &id,
        &at,
        &actor,
        &line.action,
        &line.subject,
        &round,
        line.detail_digest.as_ref().unwrap_or(&line.detail),
    ] {
        h.update(format!("{}:", field.len()));
        h.update(field);
        h.update("\n");
    }
    hex::encode(h.finalize())
}

/// Seals the lines written before the chain existed, in order, when no line is sealed yet.
/// Once any line is sealed this does nothing, so an unsealed line later is a break.
pub async fn seal_unchained<C: ConnectionTrait + TransactionTrait>(
    db: &C,
) -> Result<u64, AppError> {
    let txn = db.begin().await?;
    lock_chain(&txn).await?;
    // One sealed line is enough to know: this runs at every start.
    let any_sealed = audit_log::Entity::find()
        .filter(audit_log::Column::Hash.is_not_null())
        .one(&txn)
        .await?
        .is_some();
    let mut count = 0;
    if !any_sealed {
        let mut prev = String::new();
        let lines = audit_log::Entity::find()
            .order_by_asc(audit_log::Column::Id)
            .all(&txn)
            .await?;
        for mut line in lines {
            line.competition_id = round_of(&txn, &line.subject).await?;
            prev = seal(&txn, line, prev).await?;
            count += 1;
        }
    }
    txn.commit().await?;
    Ok(count)
}

/// Why the chain is broken at a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Break {
    /// The line has no hash: written around the portal.
    Unsealed,
    /// The line's fields no longer give its hash: it was edited.
    Edited,
    /// The line is not linked to the one before it: a line between was removed, or the
    /// order changed.
    Unlinked,
}

impl Break {
    pub fn explain(self) -> &'static str {
        match self {
            Break::Unsealed => "it has no hash (written around the portal)",
            Break::Edited => "its contents do not match its hash (edited)",
            Break::Unlinked => {
                "it does not link to the line before it (a line was removed or moved)"
            }
        }
    }
}

/// What [`verify`] found: the lines read, and the first broken one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainCheck {
    pub lines: u64,
    pub broken: Option<(i32, Break)>,
}

/// Reads the whole log in order and checks every link, and every detail against its digest
/// except on the lines an erasure blanked.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<ChainCheck, AppError> {
    let blanked = blanked_lines(db).await?;
    let mut prev = String::new();
    let mut lines = 0;
    let mut after = i32::MIN;
    loop {
        // A thousand lines at a time, from the last id read (no offsets to count past).
        let page = audit_log::Entity::find()
            .filter(audit_log::Column::Id.gt(after))
            .order_by_asc(audit_log::Column::Id)
            .limit(1000)
            .all(db)
            .await?;
        if page.is_empty() {
            break;
        }
        for line in page {
            lines += 1;
            after = line.id;
            let found = match (&line.prev_hash, &line.hash) {
                (_, None) | (None, _) => Some(Break::Unsealed),
                (Some(p), _) if *p != prev => Some(Break::Unlinked),
                (Some(p), Some(h)) if *h != link(p, &line) => Some(Break::Edited),
                _ if line
                    .detail_digest
                    .as_ref()
                    .is_some_and(|d| *d != digest(&line.detail))
                    && !blanked.contains(&line.id) =>
                {
                    Some(Break::Edited)
                }
                (_, Some(h)) => {
                    prev = h.clone();
                    None
                }
            };
            if let Some(b) = found {
                return Ok(ChainCheck {
                    lines,
                    broken: Some((line.id, b)),
                });
            }
        }
    }
    Ok(ChainCheck {
        lines,
        broken: None,
    })
}

/// The lines that erasures blanked, as their own lines name them. A line claimed by a forged
/// erasure line is still found: the forged line breaks the chain where it stands.
async fn blanked_lines<C: ConnectionTrait>(
    db: &C,
) -> Result<std::collections::HashSet<i32>, AppError> {
    let erasures = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(ERASURE))
        .all(db)
        .await?;
    Ok(erasures
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l.detail).ok())
        .flat_map(|d| {
            d.get(BLANKED)
                .and_then(|b| b.as_array())
                .into_iter()
                .flatten()
                .filter_map(|id| id.as_i64().and_then(|i| i32::try_from(i).ok()))
                .collect::<Vec<_>>()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_name_each_field_that_differs_with_its_old_and_new_value() {
        let before = json!({ "closes_at": "2027-05-31T23:59", "theme": "Trygghet", "gone": 1 });
        let after = json!({ "closes_at": "2027-06-07T23:59", "theme": "Trygghet", "new": true });
        assert_eq!(
            changes(&before, &after),
            json!({
                "closes_at": { "before": "2027-05-31T23:59", "after": "2027-06-07T23:59" },
                "gone": { "before": 1, "after": null },
                "new": { "before": null, "after": true },
            })
        );
        assert_eq!(changes(&before, &before), json!({}));
        assert_eq!(
            changes(&vec!["juror"], &vec!["juror", "chair"]),
            json!({ "value": { "before": ["juror"], "after": ["juror", "chair"] } })
        );
    }

    #[test]
    fn a_line_hashes_differently_when_any_field_or_its_link_changes() {
        let line = audit_log::Model {
            id: 7,
            at: chrono::DateTime::from_timestamp(1_800_000_000, 123_456_000).unwrap(),
            actor_id: Some(3),
            action: "entry.screen".into(),
            subject: "entry:9".into(),
            detail: "{}".into(),
            competition_id: Some(2),
            prev_hash: None,
            hash: None,
            detail_digest: None,
        };
        let h = link("abc", &line);
        assert_eq!(h.len(), 64);
        assert_eq!(
            h,
            link("abc", &line.clone()),
            "the same line, the same hash"
        );
        assert_ne!(h, link("abd", &line));
        for changed in [
            audit_log::Model {
                id: 8,
                ..line.clone()
            },
            audit_log::Model {
                actor_id: None,
                ..line.clone()
            },
            audit_log::Model {
                action: "entry.scree".into(),
                ..line.clone()
            },
            audit_log::Model {
                subject: "entry:90".into(),
                ..line.clone()
            },
            audit_log::Model {
                detail: "{ }".into(),
                ..line.clone()
            },
            audit_log::Model {
                competition_id: None,
                ..line.clone()
            },
            audit_log::Model {
                at: line.at + chrono::Duration::microseconds(1),
                ..line.clone()
            },
        ] {
            assert_ne!(h, link("abc", &changed), "{changed:?}");
        }
        // Fields do not run into each other: moving a character between two changes the hash.
        let moved = audit_log::Model {
            action: "entry.screenentry".into(),
            subject: ":9".into(),
            ..line.clone()
        };
        assert_ne!(h, link("abc", &moved));
    }

    #[test]
    fn a_line_with_a_digest_hashes_the_digest_so_its_detail_can_be_blanked() {
        let line = audit_log::Model {
            id: 7,
            at: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            actor_id: Some(3),
            action: "dossier.send".into(),
            subject: "entry:9".into(),
            detail: r#"{"address":"anna@example.se"}"#.into(),
            competition_id: Some(2),
            prev_hash: None,
            hash: None,
            detail_digest: Some(digest(r#"{"address":"anna@example.se"}"#)),
        };
        let h = link("abc", &line);
        let blanked = audit_log::Model {
            detail: r#"{"address":"[raderat]"}"#.into(),
            ..line.clone()
        };
        assert_eq!(h, link("abc", &blanked), "the digest stands for the detail");
        let other_digest = audit_log::Model {
            detail_digest: Some(digest("{}")),
            ..line.clone()
        };
        assert_ne!(h, link("abc", &other_digest));
        // A line without a digest (written before digests) hashes its detail as it is.
        let legacy = audit_log::Model {
            detail_digest: None,
            ..line.clone()
        };
        assert_ne!(
            link("abc", &legacy),
            link(
                "abc",
                &audit_log::Model {
                    detail: "{}".into(),
                    ..legacy.clone()
                }
            )
        );
    }
}
