// The one list of the commands the app's window may call, by module of
// `src-tauri/src/commands/`. Everything else follows from it:
// - `src/lib.rs` registers exactly these (`with_commands`, and `COMMANDS`);
// - `build.rs` declares them to Tauri and writes `capabilities/main.json`, which allows
//   exactly these and nothing else;
// - `tests/commands.rs` checks that `ui/src/lib/ipc.ts` calls exactly these, with the
//   argument names their functions take.
// To add a command:
// 1. the core verb (`crates/trellis-core/src/store/<table>.rs`, a `pub fn` on `Journal`);
// 2. the app: a function in `src/commands/<module>.rs`, its name on the line below,
//    its door in `ui/src/lib/ipc.ts` (same name, camelCase arguments), and the
//    regenerated `capabilities/main.json` (written by the build: commit it, with its
//    reviewed snapshot `tests/golden/capability-main.json`:
//    `UPDATE_SECURITY=1 cargo test --test security`);
// 3. a type that newly crosses into the UI: `#[cfg_attr(feature = "ts", derive(ts_rs::TS))]`,
//    a line in `tests/bindings.rs`, then `UPDATE_BINDINGS=1 cargo test --test bindings`;
// 4. the CLI: its grammar in `crates/trellis-cli/src/cli.rs`, the handler in the `cmd/`
//    module of the same domain, and `docs/json.md` if it prints JSON;
// 5. `tests/commands.rs` then checks that all of this agrees.
trellis_commands! {
    journal: journal_info, check_integrity, open_demo_journal, open_own_journal;
    lock: unlock_journal, recover_journal, lock_journal, encrypt_journal, decrypt_journal,
        change_passphrase, save_recovery_key;
    today: today;
    mentees: list_mentees, mentees_named, mentee_overview, add_mentee, edit_mentee,
        archive_mentee;
    entries: timeline_page, entry, add_entry, edit_entry, render_markdown;
    goals: goals, add_goal, edit_goal, check_in;
    actions: action_items, add_action_item, complete_action_item, parse_when;
    agenda: agenda, agenda_markdown, set_cadence, close_experiment;
    templates: templates, add_template, edit_template, delete_template;
    settings: settings, update_settings, data_locations, open_data_folder, set_notifications;
    archive: export_archive, export_vault, pick_archive_file, import_picked_archive;
    skills: frameworks, framework, mentee_ladder, place_mentee, save_framework,
        undo_framework_change, set_default_framework, delete_framework, pick_framework_file,
        import_picked_framework, export_framework, skills, earlier_assessments, assess;
    trash: trash, restore_from_trash, empty_trash, delete_entry, delete_mentee, delete_goal,
        delete_action_item, revisions, restore_revision;
    backups: list_backups, backup_contents, backup_now, restore_backup, pick_restore_file,
        restore_picked_file;
    summaries: summary_preview, export_summary, make_shareable, impact_preview, export_impact;
    search: search;
    probe: startup_probe;
}
