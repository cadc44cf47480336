//! Ladders (the journal's career frameworks), a mentee's place on one, assessments and
//! skills. Import and export open the native file dialogs from Rust; an imported file is
//! read and previewed, and only written after the user confirms.

use std::path::PathBuf;

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use trellis_core::{
    Assessment, EarlierAssessment, Framework, Id, Ladder, LadderPlan, LadderUse, MenteeLadder,
    NewAssessment, SkillStanding, ladders,
};

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

#[tauri::command]
pub async fn frameworks(state: State<'_, AppState>) -> IpcResult<Vec<LadderUse>> {
    state.with(|j| j.frameworks()).await
}

/// One ladder by id; none: the default ladder.
#[tauri::command]
pub async fn framework(state: State<'_, AppState>, id: Option<Id>) -> IpcResult<Framework> {
    state
        .with(move |j| j.framework(id.map(|i| i.to_string()).as_deref()))
        .await
}

#[tauri::command]
pub async fn mentee_ladder(state: State<'_, AppState>, mentee_id: Id) -> IpcResult<MenteeLadder> {
    state.with(move |j| j.mentee_ladder(&mentee_id)).await
}

#[tauri::command]
pub async fn place_mentee(
    state: State<'_, AppState>,
    mentee_id: Id,
    framework_id: Id,
    level: Option<String>,
) -> IpcResult<MenteeLadder> {
    state
        .with(move |j| j.place_mentee(&mentee_id, &framework_id.to_string(), level.as_deref()))
        .await
}

/// The editor's save: the whole ladder, over the version the editor started from.
#[tauri::command]
pub async fn save_framework(
    state: State<'_, AppState>,
    id: Id,
    ladder: Ladder,
    expected: chrono::DateTime<chrono::Utc>,
) -> IpcResult<LadderPlan> {
    state
        .with(move |j| j.save_ladder(&id, ladder, Some(expected)))
        .await
}

#[tauri::command]
pub async fn undo_framework_change(state: State<'_, AppState>, id: Id) -> IpcResult<Framework> {
    state.with(move |j| j.undo_ladder_change(&id)).await
}

#[tauri::command]
pub async fn set_default_framework(state: State<'_, AppState>, id: Id) -> IpcResult<Framework> {
    state.with(move |j| j.set_default_framework(&id)).await
}

#[tauri::command]
pub async fn delete_framework(state: State<'_, AppState>, id: Id) -> IpcResult<Id> {
    state.with(move |j| j.delete_framework(&id)).await
}

/// "Import a ladder…": the native open dialog; the chosen file is read and checked, and
/// what importing it would do is returned for the confirmation (nothing is written).
/// `None` when the user cancelled.
#[tauri::command]
pub async fn pick_framework_file<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<Option<LadderPlan>> {
    let picked = tokio::task::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Import a career ladder")
            .add_filter(
                "Ladder (JSON, YAML, Markdown)",
                &["json", "yml", "yaml", "md"],
            )
            .blocking_pick_file()
    })
    .await
    .map_err(|e| IpcError::other(format!("the file dialog stopped unexpectedly: {e}")))?;
    let Some(path): Option<PathBuf> = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let (plan, ladder, source) = state
        .with(move |j| {
            let read = ladders::read_file(&path)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let source = read.source(&name);
            let plan = j.plan_ladder(read.ladder.clone(), Some(source.clone()))?;
            Ok((plan, read.ladder, source))
        })
        .await?;
    state.set_pending_ladder(Some((ladder, source)))?;
    Ok(Some(plan))
}

/// Imports the ladder chosen with `pick_framework_file`.
#[tauri::command]
pub async fn import_picked_framework(state: State<'_, AppState>) -> IpcResult<LadderPlan> {
    let (ladder, source) = state
        .take_pending_ladder()?
        .ok_or_else(|| IpcError::other("no file was chosen; choose one with “Import a ladder…”"))?;
    state
        .with(move |j| j.import_ladder(ladder, Some(source)))
        .await
}

/// "Export…": the native save dialog, then the ladder as Trellis framework JSON. The
/// path written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_framework<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: Id,
) -> IpcResult<Option<String>> {
    let (f, journal) = state
        .with(move |j| {
            Ok((
                j.framework(Some(&id.to_string()))?,
                j.path().map(PathBuf::from),
            ))
        })
        .await?;
    let name = format!("{}.json", f.ladder.key);
    let filter = ("Trellis framework JSON".to_string(), "json");
    let Some(path) = super::pick_save_path(app, "Export ladder", name, filter).await? else {
        return Ok(None);
    };
    let written = path.display().to_string();
    super::write_picked(path, journal, ladders::to_json(&f.ladder).into_bytes()).await?;
    Ok(Some(written))
}

#[tauri::command]
pub async fn earlier_assessments(
    state: State<'_, AppState>,
    mentee_id: Id,
) -> IpcResult<Vec<EarlierAssessment>> {
    state.with(move |j| j.earlier_assessments(&mentee_id)).await
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
