//! Entry templates in the app: the Quick log offers them, the Templates dialog edits them
//! (the CLI's `trellis template …`).

use tauri::State;
use trellis_core::{EntryKind, Id, NewTemplate, Template};

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn templates(
    state: State<'_, AppState>,
    kind: Option<EntryKind>,
) -> IpcResult<Vec<Template>> {
    state.with(move |j| j.templates(kind)).await
}

#[tauri::command]
pub async fn add_template(state: State<'_, AppState>, input: NewTemplate) -> IpcResult<Template> {
    state.with(move |j| j.add_template(input)).await
}

#[tauri::command]
pub async fn edit_template(
    state: State<'_, AppState>,
    id: Id,
    input: NewTemplate,
) -> IpcResult<Template> {
    state.with(move |j| j.edit_template(&id, input)).await
}

/// Deletes a template; returns it, so the window can offer to add it back.
#[tauri::command]
pub async fn delete_template(state: State<'_, AppState>, id: Id) -> IpcResult<Template> {
    state.with(move |j| j.delete_template(&id)).await
}
