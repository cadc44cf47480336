//! The one error type of the core. Every variant a user can cause says what to do
//! next; `code()` gives adapters a stable machine-readable name.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule of the domain (bad date, out-of-range number, ...).
    #[error("invalid {field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    #[error("no {what} matches '{query}'{hint}")]
    NotFound {
        what: &'static str,
        query: String,
        hint: String,
    },

    #[error("'{query}' matches more than one {what}: {}; name one by its id", candidates.join(", "))]
    Ambiguous {
        what: &'static str,
        query: String,
        candidates: Vec<String>,
    },

    /// The file is encrypted and its key is not unlocked in this process.
    #[error("{} is encrypted; unlock it with its passphrase (or its recovery key)", path.display())]
    Locked { path: PathBuf },

    /// A passphrase or recovery key that does not open the key file.
    #[error(
        "that {what} does not unlock the journal (or its key file was altered); nothing was changed"
    )]
    WrongKey { what: &'static str },

    #[error("no journal at {}", path.display())]
    NoJournal { path: PathBuf },

    #[error("{} is not a Trellis journal; it was left untouched", path.display())]
    NotAJournal { path: PathBuf },

    /// Not SQLite, and no key file beside it: an encrypted journal without its key file,
    /// or not a journal at all.
    #[error(
        "{} is not a Trellis journal, or it is an encrypted one whose key file ({}.key) is missing; it was left untouched",
        path.display(),
        path.display()
    )]
    NoKeyFile { path: PathBuf },

    #[error(
        "{} was written by a newer Trellis (schema {found}, this build knows up to {supported}); upgrade Trellis to open it",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error(
        "{} is damaged; it was moved aside to {} (nothing was deleted) and a new, empty journal is in its place. {}",
        path.display(),
        moved_to.display(),
        match backup {
            Some(b) => format!("The newest good backup is {}; restore it to get your notes back", b.display()),
            None => "No backup of this journal was found.".to_string(),
        }
    )]
    Damaged {
        path: PathBuf,
        moved_to: PathBuf,
        backup: Option<PathBuf>,
    },

    #[error("cannot create the journal at {}: {source}", path.display())]
    CannotCreate {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A restore from a backup made of another journal (the demo's, another laptop's):
    /// refused unless the user chose to restore from another file.
    #[error(
        "{} is a backup of another journal ({holds}); restoring it would replace this journal with that one",
        path.display()
    )]
    OtherJournal { path: PathBuf, holds: String },

    /// An import would replace records the journal has in another version.
    #[error(
        "{0}. To take the archive's version, import it again choosing to replace (earlier versions of entries stay in their history)"
    )]
    ImportConflict(String),

    /// The operation would clobber something the user has, e.g. a demo into a real journal.
    #[error("{0}")]
    Conflict(String),

    #[error("the journal is busy (another Trellis process holds it); nothing was saved, try again")]
    Busy,

    #[error("the disk is full; nothing was saved. Free some space and try again")]
    DiskFull,

    #[error("the journal could not be read or written: {0}")]
    Storage(String),

    /// SQLite reports the file damaged (or not a database at all).
    #[error("the journal is damaged: {0}")]
    Corrupt(String),

    /// The file holds tables, views or triggers Trellis did not create.
    #[error(
        "{} holds database objects Trellis did not create ({objects}); it was not used. If you did not add them, restore a backup",
        path.display()
    )]
    Tampered { path: PathBuf, objects: String },

    /// A document (the PDF) could not be made; the journal is fine.
    #[error("the document could not be made: {0}")]
    Render(String),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// Stable names for errors, for adapters that branch on them (IPC `{ code, message }`,
/// CLI exit codes). Add a code only when a caller needs to tell it apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Invalid,
    NotFound,
    Ambiguous,
    NoJournal,
    NotAJournal,
    Locked,
    WrongKey,
    TooNew,
    Damaged,
    Conflict,
    Busy,
    Internal,
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    pub fn not_found(what: &'static str, query: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            query: query.into(),
            hint: String::new(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Ambiguous { .. } => ErrorCode::Ambiguous,
            Error::NoJournal { .. } => ErrorCode::NoJournal,
            Error::Locked { .. } => ErrorCode::Locked,
            Error::WrongKey { .. } => ErrorCode::WrongKey,
            Error::NotAJournal { .. } | Error::NoKeyFile { .. } | Error::Tampered { .. } => {
                ErrorCode::NotAJournal
            }
            Error::TooNew { .. } => ErrorCode::TooNew,
            Error::Damaged { .. } => ErrorCode::Damaged,
            Error::Conflict(_) | Error::OtherJournal { .. } | Error::ImportConflict(_) => {
                ErrorCode::Conflict
            }
            Error::Busy => ErrorCode::Busy,
            Error::CannotCreate { .. }
            | Error::DiskFull
            | Error::Storage(_)
            | Error::Corrupt(_)
            | Error::Render(_)
            | Error::Io { .. } => ErrorCode::Internal,
        }
    }
}
