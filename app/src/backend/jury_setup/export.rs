//! The export of every score and comment of a year, for the organiser.
use super::*;

/// Every score sheet of a year as rows: for the organiser at any time, for the chair once
/// judging has closed. Only the entries in play count (after a shortlist, the advanced ones), as
/// the jury's access rule says. A sheet that does not count is listed without its scores: as
/// recused where its juror is conflicted, as unassigned where the entry is no longer theirs.
/// Each download is in the audit log.
pub async fn export_scores(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    now: DateTime<Utc>,
) -> Result<(Vec<String>, Vec<Vec<String>>), AppError> {
    let c = round(db, r.into()).await?;
    if !super::super::competition::organises(actor, &c) {
        let chair = jury_member::Entity::find()
            .filter(jury_member::Column::CompetitionId.eq(c.id))
            .filter(jury_member::Column::UserId.eq(actor.user_id))
            .one(db)
            .await?
            .is_some_and(|m| m.chair);
        if !chair {
            return Err(AppError::Forbidden);
        }
        if phase_at(&c, now) <= Phase::Judging {
            return Err(AppError::Conflict(crate::error::Conflict::NotYet));
        }
    }
    let criteria = criteria(db, &c).await?;
    let mut header: Vec<String> = ["reference", "title", "juror", "status", "submitted_at"]
        .map(String::from)
        .to_vec();
    for k in &criteria {
        header.push(format!("{}_score", k.key));
        header.push(format!("{}_comment", k.key));
    }
    header.push("overall_comment".into());
    let access = JuryAccess::load(db, &c).await?;
    let entries = access.entries();
    let sheets = score_sheet::Entity::find()
        .filter(score_sheet::Column::EntryId.is_in(entries.iter().map(|e| e.id)))
        .all(db)
        .await?;
    let names: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(sheets.iter().map(|s| s.juror_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut rows = Vec::new();
    for e in entries {
        for s in sheets.iter().filter(|s| s.entry_id == e.id) {
            let stood_aside = if access.conflicted(e.id, s.juror_id) {
                Some("recused")
            } else if !access.assigned(e.id, s.juror_id) {
                Some("unassigned")
            } else {
                None
            };
            let hidden = stood_aside.is_some();
            let mut row = vec![
                e.reference.clone(),
                e.title.clone(),
                names.get(&s.juror_id).cloned().unwrap_or_default(),
                stood_aside.map_or_else(|| s.status.to_value(), String::from),
                s.submitted_at
                    .map(|t| {
                        let w = when(t);
                        format!("{} {}", w.date, w.time)
                    })
                    .unwrap_or_default(),
            ];
            for k in &criteria {
                let v = s.scores.0.get(&k.key).filter(|_| !hidden);
                let score = v
                    .and_then(|v| v.score)
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                let comment = v.map(|v| v.comment.clone()).unwrap_or_default();
                row.push(score);
                row.push(comment);
            }
            row.push(if hidden {
                String::new()
            } else {
                s.overall_comment.clone()
            });
            rows.push(row.iter().map(|c| exports::cell(c)).collect());
        }
    }
    let subject = format!("competition:{}", c.id);
    let detail = serde_json::json!({ "rows": rows.len() });
    audit::record(
        db,
        Some(actor.user_id),
        "export.scores",
        subject,
        detail,
        now,
    )
    .await?;
    Ok((header, rows))
}
