//! The `action_items` table and the action verbs.

use std::collections::HashMap;

use rusqlite::{Connection, Row};

use super::Journal;
use super::sql::{self, opt_day, ts};
use crate::{ActionItem, Id, NewActionItem, Result, new_id};

const COLUMNS: &str = "id, mentee_id, entry_id, text, owner, due, done_at, created_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ActionItem> {
    Ok(ActionItem {
        id: sql::parsed(r, 0)?,
        mentee_id: sql::parsed(r, 1)?,
        entry_id: sql::opt_parsed(r, 2)?,
        text: r.get(3)?,
        owner: sql::parsed(r, 4)?,
        due: sql::opt_parsed(r, 5)?,
        done_at: sql::opt_parsed(r, 6)?,
        created_at: sql::parsed(r, 7)?,
    })
}

pub(super) fn insert(conn: &Connection, a: &ActionItem) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO action_items ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    ))?
    .execute(rusqlite::params![
        a.id.to_string(),
        a.mentee_id.to_string(),
        a.entry_id.map(|e| e.to_string()),
        a.text,
        a.owner.as_str(),
        opt_day(&a.due),
        a.done_at.as_ref().map(ts),
        ts(&a.created_at),
    ])?;
    Ok(())
}

pub(super) fn get(conn: &Connection, id: &Id) -> Result<ActionItem> {
    sql::one(
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM action_items WHERE id = ?1"))?
            .query_row([id.to_string()], from_row),
        "action item",
        id,
    )
}

/// A mentee's action items that came from entries, keyed by entry.
pub(super) fn by_entry(conn: &Connection, mentee: &Id) -> Result<HashMap<Id, Vec<ActionItem>>> {
    let mut out: HashMap<Id, Vec<ActionItem>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_items
         WHERE mentee_id = ?1 AND entry_id IS NOT NULL ORDER BY created_at, id"
    ))?;
    for a in stmt.query_map([mentee.to_string()], from_row)? {
        let a = a?;
        if let Some(e) = a.entry_id {
            out.entry(e).or_default().push(a);
        }
    }
    Ok(out)
}

/// The most urgent open action items of mentees not archived (due first, undated last),
/// at most `limit`, with how many there are in all.
/// Which of `items` came from a private entry (or from one deleted while private: its
/// tombstone keeps the visibility): their text is as private as the entry's.
pub(super) fn from_private_entries(
    conn: &Connection,
    items: &[ActionItem],
) -> Result<std::collections::HashSet<Id>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(
             (SELECT visibility FROM entries WHERE id = ?1),
             (SELECT visibility FROM entry_tombstones WHERE id = ?1)) = 'private'",
    )?;
    let mut out = std::collections::HashSet::new();
    for a in items {
        if let Some(entry) = &a.entry_id {
            let private: Option<bool> = stmt.query_row([entry.to_string()], |r| r.get(0))?;
            if private == Some(true) {
                out.insert(a.id);
            }
        }
    }
    Ok(out)
}

pub(super) fn open_of_current(conn: &Connection, limit: usize) -> Result<(Vec<ActionItem>, u32)> {
    // In the order of the open items' index (`action_items_open_order`), so the first
    // page is read and the rest is not.
    let items = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM action_items a
             WHERE done_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM mentees m WHERE m.id = a.mentee_id AND m.archived = 1)
             ORDER BY due IS NULL, due, created_at, id LIMIT ?1"
        ))?
        .query_map([limit as i64], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    // All open items (a covering scan of the partial index) less the archived mentees'.
    let total: u32 = conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM action_items WHERE done_at IS NULL)
                  - (SELECT count(*) FROM action_items a JOIN mentees m ON m.id = a.mentee_id
                     WHERE m.archived = 1 AND a.done_at IS NULL)",
        )?
        .query_row([], |r| r.get(0))?;
    Ok((items, total))
}

impl Journal {
    pub fn add_action_item(&mut self, mentee: &Id, new: NewActionItem) -> Result<ActionItem> {
        let a = new.into_action(new_id(), *mentee, None, sql::now())?;
        self.write(|tx| {
            super::mentees::get(tx, mentee)?;
            insert(tx, &a)
        })?;
        Ok(a)
    }

    /// Marks an action item done. Done twice is still done, and keeps the first date.
    pub fn complete_action_item(&mut self, id: &Id) -> Result<ActionItem> {
        self.write(|tx| {
            let id = get(tx, id)?.id;
            tx.prepare_cached(
                "UPDATE action_items SET done_at = ?2 WHERE id = ?1 AND done_at IS NULL",
            )?
            .execute((id.to_string(), ts(&sql::now())))?;
            get(tx, &id)
        })
    }

    /// Action items, of one mentee or all; open ones first by due date (no date last).
    pub fn action_items(&self, mentee: Option<&Id>, open_only: bool) -> Result<Vec<ActionItem>> {
        self.read(|conn| list(conn, mentee, open_only))
    }
}

pub(super) fn list(
    conn: &Connection,
    mentee: Option<&Id>,
    open_only: bool,
) -> Result<Vec<ActionItem>> {
    // One plain condition per case, so each uses its index (the mentee's, or the partial
    // index of open items) on a journal of a million entries.
    let which = match (mentee.is_some(), open_only) {
        (true, true) => "mentee_id = ?1 AND done_at IS NULL",
        (true, false) => "mentee_id = ?1",
        (false, true) => "done_at IS NULL AND ?1 IS NULL",
        (false, false) => "?1 IS NULL",
    };
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM action_items WHERE {which}
                 ORDER BY done_at IS NOT NULL, due IS NULL, due, created_at, id"
        ))?
        .query_map([mentee.map(|m| m.to_string())], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}
