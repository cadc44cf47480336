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

    #[error("no journal at {}; create one with `trellis init`", path.display())]
    NoJournal { path: PathBuf },

    #[error("{} is not a Trellis journal; it was left untouched", path.display())]
    NotAJournal { path: PathBuf },

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
        "{} is damaged; it was moved aside to {} (nothing was deleted). {}",
        path.display(),
        moved_to.display(),
        match backup {
            Some(b) => format!("The newest good backup is {}: `trellis restore {}`", b.display(), b.display()),
            None => "No backup was found.".to_string(),
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

    /// The operation would clobber something the user has, e.g. a demo into a real journal.
    #[error("{0}")]
    Conflict(String),

    #[error("the journal is busy (another Trellis process holds it); nothing was saved, try again")]
    Busy,

    #[error("the disk is full; nothing was saved. Free some space and try again")]
    DiskFull,

    #[error("the journal could not be read or written: {0}")]
    Storage(String),

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
            Error::NotAJournal { .. } => ErrorCode::NotAJournal,
            Error::TooNew { .. } => ErrorCode::TooNew,
            Error::Damaged { .. } => ErrorCode::Damaged,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Busy => ErrorCode::Busy,
            Error::CannotCreate { .. } | Error::DiskFull | Error::Storage(_) | Error::Io { .. } => {
                ErrorCode::Internal
            }
        }
    }
}
