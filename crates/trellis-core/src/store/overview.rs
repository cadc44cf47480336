//! A read model across tables: one mentee with counts, latest leaning, open action items
//! and goals (the app's mentee page header).

use rusqlite::Connection;

use super::Journal;
use super::sql;
use crate::{EntryCounts, Id, Leaning, MenteeOverview, Result};

impl Journal {
    /// A mentee with counts, latest leaning, open action items and goals.
    pub fn mentee_overview(&self, mentee: &Id) -> Result<MenteeOverview> {
        self.read(|conn| overview(conn, mentee))
    }
}

fn overview(conn: &Connection, mentee: &Id) -> Result<MenteeOverview> {
    let mentee = super::mentees::get(conn, mentee)?;
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
    let latest: Option<(Leaning, bool)> = conn
        .prepare_cached(
            "SELECT t.leaning, e.visibility = 'private' FROM entries e
             JOIN track_conversations t ON t.entry_id = e.id
             WHERE e.mentee_id = ?1 ORDER BY e.date DESC, e.created_at DESC LIMIT 1",
        )?
        .query_map([&id], |r| Ok((sql::bounded(r, 0)?, r.get(1)?)))?
        .next()
        .transpose()?;
    let open_actions = super::actions::list(conn, Some(&mentee.id), true)?;
    let all = super::actions::list(conn, Some(&mentee.id), false)?;
    let private_actions = super::actions::from_private_entries(conn, &all)?
        .into_iter()
        .collect();
    Ok(MenteeOverview {
        open_actions,
        private_actions,
        latest_leaning_private: latest.is_some_and(|(_, p)| p),
        goals: super::goals::list(conn, &mentee.id)?,
        entries,
        last_entry,
        latest_leaning: latest.map(|(l, _)| l),
        mentee,
    })
}
