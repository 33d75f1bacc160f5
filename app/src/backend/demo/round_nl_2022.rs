//! A national round of another country hosted on the portal, in the demo: a Dutch round of 2022
//! on that year's theme, closed and in judging, with three sample entries written in English.
//! The projects and organisations are invented for the demo and say so; the real Dutch entry
//! of 2022 is the one in the final, which the demo does not name. The round has no organiser
//! until the secretariat names one (on the final's page), so that whoever tries the demo sees
//! the round only through that role, and Brå's organiser never.
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use super::{at, org};
use crate::backend::competition::NATIONAL;
use crate::backend::entities::*;

struct Sample {
    slug: &'static str,
    title: &'static str,
    organisation: &'static str,
    city: &'static str,
    summary: &'static str,
    problem: &'static str,
    methods: &'static str,
    evaluation: &'static str,
}

const SAMPLES: [Sample; 3] = [
    Sample {
        slug: "second-visit",
        title: "The second visit",
        organisation: "Lakeside Municipality (fictional)",
        city: "Lakeside",
        summary: "A sample entry invented for the demo. Households that have been burgled get a second visit within two weeks, when a neighbourhood officer and a locksmith check the home together and the street is told what happened.",
        problem: "A burgled home runs a much higher risk of being burgled again within weeks, and so do the houses next to it.",
        methods: "A visit by a neighbourhood officer and a locksmith within fourteen days; a letter to the twenty nearest addresses; simple hardware paid for by the municipality for households on low incomes.",
        evaluation: "Repeat burglaries within six months, compared with the two years before, counted by the local police team.",
    },
    Sample {
        slug: "safe-line",
        title: "Safe Line for older residents",
        organisation: "Polder Region Police Team (fictional)",
        city: "Polder",
        summary: "A sample entry invented for the demo. Older people who have lost money to telephone fraud once are called back by trained volunteers, who help them set up call blocking and agree a family contact for any request for money.",
        problem: "Fraudsters share lists of people who have paid before, so a first loss often leads to a second and a third.",
        methods: "Call-backs by trained volunteers within a week of the report; call blocking set up at home; a named relative or friend to ring before any payment.",
        evaluation: "Reports of a second fraud among those called back, compared with those the project could not reach.",
    },
    Sample {
        slug: "harbour-rooms",
        title: "Harbour Rooms",
        organisation: "Harbour City Victim Support (fictional)",
        city: "Harbour City",
        summary: "A sample entry invented for the demo. People who have been assaulted in the night-time economy twice or more get a named case worker, a safety plan for nights out and, with their consent, a meeting with the venue.",
        problem: "A small group of young adults is assaulted again and again in the same streets, and many never report it after the first time.",
        methods: "A named case worker from the first report on, a written safety plan, and mediated meetings with venues and door staff where the person wants them.",
        evaluation: "Repeat assaults reported by the participants over twelve months, and how many stayed in contact with their case worker.",
    },
];

/// The Dutch round of 2022, hosted on the portal, and its sample entries.
pub(super) async fn seed<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let c = competition::ActiveModel {
        year: Set(2022),
        theme_sv: Set("Protecting vulnerable victims and preventing repeat victimisation".into()),
        theme_en: Set(Some(
            "Protecting vulnerable victims and preventing repeat victimisation".into(),
        )),
        description_sv: Set(String::new()),
        opens_at: Set(Some(at(2022, 3, 1, 9, 0))),
        closes_at: Set(Some(at(2022, 8, 31, 23, 59))),
        judging_at: Set(Some(at(2022, 9, 5, 9, 0))),
        created_at: Set(at(2022, 2, 15, 9, 0)),
        round_kind: Set(NATIONAL.into()),
        country: Set("NL".into()),
        home: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (i, s) in SAMPLES.iter().enumerate() {
        let organisation = org(db, s.organisation, "other", s.city).await?;
        let general = |what: &str| format!("{what} (sample text for the demo)");
        let e = entry::ActiveModel {
            competition_id: Set(c.id),
            organisation_id: Set(organisation),
            reference: Set(format!("ECPA-2022-NL-{:04}", i + 1)),
            slug: Set(format!("nl-{}", s.slug)),
            country: Set("NL".into()),
            competing: Set(true),
            title: Set(s.title.into()),
            organisation_display: Set(s.organisation.into()),
            start_date: Set(chrono::NaiveDate::from_ymd_opt(2021, 1, 1)),
            ongoing: Set(true),
            end_date: Set(None),
            video_url: Set(None),
            description: Set(s.summary.into()),
            problem: Set(s.problem.into()),
            objectives: Set(general("Fewer people harmed a second time")),
            target_group: Set(general("People who have been harmed once already")),
            methods: Set(s.methods.into()),
            partners: Set(general("The municipality, the police and local volunteers")),
            resources: Set(general(
                "Two part-time staff and a small budget for materials",
            )),
            evaluation: Set(s.evaluation.into()),
            replicability: Set(general(
                "Any town with a police team and volunteers could run it",
            )),
            theme_relevance: Set(general(
                "It is aimed at repeat victimisation, the year’s theme",
            )),
            public_summary_sv: Set(String::new()),
            public_summary_en: Set(Some(s.summary.into())),
            publication_consent: Set(false),
            status: Set(crate::model::EntryStatus::Submitted),
            revision: Set(1),
            submitted_revision: Set(Some(1)),
            submitted_at: Set(Some(at(2022, 8, 30, 15, 0))),
            created_at: Set(at(2022, 6, 1, 9, 0)),
            updated_at: Set(at(2022, 8, 30, 15, 0)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        // What the jury reads is the submitted version.
        let draft = crate::backend::entries::applicant::draft_of(db, &e)
            .await
            .map_err(|err| DbErr::Custom(format!("demo entry {}: {err:?}", e.reference)))?;
        let snapshot = serde_json::json!({ "draft": draft, "attachments": Vec::<String>::new() });
        entry_version::ActiveModel {
            entry_id: Set(e.id),
            number: Set(1),
            revision: Set(1),
            submitted_at: Set(at(2022, 8, 30, 15, 0)),
            submitted_by: Set(None),
            submitted_by_name: Set(s.organisation.into()),
            snapshot: Set(snapshot.to_string()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
