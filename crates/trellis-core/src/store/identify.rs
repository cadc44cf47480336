//! What a file is, from its bytes alone, before SQLite opens it read-write. Opening a
//! foreign database read-write is already a change: SQLite checkpoints and deletes its
//! `-wal` when the last connection closes, and rolls back a hot `-journal`. So the store
//! reads page 1 — from the `-wal` if a newer copy of it is there, else from the file —
//! and looks at the header's `application_id` and `user_version` and at whether the
//! schema holds anything, and only then decides.

use std::io::Read;
use std::path::{Path, PathBuf};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;

/// What the bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// No file at all.
    Missing,
    /// A zero-length file, or a SQLite database with no schema: it may become a journal.
    Empty,
    /// A Trellis journal of this schema version.
    Trellis { version: i64 },
    /// A SQLite database that is not a Trellis journal.
    Foreign,
    /// Not a SQLite database (a text file, an encrypted or wrecked one).
    NotSqlite,
}

fn read_up_to(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut out = vec![];
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut out)?;
    Ok(out)
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// The newest committed copy of page 1 in a `-wal`, if there is one. Frames belong to the
/// current WAL when their salts match the header's; a frame counts once a commit frame
/// (one with a database size) follows it. Checksums are not verified: this only
/// identifies the file, it never reads data from it.
fn page_one_from_wal(wal: &Path) -> Option<Vec<u8>> {
    let bytes = read_up_to(wal, 64 * 1024 * 1024).ok()?;
    let magic = be32(&bytes, 0)?;
    if magic & 0xFFFF_FFFE != 0x377F_0682 {
        return None;
    }
    let page_size = be32(&bytes, 8)? as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return None;
    }
    let (salt1, salt2) = (be32(&bytes, 16)?, be32(&bytes, 20)?);
    let mut newest = None;
    let mut pending = None;
    let mut at = WAL_HEADER;
    while at + FRAME_HEADER + page_size <= bytes.len() {
        let page = be32(&bytes, at)?;
        let commit = be32(&bytes, at + 4)?;
        if be32(&bytes, at + 8)? != salt1 || be32(&bytes, at + 12)? != salt2 {
            break;
        }
        if page == 1 {
            pending = Some(at + FRAME_HEADER);
        }
        if commit != 0 {
            newest = pending.or(newest);
        }
        at += FRAME_HEADER + page_size;
    }
    newest.map(|start| bytes[start..start + page_size].to_vec())
}

/// What page 1 of a database says: its header and whether its schema is empty.
fn kind_of_page_one(page: &[u8], trellis_id: i64) -> Kind {
    if page.len() < 108 || &page[..16] != SQLITE_HEADER {
        return Kind::NotSqlite;
    }
    let app_id = be32(page, 68).map_or(0, |v| i64::from(v as i32));
    let version = be32(page, 60).map_or(0, |v| i64::from(v as i32));
    // Page 1 is the schema table's root: a leaf with no cells means no tables at all.
    let empty_schema = page[100] == 0x0D && be16(page, 103) == Some(0);
    if app_id == trellis_id {
        Kind::Trellis { version }
    } else if app_id == 0 && version == 0 && empty_schema {
        Kind::Empty
    } else {
        Kind::Foreign
    }
}

/// Identifies `path` from its bytes (and its `-wal`'s), changing nothing.
pub(crate) fn identify(path: &Path, trellis_id: i64) -> std::io::Result<Kind> {
    let head = match read_up_to(path, 65536) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Kind::Missing),
        Err(e) => return Err(e),
    };
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if let Some(page) = page_one_from_wal(&wal) {
        return Ok(kind_of_page_one(&page, trellis_id));
    }
    if head.is_empty() {
        return Ok(Kind::Empty);
    }
    if head.len() < 100 || &head[..16] != SQLITE_HEADER {
        return Ok(Kind::NotSqlite);
    }
    // The page size is at offset 16 (1 means 65536); page 1 is that long.
    let size = match be16(&head, 16) {
        Some(1) => 65536,
        Some(n) => n as usize,
        None => return Ok(Kind::NotSqlite),
    };
    Ok(kind_of_page_one(&head[..size.min(head.len())], trellis_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    const ID: i64 = 0x5452_4C53;

    #[test]
    fn files_are_told_apart_by_their_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = |n: &str| dir.path().join(n);
        assert_eq!(identify(&p("none.db"), ID).expect("read"), Kind::Missing);
        std::fs::write(p("empty.db"), b"").expect("write");
        assert_eq!(identify(&p("empty.db"), ID).expect("read"), Kind::Empty);
        std::fs::write(p("notes.txt"), b"hello, this is not a database at all").expect("write");
        assert_eq!(
            identify(&p("notes.txt"), ID).expect("read"),
            Kind::NotSqlite
        );
        {
            let c = Connection::open(p("blank.db")).expect("open");
            c.execute_batch("PRAGMA user_version = 0; VACUUM;")
                .expect("touch");
        }
        assert_eq!(identify(&p("blank.db"), ID).expect("read"), Kind::Empty);
        {
            let c = Connection::open(p("other.db")).expect("open");
            c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
                .expect("setup");
        }
        assert_eq!(identify(&p("other.db"), ID).expect("read"), Kind::Foreign);
        {
            let c = Connection::open(p("ours.db")).expect("open");
            c.execute_batch(&format!(
                "PRAGMA application_id = {ID}; PRAGMA user_version = 3; CREATE TABLE t (x);"
            ))
            .expect("setup");
        }
        assert_eq!(
            identify(&p("ours.db"), ID).expect("read"),
            Kind::Trellis { version: 3 }
        );
    }

    #[test]
    fn a_journal_whose_header_is_still_in_its_wal_is_recognised() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("wal.db");
        let c = Connection::open(&path).expect("open");
        let _: String = c
            .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
            .expect("wal");
        c.pragma_update(None, "wal_autocheckpoint", 0)
            .expect("no checkpoint");
        c.execute_batch(&format!(
            "PRAGMA application_id = {ID}; PRAGMA user_version = 4; CREATE TABLE t (x);"
        ))
        .expect("setup");
        // Copy the files while the connection is open: the WAL holds the new page 1.
        let copy = dir.path().join("copy.db");
        std::fs::copy(&path, &copy).expect("copy");
        std::fs::copy(
            dir.path().join("wal.db-wal"),
            dir.path().join("copy.db-wal"),
        )
        .expect("copy wal");
        drop(c);
        assert_eq!(
            identify(&copy, ID).expect("read"),
            Kind::Trellis { version: 4 },
            "page 1 comes from the WAL"
        );
    }
}
