//! Who scores which entry: the balanced assignment and the organiser's changes by hand.
use super::*;

/// The ids of the round's judged entries, in id order.
pub(super) async fn judged_ids(
    db: &DatabaseConnection,
    c: &competition::Model,
) -> Result<Vec<i32>, AppError> {
    let mut ids: Vec<i32> = judged_entries(db, c).await?.iter().map(|e| e.id).collect();
    ids.sort();
    Ok(ids)
}

/// A balanced assignment: each entry gets `per_entry` jurors, no juror more than `cap`
/// entries, nobody an entry they are conflicted on. Entries in id order take the jurors with
/// the lowest load so far (then the lowest id), so the same input gives the same result.
/// Returns the pairs and, per entry that got fewer than asked, who was left out and why.
pub fn balance(
    entries: &[i32],
    jurors: &[i32],
    conflicts: &HashSet<(i32, i32)>,
    per_entry: usize,
    cap: usize,
) -> (Vec<(i32, i32)>, Vec<(i32, usize, Vec<i32>, Vec<i32>)>) {
    let mut load: BTreeMap<i32, usize> = jurors.iter().map(|j| (*j, 0)).collect();
    let mut pairs = Vec::new();
    let mut short = Vec::new();
    for e in entries {
        let mut candidates: Vec<i32> = jurors
            .iter()
            .copied()
            .filter(|j| !conflicts.contains(&(*e, *j)) && load[j] < cap)
            .collect();
        candidates.sort_by_key(|j| (load[j], *j));
        let chosen: Vec<i32> = candidates.into_iter().take(per_entry).collect();
        for j in &chosen {
            *load.get_mut(j).expect("a juror") += 1;
            pairs.push((*e, *j));
        }
        if chosen.len() < per_entry {
            let conflicted = jurors
                .iter()
                .copied()
                .filter(|j| conflicts.contains(&(*e, *j)))
                .collect();
            let at_cap = jurors
                .iter()
                .copied()
                .filter(|j| !conflicts.contains(&(*e, *j)) && !chosen.contains(j))
                .collect();
            short.push((*e, chosen.len(), conflicted, at_cap));
        }
    }
    (pairs, short)
}

/// Replaces the year's assignments by a balanced one; `per_entry` 0 goes back to everyone
/// judging every entry.
pub async fn assign(
    db: &DatabaseConnection,
    actor: &Actor,
    r: impl Into<RoundRef>,
    per_entry: usize,
    cap: usize,
    now: DateTime<Utc>,
) -> Result<AssignmentReport, AppError> {
    require_any_organiser(actor)?;
    let c = round(db, r.into()).await?;
    require_organiser(actor, &c)?;
    if per_entry > 100 || cap > 10_000 {
        return Err(AppError::invalid_field("per_entry", Problem::OutOfRange));
    }
    // The members and their conflicts as jury access knows them: in the final, a juror's own
    // country's entry counts as a conflict.
    let access = JuryAccess::load(db, &c).await?;
    let mut entries = access.entries().to_vec();
    entries.sort_by_key(|e| e.id);
    let entry_ids: Vec<i32> = entries.iter().map(|e| e.id).collect();
    let jurors = access.members();
    let conflicts = access.conflicts();
    let names: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(jurors.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let (pairs, short) = if per_entry == 0 {
        (Vec::new(), Vec::new())
    } else {
        balance(&entry_ids, &jurors, conflicts, per_entry, cap.max(1))
    };
    let txn = begin_write(db).await?;
    jury_assignment::Entity::delete_many()
        .filter(jury_assignment::Column::EntryId.is_in(entry_ids.clone()))
        .exec(&txn)
        .await?;
    if !pairs.is_empty() {
        jury_assignment::Entity::insert_many(pairs.iter().map(|(e, j)| {
            jury_assignment::ActiveModel {
                entry_id: Set(*e),
                juror_id: Set(*j),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "jury.assign",
        format!("competition:{}", c.id),
        serde_json::json!({ "per_entry": per_entry, "cap": cap, "pairs": pairs.len() }),
        now,
    )
    .await?;
    txn.commit().await?;
    let name = |j: &i32| names.get(j).cloned().unwrap_or_default();
    Ok(AssignmentReport {
        pairs: pairs.len(),
        loads: jurors
            .iter()
            .map(|j| (name(j), pairs.iter().filter(|(_, x)| x == j).count()))
            .collect(),
        shortfalls: short
            .into_iter()
            .map(|(e, assigned, conflicted, at_cap)| Shortfall {
                entry_id: e,
                title: entries
                    .iter()
                    .find(|x| x.id == e)
                    .map(|x| x.title.clone())
                    .unwrap_or_default(),
                assigned,
                wanted: per_entry,
                conflicted: conflicted.iter().map(name).collect(),
                at_cap: at_cap.iter().map(name).collect(),
            })
            .collect(),
    })
}

/// Assigns or unassigns one juror to one entry by hand. With no explicit assignments yet
/// (everyone has everything), the current all-to-all state is written out first.
pub async fn set_assignment(
    db: &DatabaseConnection,
    actor: &Actor,
    entry_id: i32,
    juror_id: i32,
    assigned: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    require_any_organiser(actor)?;
    let e = entry::Entity::find_by_id(entry_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = super::super::entries::applicant::competition_of(db, &e).await?;
    require_organiser(actor, &c)?;
    if !judged_entries(db, &c).await?.iter().any(|j| j.id == e.id) {
        return Err(AppError::NotFound);
    }
    let jurors: Vec<i32> = jury_member::Entity::find()
        .filter(jury_member::Column::CompetitionId.eq(e.competition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    if !jurors.contains(&juror_id) {
        return Err(AppError::invalid_field("juror_id", Problem::InvalidChoice));
    }
    let entry_ids = judged_ids(db, &c).await?;
    let txn = begin_write(db).await?;
    let explicit = jury_assignment::Entity::find()
        .filter(jury_assignment::Column::EntryId.is_in(entry_ids.clone()))
        .count(&txn)
        .await?
        > 0;
    if !explicit {
        let all: Vec<jury_assignment::ActiveModel> = entry_ids
            .iter()
            .flat_map(|e| {
                jurors.iter().map(move |j| jury_assignment::ActiveModel {
                    entry_id: Set(*e),
                    juror_id: Set(*j),
                    ..Default::default()
                })
            })
            .collect();
        if !all.is_empty() {
            jury_assignment::Entity::insert_many(all).exec(&txn).await?;
        }
    }
    if assigned {
        jury_assignment::Entity::insert(jury_assignment::ActiveModel {
            entry_id: Set(e.id),
            juror_id: Set(juror_id),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                jury_assignment::Column::EntryId,
                jury_assignment::Column::JurorId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    } else {
        jury_assignment::Entity::delete_many()
            .filter(jury_assignment::Column::EntryId.eq(e.id))
            .filter(jury_assignment::Column::JurorId.eq(juror_id))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        Some(actor.user_id),
        "jury.assignment",
        format!("entry:{} juror:{juror_id}", e.id),
        serde_json::json!({ "assigned": assigned }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_is_even_deterministic_and_respects_conflicts() {
        let entries = [1, 2, 3, 4];
        let jurors = [10, 11, 12];
        let conflicts: HashSet<(i32, i32)> = [(1, 10)].into_iter().collect();
        // Loads after each entry: e1 → 11, 12; e2 → 10 (0) and 11 (1, lower id than 12);
        // e3 → 10 and 12 (both 1); e4 → all at 2, so the lowest ids, 10 and 11.
        let (pairs, short) = balance(&entries, &jurors, &conflicts, 2, 3);
        assert_eq!(
            pairs,
            vec![
                (1, 11),
                (1, 12),
                (2, 10),
                (2, 11),
                (3, 10),
                (3, 12),
                (4, 10),
                (4, 11)
            ]
        );
        assert!(short.is_empty());
        assert_eq!(
            balance(&entries, &jurors, &conflicts, 2, 3).0,
            pairs,
            "same input, same result"
        );
        assert!(!pairs.contains(&(1, 10)));
    }

    #[test]
    fn balance_explains_what_it_cannot_meet() {
        // Two jurors with a cap of 1 cannot give three entries two jurors each.
        let conflicts: HashSet<(i32, i32)> = [(2, 11)].into_iter().collect();
        let (pairs, short) = balance(&[1, 2, 3], &[10, 11], &conflicts, 2, 1);
        assert_eq!(pairs, vec![(1, 10), (1, 11)]);
        assert_eq!(
            short,
            vec![(2, 0, vec![11], vec![10]), (3, 0, vec![], vec![10, 11])]
        );
    }
}
