//! The startup probe's one command (benches/startup.sh): the UI reports its first view.

/// Called by the UI once its first view is on screen; does nothing unless a benchmark
/// asked for it (`TRELLIS_STARTUP_PROBE`).
#[tauri::command]
pub fn startup_probe<R: tauri::Runtime>(app: tauri::AppHandle<R>, view: String) {
    crate::probe::report(&app, &view);
}
