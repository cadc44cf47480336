use tauri::State;
use trellis_core::Today;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn today(state: State<'_, AppState>) -> IpcResult<Today> {
    let date = super::local_today();
    state.with(move |j| j.today(date)).await
}
