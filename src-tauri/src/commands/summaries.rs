//! The summary view: a live preview of exactly what will leave the app, the private
//! entries left out (for the lead alone), and the export to a file the lead picked.

use std::path::PathBuf;

use serde::Serialize;
use tauri::State;
use trellis_core::summary::{self, Format, Summary, SummaryOptions};
use trellis_core::{Id, Visibility, files};

use crate::error::IpcResult;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SummaryPreview {
    /// The model, including the private entries left out (shown to the lead only).
    pub summary: Summary,
    /// The document exactly as it would be written, in the chosen format.
    pub document: String,
}

#[tauri::command]
pub async fn summary_preview(
    state: State<'_, AppState>,
    mentee_id: Id,
    options: SummaryOptions,
    format: Format,
) -> IpcResult<SummaryPreview> {
    let today = super::local_today();
    let summary = state
        .with(move |j| summary::build(j, &mentee_id, &options, today))
        .await?;
    // A PDF holds the same words as the Markdown, typeset: preview those.
    let document = match format.render_text(&summary::for_export(&summary)) {
        Some(text) => text,
        None => summary::to_markdown(&summary),
    };
    Ok(SummaryPreview { summary, document })
}

/// Writes the summary to `path` (chosen by the lead in the save dialog): atomically and
/// readable by the lead only. Returns the path written.
#[tauri::command]
pub async fn export_summary(
    state: State<'_, AppState>,
    mentee_id: Id,
    options: SummaryOptions,
    format: Format,
    path: PathBuf,
) -> IpcResult<String> {
    let today = super::local_today();
    state
        .with(move |j| {
            let s = summary::build(j, &mentee_id, &options, today)?;
            let bytes = trellis_pdf::export(format, &s).map_err(trellis_core::Error::Storage)?;
            files::write_private_atomic(&path, &bytes)?;
            Ok(path.display().to_string())
        })
        .await
}

/// "Make shareable", from the list of private entries left out.
#[tauri::command]
pub async fn make_shareable(state: State<'_, AppState>, entry_id: Id) -> IpcResult<()> {
    state
        .with(move |j| j.set_visibility(&entry_id, Visibility::Shareable))
        .await
}
