//! Encryption and the lock in the app: unlock at launch (passphrase, or the recovery key
//! and a new passphrase), lock (Ctrl+L, the idle timer, the machine waking from sleep),
//! turn encryption on or off, change the passphrase, save the recovery key to a file the
//! user picks. Secrets arrive as strings over IPC and are wrapped at once in the core's
//! types, which wipe them when dropped.

use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use trellis_core::Journal;
use trellis_core::keys::{KdfParams, Passphrase, RecoveryKey, Unlock};
use zeroize::Zeroizing;

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, JournalInfo};

/// What turning encryption on hands the UI: the recovery key, shown once.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct EncryptedView {
    pub info: JournalInfo,
    /// `ABCD-EFGH-…`: shown once, then only the user has it.
    pub recovery_key: String,
    /// Backups and other copies encrypted with the journal.
    pub converted: u32,
    /// Copies that could not be read as journals and were left as they were (paths).
    pub left: Vec<String>,
}

pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> trellis_core::Result<T> + Send + 'static,
) -> IpcResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| IpcError::other(format!("the operation stopped unexpectedly: {e}")))?
        .map_err(IpcError::from)
}

/// Unlocks the user's journal with its passphrase and opens it.
#[tauri::command]
pub async fn unlock_journal(
    state: State<'_, AppState>,
    passphrase: String,
) -> IpcResult<JournalInfo> {
    let unlock = Unlock::Passphrase(Passphrase::to_unlock(passphrase)?);
    state.unlock_with(move |_| Ok(unlock)).await
}

/// Forgot the passphrase: the recovery key opens the journal and seals it under a new one.
#[tauri::command]
pub async fn recover_journal(
    state: State<'_, AppState>,
    recovery_key: String,
    new_passphrase: String,
) -> IpcResult<JournalInfo> {
    let recovery_key = Zeroizing::new(recovery_key);
    let unlock = Unlock::Recovery(RecoveryKey::parse(&recovery_key)?);
    let new = Passphrase::new(new_passphrase)?;
    state
        .unlock_with(move |path| {
            Journal::change_passphrase(path, &unlock, &new)?;
            Ok(Unlock::Passphrase(new))
        })
        .await
}

/// Locks now: the journal is closed and its key forgotten.
#[tauri::command]
pub fn lock_journal(state: State<'_, AppState>) -> IpcResult<JournalInfo> {
    state.lock()
}

/// Turns encryption on with a new passphrase; returns the recovery key to show once.
#[tauri::command]
pub async fn encrypt_journal(
    state: State<'_, AppState>,
    passphrase: String,
) -> IpcResult<EncryptedView> {
    let passphrase = Passphrase::new(passphrase)?;
    let (done, info) = state
        .converting(move |path| Journal::encrypt(path, &passphrase, KdfParams::DEFAULT))
        .await?;
    Ok(EncryptedView {
        info,
        recovery_key: done.recovery.display().to_string(),
        converted: u32::try_from(done.converted.copies.len()).unwrap_or(u32::MAX),
        left: done
            .converted
            .left
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
    })
}

/// Turns encryption off (the passphrase proves it is the user asking).
#[tauri::command]
pub async fn decrypt_journal(
    state: State<'_, AppState>,
    passphrase: String,
) -> IpcResult<JournalInfo> {
    let unlock = Unlock::Passphrase(Passphrase::to_unlock(passphrase)?);
    let (_, info) = state
        .converting(move |path| Journal::decrypt(path, &unlock))
        .await?;
    Ok(info)
}

/// Seals the key under a new passphrase (nothing is re-encrypted).
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new_passphrase: String,
) -> IpcResult<()> {
    let unlock = Unlock::Passphrase(Passphrase::to_unlock(current)?);
    let new = Passphrase::new(new_passphrase)?;
    let path = state.own_path().to_path_buf();
    blocking(move || Journal::change_passphrase(&path, &unlock, &new)).await
}

/// Writes the recovery key to a new file the user picks in the native save dialog (never
/// over an existing file). Returns where, or `None` when the user cancelled.
#[tauri::command]
pub async fn save_recovery_key<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    recovery_key: String,
) -> IpcResult<Option<String>> {
    let key = RecoveryKey::parse(&Zeroizing::new(recovery_key))?;
    let journal = state.own_path().to_path_buf();
    let picked = tokio::task::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Save the recovery key")
            .set_file_name("trellis-recovery-key.txt")
            .add_filter("Text", &["txt"])
            .blocking_save_file()
    })
    .await
    .map_err(|e| IpcError::other(format!("the file dialog stopped unexpectedly: {e}")))?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let text = key.file_text(&journal);
    let p = path.clone();
    blocking(move || trellis_core::files::write_private_new(&p, text.as_bytes())).await?;
    Ok(Some(path.display().to_string()))
}
