//! The Trellis desktop app: a thin Tauri shell over `trellis-core`. It opens the journal
//! (same default as the CLI; `--journal PATH` or `TRELLIS_JOURNAL` override it), keeps it
//! in app state, and exposes one command module per domain to the Svelte UI.

pub mod commands;
pub mod error;
mod instance;
pub mod notify;
pub mod probe;
pub mod state;

use tauri::Manager;

use std::path::PathBuf;

pub use error::IpcError;
pub use state::AppState;

macro_rules! trellis_commands {
    ($($module:ident: $($command:ident),+;)+) => {
        /// Registers every command of `src-tauri/commands.rs`. Shared by the app and the
        /// command-wiring tests, so the tests exercise exactly what the window can call.
        pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
            builder.invoke_handler(tauri::generate_handler![$($(commands::$module::$command),+),+])
        }

        /// The name of every command, in the order of the list.
        pub const COMMANDS: &[&str] = &[$($(stringify!($command)),+),+];
    };
}
include!("../commands.rs");

/// Whether the window may navigate to `url`: only the app's own pages (the custom
/// protocol, or the dev server in development) and inline documents (the summary
/// preview's `about:srcdoc`).
pub fn stays_in_the_app(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" | "about" => true,
        "http" | "https" => {
            matches!(
                url.host_str(),
                Some("tauri.localhost") | Some("ipc.localhost")
            ) || (cfg!(debug_assertions)
                && url.host_str() == Some("localhost")
                && url.port() == Some(5173))
        }
        _ => false,
    }
}

/// Keeps the single-instance claim alive in app state.
struct ClaimHolder(#[allow(dead_code)] std::sync::Mutex<Option<instance::Claim>>);

/// The journal named on the command line (`--journal PATH` or `--journal=PATH`), if any.
pub fn journal_arg(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--journal" {
            return args.next().map(PathBuf::from);
        }
        if let Some(p) = a.strip_prefix("--journal=") {
            return Some(PathBuf::from(p));
        }
    }
    None
}

/// Starts the app. A journal that cannot be opened is reported in a native dialog-free
/// way: the UI starts and shows the error, so the user can see what is wrong.
pub fn run() {
    let explicit = journal_arg(std::env::args().skip(1));
    let state = match AppState::open(explicit) {
        Ok(state) => state,
        Err(e) => {
            eprintln!("trellis: {e}");
            std::process::exit(1);
        }
    };
    let claim = match instance::claim(state.own_path()) {
        Ok(Some(claim)) => claim,
        Ok(None) => {
            eprintln!(
                "trellis: Trellis is already open on {}; it was brought to the front",
                state.own_path().display()
            );
            return;
        }
        Err(e) => {
            eprintln!("trellis: cannot claim the journal: {e}");
            std::process::exit(1);
        }
    };
    probe::mark_start();
    with_commands(tauri::Builder::default())
        .manage(state)
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(notify::Notifier::default())
        .setup(move |app| {
            let handle = app.handle().clone();
            instance::listen(&claim, move || {
                if let Some(w) = handle.get_webview_window("main") {
                    let _ = w.unminimize();
                    let _ = w.show();
                    let _ = w.set_focus();
                }
            });
            // Keep the claim (the lock) for as long as the app runs.
            app.manage(ClaimHolder(std::sync::Mutex::new(Some(claim))));
            // Automatic backups: at most every 30 minutes, and only when something changed.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(30 * 60));
                    if let Err(e) = handle.state::<AppState>().backup_if_changed() {
                        eprintln!("trellis: automatic backup failed: {e}");
                    }
                }
            });
            // Waking from sleep locks an encrypted journal: the wall clock runs on while the
            // machine sleeps, the monotonic one does not, so a gap between the two means the
            // machine slept (a clock set forward by hand locks too, which is harmless).
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                let tick = std::time::Duration::from_secs(5);
                loop {
                    let (wall, mono) = (std::time::SystemTime::now(), std::time::Instant::now());
                    std::thread::sleep(tick);
                    let walled = wall.elapsed().unwrap_or_default();
                    if walled > mono.elapsed() + std::time::Duration::from_secs(20) {
                        handle.state::<AppState>().lock_if_encrypted();
                    }
                }
            });
            // What is due, told by the OS while the app runs: a minute after launch, then
            // every ten minutes (each thing once a day; see notify.rs).
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(60));
                loop {
                    notify_due(&handle);
                    std::thread::sleep(std::time::Duration::from_secs(10 * 60));
                }
            });
            // The window is made here rather than in tauri.conf.json so the startup probe
            // can measure the floor: the same binary showing a blank page.
            let page = if probe::blank_page() {
                "blank.html"
            } else {
                "index.html"
            };
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App(page.into()))
                .title("Trellis")
                .inner_size(1200.0, 800.0)
                .min_inner_size(720.0, 480.0)
                // The window shows the app and nothing else: a link in a note can never
                // take it to a remote site (the UI shows the address instead).
                .on_navigation(stays_in_the_app)
                .build()?;
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("the Trellis window could not start")
        .run(|app, event| {
            // And one more when the app quits, if anything changed.
            if let tauri::RunEvent::Exit = event
                && let Err(e) = app.state::<AppState>().backup_if_changed()
            {
                eprintln!("trellis: the backup on quit failed: {e}");
            }
        });
}

/// Tells the OS what is due now (nothing while the journal is locked, the demo is open or
/// the switch is off; a desktop without a notification service is simply not told).
fn notify_due<R: tauri::Runtime>(handle: &tauri::AppHandle<R>) {
    use tauri_plugin_notification::NotificationExt;
    let notifier = handle.state::<notify::Notifier>();
    if !notifier.enabled() {
        return;
    }
    let today = commands::local_today();
    let state = handle.state::<AppState>();
    // The demo's made-up people are never announced.
    if state.info().map_or(true, |i| i.demo || i.locked) {
        return;
    }
    let Ok(due) = tauri::async_runtime::block_on(state.with(move |j| j.reminders(today))) else {
        return;
    };
    for note in notifier.select(&due, today) {
        if let Err(e) = handle
            .notification()
            .builder()
            .title(&note.title)
            .body(&note.body)
            .show()
        {
            eprintln!("trellis: could not show a notification: {e}");
            return;
        }
    }
}
