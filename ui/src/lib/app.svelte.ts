// The app's shared state as one rune controller: which view is showing, which dialog is
// open, the open journal, quick-log drafts, and a version number views watch to reload
// after a save. Errors nobody caught end up here too, visible, never silent.
import type { EntryView } from './bindings/EntryView';
import type { Goal } from './bindings/Goal';
import type { JournalInfo } from './bindings/JournalInfo';
import type { Mentee } from './bindings/Mentee';
import type { EntryKind } from './bindings/EntryKind';
import type { RecordKind } from './bindings/RecordKind';
import type { Settings } from './bindings/Settings';
import { ipc, toCommandError, whenLocked } from './ipc';
import { Drafts, setVisibilityDefaults } from './quicklog';

/** A record to bring into view on its mentee's page (a search hit). */
export type Focus = { kind: RecordKind; id: string };

export type View =
  | { name: 'today' }
  | { name: 'mentees' }
  | { name: 'mentee'; id: string; focus?: Focus; tab?: 'agenda' }
  | { name: 'goals' }
  | { name: 'ladders' }
  | { name: 'impact' }
  | { name: 'ladder'; id: string }
  | { name: 'summary'; id: string };

export type Dialog =
  | { kind: 'quicklog'; menteeId?: string; entryKind?: EntryKind }
  | { kind: 'edit-entry'; entry: EntryView }
  | { kind: 'mentee'; mentee?: Mentee }
  | { kind: 'goal'; menteeId: string; goal?: Goal }
  | { kind: 'assess'; menteeId: string; dimension?: string }
  | { kind: 'palette' }
  | { kind: 'shortcuts' }
  | { kind: 'backups' }
  | { kind: 'trash' }
  | { kind: 'templates' }
  | { kind: 'settings' }
  | { kind: 'export-import' }
  | { kind: 'encryption' };

const SCREEN_SHARE = 'trellis.screenShare';
const SCREEN_SHARE_AT_START = 'trellis.screenShareAtStart';
const NOTIFY = 'trellis.notify';
const LOCK_AFTER = 'trellis.lockAfterMinutes';
/** The idle lock's default, in minutes. */
export const DEFAULT_LOCK_AFTER = 15;
/** How long before an idle lock the window warns (ms). */
const LOCK_WARNING = 60_000;
/** A gap this long between two ticks of a 5-second timer means the machine slept. */
const SLEPT = 20_000;

function readNumber(key: string, fallback: number): number {
  try {
    const v = globalThis.localStorage?.getItem(key);
    const n = v === null || v === undefined ? NaN : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  } catch {
    return fallback;
  }
}

function readFlag(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === '1';
  } catch {
    return false;
  }
}

/** A remembered on/off choice, `fallback` when never made. */
function readChoice(key: string, fallback: boolean): boolean {
  try {
    const v = globalThis.localStorage?.getItem(key);
    return v === null || v === undefined ? fallback : v === '1';
  } catch {
    return fallback;
  }
}

function writeFlag(key: string, on: boolean): void {
  try {
    globalThis.localStorage?.setItem(key, on ? '1' : '0');
  } catch {
    // Not remembered (storage unavailable): the mode still works for this session.
  }
}

class App {
  view = $state<View>({ name: 'today' });
  dialog = $state<Dialog | null>(null);
  journal = $state<JournalInfo | null>(null);
  /** Mentees not archived, for pickers and the welcome check. */
  mentees = $state<Mentee[]>([]);
  /** The journal's settings in effect (loaded with the mentees). */
  settings = $state<Settings | null>(null);
  /** Archived mentees: offered by the Quick log picker on their exact name. */
  archived = $state<Mentee[]>([]);
  loaded = $state(false);
  /** Bumped after every write; views reload when it changes. */
  version = $state(0);
  toast = $state<string | null>(null);
  /** The toast quotes a private entry (a link's address): screen-share mode blurs it. */
  toastPrivate = $state(false);
  /** The trash item the toast offers to bring back (after a delete), or none. */
  toastUndo = $state<string | null>(null);
  /** Screen-share mode: private notes' text blurred until hovered or focused. Kept
   * across launches (in the window's own storage), so a lead who presents stays safe. */
  /** Every start is in screen-share mode (Settings), whatever the last session left. */
  screenShareAtStart = $state(readFlag(SCREEN_SHARE_AT_START));
  screenShare = $state(readFlag(SCREEN_SHARE) || readFlag(SCREEN_SHARE_AT_START));
  problem = $state<string | null>(null);
  /** Minutes without a key press or pointer move before an encrypted journal locks
   * (0: never). Kept in the window's storage. */
  lockAfter = $state(readNumber(LOCK_AFTER, DEFAULT_LOCK_AFTER));
  /** Seconds left before the idle lock, while the warning shows. */
  lockingIn = $state<number | null>(null);
  /** Ctrl+L over an open dialog: the dialog asks first (what is typed there would go). */
  lockAsked = $state(false);
  private lastActivity = Date.now();
  private lastTick = Date.now();
  /** Quick logs closed before they were saved, per journal (a demo's draft never
   * follows the lead back into their own journal). */
  private draftsByJournal = new Map<string, Drafts>();
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  async init(): Promise<void> {
    whenLocked(() => this.showLocked());
    this.watchIdle();
    // The notification switch lives with the window; Rust keeps it for this run.
    void ipc.setNotifications(this.notify).catch(() => {});
    try {
      this.journal = await ipc.journalInfo();
      // Locked: nothing is read until the unlock screen has the passphrase.
      if (this.journal.locked) return;
      await this.reloadMentees();
    } catch (e) {
      this.problem = toCommandError(e).message;
    } finally {
      this.loaded = true;
    }
    // Once the first view is up: the whole-file check, which takes seconds on a large
    // journal. Damage shows as the recovery notice, with the newest good backup.
    setTimeout(() => {
      ipc
        .checkIntegrity()
        .then((info) => {
          if (info.recovery && this.journal?.path === info.path) this.journal = info;
        })
        .catch((e) => this.fail(e));
    }, 0);
  }

  /** The journal is encrypted and unlocked: the idle and sleep locks apply. */
  get lockable(): boolean {
    return !!this.journal?.lockable && !this.journal.locked;
  }

  /**
   * Locks: Rust closes the journal and forgets its key, then the window reloads, which
   * drops every view, dialog and draft from memory and shows the unlock screen.
   */
  /** Ctrl+L: locks at once, unless a dialog is open — then the dialog asks (a second
   * Ctrl+L, or its Lock button, locks). */
  askLock(): void {
    if (this.dialog && !this.lockAsked && this.journal?.lockable) {
      this.lockAsked = true;
      return;
    }
    void this.lock();
  }

  async lock(): Promise<void> {
    this.lockAsked = false;
    if (!this.journal?.lockable) {
      this.say('Locking needs an encrypted journal: see Lock & encryption');
      return;
    }
    try {
      await ipc.lockJournal();
    } finally {
      this.showLocked();
    }
  }

  private showLocked(): void {
    location.reload();
  }

  /** Any key press or pointer move: the idle clock starts again. */
  active(): void {
    this.lastActivity = Date.now();
    if (this.lockingIn !== null) this.lockingIn = null;
  }

  setLockAfter(minutes: number): void {
    this.lockAfter = minutes;
    try {
      globalThis.localStorage?.setItem(LOCK_AFTER, String(minutes));
    } catch {
      // Not remembered: applies to this session.
    }
  }

  private watching = false;

  /** Every 5 seconds: lock after the idle time (warning a minute before), and after the
   * machine slept (timers do not run while it sleeps, so the tick comes late). */
  private watchIdle(): void {
    if (this.watching) return;
    this.watching = true;
    setInterval(() => {
      const now = Date.now();
      const slept = now - this.lastTick > SLEPT;
      this.lastTick = now;
      if (!this.lockable) return;
      if (slept) {
        void this.lock();
        return;
      }
      // Rust may have locked on its own (the machine slept): the window follows.
      ipc
        .journalInfo()
        .then((info) => {
          if (info.locked) this.showLocked();
        })
        .catch(() => {});
      if (this.lockAfter <= 0) return;
      const left = this.lastActivity + this.lockAfter * 60_000 - now;
      if (left <= 0) void this.lock();
      else if (left <= LOCK_WARNING) this.lockingIn = Math.ceil(left / 1000);
    }, 5000);
  }

  async reloadMentees(): Promise<void> {
    const all = await ipc.listMentees(true);
    this.mentees = all.filter((m) => !m.archived);
    this.archived = all.filter((m) => m.archived);
    // The journal's settings come along: a new entry's visibility follows them.
    this.settings = await ipc.settings();
    setVisibilityDefaults(this.settings);
  }

  /** The drafts of the journal that is open. */
  get drafts(): Drafts {
    const key = this.journal?.path ?? '';
    let d = this.draftsByJournal.get(key);
    if (!d) {
      d = new Drafts();
      this.draftsByJournal.set(key, d);
    }
    return d;
  }

  /**
   * Shows the journal as it is now: another process (the `trellis` command) may have
   * written to it. Called when the window gets the focus back, and when a command finds
   * that something it was asked about changed or is gone.
   */
  refresh(): void {
    this.version += 1;
    this.reloadMentees().catch((e) => this.fail(e));
  }

  go(view: View): void {
    this.view = view;
    this.dialog = null;
  }

  open(dialog: Dialog): void {
    this.dialog = dialog;
    this.lockAsked = false;
  }

  close(): void {
    this.dialog = null;
    this.lockAsked = false;
  }

  toggleScreenShare(): void {
    this.screenShare = !this.screenShare;
    writeFlag(SCREEN_SHARE, this.screenShare);
    this.say(this.screenShare ? 'Screen-share mode on: private notes are blurred' : 'Screen-share mode off');
  }


  /**
   * After a write returned: say so, and let every view reload. Never throws: a failure
   * to reload is shown like any other unexpected error (the write itself is done).
   */
  async saved(message: string): Promise<void> {
    this.version += 1;
    this.say(message);
    try {
      await this.reloadMentees();
    } catch (e) {
      this.fail(e);
    }
  }

  /** OS notifications of what is due (on unless switched off in Settings). */
  notify = $state(readChoice(NOTIFY, true));

  async setNotify(on: boolean): Promise<void> {
    this.notify = on;
    writeFlag(NOTIFY, on);
    await ipc.setNotifications(on);
    this.say(on ? 'Trellis will notify you of what is due while it runs' : 'No notifications');
  }

  setScreenShareAtStart(on: boolean): void {
    this.screenShareAtStart = on;
    writeFlag(SCREEN_SHARE_AT_START, on);
    this.say(on ? 'Trellis will start in screen-share mode' : 'Trellis will start as you left it');
  }

  say(message: string, secret = false): void {
    this.toast = message;
    this.toastPrivate = secret;
    this.toastUndo = null;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast = null), 4000);
  }

  /** After a delete: says so, with Undo (and Ctrl+Z) restoring the trash item for ten seconds. */
  async deleted(message: string, trashId: string): Promise<void> {
    await this.saved(`${message} — Ctrl+Z undoes`);
    this.toastUndo = trashId;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      this.toast = null;
      this.toastUndo = null;
    }, 10000);
  }

  /** The toast's Undo: brings the deleted record back from the trash. */
  async undoDelete(): Promise<void> {
    const id = this.toastUndo;
    if (id === null) return;
    this.toastUndo = null;
    try {
      await ipc.restoreFromTrash(id);
      await this.saved('Restored');
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * An error nothing else caught (a thrown exception, a rejected promise): shown at the
   * top of the window, recorded for the end-to-end tests, and never swallowed. Forms stay
   * open with what was typed.
   */
  fail(e: unknown): void {
    const message = toCommandError(e).message;
    this.problem = `Something went wrong: ${message}. Nothing you typed was thrown away; try again, and if it keeps happening, restart Trellis.`;
    const w = window as unknown as { __trellisErrors?: string[] };
    (w.__trellisErrors ??= []).push(message);
    console.error(e);
  }

  private switching = false;

  async switchJournal(demo: boolean): Promise<void> {
    // A second click while the demo is being written does nothing.
    if (this.switching) return;
    this.switching = true;
    try {
      this.journal = demo ? await ipc.openDemoJournal() : await ipc.openOwnJournal();
      this.view = { name: 'today' };
      this.dialog = null;
      this.version += 1;
      await this.reloadMentees();
    } catch (e) {
      this.problem = toCommandError(e).message;
    } finally {
      this.switching = false;
    }
  }

  /** After a restore: the journal's contents changed under every view. */
  async restored(info: JournalInfo): Promise<void> {
    this.journal = info;
    this.dialog = null;
    this.view = { name: 'today' };
    await this.saved('Backup restored; the journal as it was is kept beside it');
  }

  menteeName(id: string): string {
    return this.mentees.find((m) => m.id === id)?.name ?? '';
  }
}

export const app = new App();
