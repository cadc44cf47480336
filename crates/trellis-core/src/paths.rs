//! Where the journal lives by default: the platform data directory
//! (`$XDG_DATA_HOME/trellis/journal.db` on Linux). `TRELLIS_JOURNAL` overrides it.

use std::path::PathBuf;

use crate::{Error, Result};

/// The environment variable that names a journal for every Trellis process.
pub const JOURNAL_ENV: &str = "TRELLIS_JOURNAL";

/// The journal to use: an explicit path, else `TRELLIS_JOURNAL`, else the default.
pub fn journal_path(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os(JOURNAL_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    default_journal_path()
}

/// The platform default location of the journal.
pub fn default_journal_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "trellis")
        .map(|d| d.data_dir().join("journal.db"))
        .ok_or_else(|| {
            Error::invalid(
                "journal",
                format!("no home directory found, so there is no default place for the journal; name one (the {JOURNAL_ENV} environment variable works for every face)"),
            )
        })
}

/// Whether the journal's folder is on a network filesystem (NFS, SMB/CIFS, or a FUSE
/// mount such as sshfs), where SQLite's WAL mode is not safe: its shared memory does not
/// work across machines. Linux only; elsewhere `false`.
pub fn on_network_filesystem(path: &std::path::Path) -> bool {
    let dir = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(d) => d,
        None => std::path::Path::new("."),
    };
    filesystem_magic(dir).is_some_and(|magic| {
        matches!(
            magic,
            0x6969 // NFS
                | 0x517B // SMB
                | 0xFF53_4D42 // CIFS
                | 0xFE53_4D42 // SMB2
                | 0x6573_5546 // FUSE (sshfs and friends)
        )
    })
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn filesystem_magic(dir: &std::path::Path) -> Option<i64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut buf: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid NUL-terminated path and `buf` a writable statfs struct.
    let rc = unsafe { libc::statfs(c.as_ptr(), &mut buf) };
    #[allow(clippy::unnecessary_cast)]
    (rc == 0).then_some(buf.f_type as i64)
}

#[cfg(not(target_os = "linux"))]
fn filesystem_magic(_: &std::path::Path) -> Option<i64> {
    None
}

/// The user this process runs as: a journal must be theirs.
#[cfg(unix)]
#[allow(unsafe_code)]
pub(crate) fn current_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_local_temp_folder_is_not_a_network_filesystem() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(!super::on_network_filesystem(
            &dir.path().join("journal.db")
        ));
    }
}
