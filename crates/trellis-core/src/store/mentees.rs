//! The `mentees` and `mentee_tags` tables, and the mentee verbs (by id; turning a typed
//! name into an id is `resolve.rs`).

use rusqlite::{Connection, Row};

use super::Journal;
use super::sql::{self, opt_day, ts};
use crate::{Id, Mentee, MenteePatch, NewMentee, Result, new_id};

const COLUMNS: &str =
    "id, name, role, level, team, started, track, archived, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Mentee> {
    Ok(Mentee {
        id: sql::parsed(r, 0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        level: r.get(3)?,
        team: r.get(4)?,
        started: sql::opt_parsed(r, 5)?,
        track: sql::parsed(r, 6)?,
        archived: r.get(7)?,
        created_at: sql::parsed(r, 8)?,
        updated_at: sql::parsed(r, 9)?,
        tags: vec![],
    })
}

/// Writes a mentee and its tags: inserts a new one, or updates every field but
/// `created_at` of an existing one.
pub(super) fn save(conn: &Connection, m: &Mentee) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO mentees ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
            level = excluded.level, team = excluded.team, started = excluded.started,
            track = excluded.track, archived = excluded.archived,
            updated_at = excluded.updated_at"
    ))?
    .execute(rusqlite::params![
        m.id.to_string(),
        m.name,
        m.role,
        m.level,
        m.team,
        opt_day(&m.started),
        m.track.as_str(),
        m.archived,
        ts(&m.created_at),
        ts(&m.updated_at),
    ])?;
    sql::replace_labels(conn, "mentee_tags", "mentee_id", "tag", &m.id, &m.tags)
}

pub(super) fn get(conn: &Connection, id: &Id) -> Result<Mentee> {
    let mut m = sql::one(
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM mentees WHERE id = ?1"))?
            .query_row([id.to_string()], from_row),
        "mentee",
        id,
    )?;
    m.tags = sql::labels(conn, "mentee_tags", "mentee_id", "tag", &m.id)?;
    Ok(m)
}

/// Case-insensitive for every script, not only ASCII: "élodie" finds "Élodie".
/// A name as it is compared: case and accents aside (`jose` names "José").
pub(super) fn fold(s: &str) -> String {
    crate::search::fold(s.trim())
}

pub(super) fn list(conn: &Connection, include_archived: bool) -> Result<Vec<Mentee>> {
    let mut mentees: Vec<Mentee> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM mentees WHERE ?1 OR archived = 0 ORDER BY name COLLATE NOCASE, id"
        ))?
        .query_map([include_archived], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut tags = conn.prepare_cached("SELECT mentee_id, tag FROM mentee_tags ORDER BY tag")?;
    let mut rows = tags.query([])?;
    let index: std::collections::HashMap<Id, usize> =
        mentees.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    while let Some(r) = rows.next()? {
        let id: Id = sql::parsed(r, 0)?;
        if let Some(&i) = index.get(&id) {
            mentees[i].tags.push(r.get(1)?);
        }
    }
    Ok(mentees)
}

impl Journal {
    /// Adds a mentee. Returns it as stored.
    pub fn add_mentee(&mut self, new: NewMentee) -> Result<Mentee> {
        let m = new.into_mentee(new_id(), sql::now())?;
        self.write(|tx| save(tx, &m))?;
        Ok(m)
    }

    /// Mentees sorted by name; archived ones only when asked for.
    pub fn mentees(&self, include_archived: bool) -> Result<Vec<Mentee>> {
        self.read(|conn| list(conn, include_archived))
    }

    /// Mentees with exactly this name (case-insensitive), to warn about twins.
    pub fn mentees_named(&self, name: &str) -> Result<Vec<Mentee>> {
        let q = fold(name);
        Ok(self
            .mentees(true)?
            .into_iter()
            .filter(|m| fold(&m.name) == q)
            .collect())
    }

    pub fn mentee(&self, id: &Id) -> Result<Mentee> {
        self.read(|conn| get(conn, id))
    }

    pub fn edit_mentee(&mut self, id: &Id, patch: MenteePatch) -> Result<Mentee> {
        self.write(|tx| {
            let current = get(tx, id)?;
            let edited = patch.apply(&current, sql::now())?;
            if edited != current {
                save(tx, &edited)?;
            }
            Ok(edited)
        })
    }

    pub fn archive_mentee(&mut self, id: &Id, archived: bool) -> Result<Mentee> {
        self.edit_mentee(
            id,
            MenteePatch {
                archived: Some(archived),
                ..Default::default()
            },
        )
    }
}
