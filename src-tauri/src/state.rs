//! The open journal, held for the app's lifetime. Switching to the demo journal (and
//! back) replaces it; every command reaches it through `AppState::with`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use trellis_core::{Journal, paths};

use crate::error::{IpcError, IpcResult};

/// The demo journal's file name, beside the user's journal.
const DEMO_FILE: &str = "demo.db";

pub struct AppState {
    inner: Arc<Mutex<Open>>,
    own_path: PathBuf,
    /// A file the user picked with "Restore from another file…", until they confirm.
    pending_restore: Mutex<Option<PathBuf>>,
    /// A ladder read from a file the user picked with "Import a ladder…" (and where it came
    /// from), until they confirm the import.
    pending_ladder: Mutex<Option<(trellis_core::Ladder, String)>>,
    /// An archive the user picked with "Import an archive…" (its bytes, exactly as
    /// previewed, and its name), until they confirm the import.
    pending_archive: Mutex<Option<(Vec<u8>, String)>>,
}

struct Open {
    /// `None` while the (encrypted) journal is locked: its key is not in memory.
    journal: Option<Journal>,
    info: JournalInfo,
    /// The own journal's file state at the last backup (or at launch).
    backed_up: Option<Fingerprint>,
    /// Counts journal switches and restores: a background check's verdict is about the
    /// journal that was open when it started, and is dropped if that changed.
    generation: u64,
}

/// Size and modification times of a journal and its WAL: changes when anything is written.
type Fingerprint = Vec<(u64, Option<std::time::SystemTime>)>;

fn fingerprint(path: &Path) -> Fingerprint {
    [
        path.to_path_buf(),
        PathBuf::from(format!("{}-wal", path.display())),
    ]
    .iter()
    .map(|p| match std::fs::metadata(p) {
        Ok(m) => (m.len(), m.modified().ok()),
        Err(_) => (0, None),
    })
    .collect()
}

/// Which journal is open, for the UI's header and first-launch screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct JournalInfo {
    pub path: String,
    /// The demo journal, not the user's own: the UI labels it clearly.
    pub demo: bool,
    /// The journal the app was started on (so "back to my journal" would change nothing).
    pub own: bool,
    /// Set when the journal was found damaged at launch: what happened, in words.
    pub recovery: Option<String>,
    /// The newest of this journal's backups that passed its check, offered for restore
    /// (its file name in `backups/`).
    pub recovery_backup: Option<String>,
    /// Set when the journal sits on a network filesystem, where WAL is unsafe.
    pub warning: Option<String>,
    /// The journal is encrypted (its key file lies beside it).
    pub encrypted: bool,
    /// The journal is encrypted and locked: the UI shows the unlock screen and nothing else.
    pub locked: bool,
    /// The user's own journal is encrypted (also while the demo is open): Ctrl+L, the idle
    /// timer and sleep lock it.
    pub lockable: bool,
}

impl AppState {
    /// Opens (creating if needed) the user's journal: `explicit`, else `TRELLIS_JOURNAL`,
    /// else the platform default.
    pub fn open(explicit: Option<PathBuf>) -> trellis_core::Result<AppState> {
        let path = paths::journal_path(explicit)?;
        // An encrypted journal starts locked: the unlock screen asks for its passphrase.
        let (journal, info) = if Journal::is_locked(&path)? {
            (None, locked_info(&path))
        } else {
            let (j, i) = open_own(&path)?;
            (Some(j), i)
        };
        Ok(AppState {
            inner: Arc::new(Mutex::new(Open {
                journal,
                info,
                backed_up: Some(fingerprint(&path)),
                generation: 0,
            })),
            own_path: path,
            pending_restore: Mutex::new(None),
            pending_ladder: Mutex::new(None),
            pending_archive: Mutex::new(None),
        })
    }

    fn lock_inner(&self) -> IpcResult<std::sync::MutexGuard<'_, Open>> {
        self.inner
            .lock()
            .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))
    }

    /// Locks the app: the journal is closed, its key forgotten, and the UI shows the unlock
    /// screen of the user's own journal. A plain journal cannot be locked.
    pub fn lock(&self) -> IpcResult<JournalInfo> {
        if !Journal::is_encrypted(&self.own_path).map_err(IpcError::from)? {
            return Err(IpcError::invalid(
                "lock",
                "locking needs an encrypted journal: turn encryption on in Lock & encryption first",
            ));
        }
        let mut open = self.lock_inner()?;
        open.journal = None;
        Journal::lock(&self.own_path);
        open.info = locked_info(&self.own_path);
        open.generation += 1;
        *slot(&self.pending_restore)? = None;
        *slot(&self.pending_ladder)? = None;
        *slot(&self.pending_archive)? = None;
        Ok(open.info.clone())
    }

    /// Locks if the journal is encrypted and unlocked (the machine slept, the idle timer
    /// ran out); a plain journal is left as it is.
    pub fn lock_if_encrypted(&self) {
        if Journal::is_encrypted(&self.own_path).unwrap_or(false) {
            let _ = self.lock();
        }
    }

    /// Unlocks the user's journal and opens it. `first` runs on a blocking thread and
    /// gives what unlocks it (after, for a recovery, setting the new passphrase).
    pub async fn unlock_with<F>(&self, first: F) -> IpcResult<JournalInfo>
    where
        F: FnOnce(&Path) -> trellis_core::Result<trellis_core::keys::Unlock> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let own = self.own_path.clone();
        tokio::task::spawn_blocking(move || {
            // Decrypted meanwhile (by the CLI): nothing to unlock, it just opens.
            if Journal::is_encrypted(&own)? {
                let unlock = first(&own)?;
                Journal::unlock(&own, &unlock)?;
            }
            let (journal, info) = open_own(&own)?;
            Ok::<_, trellis_core::Error>((journal, info))
        })
        .await
        .map_err(|e| IpcError::other(format!("the operation stopped unexpectedly: {e}")))?
        .map_err(IpcError::from)
        .and_then(|(journal, info)| {
            let mut open = inner
                .lock()
                .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))?;
            open.journal = Some(journal);
            open.info = info;
            open.backed_up = Some(fingerprint(&self.own_path));
            open.generation += 1;
            Ok(open.info.clone())
        })
    }

    /// Runs a conversion of the user's own journal (encrypt, decrypt) with the app's own
    /// connection closed — the conversion needs the journal to itself — and opens the
    /// journal again afterwards, whatever happened. Other commands wait meanwhile.
    pub async fn converting<T, F>(&self, f: F) -> IpcResult<(T, JournalInfo)>
    where
        T: Send + 'static,
        F: FnOnce(&Path) -> trellis_core::Result<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let own = self.own_path.clone();
        tokio::task::spawn_blocking(move || {
            let mut open = inner
                .lock()
                .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))?;
            if Path::new(&open.info.path) != own {
                return Err(IpcError::invalid(
                    "journal",
                    "this is the demo journal; go back to your own journal first",
                ));
            }
            open.journal = None;
            let result = f(&own);
            let (journal, info) = open_own(&own).map_err(IpcError::from)?;
            open.journal = Some(journal);
            open.info = info;
            open.backed_up = Some(fingerprint(&own));
            open.generation += 1;
            let out = result.map_err(IpcError::from)?;
            Ok((out, open.info.clone()))
        })
        .await
        .map_err(|e| IpcError::other(format!("the operation stopped unexpectedly: {e}")))?
    }
}

/// What the UI is told about a locked journal: where it is, and that it is locked.
fn locked_info(path: &Path) -> JournalInfo {
    JournalInfo {
        path: path.display().to_string(),
        demo: false,
        own: true,
        recovery: None,
        recovery_backup: None,
        warning: None,
        encrypted: true,
        locked: true,
        lockable: true,
    }
}

/// Opens (creating if needed) the user's own journal; a damaged one was moved aside by the
/// core, and the app starts on the fresh one with the newest good backup offered.
fn open_own(path: &Path) -> trellis_core::Result<(Journal, JournalInfo)> {
    // A journal SQLite cannot open is moved aside by the core; the app starts on a fresh
    // one and offers the newest good backup. The whole-file check runs after the first
    // paint (`check_integrity`), so launch does not grow with the journal.
    let (journal, info) = match Journal::create_recovering(path) {
        Ok(j) => {
            let i = info(&j, path, path);
            (j, i)
        }
        Err(e @ trellis_core::Error::Damaged { .. }) => {
            let backup = match &e {
                trellis_core::Error::Damaged { backup, .. } => backup.clone(),
                _ => None,
            };
            // The core put a fresh journal (with the same identity) in its place.
            let fresh = Journal::create(path)?;
            let mut i = info(&fresh, path, path);
            i.recovery = Some(e.to_string());
            i.recovery_backup =
                backup.and_then(|b| b.file_name().map(|n| n.to_string_lossy().to_string()));
            (fresh, i)
        }
        Err(e) => return Err(e),
    };
    Ok((journal, info))
}

impl AppState {
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
            let journal = open.journal.as_mut().ok_or_else(IpcError::locked)?;
            f(journal).map_err(IpcError::from)
        })
        .await
        .map_err(|e| IpcError::other(format!("the operation stopped unexpectedly: {e}")))?
    }

    /// The journal's info, and which opening of it this is (see `damaged`).
    pub fn info_and_generation(&self) -> IpcResult<(JournalInfo, u64)> {
        self.inner
            .lock()
            .map(|o| (o.info.clone(), o.generation))
            .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))
    }

    pub fn info(&self) -> IpcResult<JournalInfo> {
        self.inner
            .lock()
            .map(|o| o.info.clone())
            .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))
    }

    /// The demo journal lives beside the user's own, in its own file.
    pub fn demo_path(&self) -> PathBuf {
        self.own_path.with_file_name(DEMO_FILE)
    }

    pub fn own_path(&self) -> &Path {
        &self.own_path
    }

    /// Replaces the open journal.
    pub fn switch(&self, journal: Journal, path: &Path) -> IpcResult<JournalInfo> {
        let mut open = self
            .inner
            .lock()
            .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))?;
        if open.journal.is_none() {
            return Err(IpcError::locked());
        }
        open.info = info(&journal, path, &self.own_path);
        open.journal = Some(journal);
        open.generation += 1;
        Ok(open.info.clone())
    }

    /// After a restore: the recovery notice is cleared, and what the journal is (a demo,
    /// or not) is read again from its contents.
    pub fn reopened(&self) -> IpcResult<JournalInfo> {
        let mut open = self
            .inner
            .lock()
            .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))?;
        let path = PathBuf::from(&open.info.path);
        let journal = open.journal.as_ref().ok_or_else(IpcError::locked)?;
        let fresh = info(journal, &path, &self.own_path);
        open.info = fresh;
        open.backed_up = None;
        open.generation += 1;
        Ok(open.info.clone())
    }

    /// Damage found after launch by the background check: the UI shows it, with the
    /// newest good backup to restore.
    /// `generation` is the one `check_integrity` saw when it started: if the journal was
    /// switched or restored meanwhile, the verdict is about another file and is dropped.
    pub fn damaged(
        &self,
        damage: &trellis_core::Damage,
        generation: u64,
    ) -> IpcResult<JournalInfo> {
        let mut open = self
            .inner
            .lock()
            .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))?;
        if open.generation != generation || Path::new(&open.info.path) != self.own_path {
            return Ok(open.info.clone());
        }
        open.info.recovery = Some(format!(
            "Checking it in the background, Trellis found damage in this journal ({}). What you see may be incomplete, and what you write now may not be safe. Restore the newest good backup (the journal as it is now is kept beside it, never deleted), or export what you can first.",
            damage.problems
        ));
        open.info.recovery_backup = damage
            .backup
            .as_ref()
            .and_then(|b| b.file_name().map(|n| n.to_string_lossy().to_string()));
        Ok(open.info.clone())
    }

    pub fn set_pending_restore(&self, path: Option<PathBuf>) -> IpcResult<()> {
        *slot(&self.pending_restore)? = path;
        Ok(())
    }

    pub fn take_pending_restore(&self) -> IpcResult<Option<PathBuf>> {
        Ok(slot(&self.pending_restore)?.take())
    }

    pub fn set_pending_ladder(&self, l: Option<(trellis_core::Ladder, String)>) -> IpcResult<()> {
        *slot(&self.pending_ladder)? = l;
        Ok(())
    }

    pub fn take_pending_ladder(&self) -> IpcResult<Option<(trellis_core::Ladder, String)>> {
        Ok(slot(&self.pending_ladder)?.take())
    }

    pub fn set_pending_archive(&self, a: Option<(Vec<u8>, String)>) -> IpcResult<()> {
        *slot(&self.pending_archive)? = a;
        Ok(())
    }

    /// The picked archive, kept: a refused merge may be confirmed as a replace.
    pub fn pending_archive(&self) -> IpcResult<Option<(Vec<u8>, String)>> {
        Ok(slot(&self.pending_archive)?.clone())
    }

    /// Backs up the user's own journal if it changed since the last backup. Called every
    /// 30 minutes while the app runs and when it quits.
    pub fn backup_if_changed(&self) -> trellis_core::Result<Option<PathBuf>> {
        let Ok(mut open) = self.inner.lock() else {
            return Ok(None);
        };
        if open.info.demo || Path::new(&open.info.path) != self.own_path {
            return Ok(None);
        }
        let now = fingerprint(&self.own_path);
        if open.backed_up.as_ref() == Some(&now) {
            return Ok(None);
        }
        let Some(journal) = open.journal.as_mut() else {
            return Ok(None);
        };
        let written = journal.backup(None)?;
        open.backed_up = Some(fingerprint(&self.own_path));
        Ok(Some(written))
    }
}

/// What the UI shows about an open journal. A demo is recognised by its contents (the
/// flag the demo generator sets), wherever the file lives — and, for a demo made before
/// the flag existed, by its place beside the user's journal.
fn info(journal: &Journal, path: &Path, own: &Path) -> JournalInfo {
    JournalInfo {
        path: path.display().to_string(),
        own: path == own,
        demo: journal.identity().is_ok_and(|i| i.demo)
            || path.file_name().is_some_and(|n| n == DEMO_FILE),
        recovery: None,
        recovery_backup: None,
        warning: paths::on_network_filesystem(path)
            .then(|| {
                "This journal is on a network drive, where SQLite cannot protect it from two computers writing at once. Keep it on a local disk and back it up to the network instead.".to_string()
            })
            .or_else(|| journal.stray_key_file())
            .or_else(|| journal.loose_permissions()),
        encrypted: journal.encrypted(),
        locked: false,
        lockable: journal.encrypted() || Journal::is_encrypted(own).unwrap_or(false),
    }
}

/// A choice held until the user confirms it.
fn slot<T>(m: &Mutex<Option<T>>) -> IpcResult<std::sync::MutexGuard<'_, Option<T>>> {
    m.lock()
        .map_err(|_| IpcError::other("the journal is unavailable; restart Trellis"))
}

#[cfg(test)]
mod tests {
    use super::AppState;

    #[test]
    fn automatic_backups_happen_only_after_a_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::open(Some(dir.path().join("journal.db"))).expect("opens");
        assert_eq!(
            state.backup_if_changed().expect("checked"),
            None,
            "nothing changed since launch"
        );
        tauri::async_runtime::block_on(state.with(|j| {
            j.add_mentee(trellis_core::NewMentee {
                name: "Priya Raman".into(),
                ..Default::default()
            })
        }))
        .expect("a write");
        let made = state
            .backup_if_changed()
            .expect("backed up")
            .expect("a backup after a change");
        trellis_core::verify(&made).expect("the automatic backup passes its check");
        assert_eq!(
            state.backup_if_changed().expect("checked"),
            None,
            "no second backup without a change"
        );
    }
}
