// The one list of the commands the app's window may call, by module of
// `src-tauri/src/commands/`. Everything else follows from it:
// - `src/lib.rs` registers exactly these (`with_commands`, and `COMMANDS`);
// - `build.rs` declares them to Tauri and writes `capabilities/main.json`, which allows
//   exactly these and nothing else;
// - `tests/commands.rs` checks that `ui/src/lib/ipc.ts` calls exactly these, with the
//   argument names their functions take.
// To add a command: the core verb, a function in its `commands/` module, a line here,
// and its door in `ipc.ts`.
trellis_commands! {
    journal: journal_info, open_demo_journal, open_own_journal;
    today: today;
    mentees: list_mentees, mentee_overview, add_mentee, edit_mentee, archive_mentee;
    entries: timeline, entry, add_entry, edit_entry, delete_entry, render_markdown;
    goals: goals, add_goal, edit_goal, check_in;
    actions: action_items, add_action_item, complete_action_item;
    skills: framework, skills, assess;
    trash: trash, restore_from_trash, empty_trash, delete_mentee, revisions, restore_revision;
    backups: list_backups, backup_contents, backup_now, restore_backup, pick_restore_file,
        restore_picked_file;
    summaries: summary_preview, export_summary, make_shareable;
    probe: startup_probe;
}
