//! OS notifications of what is due, while the app runs: a 1:1 due by cadence, action
//! items due or overdue, goal targets within a week (the core's `reminders`, as `trellis
//! remind` prints them). Computed locally every few minutes; each thing is told once a
//! day (never again that day, even when still due), several at once as one notification,
//! and what comes from a private entry — or a 1:1 whose date would tell when a private one
//! was held — says so without its text. Off with the switch in Settings.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use trellis_core::Reminder;

/// What the notifier has told today, and whether it may.
pub struct Notifier {
    enabled: AtomicBool,
    told: Mutex<(Option<NaiveDate>, HashSet<String>)>,
}

impl Default for Notifier {
    fn default() -> Self {
        Notifier {
            enabled: AtomicBool::new(true),
            told: Mutex::new((None, HashSet::new())),
        }
    }
}

/// One notification: a title and a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub title: String,
    pub body: String,
}

/// More things due at once than this are told as one notification.
const AT_ONCE: usize = 3;

fn key(r: &Reminder) -> String {
    format!("{}:{}:{}", r.kind, r.source_id, r.date)
}

/// A reminder in words fit for a screen someone else may see.
fn line(r: &Reminder) -> String {
    let when = if r.overdue { "overdue" } else { "due" };
    match (r.kind.as_str(), r.private) {
        ("one_on_one", true) => format!("1:1 with {} is {when}", r.mentee_name),
        ("one_on_one", false) => format!("1:1 with {} is {when} ({})", r.mentee_name, r.date),
        (_, true) => format!(
            "{}: a follow-up from a private entry is {when}",
            r.mentee_name
        ),
        ("goal", false) => format!("{}: goal “{}” — target {}", r.mentee_name, r.text, r.date),
        (_, false) => format!("{}: {} ({when} {})", r.mentee_name, r.text, r.date),
    }
}

impl Notifier {
    pub fn set_enabled(&self, on: bool) {
        self.enabled.store(on, Ordering::Relaxed);
    }

    pub fn enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    /// What to tell now of `due` on `today`: nothing already told today; several things
    /// as one notification. Marks what it returns as told.
    pub fn select(&self, due: &[Reminder], today: NaiveDate) -> Vec<Note> {
        if !self.enabled() {
            return vec![];
        }
        let Ok(mut told) = self.told.lock() else {
            return vec![];
        };
        if told.0 != Some(today) {
            *told = (Some(today), HashSet::new());
        }
        let new: Vec<&Reminder> = due.iter().filter(|r| !told.1.contains(&key(r))).collect();
        for r in &new {
            told.1.insert(key(r));
        }
        match new.len() {
            0 => vec![],
            n if n > AT_ONCE => vec![Note {
                title: format!("Trellis: {n} things due"),
                body: new
                    .iter()
                    .take(AT_ONCE)
                    .map(|r| line(r))
                    .chain(std::iter::once(format!(
                        "and {} more — open Trellis",
                        n - AT_ONCE
                    )))
                    .collect::<Vec<_>>()
                    .join("\n"),
            }],
            _ => new
                .iter()
                .map(|r| Note {
                    title: "Trellis".to_string(),
                    body: line(r),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trellis_core::Id;

    fn day(s: &str) -> NaiveDate {
        trellis_core::parse_date(s).expect("a date")
    }

    fn reminder(kind: &str, text: &str, private: bool, id: u128) -> Reminder {
        Reminder {
            kind: kind.into(),
            mentee_id: Id::from_u128(1),
            mentee_name: "Ada".into(),
            text: text.into(),
            date: day("2026-11-20"),
            overdue: true,
            private,
            source_id: Id::from_u128(id),
        }
    }

    #[test]
    fn each_thing_is_told_once_a_day_and_private_text_never() {
        let n = Notifier::default();
        let due = vec![
            reminder("action", "PRIVATE-CANARY ask about the visa", true, 2),
            reminder(
                "one_on_one",
                "1:1 with Ada (weekly; last 2026-11-06)",
                true,
                1,
            ),
        ];
        let told = n.select(&due, day("2026-11-23"));
        assert_eq!(told.len(), 2);
        let all: String = told.iter().map(|t| t.body.clone()).collect();
        assert!(!all.contains("PRIVATE-CANARY"), "{all}");
        assert!(!all.contains("2026-11"), "no date of a private 1:1: {all}");
        assert!(all.contains("1:1 with Ada is overdue"), "{all}");
        assert!(
            n.select(&due, day("2026-11-23")).is_empty(),
            "not again today"
        );
        assert_eq!(
            n.select(&due, day("2026-11-24")).len(),
            2,
            "again the next day"
        );
        n.set_enabled(false);
        assert!(n.select(&due, day("2026-11-25")).is_empty(), "switched off");
    }

    #[test]
    fn many_things_due_are_one_notification() {
        let n = Notifier::default();
        let due: Vec<Reminder> = (0..6)
            .map(|i| reminder("action", &format!("Item {i}"), false, 10 + i))
            .collect();
        let told = n.select(&due, day("2026-11-23"));
        assert_eq!(told.len(), 1);
        assert!(told[0].title.contains("6 things due"), "{told:?}");
        assert!(told[0].body.contains("and 3 more"), "{told:?}");
        // One more later that day: told alone.
        let mut more = due;
        more.push(reminder("goal", "Ship it", false, 99));
        let told = n.select(&more, day("2026-11-23"));
        assert_eq!(told.len(), 1);
        assert!(told[0].body.contains("goal “Ship it”"), "{told:?}");
    }
}
