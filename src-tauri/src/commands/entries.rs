//! Entries as the UI shows them: each with its follow-ups and its body rendered to
//! inert HTML by the core (raw HTML, scripts and `javascript:` links never survive).

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;
use trellis_core::markdown::to_safe_html;
use trellis_core::{EntryEdit, Id, NewEntry, TimelineEntry};

use crate::error::IpcResult;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct EntryView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub item: TimelineEntry,
    /// The Markdown body as safe HTML.
    pub body_html: String,
}

impl From<TimelineEntry> for EntryView {
    fn from(item: TimelineEntry) -> Self {
        EntryView {
            body_html: to_safe_html(&item.entry.body),
            item,
        }
    }
}

#[tauri::command]
pub async fn timeline(
    state: State<'_, AppState>,
    mentee_id: Id,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> IpcResult<Vec<EntryView>> {
    let items = state
        .with(move |j| j.timeline(&mentee_id, since, until))
        .await?;
    Ok(items.into_iter().map(EntryView::from).collect())
}

#[tauri::command]
pub async fn entry(state: State<'_, AppState>, id: Id) -> IpcResult<EntryView> {
    let item = state.with(move |j| j.timeline_entry(&id)).await?;
    Ok(item.into())
}

/// Saves a new entry with its follow-ups. When this returns, the entry is on disk.
#[tauri::command]
pub async fn add_entry(state: State<'_, AppState>, input: NewEntry) -> IpcResult<EntryView> {
    let (entry, follow_ups) = state.with(move |j| j.add_entry(input)).await?;
    Ok(TimelineEntry { entry, follow_ups }.into())
}

#[tauri::command]
pub async fn edit_entry(
    state: State<'_, AppState>,
    id: Id,
    edit: EntryEdit,
) -> IpcResult<EntryView> {
    // The UI replaces the shown entry with this view, so it keeps its follow-ups.
    let item = state
        .with(move |j| {
            j.edit_entry(&id, edit)?;
            j.timeline_entry(&id)
        })
        .await?;
    Ok(item.into())
}

/// The live preview of the quick-log's body, rendered exactly as it will be shown.
#[tauri::command]
pub fn render_markdown(text: String) -> String {
    to_safe_html(&text)
}
