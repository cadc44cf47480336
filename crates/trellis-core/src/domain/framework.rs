//! The skills framework (dimensions with ordered levels) and assessments of a mentee
//! against it. Trellis ships its own default framework, written for Trellis.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::values::*;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Framework {
    pub name: String,
    pub dimensions: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dimension {
    /// Stable identifier, e.g. `system-design`.
    pub key: String,
    pub name: String,
    pub description: String,
    /// From the first step to the last.
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Level {
    pub key: String,
    pub name: String,
    pub description: String,
}

impl Framework {
    /// The framework Trellis ships with.
    pub fn default_framework() -> Framework {
        serde_json::from_str(include_str!("default_framework.json"))
            .expect("the bundled framework is valid JSON (checked by a test)")
    }

    /// Finds a dimension by key or by name, case-insensitively.
    pub fn dimension(&self, query: &str) -> Result<&Dimension> {
        let q = query.trim().to_lowercase();
        self.dimensions
            .iter()
            .find(|d| d.key == q || d.name.to_lowercase() == q)
            .ok_or_else(|| Error::NotFound {
                what: "dimension",
                query: query.to_string(),
                hint: format!(
                    "; the dimensions are: {}",
                    self.dimensions
                        .iter()
                        .map(|d| d.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
    }
}

impl Dimension {
    /// Finds a level by key, by name, or by its 1-based position.
    pub fn level(&self, query: &str) -> Result<(usize, &Level)> {
        let q = query.trim().to_lowercase();
        let by_position = q
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .filter(|&i| i < self.levels.len());
        self.levels
            .iter()
            .enumerate()
            .find(|(i, l)| Some(*i) == by_position || l.key == q || l.name.to_lowercase() == q)
            .ok_or_else(|| Error::NotFound {
                what: "level",
                query: query.to_string(),
                hint: format!(
                    " in {}; its levels are: {}",
                    self.name,
                    self.levels
                        .iter()
                        .map(|l| l.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
    }

    /// The 1-based rank of a level key in this dimension.
    pub fn rank(&self, level_key: &str) -> Option<usize> {
        self.levels
            .iter()
            .position(|l| l.key == level_key)
            .map(|i| i + 1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Assessment {
    pub id: Id,
    pub mentee_id: Id,
    pub dimension: String,
    pub level: String,
    pub date: NaiveDate,
    pub note: Option<String>,
    pub evidence: Vec<Id>,
    pub created_at: DateTime<Utc>,
}

/// Input for an assessment; dimension and level as the user typed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewAssessment {
    pub dimension: String,
    pub level: String,
    pub date: NaiveDate,
    pub note: Option<String>,
    #[serde(default)]
    pub evidence: Vec<Id>,
}

/// One dimension for one mentee: the latest level and every assessment, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SkillStanding {
    pub dimension: String,
    pub dimension_name: String,
    pub levels: usize,
    pub latest: Option<RankedAssessment>,
    pub history: Vec<RankedAssessment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RankedAssessment {
    #[serde(flatten)]
    pub assessment: Assessment,
    pub level_name: String,
    /// 1-based position of the level in its dimension.
    pub rank: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_framework_is_well_formed() {
        let f = Framework::default_framework();
        assert!(
            f.dimensions.len() >= 6,
            "a useful framework has several dimensions"
        );
        let mut keys: Vec<_> = f.dimensions.iter().map(|d| d.key.clone()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), f.dimensions.len(), "dimension keys are unique");
        for d in &f.dimensions {
            assert!(d.levels.len() >= 4, "{} has too few levels", d.key);
            assert!(
                d.levels.iter().all(|l| !l.description.is_empty()),
                "{} has a level without description",
                d.key
            );
        }
    }

    #[test]
    fn levels_are_found_by_key_name_or_position() {
        let f = Framework::default_framework();
        let d = f.dimension("System Design").expect("by name");
        assert_eq!(d.level("2").expect("by position").0, 1);
        let first = d.levels[0].key.clone();
        assert_eq!(d.level(&first.to_uppercase()).expect("by key").0, 0);
        let err = d
            .level("wizard")
            .expect_err("this input must be refused")
            .to_string();
        assert!(err.contains("its levels are"), "{err}");
    }
}
