//! The commands the UI calls, one module per domain. Each is a few lines: take the
//! arguments, call one core verb on the open journal, return its result or an IpcError.
//! Which commands exist is said once, in `src-tauri/commands.rs`.

pub mod actions;
pub mod agenda;
pub mod backups;
pub mod entries;
pub mod goals;
pub mod journal;
pub mod lock;
pub mod mentees;
pub mod probe;
pub mod search;
pub mod settings;
pub mod skills;
pub mod summaries;
pub mod templates;
pub mod today;
pub mod trash;

/// Today where the lead is.
pub(crate) fn local_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
