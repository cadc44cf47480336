//! The `trash` table. Deleting moves a snapshot (the record and what hangs off it) into
//! the trash for 30 days; restoring puts back exactly that. (An entry's earlier versions
//! are `revisions.rs`.)

use chrono::Duration;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::Journal;
use super::entries::{self, Filter};
use super::sql::{self, ts};
use crate::{ActionItem, Assessment, Entry, Error, Goal, Id, Mentee, Result, new_id};

pub const TRASH_DAYS: i64 = 30;

/// What a trash item holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Snapshot {
    Entry {
        entry: Entry,
        /// Links that the delete cut, restored with it.
        linked_actions: Vec<Id>,
        goal_evidence: Vec<Id>,
        assessment_evidence: Vec<Id>,
    },
    Mentee {
        mentee: Mentee,
        entries: Vec<Entry>,
        action_items: Vec<ActionItem>,
        goals: Vec<Goal>,
        assessments: Vec<Assessment>,
        /// Their ladder and level, when not the default with none (older trash: none).
        #[serde(default)]
        ladder: Option<crate::LadderPosition>,
    },
    Goal {
        goal: Goal,
    },
    ActionItem {
        action: ActionItem,
    },
    /// A ladder nothing used (its earlier versions are not kept).
    Framework {
        framework: crate::Framework,
    },
}

/// A trash item as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrashItem {
    pub id: Id,
    /// `mentee`, `entry`, `goal`, `action_item` or `framework`.
    pub kind: String,
    pub record_id: Id,
    pub label: String,
    pub deleted_at: chrono::DateTime<chrono::Utc>,
    /// The label is a private entry's (or a follow-up of one): screen-share mode blurs it.
    #[serde(default)]
    pub private: bool,
}

fn item_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TrashItem> {
    Ok(TrashItem {
        id: sql::parsed(r, 0)?,
        kind: r.get(1)?,
        record_id: sql::parsed(r, 2)?,
        label: r.get(3)?,
        deleted_at: sql::parsed(r, 4)?,
        private: false,
    })
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Storage(format!("cannot encode a snapshot: {e}")))
}

fn ids(conn: &Connection, sql_text: &str, id: &Id) -> Result<Vec<Id>> {
    Ok(conn
        .prepare_cached(sql_text)?
        .query_map([id.to_string()], |r| sql::parsed(r, 0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn put(
    conn: &Connection,
    kind: &str,
    record: &Id,
    mentee: Option<&Id>,
    label: &str,
    s: &Snapshot,
) -> Result<Id> {
    purge(conn)?;
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO trash (id, kind, record_id, mentee_id, label, payload, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![
        id.to_string(),
        kind,
        record.to_string(),
        mentee.map(|m| m.to_string()),
        label,
        json(s)?,
        ts(&sql::now()),
    ])?;
    Ok(id)
}

/// Puts a removed ladder in the trash.
fn put_framework(conn: &Connection, f: &crate::Framework) -> Result<Id> {
    let label = if f.ladder.name.is_empty() {
        f.ladder.key.clone()
    } else {
        f.ladder.name.clone()
    };
    put(
        conn,
        "framework",
        &f.id,
        None,
        &label,
        &Snapshot::Framework {
            framework: f.clone(),
        },
    )
}

/// Forgets trash older than 30 days.
fn purge(conn: &Connection) -> Result<()> {
    let gone = conn
        .prepare_cached("DELETE FROM trash WHERE deleted_at < ?1")?
        .execute([ts(&(sql::now() - Duration::days(TRASH_DAYS)))])?;
    if gone > 0 {
        super::search::forget_later(conn)?;
    }
    Ok(())
}

fn one_entry(conn: &Connection, id: &Id) -> Result<Entry> {
    entries::load(
        conn,
        &Filter {
            entry: Some(*id),
            ..Default::default()
        },
    )?
    .pop()
    .ok_or_else(|| Error::not_found("entry", id.to_string()))
}

impl Journal {
    /// Moves an entry to the trash (with the links that pointed at it); returns the
    /// trash item's id, which restores it.
    pub fn delete_entry(&mut self, id: &Id) -> Result<Id> {
        self.write(|tx| {
            let entry = one_entry(tx, id)?;
            let snapshot = Snapshot::Entry {
                linked_actions: ids(tx, "SELECT id FROM action_items WHERE entry_id = ?1 ORDER BY id", id)?,
                goal_evidence: ids(tx, "SELECT goal_id FROM goal_evidence WHERE entry_id = ?1 ORDER BY goal_id", id)?,
                assessment_evidence: ids(tx, "SELECT assessment_id FROM assessment_evidence WHERE entry_id = ?1 ORDER BY assessment_id", id)?,
                entry: entry.clone(),
            };
            let label = format!("{} · {}", entry.date, crate::summary::entry_title(&entry));
            let trashed = put(tx, "entry", id, Some(&entry.mentee_id), &label, &snapshot)?;
            tx.execute("DELETE FROM entries WHERE id = ?1", [id.to_string()])?;
            Ok(trashed)
        })
    }

    /// Moves a ladder nothing uses (no mentee on it, no assessment made on it, nothing in
    /// the trash citing it, not the default) to the trash; returns the trash item's id,
    /// which restores it. Anything in use is refused: retire its parts instead.
    pub fn delete_framework(&mut self, id: &Id) -> Result<Id> {
        self.write(|tx| {
            let f = super::framework::load(tx, id)?;
            let fid = id.to_string();
            let used = super::framework::in_use(tx, id)?;
            if f.is_default || used {
                return Err(Error::Conflict(format!(
                    "{} is {}; only a ladder nothing uses can be removed",
                    f.ladder.name,
                    if f.is_default {
                        "the default ladder"
                    } else {
                        "in use"
                    }
                )));
            }
            let trashed = put_framework(tx, &f)?;
            tx.execute("DELETE FROM frameworks WHERE id = ?1", [&fid])?;
            Ok(trashed)
        })
    }

    /// Moves a mentee to the trash together with everything of theirs; returns the trash
    /// item's id.
    pub fn delete_mentee(&mut self, id: &Id) -> Result<Id> {
        self.write(|tx| {
            let m = super::mentees::get(tx, id)?;
            let mut all_assessments = super::framework::all_assessments(tx)?;
            all_assessments.retain(|a| a.mentee_id == m.id);
            let snapshot = Snapshot::Mentee {
                entries: entries::load(
                    tx,
                    &Filter {
                        mentee: Some(m.id),
                        ..Default::default()
                    },
                )?,
                action_items: super::actions::list(tx, Some(&m.id), false)?,
                goals: super::goals::list(tx, &m.id)?,
                assessments: all_assessments,
                ladder: super::framework::all_positions(tx)?
                    .into_iter()
                    .find(|p| p.mentee_id == m.id),
                mentee: m.clone(),
            };
            let trashed = put(tx, "mentee", &m.id, Some(&m.id), &m.name, &snapshot)?;
            tx.execute("DELETE FROM mentees WHERE id = ?1", [m.id.to_string()])?;
            Ok(trashed)
        })
    }

    pub fn delete_goal(&mut self, id: &Id) -> Result<Id> {
        self.write(|tx| {
            let goal = super::goals::get(tx, id)?;
            let id = goal.id;
            let (mentee, label) = (goal.mentee_id, goal.title.clone());
            let trashed = put(
                tx,
                "goal",
                &id,
                Some(&mentee),
                &label,
                &Snapshot::Goal { goal },
            )?;
            tx.execute("DELETE FROM goals WHERE id = ?1", [id.to_string()])?;
            Ok(trashed)
        })
    }

    pub fn delete_action_item(&mut self, id: &Id) -> Result<Id> {
        self.write(|tx| {
            let action = super::actions::get(tx, id)?;
            let id = action.id;
            let (mentee, label) = (action.mentee_id, action.text.clone());
            let trashed = put(
                tx,
                "action_item",
                &id,
                Some(&mentee),
                &label,
                &Snapshot::ActionItem { action },
            )?;
            tx.execute("DELETE FROM action_items WHERE id = ?1", [id.to_string()])?;
            Ok(trashed)
        })
    }

    /// What is in the trash, newest first (items older than 30 days are gone).
    pub fn trash(&self) -> Result<Vec<TrashItem>> {
        self.read(|conn| {
            let cutoff = ts(&(sql::now() - Duration::days(TRASH_DAYS)));
            Ok(conn
                .prepare_cached(
                    "SELECT id, kind, record_id, label, deleted_at,
                         CASE kind
                             WHEN 'entry' THEN json_extract(payload, '$.entry.visibility') = 'private'
                             WHEN 'action_item' THEN coalesce(
                                 (SELECT visibility FROM entries
                                  WHERE id = json_extract(trash.payload, '$.action.entry_id')),
                                 (SELECT visibility FROM entry_tombstones
                                  WHERE id = json_extract(trash.payload, '$.action.entry_id'))
                             ) = 'private'
                             ELSE 0
                         END
                     FROM trash
                     WHERE deleted_at >= ?1 ORDER BY deleted_at DESC, id DESC",
                )?
                .query_map([cutoff], |r| {
                    Ok(TrashItem {
                        private: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
                        ..item_from_row(r)?
                    })
                })?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Puts a trash item back exactly as it was; returns what it was.
    pub fn restore_from_trash(&mut self, trash_id: &Id) -> Result<TrashItem> {
        self.write(|tx| {
            let (item, payload): (TrashItem, String) = sql::one(
                tx.prepare_cached(
                    "SELECT id, kind, record_id, label, deleted_at, payload FROM trash WHERE id = ?1",
                )?
                .query_row([trash_id.to_string()], |r| Ok((item_from_row(r)?, r.get(5)?))),
                "trash item",
                trash_id,
            )?;
            let snapshot: Snapshot = serde_json::from_str(&payload)
                .map_err(|e| Error::Storage(format!("a trash item could not be read: {e}")))?;
            let table = match item.kind.as_str() {
                "mentee" => "mentees",
                "entry" => "entries",
                "goal" => "goals",
                "framework" => "frameworks",
                _ => "action_items",
            };
            let back: bool = tx
                .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
                .exists([item.record_id.to_string()])?;
            if back {
                return Err(Error::Conflict(format!(
                    "“{}” is in the journal again already (imported?); there is nothing to restore",
                    item.label
                )));
            }
            match snapshot {
                Snapshot::Entry { entry, linked_actions, goal_evidence, assessment_evidence } => {
                    super::mentees::get(tx, &entry.mentee_id).map_err(|_| {
                        Error::Conflict("its mentee is gone; restore the mentee first".to_string())
                    })?;
                    entries::insert(tx, &entry)?;
                    let id = entry.id.to_string();
                    for a in linked_actions {
                        tx.execute("UPDATE action_items SET entry_id = ?2 WHERE id = ?1 AND entry_id IS NULL", (a.to_string(), &id))?;
                    }
                    for g in goal_evidence {
                        tx.execute("INSERT OR IGNORE INTO goal_evidence (goal_id, entry_id) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM goals WHERE id = ?1)", (g.to_string(), &id))?;
                    }
                    for a in assessment_evidence {
                        tx.execute("INSERT OR IGNORE INTO assessment_evidence (assessment_id, entry_id) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM assessments WHERE id = ?1)", (a.to_string(), &id))?;
                    }
                }
                Snapshot::Mentee { mentee, entries: es, action_items, goals, assessments, ladder } => {
                    super::mentees::save(tx, &mentee)?;
                    for e in &es {
                        entries::insert(tx, e)?;
                    }
                    for a in &action_items {
                        super::actions::insert(tx, a)?;
                    }
                    for g in &goals {
                        super::goals::insert(tx, g)?;
                    }
                    let legacy = super::framework::legacy_id(tx)?;
                    for a in &assessments {
                        // Trashed before schema 6: the one framework, converted to the
                        // `trellis` ladder.
                        let framework_id =
                            if a.framework_id.is_nil() { legacy } else { a.framework_id };
                        let a = Assessment { framework_id, ..a.clone() };
                        super::framework::require_assessable(tx, &a)?;
                        super::framework::insert_assessment(tx, &a)?;
                    }
                    if let Some(p) = ladder {
                        super::framework::restore_position(tx, &p)?;
                    }
                }
                Snapshot::Goal { goal } => {
                    super::mentees::get(tx, &goal.mentee_id)?;
                    let mut goal = goal;
                    let kept: Vec<Id> = goal.evidence.iter().copied().filter(|e| one_entry(tx, e).is_ok()).collect();
                    goal.evidence = kept;
                    super::goals::insert(tx, &goal)?;
                }
                Snapshot::ActionItem { action } => {
                    // Its source stays linked even if the entry is gone: the entry's
                    // tombstone keeps the follow-up as private as its source was.
                    super::mentees::get(tx, &action.mentee_id)?;
                    super::actions::insert(tx, &action)?;
                }
                Snapshot::Framework { framework } => {
                    super::framework::restore(tx, &framework)?;
                }
            }
            tx.execute("DELETE FROM trash WHERE id = ?1", [trash_id.to_string()])?;
            Ok(item)
        })
    }

    /// Empties the trash for good. Returns how many items went.
    pub fn empty_trash(&mut self) -> Result<usize> {
        self.write(|tx| {
            let gone = tx.execute("DELETE FROM trash", [])?;
            // Gone for good means gone from the search index's pages too.
            if gone > 0 {
                super::search::forget_deleted(tx)?;
            } else {
                super::search::forget_if_pending(tx)?;
            }
            Ok(gone)
        })
    }
}
