use tauri::State;
use trellis_core::{Goal, GoalPatch, Id, NewCheckIn, NewGoal};

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn goals(state: State<'_, AppState>, mentee_id: Id) -> IpcResult<Vec<Goal>> {
    state.with(move |j| j.goals(&mentee_id)).await
}

#[tauri::command]
pub async fn add_goal(
    state: State<'_, AppState>,
    mentee_id: Id,
    input: NewGoal,
) -> IpcResult<Goal> {
    state.with(move |j| j.add_goal(&mentee_id, input)).await
}

#[tauri::command]
pub async fn edit_goal(state: State<'_, AppState>, id: Id, patch: GoalPatch) -> IpcResult<Goal> {
    state.with(move |j| j.edit_goal(&id, patch)).await
}

#[tauri::command]
pub async fn check_in(state: State<'_, AppState>, id: Id, input: NewCheckIn) -> IpcResult<Goal> {
    state.with(move |j| j.check_in(&id, input)).await
}
