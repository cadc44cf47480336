//! The whole journal in and out of the app (the CLI's `trellis export`, `export --vault`,
//! `import`): the open archive through the native save dialog, a Markdown vault into a
//! folder, and an archive picked, previewed (what it adds, leaves alone, would replace)
//! and only then imported.

use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use trellis_core::archive::{self, ImportMode, ImportReport};

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

fn stopped(what: &str) -> impl FnOnce(tokio::task::JoinError) -> IpcError + '_ {
    move |e| IpcError::other(format!("the {what} stopped unexpectedly: {e}"))
}

/// "Export the journal…": the native save dialog, then the archive (mode 0600). The path
/// written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_archive<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<Option<String>> {
    let (json, journal) = state
        .with(|j| Ok((j.archive()?.to_json(), j.path().map(PathBuf::from))))
        .await?;
    let name = format!("trellis-{}.json", chrono::Local::now().format("%Y-%m-%d"));
    let filter = ("Trellis archive (JSON)".to_string(), "json");
    let Some(path) = super::pick_save_path(app, "Export the journal", name, filter).await? else {
        return Ok(None);
    };
    let written = path.display().to_string();
    super::write_picked(path, journal, json.into_bytes()).await?;
    Ok(Some(written))
}

/// What a vault export wrote.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct VaultWritten {
    pub folder: String,
    pub files: u32,
}

/// "Export a Markdown vault…": a folder picked in the native dialog (it must be empty or
/// new, as for `trellis export --vault`), then a folder per mentee and a file per entry.
#[tauri::command]
pub async fn export_vault<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<Option<VaultWritten>> {
    let picked = tokio::task::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Export a Markdown vault into a folder")
            .blocking_pick_folder()
    })
    .await
    .map_err(stopped("folder dialog"))?;
    let Some(dir): Option<PathBuf> = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    state
        .with(move |j| {
            let n = archive::write_vault(&j.archive()?, &dir)?;
            Ok(Some(VaultWritten {
                folder: dir.display().to_string(),
                files: u32::try_from(n).unwrap_or(u32::MAX),
            }))
        })
        .await
}

/// What a picked archive would do.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportPreview {
    pub file: String,
    pub report: ImportReport,
}

/// "Import an archive…": the native open dialog, then the archive checked whole and
/// compared with the journal; nothing is written. `None` when the user cancelled.
#[tauri::command]
pub async fn pick_archive_file<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<Option<ImportPreview>> {
    state.set_pending_archive(None)?;
    let picked = tokio::task::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Import a Trellis archive")
            .add_filter("Trellis archive (JSON)", &["json"])
            .blocking_pick_file()
    })
    .await
    .map_err(stopped("file dialog"))?;
    let Some(path): Option<PathBuf> = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let (bytes, report) = state
        .with(move |j| {
            let bytes = archive::read_file(&path)?;
            let report = j.preview_import(&bytes)?;
            Ok((bytes, report))
        })
        .await?;
    state.set_pending_archive(Some((bytes, file.clone())))?;
    Ok(Some(ImportPreview { file, report }))
}

/// Imports the archive previewed: a merge (refused, changing nothing, when it would
/// replace anything), or with `replace` the archive's versions win.
#[tauri::command]
pub async fn import_picked_archive(
    state: State<'_, AppState>,
    replace: bool,
) -> IpcResult<ImportReport> {
    let (bytes, _) = state.pending_archive()?.ok_or_else(|| {
        IpcError::other("no archive was chosen; choose one with “Import an archive…”")
    })?;
    let mode = if replace {
        ImportMode::Replace
    } else {
        ImportMode::Merge
    };
    let report = state.with(move |j| j.import_archive(&bytes, mode)).await?;
    state.set_pending_archive(None)?;
    Ok(report)
}
