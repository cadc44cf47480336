use tauri::State;
use trellis_core::{ActionItem, Id, NewActionItem};

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn action_items(
    state: State<'_, AppState>,
    mentee_id: Option<Id>,
    open_only: bool,
) -> IpcResult<Vec<ActionItem>> {
    state
        .with(move |j| j.action_items(mentee_id.as_ref(), open_only))
        .await
}

#[tauri::command]
pub async fn add_action_item(
    state: State<'_, AppState>,
    mentee_id: Id,
    input: NewActionItem,
) -> IpcResult<ActionItem> {
    state
        .with(move |j| j.add_action_item(&mentee_id, input))
        .await
}

#[tauri::command]
pub async fn complete_action_item(state: State<'_, AppState>, id: Id) -> IpcResult<ActionItem> {
    state.with(move |j| j.complete_action_item(&id)).await
}

/// A date as typed in a form — `2026-11-27`, `today`, `tomorrow`, `+3d`, `+1w`, `+2m`,
/// `fri`, `next fri` — read by the core as the CLI reads it, counted from the lead's today.
#[tauri::command]
pub async fn parse_when(text: String) -> IpcResult<chrono::NaiveDate> {
    Ok(trellis_core::parse_when(&text, super::local_today())?)
}
