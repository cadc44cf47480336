// The one typed door to the Rust side. Every type here is generated from Rust
// (./bindings, by ts-rs); a command's name and arguments match src-tauri/src/commands.
import { invoke } from '@tauri-apps/api/core';
import type { ActionItem } from './bindings/ActionItem';
import type { Assessment } from './bindings/Assessment';
import type { DataLocations } from './bindings/DataLocations';
import type { EntryKind } from './bindings/EntryKind';
import type { ImpactPreview } from './bindings/ImpactPreview';
import type { ImportPreview } from './bindings/ImportPreview';
import type { ImportReport } from './bindings/ImportReport';
import type { VaultWritten } from './bindings/VaultWritten';
import type { JournalSettings } from './bindings/JournalSettings';
import type { Settings } from './bindings/Settings';
import type { NewTemplate } from './bindings/NewTemplate';
import type { Template } from './bindings/Template';
import type { EntryEdit } from './bindings/EntryEdit';
import type { EntryView } from './bindings/EntryView';
import type { Framework } from './bindings/Framework';
import type { Ladder } from './bindings/Ladder';
import type { EarlierAssessment } from './bindings/EarlierAssessment';
import type { LadderPlan } from './bindings/LadderPlan';
import type { LadderUse } from './bindings/LadderUse';
import type { MenteeLadder } from './bindings/MenteeLadder';
import type { Goal } from './bindings/Goal';
import type { GoalPatch } from './bindings/GoalPatch';
import type { IpcError } from './bindings/IpcError';
import type { JournalInfo } from './bindings/JournalInfo';
import type { Agenda } from './bindings/Agenda';
import type { Cadence } from './bindings/Cadence';
import type { EncryptedView } from './bindings/EncryptedView';
import type { Mentee } from './bindings/Mentee';
import type { MenteeOverview } from './bindings/MenteeOverview';
import type { MenteePatch } from './bindings/MenteePatch';
import type { NewActionItem } from './bindings/NewActionItem';
import type { NewAssessment } from './bindings/NewAssessment';
import type { NewCheckIn } from './bindings/NewCheckIn';
import type { NewEntry } from './bindings/NewEntry';
import type { NewGoal } from './bindings/NewGoal';
import type { NewMentee } from './bindings/NewMentee';
import type { SkillStanding } from './bindings/SkillStanding';
import type { Today } from './bindings/Today';
import type { BackupView } from './bindings/BackupView';
import type { BackupContents } from './bindings/BackupContents';
import type { Revision } from './bindings/Revision';
import type { TrashItem } from './bindings/TrashItem';
import type { Format } from './bindings/Format';
import type { SearchHit } from './bindings/SearchHit';
import type { TimelinePageView } from './bindings/TimelinePageView';
import type { TimelineQuery } from './bindings/TimelineQuery';
import type { SearchOptions } from './bindings/SearchOptions';
import type { SummaryOptions } from './bindings/SummaryOptions';
import type { SummaryPreview } from './bindings/SummaryPreview';

/** An error from a command, always with a message a person can read. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly code: IpcError['code'],
    /** For invalid input: the field the core refused. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** Turns whatever a rejected invoke gives (IpcError, or Tauri's own string) into a CommandError. */
export function toCommandError(e: unknown): CommandError {
  if (e instanceof CommandError) return e;
  if (isIpcError(e)) return new CommandError(e.message, e.code, e.field ?? null);
  return new CommandError(String(e), 'other');
}

/** What to do when a command finds the journal locked (the app set it; see app.svelte.ts). */
let onLocked: () => void = () => {};
export function whenLocked(f: () => void): void {
  onLocked = f;
}

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    const err = toCommandError(e);
    // Locked under the window (the machine slept): the window goes to the unlock screen.
    if (err.code === 'locked') onLocked();
    throw err;
  }
}

export const ipc = {
  journalInfo: () => call<JournalInfo>('journal_info'),
  /** The whole-file check, after the first paint: the info gains `recovery` on damage. */
  checkIntegrity: () => call<JournalInfo>('check_integrity'),
  openDemoJournal: () => call<JournalInfo>('open_demo_journal'),
  openOwnJournal: () => call<JournalInfo>('open_own_journal'),

  unlockJournal: (passphrase: string) => call<JournalInfo>('unlock_journal', { passphrase }),
  recoverJournal: (recoveryKey: string, newPassphrase: string) =>
    call<JournalInfo>('recover_journal', { recoveryKey, newPassphrase }),
  lockJournal: () => call<JournalInfo>('lock_journal'),
  encryptJournal: (passphrase: string) => call<EncryptedView>('encrypt_journal', { passphrase }),
  decryptJournal: (passphrase: string) => call<JournalInfo>('decrypt_journal', { passphrase }),
  changePassphrase: (current: string, newPassphrase: string) =>
    call<null>('change_passphrase', { current, newPassphrase }),
  /** Opens the save dialog (in Rust) and writes the key there; `null` when cancelled. */
  saveRecoveryKey: (recoveryKey: string) => call<string | null>('save_recovery_key', { recoveryKey }),
  today: () => call<Today>('today'),
  agenda: (menteeId: string) => call<Agenda>('agenda', { menteeId }),
  agendaMarkdown: (menteeId: string, includePrivate: boolean) =>
    call<string>('agenda_markdown', { menteeId, includePrivate }),
  /** `null`: back to the journal's default cadence. */
  setCadence: (menteeId: string, cadence: Cadence | null) => call<Agenda>('set_cadence', { menteeId, cadence }),
  /** Records an experiment's outcome (`on`: a date as typed, today when empty); returns the agenda. */
  closeExperiment: (menteeId: string, entryId: string, experiment: string, outcome: string, on: string | null) =>
    call<Agenda>('close_experiment', { menteeId, entryId, experiment, outcome, on }),

  settings: () => call<Settings>('settings'),
  /** Sets what the patch sets (`null` fields stay); returns the settings in effect. */
  updateSettings: (patch: JournalSettings) => call<Settings>('update_settings', { patch }),
  dataLocations: () => call<DataLocations>('data_locations'),
  /** Opens the journal's folder in the file manager (the folder is chosen in Rust). */
  openDataFolder: () => call<null>('open_data_folder'),
  /** OS notifications of what is due, on or off (for this run; the window remembers it). */
  setNotifications: (on: boolean) => call<null>('set_notifications', { on }),
  /** Opens the save dialog (in Rust) and writes the whole journal's archive; `null` when cancelled. */
  exportArchive: () => call<string | null>('export_archive'),
  /** Opens the folder dialog (in Rust) and writes a Markdown vault there; `null` when cancelled. */
  exportVault: () => call<VaultWritten | null>('export_vault'),
  /** Opens the file dialog (in Rust), checks the archive and says what it would do; writes nothing. */
  pickArchiveFile: () => call<ImportPreview | null>('pick_archive_file'),
  /** Imports the previewed archive: a merge, or with `replace` the archive's versions win. */
  importPickedArchive: (replace: boolean) => call<ImportReport>('import_picked_archive', { replace }),
  templates: (kind: EntryKind | null) => call<Template[]>('templates', { kind }),
  addTemplate: (input: NewTemplate) => call<Template>('add_template', { input }),
  editTemplate: (id: string, input: NewTemplate) => call<Template>('edit_template', { id, input }),
  deleteTemplate: (id: string) => call<Template>('delete_template', { id }),

  listMentees: (includeArchived: boolean) => call<Mentee[]>('list_mentees', { includeArchived }),
  /** Everyone with this name (folded as the core folds names), archived too. */
  menteesNamed: (name: string) => call<Mentee[]>('mentees_named', { name }),
  menteeOverview: (id: string) => call<MenteeOverview>('mentee_overview', { id }),
  addMentee: (input: NewMentee) => call<Mentee>('add_mentee', { input }),
  editMentee: (id: string, patch: MenteePatch) => call<Mentee>('edit_mentee', { id, patch }),
  archiveMentee: (id: string, archived: boolean) => call<Mentee>('archive_mentee', { id, archived }),

  /** A page of a mentee's timeline, newest first. */
  timelinePage: (menteeId: string, query: TimelineQuery) =>
    call<TimelinePageView>('timeline_page', { menteeId, query }),
  entry: (id: string) => call<EntryView>('entry', { id }),
  addEntry: (input: NewEntry) => call<EntryView>('add_entry', { input }),
  editEntry: (id: string, edit: EntryEdit) => call<EntryView>('edit_entry', { id, edit }),
  deleteEntry: (id: string) => call<null>('delete_entry', { id }),
  renderMarkdown: (text: string) => call<string>('render_markdown', { text }),

  goals: (menteeId: string) => call<Goal[]>('goals', { menteeId }),
  addGoal: (menteeId: string, input: NewGoal) => call<Goal>('add_goal', { menteeId, input }),
  editGoal: (id: string, patch: GoalPatch) => call<Goal>('edit_goal', { id, patch }),
  checkIn: (id: string, input: NewCheckIn) => call<Goal>('check_in', { id, input }),

  actionItems: (menteeId: string | null, openOnly: boolean) =>
    call<ActionItem[]>('action_items', { menteeId, openOnly }),
  addActionItem: (menteeId: string, input: NewActionItem) =>
    call<ActionItem>('add_action_item', { menteeId, input }),
  completeActionItem: (id: string) => call<ActionItem>('complete_action_item', { id }),
  /** A typed date (`+1w`, `next fri`, `2026-11-27`) read by the core; rejects with the forms it reads. */
  parseWhen: (text: string) => call<string>('parse_when', { text }),

  frameworks: () => call<LadderUse[]>('frameworks'),
  /** One ladder by id; `null`: the default ladder. */
  framework: (id: string | null) => call<Framework>('framework', { id }),
  menteeLadder: (menteeId: string) => call<MenteeLadder>('mentee_ladder', { menteeId }),
  placeMentee: (menteeId: string, frameworkId: string, level: string | null) =>
    call<MenteeLadder>('place_mentee', { menteeId, frameworkId, level }),
  /** The editor's save, over the version it started from (`expected` = its updated_at). */
  saveFramework: (id: string, ladder: Ladder, expected: string) =>
    call<LadderPlan>('save_framework', { id, ladder, expected }),
  undoFrameworkChange: (id: string) => call<Framework>('undo_framework_change', { id }),
  setDefaultFramework: (id: string) => call<Framework>('set_default_framework', { id }),
  /** To the trash; returns the trash item's id. */
  deleteFramework: (id: string) => call<string>('delete_framework', { id }),
  /** Opens the native file dialog (in Rust) and previews the import; `null` when cancelled. */
  pickFrameworkFile: () => call<LadderPlan | null>('pick_framework_file'),
  importPickedFramework: () => call<LadderPlan>('import_picked_framework'),
  /** Opens the save dialog (in Rust) and writes the ladder's JSON; `null` when cancelled. */
  exportFramework: (id: string) => call<string | null>('export_framework', { id }),
  skills: (menteeId: string) => call<SkillStanding[]>('skills', { menteeId }),
  earlierAssessments: (menteeId: string) => call<EarlierAssessment[]>('earlier_assessments', { menteeId }),
  assess: (menteeId: string, input: NewAssessment) => call<Assessment>('assess', { menteeId, input }),

  trash: () => call<TrashItem[]>('trash'),
  restoreFromTrash: (id: string) => call<null>('restore_from_trash', { id }),
  emptyTrash: () => call<number>('empty_trash'),
  deleteMentee: (id: string) => call<null>('delete_mentee', { id }),
  /** To the trash; returns the trash item's id (for undo). */
  deleteGoal: (id: string) => call<string>('delete_goal', { id }),
  /** To the trash; returns the trash item's id (for undo). */
  deleteActionItem: (id: string) => call<string>('delete_action_item', { id }),
  revisions: (entryId: string) => call<Revision[]>('revisions', { entryId }),
  restoreRevision: (id: string) => call<EntryView>('restore_revision', { id }),

  listBackups: () => call<BackupView[]>('list_backups'),
  backupContents: (name: string) => call<BackupContents>('backup_contents', { name }),
  backupNow: () => call<string>('backup_now'),
  restoreBackup: (name: string) => call<JournalInfo>('restore_backup', { name }),
  /** Opens the native file dialog (in Rust); `null` when the user cancelled. */
  pickRestoreFile: () => call<BackupContents | null>('pick_restore_file'),
  restorePickedFile: () => call<JournalInfo>('restore_picked_file'),

  impactPreview: (options: SummaryOptions, format: Format) => call<ImpactPreview>('impact_preview', { options, format }),
  /** Opens the save dialog (in Rust) and writes the report previewed (`fingerprint`); `null` when cancelled. */
  exportImpact: (options: SummaryOptions, format: Format, fingerprint: string) =>
    call<string | null>('export_impact', { options, format, fingerprint }),
  summaryPreview: (menteeId: string, options: SummaryOptions, format: Format) =>
    call<SummaryPreview>('summary_preview', { menteeId, options, format }),
  /** Opens the save dialog (in Rust) and writes there; `null` when the user cancelled. */
  exportSummary: (menteeId: string, options: SummaryOptions, format: Format, fingerprint: string) =>
    call<string | null>('export_summary', { menteeId, options, format, fingerprint }),
  makeShareable: (entryId: string) => call<null>('make_shareable', { entryId }),

  search: (query: string, options: SearchOptions) => call<SearchHit[]>('search', { query, options }),

  /** Tells a startup benchmark the first view is on screen (a no-op otherwise). */
  startupProbe: (view: string) => call<null>('startup_probe', { view }),
};

let probed = false;
/** Reports the first rendered view once, after it has painted. */
export function reportFirstView(view: string): void {
  if (probed) return;
  probed = true;
  requestAnimationFrame(() => requestAnimationFrame(() => void ipc.startupProbe(view).catch(() => {})));
}
