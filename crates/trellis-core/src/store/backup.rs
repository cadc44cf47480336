//! Backups: made with `VACUUM INTO` (never a file copy of an open database), checked with
//! `quick_check` before anything older is thinned out, kept 12 daily / 10 weekly / 9
//! monthly. Restore sets the current journal aside first, then copies the backup in
//! through SQLite's online backup API, so other processes see a consistent journal.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, Journal};
use crate::{Error, Result};

/// The folder of a journal's backups: `backups/` beside it.
pub fn backup_dir(journal: &Path) -> PathBuf {
    journal
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// A backup file and when it was made (from its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub made: NaiveDateTime,
}

/// The backups in `dir`, newest first. Files that are not Trellis backups are ignored.
pub fn list_backups(dir: &Path) -> Result<Vec<Backup>> {
    let mut out = vec![];
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(source) => {
            return Err(Error::Io {
                context: format!("cannot list {}", dir.display()),
                source,
            });
        }
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(stem) = name
            .strip_prefix("journal-")
            .and_then(|n| n.strip_suffix(".db"))
        else {
            continue;
        };
        // journal-YYYYMMDD-HHMMSS.db or journal-YYYYMMDD-HHMMSS-pre-schema-N.db
        if let Ok(made) = NaiveDateTime::parse_from_str(stem.get(..15).unwrap_or(""), STAMP) {
            out.push(Backup {
                path: e.path(),
                made,
            });
        }
    }
    out.sort_by(|a, b| b.made.cmp(&a.made).then(b.path.cmp(&a.path)));
    Ok(out)
}

/// Which backups rotation removes: it keeps the newest backup of each of the last 12
/// days, 10 ISO weeks and 9 months that have one (and every pre-migration backup).
pub fn to_thin(backups: &[Backup]) -> Vec<PathBuf> {
    let mut keep = std::collections::HashSet::new();
    let mut sorted: Vec<&Backup> = backups.iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.made));
    let mut pick = |key: &dyn Fn(&Backup) -> (i32, u32), limit: usize| {
        let mut seen = vec![];
        for b in &sorted {
            let k = key(b);
            if !seen.contains(&k) {
                if seen.len() == limit {
                    break;
                }
                seen.push(k);
                keep.insert(b.path.clone());
            }
        }
    };
    pick(&|b| (b.made.year(), b.made.ordinal()), 12);
    pick(
        &|b| (b.made.iso_week().year(), b.made.iso_week().week()),
        10,
    );
    pick(&|b| (b.made.year(), b.made.month()), 9);
    backups
        .iter()
        .filter(|b| !keep.contains(&b.path))
        .filter(|b| !b.path.to_string_lossy().contains("-pre-schema-"))
        .map(|b| b.path.clone())
        .collect()
}

/// Checks that `path` is a readable Trellis journal that passes `quick_check`.
pub fn verify(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| Error::NotAJournal {
            path: path.to_path_buf(),
        })?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAJournal {
            path: path.to_path_buf(),
        });
    }
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Storage(format!(
            "{} failed its integrity check: {check}",
            path.display()
        )));
    }
    Ok(())
}

/// Writes a consistent copy of the connection's database to `dest` (which must not
/// exist): a temp file in the same folder, checked, then renamed into place. Private.
pub(super) fn vacuum_into(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::Conflict(format!(
            "{} exists already; choose another file",
            dest.display()
        )));
    }
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    super::private_dir_all(dir).map_err(|source| Error::Io {
        context: format!("cannot create {}", dir.display()),
        source,
    })?;
    let tmp = dir.join(format!(
        ".{}.partial",
        dest.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    ));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        super::private_new_file(&tmp).map_err(|source| Error::Io {
            context: format!("cannot write {}", tmp.display()),
            source,
        })?;
        std::fs::remove_file(&tmp).map_err(|source| Error::Io {
            context: format!("cannot write {}", tmp.display()),
            source,
        })?;
        conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
        set_private(&tmp);
        verify(&tmp)?;
        std::fs::rename(&tmp, dest).map_err(|source| Error::Io {
            context: format!("cannot write {}", dest.display()),
            source,
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
fn set_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn set_private(_: &Path) {}

fn stamp(now: DateTime<Utc>) -> String {
    now.naive_utc().format(STAMP).to_string()
}

impl Journal {
    /// Backs the journal up into its `backups/` folder (or to `out`), verifies the copy,
    /// and only then thins older backups (12 daily / 10 weekly / 9 monthly).
    pub fn backup(&self, out: Option<&Path>) -> Result<PathBuf> {
        let journal = self.path.clone().ok_or_else(|| {
            Error::Conflict("an in-memory journal has nothing to back up".to_string())
        })?;
        let now = super::sql::now();
        let dest = match out {
            Some(p) => p.to_path_buf(),
            None => {
                // Two backups in one second get -2, -3, … rather than failing.
                let dir = backup_dir(&journal);
                let mut dest = dir.join(format!("journal-{}.db", stamp(now)));
                let mut n = 2;
                while dest.exists() {
                    dest = dir.join(format!("journal-{}-{n}.db", stamp(now)));
                    n += 1;
                }
                dest
            }
        };
        vacuum_into(&self.conn, &dest)?;
        if out.is_none() {
            let dir = backup_dir(&journal);
            for old in to_thin(&list_backups(&dir)?) {
                let _ = std::fs::remove_file(old);
            }
        }
        Ok(dest)
    }

    /// Replaces the journal's contents with those of the backup at `from`, after
    /// verifying it and setting the current journal aside (its path is returned).
    pub fn restore(&mut self, from: &Path) -> Result<PathBuf> {
        let journal = self.path.clone().ok_or_else(|| {
            Error::Conflict("an in-memory journal cannot be restored into".to_string())
        })?;
        verify(from)?;
        {
            let c = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if v > super::SCHEMA_VERSION {
                return Err(Error::TooNew {
                    path: from.to_path_buf(),
                    found: v,
                    supported: super::SCHEMA_VERSION,
                });
            }
        }
        let aside = journal.with_file_name(format!(
            "{}.before-restore-{}",
            journal
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            stamp(super::sql::now())
        ));
        vacuum_into(&self.conn, &aside)?;
        self.conn.restore(
            rusqlite::MAIN_DB,
            from,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        super::migrations::migrate(&mut self.conn)?;
        Ok(aside)
    }

    /// The journal's backups, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        match &self.path {
            Some(p) => list_backups(&backup_dir(p)),
            None => Ok(vec![]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Backup {
        let made = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time");
        Backup {
            path: PathBuf::from(format!("journal-{}.db", made.format(STAMP))),
            made,
        }
    }

    #[test]
    fn rotation_keeps_the_newest_of_each_day_week_and_month() {
        // Every 6 hours for 400 days.
        let start =
            NaiveDateTime::parse_from_str("2025-01-01 00:00", "%Y-%m-%d %H:%M").expect("time");
        let all: Vec<Backup> = (0..400 * 4)
            .map(|i| {
                let made = start + chrono::Duration::hours(6 * i);
                Backup {
                    path: PathBuf::from(format!("journal-{}.db", made.format(STAMP))),
                    made,
                }
            })
            .collect();
        let thinned = to_thin(&all);
        let kept: Vec<&Backup> = all.iter().filter(|b| !thinned.contains(&b.path)).collect();
        assert!(
            kept.len() <= 12 + 10 + 9,
            "at most 31 kept, got {}",
            kept.len()
        );
        assert!(
            kept.len() >= 20,
            "days, weeks and months overlap but not entirely: {}",
            kept.len()
        );
        let newest = all.iter().max_by_key(|b| b.made).expect("some");
        assert!(
            kept.iter().any(|b| b.path == newest.path),
            "the newest is always kept"
        );
        let months: std::collections::HashSet<_> = kept
            .iter()
            .map(|b| (b.made.year(), b.made.month()))
            .collect();
        assert_eq!(months.len(), 9, "one per month for 9 months");
    }

    #[test]
    fn a_few_backups_are_all_kept() {
        let all = vec![
            at("2026-01-01 10:00"),
            at("2026-01-02 10:00"),
            at("2026-01-02 11:00"),
        ];
        assert_eq!(
            to_thin(&all),
            vec![all[1].path.clone()],
            "two on one day: the older goes"
        );
    }
}
