//! Backups in the app: list them with dates, back up now, restore one (after the UI
//! asked for confirmation); the current journal is always set aside first.

use serde::Serialize;
use tauri::State;

use crate::error::IpcResult;
use crate::state::{AppState, JournalInfo};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BackupView {
    pub path: String,
    /// When it was made, UTC, `YYYY-MM-DDTHH:MM:SS`.
    pub made: String,
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> IpcResult<Vec<BackupView>> {
    let backups = state.with(|j| j.backups()).await?;
    Ok(backups
        .into_iter()
        .map(|b| BackupView {
            path: b.path.display().to_string(),
            made: b.made.format("%Y-%m-%dT%H:%M:%S").to_string(),
        })
        .collect())
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> IpcResult<String> {
    let written = state.with(|j| j.backup(None)).await?;
    Ok(written.display().to_string())
}

/// Restores a backup into the open journal. Returns the journal info with any recovery
/// notice cleared.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: String) -> IpcResult<JournalInfo> {
    state
        .with(move |j| j.restore(std::path::Path::new(&path)))
        .await?;
    state.recovered()
}
