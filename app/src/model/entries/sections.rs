//! The ten structured sections of an entry as one value, shared by the Swedish draft and the
//! English text.
use serde::{Deserialize, Serialize};

#[cfg(test)]
use super::SECTIONS;

/// The text of the ten [`SECTIONS`](super::SECTIONS), in Swedish in the draft and in English beside it. Both
/// flatten it, so a section's field name is its key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sections {
    /// The one-page project description (600 words by default).
    pub description: String,
    /// Problem and background.
    pub problem: String,
    pub objectives: String,
    pub target_group: String,
    /// Method and activities.
    pub methods: String,
    /// Partners and cooperation.
    pub partners: String,
    /// Resources and funding.
    pub resources: String,
    /// How the project was evaluated, and the results.
    pub evaluation: String,
    /// Whether it could be run in other countries.
    pub replicability: String,
    /// Its relevance to the year's theme.
    pub theme_relevance: String,
}

#[cfg(test)]
impl Sections {
    /// Every section with a one-letter text, for the unit tests.
    pub(crate) fn sample() -> Sections {
        let [d, p, o, t, m, pa, r, e, re, th] = SECTIONS.map(|k| k[..1].to_string());
        Sections {
            description: d,
            problem: p,
            objectives: o,
            target_group: t,
            methods: m,
            partners: pa,
            resources: r,
            evaluation: e,
            replicability: re,
            theme_relevance: th,
        }
    }
}

impl Sections {
    /// The text of the section with this key; an unknown key has none.
    pub fn get(&self, key: &str) -> &str {
        match key {
            "description" => &self.description,
            "problem" => &self.problem,
            "objectives" => &self.objectives,
            "target_group" => &self.target_group,
            "methods" => &self.methods,
            "partners" => &self.partners,
            "resources" => &self.resources,
            "evaluation" => &self.evaluation,
            "replicability" => &self.replicability,
            "theme_relevance" => &self.theme_relevance,
            _ => "",
        }
    }
}
