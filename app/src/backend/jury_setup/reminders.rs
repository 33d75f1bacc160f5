//! Reminders to jurors with sheets left before judging closes.
use super::*;
use crate::backend::entities::score_sheet::SheetState;
use crate::backend::reminders;

/// Reminders 3 days and 1 day before judging closes, to jurors with unfinished sheets. Each is
/// claimed in the database first, so it goes out once whatever the number of instances.
pub async fn send_reminders(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<usize, AppError> {
    let mut sent = 0;
    for c in all(db).await? {
        let Some(closes) = c.deliberation_at.or(c.decided_at) else {
            continue;
        };
        if phase_at(&c, now) != Phase::Judging {
            continue;
        }
        let Some(kind) = reminders::due(&[("1d", 1), ("3d", 3)], closes, now) else {
            continue;
        };
        let entry_ids = judged_ids(db, &c).await?;
        let explicit: HashSet<(i32, i32)> = jury_assignment::Entity::find()
            .filter(jury_assignment::Column::EntryId.is_in(entry_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.entry_id, a.juror_id))
            .collect();
        let conflicts: HashSet<(i32, i32)> = jury_conflict::Entity::find()
            .filter(jury_conflict::Column::EntryId.is_in(entry_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.entry_id, c.juror_id))
            .collect();
        let submitted: HashSet<(i32, i32)> = score_sheet::Entity::find()
            .filter(score_sheet::Column::EntryId.is_in(entry_ids.clone()))
            .filter(score_sheet::Column::Status.eq(SheetState::Submitted))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.entry_id, s.juror_id))
            .collect();
        let members = jury_member::Entity::find()
            .filter(jury_member::Column::CompetitionId.eq(c.id))
            .all(db)
            .await?;
        for m in members {
            let j = m.user_id;
            let remaining = entry_ids
                .iter()
                .filter(|e| explicit.is_empty() || explicit.contains(&(**e, j)))
                .filter(|e| !conflicts.contains(&(**e, j)) && !submitted.contains(&(**e, j)))
                .count();
            if remaining == 0 {
                continue;
            }
            let Some(u) = app_user::Entity::find_by_id(j).one(db).await? else {
                continue;
            };
            if !u.active {
                continue;
            }
            let txn = begin_write(db).await?;
            let claim = jury_reminder_sent::ActiveModel {
                competition_id: Set(c.id),
                user_id: Set(j),
                kind: Set(kind.into()),
                sent_at: Set(now),
                ..Default::default()
            };
            use jury_reminder_sent::Column as K;
            if !reminders::claim(&txn, claim, [K::CompetitionId, K::UserId, K::Kind]).await? {
                continue;
            }
            let lang = Lang::from_code(&u.language);
            mail::enqueue(
                &txn,
                &u.email,
                &u.name,
                lang,
                &Template::JuryReminder {
                    name: u.name.clone(),
                    year: c.year,
                    closes: when(closes),
                    remaining,
                    link: format!("{base_url}{}", lang.href(&format!("/jury/{}", c.year))),
                },
                now,
            )
            .await?;
            txn.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}
