//! The next 1:1: when it falls (the mentee's cadence from the last 1:1 note or pairing
//! session), and what to bring to it — open action items of both owners (overdue first),
//! goals due or without a check-in for a while, the last track conversation's experiments
//! and their outcomes, entries since the last 1:1 worth following up (starred, or with a
//! "to improve"), and the lead's reminders (entries tagged `agenda`). Every item names its
//! source; an item drawn from a private entry says so, and leaves a copied agenda unless
//! asked for.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::values::*;

/// Goals with a target within this many days come to the agenda.
pub const AGENDA_GOAL_DAYS: i64 = 14;
/// Active goals without a check-in for this many days come to the agenda.
pub const AGENDA_STALE_GOAL_DAYS: i64 = 30;
/// The tag that brings an entry to the next 1:1 as a reminder.
pub const AGENDA_TAG: &str = "agenda";

/// The agenda's sections, in order, with their headings (every face shows them so).
pub const AGENDA_SECTIONS: [(AgendaKind, &str); 5] = [
    (AgendaKind::Action, "Action items"),
    (AgendaKind::Goal, "Goals"),
    (
        AgendaKind::Experiment,
        "Experiments from the last track conversation",
    ),
    (AgendaKind::FollowUp, "Since the last 1:1"),
    (AgendaKind::Reminder, "Reminders"),
];

/// When a mentee's next 1:1 falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NextOneOnOne {
    pub cadence: Cadence,
    /// The cadence is the journal's default, not one set for this mentee.
    pub cadence_is_default: bool,
    /// The last one-on-one note or pairing session.
    pub last: Option<NaiveDate>,
    /// Every 1:1 on the `last` day is private: a copy for a shared doc leaves the date out.
    pub last_private: bool,
    /// `None` for no cadence; today when there has been none yet.
    pub next: Option<NaiveDate>,
    /// The next 1:1 is today or past.
    pub due: bool,
}

/// What an agenda item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AgendaKind {
    Action,
    Goal,
    Experiment,
    FollowUp,
    Reminder,
}

/// One thing to bring to the next 1:1, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaItem {
    pub kind: AgendaKind,
    pub text: String,
    /// A few words more: the owner and due date, a goal's target, an outcome.
    pub detail: String,
    pub date: Option<NaiveDate>,
    pub overdue: bool,
    /// Drawn from a private entry (or a follow-up of one): not in a copied agenda unless
    /// asked for, and marked when it is.
    pub private: bool,
    /// `action`, `goal` or `entry`.
    pub source_kind: String,
    pub source_id: Id,
}

/// The next 1:1 with one mentee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agenda {
    pub mentee_id: Id,
    pub mentee_name: String,
    pub today: NaiveDate,
    pub next: NextOneOnOne,
    pub items: Vec<AgendaItem>,
}

impl Agenda {
    /// The agenda as Markdown, to paste into a shared doc: private items left out — not
    /// even counted — unless `include_private`, and then each marked.
    pub fn to_markdown(&self, include_private: bool) -> String {
        let mut out = String::new();
        // After a private 1:1 its date, or the next one counted from it, would tell when
        // that 1:1 was held: a copy without private items names neither.
        let hide_dates = self.next.last_private && !include_private;
        let when = match self.next.next {
            Some(_) if hide_dates => String::new(),
            Some(d) => format!(" — {d}"),
            None => " — no date set".to_string(),
        };
        out.push_str(&format!(
            "# Next 1:1 with {}{}\n\n",
            md_text(&self.mentee_name),
            when
        ));
        out.push_str(&format!(
            "Rhythm: {}{}.",
            self.next.cadence.words(),
            match self.next.last {
                Some(_) if hide_dates => String::new(),
                Some(d) => format!("; last 1:1 {d}"),
                None => "; no 1:1 logged yet".to_string(),
            }
        ));
        out.push('\n');
        let sections = AGENDA_SECTIONS;
        for (kind, title) in sections {
            let items: Vec<&AgendaItem> = self
                .items
                .iter()
                .filter(|i| i.kind == kind)
                .filter(|i| include_private || !i.private)
                .collect();
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("\n## {title}\n\n"));
            for i in items {
                let check = if kind == AgendaKind::Action {
                    "[ ] "
                } else {
                    ""
                };
                out.push_str(&format!("- {check}{}", md_text(&i.text)));
                if !i.detail.is_empty() {
                    out.push_str(&format!(" — {}", md_text(&i.detail)));
                }
                if i.private {
                    out.push_str(" _(private)_");
                }
                out.push('\n');
            }
        }
        if self.items.is_empty() {
            out.push_str("\nNothing open: a good time to ask what is on their mind.\n");
        }
        out
    }

    /// How many items come from private entries (the lead is told how many a copy leaves
    /// out; the copy itself never says).
    pub fn private_count(&self) -> usize {
        self.items.iter().filter(|i| i.private).count()
    }
}

/// User text inside a Markdown list item, escaped as the summaries escape it: no line
/// break, heading, link, emphasis or HTML can come from it.
fn md_text(s: &str) -> String {
    crate::markdown::escape_markdown(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A mentee's own 1:1 cadence (the others follow the journal's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct MenteeCadence {
    pub mentee_id: Id,
    pub cadence: Cadence,
}

/// The outcome of an experiment agreed in a track conversation (named by its text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct ExperimentOutcome {
    pub entry_id: Id,
    pub experiment: String,
    pub outcome: String,
    pub closed_on: NaiveDate,
}

/// The journal's settings as stored (and carried by its archive); `None` where never set,
/// so the default applies. Also a patch: `Journal::update_settings` sets what is `Some`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct JournalSettings {
    #[serde(default)]
    pub default_cadence: Option<Cadence>,
    /// A new note's visibility when none is given (default private).
    #[serde(default)]
    pub note_visibility: Option<Visibility>,
    /// A new pairing session's (default shareable).
    #[serde(default)]
    pub session_visibility: Option<Visibility>,
    /// A new track conversation's (default private).
    #[serde(default)]
    pub track_visibility: Option<Visibility>,
}

/// The settings in effect: what was set, else the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    pub default_cadence: Cadence,
    pub note_visibility: Visibility,
    pub session_visibility: Visibility,
    pub track_visibility: Visibility,
}

impl JournalSettings {
    /// What is in effect.
    pub fn effective(&self) -> Settings {
        Settings {
            default_cadence: self.default_cadence.unwrap_or(Cadence::DEFAULT),
            note_visibility: self
                .note_visibility
                .unwrap_or(EntryKind::Note.default_visibility()),
            session_visibility: self
                .session_visibility
                .unwrap_or(EntryKind::Session.default_visibility()),
            track_visibility: self
                .track_visibility
                .unwrap_or(EntryKind::Track.default_visibility()),
        }
    }

    /// Each setting as (key, value): the stored form, and what an import compares.
    pub fn pairs(&self) -> Vec<(&'static str, Option<&'static str>)> {
        vec![
            (
                SETTING_DEFAULT_CADENCE,
                self.default_cadence.map(|c| c.as_str()),
            ),
            ("note_visibility", self.note_visibility.map(|v| v.as_str())),
            (
                "session_visibility",
                self.session_visibility.map(|v| v.as_str()),
            ),
            (
                "track_visibility",
                self.track_visibility.map(|v| v.as_str()),
            ),
        ]
    }
}

impl Settings {
    /// A new entry's visibility when none is given.
    pub fn visibility(&self, kind: EntryKind) -> Visibility {
        match kind {
            EntryKind::Note => self.note_visibility,
            EntryKind::Session => self.session_visibility,
            EntryKind::Track => self.track_visibility,
        }
    }
}

/// The settings key of the default cadence.
pub const SETTING_DEFAULT_CADENCE: &str = "default_cadence";

/// Something due that a lead should hear about (`trellis remind`, notifications).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reminder {
    /// `one_on_one`, `action` or `goal`.
    pub kind: String,
    pub mentee_id: Id,
    pub mentee_name: String,
    pub text: String,
    pub date: NaiveDate,
    /// Past due (not today).
    pub overdue: bool,
    /// Drawn from a private entry: its text is not printed unless asked. For a 1:1, the
    /// last one was private: its date (and this one's, counted from it) is not printed.
    pub private: bool,
    /// The record behind it (the mentee for a 1:1).
    pub source_id: Id,
}
