//! Which journal is open: the user's own, or the demo (made by the core's `demo`).

use tauri::State;
use trellis_core::Journal;
use trellis_core::demo::{self, DemoOptions};

use crate::error::IpcResult;
use crate::state::{AppState, JournalInfo};

#[tauri::command]
pub fn journal_info(state: State<'_, AppState>) -> IpcResult<JournalInfo> {
    state.info()
}

/// The whole-file integrity check (`quick_check`), run after the first paint on a
/// connection of its own: the journal stays usable meanwhile. Damage found is added to
/// the journal's info, with the newest good backup to restore.
#[tauri::command]
pub async fn check_integrity(state: State<'_, AppState>) -> IpcResult<JournalInfo> {
    let path = state.own_path().to_path_buf();
    let (info, generation) = state.info_and_generation()?;
    if info.locked || std::path::Path::new(&info.path) != path {
        return Ok(info);
    }
    let damage = tokio::task::spawn_blocking(move || Journal::damage_report(&path))
        .await
        .map_err(|e| crate::IpcError::other(e.to_string()))??;
    match damage {
        Some(d) => state.damaged(&d, generation),
        None => Ok(info),
    }
}

/// Opens the demo journal, creating it on first use (the app's demo size).
#[tauri::command]
pub async fn open_demo_journal(state: State<'_, AppState>) -> IpcResult<JournalInfo> {
    if state.info()?.locked {
        return Err(crate::IpcError::locked());
    }
    let path = state.demo_path();
    let p = path.clone();
    let journal = tokio::task::spawn_blocking(move || {
        demo::open_demo_journal(
            &p,
            &DemoOptions {
                mentees: 12,
                years: 3,
                seed: 1,
                end: super::local_today(),
            },
        )
    })
    .await
    .map_err(|e| crate::IpcError::other(e.to_string()))??;
    state.switch(journal, &path)
}

/// Goes back to the user's own journal.
#[tauri::command]
pub async fn open_own_journal(state: State<'_, AppState>) -> IpcResult<JournalInfo> {
    let path = state.own_path().to_path_buf();
    // Encrypted meanwhile (by the CLI, while the demo was open): its unlock screen.
    if Journal::is_locked(&path)? {
        return state.lock();
    }
    let journal = Journal::create(&path)?;
    state.switch(journal, &path)
}
