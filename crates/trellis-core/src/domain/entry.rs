//! Entries: the dated things that belong to one mentee — notes, pairing sessions and
//! track conversations — with what they have in common and what each kind adds.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::values::*;
use crate::{ActionItem, NewActionItem, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Entry {
    pub id: Id,
    pub mentee_id: Id,
    pub date: NaiveDate,
    pub title: Option<String>,
    /// Markdown, as written.
    pub body: String,
    pub visibility: Visibility,
    pub starred: bool,
    pub tags: Vec<String>,
    pub skills: Vec<String>,
    #[serde(flatten)]
    pub details: EntryDetails,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Entry {
    pub fn kind(&self) -> EntryKind {
        self.details.kind()
    }
}

/// What each kind of entry adds. Serialized with a `kind` tag beside the common fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EntryDetails {
    Note(Note),
    Session(PairingSession),
    Track(TrackConversation),
}

impl EntryDetails {
    pub fn kind(&self) -> EntryKind {
        match self {
            EntryDetails::Note(_) => EntryKind::Note,
            EntryDetails::Session(_) => EntryKind::Session,
            EntryDetails::Track(_) => EntryKind::Track,
        }
    }

    /// Pairing sessions are meant to be shared; notes and track conversations are not.
    /// The kind's visibility until settings say otherwise (`EntryKind::default_visibility`).
    pub fn default_visibility(&self) -> Visibility {
        self.kind().default_visibility()
    }

    fn normalize(self) -> Result<Self> {
        Ok(match self {
            EntryDetails::Note(n) => EntryDetails::Note(n),
            EntryDetails::Session(s) => EntryDetails::Session(PairingSession {
                minutes: s.minutes,
                topic: required_line("topic", &s.topic)?,
                driver: s.driver,
                independence: s.independence,
                links: normalize_links(s.links)?,
                went_well: normalize_opt_text("went well", s.went_well)?,
                to_improve: normalize_opt_text("to improve", s.to_improve)?,
            }),
            EntryDetails::Track(t) => EntryDetails::Track(TrackConversation {
                leaning: t.leaning,
                aspiration: t.aspiration,
                energizers: normalize_opt_text("energizers", t.energizers)?,
                drainers: normalize_opt_text("drainers", t.drainers)?,
                experiments: t
                    .experiments
                    .into_iter()
                    .map(|e| required_line("experiment", &e))
                    .collect::<Result<_>>()?,
            }),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Note {
    pub subkind: NoteKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PairingSession {
    pub minutes: Minutes,
    pub topic: String,
    pub driver: Option<Driver>,
    pub independence: Option<Independence>,
    /// PRs, tickets and other links, in the order given.
    pub links: Vec<String>,
    pub went_well: Option<String>,
    pub to_improve: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrackConversation {
    pub leaning: Leaning,
    pub aspiration: Option<Aspiration>,
    pub energizers: Option<String>,
    pub drainers: Option<String>,
    /// Experiments agreed, e.g. "run the next incident review", in the order given.
    pub experiments: Vec<String>,
}

fn normalize_links(links: Vec<String>) -> Result<Vec<String>> {
    links
        .into_iter()
        .map(|l| required_line("link", &l))
        .collect()
}

/// Input for a new entry of any kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewEntry {
    pub mentee_id: Id,
    pub date: NaiveDate,
    pub title: Option<String>,
    #[serde(default)]
    pub body: String,
    /// `None` takes the kind's default.
    pub visibility: Option<Visibility>,
    #[serde(default)]
    pub starred: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    pub details: EntryDetails,
    /// Follow-ups, saved as action items linked to the entry, in the same transaction.
    #[serde(default)]
    pub follow_ups: Vec<NewActionItem>,
}

impl NewEntry {
    /// Checks and normalizes the input into the entry and its follow-ups.
    pub fn into_entry(self, id: Id, now: DateTime<Utc>) -> Result<(Entry, Vec<ActionItem>)> {
        let details = self.details.normalize()?;
        let entry = Entry {
            id,
            mentee_id: self.mentee_id,
            date: self.date,
            title: normalize_opt_line("title", self.title)?,
            body: normalize_body(&self.body)?,
            visibility: self
                .visibility
                .unwrap_or_else(|| details.default_visibility()),
            starred: self.starred,
            tags: normalize_labels("tag", self.tags)?,
            skills: normalize_labels("skill", self.skills)?,
            details,
            created_at: now,
            updated_at: now,
        };
        let follow_ups = self
            .follow_ups
            .into_iter()
            .map(|f| f.into_action(new_id(), entry.mentee_id, Some(entry.id), now))
            .collect::<Result<_>>()?;
        Ok((entry, follow_ups))
    }
}

/// A change to an existing entry: every field as it should be after the edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EntryEdit {
    pub date: NaiveDate,
    pub title: Option<String>,
    pub body: String,
    pub visibility: Visibility,
    pub starred: bool,
    pub tags: Vec<String>,
    pub skills: Vec<String>,
    pub details: EntryDetails,
}

impl EntryEdit {
    /// The entry after the edit, validated; id, mentee and creation time are kept.
    pub fn apply(self, e: &Entry, now: DateTime<Utc>) -> Result<Entry> {
        let edited = Entry {
            id: e.id,
            mentee_id: e.mentee_id,
            date: self.date,
            title: normalize_opt_line("title", self.title)?,
            body: normalize_body(&self.body)?,
            visibility: self.visibility,
            starred: self.starred,
            tags: normalize_labels("tag", self.tags)?,
            skills: normalize_labels("skill", self.skills)?,
            details: self.details.normalize()?,
            created_at: e.created_at,
            updated_at: e.updated_at,
        };
        Ok(if edited == *e {
            edited
        } else {
            Entry {
                updated_at: now,
                ..edited
            }
        })
    }
}

/// An entry as the timeline shows it: the entry and the action items it produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TimelineEntry {
    #[serde(flatten)]
    pub entry: Entry,
    pub follow_ups: Vec<ActionItem>,
    /// A track conversation's experiments that were closed, with their outcomes.
    #[serde(default)]
    pub outcomes: Vec<crate::ExperimentOutcome>,
}

/// Where a page of a timeline ended: the next page starts after this entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineCursor {
    pub date: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub id: Id,
}

/// Which page of a mentee's timeline to read, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineQuery {
    /// Only these kinds; empty means all three.
    #[serde(default)]
    pub kinds: Vec<EntryKind>,
    /// Entries older than this one (the previous page's `next`); `None` starts at the newest.
    #[serde(default)]
    pub after: Option<TimelineCursor>,
    /// At most this many entries (1–1000, default 50) …
    #[serde(default)]
    pub limit: Option<u32>,
    /// … but at least as many as it takes to include this entry (to show a search hit).
    #[serde(default)]
    pub through: Option<Id>,
}

/// One page of a timeline, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelinePage {
    pub entries: Vec<TimelineEntry>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<TimelineCursor>,
    /// Entries of these kinds in the whole timeline.
    pub total: u32,
}

/// What is left of a deleted entry: its id and visibility, nothing else. Follow-ups,
/// check-ins and assessments that cited it still know whether their source was private.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Tombstone {
    pub id: Id,
    pub visibility: Visibility,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(topic: &str) -> EntryDetails {
        EntryDetails::Session(PairingSession {
            minutes: Minutes::new(45).expect("in range"),
            topic: topic.into(),
            driver: Some(Driver::Mentee),
            independence: Some(Independence::new(3).expect("in range")),
            links: vec![],
            went_well: Some("  ".into()),
            to_improve: None,
        })
    }

    fn new_entry(details: EntryDetails) -> NewEntry {
        NewEntry {
            mentee_id: new_id(),
            date: parse_date("2026-03-02").expect("date"),
            title: None,
            body: "body\n\n".into(),
            visibility: None,
            starred: false,
            tags: vec![],
            skills: vec![],
            details,
            follow_ups: vec![],
        }
    }

    #[test]
    fn default_visibility_follows_the_kind() {
        let now = Utc::now();
        let (s, _) = new_entry(session("Rust lifetimes"))
            .into_entry(new_id(), now)
            .expect("valid");
        assert_eq!(
            s.visibility,
            Visibility::Shareable,
            "sessions are shareable"
        );
        let (n, _) = new_entry(EntryDetails::Note(Note {
            subkind: NoteKind::OneOnOne,
        }))
        .into_entry(new_id(), now)
        .expect("valid");
        assert_eq!(n.visibility, Visibility::Private, "notes are private");
        assert_eq!(n.body, "body", "trailing space is trimmed");
    }

    #[test]
    fn a_session_needs_a_topic_and_blank_text_is_absent() {
        let err = new_entry(session("  "))
            .into_entry(new_id(), Utc::now())
            .expect_err("this input must be refused");
        assert_eq!(err.to_string(), "invalid topic: must not be empty");
        let (e, _) = new_entry(session("Testing"))
            .into_entry(new_id(), Utc::now())
            .expect("valid");
        let EntryDetails::Session(s) = e.details else {
            panic!("kind kept")
        };
        assert_eq!(s.went_well, None, "blank 'went well' is not stored");
    }

    #[test]
    fn follow_ups_link_to_their_entry() {
        let mut input = new_entry(session("Testing"));
        input.follow_ups.push(NewActionItem {
            text: "write the ADR".into(),
            owner: None,
            due: None,
        });
        let (e, follow_ups) = input.into_entry(new_id(), Utc::now()).expect("valid");
        assert_eq!(follow_ups.len(), 1);
        assert_eq!(follow_ups[0].entry_id, Some(e.id));
        assert_eq!(follow_ups[0].mentee_id, e.mentee_id);
        assert_eq!(follow_ups[0].owner, Owner::Mentee);
    }
}
