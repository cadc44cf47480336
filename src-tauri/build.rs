//! Tauri's build step: reads tauri.conf.json (at the repository root), the capabilities,
//! and declares our commands so a capability must name each one it allows.

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}

/// Every command the UI may call; keep in step with `src-tauri/src/lib.rs`.
const COMMANDS: [&str; 41] = [
    "journal_info",
    "open_demo_journal",
    "open_own_journal",
    "today",
    "list_mentees",
    "mentee_overview",
    "add_mentee",
    "edit_mentee",
    "archive_mentee",
    "timeline",
    "entry",
    "add_entry",
    "edit_entry",
    "delete_entry",
    "render_markdown",
    "goals",
    "add_goal",
    "edit_goal",
    "check_in",
    "action_items",
    "add_action_item",
    "complete_action_item",
    "framework",
    "skills",
    "assess",
    "trash",
    "restore_from_trash",
    "empty_trash",
    "delete_mentee",
    "revisions",
    "restore_revision",
    "list_backups",
    "backup_contents",
    "backup_now",
    "restore_backup",
    "pick_restore_file",
    "restore_picked_file",
    "summary_preview",
    "export_summary",
    "make_shareable",
    "startup_probe",
];
