//! The trash (deleted things, kept 30 days) and entry revisions (kept 90 days).

use tauri::State;
use trellis_core::{Id, Revision, TrashItem};

use crate::commands::entries::EntryView;
use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn trash(state: State<'_, AppState>) -> IpcResult<Vec<TrashItem>> {
    state.with(|j| j.trash()).await
}

#[tauri::command]
pub async fn restore_from_trash(state: State<'_, AppState>, id: Id) -> IpcResult<()> {
    state
        .with(move |j| j.restore_from_trash(&id).map(|_| ()))
        .await
}

#[tauri::command]
pub async fn empty_trash(state: State<'_, AppState>) -> IpcResult<usize> {
    state.with(|j| j.empty_trash()).await
}

/// Deleting moves to the trash, as `trellis delete` does: both faces keep it here.
#[tauri::command]
pub async fn delete_entry(state: State<'_, AppState>, id: Id) -> IpcResult<()> {
    state.with(move |j| j.delete_entry(&id).map(|_| ())).await
}

#[tauri::command]
pub async fn delete_mentee(state: State<'_, AppState>, id: Id) -> IpcResult<()> {
    state.with(move |j| j.delete_mentee(&id).map(|_| ())).await
}

/// Deletes a goal (with its check-ins) to the trash; returns the trash item's id (undo).
#[tauri::command]
pub async fn delete_goal(state: State<'_, AppState>, id: Id) -> IpcResult<Id> {
    state.with(move |j| j.delete_goal(&id)).await
}

/// Deletes an action item to the trash; returns the trash item's id (undo).
#[tauri::command]
pub async fn delete_action_item(state: State<'_, AppState>, id: Id) -> IpcResult<Id> {
    state.with(move |j| j.delete_action_item(&id)).await
}

#[tauri::command]
pub async fn revisions(state: State<'_, AppState>, entry_id: Id) -> IpcResult<Vec<Revision>> {
    state.with(move |j| j.revisions(&entry_id)).await
}

#[tauri::command]
pub async fn restore_revision(state: State<'_, AppState>, id: Id) -> IpcResult<EntryView> {
    // As after an edit: the entry as the timeline shows it, with its follow-ups.
    let item = state
        .with(move |j| {
            let entry = j.restore_revision(&id)?;
            j.timeline_entry(&entry.id)
        })
        .await?;
    Ok(item.into())
}
