//! The `mentees` and `mentee_tags` tables, and the mentee verbs.

use rusqlite::{Connection, Row};

use super::Journal;
use super::sql::{self, opt_day, ts};
use crate::{
    EntryCounts, Error, Id, Leaning, Mentee, MenteeOverview, MenteePatch, NewMentee, Result, new_id,
};

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
    let mut m = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM mentees WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Error::not_found("mentee", id.to_string()),
            e => e.into(),
        })?;
    m.tags = sql::labels(conn, "mentee_tags", "mentee_id", "tag", &m.id)?;
    Ok(m)
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

/// Case-insensitive for every script, not only ASCII: "élodie" finds "Élodie".
fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Whether `query` names the first whole words of `name` ("priya" for "Priya Raman",
/// but not "sam" for "Samir"), so a short name never lands a note on someone else.
fn names_leading_words(name: &str, query: &str) -> bool {
    let (name, query) = (fold(name), fold(query));
    name == query
        || name
            .strip_prefix(&query)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
}

/// Finds a mentee by case-insensitive name, by id or unique id prefix, or by the
/// leading words of a name. Two matches are an error that lists the candidates.
pub(super) fn resolve(conn: &Connection, query: &str) -> Result<Mentee> {
    if query.trim().is_empty() {
        return Err(Error::invalid("mentee", "name a mentee by name or id"));
    }
    // A lead has tens of mentees, not millions: matching in Rust gets Unicode case right.
    let everyone = list(conn, true)?;
    let pick = |found: Vec<&Mentee>| -> Result<Option<Mentee>> {
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some((*one).clone())),
            many => Err(Error::Ambiguous {
                what: "mentee",
                query: query.to_string(),
                candidates: many.iter().map(|m| describe(m)).collect(),
            }),
        }
    };
    let q = fold(query);
    if let Some(m) = pick(everyone.iter().filter(|m| fold(&m.name) == q).collect())? {
        return Ok(m);
    }
    match sql::resolve_id(conn, "mentees", "mentee", query) {
        Ok(id) => return get(conn, &id),
        Err(Error::NotFound { .. }) => {}
        Err(e) => return Err(e),
    }
    if let Some(m) = pick(
        everyone
            .iter()
            .filter(|m| names_leading_words(&m.name, query))
            .collect(),
    )? {
        return Ok(m);
    }
    Err(Error::NotFound {
        what: "mentee",
        query: query.to_string(),
        hint: "; see `trellis mentee list --all`".to_string(),
    })
}

fn describe(m: &Mentee) -> String {
    let mut s = format!("{} ({}", m.name, m.id);
    if let Some(team) = &m.team {
        s.push_str(&format!(", {team}"));
    }
    if m.archived {
        s.push_str(", archived");
    }
    s.push(')');
    s
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

    /// Finds one mentee by name, id, id prefix or the leading words of a name.
    pub fn mentee(&self, query: &str) -> Result<Mentee> {
        self.read(|conn| resolve(conn, query))
    }

    pub fn edit_mentee(&mut self, query: &str, patch: MenteePatch) -> Result<Mentee> {
        self.write(|tx| {
            let current = resolve(tx, query)?;
            let edited = patch.apply(&current, sql::now())?;
            if edited != current {
                save(tx, &edited)?;
            }
            Ok(edited)
        })
    }

    pub fn archive_mentee(&mut self, query: &str, archived: bool) -> Result<Mentee> {
        self.edit_mentee(
            query,
            MenteePatch {
                archived: Some(archived),
                ..Default::default()
            },
        )
    }

    /// A mentee with counts, latest leaning, open action items and goals.
    pub fn mentee_overview(&self, query: &str) -> Result<MenteeOverview> {
        self.read(|conn| overview(conn, query))
    }
}

fn overview(conn: &Connection, query: &str) -> Result<MenteeOverview> {
    let mentee = resolve(conn, query)?;
    let id = mentee.id.to_string();
    let (entries, last_entry) = conn
        .prepare_cached(
            "SELECT
                count(*) FILTER (WHERE e.kind = 'note'),
                count(*) FILTER (WHERE e.kind = 'session'),
                count(*) FILTER (WHERE e.kind = 'track'),
                coalesce(sum(s.minutes), 0),
                max(e.date)
             FROM entries e LEFT JOIN pairing_sessions s ON s.entry_id = e.id
             WHERE e.mentee_id = ?1",
        )?
        .query_row([&id], |r| {
            Ok((
                EntryCounts {
                    notes: r.get(0)?,
                    sessions: r.get(1)?,
                    tracks: r.get(2)?,
                    session_minutes: r.get(3)?,
                },
                sql::opt_parsed(r, 4)?,
            ))
        })?;
    let latest_leaning: Option<Leaning> = conn
        .prepare_cached(
            "SELECT t.leaning FROM entries e JOIN track_conversations t ON t.entry_id = e.id
             WHERE e.mentee_id = ?1 ORDER BY e.date DESC, e.created_at DESC LIMIT 1",
        )?
        .query_map([&id], |r| sql::bounded(r, 0))?
        .next()
        .transpose()?;
    Ok(MenteeOverview {
        open_actions: super::actions::list(conn, Some(&mentee.id), true)?,
        goals: super::goals::list(conn, &mentee.id)?,
        entries,
        last_entry,
        latest_leaning,
        mentee,
    })
}

#[cfg(test)]
mod tests {
    use super::names_leading_words;

    #[test]
    fn a_short_name_matches_whole_leading_words_only() {
        assert!(names_leading_words("Priya Raman", "priya"));
        assert!(names_leading_words("Ana María López", "ana maría"));
        assert!(names_leading_words("Élodie Martin", "ÉLODIE"));
        assert!(!names_leading_words("Samir Haddad", "sam"), "not mid-word");
        assert!(
            !names_leading_words("Priya Raman", "raman"),
            "leading words only"
        );
    }
}
