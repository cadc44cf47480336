//! The next 1:1 in the app: the agenda of one mentee, its Markdown copy, and the cadence
//! (the CLI's `trellis agenda` and `mentee edit --cadence`).

use tauri::State;
use trellis_core::{Agenda, Cadence, Id};

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn agenda(state: State<'_, AppState>, mentee_id: Id) -> IpcResult<Agenda> {
    let today = super::local_today();
    state.with(move |j| j.agenda(&mentee_id, today)).await
}

/// The agenda as Markdown to paste into a shared doc (private items only when asked).
#[tauri::command]
pub async fn agenda_markdown(
    state: State<'_, AppState>,
    mentee_id: Id,
    include_private: bool,
) -> IpcResult<String> {
    let today = super::local_today();
    state
        .with(move |j| Ok(j.agenda(&mentee_id, today)?.to_markdown(include_private)))
        .await
}

/// Sets a mentee's cadence (`None`: the journal's default) and returns the new agenda.
#[tauri::command]
pub async fn set_cadence(
    state: State<'_, AppState>,
    mentee_id: Id,
    cadence: Option<Cadence>,
) -> IpcResult<Agenda> {
    let today = super::local_today();
    state
        .with(move |j| {
            j.set_cadence(&mentee_id, cadence)?;
            j.agenda(&mentee_id, today)
        })
        .await
}
