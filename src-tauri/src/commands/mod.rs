//! The commands the UI calls, one module per domain. Each is a few lines: take the
//! arguments, call one core verb on the open journal, return its result or an IpcError.
//! Which commands exist is said once, in `src-tauri/commands.rs`.

pub mod actions;
pub mod agenda;
pub mod archive;
pub mod backups;
pub mod entries;
pub mod goals;
pub mod journal;
pub mod lock;
pub mod mentees;
pub mod probe;
pub mod search;
pub mod settings;
pub mod skills;
pub mod summaries;
pub mod templates;
pub mod today;
pub mod trash;

/// Today where the lead is.
pub(crate) fn local_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The native save dialog (on a blocking thread: it waits for the user): the path picked,
/// or `None` when the user cancelled.
pub(crate) async fn pick_save_path<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    title: &'static str,
    file_name: String,
    filter: (String, &'static str),
) -> crate::error::IpcResult<Option<std::path::PathBuf>> {
    use tauri_plugin_dialog::DialogExt;
    let picked = tokio::task::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title(title)
            .set_file_name(file_name)
            .add_filter(filter.0, &[filter.1])
            .blocking_save_file()
    })
    .await
    .map_err(|e| {
        crate::error::IpcError::other(format!("the save dialog stopped unexpectedly: {e}"))
    })?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

/// Writes an export to the path the save dialog returned (which already asked before
/// replacing a file), beside-the-journal rules and all (`write_export`).
pub(crate) async fn write_picked(
    path: std::path::PathBuf,
    journal: Option<std::path::PathBuf>,
    bytes: Vec<u8>,
) -> crate::error::IpcResult<()> {
    tokio::task::spawn_blocking(move || {
        trellis_core::files::write_export(
            &trellis_core::files::Target {
                path: &path,
                journal: journal.as_deref(),
                replace: true,
            },
            &bytes,
        )
    })
    .await
    .map_err(|e| {
        crate::error::IpcError::other(format!("the export stopped unexpectedly: {e}"))
    })??;
    Ok(())
}
