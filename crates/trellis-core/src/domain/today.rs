//! "Today": what a lead needs to see when the app opens — follow-ups by due date
//! (overdue first), goals due soon, 1:1s due by each mentee's cadence (and those just
//! added, who have nothing logged yet), the latest entries.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::values::*;
use crate::{ActionItem, EntryKind, GoalStatus};

/// Goals whose target falls within this many days appear on Today.
pub const GOALS_DUE_WITHIN_DAYS: i64 = 30;
/// A mentee added within this many days, with nothing logged yet, is "just added" on
/// Today rather than a 1:1 due.
pub const NEW_MENTEE_DAYS: i64 = 21;
/// How many of the latest entries Today lists.
pub const LATEST_ENTRIES: usize = 10;
/// The most urgent follow-ups Today lists (a lead of hundreds sees the count of the rest).
pub const TODAY_FOLLOW_UPS: usize = 200;
/// The most recently missed goal targets Today lists (all goals due soon are listed).
pub const TODAY_GOALS_LATE: i64 = 50;
/// The most overdue 1:1s Today lists.
pub const TODAY_ONE_ON_ONES: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Today {
    pub date: NaiveDate,
    /// Open action items: overdue first, then by due date; undated last. At most
    /// `TODAY_FOLLOW_UPS`, the most urgent.
    pub follow_ups: Vec<TodayAction>,
    /// All open action items of current mentees (`follow_ups` may show fewer).
    pub follow_ups_total: u32,
    pub goals_due: Vec<GoalDue>,
    /// All goals past their target or due soon (`goals_due` lists at most
    /// `TODAY_GOALS_LATE` of those past).
    pub goals_due_total: u32,
    /// 1:1s due by each mentee's cadence (today or past), most overdue first; at most
    /// `TODAY_ONE_ON_ONES`. Mentees just added are in `new_mentees` instead.
    pub one_on_ones_due: Vec<OneOnOneDue>,
    /// All 1:1s due.
    pub one_on_ones_due_total: u32,
    /// Added within `NEW_MENTEE_DAYS` and nothing logged yet.
    pub new_mentees: Vec<NotSeen>,
    pub latest: Vec<EntrySummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TodayAction {
    pub action: ActionItem,
    pub mentee_name: String,
    pub overdue: bool,
    /// A follow-up of a private entry: as private as the entry (screen-share mode blurs it).
    #[serde(default)]
    pub private: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoalDue {
    pub goal_id: Id,
    pub mentee_id: Id,
    pub mentee_name: String,
    pub title: String,
    pub target: NaiveDate,
    pub status: GoalStatus,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NotSeen {
    pub mentee_id: Id,
    pub mentee_name: String,
    /// `None` when there is no entry at all yet.
    pub last_entry: Option<NaiveDate>,
    /// When the mentee was added to the journal.
    pub added: NaiveDate,
    /// Days since the last entry, or since they were added when there is none.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub days: i64,
}

/// A 1:1 due by the mentee's cadence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OneOnOneDue {
    pub mentee_id: Id,
    pub mentee_name: String,
    pub cadence: Cadence,
    /// The last one-on-one note or pairing session; `None` when none is logged (then the
    /// 1:1 is due today).
    pub last: Option<NaiveDate>,
    /// Every 1:1 on the `last` day was private.
    pub last_private: bool,
    pub next: NaiveDate,
    /// Days past `next`; 0 when due today.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub days_overdue: i64,
}

/// One line about an entry, for lists across mentees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EntrySummary {
    pub id: Id,
    pub mentee_id: Id,
    pub mentee_name: String,
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// Title, topic, or the first line of the body.
    pub headline: String,
    pub visibility: Visibility,
    pub starred: bool,
}
