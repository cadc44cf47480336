//! Errors as they cross into the UI: `{ code, message, field }`. The message is the
//! core's one clear sentence; the code exists only for the cases the UI treats
//! differently; `field` names the input the core refused, so the form can put the cursor
//! there.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct IpcError {
    pub code: IpcErrorCode,
    pub message: String,
    /// For invalid input: the field the core refused (`topic`, `tag`, `minutes`, …).
    pub field: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum IpcErrorCode {
    /// Input the user can fix: the form stays open with the message beside it.
    Invalid,
    /// The thing is gone (deleted elsewhere, e.g. by the CLI): the UI refreshes.
    NotFound,
    /// Another process holds the journal: shown as it is (the message says to try again).
    Busy,
    /// What the UI showed is out of date (the journal changed): the UI refreshes it.
    Stale,
    /// The journal is locked (the machine slept, the idle timer ran out): the UI shows
    /// the unlock screen.
    Locked,
    /// A passphrase or recovery key that does not unlock the journal: said beside the field.
    WrongKey,
    /// Anything else: shown as it is.
    Other,
}

impl From<trellis_core::Error> for IpcError {
    fn from(e: trellis_core::Error) -> Self {
        use trellis_core::ErrorCode as C;
        let code = match e.code() {
            C::Invalid | C::Ambiguous | C::Conflict => IpcErrorCode::Invalid,
            C::NotFound => IpcErrorCode::NotFound,
            C::Busy => IpcErrorCode::Busy,
            // The core's `Locked` is about a file whose key is not unlocked — a backup sealed
            // with an earlier key. (The journal's own lock is `IpcError::locked`.)
            C::Locked => IpcErrorCode::Other,
            C::WrongKey => IpcErrorCode::WrongKey,
            _ => IpcErrorCode::Other,
        };
        let field = match &e {
            trellis_core::Error::Invalid { field, .. } => Some((*field).to_string()),
            trellis_core::Error::WrongKey { what: "passphrase" } => {
                Some("current passphrase".to_string())
            }
            trellis_core::Error::WrongKey { what } => Some((*what).to_string()),
            _ => None,
        };
        let message = match &e {
            trellis_core::Error::Locked { .. } => format!(
                "{e}. The app cannot ask for another file's passphrase yet: restore it with `trellis restore FILE` in a terminal, which asks for it"
            ),
            _ => e.to_string(),
        };
        IpcError {
            code,
            message,
            field,
        }
    }
}

impl IpcError {
    /// The journal is locked: nothing can be read or written until it is unlocked.
    pub fn locked() -> Self {
        IpcError {
            code: IpcErrorCode::Locked,
            message: "the journal is locked; unlock it with its passphrase".to_string(),
            field: None,
        }
    }

    /// Input the user can fix, named by `field`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        IpcError {
            code: IpcErrorCode::Invalid,
            message: message.into(),
            field: Some(field.to_string()),
        }
    }

    pub fn other(message: impl Into<String>) -> Self {
        IpcError {
            code: IpcErrorCode::Other,
            message: message.into(),
            field: None,
        }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
