//! Career frameworks (ladders) and assessments of a mentee against them.
//!
//! A ladder has **levels** (the rungs, in order, forking into an IC and a people-manager
//! branch from some rung on) and **dimensions** (what is assessed: communication,
//! system design, …). What a dimension expects at a level is an **expectation**; a
//! dimension may have none at some levels (Monzo's "leadership" starts at level 3), and
//! then it is simply not assessed there. Levels and dimensions are never deleted once
//! something cites them: they are *retired*, so history stays readable.
//! Trellis ships its own default ladder, written for Trellis.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::values::*;
use crate::{Error, Result};

/// The fork of a ladder: the individual-contributor or the people-manager path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Branch {
    Ic,
    Manager,
}

impl Branch {
    pub fn label(self) -> &'static str {
        match self {
            Branch::Ic => "IC",
            Branch::Manager => "People Manager",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Branch::Ic => "ic",
            Branch::Manager => "manager",
        }
    }
    pub fn parse(s: &str) -> Result<Branch> {
        match s.trim().to_lowercase().as_str() {
            "ic" | "individual contributor" | "individual-contributor" => Ok(Branch::Ic),
            "manager" | "pm" | "people manager" | "people-manager" | "management" => {
                Ok(Branch::Manager)
            }
            _ => Err(Error::invalid(
                "branch",
                format!("'{s}' is not a branch; write ic or manager"),
            )),
        }
    }
}

/// A ladder as a person writes, imports and exports it (Trellis's own framework JSON
/// carries exactly this, see `docs/frameworks.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    /// Stable identifier: importing a ladder with a key the journal has updates it.
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// From the first rung to the last; branch levels of the same rung follow each other.
    pub levels: Vec<Level>,
    pub dimensions: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub key: String,
    /// May be empty (the key is shown then).
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// `null` on the shared trunk; `ic` or `manager` from the fork on.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub branch: Option<Branch>,
    /// Kept for history; not offered for new assessments.
    #[serde(default)]
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Stable identifier, e.g. `system-design`. Entry and goal skills name it.
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub retired: bool,
    /// What this dimension expects at a level, in ladder order. A level without one is
    /// not part of this dimension.
    #[serde(default)]
    pub expectations: Vec<Expectation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub level: String,
    pub description: String,
}

/// A ladder stored in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Framework {
    pub id: Id,
    #[serde(flatten)]
    pub ladder: Ladder,
    /// Mentees without a ladder of their own are on the default one.
    pub is_default: bool,
    /// Where it was imported from (format and file name), if it was.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub source: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl Framework {
    /// The ladder Trellis ships with.
    pub fn default_ladder() -> Ladder {
        serde_json::from_str(include_str!("default_framework.json"))
            .expect("the bundled framework is valid JSON (checked by a test)")
    }
}

fn level_display(l: &Level) -> String {
    let name = if l.name.is_empty() { &l.key } else { &l.name };
    match l.branch {
        // "Senior 2 (IC)"; a name that already says its branch is left alone.
        Some(b) if !name.contains('(') => format!("{name} ({})", b.label()),
        _ => name.clone(),
    }
}

impl Level {
    /// The name as people read it, with its branch: "Senior 2 (IC)".
    pub fn label(&self) -> String {
        level_display(self)
    }
}

impl Dimension {
    /// The name as shown (the key when the name is empty).
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.key
        } else {
            &self.name
        }
    }

    pub fn expectation(&self, level: &str) -> Option<&str> {
        self.expectations
            .iter()
            .find(|e| e.level == level)
            .map(|e| e.description.as_str())
    }

    /// Does a skill label (as stored on entries and goals) name this dimension?
    pub fn is_named_by(&self, skill: &str) -> bool {
        let s = skill.trim().to_lowercase();
        s == self.key || (!self.name.is_empty() && s == self.name.to_lowercase())
    }
}

fn compatible(a: Option<Branch>, b: Option<Branch>) -> bool {
    a.is_none() || b.is_none() || a == b
}

impl Ladder {
    pub fn level(&self, key: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.key == key)
    }

    /// The 1-based rung of a level: one above the highest rung before it on a path it
    /// can share (trunk levels share every path; IC and manager levels do not share).
    pub fn rank(&self, key: &str) -> Option<usize> {
        let ranks = self.ranks();
        self.levels
            .iter()
            .position(|l| l.key == key)
            .map(|i| ranks[i])
    }

    /// Rungs count current levels only: a retired level takes the rung above the current
    /// levels before it (the rung its place would have now) and pushes nothing up.
    fn ranks(&self) -> Vec<usize> {
        let mut ranks: Vec<usize> = Vec::with_capacity(self.levels.len());
        for (i, l) in self.levels.iter().enumerate() {
            let below = self.levels[..i]
                .iter()
                .zip(&ranks)
                .filter(|(p, _)| !p.retired && compatible(p.branch, l.branch))
                .map(|(_, r)| *r)
                .max()
                .unwrap_or(0);
            ranks.push(below + 1);
        }
        ranks
    }

    /// The first current level that belongs to a branch: where the ladder forks.
    pub fn branch_point(&self) -> Option<&Level> {
        self.levels
            .iter()
            .find(|l| l.branch.is_some() && !l.retired)
    }

    /// The highest rung on a path (a branch, or the trunk).
    pub fn top_rank(&self, branch: Option<Branch>) -> usize {
        let ranks = self.ranks();
        self.levels
            .iter()
            .zip(ranks)
            .filter(|(l, _)| !l.retired && compatible(l.branch, branch))
            .map(|(_, r)| r)
            .max()
            .unwrap_or(0)
    }

    /// The levels one rung above `key` that a person on `branch` could reach next: one
    /// level on a path, both where the path forks and no branch is chosen yet.
    /// With `key` = None, the first rung. Retired levels are not next steps.
    pub fn next_levels(&self, key: Option<&str>, branch: Option<Branch>) -> Vec<&Level> {
        let ranks = self.ranks();
        let at = key.and_then(|k| self.levels.iter().position(|l| l.key == k));
        let (rank, branch) = match at {
            Some(i) => (ranks[i], branch.or(self.levels[i].branch)),
            None => (0, branch),
        };
        // From a retired level, the current levels that took its rung come first (it
        // shares its rung with them; "one up" would skip them).
        if let Some(i) = at.filter(|&i| self.levels[i].retired) {
            let same: Vec<&Level> = self.levels[i + 1..]
                .iter()
                .zip(&ranks[i + 1..])
                .filter(|(l, r)| **r == rank && !l.retired && compatible(l.branch, branch))
                .map(|(l, _)| l)
                .collect();
            if !same.is_empty() {
                return same;
            }
        }
        self.levels
            .iter()
            .zip(&ranks)
            .filter(|(l, r)| **r == rank + 1 && !l.retired && compatible(l.branch, branch))
            .map(|(l, _)| l)
            .collect()
    }

    /// What a dimension asks of the next step up from `from` (a level key; none: the
    /// start), on `branch` (both sides where the path forks and none is chosen). A
    /// dimension that is not described at that step (it starts higher up, like Monzo's
    /// leadership at level 3) points at the first level above that describes it.
    pub fn next_steps(
        &self,
        d: &Dimension,
        from: Option<&str>,
        branch: Option<Branch>,
    ) -> Vec<NextStep> {
        let step = |l: &Level| NextStep {
            level: l.key.clone(),
            label: l.label(),
            branch: l.branch,
            expectation: d.expectation(&l.key).map(str::to_string),
        };
        let next: Vec<NextStep> = self
            .next_levels(from, branch)
            .into_iter()
            .map(step)
            .collect();
        if from.is_some() && next.iter().any(|n| n.expectation.is_some()) {
            return next;
        }
        let floor = from.and_then(|k| self.rank(k)).unwrap_or(0);
        let branch = branch.or(from.and_then(|k| self.level(k)).and_then(|l| l.branch));
        match self.levels.iter().find(|l| {
            !l.retired
                && d.expectation(&l.key).is_some()
                && self.rank(&l.key).unwrap_or(0) > floor
                && compatible(l.branch, branch)
        }) {
            Some(l) if l.branch.is_none() || branch.is_some() => vec![step(l)],
            // The first described step is a fork and no side is chosen: both sides.
            Some(l) => {
                let rank = self.rank(&l.key);
                self.levels
                    .iter()
                    .filter(|x| {
                        !x.retired && self.rank(&x.key) == rank && d.expectation(&x.key).is_some()
                    })
                    .map(step)
                    .collect()
            }
            None => next,
        }
    }

    /// Finds a dimension by key or by name, case-insensitively.
    pub fn dimension(&self, query: &str) -> Result<&Dimension> {
        let q = query.trim().to_lowercase();
        // A key first: a dimension named like another's key never takes its place.
        self.dimensions
            .iter()
            .find(|d| d.key == q)
            .or_else(|| self.dimensions.iter().find(|d| d.name.to_lowercase() == q))
            .ok_or_else(|| Error::NotFound {
                what: "dimension",
                query: query.to_string(),
                hint: format!(
                    " in {}; its dimensions are: {}",
                    self.name,
                    self.dimensions
                        .iter()
                        .filter(|d| !d.retired)
                        .map(|d| d.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
    }

    /// Finds a level by key, by name (with or without its branch), or by its rung when
    /// only one level holds that rung.
    pub fn find_level(&self, query: &str) -> Result<&Level> {
        let q = query.trim().to_lowercase();
        let ranks = self.ranks();
        let by_rank: Vec<&Level> = match q.parse::<usize>() {
            Ok(n) => self
                .levels
                .iter()
                .zip(&ranks)
                .filter(|(l, r)| **r == n && !l.retired)
                .map(|(l, _)| l)
                .collect(),
            Err(_) => vec![],
        };
        // A key first, then a name: a level named like another's key never takes its place.
        if let Some(l) = self.levels.iter().find(|l| l.key == q).or_else(|| {
            self.levels.iter().find(|l| {
                (!l.name.is_empty() && l.name.to_lowercase() == q) || l.label().to_lowercase() == q
            })
        }) {
            return Ok(l);
        }
        match by_rank.as_slice() {
            [one] => Ok(one),
            [] => Err(Error::NotFound {
                what: "level",
                query: query.to_string(),
                hint: format!(
                    " in {}; its levels are: {}",
                    self.name,
                    self.levels
                        .iter()
                        .filter(|l| !l.retired)
                        .map(|l| l.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
            many => Err(Error::Ambiguous {
                what: "level",
                query: query.to_string(),
                candidates: many.iter().map(|l| l.key.clone()).collect(),
            }),
        }
    }

    /// The level a dimension is assessed at: it must exist and the dimension must
    /// expect something there.
    pub fn assessable(&self, dimension: &str, level: &str) -> Result<(&Dimension, &Level)> {
        let d = self.dimension(dimension)?;
        let l = self.find_level(level)?;
        if d.expectation(&l.key).is_none() {
            let described: Vec<String> = self
                .levels
                .iter()
                .filter(|x| d.expectation(&x.key).is_some())
                .map(Level::label)
                .collect();
            return Err(Error::invalid(
                "level",
                format!(
                    "{} sets no expectation for {} at {}; it is described at: {}",
                    self.name,
                    d.label(),
                    l.label(),
                    if described.is_empty() {
                        "no level".to_string()
                    } else {
                        described.join(", ")
                    }
                ),
            ));
        }
        Ok((d, l))
    }

    /// Trims and checks every part: keys unique and non-empty, one line for names,
    /// expectations that name a level of this ladder, once each, in ladder order.
    pub fn normalize(mut self) -> Result<Ladder> {
        no_hidden_in_key("framework key", &self.key)?;
        self.key = file_safe_key(normalize_label("framework key", &self.key)?)?;
        self.name = line("framework name", &self.name)?;
        self.description = text("framework description", &self.description)?;
        if self.levels.is_empty() {
            return Err(Error::invalid(
                "levels",
                "a ladder needs at least one level",
            ));
        }
        if self.levels.len() > MAX_PARTS || self.dimensions.len() > MAX_PARTS {
            return Err(Error::invalid(
                "framework",
                format!("holds more than {MAX_PARTS} levels or dimensions"),
            ));
        }
        let mut seen = HashSet::new();
        for l in &mut self.levels {
            no_hidden_in_key("level key", &l.key)?;
            l.key = normalize_label("level key", &l.key)?;
            l.name = line("level name", &l.name)?;
            l.description = text("level description", &l.description)?;
            if !seen.insert(l.key.clone()) {
                return Err(Error::invalid(
                    "level key",
                    format!("'{}' is used by two levels", l.key),
                ));
            }
        }
        let order: Vec<String> = self.levels.iter().map(|l| l.key.clone()).collect();
        let mut dims = HashSet::new();
        for d in &mut self.dimensions {
            no_hidden_in_key("dimension key", &d.key)?;
            d.key = normalize_label("dimension key", &d.key)?;
            d.name = line("dimension name", &d.name)?;
            d.description = text("dimension description", &d.description)?;
            if !dims.insert(d.key.clone()) {
                return Err(Error::invalid(
                    "dimension key",
                    format!("'{}' is used by two dimensions", d.key),
                ));
            }
            let mut at = HashSet::new();
            for e in &mut d.expectations {
                no_hidden_in_key("expectation level", &e.level)?;
                e.level = normalize_label("expectation level", &e.level)?;
                e.description = text("expectation", &e.description)?;
                if !seen.contains(&e.level) {
                    return Err(Error::invalid(
                        "expectation level",
                        format!("{} names '{}', which is not a level", d.key, e.level),
                    ));
                }
                if !at.insert(e.level.clone()) {
                    return Err(Error::invalid(
                        "expectation level",
                        format!("{} has two expectations at '{}'", d.key, e.level),
                    ));
                }
            }
            d.expectations
                .sort_by_key(|e| order.iter().position(|k| *k == e.level));
        }
        Ok(self)
    }

    /// This ladder laid over an older version of itself (a re-import or an edit):
    /// levels and dimensions the new version leaves out are kept, retired, when
    /// something cites them (`cited_levels`, `cited_dimensions`), with their
    /// expectations, so every past assessment still reads as it did; unused ones go.
    pub fn laid_over(
        mut self,
        old: &Ladder,
        cited_levels: &HashSet<String>,
        cited_dimensions: &HashSet<String>,
    ) -> Ladder {
        let kept_levels: Vec<Level> = old
            .levels
            .iter()
            .filter(|l| self.level(&l.key).is_none() && cited_levels.contains(&l.key))
            .map(|l| Level {
                retired: true,
                ..l.clone()
            })
            .collect();
        let gone: HashSet<&str> = kept_levels.iter().map(|l| l.key.as_str()).collect();
        for d in &mut self.dimensions {
            if let Some(o) = old.dimensions.iter().find(|o| o.key == d.key) {
                d.expectations.extend(
                    o.expectations
                        .iter()
                        .filter(|e| gone.contains(e.level.as_str()))
                        .cloned(),
                );
            }
        }
        for o in &old.dimensions {
            if self.dimensions.iter().all(|d| d.key != o.key) && cited_dimensions.contains(&o.key) {
                let mut d = Dimension {
                    retired: true,
                    ..o.clone()
                };
                d.expectations
                    .retain(|e| self.level(&e.level).is_some() || gone.contains(e.level.as_str()));
                self.dimensions.push(d);
            }
        }
        // Retired levels keep their place: after the last surviving level before them.
        for l in kept_levels {
            let before = old
                .levels
                .iter()
                .take_while(|x| x.key != l.key)
                .filter_map(|x| self.levels.iter().position(|y| y.key == x.key))
                .max();
            self.levels.insert(before.map_or(0, |i| i + 1), l);
        }
        let order: Vec<String> = self.levels.iter().map(|l| l.key.clone()).collect();
        for d in &mut self.dimensions {
            d.expectations
                .sort_by_key(|e| order.iter().position(|k| *k == e.level));
        }
        self
    }

    /// A few words about the ladder's shape: "8 levels (forks at Senior 2), 9 dimensions".
    pub fn shape(&self) -> String {
        let levels = self.levels.iter().filter(|l| !l.retired).count();
        let dims = self.dimensions.iter().filter(|d| !d.retired).count();
        let fork = self
            .branch_point()
            .map(|l| {
                format!(
                    " (forks into IC and People Manager at rung {})",
                    self.rank(&l.key).unwrap_or(0)
                )
            })
            .unwrap_or_default();
        format!(
            "{levels} level{}{fork}, {dims} dimension{}",
            if levels == 1 { "" } else { "s" },
            if dims == 1 { "" } else { "s" }
        )
    }
}

/// The one framework of schema 5 and older (and of archives up to version 2): each
/// dimension had its own list of levels. Read only, to convert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyFramework {
    pub name: String,
    pub dimensions: Vec<LegacyDimension>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyDimension {
    pub key: String,
    pub name: String,
    pub description: String,
    pub levels: Vec<LegacyLevel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyLevel {
    pub key: String,
    pub name: String,
    pub description: String,
}

/// The key the converted legacy framework gets (it was Trellis's default or a copy of it).
pub const LEGACY_KEY: &str = "trellis";

impl LegacyFramework {
    /// The same framework as a ladder: the levels of every dimension, merged by key in
    /// the order they first appear, and each dimension's level text as its expectation.
    /// Assessments keep their dimension and level keys.
    pub fn into_ladder(self) -> Ladder {
        let ladder = self.convert();
        // Still Trellis's own default, word for word: it is that ladder (description too).
        let ours = Framework::default_ladder();
        if ladder.name == ours.name
            && ladder.levels == ours.levels
            && ladder.dimensions == ours.dimensions
        {
            ours
        } else {
            ladder
        }
    }

    fn convert(self) -> Ladder {
        let mut levels: Vec<Level> = vec![];
        for d in &self.dimensions {
            let mut after: Option<usize> = None;
            for l in &d.levels {
                match levels.iter().position(|x| x.key == l.key) {
                    Some(i) => after = Some(i),
                    None => {
                        let at = after.map_or(levels.len(), |i| i + 1);
                        levels.insert(
                            at,
                            Level {
                                key: l.key.clone(),
                                name: l.name.clone(),
                                description: String::new(),
                                branch: None,
                                retired: false,
                            },
                        );
                        after = Some(at);
                    }
                }
            }
        }
        Ladder {
            key: LEGACY_KEY.to_string(),
            name: self.name,
            description: String::new(),
            levels,
            dimensions: self
                .dimensions
                .into_iter()
                .map(|d| Dimension {
                    key: d.key,
                    name: d.name,
                    description: d.description,
                    retired: false,
                    expectations: d
                        .levels
                        .into_iter()
                        .map(|l| Expectation {
                            level: l.key,
                            description: l.description,
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The default ladder as schema 1 stored it (to seed a new journal's first schema).
    pub fn from_ladder(l: &Ladder) -> LegacyFramework {
        LegacyFramework {
            name: l.name.clone(),
            dimensions: l
                .dimensions
                .iter()
                .map(|d| LegacyDimension {
                    key: d.key.clone(),
                    name: d.name.clone(),
                    description: d.description.clone(),
                    levels: d
                        .expectations
                        .iter()
                        .map(|e| LegacyLevel {
                            key: e.level.clone(),
                            name: l
                                .level(&e.level)
                                .map(|x| x.name.clone())
                                .unwrap_or_default(),
                            description: e.description.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Upper bound on levels and on dimensions of one ladder.
pub const MAX_PARTS: usize = 200;

fn line(field: &'static str, s: &str) -> Result<String> {
    no_hidden_controls(field, s)?;
    Ok(optional_line(field, s)?.unwrap_or_default())
}

fn text(field: &'static str, s: &str) -> Result<String> {
    no_hidden_controls(field, s)?;
    Ok(optional_text(field, s)?.unwrap_or_default())
}

/// Text from outside (a ladder file) is printed in terminals and shown in the window:
/// control characters other than line breaks and tabs (ESC sequences that rewrite a
/// terminal or its clipboard) and the bidirectional overrides that make text read other
/// than it is stored are refused. (Zero-width joiners stay: emoji are made of them.)
fn no_hidden_controls(field: &'static str, s: &str) -> Result<()> {
    refuse(field, s, |c| {
        (c.is_control() && c != '\n' && c != '\t' && c != '\r')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    })
}

/// A key is an identifier a person types: nothing invisible at all in it.
fn no_hidden_in_key(field: &'static str, s: &str) -> Result<()> {
    // Controls and Unicode's default-ignorable characters (soft hyphen, joiners, marks,
    // variation selectors, …): "sen\u{AD}ior" must not pass for "senior".
    refuse(field, s, |c| {
        c.is_control()
            || matches!(c,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
                | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2028}'..='\u{2029}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}' | '\u{FFA0}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
    })
}

fn refuse(field: &'static str, s: &str, bad: impl Fn(char) -> bool) -> Result<()> {
    match s.chars().find(|&c| bad(c)) {
        Some(c) => Err(Error::invalid(
            field,
            format!(
                "holds the invisible or control character U+{:04X}; remove it",
                u32::from(c)
            ),
        )),
        None => Ok(()),
    }
}

/// A ladder's own key also names files (an export, the editor's copy): ASCII letters,
/// digits, dots, dashes and underscores, starting with a letter or digit.
fn file_safe_key(key: String) -> Result<String> {
    let ok = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(key)
    } else {
        Err(Error::invalid(
            "framework key",
            format!(
                "'{}' must be ASCII letters, digits, '.', '-' or '_', starting with a letter or digit",
                key.escape_debug()
            ),
        ))
    }
}

/// A key made from a name: lower case words joined by hyphens ("Team Work" → "team-work").
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    out.chars().take(MAX_TAG_CHARS).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Assessment {
    pub id: Id,
    pub mentee_id: Id,
    /// The ladder it was made on; it keeps it when the mentee changes ladder. (Absent
    /// in the trash of schema 5 and older: read as nil, restored onto the default.)
    #[serde(default)]
    pub framework_id: Id,
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

/// Where a mentee stands on a ladder: which ladder, and (if set) the level they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LadderPosition {
    pub mentee_id: Id,
    pub framework_id: Id,
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub level: Option<String>,
}

/// A mentee's place on their ladder, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MenteeLadder {
    pub framework: Framework,
    /// The level the mentee holds, if the lead set one.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub level: Option<Level>,
    /// "Senior Engineer 2 (IC)"; absent when no level is set.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub label: Option<String>,
    /// The branch of the held level (none on the trunk).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub branch: Option<Branch>,
    /// Where the ladder forks, as read ("Senior Engineer 2"), if it does.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub fork: Option<String>,
}

impl MenteeLadder {
    pub fn new(framework: Framework, level: Option<String>) -> MenteeLadder {
        let level = level.and_then(|k| framework.ladder.level(&k).cloned());
        let fork = framework.ladder.branch_point().map(|l| {
            // The fork's rung, named by its first level without the branch suffix.
            let name = if l.name.is_empty() { &l.key } else { &l.name };
            name.split(" (").next().unwrap_or(name).to_string()
        });
        MenteeLadder {
            label: level.as_ref().map(Level::label),
            branch: level.as_ref().and_then(|l| l.branch),
            level,
            fork,
            framework,
        }
    }
}

/// One dimension for one mentee: the latest level, every assessment (oldest first),
/// what the next level expects, and the entries citing it since the latest assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkillStanding {
    pub dimension: String,
    pub dimension_name: String,
    pub retired: bool,
    /// The top rung of the mentee's path.
    pub levels: usize,
    pub latest: Option<RankedAssessment>,
    pub history: Vec<RankedAssessment>,
    /// One step up (two where the ladder forks and no branch is chosen).
    pub next: Vec<NextStep>,
    /// Entries whose skills name this dimension, dated after the latest assessment
    /// (all of them when there is none), newest first.
    pub evidence: Vec<EvidenceRef>,
}

/// An assessment made on a ladder the mentee is no longer on: it keeps that ladder's
/// words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EarlierAssessment {
    pub framework_name: String,
    pub dimension_name: String,
    pub level_name: String,
    #[serde(flatten)]
    pub assessment: Assessment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NextStep {
    pub level: String,
    pub label: String,
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub branch: Option<Branch>,
    /// What the dimension expects there; none when the ladder does not describe it.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub expectation: Option<String>,
}

/// An entry cited as evidence: enough to list it and link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvidenceRef {
    pub entry_id: Id,
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// The entry's title, or the start of its first line.
    pub title: String,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RankedAssessment {
    #[serde(flatten)]
    pub assessment: Assessment,
    pub level_name: String,
    /// 1-based rung of the level on its ladder.
    pub rank: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ft_like() -> Ladder {
        let l = |key: &str, branch| Level {
            key: key.into(),
            name: key.to_uppercase(),
            description: String::new(),
            branch,
            retired: false,
        };
        Ladder {
            key: "x".into(),
            name: "X".into(),
            description: String::new(),
            levels: vec![
                l("junior", None),
                l("senior", None),
                l("s2-ic", Some(Branch::Ic)),
                l("s2-pm", Some(Branch::Manager)),
                l("p-ic", Some(Branch::Ic)),
                l("p-pm", Some(Branch::Manager)),
                l("director", None),
            ],
            dimensions: vec![],
        }
    }

    #[test]
    fn the_default_framework_is_well_formed() {
        let f = Framework::default_ladder();
        assert_eq!(f.clone().normalize().expect("valid"), f, "stored canonical");
        assert!(f.dimensions.len() >= 6);
        for d in &f.dimensions {
            assert_eq!(d.expectations.len(), f.levels.len(), "{}", d.key);
        }
    }

    #[test]
    fn branch_levels_share_a_rung_and_the_trunk_continues_above_them() {
        let f = ft_like();
        let ranks: Vec<usize> = f
            .levels
            .iter()
            .map(|l| f.rank(&l.key).expect("as set up"))
            .collect();
        assert_eq!(ranks, vec![1, 2, 3, 3, 4, 4, 5]);
        assert_eq!(f.top_rank(Some(Branch::Ic)), 5);
        let next: Vec<&str> = f
            .next_levels(Some("senior"), None)
            .iter()
            .map(|l| l.key.as_str())
            .collect();
        assert_eq!(next, vec!["s2-ic", "s2-pm"], "both sides of the fork");
        let next: Vec<&str> = f
            .next_levels(Some("s2-pm"), None)
            .iter()
            .map(|l| l.key.as_str())
            .collect();
        assert_eq!(next, vec!["p-pm"], "a branch stays on its side");
        assert_eq!(f.level("s2-ic").expect("as set up").label(), "S2-IC (IC)");
        assert!(matches!(f.find_level("3"), Err(Error::Ambiguous { .. })));
        assert_eq!(f.find_level("2").expect("as set up").key, "senior");
    }

    #[test]
    fn a_retired_level_pushes_nothing_up_and_is_not_a_rung_to_pick() {
        let mut f = ft_like();
        f.levels[1].retired = true; // "senior"
        let ranks: Vec<usize> = f
            .levels
            .iter()
            .map(|l| f.rank(&l.key).expect("ranked"))
            .collect();
        assert_eq!(ranks, vec![1, 2, 2, 2, 3, 3, 4]);
        assert_eq!(f.top_rank(Some(Branch::Ic)), 4);
        assert_eq!(
            f.find_level("2")
                .err()
                .map(|e| e.to_string().contains("s2-ic")),
            Some(true)
        );
        let next: Vec<&str> = f
            .next_levels(Some("senior"), None)
            .iter()
            .map(|l| l.key.as_str())
            .collect();
        assert_eq!(
            next,
            vec!["s2-ic", "s2-pm"],
            "from a retired level, the current levels now on its rung"
        );
    }

    #[test]
    fn hidden_controls_and_unsafe_keys_are_refused() {
        let mut f = ft_like();
        f.key = "../../etc/x".into();
        assert!(f.normalize().is_err(), "a key is a file name part");
        let mut g = ft_like();
        g.levels[0].description = "\u{1b}]52;c;aGk=\u{7}".into();
        assert!(g.normalize().is_err(), "terminal escapes");
        let mut h = ft_like();
        h.levels[0].name = "abc\u{202E}def".into();
        assert!(h.normalize().is_err(), "bidi override");
        let mut ok = ft_like();
        ok.levels[0].description = "line one\n\tline two".into();
        assert!(ok.normalize().is_ok(), "line breaks and tabs are text");
    }

    #[test]
    fn a_key_wins_over_another_part_named_like_it() {
        let mut f = ft_like();
        f.levels[0].name = "senior".into(); // junior, named like the key of level 2
        assert_eq!(f.find_level("senior").expect("found").key, "senior");
        assert_eq!(f.find_level("SENIOR").expect("found").key, "senior");
        let mut g = ft_like();
        g.levels[1].key = "sen\u{AD}ior".into();
        assert!(g.normalize().is_err(), "a soft hyphen in a key");
        let mut h = ft_like();
        h.name = "a\u{2067}b".into();
        assert!(h.normalize().is_err(), "a bidi isolate in text");
    }

    #[test]
    fn a_removed_level_that_something_cites_is_retired_in_place() {
        let old = ft_like();
        let mut new = old.clone();
        new.levels.retain(|l| l.key != "senior" && l.key != "p-ic");
        let cited: HashSet<String> = ["senior".to_string()].into();
        let merged = new.laid_over(&old, &cited, &HashSet::new());
        let keys: Vec<&str> = merged.levels.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(
            keys,
            vec!["junior", "senior", "s2-ic", "s2-pm", "p-pm", "director"]
        );
        assert!(merged.level("senior").expect("as set up").retired);
    }

    #[test]
    fn slugs_are_keys() {
        assert_eq!(
            slug("Problem Solving & Decision Making"),
            "problem-solving-decision-making"
        );
        assert_eq!(slug("  🛠️ Backend "), "backend");
    }
}
