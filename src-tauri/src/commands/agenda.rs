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

/// Records the outcome of an experiment agreed in the track conversation `entry_id`
/// (`on`: a date as the CLI reads it, `2026-11-20` or `today`; today when empty)
/// and returns the mentee's agenda.
#[tauri::command]
pub async fn close_experiment(
    state: State<'_, AppState>,
    mentee_id: Id,
    entry_id: Id,
    experiment: String,
    outcome: String,
    on: Option<String>,
) -> IpcResult<Agenda> {
    let today = super::local_today();
    state
        .with(move |j| {
            let on = match on.as_deref().map(str::trim) {
                None | Some("") => today,
                Some(s) => trellis_core::parse_when(s, today)?,
            };
            j.close_experiment(&entry_id, &experiment, &outcome, on)?;
            j.agenda(&mentee_id, today)
        })
        .await
}
