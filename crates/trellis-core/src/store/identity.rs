//! The journal's identity: a UUID v7 made when the journal is created (or first migrated
//! to schema 3), and the demo flag. Backups carry both (they are copies of the file), so
//! the backups of one journal can be told from another's — the demo journal's, a journal
//! from another laptop — and a demo stays labelled as one even if it is restored.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::sql;
use crate::{Id, Result};

/// Who a journal is: its id, and whether it holds the made-up demo people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    pub id: Id,
    pub demo: bool,
}

/// Writes a fresh identity: the migration to schema 3 calls this once per journal.
pub(super) fn create(tx: &Transaction<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO journal (singleton, id, demo, created_at) VALUES (1, ?1, 0, ?2)",
        (crate::new_id().to_string(), sql::ts(&sql::now())),
    )?;
    Ok(())
}

/// The identity stored in a journal, or `None` for a journal from before schema 3.
pub(super) fn read(conn: &Connection) -> Result<Option<Identity>> {
    let has_table: bool = conn
        .prepare_cached("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'journal'")?
        .exists([])?;
    if !has_table {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT id, demo FROM journal WHERE singleton = 1",
            [],
            |r| {
                Ok(Identity {
                    id: sql::parsed(r, 0)?,
                    demo: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// Sets the identity (after a restore: the journal keeps its own id).
pub(super) fn write(tx: &Transaction<'_>, identity: &Identity) -> Result<()> {
    tx.execute(
        "UPDATE journal SET id = ?1, demo = ?2 WHERE singleton = 1",
        (identity.id.to_string(), identity.demo),
    )?;
    Ok(())
}

/// Reads the identity of a file without changing it or creating anything beside it (an
/// immutable open: no `-wal` or `-shm` appears). A damaged or foreign file has none, nor
/// a journal from before identities (schema 2 and older). A journal of schema 3 or later
/// whose identity was removed is nobody's: it gets the nil id, which matches no journal.
pub fn of_file(path: &std::path::Path) -> Option<Identity> {
    let conn = super::open_immutable(path).ok()?;
    match read(&conn) {
        Ok(Some(i)) => Some(i),
        Ok(None) => {
            let version: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .ok()?;
            (version >= 3).then_some(Identity {
                id: Id::nil(),
                demo: false,
            })
        }
        Err(_) => None,
    }
}

impl super::Journal {
    /// This journal's identity. Every journal at schema 3 or later has one.
    pub fn identity(&self) -> Result<Identity> {
        read(&self.conn)?.ok_or_else(|| {
            crate::Error::Storage("the journal has no identity record; check it and restore a backup if it is damaged".into())
        })
    }
}
