//! Encryption at rest: which files are encrypted, the keys unlocked in this process, and
//! turning a journal's encryption on and off.
//!
//! A database file is encrypted when its bytes are not plain SQLite and a key file
//! (`<file>.key`, see `crate::keys`) lies beside it. Every copy of an encrypted journal —
//! backups, the pre-migration and before-restore copies, a damaged file set aside — is
//! encrypted with the same database key and gets a copy of the key file, so each one opens
//! with the journal's passphrase or recovery key, alone, anywhere.
//!
//! Unlocking puts the database key in this process's key ring (by key id); every open of
//! a file whose key file names that id is keyed from it. Locking takes it out again (the
//! key is wiped on drop). There is no other copy of the key in memory beyond what SQLCipher
//! holds for connections that are open.
//!
//! Conversions (encrypt, decrypt) write a complete new file beside the journal with
//! `sqlcipher_export`, check it (schema and `quick_check`), and only then rename it over the
//! journal. The key file goes into place before the encrypted file does, and comes away only
//! after the plaintext file is in place: whatever the moment a process dies, the journal on
//! disk is whole and opens (a key file beside a plain SQLite file is ignored).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use super::{Journal, backup};
use crate::keys::{DbKey, KdfParams, KeyFile, Passphrase, RecoveryKey, Unlock, key_file_path};
use crate::{Error, Result};

/// The keys unlocked in this process.
static RING: Mutex<Vec<DbKey>> = Mutex::new(Vec::new());

fn ring() -> std::sync::MutexGuard<'static, Vec<DbKey>> {
    // A panic while the ring was held leaves it as it was: keys in or out, never half.
    RING.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn remember(key: &DbKey) {
    let mut r = ring();
    if !r.iter().any(|k| k.id() == key.id()) {
        r.push(key.clone());
    }
}

fn forget(id: uuid::Uuid) {
    ring().retain(|k| k.id() != id);
}

fn unlocked(id: uuid::Uuid) -> Option<DbKey> {
    ring().iter().find(|k| k.id() == id).cloned()
}

/// What the first bytes of a file say about encryption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    Missing,
    Empty,
    PlainSqlite,
    Other,
}

fn head(path: &Path) -> Result<Head> {
    use std::io::Read;
    let mut buf = [0u8; 16];
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Head::Missing),
        Err(source) => {
            return Err(Error::Io {
                context: format!("cannot read {}", path.display()),
                source,
            });
        }
    };
    let n = f.read(&mut buf).map_err(|source| Error::Io {
        context: format!("cannot read {}", path.display()),
        source,
    })?;
    Ok(match n {
        0 => Head::Empty,
        _ if &buf[..n] == b"SQLite format 3\0" => Head::PlainSqlite,
        _ => Head::Other,
    })
}

/// The key file beside `path` when it applies: the file is not plain SQLite (an encrypted
/// one, or an empty or missing one to be made encrypted) and a key file lies beside it.
fn key_file_of(path: &Path) -> Result<Option<KeyFile>> {
    let kf = key_file_path(path);
    if !kf.exists() {
        return Ok(None);
    }
    if head(path)? == Head::PlainSqlite {
        // A key file left beside a plain journal by a conversion that was interrupted.
        return Ok(None);
    }
    KeyFile::read(&kf).map(Some)
}

/// The key to open `path` with: `None` for a plain file; `Locked` when the file is
/// encrypted and its key is not unlocked in this process.
pub(crate) fn key_for(path: &Path) -> Result<Option<DbKey>> {
    let Some(kf) = key_file_of(path)? else {
        return Ok(None);
    };
    if let Some(key) = unlocked(kf.key_id()) {
        return Ok(Some(key));
    }
    if matches!(head(path)?, Head::Missing | Head::Empty) {
        // No journal to unlock: a key file left behind (a journal moved or deleted).
        return Err(Error::Conflict(format!(
            "{} lies here, but {} is missing or empty; move the key file away to start a new journal, or put its encrypted journal back",
            key_file_path(path).display(),
            path.display()
        )));
    }
    Err(Error::Locked {
        path: path.to_path_buf(),
    })
}

/// Keys a connection: the first statement on it. SQLCipher's own messages on a failed
/// page are silenced (the error reaches the caller as `NotADatabase`).
pub(crate) fn apply(conn: &Connection, key: &DbKey) -> Result<()> {
    let mut sql = Zeroizing::new(String::with_capacity(90));
    sql.push_str("PRAGMA key = \"");
    sql.push_str(&key.sqlcipher_literal());
    sql.push_str("\";");
    conn.execute_batch(&sql)?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    Ok(())
}

/// Opens `path` with `flags`, keyed when it is encrypted.
pub(crate) fn open(path: &Path, flags: OpenFlags) -> Result<(Connection, bool)> {
    let key = key_for(path)?;
    let conn = Connection::open_with_flags(path, flags)?;
    if let Some(k) = &key {
        apply(&conn, k)?;
    }
    Ok((conn, key.is_some()))
}

/// Copies the key file of `from` (a database file) to sit beside `to`.
pub(crate) fn copy_key_file(from: &Path, to: &Path) -> Result<()> {
    let kf = KeyFile::read(&key_file_path(from))?;
    kf.write(&key_file_path(to))
}

/// Removes a copy of the journal and its key file (if any).
pub(crate) fn remove_copy(path: &Path) {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(key_file_path(path));
}

/// Writes the whole database of `conn` into a new file `dest`, encrypted with `key` or
/// plain; the header values SQLite's export leaves behind are copied too.
fn export(conn: &Connection, dest: &Path, key: Option<&DbKey>) -> Result<()> {
    crate::files::private_new_file(dest).map_err(|source| Error::Io {
        context: format!("cannot write {}", dest.display()),
        source,
    })?;
    let mut attach = Zeroizing::new(String::from("ATTACH DATABASE ?1 AS trellis_export KEY "));
    match key {
        Some(k) => {
            attach.push('"');
            attach.push_str(&k.sqlcipher_literal());
            attach.push('"');
        }
        None => attach.push_str("''"),
    }
    conn.execute(&attach, [dest.to_string_lossy()])?;
    let out = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('trellis_export')", [], |_| Ok(()))?;
        let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        conn.execute_batch(&format!(
            "PRAGMA trellis_export.application_id = {app_id}; PRAGMA trellis_export.user_version = {version};"
        ))?;
        Ok(())
    })();
    let detached = conn.execute_batch("DETACH DATABASE trellis_export");
    out?;
    detached?;
    Ok(())
}

/// A private copy of the (checked) database file `src`, encrypted with `key` or plain,
/// open and ready to be read: what a restore copies pages from. It lives in a temp file
/// beside `src` that is removed when the connection's file is no longer needed (the
/// connection keeps it open; on Unix the name goes at once).
pub(crate) fn matched_copy(src: &Path, key: Option<&DbKey>) -> Result<Connection> {
    let conn = open_to_export(src)?;
    let dest = beside(src, "matched");
    remove_copy(&dest);
    let out = (|| {
        export(&conn, &dest, key)?;
        let copy = Connection::open_with_flags(
            &dest,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if let Some(k) = key {
            apply(&copy, k)?;
        }
        copy.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))?;
        Ok(copy)
    })();
    #[cfg(unix)]
    let _ = std::fs::remove_file(&dest);
    out
}

/// Opens a checked copy (never the journal) to export from: read-write, because a
/// database attached to a read-only connection is read-only too.
fn open_to_export(path: &Path) -> Result<Connection> {
    let (conn, _) = open(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "trusted_schema", false)?;
    Ok(conn)
}

/// `dir/.<name>.<what>`: where a conversion writes before the rename.
fn beside(path: &Path, what: &str) -> PathBuf {
    path.with_file_name(format!(".{}.{what}", name_of(path)))
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|source| Error::Io {
        context: format!("cannot move {} to {}", from.display(), to.display()),
        source,
    })?;
    sync_dir(to);
    Ok(())
}

fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Converts a closed copy (a backup, a before-restore copy) in place: to `key`, or to
/// plain. Files that are not verified journals are left as they are and reported.
fn convert_copy(path: &Path, key: Option<(&DbKey, &KeyFile)>) -> Result<()> {
    backup::verify(path)?;
    let conn = open_to_export(path)?;
    let tmp = beside(path, "converting");
    remove_copy(&tmp);
    let result = (|| {
        if let Some((_, kf)) = key {
            kf.write(&key_file_path(&tmp))?;
        }
        export(&conn, &tmp, key.map(|(k, _)| k))?;
        backup::verify(&tmp)?;
        if key.is_some() {
            rename(&key_file_path(&tmp), &key_file_path(path))?;
        }
        rename(&tmp, path)?;
        if key.is_none() {
            let _ = std::fs::remove_file(key_file_path(path));
        }
        Ok(())
    })();
    if result.is_err() {
        remove_copy(&tmp);
    }
    result
}

/// Puts a converted file in WAL mode before it takes the journal's place, so the first
/// open afterwards changes nothing in it (a kill then could leave a hot rollback journal).
fn wal_mode(path: &Path, key: Option<&DbKey>) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(k) = key {
        apply(&conn, k)?;
    }
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Storage(format!(
            "{} could not switch to WAL mode (got '{mode}')",
            path.display()
        )));
    }
    Ok(())
}

/// Removes what interrupted conversions and restores left beside the journal and in its
/// backups folder, when older than `age`: partial new journals (`.journal.db.encrypting`,
/// `.journal.db.decrypting`), partial copies (`backups/.….converting`) and restore staging
/// folders (`.trellis-restore-…`). Run with no age at the start of a conversion (which
/// has the journal to itself), and with an hour's margin at unlock.
fn sweep_leftovers(path: &Path, age: std::time::Duration) {
    let name = name_of(path);
    let dir = folder_of(path);
    let old = |p: &Path| {
        std::fs::symlink_metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|a| a >= age)
    };
    for what in ["encrypting", "decrypting"] {
        let tmp = beside(path, what);
        for p in [tmp.clone(), key_file_path(&tmp)] {
            if p.exists() && old(&p) {
                let _ = std::fs::remove_file(&p);
            }
        }
    }
    let mut places = vec![];
    for folder in [dir.to_path_buf(), backup::backup_dir(path)] {
        if let Ok(entries) = std::fs::read_dir(&folder) {
            places.extend(entries.flatten().map(|e| e.path()));
        }
    }
    for p in places {
        let n = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let converting =
            n.starts_with('.') && (n.ends_with(".converting") || n.ends_with(".converting.key"));
        let staging = n.starts_with(".trellis-restore-") && p.is_dir();
        if !(converting || staging) || !old(&p) || n == name {
            continue;
        }
        if staging {
            let _ = std::fs::remove_dir_all(&p);
        } else {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// After an unlock: what an interrupted `encrypt` did not get to. Plain copies of this
/// journal (its backups, before-restore copies) are encrypted now, and leftovers older
/// than an hour are removed. Cheap when there is nothing to do: the copies' first bytes
/// are read before anything is opened.
fn finish_conversion(path: &Path, key: &DbKey, kf: &KeyFile) {
    sweep_leftovers(path, std::time::Duration::from_secs(3600));
    // By name first (nothing unrelated is opened), then by their first bytes.
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let regular = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
    let mut candidates = vec![];
    if let Ok(entries) = std::fs::read_dir(backup::backup_dir(path)) {
        candidates.extend(entries.flatten().map(|e| e.path()).filter(|p| {
            let n = name_of(p);
            n.starts_with(&format!("{stem}-")) && n.ends_with(".db")
        }));
    }
    candidates.extend(copies_beside(path));
    if !candidates
        .iter()
        .any(|p| regular(p) && matches!(head(p), Ok(Head::PlainSqlite)))
    {
        return;
    }
    let Ok(j) = Journal::open(path) else {
        return;
    };
    let Ok(mine) = j.identity() else {
        return;
    };
    drop(j);
    convert_all(path, mine.id, Some((key, kf)));
}

/// The folder a file lies in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// The copies set aside beside the journal, by name: `<journal>.before-restore-…` and
/// `<journal>.damaged-…` (not their key files, WALs or shared-memory files).
fn copies_beside(path: &Path) -> Vec<PathBuf> {
    let name = name_of(path);
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return vec![];
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = name_of(p);
            [".before-restore-", ".damaged-"]
                .iter()
                .any(|s| n.starts_with(&format!("{name}{s}")))
                && !n.ends_with(".key")
                && !n.ends_with("-wal")
                && !n.ends_with("-shm")
        })
        .collect()
}

/// What turning encryption on or off did to the journal's other copies.
#[derive(Debug)]
pub struct Converted {
    /// Copies converted with the journal (backups, before-restore copies).
    pub copies: Vec<PathBuf>,
    /// Copies that could not be read as journals (a damaged file set aside, a foreign
    /// file) and were left as they are: the user decides about them.
    pub left: Vec<PathBuf>,
}

/// The journal's copies: every backup in its folder, the before-restore copies and the
/// damaged files set aside beside it.
fn copies_of(path: &Path, mine: Option<crate::Id>) -> Result<Vec<PathBuf>> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    // This journal's backups only: other journals' (the demo's, another file's) in the
    // same folder are not ours to convert. One from before identities counts if it is
    // named after this journal.
    let mut out: Vec<PathBuf> = backup::list_backups(&backup::backup_dir(path))
        .unwrap_or_default()
        .into_iter()
        .filter(|b| match (mine, b.journal) {
            (Some(m), Some(theirs)) => m == theirs.id,
            (_, None) => b
                .path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{stem}-"))),
            (None, Some(_)) => true,
        })
        .map(|b| b.path)
        .collect();
    out.extend(copies_beside(path));
    out.sort();
    Ok(out)
}

/// The encrypted file's key, unsealed from its key file with `unlock`.
fn open_key(path: &Path, unlock: &Unlock) -> Result<(KeyFile, DbKey)> {
    let kf = match key_file_of(path)? {
        Some(kf) => kf,
        None => {
            return Err(Error::Conflict(format!(
                "{} is not encrypted; there is nothing to unlock",
                path.display()
            )));
        }
    };
    // The seal proves the key is the key file's; the file itself is not opened here (a
    // chosen copy is never opened in place, and a journal whose key file belongs to another
    // one is refused at its open, with its own message).
    let key = kf.open(unlock)?;
    Ok((kf, key))
}

/// Takes the journal for a conversion: nobody else may have it open (switching out of WAL
/// mode needs that), and it stays locked to this connection until it is closed.
fn take_exclusively(j: &Journal) -> Result<()> {
    let busy = || {
        Error::Conflict(
            "another Trellis process has the journal open (the app?); close it and try again; nothing was changed".to_string(),
        )
    };
    let (blocked, _, _): (i64, i64, i64) =
        j.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
    if blocked != 0 {
        return Err(busy());
    }
    j.conn.busy_timeout(std::time::Duration::from_millis(200))?;
    let mode: String = j
        .conn
        .pragma_update_and_check(None, "journal_mode", "delete", |r| r.get(0))
        .map_err(|_| busy())?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(busy());
    }
    j.conn
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .map_err(|_| busy())?;
    Ok(())
}

/// What `Journal::encrypt` hands back: the recovery key (shown once) and the copies.
#[derive(Debug)]
pub struct Encrypted {
    pub recovery: RecoveryKey,
    pub converted: Converted,
}

impl Journal {
    /// Whether the journal at `path` is encrypted.
    pub fn is_encrypted(path: &Path) -> Result<bool> {
        Ok(key_file_of(path)?.is_some() && head(path)? != Head::Missing)
    }

    /// Whether the journal at `path` is encrypted and its key is not unlocked here.
    pub fn is_locked(path: &Path) -> Result<bool> {
        Ok(matches!(key_for(path), Err(Error::Locked { .. })))
    }

    /// Unlocks the encrypted journal at `path` for this process (its copies too). A wrong
    /// passphrase or recovery key is `WrongKey`, and nothing changes.
    pub fn unlock(path: &Path, unlock: &Unlock) -> Result<()> {
        let (kf, key) = open_key(path, unlock)?;
        remember(&key);
        finish_conversion(path, &key, &kf);
        Ok(())
    }

    /// Unlocks an encrypted copy (a backup sealed with a key of its own) for this process,
    /// without opening it or touching anything beside it.
    pub fn unlock_copy(path: &Path, unlock: &Unlock) -> Result<()> {
        let (_, key) = open_key(path, unlock)?;
        remember(&key);
        Ok(())
    }

    /// Forgets the key of the journal at `path` in this process (a no-op for a plain one).
    /// Connections already open keep working until they are dropped.
    pub fn lock(path: &Path) {
        if let Ok(Some(kf)) = key_file_of(path) {
            forget(kf.key_id());
        }
    }

    /// Turns encryption on for the plain journal at `path`: a new random key sealed by
    /// `passphrase` and by a new recovery key (returned, to be shown once); the journal and
    /// its copies are converted, each through a checked new file. Nobody else may have the
    /// journal open. The key stays unlocked in this process.
    pub fn encrypt(path: &Path, passphrase: &Passphrase, kdf: KdfParams) -> Result<Encrypted> {
        if Journal::is_encrypted(path)? {
            return Err(Error::Conflict(format!(
                "{} is encrypted already; to change its passphrase use `trellis passphrase change`",
                path.display()
            )));
        }
        // A key file beside a plain journal may be the only key of an encrypted journal
        // that was moved away: never written over.
        if key_file_path(path).exists() {
            return Err(Error::Conflict(format!(
                "{} lies beside this plain journal; it may be the only key of an encrypted journal that was moved away. Move it somewhere safe (or delete it if you are sure), then encrypt again",
                key_file_path(path).display()
            )));
        }
        let j = Journal::open(path)?;
        let mine = j.identity()?.id;
        take_exclusively(&j)?;
        let key = DbKey::generate()?;
        let recovery = RecoveryKey::generate()?;
        let kf = KeyFile::new(&key, passphrase, &recovery, kdf)?;
        remember(&key);
        let tmp = beside(path, "encrypting");
        sweep_leftovers(path, std::time::Duration::ZERO);
        let result = (|| {
            kf.write(&key_file_path(&tmp))?;
            export(&j.conn, &tmp, Some(&key))?;
            backup::verify(&tmp)?;
            wal_mode(&tmp, Some(&key))?;
            // The key file first: an encrypted file never lies without one.
            rename(&key_file_path(&tmp), &key_file_path(path))?;
            rename(&tmp, path)
        })();
        if let Err(e) = result {
            remove_copy(&tmp);
            if head(path)? == Head::PlainSqlite {
                let _ = std::fs::remove_file(key_file_path(path));
            }
            forget(key.id());
            return Err(e);
        }
        // A process that opened the old file meanwhile cannot write to it: SQLite refuses
        // writes to a database whose file was moved (SQLITE_READONLY_DBMOVED).
        drop(j);
        let converted = convert_all(path, mine, Some((&key, &kf)));
        Ok(Encrypted {
            recovery,
            converted,
        })
    }

    /// Turns encryption off: the journal (unlocked with `unlock`) and its copies become
    /// plain SQLite again, each through a checked new file, and the key files go.
    pub fn decrypt(path: &Path, unlock: &Unlock) -> Result<Converted> {
        let (kf, key) = open_key(path, unlock)?;
        remember(&key);
        let j = Journal::open(path)?;
        let mine = j.identity()?.id;
        take_exclusively(&j)?;
        // The copies first, while the journal is still encrypted: if this is interrupted,
        // the next unlock encrypts the copies already made plain again, and nothing is
        // left sealed with a key that is about to be forgotten.
        let converted = convert_all(path, mine, None);
        let tmp = beside(path, "decrypting");
        sweep_leftovers(path, std::time::Duration::ZERO);
        let result = (|| {
            export(&j.conn, &tmp, None)?;
            backup::verify(&tmp)?;
            wal_mode(&tmp, None)?;
            rename(&tmp, path)?;
            // The plain journal is in place; only now does its key file go.
            std::fs::remove_file(key_file_path(path)).map_err(|source| Error::Io {
                context: format!("cannot remove {}", key_file_path(path).display()),
                source,
            })
        })();
        if let Err(e) = result {
            remove_copy(&tmp);
            return Err(e);
        }
        drop(j);
        forget(kf.key_id());
        Ok(converted)
    }

    /// Seals the journal's key under a new passphrase, after opening it with `unlock` (the
    /// old passphrase, or the recovery key when it is forgotten). Nothing is re-encrypted:
    /// the key file beside the journal and those beside its copies are rewritten.
    pub fn change_passphrase(path: &Path, unlock: &Unlock, new: &Passphrase) -> Result<()> {
        let (kf, key) = open_key(path, unlock)?;
        let changed = kf.with_passphrase(&key, new)?;
        changed.write(&key_file_path(path))?;
        for copy in copies_of(path, None)? {
            let theirs = key_file_path(&copy);
            if KeyFile::read(&theirs).is_ok_and(|k| k.key_id() == kf.key_id()) {
                changed.write(&theirs)?;
            }
        }
        remember(&key);
        Ok(())
    }
}

/// Converts the journal's copies to match it: `Some` encrypts plain ones, `None` decrypts
/// the ones sealed by the key it had (still in the ring).
fn convert_all(path: &Path, mine: crate::Id, key: Option<(&DbKey, &KeyFile)>) -> Converted {
    let mut converted = Converted {
        copies: vec![],
        left: vec![],
    };
    for copy in copies_of(path, Some(mine)).unwrap_or_default() {
        let wanted = matches!(
            (key, head(&copy)),
            (Some(_), Ok(Head::PlainSqlite)) | (None, Ok(Head::Other))
        );
        if !wanted {
            continue;
        }
        match convert_copy(&copy, key) {
            Ok(()) => converted.copies.push(copy),
            Err(_) => converted.left.push(copy),
        }
    }
    converted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_beside_a_plain_journal_is_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("j.db");
        drop(Journal::create(&path).expect("created"));
        std::fs::write(key_file_path(&path), "{}").expect("planted");
        assert!(!Journal::is_encrypted(&path).expect("checked"));
        Journal::open(&path).expect("a plain journal opens as it is");
    }
}
