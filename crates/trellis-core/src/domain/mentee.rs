//! A mentee: the person a lead mentors, and the rules for adding and editing one.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::values::*;
use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Mentee {
    pub id: Id,
    pub name: String,
    pub role: Option<String>,
    pub level: Option<String>,
    pub team: Option<String>,
    /// When mentoring began.
    pub started: Option<NaiveDate>,
    pub track: TrackInterest,
    pub tags: Vec<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewMentee {
    pub name: String,
    pub role: Option<String>,
    pub level: Option<String>,
    pub team: Option<String>,
    pub started: Option<NaiveDate>,
    pub track: Option<TrackInterest>,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl NewMentee {
    /// Checks and normalizes the input, giving the mentee it describes.
    pub fn into_mentee(self, id: Id, now: DateTime<Utc>) -> Result<Mentee> {
        Ok(Mentee {
            id,
            name: required_line("name", &self.name)?,
            role: normalize_opt_line("role", self.role)?,
            level: normalize_opt_line("level", self.level)?,
            team: normalize_opt_line("team", self.team)?,
            started: self.started,
            track: self.track.unwrap_or(TrackInterest::Undecided),
            tags: normalize_labels("tag", self.tags)?,
            archived: false,
            created_at: now,
            updated_at: now,
        })
    }
}

/// A change to a mentee. `None` leaves a field as it is; for the optional text
/// fields, an empty string clears them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MenteePatch {
    pub name: Option<String>,
    pub role: Option<String>,
    pub level: Option<String>,
    pub team: Option<String>,
    /// `Some(None)` clears the start date.
    #[serde(
        default,
        with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional, type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub started: Option<Option<NaiveDate>>,
    pub track: Option<TrackInterest>,
    /// Replaces all tags.
    pub tags: Option<Vec<String>>,
    pub archived: Option<bool>,
}

impl MenteePatch {
    pub fn is_empty(&self) -> bool {
        *self == MenteePatch::default()
    }

    /// Applies the change to a copy of `m`, validating every field it touches.
    pub fn apply(self, m: &Mentee, now: DateTime<Utc>) -> Result<Mentee> {
        let mut out = m.clone();
        if let Some(name) = self.name {
            out.name = required_line("name", &name)?;
        }
        if let Some(role) = self.role {
            out.role = optional_line("role", &role)?;
        }
        if let Some(level) = self.level {
            out.level = optional_line("level", &level)?;
        }
        if let Some(team) = self.team {
            out.team = optional_line("team", &team)?;
        }
        if let Some(started) = self.started {
            out.started = started;
        }
        if let Some(track) = self.track {
            out.track = track;
        }
        if let Some(tags) = self.tags {
            out.tags = normalize_labels("tag", tags)?;
        }
        if let Some(archived) = self.archived {
            out.archived = archived;
        }
        if out != *m {
            out.updated_at = now;
        }
        Ok(out)
    }
}

/// A mentee with what the lead wants to see at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MenteeOverview {
    pub mentee: Mentee,
    pub entries: EntryCounts,
    pub last_entry: Option<NaiveDate>,
    pub latest_leaning: Option<Leaning>,
    pub open_actions: Vec<crate::ActionItem>,
    /// The mentee's action items (open or done) that are follow-ups of private entries.
    #[serde(default)]
    pub private_actions: Vec<Id>,
    /// The latest leaning comes from a private track conversation.
    #[serde(default)]
    pub latest_leaning_private: bool,
    pub goals: Vec<crate::Goal>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EntryCounts {
    pub notes: u32,
    pub sessions: u32,
    pub tracks: u32,
    pub session_minutes: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).expect("valid timestamp")
    }

    #[test]
    fn a_new_mentee_is_trimmed_and_undecided_by_default() {
        let m = NewMentee {
            name: "  Priya Raman ".into(),
            role: Some("  ".into()),
            tags: vec!["Backend".into(), "backend".into()],
            ..Default::default()
        }
        .into_mentee(new_id(), now())
        .expect("valid mentee");
        assert_eq!(m.name, "Priya Raman");
        assert_eq!(m.role, None, "blank role means no role");
        assert_eq!(m.track, TrackInterest::Undecided);
        assert_eq!(m.tags, vec!["backend".to_string()], "tags are deduplicated");
    }

    #[test]
    fn an_empty_name_is_refused() {
        let err = NewMentee {
            name: " ".into(),
            ..Default::default()
        }
        .into_mentee(new_id(), now())
        .expect_err("this input must be refused");
        assert_eq!(err.to_string(), "invalid name: must not be empty");
    }

    #[test]
    fn a_patch_clears_with_empty_text_and_keeps_the_rest() {
        let m = NewMentee {
            name: "Sam".into(),
            role: Some("Engineer".into()),
            team: Some("Payments".into()),
            ..Default::default()
        }
        .into_mentee(new_id(), now())
        .expect("valid");
        let later = now() + chrono::Duration::days(1);
        let edited = MenteePatch {
            role: Some(String::new()),
            level: Some("L3".into()),
            ..Default::default()
        }
        .apply(&m, later)
        .expect("valid patch");
        assert_eq!(edited.role, None);
        assert_eq!(edited.level.as_deref(), Some("L3"));
        assert_eq!(
            edited.team.as_deref(),
            Some("Payments"),
            "untouched field kept"
        );
        assert_eq!(edited.updated_at, later);
    }
}
