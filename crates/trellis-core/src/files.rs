//! Writing exported documents: atomically (a temp file in the target folder, then a
//! rename) and readable by the user only (0600), so a crash never leaves half a file and
//! a summary never lands world-readable. Before anything is written, the target is
//! checked: never the open journal, its `-wal`/`-shm`, its backups, or any SQLite file,
//! and never an existing file unless the user said to replace it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

#[cfg(unix)]
pub(crate) fn private_dir_all(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
pub(crate) fn private_dir_all(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Makes an existing empty file the journal: only a file of the user's own, and made
/// private first (a world-writable empty file would otherwise give a world-writable
/// journal).
pub(crate) fn adopt(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::symlink_metadata(path).map_err(|source| Error::Io {
            context: format!("cannot read {}", path.display()),
            source,
        })?;
        if meta.file_type().is_symlink() || meta.uid() != crate::paths::current_uid() {
            return Err(Error::Conflict(format!(
                "{} belongs to another user (or is a link); Trellis will not keep your journal in it",
                path.display()
            )));
        }
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(
            |source| Error::Io {
                context: format!("cannot make {} private", path.display()),
                source,
            },
        )?;
    }
    Ok(())
}

/// Creates an empty file only its owner can read (SQLite gives the `-wal` and `-shm`
/// files the same mode); fails with `AlreadyExists` if there is one.
pub(crate) fn private_new_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// Where an export goes, and what it must not clobber.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub path: &'a Path,
    /// The open journal, whose files are never written over.
    pub journal: Option<&'a Path>,
    /// The user agreed to replace an existing file (`--force`, or the save dialog asked).
    pub replace: bool,
}

/// The absolute path `p` means, with symlinks in its existing part resolved.
fn resolved(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir)
                .unwrap_or_else(|_| dir.to_path_buf())
                .join(name)
        }
        _ => p.to_path_buf(),
    }
}

/// A database, or a part of one: a SQLite file, a `-wal` (by its magic number), a
/// rollback `-journal` (by its magic number), or a `-wal`/`-shm`/`-journal` named after a
/// database beside it.
fn is_database_part(path: &Path) -> bool {
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    if read.is_ok() {
        let wal =
            u32::from_be_bytes([header[0], header[1], header[2], header[3]]) & !1 == 0x377F_0682;
        let journal = header[..8] == [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7];
        if &header == b"SQLite format 3\0" || wal || journal {
            return true;
        }
    }
    let name = path.to_string_lossy();
    ["-wal", "-shm", "-journal"].iter().any(|suffix| {
        name.strip_suffix(suffix)
            .is_some_and(|base| Path::new(base).exists())
    })
}

/// Refuses a target that would overwrite the journal, its companions, a backup, any
/// SQLite file, a folder, or — unless `replace` — any existing file.
pub fn check_target(t: &Target<'_>) -> Result<()> {
    let refuse = |why: String| Err(Error::Conflict(why));
    let target = resolved(t.path);
    if let Some(journal) = t.journal {
        let journal = resolved(journal);
        let companions = ["", "-wal", "-shm", "-journal"]
            .map(|s| PathBuf::from(format!("{}{s}", journal.display())));
        if companions.contains(&target) {
            return refuse(format!(
                "{} is the journal itself; choose another file for the export",
                t.path.display()
            ));
        }
        let backups = resolved(&crate::backup_dir(&journal));
        if target.starts_with(&backups) {
            return refuse(format!(
                "{} is in the journal's backups folder; choose another place for the export",
                t.path.display()
            ));
        }
    }
    match std::fs::symlink_metadata(t.path) {
        Ok(m) if m.is_dir() => refuse(format!("{} is a folder; name a file", t.path.display())),
        Ok(_) if is_database_part(t.path) => refuse(format!(
            "{} is a database (or part of one); Trellis never writes an export over one",
            t.path.display()
        )),
        Ok(_) if !t.replace => refuse(format!(
            "{} exists already; choose another name, or replace it on purpose",
            t.path.display()
        )),
        _ => Ok(()),
    }
}

/// Writes a new file, privately; never replaces one (two vault files that would share a
/// name are an error, not a silent overwrite).
pub fn write_private_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Conflict(format!(
                "{} exists already; nothing was overwritten",
                path.display()
            ))
        } else {
            Error::Io {
                context: format!("cannot write {}", path.display()),
                source,
            }
        }
    })?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|source| Error::Io {
            context: format!("cannot write {}", path.display()),
            source,
        })
}

/// Checks the target, then writes `bytes` there atomically and privately.
pub fn write_export(t: &Target<'_>, bytes: &[u8]) -> Result<()> {
    check_target(t)?;
    write_private_atomic(t.path, bytes)
}

pub fn write_private_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |context: &str| {
        let context = format!("{context} {}", path.display());
        move |source| Error::Io { context, source }
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".trellis-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io("cannot write"))?;
    tmp.write_all(bytes).map_err(io("cannot write"))?;
    tmp.as_file().sync_all().map_err(io("cannot write"))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .map_err(io("cannot write"))?;
    // The rename itself reaches the disk before this returns.
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io("cannot write"))?;
    Ok(())
}

/// Reads a file a person chose, refusing it (before reading it all) when it is larger
/// than `max` bytes; `what` names it in the message ("an archive", "a ladder").
pub fn read_bounded(path: &Path, max: usize, what: &str) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        context: format!("cannot read {}", path.display()),
        source,
    };
    let mut bytes = vec![];
    std::fs::File::open(path)
        .map_err(io)?
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > max {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is larger than {}, too large for {what}",
                path.display(),
                if max >= 1024 * 1024 {
                    format!("{} MiB", max / 1024 / 1024)
                } else {
                    format!("{} KiB", max / 1024)
                }
            ),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn exports_are_private_and_whole() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("summary.md");
        write_private_atomic(&path, b"first").expect("written");
        write_private_atomic(&path, b"second").expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "only the user may read an export");
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temp file is left behind");
    }

    #[test]
    fn an_export_never_lands_on_the_journal_a_backup_a_database_or_an_existing_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = dir.path().join("journal.db");
        let mut j = crate::Journal::create(&journal).expect("journal");
        j.add_mentee(crate::NewMentee {
            name: "Mei".into(),
            ..Default::default()
        })
        .expect("a write");
        let backup = j.backup(None).expect("backup");
        let other_db = dir.path().join("other.sqlite");
        std::fs::copy(&backup, &other_db).expect("copy");
        let notes = dir.path().join("notes.md");
        std::fs::write(&notes, "mine").expect("write");
        let wal = dir.path().join("journal.db-wal");
        let link = dir.path().join("innocent.md");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&journal, &link).expect("symlink");
        let before = std::fs::read(&journal).expect("read");
        for (path, replace, why) in [
            (&journal, true, "the journal itself"),
            (&wal, true, "its WAL"),
            (&backup, true, "a backup"),
            (&other_db, true, "any database"),
            (&notes, false, "an existing file without asking"),
            (&dir.path().to_path_buf(), true, "a folder"),
            #[cfg(unix)]
            (&link, true, "the journal through a symlink"),
        ] {
            let t = Target {
                path,
                journal: Some(&journal),
                replace,
            };
            let err = write_export(&t, b"# summary").expect_err(why);
            assert!(matches!(err, Error::Conflict(_)), "{why}: {err}");
        }
        assert_eq!(
            std::fs::read(&journal).expect("read"),
            before,
            "the journal is untouched"
        );
        assert_eq!(
            std::fs::read(&notes).expect("read"),
            b"mine",
            "the file is untouched"
        );
        let t = Target {
            path: &notes,
            journal: Some(&journal),
            replace: true,
        };
        write_export(&t, b"# summary").expect("asked to replace, it does");
        assert_eq!(std::fs::read(&notes).expect("read"), b"# summary");
    }

    #[test]
    fn an_unwritable_folder_is_a_clear_error() {
        let err = write_private_atomic(Path::new("/nonexistent-folder/x.md"), b"x")
            .expect_err("cannot write there");
        assert!(
            err.to_string()
                .starts_with("cannot write /nonexistent-folder/x.md"),
            "{err}"
        );
    }
}
