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
                format!("no home directory found; pass --journal PATH or set {JOURNAL_ENV}"),
            )
        })
}
