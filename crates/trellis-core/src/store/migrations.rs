//! Versioned schema migrations (rusqlite_migration, `user_version`). A migration is
//! appended, never edited: journals in the wild were made by the old ones.

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookResult, M, Migrations};

use crate::{Framework, Result};

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up_with_hook(
            include_str!("migrations/001_initial.sql"),
            seed_default_framework,
        ),
        M::up(include_str!("migrations/002_trash_and_revisions.sql")),
        M::up_with_hook(
            include_str!("migrations/003_journal_identity.sql"),
            create_identity,
        ),
        M::up(include_str!("migrations/004_derived_privacy.sql")),
    ])
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 4;

fn create_identity(tx: &Transaction<'_>) -> HookResult {
    super::identity::create(tx).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}

fn seed_default_framework(tx: &Transaction<'_>) -> HookResult {
    super::framework::replace(tx, &Framework::default_framework())
        .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    match migrations().to_latest(conn) {
        Ok(()) => Ok(()),
        Err(e) => {
            // Two processes may open a new journal at once: the loser of the race
            // finds the schema already in place.
            let now: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if now == SCHEMA_VERSION {
                Ok(())
            } else {
                Err(e.into())
            }
        }
    }
}

/// Migrates an in-memory or file connection only up to `version`: for migration tests.
#[cfg(test)]
pub(super) fn migrate_to(conn: &mut Connection, version: usize) -> Result<()> {
    Ok(migrations().to_version(conn, version)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations()
            .validate()
            .expect("every migration applies cleanly");
    }

    #[test]
    fn schema_version_matches_the_migration_list() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrate_to(&mut conn, SCHEMA_VERSION as usize).expect("migrates");
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("pragma");
        assert_eq!(
            v, SCHEMA_VERSION,
            "SCHEMA_VERSION must count the migrations"
        );
    }
}
