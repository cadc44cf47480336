// Formatting for people: dates in the user's locale, the product's scales in words.
import type { EntryKind } from './bindings/EntryKind';
import type { Cadence } from './bindings/Cadence';

/** 'YYYY-MM-DD' as a local calendar date (never shifted by time zones). */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** A local Date as 'YYYY-MM-DD'. */
export function toDay(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** Whether `text` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return toDay(parseDay(text)) === text;
}

/** A form's optional day: the day, `null` when left empty, `undefined` when it is not a real day. */
export function optionalDay(text: string): string | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return isDay(t) ? t : undefined;
}

export function todayDay(): string {
  return toDay(new Date());
}

/** A date as the user's locale writes it, e.g. "3 Mar 2026" or "Mar 3, 2026". */
export function formatDay(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(parseDay(day));
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000);
}

/** "in 3 days", "today", "2 days overdue". */
export function dueLabel(due: string, today: string): string {
  const d = daysBetween(today, due);
  if (d === 0) return 'due today';
  if (d === 1) return 'due tomorrow';
  if (d > 1) return `due in ${d} days`;
  return d === -1 ? '1 day overdue' : `${-d} days overdue`;
}

/** A cadence in words, as the core's `Cadence::words` says it. */
export const CADENCE_WORDS: Record<Cadence, string> = {
  weekly: 'weekly',
  biweekly: 'every two weeks',
  monthly: 'monthly',
  none: 'no set rhythm',
};

export const KIND_LABEL: Record<EntryKind, string> = {
  note: 'Note',
  session: 'Pairing session',
  track: 'Track conversation',
};

const LEANING: Record<number, string> = {
  [-2]: 'strongly IC',
  [-1]: 'leaning IC',
  0: 'undecided',
  1: 'leaning management',
  2: 'strongly management',
};

export function leaningLabel(leaning: number): string {
  return LEANING[leaning] ?? String(leaning);
}

export const INDEPENDENCE: Record<number, string> = {
  1: 'the lead drove, the mentee watched',
  2: 'the mentee drove with step-by-step guidance',
  3: 'the mentee drove, hints at key points',
  4: 'the mentee drove, the lead mostly observed',
  5: 'the mentee led and taught something back',
};

/** "1 session", "3 sessions". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "1 h 30 min", "45 min". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Splits "a, b,, c" into ["a", "b", "c"]. */
export function splitList(text: string, separator: RegExp = /,/): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** One item per non-empty line. */
export function splitLines(text: string): string[] {
  return splitList(text, /\r?\n/);
}

/** A moment (ms since the epoch, or an RFC 3339 timestamp) as the user's locale writes a
 * date and time — the one format the app uses for timestamps (trash, history, backups). */
export function formatMoment(at: number | string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

/** A time of day today, e.g. "14:05". */
export function formatTime(at: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(at));
}

/** A label that starts with a `YYYY-MM-DD` date (as the core writes trash labels), with
 * that date in the app's one date format. */
export function formatDatedLabel(label: string, locale?: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})( · .*)$/s.exec(label);
  return m && m[1] && isDay(m[1]) ? `${formatDay(m[1], locale)}${m[2] ?? ''}` : label;
}
