//! Writing many records in one transaction: the demo generator (and, later, import)
//! hand over complete records, and all of them land or none do.

use rusqlite::Connection;

use super::Journal;
use crate::{ActionItem, Assessment, Entry, Goal, Mentee, Result};

/// Complete records, ids and timestamps included, to be written together.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub mentees: Vec<Mentee>,
    pub entries: Vec<Entry>,
    pub action_items: Vec<ActionItem>,
    pub goals: Vec<Goal>,
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
                return Err(crate::Error::Conflict(
                    "this journal already has mentees; write the demo into a new journal (--journal PATH)"
                        .to_string(),
                ));
            }
            for m in &batch.mentees {
                super::mentees::save(tx, m)?;
            }
            for e in &batch.entries {
                super::entries::insert(tx, e)?;
            }
            for a in &batch.action_items {
                super::actions::insert(tx, a)?;
            }
            for g in &batch.goals {
                super::goals::insert(tx, g)?;
            }
            for a in &batch.assessments {
                super::framework::insert_assessment(tx, a)?;
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
