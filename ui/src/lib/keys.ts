// Keyboard shortcuts: one table, used by the handler and by the shortcuts list.

export type Action =
  | 'quickLog'
  | 'shortcuts'
  | 'goToday'
  | 'goMentees'
  | 'goGoals'
  | 'goLadders'
  | 'goImpact'
  | 'screenShare'
  | 'lock'
  | 'newMentee'
  | 'palette'
  | 'logForMentee'
  | 'newGoal'
  | 'assess'
  | 'editMentee'
  | 'summary'
  | 'agenda';

export interface Shortcut {
  action: Action;
  keys: string;
  label: string;
  /** Also works while typing in a field. */
  global?: boolean;
}

export const SHORTCUTS: Shortcut[] = [
  { action: 'quickLog', keys: 'Ctrl+N', label: 'Quick log: a note, pairing session or track conversation', global: true },
  { action: 'palette', keys: 'Ctrl+K or /', label: 'Find anything: people, notes, sessions, goals, commands', global: true },
  {
    action: 'screenShare',
    keys: 'Ctrl+Shift+P',
    label: 'Screen-share mode: blur private notes until pointed at (also in dialogs)',
    global: true,
  },
  { action: 'lock', keys: 'Ctrl+L', label: 'Lock Trellis (an encrypted journal): the window is cleared until the passphrase is typed', global: true },
  { action: 'shortcuts', keys: '?', label: 'Show these shortcuts' },
  { action: 'goToday', keys: 'T', label: 'Go to Today' },
  { action: 'goMentees', keys: 'M', label: 'Go to Mentees' },
  { action: 'goGoals', keys: 'G', label: 'Go to Goals' },
  { action: 'goLadders', keys: 'F', label: 'Go to Ladders (career frameworks)' },
  { action: 'goImpact', keys: 'I', label: 'Go to your mentoring impact report' },
  { action: 'newMentee', keys: 'N', label: 'New mentee' },
  { action: 'logForMentee', keys: 'L', label: 'On a mentee: log an entry for them' },
  { action: 'newGoal', keys: 'O', label: 'On a mentee: new goal' },
  { action: 'assess', keys: 'A', label: 'On a mentee: record an assessment' },
  { action: 'editMentee', keys: 'E', label: 'On a mentee: edit their details' },
  { action: 'summary', keys: 'S', label: 'On a mentee: growth summary and export' },
  { action: 'agenda', keys: 'P', label: 'On a mentee: prepare the next 1:1 (its agenda)' },
];

/** Keys that work in every dialog and form. */
export const FORM_KEYS: { keys: string; label: string }[] = [
  { keys: 'Ctrl+Enter', label: 'Save' },
  { keys: 'Esc', label: 'Close without saving' },
  { keys: 'Tab / Shift+Tab', label: 'Next / previous field' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
}

/** Whether focus is in a place where letters are text, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/** The action a key press asks for, if any. `typing` is whether focus is in a field. */
export function actionFor(e: KeyLike, typing: boolean): Action | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && e.key.toLowerCase() === 'n') return 'quickLog';
  if (mod && !e.altKey && e.key.toLowerCase() === 'k') return 'palette';
  if (mod && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'p') return 'screenShare';
  if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'l') return 'lock';
  if (typing || mod || e.altKey) return null;
  switch (e.key) {
    case '?':
      return 'shortcuts';
    case 't':
      return 'goToday';
    case 'm':
      return 'goMentees';
    case 'g':
      return 'goGoals';
    case 'f':
      return 'goLadders';
    case 'i':
      return 'goImpact';
    case 'n':
      return 'newMentee';
    case '/':
      return 'palette';
    case 'l':
      return 'logForMentee';
    case 'o':
      return 'newGoal';
    case 'a':
      return 'assess';
    case 'e':
      return 'editMentee';
    case 's':
      return 'summary';
    case 'p':
      return 'agenda';
    default:
      return null;
  }
}

/** Ctrl+Enter (or Cmd+Enter) saves a form. */
export function isSave(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && e.key === 'Enter';
}
