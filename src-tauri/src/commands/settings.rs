//! The Settings dialog: the journal's settings (default visibility per kind, default
//! cadence: `trellis settings`), where the journal and its backups are, and opening that
//! folder in the file manager.

use std::path::PathBuf;

use serde::Serialize;
use tauri::State;
use trellis_core::{JournalSettings, Settings};

use crate::error::{IpcError, IpcResult};
use crate::notify::Notifier;
use crate::state::AppState;

#[tauri::command]
pub async fn settings(state: State<'_, AppState>) -> IpcResult<Settings> {
    state.with(|j| j.settings()).await
}

/// Sets what `patch` sets; returns the settings in effect.
#[tauri::command]
pub async fn update_settings(
    state: State<'_, AppState>,
    patch: JournalSettings,
) -> IpcResult<Settings> {
    state.with(move |j| j.update_settings(&patch)).await
}

/// Where the open journal and its backups live.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DataLocations {
    pub journal: String,
    pub backups: String,
    pub folder: String,
}

fn journal_path(state: &AppState) -> IpcResult<PathBuf> {
    Ok(PathBuf::from(state.info()?.path))
}

#[tauri::command]
pub fn data_locations(state: State<'_, AppState>) -> IpcResult<DataLocations> {
    let journal = journal_path(&state)?;
    let folder = journal
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(DataLocations {
        backups: trellis_core::backup_dir(&journal).display().to_string(),
        folder: folder.display().to_string(),
        journal: journal.display().to_string(),
    })
}

/// Opens the journal's folder in the file manager. The folder is the open journal's, never
/// a path from the window; the platform's own opener is started without a shell.
#[tauri::command]
pub fn open_data_folder(state: State<'_, AppState>) -> IpcResult<()> {
    let journal = journal_path(&state)?;
    let folder = journal
        .parent()
        .ok_or_else(|| IpcError::other("the journal has no folder"))?;
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(folder)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| {
            IpcError::other(format!(
                "could not start the file manager ({opener}: {e}); the folder is {}",
                folder.display()
            ))
        })
}

/// The switch for OS notifications of what is due (remembered by the window; on unless
/// switched off).
#[tauri::command]
pub fn set_notifications(notifier: State<'_, Notifier>, on: bool) {
    notifier.set_enabled(on);
}
