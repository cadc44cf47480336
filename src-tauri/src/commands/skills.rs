use tauri::State;
use trellis_core::{Assessment, Framework, Id, NewAssessment, SkillStanding};

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn framework(state: State<'_, AppState>) -> IpcResult<Framework> {
    state.with(|j| j.framework()).await
}

#[tauri::command]
pub async fn skills(state: State<'_, AppState>, mentee_id: Id) -> IpcResult<Vec<SkillStanding>> {
    state.with(move |j| j.skills(&mentee_id)).await
}

#[tauri::command]
pub async fn assess(
    state: State<'_, AppState>,
    mentee_id: Id,
    input: NewAssessment,
) -> IpcResult<Assessment> {
    state.with(move |j| j.assess(&mentee_id, input)).await
}
