//! The next 1:1 and what to bring to it (`Journal::agenda`), what is due across mentees
//! (`Journal::reminders`), cadences and their default, and experiment outcomes. Tables:
//! `mentee_cadence`, `settings`, `experiment_outcomes` (schema 7).

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, OptionalExtension};

use super::Journal;
use super::entries::Filter;
use super::sql::{self, day};
use crate::{
    AGENDA_GOAL_DAYS, AGENDA_STALE_GOAL_DAYS, AGENDA_TAG, Agenda, AgendaItem, AgendaKind, Cadence,
    EntryDetails, EntryKind, Error, ExperimentOutcome, GoalStatus, Id, JournalSettings,
    MenteeCadence, NextOneOnOne, OneOnOneDue, Reminder, Result, SETTING_DEFAULT_CADENCE, Settings,
    Visibility,
};

/// Goal targets within this many days are reminded of.
const REMIND_GOAL_DAYS: i64 = 7;

fn default_cadence(conn: &Connection) -> Result<Cadence> {
    Ok(stored_settings(conn)?.effective().default_cadence)
}

/// Every stored setting as (key, value).
fn setting_rows(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings ORDER BY key")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The settings as stored: `None` where never set. A value this version cannot read
/// (planted, or from a later version) reads as never set rather than breaking every view
/// that uses it; `check` names it.
pub(super) fn stored_settings(conn: &Connection) -> Result<JournalSettings> {
    let mut out = JournalSettings::default();
    for (k, v) in setting_rows(conn)? {
        match k.as_str() {
            SETTING_DEFAULT_CADENCE => out.default_cadence = v.parse().ok(),
            "note_visibility" => out.note_visibility = v.parse().ok(),
            "session_visibility" => out.session_visibility = v.parse().ok(),
            "track_visibility" => out.track_visibility = v.parse().ok(),
            _ => {}
        }
    }
    Ok(out)
}

/// Stores what `patch` sets (its `Some` fields); the rest is left as it is.
pub(super) fn save_settings(conn: &Connection, patch: &JournalSettings) -> Result<()> {
    for (key, value) in patch.pairs() {
        if let Some(value) = value {
            conn.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute((key, value))?;
        }
    }
    Ok(())
}

/// Every mentee's own cadence, by mentee id.
pub(super) fn all_cadences(conn: &Connection) -> Result<Vec<MenteeCadence>> {
    let mut stmt =
        conn.prepare_cached("SELECT mentee_id, cadence FROM mentee_cadence ORDER BY mentee_id")?;
    let rows = stmt.query_map([], |r| {
        Ok((sql::parsed::<Id>(r, 0)?, sql::parsed::<Cadence>(r, 1)?))
    })?;
    rows.map(|r| {
        let (mentee_id, cadence) = r?;
        Ok(MenteeCadence { mentee_id, cadence })
    })
    .collect()
}

pub(super) fn save_cadence(conn: &Connection, c: &MenteeCadence) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO mentee_cadence (mentee_id, cadence) VALUES (?1, ?2)
         ON CONFLICT (mentee_id) DO UPDATE SET cadence = excluded.cadence",
    )?
    .execute((c.mentee_id.to_string(), c.cadence.as_str()))?;
    Ok(())
}

/// An outcome from a row of (entry_id, experiment, outcome, closed_on).
fn outcome_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ExperimentOutcome> {
    Ok(ExperimentOutcome {
        entry_id: sql::parsed(r, 0)?,
        experiment: r.get(1)?,
        outcome: r.get(2)?,
        closed_on: sql::parsed(r, 3)?,
    })
}

/// Every experiment outcome, by entry and experiment.
pub(super) fn all_outcomes(conn: &Connection) -> Result<Vec<ExperimentOutcome>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entry_id, experiment, outcome, closed_on FROM experiment_outcomes
         ORDER BY entry_id, experiment",
    )?;
    let rows = stmt.query_map([], outcome_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The outcomes recorded for `mentee`'s track conversations, by entry.
pub(super) fn outcomes_by_entry(
    conn: &Connection,
    mentee: &Id,
) -> Result<std::collections::HashMap<Id, Vec<ExperimentOutcome>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.entry_id, o.experiment, o.outcome, o.closed_on
         FROM experiment_outcomes o JOIN entries e ON e.id = o.entry_id
         WHERE e.mentee_id = ?1 ORDER BY o.closed_on, o.experiment",
    )?;
    let rows = stmt.query_map([mentee.to_string()], outcome_from_row)?;
    let mut out: std::collections::HashMap<Id, Vec<ExperimentOutcome>> = Default::default();
    for o in rows {
        let o = o?;
        out.entry(o.entry_id).or_default().push(o);
    }
    Ok(out)
}

/// Records an outcome (replacing one for the same experiment); nothing when the entry
/// is not in the journal (deleted here: the outcome goes with it).
pub(super) fn save_outcome(conn: &Connection, o: &ExperimentOutcome) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO experiment_outcomes (entry_id, experiment, outcome, closed_on)
         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM entries WHERE id = ?1)
         ON CONFLICT (entry_id, experiment)
         DO UPDATE SET outcome = excluded.outcome, closed_on = excluded.closed_on",
    )?
    .execute((
        o.entry_id.to_string(),
        &o.experiment,
        &o.outcome,
        day(&o.closed_on),
    ))?;
    Ok(())
}

/// Settings this version cannot read, for `check`: (key, value) — a known key whose
/// value does not parse, or a key this version does not know (a later version's).
fn unreadable_settings(conn: &Connection) -> Result<Vec<(String, String)>> {
    let read = stored_settings(conn)?;
    let read = read.pairs();
    Ok(setting_rows(conn)?
        .into_iter()
        .filter(|(k, _)| !read.iter().any(|(key, v)| key == k && v.is_some()))
        .collect())
}

/// A mentee's own cadence, if one is set.
fn own_cadence(conn: &Connection, mentee: &Id) -> Result<Option<Cadence>> {
    let v: Option<String> = conn
        .prepare_cached("SELECT cadence FROM mentee_cadence WHERE mentee_id = ?1")?
        .query_row([mentee.to_string()], |r| r.get(0))
        .optional()?;
    v.map(|v| v.parse()).transpose()
}

/// The date of the last one-on-one note or pairing session, and whether every 1:1 on
/// that day is private. Two index seeks (newest first, then that day), not a scan of
/// everything written about the mentee.
fn last_one_on_one(conn: &Connection, mentee: &Id) -> Result<(Option<NaiveDate>, bool)> {
    const ONE_ON_ONE: &str = "(e.kind = 'session' OR (e.kind = 'note' AND EXISTS
        (SELECT 1 FROM notes n WHERE n.entry_id = e.id AND n.subkind = 'one-on-one')))";
    let d: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT e.date FROM entries e WHERE e.mentee_id = ?1 AND {ONE_ON_ONE}
             ORDER BY e.date DESC LIMIT 1"
        ))?
        .query_row([mentee.to_string()], |r| r.get(0))
        .optional()?;
    let Some(d) = d else {
        return Ok((None, false));
    };
    let shared: bool = conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM entries e WHERE e.mentee_id = ?1 AND e.date = ?2
             AND e.visibility = 'shareable' AND {ONE_ON_ONE})"
        ))?
        .query_row((mentee.to_string(), &d), |r| r.get(0))?;
    Ok((Some(crate::parse_date(&d)?), !shared))
}

/// 1:1s due by cadence on `today` across current mentees, most overdue first.
pub(super) fn one_on_ones_due(conn: &Connection, today: NaiveDate) -> Result<Vec<OneOnOneDue>> {
    let mut out = vec![];
    for m in super::mentees::list(conn, false)? {
        let next = next_one_on_one(conn, &m.id, today)?;
        if let Some(n) = next.next.filter(|_| next.due) {
            out.push(OneOnOneDue {
                mentee_id: m.id,
                mentee_name: m.name,
                cadence: next.cadence,
                last: next.last,
                last_private: next.last_private,
                next: n,
                days_overdue: (today - n).num_days().max(0),
            });
        }
    }
    out.sort_by(|a, b| a.next.cmp(&b.next).then(a.mentee_name.cmp(&b.mentee_name)));
    Ok(out)
}

fn next_one_on_one(conn: &Connection, mentee: &Id, today: NaiveDate) -> Result<NextOneOnOne> {
    let own = own_cadence(conn, mentee)?;
    let cadence = match own {
        Some(c) => c,
        None => default_cadence(conn)?,
    };
    let (last, last_private) = last_one_on_one(conn, mentee)?;
    let next = match (cadence, last) {
        (Cadence::None, _) => None,
        (c, Some(l)) => c.next_after(l),
        (_, None) => Some(today),
    };
    Ok(NextOneOnOne {
        cadence,
        cadence_is_default: own.is_none(),
        last,
        last_private,
        next,
        due: next.is_some_and(|n| n <= today),
    })
}

fn agenda(conn: &Connection, mentee: &Id, today: NaiveDate) -> Result<Agenda> {
    let m = super::mentees::get(conn, mentee)?;
    let next = next_one_on_one(conn, mentee, today)?;
    let mut items = vec![];

    // Open action items of both owners: overdue first, then by due date, undated last.
    let mut open = super::actions::list(conn, Some(mentee), true)?;
    let private = super::actions::from_private_entries(conn, &open)?;
    open.sort_by_key(|a| (a.due.is_none(), a.due, a.created_at));
    for a in open {
        let owner = match a.owner {
            crate::Owner::Mentee => m.name.clone(),
            crate::Owner::Lead => "you".to_string(),
        };
        items.push(AgendaItem {
            kind: AgendaKind::Action,
            detail: match a.due {
                Some(d) if d < today => format!("{owner}, was due {d}"),
                Some(d) => format!("{owner}, due {d}"),
                None => owner,
            },
            date: a.due,
            overdue: a.due.is_some_and(|d| d < today),
            private: private.contains(&a.id),
            source_kind: "action".into(),
            source_id: a.id,
            text: a.text,
        });
    }

    // Goals that are due soon or have gone quiet.
    for g in super::goals::list(conn, mentee)? {
        if !matches!(g.status, GoalStatus::Active | GoalStatus::Proposed) {
            continue;
        }
        let quiet_since = g
            .check_ins
            .iter()
            .map(|c| c.date)
            .max()
            .unwrap_or_else(|| g.created_at.date_naive());
        let quiet = (today - quiet_since).num_days();
        let due_soon = g
            .target
            .is_some_and(|t| t <= today + Duration::days(AGENDA_GOAL_DAYS));
        if !(due_soon || quiet >= AGENDA_STALE_GOAL_DAYS) {
            continue;
        }
        let mut why = vec![];
        if let Some(t) = g.target.filter(|_| due_soon) {
            why.push(if t < today {
                format!("target {t} passed")
            } else {
                format!("target {t}")
            });
        }
        if quiet >= AGENDA_STALE_GOAL_DAYS {
            why.push(format!("no check-in for {quiet} days"));
        }
        why.push(format!("{}% so far", g.progress.get()));
        items.push(AgendaItem {
            kind: AgendaKind::Goal,
            text: g.title,
            detail: why.join(", "),
            date: g.target,
            overdue: g.target.is_some_and(|t| t < today),
            private: false,
            source_kind: "goal".into(),
            source_id: g.id,
        });
    }

    let entries = super::entries::load(
        conn,
        &Filter {
            mentee: Some(*mentee),
            ..Default::default()
        },
    )?;
    // The last track conversation's experiments, with their outcomes.
    if let Some(track) = entries
        .iter()
        .filter(|e| e.kind() == EntryKind::Track)
        .max_by_key(|e| (e.date, e.created_at))
        && let EntryDetails::Track(t) = &track.details
    {
        let outcomes = outcomes_by_entry(conn, &m.id)?
            .remove(&track.id)
            .unwrap_or_default();
        for x in &t.experiments {
            let detail = match outcomes.iter().find(|o| o.experiment == *x) {
                Some(o) => format!("outcome ({}): {}", o.closed_on, o.outcome),
                None => format!("agreed {}; no outcome recorded yet", track.date),
            };
            items.push(AgendaItem {
                kind: AgendaKind::Experiment,
                text: x.clone(),
                detail,
                date: Some(track.date),
                overdue: false,
                private: track.visibility == Visibility::Private,
                source_kind: "entry".into(),
                source_id: track.id,
            });
        }
    }

    // Since the last 1:1 (that day included: its own "to improve" is worth a word):
    // what was starred or has a "to improve"; and reminders.
    let since = next.last.unwrap_or(NaiveDate::MIN);
    let mut recent: Vec<&crate::Entry> = entries.iter().filter(|e| e.date >= since).collect();
    recent.sort_by_key(|e| (e.date, e.created_at));
    for e in recent {
        let to_improve = match &e.details {
            EntryDetails::Session(s) => s.to_improve.clone(),
            _ => None,
        };
        let reminder = e.tags.iter().any(|t| t == AGENDA_TAG);
        if !(reminder || e.starred || to_improve.is_some()) {
            continue;
        }
        items.push(AgendaItem {
            kind: if reminder {
                AgendaKind::Reminder
            } else {
                AgendaKind::FollowUp
            },
            text: match (&e.title, e.kind()) {
                // An untitled note is its words: their first line.
                (None, EntryKind::Note) if !e.body.trim().is_empty() => first_line(&e.body),
                _ => crate::summary::entry_title(e),
            },
            detail: match to_improve {
                Some(t) => format!("{}; to improve: {t}", e.date),
                None if e.starred => format!("{}, starred", e.date),
                None => e.date.to_string(),
            },
            date: Some(e.date),
            overdue: false,
            private: e.visibility == Visibility::Private,
            source_kind: "entry".into(),
            source_id: e.id,
        });
    }
    Ok(Agenda {
        mentee_id: m.id,
        mentee_name: m.name,
        today,
        next,
        items,
    })
}

/// The first non-empty line of a body, at most 120 characters.
fn first_line(body: &str) -> String {
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut out: String = line.chars().take(120).collect();
    if line.chars().count() > 120 {
        out.push('…');
    }
    out
}

fn reminders(conn: &Connection, today: NaiveDate) -> Result<Vec<Reminder>> {
    let mut out = vec![];
    for d in one_on_ones_due(conn, today)? {
        out.push(Reminder {
            kind: "one_on_one".into(),
            mentee_id: d.mentee_id,
            // The date of a private 1:1 is not printed: a reminder may show on screen.
            text: match d.last {
                Some(l) if !d.last_private => {
                    format!(
                        "1:1 with {} ({}; last {l})",
                        d.mentee_name,
                        d.cadence.words()
                    )
                }
                Some(_) => format!("1:1 with {} ({})", d.mentee_name, d.cadence.words()),
                None => format!("1:1 with {}: none logged yet", d.mentee_name),
            },
            mentee_name: d.mentee_name,
            date: d.next,
            overdue: d.days_overdue > 0,
            // After a private 1:1 the date itself tells when that one was held.
            private: d.last_private,
            source_id: d.mentee_id,
        });
    }
    let mentees = super::mentees::list(conn, false)?;
    let current: HashSet<Id> = mentees.iter().map(|m| m.id).collect();
    let name = |id: &Id| {
        mentees
            .iter()
            .find(|m| m.id == *id)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let open: Vec<crate::ActionItem> = super::actions::list(conn, None, true)?
        .into_iter()
        .filter(|a| current.contains(&a.mentee_id) && a.due.is_some_and(|d| d <= today))
        .collect();
    let private = super::actions::from_private_entries(conn, &open)?;
    for a in open {
        let Some(due) = a.due else { continue };
        out.push(Reminder {
            kind: "action".into(),
            mentee_name: name(&a.mentee_id),
            mentee_id: a.mentee_id,
            text: a.text.clone(),
            date: due,
            overdue: due < today,
            private: private.contains(&a.id),
            source_id: a.id,
        });
    }
    for m in &mentees {
        for g in super::goals::list(conn, &m.id)? {
            let Some(t) = g.target else { continue };
            if matches!(g.status, GoalStatus::Active | GoalStatus::Proposed)
                && t <= today + Duration::days(REMIND_GOAL_DAYS)
            {
                out.push(Reminder {
                    kind: "goal".into(),
                    mentee_id: m.id,
                    mentee_name: m.name.clone(),
                    text: g.title,
                    date: t,
                    overdue: t < today,
                    private: false,
                    source_id: g.id,
                });
            }
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.mentee_name.cmp(&b.mentee_name)));
    Ok(out)
}

impl Journal {
    /// The next 1:1 with `mentee` on `today` (the lead's day), and what to bring to it.
    pub fn agenda(&self, mentee: &Id, today: NaiveDate) -> Result<Agenda> {
        self.read(|conn| agenda(conn, mentee, today))
    }

    /// What is due on `today` across current mentees: 1:1s by cadence, action items due
    /// or overdue, goal targets within a week. Soonest first.
    pub fn reminders(&self, today: NaiveDate) -> Result<Vec<Reminder>> {
        self.read(|conn| reminders(conn, today))
    }

    /// Sets a mentee's cadence; `None` goes back to the journal's default.
    pub fn set_cadence(&mut self, mentee: &Id, cadence: Option<Cadence>) -> Result<()> {
        self.write(|tx| {
            super::mentees::get(tx, mentee)?;
            match cadence {
                Some(cadence) => save_cadence(
                    tx,
                    &MenteeCadence {
                        mentee_id: *mentee,
                        cadence,
                    },
                )?,
                None => {
                    tx.prepare_cached("DELETE FROM mentee_cadence WHERE mentee_id = ?1")?
                        .execute([mentee.to_string()])?;
                }
            }
            Ok(())
        })
    }

    /// The outcomes recorded for a mentee's track conversations, by entry.
    pub fn experiment_outcomes(
        &self,
        mentee: &Id,
    ) -> Result<std::collections::HashMap<Id, Vec<ExperimentOutcome>>> {
        self.read(|conn| outcomes_by_entry(conn, mentee))
    }

    /// Settings this version cannot read, as (what, value): they are ignored (defaults
    /// apply) and `check` names them.
    pub fn unreadable_settings(&self) -> Result<Vec<(String, String)>> {
        self.read(unreadable_settings)
    }

    /// The cadence of mentees who have none of their own.
    pub fn default_cadence(&self) -> Result<Cadence> {
        self.read(default_cadence)
    }

    pub fn set_default_cadence(&mut self, cadence: Cadence) -> Result<()> {
        self.update_settings(&JournalSettings {
            default_cadence: Some(cadence),
            ..Default::default()
        })
        .map(|_| ())
    }

    /// The settings in effect (what was set, else the defaults).
    pub fn settings(&self) -> Result<Settings> {
        Ok(self.read(stored_settings)?.effective())
    }

    /// Sets what `patch` sets; returns the settings now in effect.
    pub fn update_settings(&mut self, patch: &JournalSettings) -> Result<Settings> {
        self.write(|tx| {
            save_settings(tx, patch)?;
            Ok(stored_settings(tx)?.effective())
        })
    }

    /// Records the outcome of an experiment agreed in the track conversation `entry`
    /// (named by its text, or by its number from 1); a second outcome replaces the first.
    pub fn close_experiment(
        &mut self,
        entry: &Id,
        experiment: &str,
        outcome: &str,
        on: NaiveDate,
    ) -> Result<String> {
        let outcome = crate::required_line("outcome", outcome)?;
        self.write(|tx| {
            let e = super::entries::get(tx, entry)?;
            let EntryDetails::Track(t) = &e.details else {
                return Err(Error::invalid(
                    "experiment",
                    "only a track conversation has experiments",
                ));
            };
            if on < e.date {
                return Err(Error::invalid(
                    "date",
                    format!(
                        "{on} is before the conversation that agreed it ({})",
                        e.date
                    ),
                ));
            }
            let chosen = match experiment.trim().parse::<usize>() {
                Ok(n) if (1..=t.experiments.len()).contains(&n) => t.experiments[n - 1].clone(),
                _ => t
                    .experiments
                    .iter()
                    .find(|x| x.eq_ignore_ascii_case(experiment.trim()))
                    .cloned()
                    .ok_or_else(|| {
                        Error::invalid(
                            "experiment",
                            format!(
                                "'{}' is not one of this conversation's experiments ({})",
                                experiment.trim(),
                                t.experiments
                                    .iter()
                                    .enumerate()
                                    .map(|(i, x)| format!("{} {x}", i + 1))
                                    .collect::<Vec<_>>()
                                    .join("; ")
                            ),
                        )
                    })?,
            };
            save_outcome(
                tx,
                &ExperimentOutcome {
                    entry_id: *entry,
                    experiment: chosen.clone(),
                    outcome,
                    closed_on: on,
                },
            )?;
            Ok(chosen)
        })
    }
}
