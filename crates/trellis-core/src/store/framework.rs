//! The ladder tables (`frameworks`, `ladder_levels`, `ladder_dimensions`,
//! `ladder_expectations`, `framework_revisions`, `mentee_ladders`) and `assessments`
//! with their evidence; the verbs for ladders, a mentee's place on one, and skills.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::Journal;
use super::sql::{self, day, ts};
use crate::{
    Assessment, Branch, Dimension, EarlierAssessment, EntryKind, Error, EvidenceRef, Expectation,
    Framework, Id, Ladder, Level, MenteeLadder, NewAssessment, RankedAssessment, Result,
    SkillStanding, Visibility, new_id, normalize_opt_text,
};

/// What importing (or saving) a ladder does, computed before anything is written: the
/// preview of `framework import --dry-run`, and the report of the real thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LadderPlan {
    /// The ladder as it will be stored.
    pub ladder: Ladder,
    /// The journal's ladder it updates (same key), or none: a new ladder.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub updates: Option<Id>,
    /// The stored ladder's id once written (none in a preview of a new ladder).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub framework_id: Option<Id>,
    /// "8 levels (forks …), 9 dimensions".
    pub shape: String,
    pub expectations: usize,
    pub added_levels: Vec<String>,
    pub added_dimensions: Vec<String>,
    /// Retired by this version: the ones it marks retired, and the ones it left out that
    /// something cites (those are also in `kept_*`).
    pub retired_levels: Vec<String>,
    pub retired_dimensions: Vec<String>,
    /// Left out by the new version but cited (an assessment, a mentee's level, the
    /// trash): kept, retired, so history reads as it did.
    pub kept_levels: Vec<String>,
    pub kept_dimensions: Vec<String>,
    /// Left out by the new version and cited by nothing: removed.
    pub removed_levels: Vec<String>,
    pub removed_dimensions: Vec<String>,
    /// Same ladder as stored: nothing to write.
    pub unchanged: bool,
    /// Where it came from ("Financial Times job family YAML, engineering.yml").
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub source: Option<String>,
}

/// Writes a ladder's parts, updating rows in place (so renames reach the search index
/// through its triggers) and deleting the parts the ladder no longer has.
fn write_parts(conn: &Connection, id: &Id, l: &Ladder) -> Result<()> {
    let fid = id.to_string();
    let level_keys: Vec<&str> = l.levels.iter().map(|x| x.key.as_str()).collect();
    let dim_keys: Vec<&str> = l.dimensions.iter().map(|x| x.key.as_str()).collect();
    conn.execute(
        "DELETE FROM ladder_expectations WHERE framework_id = ?1",
        [&fid],
    )?;
    for (i, x) in l.levels.iter().enumerate() {
        update_or_insert(
            conn,
            "UPDATE ladder_levels SET position = ?3, name = ?4, description = ?5,
                branch = ?6, retired = ?7 WHERE framework_id = ?1 AND key = ?2",
            "INSERT INTO ladder_levels (framework_id, key, position, name, description, branch, retired)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                fid,
                x.key,
                i as i64,
                x.name,
                x.description,
                x.branch.map(Branch::as_str),
                x.retired
            ],
        )?;
    }
    for (i, d) in l.dimensions.iter().enumerate() {
        update_or_insert(
            conn,
            "UPDATE ladder_dimensions SET position = ?3, name = ?4, description = ?5,
                retired = ?6 WHERE framework_id = ?1 AND key = ?2",
            "INSERT INTO ladder_dimensions (framework_id, key, position, name, description, retired)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![fid, d.key, i as i64, d.name, d.description, d.retired],
        )?;
        for e in &d.expectations {
            conn.prepare_cached(
                "INSERT INTO ladder_expectations (framework_id, dimension_key, level_key, description)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute((&fid, &d.key, &e.level, &e.description))?;
        }
    }
    let gone = |table: &str, keys: &[&str]| -> Result<()> {
        conn.execute(
            &format!(
                "DELETE FROM {table} WHERE framework_id = ?1
                 AND key NOT IN (SELECT value FROM json_each(?2))"
            ),
            (&fid, serde_json::to_string(keys).unwrap_or_default()),
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
            {
                Error::Conflict(
                    "a level or dimension that assessments cite cannot be removed; retire it"
                        .to_string(),
                )
            }
            e => e.into(),
        })?;
        Ok(())
    };
    gone("ladder_dimensions", &dim_keys)?;
    gone("ladder_levels", &level_keys)?;
    Ok(())
}

/// An UPDATE, then an INSERT where there was nothing to update. Not an upsert: inside
/// an upsert the search triggers' own conflict rule (INSERT OR IGNORE) would not hold.
fn update_or_insert(
    conn: &Connection,
    update: &str,
    insert: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<()> {
    if conn.prepare_cached(update)?.execute(params)? == 0 {
        conn.prepare_cached(insert)?.execute(params)?;
    }
    Ok(())
}

/// Adds a ladder to the journal.
pub(super) fn insert(
    conn: &Connection,
    id: &Id,
    l: &Ladder,
    is_default: bool,
    source: Option<&str>,
) -> Result<()> {
    let position: i64 = conn.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM frameworks",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO frameworks (id, key, position, name, description, source, is_default, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            id.to_string(),
            l.key,
            position,
            l.name,
            l.description,
            source,
            is_default,
            ts(&sql::now())
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::Conflict(format!("the journal already has a ladder with key '{}'", l.key))
        }
        e => e.into(),
    })?;
    write_parts(conn, id, l)
}

fn framework_from_row(r: &Row<'_>) -> rusqlite::Result<Framework> {
    Ok(Framework {
        id: sql::parsed(r, 0)?,
        ladder: Ladder {
            key: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            levels: vec![],
            dimensions: vec![],
        },
        source: r.get(4)?,
        is_default: r.get(5)?,
        updated_at: sql::parsed(r, 6)?,
    })
}

const FRAMEWORK_COLUMNS: &str =
    "SELECT id, key, name, description, source, is_default, updated_at FROM frameworks";

/// Every ladder with its parts, in the journal's order.
pub(super) fn load_all(conn: &Connection) -> Result<Vec<Framework>> {
    let mut all: Vec<Framework> = conn
        .prepare_cached(&format!("{FRAMEWORK_COLUMNS} ORDER BY position, key"))?
        .query_map([], framework_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    for f in &mut all {
        fill(conn, f)?;
    }
    Ok(all)
}

/// One ladder by id.
pub(super) fn load(conn: &Connection, id: &Id) -> Result<Framework> {
    let mut f = conn
        .prepare_cached(&format!("{FRAMEWORK_COLUMNS} WHERE id = ?1"))?
        .query_row([id.to_string()], framework_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "ladder",
            query: id.to_string(),
            hint: String::new(),
        })?;
    fill(conn, &mut f)?;
    Ok(f)
}

pub(super) fn default_id(conn: &Connection) -> Result<Id> {
    Ok(conn
        .prepare_cached("SELECT id FROM frameworks WHERE is_default = 1")?
        .query_row([], |r| sql::parsed(r, 0))?)
}

fn fill(conn: &Connection, f: &mut Framework) -> Result<()> {
    let fid = f.id.to_string();
    f.ladder.levels = conn
        .prepare_cached(
            "SELECT key, name, description, branch, retired FROM ladder_levels
             WHERE framework_id = ?1 ORDER BY position, key",
        )?
        .query_map([&fid], |r| {
            Ok(Level {
                key: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                branch: r.get::<_, Option<String>>(3)?.map(|b| {
                    if b == "ic" {
                        Branch::Ic
                    } else {
                        Branch::Manager
                    }
                }),
                retired: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    f.ladder.dimensions = conn
        .prepare_cached(
            "SELECT key, name, description, retired FROM ladder_dimensions
             WHERE framework_id = ?1 ORDER BY position, key",
        )?
        .query_map([&fid], |r| {
            Ok(Dimension {
                key: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                retired: r.get(3)?,
                expectations: vec![],
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let order: HashMap<String, usize> = f
        .ladder
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.key.clone(), i))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT dimension_key, level_key, description FROM ladder_expectations
         WHERE framework_id = ?1",
    )?;
    let mut rows = stmt.query([&fid])?;
    while let Some(r) = rows.next()? {
        let dim: String = r.get(0)?;
        if let Some(d) = f.ladder.dimensions.iter_mut().find(|d| d.key == dim) {
            d.expectations.push(Expectation {
                level: r.get(1)?,
                description: r.get(2)?,
            });
        }
    }
    for d in &mut f.ladder.dimensions {
        d.expectations
            .sort_by_key(|e| order.get(&e.level).copied().unwrap_or(usize::MAX));
    }
    Ok(())
}

/// Finds a ladder by key, name (case-insensitively), id or a unique id prefix.
fn find(conn: &Connection, query: &str) -> Result<Framework> {
    let q = query.trim().to_lowercase();
    let all: Vec<(Id, String, String)> = conn
        .prepare_cached("SELECT id, key, name FROM frameworks ORDER BY position")?
        .query_map([], |r| Ok((sql::parsed(r, 0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let exact: Vec<&(Id, String, String)> = all
        .iter()
        .filter(|(id, k, n)| id.to_string() == q || *k == q || n.to_lowercase() == q)
        .collect();
    let hits: Vec<&(Id, String, String)> = if exact.is_empty() && q.len() >= 4 {
        all.iter()
            .filter(|(id, ..)| id.to_string().starts_with(&q))
            .collect()
    } else {
        exact
    };
    match hits.as_slice() {
        [one] => load(conn, &one.0),
        [] => Err(Error::NotFound {
            what: "ladder",
            query: query.to_string(),
            hint: format!(
                "; the journal's ladders are: {}",
                all.iter()
                    .map(|x| x.1.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
        many => Err(Error::Ambiguous {
            what: "ladder",
            query: query.to_string(),
            candidates: many.iter().map(|x| x.1.clone()).collect(),
        }),
    }
}

/// The levels and dimensions of a ladder that something cites: assessments, the level a
/// mentee holds, and the same in the trash (a trashed mentee must come back whole). A
/// mentee trashed before schema 6 named no ladder: theirs is the `trellis` one.
fn cited(conn: &Connection, id: &Id) -> Result<(HashSet<String>, HashSet<String>)> {
    let fid = id.to_string();
    let key: String = conn.query_row("SELECT key FROM frameworks WHERE id = ?1", [&fid], |r| {
        r.get(0)
    })?;
    let legacy = key == crate::LEGACY_KEY;
    let levels = conn
        .prepare_cached(
            "SELECT level_key FROM assessments WHERE framework_id = ?1
             UNION SELECT level_key FROM mentee_ladders
                   WHERE framework_id = ?1 AND level_key IS NOT NULL
             UNION SELECT json_extract(a.value, '$.level')
                   FROM trash t, json_each(t.payload, '$.assessments') a
                   WHERE t.kind = 'mentee' AND coalesce(json_extract(a.value, '$.framework_id') = ?1,
                                                        ?2)
             UNION SELECT json_extract(t.payload, '$.ladder.level') FROM trash t
                   WHERE t.kind = 'mentee' AND json_extract(t.payload, '$.ladder.framework_id') = ?1
                     AND json_extract(t.payload, '$.ladder.level') IS NOT NULL",
        )?
        .query_map((&fid, legacy), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let dims = conn
        .prepare_cached(
            "SELECT dimension_key FROM assessments WHERE framework_id = ?1
             UNION SELECT json_extract(a.value, '$.dimension')
                   FROM trash t, json_each(t.payload, '$.assessments') a
                   WHERE t.kind = 'mentee' AND coalesce(json_extract(a.value, '$.framework_id') = ?1,
                                                        ?2)",
        )?
        .query_map((&fid, legacy), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((levels, dims))
}

/// Whether anything cites a ladder at all, the trash included.
pub(super) fn in_use(conn: &Connection, id: &Id) -> Result<bool> {
    let (levels, dims) = cited(conn, id)?;
    let placed: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM mentee_ladders WHERE framework_id = ?1)
              + (SELECT count(*) FROM trash
                 WHERE kind = 'mentee' AND json_extract(payload, '$.ladder.framework_id') = ?1)",
        [id.to_string()],
        |r| r.get(0),
    )?;
    Ok(placed > 0 || !levels.is_empty() || !dims.is_empty())
}

/// The ladder an assessment made before schema 6 belongs to: the converted one (key
/// `trellis`), else the default.
pub(super) fn legacy_id(conn: &Connection) -> Result<Id> {
    let found: Option<Id> = conn
        .prepare_cached("SELECT id FROM frameworks WHERE key = ?1")?
        .query_row([crate::LEGACY_KEY], |r| sql::parsed(r, 0))
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None => default_id(conn),
    }
}

/// Checks that an assessment to be written back (a restore) still has its ladder, level
/// and dimension: one clear message instead of a broken reference.
pub(super) fn require_assessable(conn: &Connection, a: &Assessment) -> Result<()> {
    let ok: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM ladder_levels WHERE framework_id = ?1 AND key = ?2)
            AND EXISTS (SELECT 1 FROM ladder_dimensions WHERE framework_id = ?1 AND key = ?3)",
        (a.framework_id.to_string(), &a.level, &a.dimension),
        |r| r.get(0),
    )?;
    if ok {
        Ok(())
    } else {
        Err(Error::Conflict(format!(
            "an assessment from {} ({}: {}) names a ladder or level that is no longer in the journal; nothing was restored",
            a.date, a.dimension, a.level
        )))
    }
}

/// Plans putting `new` over the stored ladder `old` (none: a new ladder).
fn plan(
    conn: &Connection,
    new: Ladder,
    old: Option<&Framework>,
    source: Option<String>,
) -> Result<LadderPlan> {
    let new = new.normalize()?;
    let given_levels: HashSet<String> = new.levels.iter().map(|l| l.key.clone()).collect();
    let given_dims: HashSet<String> = new.dimensions.iter().map(|d| d.key.clone()).collect();
    let (ladder, updates) = match old {
        Some(o) => {
            let (levels, dims) = cited(conn, &o.id)?;
            (new.laid_over(&o.ladder, &levels, &dims), Some(o.id))
        }
        None => (new, None),
    };
    let before = old.map(|o| &o.ladder);
    let has_level = |l: &Ladder, k: &str| l.levels.iter().any(|x| x.key == k);
    let has_dim = |l: &Ladder, k: &str| l.dimensions.iter().any(|x| x.key == k);
    let newly_retired_level = |k: &str| {
        ladder.level(k).is_some_and(|l| l.retired)
            && before.is_some_and(|b| b.level(k).is_some_and(|l| !l.retired))
    };
    let mut p = LadderPlan {
        shape: ladder.shape(),
        expectations: ladder.dimensions.iter().map(|d| d.expectations.len()).sum(),
        added_levels: ladder
            .levels
            .iter()
            .filter(|l| before.is_none_or(|b| !has_level(b, &l.key)))
            .map(|l| l.key.clone())
            .collect(),
        added_dimensions: ladder
            .dimensions
            .iter()
            .filter(|d| before.is_none_or(|b| !has_dim(b, &d.key)))
            .map(|d| d.key.clone())
            .collect(),
        retired_levels: ladder
            .levels
            .iter()
            .filter(|l| newly_retired_level(&l.key))
            .map(|l| l.key.clone())
            .collect(),
        retired_dimensions: ladder
            .dimensions
            .iter()
            .filter(|d| {
                d.retired
                    && before
                        .is_some_and(|b| b.dimensions.iter().any(|x| x.key == d.key && !x.retired))
            })
            .map(|d| d.key.clone())
            .collect(),
        kept_levels: ladder
            .levels
            .iter()
            .filter(|l| !given_levels.contains(&l.key))
            .map(|l| l.key.clone())
            .collect(),
        kept_dimensions: ladder
            .dimensions
            .iter()
            .filter(|d| !given_dims.contains(&d.key))
            .map(|d| d.key.clone())
            .collect(),
        removed_levels: before
            .map(|b| {
                b.levels
                    .iter()
                    .filter(|l| !has_level(&ladder, &l.key))
                    .map(|l| l.key.clone())
                    .collect()
            })
            .unwrap_or_default(),
        removed_dimensions: before
            .map(|b| {
                b.dimensions
                    .iter()
                    .filter(|d| !has_dim(&ladder, &d.key))
                    .map(|d| d.key.clone())
                    .collect()
            })
            .unwrap_or_default(),
        unchanged: before == Some(&ladder),
        framework_id: updates,
        updates,
        source,
        ladder,
    };
    if p.unchanged {
        p.source = old.and_then(|o| o.source.clone()).or(p.source);
    }
    Ok(p)
}

/// Keeps the stored version of a ladder before it changes (for undo), at most 50.
fn keep_revision(conn: &Connection, f: &Framework) -> Result<()> {
    let json = serde_json::to_string(&f.ladder).map_err(|e| Error::Storage(e.to_string()))?;
    // Two saves in the same microsecond keep the later one only.
    conn.execute(
        "INSERT OR REPLACE INTO framework_revisions (framework_id, saved_at, ladder) VALUES (?1, ?2, ?3)",
        (f.id.to_string(), ts(&sql::now()), json),
    )?;
    conn.execute(
        "DELETE FROM framework_revisions WHERE framework_id = ?1 AND saved_at NOT IN
         (SELECT saved_at FROM framework_revisions WHERE framework_id = ?1
          ORDER BY saved_at DESC LIMIT 50)",
        [f.id.to_string()],
    )?;
    Ok(())
}

/// Writes a plan: a new ladder, or the new version of a stored one (its old version
/// kept as a revision).
fn apply(conn: &Connection, mut p: LadderPlan, keep: bool) -> Result<LadderPlan> {
    if p.unchanged {
        return Ok(p);
    }
    match p.updates {
        Some(id) => {
            let old = load(conn, &id)?;
            if keep {
                keep_revision(conn, &old)?;
            }
            conn.execute(
                "UPDATE frameworks SET key = ?2, name = ?3, description = ?4,
                        source = coalesce(?5, source), updated_at = ?6 WHERE id = ?1",
                rusqlite::params![
                    id.to_string(),
                    p.ladder.key,
                    p.ladder.name,
                    p.ladder.description,
                    p.source,
                    ts(&sql::now())
                ],
            )
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
                {
                    Error::Conflict(format!(
                        "the journal already has another ladder with key '{}'",
                        p.ladder.key
                    ))
                }
                e => e.into(),
            })?;
            write_parts(conn, &id, &p.ladder)?;
        }
        None => {
            let id = new_id();
            insert(conn, &id, &p.ladder, false, p.source.as_deref())?;
            p.framework_id = Some(id);
        }
    }
    Ok(p)
}

/// The ladder a mentee is on and the level they hold.
pub(super) fn position_of(conn: &Connection, mentee: &Id) -> Result<(Id, Option<String>)> {
    let found: Option<(Id, Option<String>)> = conn
        .prepare_cached("SELECT framework_id, level_key FROM mentee_ladders WHERE mentee_id = ?1")?
        .query_row([mentee.to_string()], |r| {
            Ok((sql::parsed(r, 0)?, r.get(1)?))
        })
        .optional()?;
    match found {
        Some(x) => Ok(x),
        None => Ok((default_id(conn)?, None)),
    }
}

/// Puts a trashed ladder back, under its id and key (refused when another ladder took
/// the key meanwhile).
pub(super) fn restore(conn: &Connection, f: &Framework) -> Result<()> {
    if find_key(conn, &f.ladder.key)?.is_some() {
        return Err(Error::Conflict(format!(
            "another ladder has the key '{}' now; change its key first",
            f.ladder.key
        )));
    }
    insert(conn, &f.id, &f.ladder, false, f.source.as_deref())
}

/// Every mentee's place, for the archive (only mentees that have one).
pub(super) fn all_positions(conn: &Connection) -> Result<Vec<crate::LadderPosition>> {
    Ok(conn
        .prepare_cached(
            "SELECT mentee_id, framework_id, level_key FROM mentee_ladders ORDER BY mentee_id",
        )?
        .query_map([], |r| {
            Ok(crate::LadderPosition {
                mentee_id: sql::parsed(r, 0)?,
                framework_id: sql::parsed(r, 1)?,
                level: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Puts a restored mentee back where they were: on their ladder at their level, or as
/// near as the journal still allows (the ladder without the level, else the default).
pub(super) fn restore_position(conn: &Connection, p: &crate::LadderPosition) -> Result<()> {
    let exists = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<bool> {
        Ok(conn.prepare_cached(sql)?.exists(params)?)
    };
    let fid = p.framework_id.to_string();
    if !exists("SELECT 1 FROM frameworks WHERE id = ?1", &[&fid])? {
        return Ok(());
    }
    let level = p.level.clone().filter(|l| {
        exists(
            "SELECT 1 FROM ladder_levels WHERE framework_id = ?1 AND key = ?2",
            &[&fid, l],
        )
        .unwrap_or(false)
    });
    set_position(conn, &crate::LadderPosition { level, ..p.clone() })
}

pub(super) fn set_position(conn: &Connection, p: &crate::LadderPosition) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO mentee_ladders (mentee_id, framework_id, level_key) VALUES (?1, ?2, ?3)
         ON CONFLICT (mentee_id) DO UPDATE SET framework_id = excluded.framework_id,
            level_key = excluded.level_key",
    )?
    .execute((
        p.mentee_id.to_string(),
        p.framework_id.to_string(),
        &p.level,
    ))?;
    Ok(())
}

pub(super) fn assessment_from_row(r: &Row<'_>) -> rusqlite::Result<Assessment> {
    Ok(Assessment {
        id: sql::parsed(r, 0)?,
        mentee_id: sql::parsed(r, 1)?,
        framework_id: sql::parsed(r, 2)?,
        dimension: r.get(3)?,
        level: r.get(4)?,
        date: sql::parsed(r, 5)?,
        note: r.get(6)?,
        created_at: sql::parsed(r, 7)?,
        evidence: vec![],
    })
}

const ASSESSMENT_COLUMNS: &str = "SELECT id, mentee_id, framework_id, dimension_key, level_key, date, note, created_at FROM assessments";

pub(super) fn insert_assessment(conn: &Connection, a: &Assessment) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO assessments (id, mentee_id, framework_id, dimension_key, level_key, date, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![
        a.id.to_string(),
        a.mentee_id.to_string(),
        a.framework_id.to_string(),
        a.dimension,
        a.level,
        day(&a.date),
        a.note,
        ts(&a.created_at),
    ])?;
    sql::require_entries_known(conn, &a.evidence)?;
    let mut ev = conn.prepare_cached(
        "INSERT OR IGNORE INTO assessment_evidence (assessment_id, entry_id) VALUES (?1, ?2)",
    )?;
    for e in &a.evidence {
        ev.execute((a.id.to_string(), e.to_string()))?;
    }
    Ok(())
}

/// The journal's ladders, as a face lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LadderUse {
    pub framework: Framework,
    /// Mentees on this ladder (those without a ladder of their own count for the default).
    pub mentees: usize,
    pub assessments: usize,
    /// Earlier versions kept for undo.
    pub revisions: usize,
}

impl Journal {
    /// Every ladder in the journal, with how much uses it.
    pub fn frameworks(&self) -> Result<Vec<LadderUse>> {
        self.read(|conn| {
            let all = load_all(conn)?;
            let mut out = Vec::with_capacity(all.len());
            for f in all {
                let fid = f.id.to_string();
                let count = |q: &str| -> Result<usize> {
                    Ok(conn.query_row(q, [&fid], |r| r.get::<_, i64>(0))? as usize)
                };
                let mut mentees =
                    count("SELECT count(*) FROM mentee_ladders WHERE framework_id = ?1")?;
                if f.is_default {
                    mentees += conn.query_row(
                        "SELECT count(*) FROM mentees m WHERE NOT EXISTS
                         (SELECT 1 FROM mentee_ladders x WHERE x.mentee_id = m.id)",
                        [],
                        |r| r.get::<_, i64>(0),
                    )? as usize;
                }
                out.push(LadderUse {
                    mentees,
                    assessments: count("SELECT count(*) FROM assessments WHERE framework_id = ?1")?,
                    revisions: count(
                        "SELECT count(*) FROM framework_revisions WHERE framework_id = ?1",
                    )?,
                    framework: f,
                });
            }
            Ok(out)
        })
    }

    /// One ladder by key, name or id; `None` is the default ladder.
    pub fn framework(&self, query: Option<&str>) -> Result<Framework> {
        self.read(|conn| match query {
            Some(q) => find(conn, q),
            None => load(conn, &default_id(conn)?),
        })
    }

    /// What importing `ladder` would do (a ladder with the same key is updated).
    pub fn plan_ladder(&self, ladder: Ladder, source: Option<String>) -> Result<LadderPlan> {
        self.read(|conn| {
            let old = find_key(conn, &ladder.key)?;
            plan(conn, ladder, old.as_ref(), source)
        })
    }

    /// What saving `ladder` over the stored ladder `id` would do (the editor's preview).
    pub fn plan_ladder_over(&self, id: &Id, ladder: Ladder) -> Result<LadderPlan> {
        self.read(|conn| {
            let old = load(conn, id)?;
            plan(conn, ladder, Some(&old), None)
        })
    }

    /// Imports a ladder: a new one, or the new version of the ladder with the same key
    /// (levels and dimensions it drops are retired where cited, so every assessment
    /// stays valid; the old version is kept for undo). Importing the same ladder twice
    /// changes nothing.
    pub fn import_ladder(&mut self, ladder: Ladder, source: Option<String>) -> Result<LadderPlan> {
        self.write(|tx| {
            let old = find_key(tx, &ladder.key)?;
            let p = plan(tx, ladder, old.as_ref(), source)?;
            apply(tx, p, true)
        })
    }

    /// Saves an edited ladder over the stored one with this id (the editor's save).
    /// `expected` is the `updated_at` the editor started from: a ladder changed since
    /// (elsewhere) is refused, not overwritten.
    pub fn save_ladder(
        &mut self,
        id: &Id,
        ladder: Ladder,
        expected: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<LadderPlan> {
        self.write(|tx| {
            let old = load(tx, id)?;
            if expected.is_some_and(|t| t != old.updated_at) {
                return Err(Error::Conflict(
                    "this ladder was changed elsewhere since you opened it; reopen it to see the change"
                        .to_string(),
                ));
            }
            let p = plan(tx, ladder, Some(&old), None)?;
            apply(tx, p, true)
        })
    }

    /// Puts back the version of a ladder before its latest change.
    pub fn undo_ladder_change(&mut self, id: &Id) -> Result<Framework> {
        self.write(|tx| {
            let old = load(tx, id)?;
            let (saved_at, json): (String, String) = tx
                .query_row(
                    "SELECT saved_at, ladder FROM framework_revisions WHERE framework_id = ?1
                     ORDER BY saved_at DESC LIMIT 1",
                    [id.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| {
                    Error::Conflict(format!("{} has no earlier version", old.ladder.name))
                })?;
            let ladder: Ladder =
                serde_json::from_str(&json).map_err(|e| Error::Storage(e.to_string()))?;
            tx.execute(
                "DELETE FROM framework_revisions WHERE framework_id = ?1 AND saved_at = ?2",
                (id.to_string(), saved_at),
            )?;
            let p = plan(tx, ladder, Some(&old), None)?;
            apply(tx, p, false)?;
            load(tx, id)
        })
    }

    /// Makes a ladder the default (for mentees without one of their own).
    pub fn set_default_framework(&mut self, id: &Id) -> Result<Framework> {
        self.write(|tx| {
            load(tx, id)?;
            // Mentees on the old default without a ladder of their own stay on it.
            let old = default_id(tx)?;
            if old != *id {
                tx.execute(
                    "INSERT INTO mentee_ladders (mentee_id, framework_id, level_key)
                     SELECT m.id, ?1, NULL FROM mentees m WHERE NOT EXISTS
                     (SELECT 1 FROM mentee_ladders x WHERE x.mentee_id = m.id)",
                    [old.to_string()],
                )?;
                tx.execute(
                    "UPDATE frameworks SET is_default = 0 WHERE is_default = 1",
                    [],
                )?;
                tx.execute(
                    "UPDATE frameworks SET is_default = 1 WHERE id = ?1",
                    [id.to_string()],
                )?;
            }
            load(tx, id)
        })
    }

    /// A mentee's ladder and the level they hold.
    pub fn mentee_ladder(&self, mentee: &Id) -> Result<MenteeLadder> {
        self.read(|conn| {
            super::mentees::get(conn, mentee)?;
            let (fid, level) = position_of(conn, mentee)?;
            Ok(MenteeLadder::new(load(conn, &fid)?, level))
        })
    }

    /// Puts a mentee on a ladder (by key, name or id), at a level (by key, name or rung)
    /// or none. Past assessments keep the ladder they were made on.
    pub fn place_mentee(
        &mut self,
        mentee: &Id,
        framework: &str,
        level: Option<&str>,
    ) -> Result<MenteeLadder> {
        self.write(|tx| {
            super::mentees::get(tx, mentee)?;
            let f = find(tx, framework)?;
            let level = match level.map(str::trim).filter(|l| !l.is_empty()) {
                Some(q) => {
                    let l = f.ladder.find_level(q)?;
                    if l.retired {
                        return Err(Error::invalid(
                            "level",
                            format!("{} is retired in {}", l.label(), f.ladder.name),
                        ));
                    }
                    Some(l.key.clone())
                }
                None => None,
            };
            set_position(
                tx,
                &crate::LadderPosition {
                    mentee_id: *mentee,
                    framework_id: f.id,
                    level: level.clone(),
                },
            )?;
            Ok(MenteeLadder::new(f, level))
        })
    }

    /// Records an assessment on the mentee's ladder. Dimension and level may be given by
    /// key or name (the level also by its rung, when only one level holds it).
    pub fn assess(&mut self, mentee: &Id, new: NewAssessment) -> Result<Assessment> {
        self.write(|tx| {
            super::mentees::get(tx, mentee)?;
            let (fid, _) = position_of(tx, mentee)?;
            let framework = load(tx, &fid)?;
            let (dimension, level) = framework.ladder.assessable(&new.dimension, &new.level)?;
            if dimension.retired || level.retired {
                return Err(Error::invalid(
                    if dimension.retired {
                        "dimension"
                    } else {
                        "level"
                    },
                    format!(
                        "{} is retired in {}; it stays in history but takes no new assessments",
                        if dimension.retired {
                            dimension.label().to_string()
                        } else {
                            level.label()
                        },
                        framework.ladder.name
                    ),
                ));
            }
            let mut evidence = new.evidence.clone();
            evidence.sort();
            evidence.dedup();
            // A new assessment cites the mentee's own entries, as they are now.
            sql::require_own_entries(tx, mentee, &evidence)?;
            let a = Assessment {
                id: new_id(),
                mentee_id: *mentee,
                framework_id: fid,
                dimension: dimension.key.clone(),
                level: level.key.clone(),
                date: new.date,
                note: normalize_opt_text("note", new.note)?,
                evidence,
                created_at: sql::now(),
            };
            insert_assessment(tx, &a)?;
            Ok(a)
        })
    }

    /// Assessments of a mentee made on ladders they are no longer on, oldest first, each
    /// read in its own ladder's words.
    pub fn earlier_assessments(&self, mentee: &Id) -> Result<Vec<EarlierAssessment>> {
        self.read(|conn| {
            super::mentees::get(conn, mentee)?;
            let (current, _) = position_of(conn, mentee)?;
            let mut out: Vec<Assessment> = conn
                .prepare_cached(&format!(
                    "{ASSESSMENT_COLUMNS} WHERE mentee_id = ?1 AND framework_id <> ?2
                     ORDER BY date, created_at, id"
                ))?
                .query_map(
                    [mentee.to_string(), current.to_string()],
                    assessment_from_row,
                )?
                .collect::<rusqlite::Result<_>>()?;
            let mut ladders: HashMap<Id, Framework> = HashMap::new();
            let mut earlier = Vec::with_capacity(out.len());
            for a in out.drain(..) {
                let l = match ladders.entry(a.framework_id) {
                    std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(load(conn, &a.framework_id)?)
                    }
                };
                let l = &l.ladder;
                earlier.push(EarlierAssessment {
                    framework_name: l.name.clone(),
                    dimension_name: l
                        .dimensions
                        .iter()
                        .find(|d| d.key == a.dimension)
                        .map_or_else(|| a.dimension.clone(), |d| d.label().to_string()),
                    level_name: l
                        .level(&a.level)
                        .map_or_else(|| a.level.clone(), Level::label),
                    assessment: a,
                });
            }
            Ok(earlier)
        })
    }

    /// Every entry of a mentee that names a skill, with the skill as stored, newest
    /// first (an entry naming several skills is listed once per skill).
    pub fn skill_entries(&self, mentee: &Id) -> Result<Vec<(String, EvidenceRef)>> {
        self.read(|conn| skill_evidence(conn, mentee))
    }

    /// Every dimension of the mentee's ladder: latest level, full history, what the next
    /// level expects and the entries citing it since. Retired dimensions appear only
    /// when the mentee was assessed on them.
    pub fn skills(&self, mentee: &Id) -> Result<Vec<SkillStanding>> {
        self.read(|conn| standings(conn, mentee))
    }
}

fn find_key(conn: &Connection, key: &str) -> Result<Option<Framework>> {
    let id: Option<Id> = conn
        .prepare_cached("SELECT id FROM frameworks WHERE key = ?1")?
        .query_row([key.trim().to_lowercase()], |r| sql::parsed(r, 0))
        .optional()?;
    id.map(|id| load(conn, &id)).transpose()
}

/// A mentee's entries that name a skill, newest first: (skill, evidence).
fn skill_evidence(conn: &Connection, mentee: &Id) -> Result<Vec<(String, EvidenceRef)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.skill, e.id, e.date, e.kind, coalesce(e.title, p.topic),
                substr(e.body, 1, 400), e.visibility
         FROM entry_skills s JOIN entries e ON e.id = s.entry_id
         LEFT JOIN pairing_sessions p ON p.entry_id = e.id
         WHERE e.mentee_id = ?1 ORDER BY e.date DESC, e.created_at DESC, e.id",
    )?;
    let rows = stmt.query_map([mentee.to_string()], |r| {
        let title: Option<String> = r.get(4)?;
        let body: String = r.get(5)?;
        let kind: EntryKind = sql::parsed(r, 3)?;
        let title = title.unwrap_or_else(|| {
            let first = body
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            let mut t: String = first.chars().take(80).collect();
            if first.chars().count() > 80 {
                t.push('…');
            }
            if t.is_empty() { kind.to_string() } else { t }
        });
        Ok((
            r.get::<_, String>(0)?,
            EvidenceRef {
                entry_id: sql::parsed(r, 1)?,
                date: sql::parsed::<NaiveDate>(r, 2)?,
                kind,
                title,
                visibility: sql::parsed::<Visibility>(r, 6)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn standings(conn: &Connection, mentee: &Id) -> Result<Vec<SkillStanding>> {
    super::mentees::get(conn, mentee)?;
    let (fid, held) = position_of(conn, mentee)?;
    let framework = load(conn, &fid)?;
    let ladder = &framework.ladder;
    let branch = held
        .as_deref()
        .and_then(|k| ladder.level(k))
        .and_then(|l| l.branch);
    let mut assessments: Vec<Assessment> = conn
        .prepare_cached(&format!(
            "{ASSESSMENT_COLUMNS} WHERE mentee_id = ?1 AND framework_id = ?2
             ORDER BY date, created_at, id"
        ))?
        .query_map([mentee.to_string(), fid.to_string()], assessment_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT x.assessment_id, x.entry_id FROM assessment_evidence x
             JOIN assessments a ON a.id = x.assessment_id
             WHERE a.mentee_id = ?1 ORDER BY x.entry_id",
    )?;
    let mut rows = stmt.query([mentee.to_string()])?;
    while let Some(r) = rows.next()? {
        let (aid, eid): (Id, Id) = (sql::parsed(r, 0)?, sql::parsed(r, 1)?);
        if let Some(a) = assessments.iter_mut().find(|a| a.id == aid) {
            a.evidence.push(eid);
        }
    }
    let evidence = skill_evidence(conn, mentee)?;
    Ok(ladder
        .dimensions
        .iter()
        .filter(|d| !d.retired || assessments.iter().any(|a| a.dimension == d.key))
        .map(|d| {
            let history: Vec<RankedAssessment> = assessments
                .iter()
                .filter(|a| a.dimension == d.key)
                .map(|a| RankedAssessment {
                    level_name: ladder
                        .level(&a.level)
                        .map(Level::label)
                        .unwrap_or_else(|| a.level.clone()),
                    rank: ladder.rank(&a.level).unwrap_or(0),
                    assessment: a.clone(),
                })
                .collect();
            let latest = history.last().cloned();
            // The next step from the latest assessment; without one, from the level the
            // mentee holds; without that, the start of the ladder.
            let from = latest
                .as_ref()
                .map(|a| a.assessment.level.clone())
                .or_else(|| held.clone());
            let next = ladder.next_steps(d, from.as_deref(), branch);
            let since = latest.as_ref().map(|a| a.assessment.date);
            let mut seen = HashSet::new();
            let cited: Vec<EvidenceRef> = evidence
                .iter()
                .filter(|(skill, e)| {
                    d.is_named_by(skill)
                        && since.is_none_or(|s| e.date > s)
                        && seen.insert(e.entry_id)
                })
                .map(|(_, e)| e.clone())
                .collect();
            SkillStanding {
                dimension: d.key.clone(),
                dimension_name: d.label().to_string(),
                retired: d.retired,
                levels: ladder.top_rank(branch),
                latest,
                history,
                next,
                evidence: cited,
            }
        })
        .collect())
}

/// Every assessment with its evidence, by id (for the archive).
pub(super) fn all_assessments(conn: &Connection) -> Result<Vec<Assessment>> {
    let mut all: Vec<Assessment> = conn
        .prepare_cached(&format!("{ASSESSMENT_COLUMNS} ORDER BY id"))?
        .query_map([], assessment_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<Id, usize> = all.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT assessment_id, entry_id FROM assessment_evidence ORDER BY entry_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (aid, eid): (Id, Id) = (sql::parsed(r, 0)?, sql::parsed(r, 1)?);
        if let Some(&i) = index.get(&aid) {
            all[i].evidence.push(eid);
        }
    }
    Ok(all)
}

/// Puts an archive's ladder into the journal: matched by id, else by key; returns the
/// journal's id for it (assessments and positions are rewritten to it).
pub(super) fn merge(conn: &Connection, f: &Framework) -> Result<Id> {
    let by_id: Option<Id> = conn
        .prepare_cached("SELECT id FROM frameworks WHERE id = ?1")?
        .query_row([f.id.to_string()], |r| sql::parsed(r, 0))
        .optional()?;
    let old = match by_id {
        Some(id) => Some(load(conn, &id)?),
        None => find_key(conn, &f.ladder.key)?,
    };
    match old {
        Some(o) => {
            let p = plan(conn, f.ladder.clone(), Some(&o), f.source.clone())?;
            apply(conn, p, true)?;
            // The archive's version wins, its id and time included (every reference
            // follows the id: the foreign keys cascade), so a round trip is exact.
            conn.execute(
                "UPDATE frameworks SET id = ?2, updated_at = ?3 WHERE id = ?1",
                (o.id.to_string(), f.id.to_string(), ts(&f.updated_at)),
            )?;
            // The trash's copies follow the id too (a UUID string is found only where it
            // stands for this ladder).
            if o.id != f.id {
                conn.execute(
                    "UPDATE trash SET payload = replace(payload, ?1, ?2)
                     WHERE kind = 'mentee' AND instr(payload, ?1) > 0",
                    (o.id.to_string(), f.id.to_string()),
                )?;
            }
            Ok(f.id)
        }
        None => {
            insert(
                conn,
                &f.id,
                &f.ladder.clone().normalize()?,
                false,
                f.source.as_deref(),
            )?;
            conn.execute(
                "UPDATE frameworks SET updated_at = ?2 WHERE id = ?1",
                (f.id.to_string(), ts(&f.updated_at)),
            )?;
            Ok(f.id)
        }
    }
}
