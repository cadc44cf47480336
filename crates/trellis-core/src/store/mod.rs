//! The journal: one SQLite file, opened durably (WAL, `synchronous=FULL`, foreign
//! keys, busy timeout), migrated to the latest schema, and written only inside
//! transactions. This module and its children are the only code that touches rusqlite.

mod actions;
mod agenda;
pub mod backup;
mod batch;
pub mod cipher;
mod entries;
pub(crate) mod framework;
mod goals;
mod identify;
pub mod identity;
mod mentees;
mod migrations;
mod overview;
pub mod resolve;
pub mod revisions;
mod search;
mod sql;
mod templates;
mod today;
pub mod trash;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::{Error, Result};

pub use batch::Batch;
pub use migrations::SCHEMA_VERSION;
pub use search::IndexCheck;

/// Marks a SQLite file as a Trellis journal ('TRLS').
pub(crate) const APPLICATION_ID: i64 = 0x5452_4C53;
/// How long a writer waits for another process (the CLI beside the app) to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open journal. Pass it explicitly to whatever needs it; there is no global one.
pub struct Journal {
    conn: Connection,
    path: Option<PathBuf>,
    /// Encrypted with a key unlocked in this process (its key file lies beside it).
    encrypted: bool,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.path).finish()
    }
}

impl Journal {
    /// Opens the journal at `path`, creating it (and its folder) if it does not exist.
    /// A new journal and folder are readable by their owner only; an existing empty file
    /// is adopted only if it belongs to the user, and is made private first.
    pub fn create(path: &Path) -> Result<Journal> {
        // A key file left without its journal: said before any file is made.
        if !path.exists() {
            cipher::key_for(path)?;
        }
        let cannot = |source| Error::CannotCreate {
            path: path.to_path_buf(),
            source,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::files::private_dir_all(parent).map_err(cannot)?;
        }
        match crate::files::private_new_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if identify::identify(path, APPLICATION_ID).map_err(cannot)?
                    == identify::Kind::Empty
                {
                    crate::files::adopt(path)?;
                }
            }
            Err(e) => return Err(cannot(e)),
        }
        // An empty file or an empty database (e.g. an `init` interrupted before its
        // first commit) becomes a journal; anything else must already be one.
        Journal::open_file(path, true)
    }

    /// Opens an existing journal. Refuses, without touching it, a file that is not a
    /// Trellis journal or was written by a newer schema.
    pub fn open(path: &Path) -> Result<Journal> {
        Journal::open_file(path, false)
    }

    fn open_file(path: &Path, adopt_empty: bool) -> Result<Journal> {
        // An encrypted journal (or an empty file to become one) cannot be identified from
        // its bytes; a file keyed by our own key file is ours, and `start` identifies it
        // from its header once it is readable.
        if let Some(key) = cipher::key_for(path)? {
            if !path.exists() {
                return Err(Error::NoJournal {
                    path: path.to_path_buf(),
                });
            }
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(path, flags)?;
            cipher::apply(&conn, &key)?;
            return Journal::start(conn, Some(path.to_path_buf()), adopt_empty, true).map_err(
                |e| match e {
                    Error::Corrupt(_) => Error::Storage(format!(
                        "{} does not open with the key in {}: the two files do not belong together, or the journal is damaged; both were left as they are",
                        path.display(),
                        crate::keys::key_file_path(path).display()
                    )),
                    other => other,
                },
            );
        }
        // From the bytes first: opening a foreign database read-write would already
        // change it (a checkpointed WAL, a rolled-back journal).
        let kind = identify::identify(path, APPLICATION_ID).map_err(|source| Error::Io {
            context: format!("cannot read {}", path.display()),
            source,
        })?;
        match kind {
            identify::Kind::Missing => {
                return Err(Error::NoJournal {
                    path: path.to_path_buf(),
                });
            }
            identify::Kind::Trellis { version } if version > SCHEMA_VERSION => {
                return Err(Error::TooNew {
                    path: path.to_path_buf(),
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            identify::Kind::Trellis { .. } => {}
            identify::Kind::Empty if adopt_empty => {}
            identify::Kind::NotSqlite => {
                return Err(Error::NoKeyFile {
                    path: path.to_path_buf(),
                });
            }
            identify::Kind::Empty | identify::Kind::Foreign => {
                return Err(Error::NotAJournal {
                    path: path.to_path_buf(),
                });
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Journal::start(conn, Some(path.to_path_buf()), adopt_empty, false)
    }

    /// When a key file lies beside this plain journal (an old plain copy put back next to
    /// an encrypted journal's key file): what to tell the user, since what they write now
    /// is not encrypted.
    pub fn stray_key_file(&self) -> Option<String> {
        let path = self.path.as_ref()?;
        let kf = crate::keys::key_file_path(path);
        (!self.encrypted && kf.exists()).then(|| {
            format!(
                "{} lies beside this journal, but the journal is not encrypted: what you write is stored as plain text. If this is an old copy of an encrypted journal, put the encrypted one back; otherwise remove the key file",
                kf.display()
            )
        })
    }

    /// When the journal file can be read by other users: what to tell the user.
    pub fn loose_permissions(&self) -> Option<String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = self.path.as_ref()?;
            let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
            (mode & 0o077 != 0).then(|| {
                format!(
                    "{} can be read by other users of this computer (mode {mode:o}); make it private (mode 600)",
                    path.display()
                )
            })
        }
        #[cfg(not(unix))]
        None
    }

    /// Opens (creating if needed) and runs `quick_check`, as the desktop app does at
    /// launch. A damaged journal is moved aside — never overwritten or repaired — and a
    /// new, empty journal takes its place with the same identity (so this journal's
    /// backups stay its own and can be restored into it); the error names the newest of
    /// its backups that passes its own check.
    pub fn create_checked(path: &Path) -> Result<Journal> {
        Journal::open_recovering(path, true)
    }

    /// As `create_checked`, without the integrity check that reads the whole file: what the
    /// desktop app opens at launch, so the first paint does not wait on the journal's size.
    /// It then runs `damage_report` in the background.
    pub fn create_recovering(path: &Path) -> Result<Journal> {
        Journal::open_recovering(path, false)
    }

    fn open_recovering(path: &Path, check: bool) -> Result<Journal> {
        // Damage is only ever declared for a file identified as a Trellis journal that
        // SQLite itself reports corrupt; any other error (a read-only folder, a foreign
        // file, a busy journal) is reported as it is, and nothing is moved.
        let damaged = match Journal::create(path) {
            Ok(j) if !check => return Ok(j),
            Ok(j) => match j.integrity_check_quick() {
                Ok(ok) if ok => return Ok(j),
                Ok(_) | Err(Error::Corrupt(_)) => true,
                Err(e) => return Err(e),
            },
            Err(Error::Corrupt(_)) => matches!(
                identify::identify(path, APPLICATION_ID),
                Ok(identify::Kind::Trellis { .. })
            ),
            Err(e) => return Err(e),
        };
        if !damaged {
            return Err(Error::Storage(format!(
                "{} could not be opened, and it is not recognisably a Trellis journal; it was left as it is",
                path.display()
            )));
        }
        debug_assert!(damaged);
        // Whose backups to offer: the damaged file's identity if it can still be read;
        // otherwise backups named after this journal that are not a demo's.
        let mine = identity::of_file(path);
        let moved_to = set_aside(path)?;
        let backup = newest_good_backup(path, mine)?;
        let mut fresh = Journal::create(path)?;
        if let Some(id) = mine
            .or(backup.as_deref().and_then(identity::of_file))
            .map(|i| i.id)
        {
            fresh.write(|tx| identity::write(tx, &identity::Identity { id, demo: false }))?;
        }
        Err(Error::Damaged {
            path: path.to_path_buf(),
            moved_to,
            backup,
        })
    }

    /// Checks the journal at `path` on a read-only connection of its own (the open journal
    /// keeps working meanwhile): `None` when `quick_check` says ok; otherwise what SQLite
    /// found and the newest of this journal's backups that passes its own check.
    pub fn damage_report(path: &Path) -> Result<Option<Damage>> {
        let (conn, _) = cipher::open(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "trusted_schema", false)?;
        let problems: Vec<String> = match conn.prepare("PRAGMA quick_check") {
            Ok(mut stmt) => stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
                .unwrap_or_else(|e| vec![e.to_string()]),
            Err(e) => vec![e.to_string()],
        };
        if problems == ["ok"] {
            return Ok(None);
        }
        Ok(Some(Damage {
            problems: problems.into_iter().take(5).collect::<Vec<_>>().join("; "),
            backup: newest_good_backup(path, identity::of_file(path))?,
        }))
    }

    /// `PRAGMA quick_check` says `ok`.
    pub fn integrity_check_quick(&self) -> Result<bool> {
        let r: String = self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        Ok(r == "ok")
    }

    /// A journal that lives in memory only: for tests.
    pub fn open_in_memory() -> Result<Journal> {
        Journal::start(Connection::open_in_memory()?, None, true, false)
    }

    /// Where the journal lives; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether this journal is encrypted.
    pub fn encrypted(&self) -> bool {
        self.encrypted
    }

    fn start(
        mut conn: Connection,
        path: Option<PathBuf>,
        fresh: bool,
        encrypted: bool,
    ) -> Result<Journal> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The schema runs no code it was not written with: no functions from triggers or
        // views of a planted schema, no writes to the schema itself.
        conn.pragma_update(None, "trusted_schema", false)?;
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
        // What is deleted is overwritten, not left on free pages for anyone to read.
        conn.pragma_update(None, "secure_delete", true)?;
        // Identify the file before changing anything in it: a foreign or newer file
        // must be left exactly as it was.
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let (app_id, version, tables) = identify(&conn)?;
        let empty = app_id == 0 && version == 0 && tables == 0;
        if !(app_id == APPLICATION_ID || (fresh && empty)) {
            return Err(Error::NotAJournal { path: shown });
        }
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path: shown,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        // Exactly the tables, indexes and triggers Trellis made, nothing planted.
        if !empty {
            migrations::check_schema(&conn, version, &shown)?;
        }
        if path.is_some() {
            let mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Storage(format!(
                    "the journal could not switch to WAL mode (got '{mode}')"
                )));
            }
        }
        // FULL: a transaction that returned has reached the disk, WAL or not.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        // A journal from an older schema is backed up, as it is, before it is migrated.
        if let Some(p) = &path
            && version > 0
            && version < SCHEMA_VERSION
        {
            let stamp = sql::now().format("%Y%m%d-%H%M%S");
            let dest =
                backup::backup_dir(p).join(format!("journal-{stamp}-pre-schema-{version}.db"));
            let sealed_by = encrypted.then_some(p.as_path());
            match backup::vacuum_into(&conn, &dest, sealed_by) {
                // Another process opened it in the same second and made the same backup.
                Ok(()) | Err(Error::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        migrations::migrate(&mut conn)?;
        let mut journal = Journal {
            conn,
            path,
            encrypted,
        };
        // Changes written by something other than Trellis (which marks them, through the
        // schema's triggers, but cannot index them) are indexed now.
        if search::behind(&journal.conn)? {
            journal.write(|_| Ok(()))?;
        }
        Ok(journal)
    }

    /// Runs `f` in one write transaction: committed if it returns `Ok`, rolled back
    /// otherwise. Immediate, so two writers queue on the busy timeout instead of
    /// failing when a read upgrades to a write.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        // The search index follows every change in the same transaction.
        search::catch_up(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in one read transaction, so a view built from several queries sees
    /// one consistent state of the journal even while another process writes.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// The schema version this journal is at.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check`: `ok` or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("\n"))
    }

    /// The version of the SQLite library compiled in.
    pub fn sqlite_version() -> &'static str {
        rusqlite::version()
    }
}

/// Damage found in a journal that is open (see `Journal::damage_report`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// What SQLite's check reported (the first few problems).
    pub problems: String,
    /// The newest of this journal's backups that passes its own check.
    pub backup: Option<PathBuf>,
}

/// The newest backup of the journal at `path` (of identity `mine`, when it can be read;
/// otherwise named after it and not a demo's) that passes its own check.
fn newest_good_backup(path: &Path, mine: Option<identity::Identity>) -> Result<Option<PathBuf>> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(backup::list_backups(&backup::backup_dir(path))?
        .into_iter()
        .filter(|b| match (mine, b.journal) {
            (Some(m), Some(theirs)) => m.id == theirs.id,
            (Some(_), None) => false,
            (None, theirs) => {
                !theirs.is_some_and(|t| t.demo)
                    && b.path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{stem}-")))
            }
        })
        .find(|b| backup::verify(&b.path).is_ok())
        .map(|b| b.path))
}

/// Renames a damaged journal (and its WAL and shared-memory files, so SQLite can still
/// read them together) to `<name>.damaged-<timestamp>`.
fn set_aside(path: &Path) -> Result<PathBuf> {
    let stamp = sql::now().format("%Y%m%d-%H%M%S").to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let moved = path.with_file_name(format!("{name}.damaged-{stamp}"));
    // The copy set aside keeps a key file of its own (the journal's stays for the new,
    // empty journal, which is encrypted with the same key).
    if crate::keys::key_file_path(path).exists() {
        cipher::copy_key_file(path, &moved)?;
    }
    std::fs::rename(path, &moved).map_err(|source| Error::Io {
        context: format!("cannot move {} aside", path.display()),
        source,
    })?;
    for suffix in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", path.display()));
        if from.exists() {
            let _ = std::fs::rename(&from, PathBuf::from(format!("{}{suffix}", moved.display())));
        }
    }
    Ok(moved)
}

/// Opens a file read-only as *immutable*: SQLite takes no locks, ignores any `-wal` and
/// creates no `-wal` or `-shm` beside it. For looking at a file that may not be ours, or
/// may be damaged, without leaving a trace.
pub(crate) fn open_immutable(path: &Path) -> Result<Connection> {
    let key = cipher::key_for(path)?;
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    let conn = Connection::open_with_flags(
        format!("{uri}?immutable=1"),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(k) = &key {
        cipher::apply(&conn, k)?;
    }
    Ok(conn)
}

fn identify(conn: &Connection) -> Result<(i64, i64, i64)> {
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok((app_id, version, tables))
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => Error::Busy,
            Some(C::DiskFull) => Error::DiskFull,
            Some(C::NotADatabase | C::DatabaseCorrupt) => Error::Corrupt(e.to_string()),
            _ => Error::Storage(e.to_string()),
        }
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => err.into(),
            other => Error::Storage(format!("schema migration failed: {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_sqlite_has_the_wal_fix() {
        // 3.51.3 fixed a WAL bug that could corrupt databases.
        let v: Vec<u32> = Journal::sqlite_version()
            .split('.')
            .map(|p| p.parse().expect("numeric version"))
            .collect();
        assert!(
            v >= vec![3, 51, 3],
            "SQLite {} is older than 3.51.3",
            Journal::sqlite_version()
        );
    }

    #[test]
    fn a_file_journal_is_durable_by_configuration() {
        let dir = tempfile::tempdir().expect("temp dir");
        let j = Journal::create(&dir.path().join("j.db")).expect("created");
        let mode: String = j
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("pragma");
        let sync: i64 = j
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .expect("pragma");
        let fk: i64 = j
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .expect("pragma");
        assert_eq!(
            mode, "wal",
            "WAL lets the CLI and the app share the journal"
        );
        assert_eq!(sync, 2, "synchronous=FULL makes a returned save durable");
        assert_eq!(fk, 1, "foreign keys keep entries tied to mentees");
        assert_eq!(j.integrity_check().expect("check"), "ok");
    }

    #[test]
    fn a_foreign_sqlite_file_is_refused_untouched() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("other.db");
        {
            let c = Connection::open(&path).expect("open");
            c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
                .expect("setup");
        }
        let before = std::fs::read(&path).expect("read");
        let err = Journal::open(&path).expect_err("this input must be refused");
        assert!(matches!(err, Error::NotAJournal { .. }), "{err}");
        let err = Journal::create(&path).expect_err("this input must be refused");
        assert!(matches!(err, Error::NotAJournal { .. }), "{err}");
        assert_eq!(
            before,
            std::fs::read(&path).expect("read"),
            "file unchanged"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_new_journal_is_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("trellis");
        let path = folder.join("journal.db");
        let mut j = Journal::create(&path).expect("created");
        j.add_mentee(crate::NewMentee {
            name: "Mei".into(),
            ..Default::default()
        })
        .expect("a write creates the WAL");
        let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700, "the folder is private");
        assert_eq!(mode(&path), 0o600, "the journal is private");
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        assert_eq!(mode(&wal), 0o600, "the WAL is private too");
    }

    #[test]
    fn an_interrupted_init_can_be_finished() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("j.db");
        {
            // What an `init` killed after switching to WAL but before migrating leaves.
            let c = Connection::open(&path).expect("open");
            let _: String = c
                .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
                .expect("wal");
        }
        let j = Journal::create(&path).expect("init finishes the job");
        assert_eq!(j.schema_version().expect("version"), SCHEMA_VERSION);
    }

    #[test]
    fn a_missing_journal_is_not_created_by_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("none.db");
        assert!(matches!(
            Journal::open(&path).expect_err("this input must be refused"),
            Error::NoJournal { .. }
        ));
        assert!(!path.exists(), "open must not create a journal");
    }
}
