//! The open journal, held for the app's lifetime. Switching to the demo journal (and
//! back) replaces it; every command reaches it through `AppState::with`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use trellis_core::{Journal, paths};

use crate::error::{IpcError, IpcResult};

pub struct AppState {
    inner: Arc<Mutex<Open>>,
    own_path: PathBuf,
}

struct Open {
    journal: Journal,
    info: JournalInfo,
}

/// Which journal is open, for the UI's header and first-launch screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct JournalInfo {
    pub path: String,
    /// The demo journal, not the user's own: the UI labels it clearly.
    pub demo: bool,
}

impl AppState {
    /// Opens (creating if needed) the user's journal: `explicit`, else `TRELLIS_JOURNAL`,
    /// else the platform default.
    pub fn open(explicit: Option<PathBuf>) -> trellis_core::Result<AppState> {
        let path = paths::journal_path(explicit)?;
        let journal = Journal::create(&path)?;
        Ok(AppState {
            inner: Arc::new(Mutex::new(Open {
                journal,
                info: info(&path, false),
            })),
            own_path: path,
        })
    }

    /// Runs `f` on the open journal on a blocking thread, so a slow disk or a busy
    /// journal never freezes the window.
    pub async fn with<T, F>(&self, f: F) -> IpcResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Journal) -> trellis_core::Result<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || {
            let mut open = inner
                .lock()
                .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))?;
            f(&mut open.journal).map_err(IpcError::from)
        })
        .await
        .map_err(|e| IpcError::other(format!("the operation stopped unexpectedly: {e}")))?
    }

    pub fn info(&self) -> IpcResult<JournalInfo> {
        self.inner
            .lock()
            .map(|o| o.info.clone())
            .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))
    }

    /// The demo journal lives beside the user's own, in its own file.
    pub fn demo_path(&self) -> PathBuf {
        self.own_path.with_file_name("demo.db")
    }

    pub fn own_path(&self) -> &Path {
        &self.own_path
    }

    /// Replaces the open journal.
    pub fn switch(&self, journal: Journal, path: &Path, demo: bool) -> IpcResult<JournalInfo> {
        let mut open = self
            .inner
            .lock()
            .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))?;
        open.journal = journal;
        open.info = info(path, demo);
        Ok(open.info.clone())
    }
}

fn info(path: &Path, demo: bool) -> JournalInfo {
    JournalInfo {
        path: path.display().to_string(),
        demo,
    }
}
