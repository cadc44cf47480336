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
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM action_items
                 WHERE (?1 IS NULL OR mentee_id = ?1) AND (NOT ?2 OR done_at IS NULL)
                 ORDER BY done_at IS NOT NULL, due IS NULL, due, created_at, id"
        ))?
        .query_map((mentee.map(|m| m.to_string()), open_only), from_row)?
        .collect::<rusqlite::Result<_>>()?)
}
