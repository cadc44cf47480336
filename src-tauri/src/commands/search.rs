//! The command palette's search (the CLI's cmd/search.rs).

use tauri::State;
use trellis_core::{SearchHit, SearchOptions};

use crate::error::IpcResult;
use crate::state::AppState;

/// Records matching what the lead typed, newest first unless asked otherwise.
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    options: SearchOptions,
) -> IpcResult<Vec<SearchHit>> {
    state.with(move |j| j.search(&query, &options)).await
}
