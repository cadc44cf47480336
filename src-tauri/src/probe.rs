//! A startup probe for benchmarks (benches/startup.sh). With `TRELLIS_STARTUP_PROBE` set,
//! the UI reports when its first view has rendered; the app prints the time since `main`
//! began on stderr and, for `exit`/`blank`, quits. Without the variable it does nothing.

use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
const VAR: &str = "TRELLIS_STARTUP_PROBE";

pub fn mark_start() {
    let _ = START.set(Instant::now());
}

/// Whether the probe asks for the floor: the same binary showing a blank page.
/// (`blank` reports and quits; `blank-stay` stays, for the memory floor.)
pub fn blank_page() -> bool {
    std::env::var(VAR).is_ok_and(|v| v.starts_with("blank"))
}

/// Reports the first view on screen (see `commands::probe`).
pub fn report<R: tauri::Runtime>(app: &tauri::AppHandle<R>, view: &str) {
    let Ok(mode) = std::env::var(VAR) else {
        return;
    };
    let ms = START
        .get()
        .map_or(0.0, |s| s.elapsed().as_secs_f64() * 1000.0);
    eprintln!("trellis-startup-probe view={view} ms_since_main={ms:.1}");
    if mode == "exit" || mode == "blank" {
        app.exit(0);
    }
}
