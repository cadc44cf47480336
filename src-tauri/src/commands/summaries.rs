//! The summary view: a live preview of exactly what will leave the app (the document as
//! it will look), what was withheld beside it (for the lead alone), and the export —
//! the save dialog is shown by Rust, so the webview never names a path to write.

use serde::Serialize;
use tauri::{AppHandle, State};
use trellis_core::files::Target;
use trellis_core::summary::{self, Format, Summary, SummaryOptions, Withheld};
use trellis_core::{Id, Visibility};

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SummaryPreview {
    /// The document's model: only what may leave the app.
    pub summary: Summary,
    /// What was left out as private, and what the lead can untick: never exported.
    pub withheld: Withheld,
    /// What the reader will see: the HTML document (for Markdown, HTML and PDF, which say
    /// the same words), or the JSON text.
    pub document: String,
    /// Names this exact document: the export writes it only if it is still the same.
    pub fingerprint: String,
}

/// A fingerprint of a document's model (its JSON): equal models, equal fingerprints.
fn fingerprint_of(json: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    json.hash(&mut h);
    format!("{:016x}", h.finish())
}

fn fingerprint(s: &Summary) -> String {
    fingerprint_of(&summary::to_json(s))
}

/// The journal changed between the preview and the export: nothing is written.
fn stale() -> IpcError {
    IpcError {
        code: crate::error::IpcErrorCode::Stale,
        message: "the journal changed since this preview (another window or the trellis command wrote to it); look at the new preview before exporting".to_string(),
        field: None,
    }
}

#[tauri::command]
pub async fn summary_preview(
    state: State<'_, AppState>,
    mentee_id: Id,
    options: SummaryOptions,
    format: Format,
) -> IpcResult<SummaryPreview> {
    let today = super::local_today();
    let preview = state
        .with(move |j| summary::build(j, &mentee_id, &options, today))
        .await?;
    let document = match format {
        Format::Json => summary::to_json(&preview.summary),
        Format::Md | Format::Html | Format::Pdf => summary::to_html(&preview.summary),
    };
    Ok(SummaryPreview {
        fingerprint: fingerprint(&preview.summary),
        summary: preview.summary,
        withheld: preview.withheld,
        document,
    })
}

/// The file name the save dialog proposes: "Priya Raman growth summary 2026-11-23.pdf".
fn proposed_name(s: &Summary, format: Format) -> String {
    let name: String = s
        .mentee
        .name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .collect();
    let name = name.trim();
    let name = if name.is_empty() { "summary" } else { name };
    format!("{name} growth summary {}.{}", s.until, format.extension())
}

/// Asks where to save (the native dialog, shown by Rust), then writes the summary there
/// privately — exactly the document the lead previewed (`fingerprint`): if the journal
/// changed since, nothing is written and the UI shows the new preview. The journal is read
/// under its lock; the document is rendered after the lock is released, so typesetting
/// never blocks the app. `None` when the user cancelled.
#[tauri::command]
pub async fn export_summary<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    mentee_id: Id,
    options: SummaryOptions,
    format: Format,
    fingerprint: String,
) -> IpcResult<Option<String>> {
    let today = super::local_today();
    // The summary as the journal holds it now, with where the journal lives.
    let current = || {
        let options = options.clone();
        state.with(move |j| {
            Ok((
                summary::build(j, &mentee_id, &options, today)?,
                j.path().map(std::path::Path::to_path_buf),
            ))
        })
    };
    let (preview, _) = current().await?;
    if self::fingerprint(&preview.summary) != fingerprint {
        return Err(stale());
    }
    let name = proposed_name(&preview.summary, format);
    let extension = format.extension();
    let filter = (extension.to_uppercase(), extension);
    let Some(path) = super::pick_save_path(app, "Export growth summary", name, filter).await?
    else {
        return Ok(None);
    };
    // The dialog may have stayed open for minutes: an entry made private meanwhile must
    // not leave in the document read before it opened.
    let (preview, journal) = current().await?;
    if self::fingerprint(&preview.summary) != fingerprint {
        return Err(stale());
    }
    let written = path.clone();
    tokio::task::spawn_blocking(move || {
        // The save dialog already asked before replacing a file the user picked.
        let target = Target {
            path: &path,
            journal: journal.as_deref(),
            replace: true,
        };
        trellis_export::export_summary(&preview.summary, format, &target)
    })
    .await
    .map_err(|e| IpcError::other(format!("the export stopped unexpectedly: {e}")))?
    .map_err(|e| IpcError::from(trellis_core::Error::from(e)))?;
    Ok(Some(written.display().to_string()))
}

/// "Make shareable", from the list of private entries left out.
#[tauri::command]
pub async fn make_shareable(state: State<'_, AppState>, entry_id: Id) -> IpcResult<()> {
    state
        .with(move |j| j.set_visibility(&entry_id, Visibility::Shareable))
        .await
}

/// The lead's own impact report as previewed: what will be written, and its fingerprint.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImpactPreview {
    pub report: summary::impact::ImpactReport,
    /// The HTML document (Markdown, HTML and PDF say the same words), or the JSON text.
    pub document: String,
    pub fingerprint: String,
}

fn impact_fingerprint(r: &summary::impact::ImpactReport) -> String {
    fingerprint_of(&summary::impact::to_json(r))
}

/// The impact report over a period (every mentee's shareable record, rolled up).
#[tauri::command]
pub async fn impact_preview(
    state: State<'_, AppState>,
    options: SummaryOptions,
    format: Format,
) -> IpcResult<ImpactPreview> {
    let today = super::local_today();
    let report = state
        .with(move |j| summary::impact::build(j, &options, today))
        .await?;
    let document = match format {
        Format::Json => summary::impact::to_json(&report),
        Format::Md | Format::Html | Format::Pdf => summary::impact::to_html(&report),
    };
    Ok(ImpactPreview {
        fingerprint: impact_fingerprint(&report),
        report,
        document,
    })
}

/// Asks where to save, then writes the impact report exactly as previewed (`fingerprint`;
/// a journal changed since writes nothing). `None` when the user cancelled.
#[tauri::command]
pub async fn export_impact<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    options: SummaryOptions,
    format: Format,
    fingerprint: String,
) -> IpcResult<Option<String>> {
    let today = super::local_today();
    let current = || {
        let options = options.clone();
        state.with(move |j| {
            Ok((
                summary::impact::build(j, &options, today)?,
                j.path().map(std::path::Path::to_path_buf),
            ))
        })
    };
    let (report, _) = current().await?;
    if impact_fingerprint(&report) != fingerprint {
        return Err(stale());
    }
    let name = format!("Mentoring impact {}.{}", report.until, format.extension());
    let filter = (format.extension().to_uppercase(), format.extension());
    let Some(path) = super::pick_save_path(app, "Export the impact report", name, filter).await?
    else {
        return Ok(None);
    };
    let (report, journal) = current().await?;
    if impact_fingerprint(&report) != fingerprint {
        return Err(stale());
    }
    let written = path.display().to_string();
    tokio::task::spawn_blocking(move || {
        let target = Target {
            path: &path,
            journal: journal.as_deref(),
            replace: true,
        };
        trellis_export::export_impact(&report, format, &target)
    })
    .await
    .map_err(|e| IpcError::other(format!("the export stopped unexpectedly: {e}")))?
    .map_err(|e| IpcError::from(trellis_core::Error::from(e)))?;
    Ok(Some(written))
}
