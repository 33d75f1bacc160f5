//! The 2022 European final in the demo, as far as its result is known: Sweden's RRI won, the
//! Netherlands came second and Denmark third, at the Best Practice Conference in Czechia on
//! 8–9 December. Sweden's entry is the national winner forwarded in English; the Dutch and
//! Danish projects are not named in the facts the demo is built from, so their entries say so
//! instead of inventing titles.
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use super::{at, org};
use crate::backend::competition::EUROPEAN;
use crate::backend::entities::*;
use crate::backend::europe::EU;

struct FinalEntry {
    country: &'static str,
    slug: &'static str,
    title: String,
    organisation: i32,
    credited: String,
    summary_en: Option<String>,
    forwarded_from: Option<i32>,
}

pub(super) async fn seed<C: ConnectionTrait>(db: &C, rri: entry::Model) -> Result<(), DbErr> {
    let deadline = at(2022, 10, 31, 12, 0);
    let f = competition::ActiveModel {
        year: Set(2022),
        theme_sv: Set("Protecting vulnerable victims and preventing repeat victimisation".into()),
        theme_en: Set(Some(
            "Protecting vulnerable victims and preventing repeat victimisation".into(),
        )),
        description_sv: Set(String::new()),
        opens_at: Set(Some(at(2022, 6, 1, 9, 0))),
        closes_at: Set(Some(deadline)),
        judging_at: Set(Some(deadline)),
        decided_at: Set(Some(at(2022, 12, 8, 18, 0))),
        // Announced at the conference; the outcome mails count as sent, so none go out.
        results_released_at: Set(Some(at(2022, 12, 9, 12, 0))),
        results_notified_at: Set(Some(at(2022, 12, 9, 12, 0))),
        created_at: Set(at(2022, 6, 1, 9, 0)),
        round_kind: Set(EUROPEAN.into()),
        country: Set(EU.into()),
        home: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for country in ["DK", "NL", "SE"] {
        final_country::ActiveModel {
            competition_id: Set(f.id),
            country: Set(country.into()),
            representative_id: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    let english = super::rri_in_english();
    let not_named = |country: &str| {
        format!("The entry of {country} (the demo data does not record the project’s name)")
    };
    let dutch = org(db, "Entrant from the Netherlands", "other", "Den Haag").await?;
    let danish = org(db, "Entrant from Denmark", "other", "København").await?;
    let entries = [
        FinalEntry {
            country: "SE",
            slug: "rri",
            title: english.title.clone(),
            organisation: rri.organisation_id,
            credited: rri.organisation_display.clone(),
            summary_en: rri.public_summary_en.clone(),
            forwarded_from: Some(rri.id),
        },
        FinalEntry {
            country: "NL",
            slug: "netherlands",
            title: not_named("the Netherlands"),
            organisation: dutch,
            credited: "Not recorded in the demo data".into(),
            summary_en: None,
            forwarded_from: None,
        },
        FinalEntry {
            country: "DK",
            slug: "denmark",
            title: not_named("Denmark"),
            organisation: danish,
            credited: "Not recorded in the demo data".into(),
            summary_en: None,
            forwarded_from: None,
        },
    ];
    for (place, e) in entries.into_iter().enumerate() {
        let forwarded = e.forwarded_from.is_some();
        // Only Sweden's entry has its text in the demo data.
        let sections = if forwarded {
            english.sections.clone()
        } else {
            Default::default()
        };
        let model = entry::ActiveModel {
            competition_id: Set(f.id),
            organisation_id: Set(e.organisation),
            reference: Set(format!("ECPA-2022-{}-{:04}", e.country, 9001 + place)),
            slug: Set(e.slug.into()),
            country: Set(e.country.into()),
            competing: Set(true),
            title: Set(e.title),
            organisation_display: Set(e.credited),
            start_date: Set(rri.start_date.filter(|_| forwarded)),
            ongoing: Set(forwarded),
            end_date: Set(None),
            video_url: Set(None),
            public_summary_sv: Set(String::new()),
            public_summary_en: Set(e.summary_en),
            publication_consent: Set(forwarded),
            status: Set(crate::model::EntryStatus::Submitted),
            revision: Set(1),
            submitted_at: Set(Some(at(2022, 10, 20, 12, 0))),
            created_at: Set(at(2022, 10, 20, 12, 0)),
            updated_at: Set(at(2022, 10, 20, 12, 0)),
            forwarded_from: Set(e.forwarded_from),
            ..Default::default()
        }
        .with_sections(sections)
        .insert(db)
        .await?;
        let winner = place == 0;
        award::ActiveModel {
            competition_id: Set(f.id),
            entry_id: Set(model.id),
            kind: Set(if winner { "winner" } else { "runner_up" }.into()),
            rank: Set(place as i32 + 1),
            motivation_en: Set(winner.then(|| {
                "The jury chose a police method that turns to the person who uses violence and \
                 so protects victims without narrowing their lives. Its pilot was evaluated \
                 carefully, the results are strong, and Sweden has already made it national \
                 practice."
                    .to_string()
            })),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
