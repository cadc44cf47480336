//! Entries as the UI shows them: each with its follow-ups and its body rendered to
//! inert HTML by the core (raw HTML, scripts and `javascript:` links never survive).

use serde::Serialize;
use tauri::State;
use trellis_core::markdown::to_safe_html;
use trellis_core::{EntryEdit, Id, NewEntry, TimelineCursor, TimelineEntry, TimelineQuery};

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

/// One page of a timeline, newest first, as the UI shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TimelinePageView {
    pub entries: Vec<EntryView>,
    /// Where the next page starts; `null` on the last page.
    pub next: Option<TimelineCursor>,
    /// Entries of the asked kinds in the whole timeline.
    pub total: u32,
}

/// A page of a mentee's timeline: the window never loads years of entries at once.
#[tauri::command]
pub async fn timeline_page(
    state: State<'_, AppState>,
    mentee_id: Id,
    query: TimelineQuery,
) -> IpcResult<TimelinePageView> {
    let page = state
        .with(move |j| j.timeline_page(&mentee_id, &query))
        .await?;
    Ok(TimelinePageView {
        entries: page.entries.into_iter().map(EntryView::from).collect(),
        next: page.next,
        total: page.total,
    })
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
    Ok(TimelineEntry {
        entry,
        follow_ups,
        outcomes: vec![],
    }
    .into())
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
