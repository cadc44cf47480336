//! The queries behind "Today", across the mentee, entry, action and goal tables.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use super::Journal;
use super::sql::{self, day};
use crate::{
    EntrySummary, GOALS_DUE_WITHIN_DAYS, GoalDue, LATEST_ENTRIES, NEW_MENTEE_DAYS, NotSeen,
    OneOnOneDue, Result, TODAY_FOLLOW_UPS, TODAY_GOALS_LATE, TODAY_ONE_ON_ONES, Today, TodayAction,
};

impl Journal {
    /// What needs attention on `date` (the lead's today), for mentees not archived.
    pub fn today(&self, date: NaiveDate) -> Result<Today> {
        self.read(|conn| today(conn, date))
    }
}

fn today(conn: &Connection, date: NaiveDate) -> Result<Today> {
    let names = |conn: &Connection| -> Result<std::collections::HashMap<crate::Id, String>> {
        let mut stmt = conn.prepare_cached("SELECT id, name FROM mentees WHERE archived = 0")?;
        let rows = stmt.query_map([], |r| Ok((sql::parsed(r, 0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let names = names(conn)?;
    let (open, follow_ups_total) = super::actions::open_of_current(conn, TODAY_FOLLOW_UPS)?;
    let private = super::actions::from_private_entries(conn, &open)?;
    let follow_ups = open
        .into_iter()
        .filter_map(|action| {
            let mentee_name = names.get(&action.mentee_id)?.clone();
            Some(TodayAction {
                overdue: action.due.is_some_and(|d| d < date),
                private: private.contains(&action.id),
                action,
                mentee_name,
            })
        })
        .collect();
    let horizon = date + Duration::days(GOALS_DUE_WITHIN_DAYS);
    // Every goal due within the horizon, and the most recently missed targets (a journal
    // of years holds many long past): both read in the order of the open goals' index.
    const DUE: &str = "FROM goals g JOIN mentees m ON m.id = g.mentee_id
         WHERE m.archived = 0 AND g.status IN ('active', 'proposed') AND g.target IS NOT NULL";
    let goals_due_total: u32 = conn
        .prepare_cached(&format!("SELECT count(*) {DUE} AND g.target <= ?1"))?
        .query_row([day(&horizon)], |r| r.get(0))?;
    let goals_due = conn
        .prepare_cached(&format!(
            "SELECT * FROM (
                 SELECT g.id, g.mentee_id, m.name, g.title, g.target, g.status, g.progress
                 {DUE} AND g.target < ?2 ORDER BY g.target DESC LIMIT ?3)
             UNION ALL
             SELECT g.id, g.mentee_id, m.name, g.title, g.target, g.status, g.progress
             {DUE} AND g.target >= ?2 AND g.target <= ?1
             ORDER BY 5, 3"
        ))?
        .query_map(
            rusqlite::params![day(&horizon), day(&date), TODAY_GOALS_LATE],
            |r| {
                Ok(GoalDue {
                    goal_id: sql::parsed(r, 0)?,
                    mentee_id: sql::parsed(r, 1)?,
                    mentee_name: r.get(2)?,
                    title: r.get(3)?,
                    target: sql::parsed(r, 4)?,
                    status: sql::parsed(r, 5)?,
                    progress: sql::bounded(r, 6)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    // Someone added within the last weeks with nothing logged is new: Today greets them
    // instead of calling a 1:1 overdue.
    let cutoff = date - Duration::days(NEW_MENTEE_DAYS);
    let new_mentees: Vec<NotSeen> = conn
        .prepare_cached(
            "SELECT m.id, m.name, substr(m.created_at, 1, 10) FROM mentees m
             WHERE m.archived = 0 AND substr(m.created_at, 1, 10) > ?1
               AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.mentee_id = m.id)
             ORDER BY m.name",
        )?
        .query_map([day(&cutoff)], |r| {
            let added: NaiveDate = sql::parsed(r, 2)?;
            Ok(NotSeen {
                mentee_id: sql::parsed(r, 0)?,
                mentee_name: r.get(1)?,
                days: (date - added).num_days().max(0),
                last_entry: None,
                added,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut one_on_ones_due: Vec<OneOnOneDue> = super::agenda::one_on_ones_due(conn, date)?
        .into_iter()
        .filter(|d| !new_mentees.iter().any(|n| n.mentee_id == d.mentee_id))
        .collect();
    let one_on_ones_due_total = one_on_ones_due.len() as u32;
    one_on_ones_due.truncate(TODAY_ONE_ON_ONES);
    Ok(Today {
        date,
        follow_ups,
        follow_ups_total,
        goals_due,
        goals_due_total,
        one_on_ones_due,
        one_on_ones_due_total,
        new_mentees,
        latest: latest(conn, LATEST_ENTRIES)?,
    })
}

/// The most recent entries across mentees not archived, newest first.
pub(super) fn latest(conn: &Connection, limit: usize) -> Result<Vec<EntrySummary>> {
    Ok(conn
        .prepare_cached(
            "SELECT e.id, e.mentee_id, m.name, e.date, e.kind,
                    coalesce(e.title, s.topic, substr(e.body, 1, 200), ''),
                    e.visibility, e.starred
             FROM entries e JOIN mentees m ON m.id = e.mentee_id
             LEFT JOIN pairing_sessions s ON s.entry_id = e.id
             WHERE m.archived = 0
             ORDER BY e.date DESC, e.created_at DESC LIMIT ?1",
        )?
        .query_map([limit as i64], |r| {
            let headline: String = r.get(5)?;
            Ok(EntrySummary {
                id: sql::parsed(r, 0)?,
                mentee_id: sql::parsed(r, 1)?,
                mentee_name: r.get(2)?,
                date: sql::parsed(r, 3)?,
                kind: sql::parsed(r, 4)?,
                headline: headline
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                visibility: sql::parsed(r, 6)?,
                starred: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
