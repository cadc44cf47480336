//! Backups in the app: list this journal's backups, show what one holds, back up now,
//! restore one (after the UI asked for confirmation). The UI names a backup by its file
//! name only; Rust resolves it among this journal's listed backups, so the webview can
//! never point a restore at an arbitrary path. "Restore from another file" opens the
//! native file dialog from Rust and remembers the choice until it is confirmed.

use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use trellis_core::{Backup, Origin, RestoreFrom};

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, JournalInfo};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BackupView {
    /// The file name in the journal's `backups/` folder: how the UI names it.
    pub name: String,
    /// When it was made, UTC, `YYYY-MM-DDTHH:MM:SS`.
    pub made: String,
    /// Made before journals carried an identity: it may be another journal's.
    pub unknown_origin: bool,
}

/// What a backup holds, shown before it replaces the journal.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BackupContents {
    /// The file name (a listed backup) or the full path (a file picked by the user).
    pub name: String,
    #[ts(type = "number")]
    pub mentees: u64,
    #[ts(type = "number")]
    pub entries: u64,
    /// The newest change in it (RFC 3339 UTC).
    pub last_change: Option<String>,
    /// It is the demo journal (made-up people).
    pub demo: bool,
    /// Another journal's, or one of unknown origin: the UI says so plainly.
    pub other_journal: bool,
}

fn view(b: &Backup, origin: Origin) -> BackupView {
    BackupView {
        name: file_name(&b.path),
        made: b.made.format("%Y-%m-%dT%H:%M:%S").to_string(),
        unknown_origin: origin == Origin::Unknown,
    }
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// The listed backup called `name`, or an error: nothing outside the list is reachable.
fn listed(j: &trellis_core::Journal, name: &str) -> trellis_core::Result<(Backup, Origin)> {
    for b in j.backups()? {
        if file_name(&b.path) == name {
            let origin = j.origin(&b)?;
            return Ok((b, origin));
        }
    }
    Err(trellis_core::Error::not_found(
        "backup of this journal",
        name,
    ))
}

fn contents_of(
    path: &std::path::Path,
    name: String,
    other: bool,
) -> trellis_core::Result<BackupContents> {
    let c = trellis_core::contents(path)?;
    Ok(BackupContents {
        name,
        mentees: c.mentees,
        entries: c.entries,
        last_change: c.last_change,
        demo: c.demo,
        other_journal: other,
    })
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> IpcResult<Vec<BackupView>> {
    state
        .with(|j| {
            j.backups()?
                .iter()
                .map(|b| Ok(view(b, j.origin(b)?)))
                .collect()
        })
        .await
}

#[tauri::command]
pub async fn backup_contents(
    state: State<'_, AppState>,
    name: String,
) -> IpcResult<BackupContents> {
    state
        .with(move |j| {
            let (b, origin) = listed(j, &name)?;
            contents_of(&b.path, name, origin != Origin::ThisJournal)
        })
        .await
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> IpcResult<String> {
    let written = state.with(|j| j.backup(None)).await?;
    Ok(file_name(&written))
}

/// Restores one of this journal's listed backups. Returns the journal info with any
/// recovery notice cleared.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> IpcResult<JournalInfo> {
    state
        .with(move |j| {
            let (b, _) = listed(j, &name)?;
            j.restore(&b.path, RestoreFrom::OwnBackup)
        })
        .await?;
    state.reopened()
}

/// "Restore from another file…": the native open dialog, shown by Rust; the chosen file
/// is remembered (not restored) and what it holds is returned for the confirmation.
/// `None` when the user cancelled.
#[tauri::command]
pub async fn pick_restore_file<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<Option<BackupContents>> {
    let folder = trellis_core::backup_dir(state.own_path());
    let picked = tokio::task::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Restore from another file")
            .set_directory(folder)
            .add_filter("Trellis journal or backup", &["db"])
            .blocking_pick_file()
    })
    .await
    .map_err(|e| IpcError::other(format!("the file dialog stopped unexpectedly: {e}")))?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let p = path.clone();
    let contents = state
        .with(move |j| {
            // Looked at through a private copy: the chosen file is never opened.
            let near = j
                .path()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default();
            let (c, theirs) = trellis_core::contents_of_file(&p, &near)?;
            let same = theirs
                .zip(j.identity().ok())
                .is_some_and(|(a, b)| a.id == b.id);
            Ok(BackupContents {
                name: shown,
                mentees: c.mentees,
                entries: c.entries,
                last_change: c.last_change,
                demo: c.demo,
                other_journal: !same,
            })
        })
        .await?;
    state.set_pending_restore(Some(path))?;
    Ok(Some(contents))
}

/// Restores the file chosen with `pick_restore_file`, whoever's journal it was.
#[tauri::command]
pub async fn restore_picked_file(state: State<'_, AppState>) -> IpcResult<JournalInfo> {
    let path: PathBuf = state.take_pending_restore()?.ok_or_else(|| {
        IpcError::other("no file was chosen; choose one with “Restore from another file…”")
    })?;
    state
        .with(move |j| j.restore(&path, RestoreFrom::AnyFile))
        .await?;
    state.reopened()
}
