//! Records in bulk, each in one transaction: writing many complete records (the demo
//! generator), reading every record (the open archive's export, sorted by id so it is
//! reproducible), and merging an archive in by id (import). The archive's format and
//! its validation are `crate::archive`.

use rusqlite::Connection;

use super::Journal;
use super::entries::{self, Filter};
use super::sql;
use crate::archive::Archive;
use crate::{ActionItem, Assessment, Entry, Error, Goal, Mentee, Result};

/// Complete records, ids and timestamps included, to be written together.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub mentees: Vec<Mentee>,
    pub entries: Vec<Entry>,
    pub action_items: Vec<ActionItem>,
    pub goals: Vec<Goal>,
    /// Assessments name their ladder; `Id::nil()` stands for the journal's default
    /// ladder (the demo is made before the journal it goes into exists).
    pub assessments: Vec<Assessment>,
    /// Made-up people: the journal is marked as the demo in the same transaction, so the
    /// label travels with the file (and its backups) wherever it goes.
    pub demo: bool,
}

impl Batch {
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }
}

impl Journal {
    /// Writes every record of the batch in one transaction. With `only_if_empty`, the
    /// emptiness check runs inside that transaction, so nothing can slip in between.
    pub fn insert_batch(&mut self, batch: &Batch, only_if_empty: bool) -> Result<()> {
        self.write(|tx| {
            if only_if_empty && has_mentees(tx)? {
                return Err(Error::Conflict(
                    "this journal already has mentees; the demo goes into a new journal of its own"
                        .to_string(),
                ));
            }
            for m in &batch.mentees {
                super::mentees::save(tx, m)?;
            }
            for e in &batch.entries {
                entries::insert(tx, e)?;
            }
            for a in &batch.action_items {
                super::actions::insert(tx, a)?;
            }
            for g in &batch.goals {
                super::goals::insert(tx, g)?;
            }
            let default = super::framework::default_id(tx)?;
            for a in &batch.assessments {
                let framework_id = if a.framework_id.is_nil() {
                    default
                } else {
                    a.framework_id
                };
                super::framework::insert_assessment(
                    tx,
                    &Assessment {
                        framework_id,
                        ..a.clone()
                    },
                )?;
            }
            if batch.demo {
                tx.execute("UPDATE journal SET demo = 1", [])?;
            }
            Ok(())
        })
    }

    /// Whether the journal holds any mentee at all.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(!self.read(has_mentees)?)
    }
}

fn has_mentees(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM mentees LIMIT 1")?
        .exists([])?)
}

impl Journal {
    /// Every record of the journal, each list sorted by id.
    pub fn archive(&self) -> Result<Archive> {
        self.read(|conn| {
            let mut mentees = super::mentees::list(conn, true)?;
            mentees.sort_by_key(|m| m.id);
            let mut entries = entries::load(conn, &Filter::default())?;
            entries.sort_by_key(|e| e.id);
            let mut action_items = super::actions::list(conn, None, false)?;
            action_items.sort_by_key(|a| a.id);
            let mut goals = vec![];
            for m in &mentees {
                goals.extend(super::goals::list(conn, &m.id)?);
            }
            goals.sort_by_key(|g| g.id);
            Ok(Archive {
                format: crate::archive::FORMAT.to_string(),
                version: crate::archive::VERSION,
                exported_at: sql::now(),
                schema_version: super::SCHEMA_VERSION,
                frameworks: super::framework::load_all(conn)?,
                ladders: super::framework::all_positions(conn)?,
                mentees,
                entries,
                action_items,
                goals,
                assessments: super::framework::all_assessments(conn)?,
                tombstones: entries::tombstones(conn)?,
                settings: super::agenda::stored_settings(conn)?,
                cadences: super::agenda::all_cadences(conn)?,
                experiment_outcomes: super::agenda::all_outcomes(conn)?,
                templates: {
                    let mut t = super::templates::list(conn, None)?;
                    t.sort_by_key(|t| t.id);
                    t
                },
            })
        })
    }

    /// Merges a validated archive by id: new records are added, records with an id the
    /// journal has are replaced by the archive's version (an entry's current version is
    /// kept as a revision first; identical records are left alone). All or nothing.
    pub fn merge_archive(&mut self, a: &Archive) -> Result<()> {
        self.write(|tx| {
            // Into an empty journal, the archive's default ladder becomes its default.
            let was_empty = !has_mentees(tx)?;
            // Ladders merge by id, else by key (a journal's default `trellis` ladder
            // meets another journal's); the archive's version of a ladder wins, with
            // what it drops retired where this journal cites it.
            let mut ladder_ids = std::collections::HashMap::new();
            for f in &a.frameworks {
                ladder_ids.insert(f.id, super::framework::merge(tx, f)?);
            }
            let ladder_of = |id: &crate::Id| ladder_ids.get(id).copied().unwrap_or(*id);
            for m in &a.mentees {
                super::mentees::save(tx, m)?;
            }
            // The archive's mentees without a place of their own are on its default
            // ladder: where that is not this journal's default, they are placed on it.
            let theirs = a
                .frameworks
                .iter()
                .find(|f| f.is_default)
                .map(|f| ladder_of(&f.id));
            let ours = super::framework::default_id(tx)?;
            if let Some(theirs) = theirs.filter(|t| *t != ours && was_empty) {
                tx.execute(
                    "UPDATE frameworks SET is_default = 0 WHERE is_default = 1",
                    [],
                )?;
                tx.execute(
                    "UPDATE frameworks SET is_default = 1 WHERE id = ?1",
                    [theirs.to_string()],
                )?;
            } else {
                for m in &a.mentees {
                    if a.ladders.iter().any(|p| p.mentee_id == m.id) {
                        continue;
                    }
                    match theirs.filter(|t| *t != ours) {
                        Some(theirs) => super::framework::set_position(
                            tx,
                            &crate::LadderPosition {
                                mentee_id: m.id,
                                framework_id: theirs,
                                level: None,
                            },
                        )?,
                        // On the default with no level, as in the archive.
                        None => {
                            tx.execute(
                                "DELETE FROM mentee_ladders WHERE mentee_id = ?1",
                                [m.id.to_string()],
                            )?;
                        }
                    }
                }
            }
            for p in &a.ladders {
                super::framework::set_position(
                    tx,
                    &crate::LadderPosition {
                        framework_id: ladder_of(&p.framework_id),
                        ..p.clone()
                    },
                )?;
            }
            for t in &a.tombstones {
                // Only for an entry this journal does not have.
                tx.execute(
                    "INSERT OR IGNORE INTO entry_tombstones (id, visibility)
                     SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM entries WHERE id = ?1)",
                    (t.id.to_string(), t.visibility.as_str()),
                )?;
            }
            for e in &a.entries {
                let now = entries::load(
                    tx,
                    &Filter {
                        entry: Some(e.id),
                        ..Default::default()
                    },
                )?
                .pop();
                match now {
                    Some(old) if old == *e => {}
                    Some(old) => {
                        super::revisions::keep_revision(tx, &old)?;
                        if old.mentee_id != e.mentee_id {
                            tx.execute(
                                "UPDATE entries SET mentee_id = ?2 WHERE id = ?1",
                                (e.id.to_string(), e.mentee_id.to_string()),
                            )?;
                        }
                        entries::update(tx, e)?;
                    }
                    None => entries::insert(tx, e)?,
                }
            }
            for x in &a.action_items {
                tx.execute("DELETE FROM action_items WHERE id = ?1", [x.id.to_string()])?;
                super::actions::insert(tx, x)?;
            }
            for g in &a.goals {
                // Replace the goal's own rows; evidence and check-ins come with it.
                tx.execute("DELETE FROM goals WHERE id = ?1", [g.id.to_string()])?;
                super::goals::insert(tx, g)?;
            }
            for x in &a.assessments {
                tx.execute("DELETE FROM assessments WHERE id = ?1", [x.id.to_string()])?;
                super::framework::insert_assessment(
                    tx,
                    &Assessment {
                        framework_id: ladder_of(&x.framework_id),
                        ..x.clone()
                    },
                )?;
            }
            super::agenda::save_settings(tx, &a.settings)?;
            for c in &a.cadences {
                super::agenda::save_cadence(tx, c)?;
            }
            for o in &a.experiment_outcomes {
                super::agenda::save_outcome(tx, o)?;
            }
            for t in &a.templates {
                super::templates::save(tx, t)?;
            }
            Ok(())
        })
    }
}
