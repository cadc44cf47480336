use tauri::State;
use trellis_core::{Id, Mentee, MenteeOverview, MenteePatch, NewMentee};

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_mentees(
    state: State<'_, AppState>,
    include_archived: bool,
) -> IpcResult<Vec<Mentee>> {
    state.with(move |j| j.mentees(include_archived)).await
}

/// Everyone with this name (case and accents as the core folds them), archived too: the
/// form asks before adding a second person of the same name.
#[tauri::command]
pub async fn mentees_named(state: State<'_, AppState>, name: String) -> IpcResult<Vec<Mentee>> {
    state.with(move |j| j.mentees_named(&name)).await
}

#[tauri::command]
pub async fn mentee_overview(state: State<'_, AppState>, id: Id) -> IpcResult<MenteeOverview> {
    state.with(move |j| j.mentee_overview(&id)).await
}

#[tauri::command]
pub async fn add_mentee(state: State<'_, AppState>, input: NewMentee) -> IpcResult<Mentee> {
    state.with(move |j| j.add_mentee(input)).await
}

#[tauri::command]
pub async fn edit_mentee(
    state: State<'_, AppState>,
    id: Id,
    patch: MenteePatch,
) -> IpcResult<Mentee> {
    state.with(move |j| j.edit_mentee(&id, patch)).await
}

#[tauri::command]
pub async fn archive_mentee(
    state: State<'_, AppState>,
    id: Id,
    archived: bool,
) -> IpcResult<Mentee> {
    state.with(move |j| j.archive_mentee(&id, archived)).await
}
