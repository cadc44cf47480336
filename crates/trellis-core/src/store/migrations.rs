//! Versioned schema migrations (rusqlite_migration, `user_version`). A migration is
//! appended, never edited: journals in the wild were made by the old ones.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookResult, M, Migrations};

use crate::{Error, Framework, LegacyDimension, LegacyFramework, LegacyLevel, Result};

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
        // Schema 5's index is filled by schema 6's hook (its sources read the ladder
        // tables of schema 6); a journal opened by a build of schema 5 was filled then.
        M::up(include_str!("migrations/005_search.sql")),
        M::up_with_hook(include_str!("migrations/006_frameworks.sql"), ladders),
        M::up(include_str!("migrations/007_agenda.sql")),
        M::up_with_hook(include_str!("migrations/008_templates.sql"), seed_templates),
    ])
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 8;

/// Schema 8: Trellis's own templates.
fn seed_templates(tx: &Transaction<'_>) -> HookResult {
    super::templates::seed_defaults(tx).map_err(hook_error)
}

fn create_identity(tx: &Transaction<'_>) -> HookResult {
    super::identity::create(tx).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}

fn hook_error(e: impl std::fmt::Display) -> rusqlite_migration::HookError {
    rusqlite_migration::HookError::Hook(e.to_string())
}

/// Schema 1 stored one framework with per-dimension levels: a new journal starts there
/// with Trellis's default ladder written that way, and schema 6 converts it like any
/// other journal's.
fn seed_default_framework(tx: &Transaction<'_>) -> HookResult {
    let f = LegacyFramework::from_ladder(&Framework::default_ladder());
    tx.execute("INSERT INTO framework (id, name) VALUES (1, ?1)", [&f.name])?;
    for (i, d) in f.dimensions.iter().enumerate() {
        tx.execute(
            "INSERT INTO framework_dimensions (key, position, name, description)
             VALUES (?1, ?2, ?3, ?4)",
            (&d.key, i as i64, &d.name, &d.description),
        )?;
        for (j, l) in d.levels.iter().enumerate() {
            tx.execute(
                "INSERT INTO framework_levels (dimension_key, key, position, name, description)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                (&d.key, &l.key, j as i64, &l.name, &l.description),
            )?;
        }
    }
    Ok(())
}

/// Schema 6: the one framework becomes the journal's default ladder (Trellis's own
/// default, word for word, when it still is that), then assessments move over.
fn ladders(tx: &Transaction<'_>) -> HookResult {
    let name: String = tx.query_row("SELECT name FROM framework WHERE id = 1", [], |r| r.get(0))?;
    let mut dimensions: Vec<LegacyDimension> = tx
        .prepare("SELECT key, name, description FROM framework_dimensions ORDER BY position, key")?
        .query_map([], |r| {
            Ok(LegacyDimension {
                key: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                levels: vec![],
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for d in &mut dimensions {
        d.levels = tx
            .prepare(
                "SELECT key, name, description FROM framework_levels
                 WHERE dimension_key = ?1 ORDER BY position, key",
            )?
            .query_map([&d.key], |r| {
                Ok(LegacyLevel {
                    key: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    let ladder = LegacyFramework { name, dimensions }.into_ladder();
    super::framework::insert(tx, &crate::new_id(), &ladder, true, None).map_err(hook_error)?;
    tx.execute_batch(include_str!("migrations/006_frameworks_move.sql"))?;
    super::search::catch_up(tx).map_err(hook_error)?;
    Ok(())
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

/// Migrates an in-memory or file connection only up to `version`.
pub(super) fn migrate_to(conn: &mut Connection, version: usize) -> Result<()> {
    Ok(migrations().to_version(conn, version)?)
}

/// One schema object as SQLite lists it: type, name, table and its SQL, with quotes,
/// case and spacing normalised (SQLite rewrites names in the SQL on a rename).
type SchemaObject = (String, String, String, String);

fn schema_of(conn: &Connection) -> Result<BTreeSet<SchemaObject>> {
    let normal = |sql: Option<String>| {
        sql.unwrap_or_default()
            .to_lowercase()
            .replace(['"', '`', '[', ']'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?.to_lowercase(),
            r.get::<_, String>(2)?.to_lowercase(),
            normal(r.get(3)?),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The schema Trellis itself makes at `version` (built once per version, in memory).
fn expected_schema(version: i64) -> Result<BTreeSet<SchemaObject>> {
    static CACHE: OnceLock<Mutex<std::collections::HashMap<i64, BTreeSet<SchemaObject>>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(s) = cache.lock().ok().and_then(|c| c.get(&version).cloned()) {
        return Ok(s);
    }
    let mut conn = Connection::open_in_memory()?;
    migrate_to(&mut conn, version.max(0) as usize)?;
    let schema = schema_of(&conn)?;
    if let Ok(mut c) = cache.lock() {
        c.insert(version, schema.clone());
    }
    Ok(schema)
}

/// Refuses a journal (or backup) whose schema is not exactly the one Trellis made at its
/// version: a planted trigger or view, or an altered table, would run or change what the
/// journal says.
pub(crate) fn check_schema(conn: &Connection, version: i64, path: &Path) -> Result<()> {
    let found = schema_of(conn)?;
    let expected = expected_schema(version)?;
    if found == expected {
        return Ok(());
    }
    let odd: Vec<String> = found
        .symmetric_difference(&expected)
        .map(|(kind, name, ..)| format!("{kind} {name}"))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .take(5)
        .collect();
    Err(Error::Tampered {
        path: path.to_path_buf(),
        objects: odd.join(", "),
    })
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
