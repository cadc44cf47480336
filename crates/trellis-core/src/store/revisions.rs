//! The `revisions` table: an entry's earlier versions, kept 90 days. Every edit of an
//! entry (in the app, on restore, on an import that replaces it) keeps the previous
//! version here first.

use chrono::Duration;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::Journal;
use super::sql::{self, ts};
use crate::{Entry, Error, Id, Result, new_id};

pub const REVISION_DAYS: i64 = 90;

/// An earlier version of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Revision {
    pub id: Id,
    pub entry: Entry,
    pub replaced_at: chrono::DateTime<chrono::Utc>,
}

/// Forgets revisions older than 90 days.
fn purge(conn: &Connection) -> Result<()> {
    let gone = conn
        .prepare_cached("DELETE FROM revisions WHERE replaced_at < ?1")?
        .execute([ts(&(sql::now() - Duration::days(REVISION_DAYS)))])?;
    if gone > 0 {
        // An earlier version's words leave the search index's pages too, before the
        // next backup copies them.
        super::search::forget_later(conn)?;
    }
    Ok(())
}

/// Keeps `previous` as a revision of its entry (called by edits before they write).
pub(super) fn keep_revision(conn: &Connection, previous: &Entry) -> Result<()> {
    purge(conn)?;
    conn.prepare_cached(
        "INSERT INTO revisions (id, entry_id, payload, replaced_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute((
        new_id().to_string(),
        previous.id.to_string(),
        serde_json::to_string(previous)
            .map_err(|e| Error::Storage(format!("cannot encode a revision: {e}")))?,
        ts(&sql::now()),
    ))?;
    Ok(())
}

/// The entry a revision holds.
pub(super) fn get(conn: &Connection, revision: &Id) -> Result<Entry> {
    let payload: String = sql::one(
        conn.prepare_cached("SELECT payload FROM revisions WHERE id = ?1")?
            .query_row([revision.to_string()], |r| r.get(0)),
        "revision",
        revision,
    )?;
    serde_json::from_str(&payload)
        .map_err(|e| Error::Storage(format!("a revision could not be read: {e}")))
}

impl Journal {
    /// An entry's earlier versions, newest first.
    pub fn revisions(&self, entry: &Id) -> Result<Vec<Revision>> {
        self.read(|conn| {
            let cutoff = ts(&(sql::now() - Duration::days(REVISION_DAYS)));
            let rows: Vec<(Id, String, chrono::DateTime<chrono::Utc>)> = conn
                .prepare_cached(
                    "SELECT id, payload, replaced_at FROM revisions
                     WHERE entry_id = ?1 AND replaced_at >= ?2 ORDER BY replaced_at DESC, id DESC",
                )?
                .query_map((entry.to_string(), cutoff), |r| {
                    Ok((sql::parsed(r, 0)?, r.get(1)?, sql::parsed(r, 2)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            rows.into_iter()
                .map(|(id, payload, replaced_at)| {
                    let entry = serde_json::from_str(&payload).map_err(|e| {
                        Error::Storage(format!("a revision could not be read: {e}"))
                    })?;
                    Ok(Revision {
                        id,
                        entry,
                        replaced_at,
                    })
                })
                .collect()
        })
    }
}
