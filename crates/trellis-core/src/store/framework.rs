//! The framework tables (`framework`, `framework_dimensions`, `framework_levels`) and
//! `assessments` with their evidence; the verbs for skills.

use rusqlite::{Connection, Row};

use super::Journal;
use super::sql::{self, day, ts};
use crate::{
    Assessment, Dimension, Framework, Id, Level, NewAssessment, RankedAssessment, Result,
    SkillStanding, new_id, normalize_opt_text,
};

/// Replaces the whole framework. Used to seed the default at schema creation.
pub(super) fn replace(conn: &Connection, f: &Framework) -> Result<()> {
    conn.execute("DELETE FROM framework_levels", [])?;
    conn.execute("DELETE FROM framework_dimensions", [])?;
    conn.execute(
        "INSERT INTO framework (id, name) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        [&f.name],
    )?;
    for (i, d) in f.dimensions.iter().enumerate() {
        conn.execute(
            "INSERT INTO framework_dimensions (key, position, name, description)
             VALUES (?1, ?2, ?3, ?4)",
            (&d.key, i as i64, &d.name, &d.description),
        )?;
        for (j, l) in d.levels.iter().enumerate() {
            conn.execute(
                "INSERT INTO framework_levels (dimension_key, key, position, name, description)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                (&d.key, &l.key, j as i64, &l.name, &l.description),
            )?;
        }
    }
    Ok(())
}

pub(super) fn load(conn: &Connection) -> Result<Framework> {
    let name: String =
        conn.query_row("SELECT name FROM framework WHERE id = 1", [], |r| r.get(0))?;
    let mut dimensions: Vec<Dimension> = conn
        .prepare_cached(
            "SELECT key, name, description FROM framework_dimensions ORDER BY position, key",
        )?
        .query_map([], |r| {
            Ok(Dimension {
                key: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                levels: vec![],
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT dimension_key, key, name, description FROM framework_levels
         ORDER BY dimension_key, position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let dim: String = r.get(0)?;
        if let Some(d) = dimensions.iter_mut().find(|d| d.key == dim) {
            d.levels.push(Level {
                key: r.get(1)?,
                name: r.get(2)?,
                description: r.get(3)?,
            });
        }
    }
    Ok(Framework { name, dimensions })
}

pub(super) fn assessment_from_row(r: &Row<'_>) -> rusqlite::Result<Assessment> {
    Ok(Assessment {
        id: sql::parsed(r, 0)?,
        mentee_id: sql::parsed(r, 1)?,
        dimension: r.get(2)?,
        level: r.get(3)?,
        date: sql::parsed(r, 4)?,
        note: r.get(5)?,
        created_at: sql::parsed(r, 6)?,
        evidence: vec![],
    })
}

pub(super) fn insert_assessment(conn: &Connection, a: &Assessment) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO assessments (id, mentee_id, dimension_key, level_key, date, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![
        a.id.to_string(),
        a.mentee_id.to_string(),
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

impl Journal {
    /// The journal's skills framework.
    pub fn framework(&self) -> Result<Framework> {
        self.read(load)
    }

    /// Records an assessment. Dimension and level may be given by key or name (the
    /// level also by its position, 1 = first).
    pub fn assess(&mut self, mentee: &Id, new: NewAssessment) -> Result<Assessment> {
        self.write(|tx| {
            super::mentees::get(tx, mentee)?;
            let framework = load(tx)?;
            let dimension = framework.dimension(&new.dimension)?;
            let (_, level) = dimension.level(&new.level)?;
            let mut evidence = new.evidence.clone();
            evidence.sort();
            evidence.dedup();
            // A new assessment cites the mentee's own entries, as they are now.
            sql::require_own_entries(tx, mentee, &evidence)?;
            let a = Assessment {
                id: new_id(),
                mentee_id: *mentee,
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

    /// Every framework dimension for one mentee: latest level and full history.
    pub fn skills(&self, mentee: &Id) -> Result<Vec<SkillStanding>> {
        self.read(|conn| standings(conn, mentee))
    }
}

fn standings(conn: &Connection, mentee: &Id) -> Result<Vec<SkillStanding>> {
    let framework = load(conn)?;
    let mut assessments: Vec<Assessment> = conn
        .prepare_cached(
            "SELECT id, mentee_id, dimension_key, level_key, date, note, created_at
                 FROM assessments WHERE mentee_id = ?1 ORDER BY date, created_at, id",
        )?
        .query_map([mentee.to_string()], assessment_from_row)?
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
    Ok(framework
        .dimensions
        .iter()
        .map(|d| {
            let history: Vec<RankedAssessment> = assessments
                .iter()
                .filter(|a| a.dimension == d.key)
                .map(|a| RankedAssessment {
                    level_name: d
                        .levels
                        .iter()
                        .find(|l| l.key == a.level)
                        .map(|l| l.name.clone())
                        .unwrap_or_else(|| a.level.clone()),
                    rank: d.rank(&a.level).unwrap_or(0),
                    assessment: a.clone(),
                })
                .collect();
            SkillStanding {
                dimension: d.key.clone(),
                dimension_name: d.name.clone(),
                levels: d.levels.len(),
                latest: history.last().cloned(),
                history,
            }
        })
        .collect())
}

/// Every assessment with its evidence, by id (for the archive).
pub(super) fn all_assessments(conn: &Connection) -> Result<Vec<Assessment>> {
    let mut all: Vec<Assessment> = conn
        .prepare_cached(
            "SELECT id, mentee_id, dimension_key, level_key, date, note, created_at
             FROM assessments ORDER BY id",
        )?
        .query_map([], assessment_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let index: std::collections::HashMap<Id, usize> =
        all.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
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
