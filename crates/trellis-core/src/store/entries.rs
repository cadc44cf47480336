//! The `entries` table and its per-kind tables (`notes`, `pairing_sessions`,
//! `track_conversations`) with their lists (tags, skills, links, experiments).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};

use super::Journal;
use super::sql::{self, day, ts};
use crate::{
    ActionItem, Entry, EntryDetails, EntryEdit, EntryKind, Error, Id, NewEntry, Note,
    PairingSession, Result, TimelineCursor, TimelineEntry, TimelinePage, TimelineQuery,
    TrackConversation, Visibility, new_id,
};

pub(super) fn insert(conn: &Connection, e: &Entry) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO entries (id, mentee_id, kind, date, title, body, visibility, starred,
                              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(rusqlite::params![
        e.id.to_string(),
        e.mentee_id.to_string(),
        e.kind().as_str(),
        day(&e.date),
        e.title,
        e.body,
        e.visibility.as_str(),
        e.starred,
        ts(&e.created_at),
        ts(&e.updated_at),
    ])?;
    insert_parts(conn, e)
}

/// Rewrites an existing entry: its row, and its per-kind row and lists from scratch.
pub(super) fn update(conn: &Connection, e: &Entry) -> Result<()> {
    conn.prepare_cached(
        "UPDATE entries SET kind = ?2, date = ?3, title = ?4, body = ?5, visibility = ?6,
                starred = ?7, updated_at = ?8 WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        e.id.to_string(),
        e.kind().as_str(),
        day(&e.date),
        e.title,
        e.body,
        e.visibility.as_str(),
        e.starred,
        ts(&e.updated_at),
    ])?;
    for table in [
        "notes",
        "pairing_sessions",
        "session_links",
        "track_conversations",
        "track_experiments",
    ] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE entry_id = ?1"))?
            .execute([e.id.to_string()])?;
    }
    insert_parts(conn, e)
}

/// Labels and the per-kind row and lists of an entry whose row exists.
fn insert_parts(conn: &Connection, e: &Entry) -> Result<()> {
    let id = e.id.to_string();
    sql::replace_labels(conn, "entry_tags", "entry_id", "tag", &e.id, &e.tags)?;
    sql::replace_labels(conn, "entry_skills", "entry_id", "skill", &e.id, &e.skills)?;
    match &e.details {
        EntryDetails::Note(n) => {
            conn.prepare_cached("INSERT INTO notes (entry_id, subkind) VALUES (?1, ?2)")?
                .execute((&id, n.subkind.as_str()))?;
        }
        EntryDetails::Session(s) => {
            conn.prepare_cached(
                "INSERT INTO pairing_sessions
                    (entry_id, minutes, topic, driver, independence, went_well, to_improve)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(rusqlite::params![
                id,
                i64::from(s.minutes),
                s.topic,
                s.driver.map(|d| d.as_str()),
                s.independence.map(i64::from),
                s.went_well,
                s.to_improve,
            ])?;
            let mut link = conn.prepare_cached(
                "INSERT INTO session_links (entry_id, position, url) VALUES (?1, ?2, ?3)",
            )?;
            for (i, url) in s.links.iter().enumerate() {
                link.execute((&id, i as i64, url))?;
            }
        }
        EntryDetails::Track(t) => {
            conn.prepare_cached(
                "INSERT INTO track_conversations (entry_id, leaning, aspiration, energizers, drainers)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(rusqlite::params![
                id,
                i64::from(t.leaning),
                t.aspiration.map(|a| a.as_str()),
                t.energizers,
                t.drainers,
            ])?;
            let mut exp = conn.prepare_cached(
                "INSERT INTO track_experiments (entry_id, position, text) VALUES (?1, ?2, ?3)",
            )?;
            for (i, text) in t.experiments.iter().enumerate() {
                exp.execute((&id, i as i64, text))?;
            }
        }
    }
    Ok(())
}

/// Which entries to read. Every condition present narrows the set.
#[derive(Debug, Clone, Default)]
pub(super) struct Filter {
    pub mentee: Option<Id>,
    pub entry: Option<Id>,
    /// Any of these entries (a JSON array of ids).
    pub entries: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Filter {
    /// A WHERE clause over `entries e` and its parameters.
    fn to_sql(&self) -> (String, Vec<Value>) {
        let mut clauses = vec!["1".to_string()];
        let mut params = vec![];
        // `clause` holds one `?`, numbered here.
        let mut push = |clause: &str, v: String| {
            params.push(Value::Text(v));
            clauses.push(clause.replace('?', &format!("?{}", params.len())));
        };
        if let Some(m) = &self.mentee {
            push("e.mentee_id = ?", m.to_string());
        }
        if let Some(id) = &self.entry {
            push("e.id = ?", id.to_string());
        }
        if let Some(ids) = &self.entries {
            push("e.id IN (SELECT value FROM json_each(?))", ids.clone());
        }
        if let Some(d) = &self.since {
            push("e.date >= ?", day(d));
        }
        if let Some(d) = &self.until {
            push("e.date <= ?", day(d));
        }
        (clauses.join(" AND "), params)
    }
}

const SELECT: &str = "SELECT e.id, e.mentee_id, e.kind, e.date, e.title, e.body, e.visibility,
        e.starred, e.created_at, e.updated_at,
        n.subkind,
        s.minutes, s.topic, s.driver, s.independence, s.went_well, s.to_improve,
        t.leaning, t.aspiration, t.energizers, t.drainers
    FROM entries e
    LEFT JOIN notes n ON n.entry_id = e.id
    LEFT JOIN pairing_sessions s ON s.entry_id = e.id
    LEFT JOIN track_conversations t ON t.entry_id = e.id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let kind: EntryKind = sql::parsed(r, 2)?;
    let details = match kind {
        EntryKind::Note => EntryDetails::Note(Note {
            subkind: sql::parsed(r, 10)?,
        }),
        EntryKind::Session => EntryDetails::Session(PairingSession {
            minutes: sql::bounded(r, 11)?,
            topic: r.get(12)?,
            driver: sql::opt_parsed(r, 13)?,
            independence: sql::opt_bounded(r, 14)?,
            links: vec![],
            went_well: r.get(15)?,
            to_improve: r.get(16)?,
        }),
        EntryKind::Track => EntryDetails::Track(TrackConversation {
            leaning: sql::bounded(r, 17)?,
            aspiration: sql::opt_parsed(r, 18)?,
            energizers: r.get(19)?,
            drainers: r.get(20)?,
            experiments: vec![],
        }),
    };
    Ok(Entry {
        id: sql::parsed(r, 0)?,
        mentee_id: sql::parsed(r, 1)?,
        date: sql::parsed(r, 3)?,
        title: r.get(4)?,
        body: r.get(5)?,
        visibility: sql::parsed(r, 6)?,
        starred: r.get(7)?,
        tags: vec![],
        skills: vec![],
        details,
        created_at: sql::parsed(r, 8)?,
        updated_at: sql::parsed(r, 9)?,
    })
}

/// Reads the entries the filter selects, in date order, with all their lists.
pub(super) fn load(conn: &Connection, filter: &Filter) -> Result<Vec<Entry>> {
    let (clause, params) = filter.to_sql();
    let mut entries: Vec<Entry> = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE {clause} ORDER BY e.date, e.created_at, e.id"
        ))?
        .query_map(rusqlite::params_from_iter(&params), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    if entries.is_empty() {
        return Ok(entries);
    }
    let index: HashMap<Id, usize> = entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let mut each = |table: &str, col: &str, order: &str, f: &mut dyn FnMut(&mut Entry, String)| {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT x.entry_id, x.{col} FROM {table} x JOIN entries e ON e.id = x.entry_id
             WHERE {clause} ORDER BY x.entry_id, x.{order}"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&params))?;
        while let Some(r) = rows.next()? {
            let id: Id = sql::parsed(r, 0)?;
            if let Some(&i) = index.get(&id) {
                f(&mut entries[i], r.get(1)?);
            }
        }
        Ok::<_, Error>(())
    };
    each("entry_tags", "tag", "tag", &mut |e, v| e.tags.push(v))?;
    each("entry_skills", "skill", "skill", &mut |e, v| {
        e.skills.push(v);
    })?;
    each("session_links", "url", "position", &mut |e, v| {
        if let EntryDetails::Session(s) = &mut e.details {
            s.links.push(v);
        }
    })?;
    each("track_experiments", "text", "position", &mut |e, v| {
        if let EntryDetails::Track(t) = &mut e.details {
            t.experiments.push(v);
        }
    })?;
    Ok(entries)
}

/// One entry by id.
pub(super) fn get(conn: &Connection, id: &Id) -> Result<Entry> {
    load(
        conn,
        &Filter {
            entry: Some(*id),
            ..Default::default()
        },
    )?
    .pop()
    .ok_or_else(|| Error::not_found("entry", id.to_string()))
}

/// The tombstones of deleted entries, sorted by id.
pub(super) fn tombstones(conn: &Connection) -> Result<Vec<crate::Tombstone>> {
    Ok(conn
        .prepare_cached("SELECT id, visibility FROM entry_tombstones ORDER BY id")?
        .query_map([], |r| {
            Ok(crate::Tombstone {
                id: sql::parsed(r, 0)?,
                visibility: sql::parsed(r, 1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

impl Journal {
    /// Saves a new entry and its follow-ups in one transaction. When this returns,
    /// the entry is on disk.
    pub fn add_entry(&mut self, mut new: NewEntry) -> Result<(Entry, Vec<ActionItem>)> {
        // No visibility given: the journal's setting for the kind (PRODUCT.md's default
        // until the lead changes it).
        if new.visibility.is_none() {
            new.visibility = Some(self.settings()?.visibility(new.details.kind()));
        }
        let (entry, follow_ups) = new.into_entry(new_id(), sql::now())?;
        self.write(|tx| {
            // The mentee must exist; a clear message beats a foreign-key error.
            super::mentees::get(tx, &entry.mentee_id)?;
            insert(tx, &entry)?;
            for a in &follow_ups {
                super::actions::insert(tx, a)?;
            }
            Ok(())
        })?;
        Ok((entry, follow_ups))
    }

    /// Changes an entry. Returns it as stored.
    pub fn edit_entry(&mut self, id: &Id, edit: EntryEdit) -> Result<Entry> {
        self.write(|tx| {
            let current = load(
                tx,
                &Filter {
                    entry: Some(*id),
                    ..Default::default()
                },
            )?
            .pop()
            .ok_or_else(|| Error::not_found("entry", id.to_string()))?;
            let edited = edit.apply(&current, sql::now())?;
            if edited != current {
                super::revisions::keep_revision(tx, &current)?;
                update(tx, &edited)?;
            }
            Ok(edited)
        })
    }

    /// Makes an entry private or shareable (e.g. from the summary preview).
    pub fn set_visibility(&mut self, id: &Id, visibility: Visibility) -> Result<()> {
        self.write(|tx| {
            let n = tx
                .prepare_cached(
                    "UPDATE entries SET visibility = ?2, updated_at = ?3
                     WHERE id = ?1 AND visibility != ?2",
                )?
                .execute((id.to_string(), visibility.as_str(), ts(&sql::now())))?;
            if n == 0
                && !tx
                    .prepare_cached("SELECT 1 FROM entries WHERE id = ?1")?
                    .exists([id.to_string()])?
            {
                return Err(Error::not_found("entry", id.to_string()));
            }
            Ok(())
        })
    }

    pub fn entry(&self, id: &Id) -> Result<Entry> {
        self.read(|conn| get(conn, id))
    }

    /// One entry with the action items it produced, as a timeline shows it.
    pub fn timeline_entry(&self, id: &Id) -> Result<TimelineEntry> {
        self.read(|conn| {
            let entry = get(conn, id)?;
            let follow_ups = super::actions::by_entry(conn, &entry.mentee_id)?
                .remove(&entry.id)
                .unwrap_or_default();
            let outcomes = super::agenda::outcomes_by_entry(conn, &entry.mentee_id)?
                .remove(&entry.id)
                .unwrap_or_default();
            Ok(TimelineEntry {
                entry,
                follow_ups,
                outcomes,
            })
        })
    }

    /// The visibility of each entry id, also of deleted entries (from their tombstones).
    /// An id the journal never held is missing from the map.
    pub fn visibility_of(&self, ids: &[Id]) -> Result<HashMap<Id, Visibility>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT visibility FROM entries WHERE id = ?1
                 UNION ALL SELECT visibility FROM entry_tombstones WHERE id = ?1 LIMIT 1",
            )?;
            let mut out = HashMap::new();
            for id in ids {
                let v: Option<String> =
                    stmt.query_row([id.to_string()], |r| r.get(0)).optional()?;
                if let Some(v) = v {
                    out.insert(*id, v.parse()?);
                }
            }
            Ok(out)
        })
    }

    /// The entries with these ids that exist (any mentee, any date), in the order asked.
    pub fn entries_with_ids(&self, ids: &[Id]) -> Result<Vec<Entry>> {
        self.read(|conn| {
            let mut out = vec![];
            for id in ids {
                out.extend(load(
                    conn,
                    &Filter {
                        entry: Some(*id),
                        ..Default::default()
                    },
                )?);
            }
            Ok(out)
        })
    }

    /// A mentee's entries between two dates (inclusive), oldest first, each with the
    /// action items it produced.
    /// One page of a mentee's timeline, newest first: a window never loads ten years at
    /// once. Keyset-paged on (date, created_at, id), which the mentee's index serves.
    pub fn timeline_page(&self, mentee: &Id, q: &TimelineQuery) -> Result<TimelinePage> {
        const PAGE_MAX: u32 = 1000;
        let kinds: Vec<&str> = if q.kinds.is_empty() {
            EntryKind::ALL.iter().map(|k| k.as_str()).collect()
        } else {
            q.kinds.iter().map(|k| k.as_str()).collect()
        };
        let kinds = serde_json::Value::from(kinds).to_string();
        let mut limit = q.limit.unwrap_or(50).clamp(1, PAGE_MAX);
        self.read(|conn| {
            super::mentees::get(conn, mentee)?;
            let total: u32 = conn
                .prepare_cached(
                    "SELECT count(*) FROM entries
                     WHERE mentee_id = ?1 AND kind IN (SELECT value FROM json_each(?2))",
                )?
                .query_row(rusqlite::params![mentee.to_string(), kinds], |r| r.get(0))?;
            if let Some(through) = &q.through {
                // How many entries down the list it sits, counted from the newest.
                let rank: Option<u32> = conn
                    .prepare_cached(
                        "SELECT count(*) FROM entries e, entries f
                         WHERE f.id = ?3 AND f.mentee_id = ?1
                           AND e.mentee_id = ?1 AND e.kind IN (SELECT value FROM json_each(?2))
                           AND (e.date, e.created_at, e.id) >= (f.date, f.created_at, f.id)
                         GROUP BY f.id",
                    )?
                    .query_row(
                        rusqlite::params![mentee.to_string(), kinds, through.to_string()],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(rank) = rank {
                    limit = limit.max(rank);
                }
            }
            let (date, created, id) = match &q.after {
                Some(c) => (day(&c.date), ts(&c.created_at), c.id.to_string()),
                // Past every real entry: the newest page.
                None => ("9999-12-31".to_string(), "9999".to_string(), String::new()),
            };
            let ids: Vec<String> = conn
                .prepare_cached(
                    "SELECT id FROM entries
                     WHERE mentee_id = ?1 AND kind IN (SELECT value FROM json_each(?2))
                       AND (date, created_at, id) < (?3, ?4, ?5)
                     ORDER BY date DESC, created_at DESC, id DESC LIMIT ?6",
                )?
                .query_map(
                    rusqlite::params![mentee.to_string(), kinds, date, created, id, limit + 1],
                    |r| r.get(0),
                )?
                .collect::<rusqlite::Result<_>>()?;
            let more = ids.len() > limit as usize;
            let page = &ids[..ids.len().min(limit as usize)];
            let mut entries = load(
                conn,
                &Filter {
                    entries: Some(serde_json::Value::from(page.to_vec()).to_string()),
                    ..Default::default()
                },
            )?;
            entries.reverse();
            let mut follow_ups = super::actions::by_entry(conn, mentee)?;
            let mut outcomes = super::agenda::outcomes_by_entry(conn, mentee)?;
            let next = if more {
                entries.last().map(|e| TimelineCursor {
                    date: e.date,
                    created_at: e.created_at,
                    id: e.id,
                })
            } else {
                None
            };
            Ok(TimelinePage {
                entries: entries
                    .into_iter()
                    .map(|entry| TimelineEntry {
                        follow_ups: follow_ups.remove(&entry.id).unwrap_or_default(),
                        outcomes: outcomes.remove(&entry.id).unwrap_or_default(),
                        entry,
                    })
                    .collect(),
                next,
                total,
            })
        })
    }

    pub fn timeline(
        &self,
        mentee: &Id,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<TimelineEntry>> {
        let filter = Filter {
            mentee: Some(*mentee),
            since,
            until,
            ..Default::default()
        };
        let (entries, mut follow_ups, mut outcomes) = self.read(|conn| {
            Ok((
                load(conn, &filter)?,
                super::actions::by_entry(conn, mentee)?,
                super::agenda::outcomes_by_entry(conn, mentee)?,
            ))
        })?;
        Ok(entries
            .into_iter()
            .map(|entry| TimelineEntry {
                follow_ups: follow_ups.remove(&entry.id).unwrap_or_default(),
                outcomes: outcomes.remove(&entry.id).unwrap_or_default(),
                entry,
            })
            .collect())
    }
}

impl Journal {
    /// Makes an earlier version current again (the current one becomes a revision).
    pub fn restore_revision(&mut self, revision: &Id) -> Result<Entry> {
        let old = self.read(|conn| super::revisions::get(conn, revision))?;
        self.edit_entry(
            &old.id,
            EntryEdit {
                date: old.date,
                title: old.title,
                body: old.body,
                visibility: old.visibility,
                starred: old.starred,
                tags: old.tags,
                skills: old.skills,
                details: old.details,
            },
        )
    }
}
