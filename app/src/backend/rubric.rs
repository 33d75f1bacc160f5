//! The year's rubric: the five ECPA criteria with their weights, descriptions and what each
//! score means, as jurors score against them, the public reads them and the organiser edits
//! them. The defaults stand until the organiser saves a rubric of the year's own.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entities::competition;
use super::entities::criterion::{self, Levels};
use crate::error::{AppError, FieldError, Problem};
use crate::model::{CriterionForm, CriterionInfo, CriterionView, Level, Text};

const MAX_NAME: usize = 300;
const MAX_DESCRIPTION: usize = 10_000;
/// Per level line.
const MAX_LEVEL: usize = 1_000;

/// The scale the default level descriptions are written for.
pub const DEFAULT_SCALE: (i32, i32) = (0, 5);

/// The five ECPA criteria with default weights (evaluated effect counts double), in Swedish
/// and English: (key, name sv, name en, description sv, description en, weight).
pub const DEFAULT_CRITERIA: [(&str, &str, &str, &str, &str, i32); 5] = [
    (
        "theme",
        "Tema",
        "Theme",
        "Insatsen förebygger eller minskar vardagsbrottslighet eller rädsla för brott inom årets tema.",
        "The work prevents or reduces everyday crime, or the fear of crime, within this year’s theme.",
        1,
    ),
    (
        "effect",
        "Utvärderad effekt",
        "Evaluated effect",
        "Insatsen är utvärderad och har nått de flesta eller alla sina mål. Belägg för effekt på brott eller trygghet väger tyngst.",
        "The work has been evaluated and has reached most or all of its objectives. Evidence of an effect on crime or safety weighs most.",
        2,
    ),
    (
        "innovation",
        "Nytänkande",
        "Innovation",
        "Insatsen använder nya metoder eller nya angreppssätt så långt det är möjligt.",
        "The work uses new methods or new approaches as far as possible.",
        1,
    ),
    (
        "cooperation",
        "Samverkan",
        "Cooperation",
        "Insatsen bygger där det går på samarbete mellan olika aktörer.",
        "Where possible, the work is built on partnership between different actors.",
        1,
    ),
    (
        "replicability",
        "Överförbarhet",
        "Replicability",
        "Organisationer i andra medlemsländer kan genomföra samma insats.",
        "Organisations in other member states can carry out the same work.",
        1,
    ),
];

/// What 0 to 5 mean for each default criterion, in Swedish and English, by key.
const DEFAULT_LEVELS: [(&str, [(&str, &str); 6]); 5] = [
    (
        "theme",
        [
            (
                "Ligger utanför årets tema.",
                "Falls outside this year’s theme.",
            ),
            (
                "Berör temat bara i förbigående.",
                "Touches the theme only in passing.",
            ),
            (
                "En del av insatsen ligger inom temat.",
                "Part of the work lies within the theme.",
            ),
            (
                "Ligger inom temat, men kopplingen till vardagsbrott eller otrygghet är svagt beskriven.",
                "Lies within the theme, but its link to everyday crime or fear of crime is weakly described.",
            ),
            (
                "Ligger tydligt inom temat och riktar sig mot vardagsbrott eller otrygghet.",
                "Lies clearly within the theme and targets everyday crime or fear of crime.",
            ),
            (
                "Ett tydligt och genomtänkt exempel på årets tema.",
                "A clear and well-reasoned example of this year’s theme.",
            ),
        ],
    ),
    (
        "effect",
        [
            (
                "Ingen utvärdering och inga mål att mäta mot.",
                "No evaluation, and no objectives to measure against.",
            ),
            (
                "Mål finns, men ingenting är uppföljt.",
                "Objectives exist, but nothing has been followed up.",
            ),
            (
                "Genomförandet är uppföljt, men inte resultaten.",
                "The delivery has been followed up, but not the results.",
            ),
            (
                "Utvärderad; några mål är nådda, men beläggen för effekt är svaga.",
                "Evaluated; some objectives reached, but the evidence of an effect is weak.",
            ),
            (
                "Utvärderad; de flesta mål är nådda, med belägg för effekt på brott eller trygghet.",
                "Evaluated; most objectives reached, with evidence of an effect on crime or safety.",
            ),
            (
                "Noggrant eller oberoende utvärderad; alla mål nådda och en tydlig effekt på brott eller trygghet.",
                "Rigorously or independently evaluated; all objectives reached, with a clear effect on crime or safety.",
            ),
        ],
    ),
    (
        "innovation",
        [
            (
                "Inget nytt i metod eller angreppssätt.",
                "Nothing new in method or approach.",
            ),
            (
                "En välkänd metod med små anpassningar.",
                "A well-known method with small adjustments.",
            ),
            (
                "En välkänd metod i ett nytt sammanhang.",
                "A well-known method in a new setting.",
            ),
            ("Ett delvis nytt angreppssätt.", "A partly new approach."),
            (
                "Ett nytt angreppssätt, väl motiverat.",
                "A new approach, well argued.",
            ),
            (
                "En nyskapande metod som andra kan lära av.",
                "An original method others can learn from.",
            ),
        ],
    ),
    (
        "cooperation",
        [
            ("En aktör arbetar ensam.", "One actor works alone."),
            (
                "Andra aktörer informeras men deltar inte.",
                "Other actors are informed but take no part.",
            ),
            (
                "Enstaka samarbete kring delar av insatsen.",
                "Occasional partnership on parts of the work.",
            ),
            (
                "Flera aktörer deltar, men rollerna är otydliga.",
                "Several actors take part, but their roles are unclear.",
            ),
            (
                "Flera aktörer med tydliga roller och gemensamma mål.",
                "Several actors with clear roles and shared objectives.",
            ),
            (
                "Samverkan bär insatsen, med delat ansvar och delade resurser.",
                "Partnership carries the work, with shared responsibility and resources.",
            ),
        ],
    ),
    (
        "replicability",
        [
            (
                "Bygger helt på lokala förhållanden och går inte att föra över.",
                "Depends wholly on local conditions and cannot be transferred.",
            ),
            (
                "Svår att föra över; beskrivningen räcker inte för andra.",
                "Hard to transfer; the description is not enough for others.",
            ),
            (
                "Delar kan föras över med stora anpassningar.",
                "Parts could be transferred with major adjustments.",
            ),
            (
                "Kan föras över med anpassningar; kostnader och förutsättningar är delvis beskrivna.",
                "Could be transferred with adjustments; costs and conditions are partly described.",
            ),
            (
                "Kan föras över; metod, kostnader och förutsättningar är beskrivna.",
                "Could be transferred; method, costs and conditions are described.",
            ),
            (
                "Så väl dokumenterad att andra länder kan genomföra den, gärna redan prövad på annan ort.",
                "Documented well enough for other countries to carry it out, ideally already tried elsewhere.",
            ),
        ],
    ),
];

/// The default level descriptions of a criterion: on the default scale, for the five ECPA
/// criteria; none otherwise.
pub fn default_levels(key: &str, scale: (i32, i32)) -> Vec<Level> {
    if scale != DEFAULT_SCALE {
        return Vec::new();
    }
    DEFAULT_LEVELS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, levels)| {
            levels
                .iter()
                .zip(DEFAULT_SCALE.0..)
                .map(|((sv, en), score)| Level {
                    score,
                    meaning: Text::new(*sv, Some(*en)),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A criterion's levels: the stored ones, or the defaults while it has none of its own.
fn levels_of(stored: Option<Levels>, key: &str, scale: (i32, i32)) -> Vec<Level> {
    match stored {
        Some(Levels(levels)) => levels,
        None => default_levels(key, scale),
    }
}

/// Levels as the form shows them, one line per score ("4: …"), in Swedish or English.
fn levels_text(levels: &[Level], english: bool) -> String {
    levels
        .iter()
        .filter_map(|l| {
            let text = if english {
                l.meaning.en.as_deref()?
            } else {
                &l.meaning.sv
            };
            Some(format!("{}: {text}", l.score))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads level lines ("4: Most objectives reached"; blank lines skipped) into (score, text),
/// lowest score first. Each score must be on `scale` and given once.
fn parse_lines(text: &str, scale: Option<(i32, i32)>) -> Result<Vec<(i32, String)>, Problem> {
    let mut out: Vec<(i32, String)> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (score, meaning) = line.split_once(':').ok_or(Problem::LevelLine)?;
        let score: i32 = score.trim().parse().map_err(|_| Problem::LevelLine)?;
        let meaning = meaning.trim();
        if meaning.is_empty()
            || scale.is_some_and(|(lo, hi)| !(lo..=hi).contains(&score))
            || out.iter().any(|(s, _)| *s == score)
        {
            return Err(Problem::LevelLine);
        }
        if meaning.chars().count() > MAX_LEVEL {
            return Err(Problem::TooLong);
        }
        out.push((score, meaning.to_string()));
    }
    out.sort_by_key(|(s, _)| *s);
    Ok(out)
}

/// A criterion's level lines in both languages as levels; an English line needs a Swedish one
/// for the same score. Problems are keyed `levels_sv` or `levels_en`.
fn parse_levels(
    sv: &str,
    en: &str,
    scale: Option<(i32, i32)>,
) -> Result<Vec<Level>, (&'static str, Problem)> {
    let sv = parse_lines(sv, scale).map_err(|p| ("levels_sv", p))?;
    let en = parse_lines(en, scale).map_err(|p| ("levels_en", p))?;
    if en.iter().any(|(s, _)| !sv.iter().any(|(t, _)| t == s)) {
        return Err(("levels_en", Problem::LevelWithoutSwedish));
    }
    Ok(sv
        .into_iter()
        .map(|(score, text)| Level {
            score,
            meaning: Text::new(
                text,
                en.iter().find(|(s, _)| *s == score).map(|(_, t)| t.clone()),
            ),
        })
        .collect())
}

/// The default rubric as the organiser's form shows it, for a year on `scale`.
pub fn default_forms(scale: (i32, i32)) -> Vec<CriterionForm> {
    DEFAULT_CRITERIA
        .iter()
        .map(|(key, nsv, nen, dsv, den, w)| {
            let levels = default_levels(key, scale);
            CriterionForm {
                key: key.to_string(),
                name_sv: nsv.to_string(),
                name_en: nen.to_string(),
                description_sv: dsv.to_string(),
                description_en: den.to_string(),
                weight: w.to_string(),
                levels_sv: levels_text(&levels, false),
                levels_en: levels_text(&levels, true),
            }
        })
        .collect()
}

/// A year's stored rubric as its form shows it, or the defaults while it has none.
pub async fn forms_of(
    db: &impl ConnectionTrait,
    c: &competition::Model,
) -> Result<Vec<CriterionForm>, AppError> {
    let scale = (c.scale_min, c.scale_max);
    let stored = stored(db, c.id).await?;
    if stored.is_empty() {
        return Ok(default_forms(scale));
    }
    Ok(stored
        .into_iter()
        .map(|k| {
            let levels = levels_of(k.levels, &k.key, scale);
            CriterionForm {
                levels_sv: levels_text(&levels, false),
                levels_en: levels_text(&levels, true),
                key: k.key,
                name_sv: k.name_sv,
                name_en: k.name_en.unwrap_or_default(),
                description_sv: k.description_sv,
                description_en: k.description_en.unwrap_or_default(),
                weight: k.weight.to_string(),
            }
        })
        .collect())
}

async fn stored(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<Vec<criterion::Model>, AppError> {
    Ok(criterion::Entity::find()
        .filter(criterion::Column::CompetitionId.eq(competition_id))
        .order_by_asc(criterion::Column::Position)
        .all(db)
        .await?)
}

/// A criterion of a checked form, ready to store.
pub struct CheckedCriterion {
    pub form: CriterionForm,
    pub weight: i32,
    pub levels: Vec<Level>,
}

/// Checks the form's rubric: the five criteria in order, each named in Swedish, weighted 0–10,
/// within length, with level lines on the year's `scale` (`None` while the scale itself is
/// wrong). Problems are keyed `criteria` and `criteria.<i>.<field>`.
pub fn check(
    forms: &[CriterionForm],
    scale: Option<(i32, i32)>,
) -> (Vec<CheckedCriterion>, Vec<FieldError>) {
    let mut problems = Vec::new();
    let mut add = |field: String, problem| problems.push(FieldError { field, problem });
    if forms.len() != DEFAULT_CRITERIA.len() {
        add("criteria".into(), Problem::Required);
    }
    let mut out = Vec::new();
    for (i, (k, default)) in forms.iter().zip(&DEFAULT_CRITERIA).enumerate() {
        let weight = k.weight.trim().parse::<i32>().ok();
        let weight = weight.filter(|w| (0..=10).contains(w));
        if weight.is_none() {
            add(format!("criteria.{i}.weight"), Problem::OutOfRange);
        }
        if k.name_sv.trim().is_empty() {
            add(format!("criteria.{i}.name_sv"), Problem::Required);
        }
        for (field, value, max) in [
            ("name_sv", &k.name_sv, MAX_NAME),
            ("name_en", &k.name_en, MAX_NAME),
            ("description_sv", &k.description_sv, MAX_DESCRIPTION),
            ("description_en", &k.description_en, MAX_DESCRIPTION),
        ] {
            if value.chars().count() > max {
                add(format!("criteria.{i}.{field}"), Problem::TooLong);
            }
        }
        let levels = parse_levels(&k.levels_sv, &k.levels_en, scale).unwrap_or_else(|(f, p)| {
            add(format!("criteria.{i}.{f}"), p);
            Vec::new()
        });
        let mut form = k.clone();
        form.key = default.0.to_string();
        out.push(CheckedCriterion {
            form,
            weight: weight.unwrap_or(1),
            levels,
        });
    }
    (out, problems)
}

/// Replaces the year's stored rubric with `checked`.
pub async fn store(
    db: &impl ConnectionTrait,
    competition_id: i32,
    checked: &[CheckedCriterion],
) -> Result<(), AppError> {
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    criterion::Entity::delete_many()
        .filter(criterion::Column::CompetitionId.eq(competition_id))
        .exec(db)
        .await?;
    criterion::Entity::insert_many(checked.iter().enumerate().map(|(i, k)| {
        criterion::ActiveModel {
            competition_id: sea_orm::ActiveValue::Set(competition_id),
            position: sea_orm::ActiveValue::Set(i as i32),
            key: sea_orm::ActiveValue::Set(k.form.key.clone()),
            name_sv: sea_orm::ActiveValue::Set(k.form.name_sv.trim().to_string()),
            name_en: sea_orm::ActiveValue::Set(opt(&k.form.name_en)),
            description_sv: sea_orm::ActiveValue::Set(k.form.description_sv.trim().to_string()),
            description_en: sea_orm::ActiveValue::Set(opt(&k.form.description_en)),
            weight: sea_orm::ActiveValue::Set(k.weight),
            levels: sea_orm::ActiveValue::Set(Some(Levels(k.levels.clone()))),
            ..Default::default()
        }
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// The year's criteria with their keys: the stored rubric, or the defaults until the organiser
/// sets one.
pub async fn criteria(
    db: &impl ConnectionTrait,
    c: &competition::Model,
) -> Result<Vec<CriterionInfo>, AppError> {
    let scale = (c.scale_min, c.scale_max);
    let stored = stored(db, c.id).await?;
    if stored.is_empty() {
        return Ok(DEFAULT_CRITERIA
            .iter()
            .map(|(key, nsv, nen, dsv, den, w)| CriterionInfo {
                key: key.to_string(),
                name: Text::new(*nsv, Some(*nen)),
                description: Text::new(*dsv, Some(*den)),
                weight: *w,
                levels: default_levels(key, scale),
            })
            .collect());
    }
    Ok(stored
        .into_iter()
        .map(|k| CriterionInfo {
            levels: levels_of(k.levels, &k.key, scale),
            key: k.key,
            name: Text::new(k.name_sv, k.name_en),
            description: Text::new(k.description_sv, k.description_en),
            weight: k.weight,
        })
        .collect())
}

/// The year's rubric as the public sees it.
pub async fn rubric(
    db: &impl ConnectionTrait,
    c: &competition::Model,
) -> Result<Vec<CriterionView>, AppError> {
    Ok(criteria(db, c)
        .await?
        .into_iter()
        .map(|k| CriterionView {
            name: k.name,
            description: k.description,
            weight: k.weight,
            levels: k.levels,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_criterion_describes_each_score_of_the_default_scale() {
        for (key, ..) in DEFAULT_CRITERIA {
            let levels = default_levels(key, DEFAULT_SCALE);
            let scores: Vec<i32> = levels.iter().map(|l| l.score).collect();
            assert_eq!(scores, vec![0, 1, 2, 3, 4, 5], "{key}");
            assert!(levels.iter().all(|l| l.meaning.en.is_some()), "{key}");
        }
        assert!(default_levels("effect", (1, 10)).is_empty());
    }

    #[test]
    fn level_lines_read_back_as_they_were_written() {
        let levels = default_levels("effect", DEFAULT_SCALE);
        let (sv, en) = (levels_text(&levels, false), levels_text(&levels, true));
        assert_eq!(parse_levels(&sv, &en, Some(DEFAULT_SCALE)), Ok(levels));
    }

    #[test]
    fn level_lines_are_sorted_and_english_is_optional_per_score() {
        let levels = parse_levels("\n 5: Bäst\n\n1:Svagt ", "1: Weak", Some((1, 5))).unwrap();
        assert_eq!(
            levels,
            vec![
                Level {
                    score: 1,
                    meaning: Text::new("Svagt", Some("Weak"))
                },
                Level {
                    score: 5,
                    meaning: Text::new("Bäst", None::<String>)
                },
            ]
        );
        assert_eq!(parse_levels("", "", Some((0, 5))), Ok(Vec::new()));
    }

    #[test]
    fn bad_level_lines_are_refused_with_the_field_they_are_in() {
        let scale = Some((0, 5));
        for bad in [
            "Bäst",
            "x: Bäst",
            "6: Utanför skalan",
            "-1: Under",
            "3:",
            "2: A\n2: B",
        ] {
            assert_eq!(
                parse_levels(bad, "", scale),
                Err(("levels_sv", Problem::LevelLine)),
                "{bad}"
            );
        }
        assert_eq!(
            parse_levels("1: Svagt", "2: Fair", scale),
            Err(("levels_en", Problem::LevelWithoutSwedish))
        );
        let long = format!("3: {}", "a".repeat(MAX_LEVEL + 1));
        assert_eq!(
            parse_levels(&long, "", scale),
            Err(("levels_sv", Problem::TooLong))
        );
    }
}
