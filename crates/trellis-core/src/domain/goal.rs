//! Growth goals, their check-ins and the entries that evidence them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::values::*;
use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Goal {
    pub id: Id,
    pub mentee_id: Id,
    pub title: String,
    pub why: Option<String>,
    pub skills: Vec<String>,
    pub target: Option<NaiveDate>,
    pub status: GoalStatus,
    /// The progress of the latest check-in (by date), 0 before the first.
    pub progress: Progress,
    pub check_ins: Vec<CheckIn>,
    /// Entries that evidence this goal.
    pub evidence: Vec<Id>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckIn {
    pub id: Id,
    pub goal_id: Id,
    pub date: NaiveDate,
    pub progress: Progress,
    pub note: Option<String>,
    /// The entries this check-in cites (kept even after one is deleted: its tombstone
    /// says whether it was private).
    #[serde(default)]
    pub evidence: Vec<Id>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewGoal {
    pub title: String,
    pub why: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    pub target: Option<NaiveDate>,
    /// `None` means `active`: a goal the lead writes down is usually being worked on.
    pub status: Option<GoalStatus>,
}

impl NewGoal {
    pub fn into_goal(self, id: Id, mentee_id: Id, now: DateTime<Utc>) -> Result<Goal> {
        Ok(Goal {
            id,
            mentee_id,
            title: required_line("title", &self.title)?,
            why: normalize_opt_text("why", self.why)?,
            skills: normalize_labels("skill", self.skills)?,
            target: self.target,
            status: self.status.unwrap_or(GoalStatus::Active),
            progress: Progress::new(0)?,
            check_ins: vec![],
            evidence: vec![],
            created_at: now,
            updated_at: now,
        })
    }
}

/// A change to a goal. `None` leaves a field as it is; an empty `why` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoalPatch {
    pub title: Option<String>,
    pub why: Option<String>,
    /// `Some(None)` clears the target date.
    #[serde(
        default,
        with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional, type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub target: Option<Option<NaiveDate>>,
    pub skills: Option<Vec<String>>,
    pub status: Option<GoalStatus>,
}

impl GoalPatch {
    pub fn apply(self, g: &Goal, now: DateTime<Utc>) -> Result<Goal> {
        let mut out = g.clone();
        if let Some(title) = self.title {
            out.title = required_line("title", &title)?;
        }
        if let Some(why) = self.why {
            out.why = optional_text("why", &why)?;
        }
        if let Some(target) = self.target {
            out.target = target;
        }
        if let Some(skills) = self.skills {
            out.skills = normalize_labels("skill", skills)?;
        }
        if let Some(status) = self.status {
            out.status = status;
        }
        if out != *g {
            out.updated_at = now;
        }
        Ok(out)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewCheckIn {
    pub date: NaiveDate,
    pub progress: Progress,
    pub note: Option<String>,
    /// Entries this check-in cites; they are added to the goal's evidence too.
    #[serde(default)]
    pub evidence: Vec<Id>,
}

impl NewCheckIn {
    pub fn into_check_in(self, id: Id, goal_id: Id, now: DateTime<Utc>) -> Result<CheckIn> {
        Ok(CheckIn {
            id,
            goal_id,
            date: self.date,
            progress: self.progress,
            note: normalize_opt_text("note", self.note)?,
            evidence: {
                let mut e = self.evidence;
                e.sort();
                e.dedup();
                e
            },
            created_at: now,
        })
    }
}

/// The latest check-in by date (ties: the later-created one) decides a goal's progress.
pub fn latest_progress(check_ins: &[CheckIn]) -> Option<Progress> {
    check_ins
        .iter()
        .max_by_key(|c| (c.date, c.created_at, c.id))
        .map(|c| c.progress)
}
