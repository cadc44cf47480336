//! Backups: made with `VACUUM INTO` (never a file copy of an open database), checked with
//! `quick_check` before anything older is thinned out, kept 12 daily / 10 weekly / 9
//! monthly. Each is named after its journal (`journal-<stamp>.db` for `journal.db`,
//! `demo-<stamp>.db` for the demo) and carries the journal's identity, so a journal lists,
//! thins and restores only its own. Restore sets the current journal aside first, then
//! copies the backup in through SQLite's online backup API, so other processes see a
//! consistent journal.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::Connection;

use super::identity::{self, Identity};
use super::{APPLICATION_ID, Journal};
use crate::keys::key_file_path;
use crate::{Error, Result};

/// The folder of a journal's backups: `backups/` beside it.
pub fn backup_dir(journal: &Path) -> PathBuf {
    journal
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// A backup file, when it was made (from its name), and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub made: NaiveDateTime,
    /// The identity it carries; `None` for a backup made before journals had one
    /// (schema 2 and older), or a file that cannot be read.
    pub journal: Option<Identity>,
}

/// Whose backup a file is, seen from one journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Made from this journal (the identities match).
    ThisJournal,
    /// Made before journals carried an identity: it may or may not be this journal's.
    Unknown,
    /// Another journal's: the demo, another laptop's, another file's.
    Other,
}

/// What a backup holds, shown before it replaces anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub mentees: u64,
    pub entries: u64,
    /// The newest change recorded in it (RFC 3339 UTC), if it holds anything.
    pub last_change: Option<String>,
    pub demo: bool,
}

/// The backup's file name for a journal: `<journal stem>-<stamp>[-n].db`.
fn backup_name(journal: &Path, stamp: &str, n: u32) -> String {
    let stem = journal
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "journal".to_string());
    if n < 2 {
        format!("{stem}-{stamp}.db")
    } else {
        format!("{stem}-{stamp}-{n}.db")
    }
}

/// When the backup named `name` was made: the `YYYYMMDD-HHMMSS` after the journal's stem.
fn made_from_name(name: &str) -> Option<NaiveDateTime> {
    let stem = name.strip_suffix(".db")?;
    // The stamp is the first `-YYYYMMDD-HHMMSS` in the name (a stem may contain dashes).
    stem.char_indices()
        .filter(|(_, c)| *c == '-')
        .find_map(|(i, _)| NaiveDateTime::parse_from_str(stem.get(i + 1..i + 16)?, STAMP).ok())
}

/// The `n` of a `<stem>-<stamp>-n.db` backup (made in the same second as another); 1
/// for the first of that second.
fn same_second_number(path: &Path) -> u32 {
    path.file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.rsplit_once('-'))
        .filter(|(_, n)| n.len() < 6)
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(1)
}

/// The backups in `dir`, newest first, with the identity each carries. Files that are not
/// Trellis backups are ignored.
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
        if name.starts_with('.') {
            continue;
        }
        // <stem>-YYYYMMDD-HHMMSS.db, -2.db, or -pre-schema-N.db
        if let Some(made) = made_from_name(&name) {
            let path = e.path();
            out.push(Backup {
                journal: identity::of_file(&path),
                path,
                made,
            });
        }
    }
    // Newest first; two made in the same second are told apart by their -n.
    out.sort_by_key(|b| std::cmp::Reverse((b.made, same_second_number(&b.path))));
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

/// Counts what a backup holds, without changing it (after `verify`: a schema with
/// planted views could otherwise run code while it is counted).
pub fn contents(path: &Path) -> Result<Contents> {
    verify(path)?;
    let conn = super::open_immutable(path)?;
    let count = |table: &str| -> Result<u64> {
        Ok(
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })? as u64,
        )
    };
    let last_change: Option<String> = conn.query_row(
        "SELECT max(t) FROM (
             SELECT max(updated_at) AS t FROM mentees
             UNION ALL SELECT max(updated_at) FROM entries
             UNION ALL SELECT max(updated_at) FROM goals
             UNION ALL SELECT max(coalesce(done_at, created_at)) FROM action_items
             UNION ALL SELECT max(created_at) FROM check_ins
             UNION ALL SELECT max(created_at) FROM assessments)",
        [],
        |r| r.get(0),
    )?;
    Ok(Contents {
        mentees: count("mentees")?,
        entries: count("entries")?,
        last_change,
        demo: identity::read(&conn)?.is_some_and(|i| i.demo),
    })
}

/// Checks that `path` is a Trellis journal (or backup) this build can read, whose schema
/// is exactly the one Trellis makes, and that passes `quick_check`. The file is opened
/// immutable: nothing is checkpointed, created or changed beside it.
pub fn verify(path: &Path) -> Result<()> {
    let not_ours = || Error::NotAJournal {
        path: path.to_path_buf(),
    };
    // Locked (an encrypted copy whose key is not unlocked) is said as it is: the copy is
    // ours to open once its passphrase is given.
    let conn = super::open_immutable(path).map_err(|e| match e {
        Error::Locked { .. } => e,
        _ => not_ours(),
    })?;
    conn.pragma_update(None, "trusted_schema", false)?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| not_ours())?;
    if app_id != APPLICATION_ID {
        return Err(not_ours());
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > super::SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: super::SCHEMA_VERSION,
        });
    }
    super::migrations::check_schema(&conn, version, path)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Storage(format!(
            "{} failed its integrity check: {check}",
            path.display()
        )));
    }
    Ok(())
}

/// A private copy of a file someone chose to restore from (with its `-wal`, so data not
/// yet checkpointed counts): everything is checked and restored from the copy, and the
/// original is never opened, so nothing beside it is created, checkpointed or deleted.
pub struct Staged {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

/// Copies `from` (and its `-wal`) into a private folder beside `near` (same disk).
pub fn stage(from: &Path, near: &Path) -> Result<Staged> {
    let parent = near
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |context: String| move |source| Error::Io { context, source };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".trellis-restore-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    let dir = builder.tempdir_in(parent).map_err(io(format!(
        "cannot make a private folder in {}",
        parent.display()
    )))?;
    let path = dir.path().join("staged.db");
    let copy = |src: &Path, dst: &Path| -> Result<()> {
        let mut reader =
            std::fs::File::open(src).map_err(io(format!("cannot read {}", src.display())))?;
        crate::files::private_new_file(dst)
            .map_err(io(format!("cannot write {}", dst.display())))?;
        let mut writer = std::fs::OpenOptions::new()
            .write(true)
            .open(dst)
            .map_err(io(format!("cannot write {}", dst.display())))?;
        std::io::copy(&mut reader, &mut writer)
            .map_err(io(format!("cannot copy {}", src.display())))?;
        Ok(())
    };
    copy(from, &path)?;
    if key_file_path(from).exists() {
        copy(&key_file_path(from), &key_file_path(&path))?;
    }
    let wal = PathBuf::from(format!("{}-wal", from.display()));
    if wal.exists() {
        copy(&wal, &PathBuf::from(format!("{}-wal", path.display())))?;
        // Fold the WAL into the private copy, so the checks below see every page.
        let (c, _) = super::cipher::open(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        c.pragma_update(None, "trusted_schema", false)?;
        let _: (i64, i64, i64) = c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    }
    Ok(Staged { _dir: dir, path })
}

/// What a file someone chose holds, from a private copy of it.
pub fn contents_of_file(from: &Path, near: &Path) -> Result<(Contents, Option<Identity>)> {
    let staged = stage(from, near)?;
    let c = contents(&staged.path).map_err(|e| renamed(e, &staged.path, from))?;
    Ok((c, identity::of_file(&staged.path)))
}

/// An error about the staged copy, told about the file the user chose.
fn renamed(e: Error, staged: &Path, original: &Path) -> Error {
    let fix = |p: PathBuf| {
        if p == staged {
            original.to_path_buf()
        } else {
            p
        }
    };
    match e {
        Error::NotAJournal { path } => Error::NotAJournal { path: fix(path) },
        Error::Locked { path } => Error::Locked { path: fix(path) },
        Error::TooNew {
            path,
            found,
            supported,
        } => Error::TooNew {
            path: fix(path),
            found,
            supported,
        },
        Error::Tampered { path, objects } => Error::Tampered {
            path: fix(path),
            objects,
        },
        Error::Storage(m) => Error::Storage(m.replace(
            &staged.display().to_string(),
            &original.display().to_string(),
        )),
        other => other,
    }
}

/// Writes a consistent copy of the connection's database to `dest` (which must not
/// exist): a temp file in the same folder, checked, then renamed into place. Private.
///
/// The copy of an encrypted journal is encrypted with the same key (SQLite's `VACUUM INTO`
/// under SQLCipher keeps it) and gets a copy of `sealed_by`'s key file, which goes into
/// place before the copy does.
pub(super) fn vacuum_into(conn: &Connection, dest: &Path, sealed_by: Option<&Path>) -> Result<()> {
    if dest.exists() {
        return Err(Error::Conflict(format!(
            "{} exists already; choose another file",
            dest.display()
        )));
    }
    if sealed_by.is_some() && key_file_path(dest).exists() {
        return Err(Error::Conflict(format!(
            "{} exists already (the copy's key file would go there); choose another file",
            key_file_path(dest).display()
        )));
    }
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::files::private_dir_all(dir).map_err(|source| Error::Io {
        context: format!("cannot create {}", dir.display()),
        source,
    })?;
    let tmp = dir.join(format!(
        ".{}.partial",
        dest.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    ));
    remove_stale_partials(dir);
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        // Private from the first byte: the file is made 0600 and empty, and VACUUM INTO
        // writes into it (it accepts an empty file), instead of creating it 0644.
        crate::files::private_new_file(&tmp).map_err(|source| Error::Io {
            context: format!("cannot write {}", tmp.display()),
            source,
        })?;
        if let Some(journal) = sealed_by {
            super::cipher::copy_key_file(journal, &tmp)?;
        }
        conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
        set_private(&tmp);
        verify(&tmp)?;
        if sealed_by.is_some() {
            std::fs::rename(key_file_path(&tmp), key_file_path(dest)).map_err(|source| {
                Error::Io {
                    context: format!("cannot write {}", key_file_path(dest).display()),
                    source,
                }
            })?;
        }
        std::fs::rename(&tmp, dest).map_err(|source| Error::Io {
            context: format!("cannot write {}", dest.display()),
            source,
        })
    })();
    if result.is_err() {
        super::cipher::remove_copy(&tmp);
    }
    result
}

/// A backup killed half-way leaves a `.<backup name>.partial` file in the backups folder;
/// one older than an hour is no backup in progress (another process may be writing a
/// fresh one) and goes. Nothing else is touched: other files' names never match.
fn remove_stale_partials(dir: &Path) {
    if dir.file_name().is_none_or(|n| n != "backups") {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > hour);
        let ours = name
            .strip_prefix('.')
            .map(|n| n.strip_suffix(".key").unwrap_or(n))
            .and_then(|n| n.strip_suffix(".partial"))
            .is_some_and(|n| made_from_name(n).is_some());
        if ours && old {
            let _ = std::fs::remove_file(e.path());
        }
    }
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

/// How a restore treats a file that is not one of this journal's backups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreFrom {
    /// Only this journal's own backups (and, after the UI showed what it holds, one made
    /// before journals carried an identity); another journal's is refused.
    OwnBackup,
    /// Any Trellis journal or backup: the user chose "restore from another file".
    AnyFile,
}

impl Journal {
    /// The journal whose key file a copy of this journal carries: itself, when encrypted.
    fn sealed_by<'p>(&self, journal: &'p Path) -> Option<&'p Path> {
        self.encrypted.then_some(journal)
    }

    /// Whose backup `backup` is, seen from this journal.
    pub fn origin(&self, backup: &Backup) -> Result<Origin> {
        let mine = self.identity()?;
        Ok(match backup.journal {
            Some(theirs) if theirs.id == mine.id => Origin::ThisJournal,
            Some(_) => Origin::Other,
            None => Origin::Unknown,
        })
    }

    /// Backs the journal up into its `backups/` folder (or to `out`), verifies the copy,
    /// and only then thins this journal's older backups (12 daily / 10 weekly / 9 monthly).
    pub fn backup(&mut self, out: Option<&Path>) -> Result<PathBuf> {
        let journal = self.path.clone().ok_or_else(|| {
            Error::Conflict("an in-memory journal has nothing to back up".to_string())
        })?;
        // Words of what aged out of the trash leave the index before the copy is made.
        self.write(|tx| super::search::forget_if_pending(tx))?;
        let now = super::sql::now();
        let dest = match out {
            Some(p) => p.to_path_buf(),
            None => {
                // Two backups in one second get -2, -3, … rather than failing.
                let dir = backup_dir(&journal);
                let mut n = 1;
                let mut dest = dir.join(backup_name(&journal, &stamp(now), n));
                while dest.exists() {
                    n += 1;
                    dest = dir.join(backup_name(&journal, &stamp(now), n));
                }
                dest
            }
        };
        vacuum_into(&self.conn, &dest, self.sealed_by(&journal))?;
        if out.is_none() {
            // Only this journal's backups are thinned: another journal's (the demo's,
            // one from before identities) are not ours to remove.
            let mine = self.identity()?.id;
            let own: Vec<Backup> = list_backups(&backup_dir(&journal))?
                .into_iter()
                .filter(|b| b.journal.is_some_and(|i| i.id == mine))
                .collect();
            for old in to_thin(&own) {
                super::cipher::remove_copy(&old);
            }
        }
        Ok(dest)
    }

    /// Replaces the journal's contents with those of the backup at `from`, after
    /// verifying it and setting the current journal aside (its path is returned). Another
    /// journal's backup is refused unless `mode` is `AnyFile`. The journal keeps its own
    /// identity; a demo stays marked as a demo.
    pub fn restore(&mut self, from: &Path, mode: RestoreFrom) -> Result<PathBuf> {
        let journal = self.path.clone().ok_or_else(|| {
            Error::Conflict("an in-memory journal cannot be restored into".to_string())
        })?;
        // Everything below reads a private copy: the chosen file is never opened.
        let staged = stage(from, &journal)?;
        verify(&staged.path).map_err(|e| renamed(e, &staged.path, from))?;
        let mine = self.identity()?;
        let theirs = identity::of_file(&staged.path);
        if mode == RestoreFrom::OwnBackup && theirs.is_some_and(|t| t.id != mine.id) {
            let c = contents(&staged.path)?;
            return Err(Error::OtherJournal {
                path: from.to_path_buf(),
                holds: describe(&c),
            });
        }
        let name = journal
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let when = stamp(super::sql::now());
        let mut aside = journal.with_file_name(format!("{name}.before-restore-{when}"));
        let mut n = 2;
        while aside.exists() {
            aside = journal.with_file_name(format!("{name}.before-restore-{when}-{n}"));
            n += 1;
        }
        // SQLite's backup API copies pages as they are: the source must be encrypted
        // exactly as the journal is (same key, or plain). A private copy made to match.
        let key = if self.encrypted {
            super::cipher::key_for(&journal)?
        } else {
            None
        };
        let matched = super::cipher::matched_copy(&staged.path, key.as_ref())?;
        vacuum_into(&self.conn, &aside, self.sealed_by(&journal))?;
        {
            let backup = rusqlite::backup::Backup::new(&matched, &mut self.conn)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        super::migrations::migrate(&mut self.conn)?;
        let demo = identity::read(&self.conn)?.is_some_and(|i| i.demo);
        self.write(|tx| identity::write(tx, &Identity { id: mine.id, demo }))?;
        Ok(aside)
    }

    /// This journal's backups (and those made before journals carried an identity),
    /// newest first. Other journals' backups in the same folder are left out.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        let Some(p) = &self.path else {
            return Ok(vec![]);
        };
        let mut out = vec![];
        for b in list_backups(&backup_dir(p))? {
            if self.origin(&b)? != Origin::Other {
                out.push(b);
            }
        }
        Ok(out)
    }
}

/// "12 mentees, 3,402 entries, last changed 2026-11-20" — what a backup holds, in words.
pub fn describe(c: &Contents) -> String {
    let last = c
        .last_change
        .as_deref()
        .and_then(|t| t.get(..10))
        .map(|d| format!(", last changed {d}"))
        .unwrap_or_default();
    let demo = if c.demo { "the demo journal: " } else { "" };
    format!(
        "{demo}{} mentee{}, {} entr{}{last}",
        c.mentees,
        if c.mentees == 1 { "" } else { "s" },
        c.entries,
        if c.entries == 1 { "y" } else { "ies" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Backup {
        let made = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time");
        Backup {
            path: PathBuf::from(format!("journal-{}.db", made.format(STAMP))),
            made,
            journal: None,
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
                    journal: None,
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
    fn backup_names_follow_the_journal_and_give_back_their_time() {
        let name = backup_name(Path::new("/x/journal.db"), "20261123-101500", 1);
        assert_eq!(name, "journal-20261123-101500.db");
        assert_eq!(
            backup_name(Path::new("/x/demo.db"), "20261123-101500", 3),
            "demo-20261123-101500-3.db"
        );
        let made = made_from_name("my-team-journal-20261123-101500-pre-schema-2.db")
            .expect("a stamp after a dashed stem");
        assert_eq!(made.format(STAMP).to_string(), "20261123-101500");
        assert_eq!(made_from_name("notes.txt"), None);
        assert_eq!(made_from_name("journal-2026.db"), None);
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
