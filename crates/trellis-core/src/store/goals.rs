//! The `goals`, `goal_skills`, `goal_evidence` and `check_ins` tables and the goal verbs.

use rusqlite::{Connection, Row};

use super::Journal;
use super::sql::{self, day, opt_day, ts};
use crate::{
    CheckIn, Goal, GoalPatch, GoalStatus, Id, NewCheckIn, NewGoal, Result, latest_progress, new_id,
};

const COLUMNS: &str = "id, mentee_id, title, why, target, status, progress, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Goal> {
    Ok(Goal {
        id: sql::parsed(r, 0)?,
        mentee_id: sql::parsed(r, 1)?,
        title: r.get(2)?,
        why: r.get(3)?,
        target: sql::opt_parsed(r, 4)?,
        status: sql::parsed(r, 5)?,
        progress: sql::bounded(r, 6)?,
        created_at: sql::parsed(r, 7)?,
        updated_at: sql::parsed(r, 8)?,
        skills: vec![],
        check_ins: vec![],
        evidence: vec![],
    })
}

fn check_in_from_row(r: &Row<'_>) -> rusqlite::Result<CheckIn> {
    Ok(CheckIn {
        id: sql::parsed(r, 0)?,
        goal_id: sql::parsed(r, 1)?,
        date: sql::parsed(r, 2)?,
        progress: sql::bounded(r, 3)?,
        note: r.get(4)?,
        created_at: sql::parsed(r, 5)?,
        evidence: vec![],
    })
}

/// Writes a goal row with its skills, check-ins and evidence.
pub(super) fn insert(conn: &Connection, g: &Goal) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO goals ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?
    .execute(rusqlite::params![
        g.id.to_string(),
        g.mentee_id.to_string(),
        g.title,
        g.why,
        opt_day(&g.target),
        g.status.as_str(),
        i64::from(g.progress),
        ts(&g.created_at),
        ts(&g.updated_at),
    ])?;
    sql::replace_labels(conn, "goal_skills", "goal_id", "skill", &g.id, &g.skills)?;
    for c in &g.check_ins {
        insert_check_in(conn, c)?;
    }
    add_evidence(conn, &g.id, &g.evidence)
}

pub(super) fn insert_check_in(conn: &Connection, c: &CheckIn) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO check_ins (id, goal_id, date, progress, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(rusqlite::params![
        c.id.to_string(),
        c.goal_id.to_string(),
        day(&c.date),
        i64::from(c.progress),
        c.note,
        ts(&c.created_at),
    ])?;
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO check_in_evidence (check_in_id, entry_id) VALUES (?1, ?2)",
    )?;
    for e in &c.evidence {
        stmt.execute((c.id.to_string(), e.to_string()))?;
    }
    Ok(())
}

fn add_evidence(conn: &Connection, goal: &Id, entries: &[Id]) -> Result<()> {
    sql::require_ids(conn, "entries", "entry", entries)?;
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO goal_evidence (goal_id, entry_id) VALUES (?1, ?2)",
    )?;
    for e in entries {
        stmt.execute((goal.to_string(), e.to_string()))?;
    }
    Ok(())
}

/// Fills in skills, check-ins (oldest first) and evidence.
fn complete(conn: &Connection, mut g: Goal) -> Result<Goal> {
    g.skills = sql::labels(conn, "goal_skills", "goal_id", "skill", &g.id)?;
    g.check_ins = conn
        .prepare_cached(
            "SELECT id, goal_id, date, progress, note, created_at FROM check_ins
             WHERE goal_id = ?1 ORDER BY date, created_at, id",
        )?
        .query_map([g.id.to_string()], check_in_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    for c in &mut g.check_ins {
        c.evidence = conn
            .prepare_cached(
                "SELECT entry_id FROM check_in_evidence WHERE check_in_id = ?1 ORDER BY entry_id",
            )?
            .query_map([c.id.to_string()], |r| sql::parsed(r, 0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    g.evidence = conn
        .prepare_cached("SELECT entry_id FROM goal_evidence WHERE goal_id = ?1 ORDER BY entry_id")?
        .query_map([g.id.to_string()], |r| sql::parsed(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(g)
}

pub(super) fn get(conn: &Connection, id: &Id) -> Result<Goal> {
    let g = sql::one(
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM goals WHERE id = ?1"))?
            .query_row([id.to_string()], from_row),
        "goal",
        id,
    )?;
    complete(conn, g)
}

impl Journal {
    pub fn add_goal(&mut self, mentee: &Id, new: NewGoal) -> Result<Goal> {
        let g = new.into_goal(new_id(), *mentee, sql::now())?;
        self.write(|tx| {
            super::mentees::get(tx, mentee)?;
            insert(tx, &g)
        })?;
        Ok(g)
    }

    /// Records a check-in; the goal's progress becomes that of its latest check-in.
    pub fn check_in(&mut self, goal: &Id, new: NewCheckIn) -> Result<Goal> {
        self.write(|tx| {
            let current = get(tx, goal)?;
            let id = current.id;
            sql::require_own_entries(tx, &current.mentee_id, &new.evidence)?;
            let evidence = new.evidence.clone();
            let c = new.into_check_in(new_id(), id, sql::now())?;
            insert_check_in(tx, &c)?;
            add_evidence(tx, &id, &evidence)?;
            let g = get(tx, &id)?;
            let progress = latest_progress(&g.check_ins).unwrap_or(g.progress);
            tx.prepare_cached("UPDATE goals SET progress = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute((id.to_string(), i64::from(progress), ts(&c.created_at)))?;
            get(tx, &id)
        })
    }

    pub fn set_goal_status(&mut self, goal: &Id, status: GoalStatus) -> Result<Goal> {
        self.edit_goal(
            goal,
            GoalPatch {
                status: Some(status),
                ..Default::default()
            },
        )
    }

    /// Changes a goal's title, why, target, skills or status.
    pub fn edit_goal(&mut self, goal: &Id, patch: GoalPatch) -> Result<Goal> {
        self.write(|tx| {
            let current = get(tx, goal)?;
            let id = current.id;
            let edited = patch.apply(&current, sql::now())?;
            if edited != current {
                tx.prepare_cached(
                    "UPDATE goals SET title = ?2, why = ?3, target = ?4, status = ?5,
                            updated_at = ?6 WHERE id = ?1",
                )?
                .execute(rusqlite::params![
                    id.to_string(),
                    edited.title,
                    edited.why,
                    opt_day(&edited.target),
                    edited.status.as_str(),
                    ts(&edited.updated_at),
                ])?;
                sql::replace_labels(tx, "goal_skills", "goal_id", "skill", &id, &edited.skills)?;
            }
            Ok(edited)
        })
    }

    pub fn goal(&self, id: &Id) -> Result<Goal> {
        self.read(|conn| get(conn, id))
    }

    /// A mentee's goals: active first, then proposed, achieved, dropped; by target date.
    pub fn goals(&self, mentee: &Id) -> Result<Vec<Goal>> {
        self.read(|conn| list(conn, mentee))
    }
}

pub(super) fn list(conn: &Connection, mentee: &Id) -> Result<Vec<Goal>> {
    let goals: Vec<Goal> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM goals WHERE mentee_id = ?1
             ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'proposed' THEN 1
                                  WHEN 'achieved' THEN 2 ELSE 3 END,
                      target IS NULL, target, created_at, id"
        ))?
        .query_map([mentee.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    goals.into_iter().map(|g| complete(conn, g)).collect()
}
