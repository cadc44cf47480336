// The quick-log form as plain data: defaults per kind, validation with messages a person
// can act on, and conversion to the generated NewEntry / EntryEdit types. Numbers are held
// as `number | null` (what NumberField and a <select> of numbers bind), never as text.
import type { Aspiration } from './bindings/Aspiration';
import type { Driver } from './bindings/Driver';
import type { EntryDetails } from './bindings/EntryDetails';
import type { EntryEdit } from './bindings/EntryEdit';
import type { EntryKind } from './bindings/EntryKind';
import type { EntryView } from './bindings/EntryView';
import type { NewEntry } from './bindings/NewEntry';
import type { NoteKind } from './bindings/NoteKind';
import type { Owner } from './bindings/Owner';
import type { Template } from './bindings/Template';
import type { Visibility } from './bindings/Visibility';
import { isDay, splitLines, splitList } from './format';

export interface LogForm {
  menteeId: string | null;
  kind: EntryKind;
  date: string;
  title: string;
  body: string;
  visibility: Visibility;
  /** Set once the user picks a visibility; then changing kind no longer changes it. */
  visibilityTouched: boolean;
  starred: boolean;
  tags: string;
  skills: string;
  subkind: NoteKind;
  minutes: number | null;
  topic: string;
  driver: Driver | '';
  independence: number | null;
  wentWell: string;
  toImprove: string;
  links: string;
  leaning: number;
  aspiration: Aspiration | '';
  energizers: string;
  drainers: string;
  experiments: string;
  /** Action items made with the entry, each with its owner and a due date as typed. */
  followUps: FollowUpRow[];
}

/** One follow-up in the form: `due` is what was typed (`+1w`, `fri`, `2026-12-01`, or empty). */
export interface FollowUpRow {
  text: string;
  owner: Owner;
  due: string;
}

export const emptyFollowUp = (): FollowUpRow => ({ text: '', owner: 'mentee', due: '' });

/** A copy that shares nothing with `form` (drafts and restored drafts stay apart from the live form). */
export function copyForm(form: LogForm): LogForm {
  return { ...form, followUps: form.followUps.map((f) => ({ ...f })) };
}

export const NOTE_KINDS: NoteKind[] = ['one-on-one', 'code-review', 'observation', 'feedback', 'other'];
export const DRIVERS: Driver[] = ['mentee', 'lead', 'both'];
export const ASPIRATIONS: Aspiration[] = ['senior', 'staff', 'principal', 'tech-lead', 'em', 'director', 'undecided'];

/**
 * A new entry's visibility by kind: PRODUCT.md's defaults (sessions shared, notes and track
 * conversations not) until the journal's settings are loaded (`setVisibilityDefaults`).
 */
const visibilityDefaults: Record<EntryKind, Visibility> = { note: 'private', session: 'shareable', track: 'private' };

/** Takes the journal's settings (the app calls this whenever it reads them). */
export function setVisibilityDefaults(s: { note_visibility: Visibility; session_visibility: Visibility; track_visibility: Visibility }): void {
  visibilityDefaults.note = s.note_visibility;
  visibilityDefaults.session = s.session_visibility;
  visibilityDefaults.track = s.track_visibility;
}

export function defaultVisibility(kind: EntryKind): Visibility {
  return visibilityDefaults[kind];
}

export function emptyForm(today: string, menteeId: string | null = null, kind: EntryKind = 'session'): LogForm {
  return {
    menteeId,
    kind,
    date: today,
    title: '',
    body: '',
    visibility: defaultVisibility(kind),
    visibilityTouched: false,
    starred: false,
    tags: '',
    skills: '',
    subkind: 'one-on-one',
    minutes: 60,
    topic: '',
    driver: '',
    independence: null,
    wentWell: '',
    toImprove: '',
    links: '',
    leaning: 0,
    aspiration: '',
    energizers: '',
    drainers: '',
    experiments: '',
    followUps: [emptyFollowUp()],
  };
}

/** Changes the kind; the visibility follows the kind's default until the user picks one. */
export function withKind(form: LogForm, kind: EntryKind): LogForm {
  return {
    ...form,
    kind,
    visibility: form.visibilityTouched ? form.visibility : defaultVisibility(kind),
  };
}

export type Errors = Partial<Record<keyof LogForm, string>>;

/** Whether `n` is a whole number from `min` to `max`. */
function within(n: number | null, min: number, max: number): n is number {
  return n !== null && Number.isInteger(n) && n >= min && n <= max;
}

/** The order of the fields on screen, so the first invalid one can take the focus. */
export const FIELD_ORDER: (keyof LogForm)[] = ['menteeId', 'date', 'topic', 'minutes', 'independence', 'leaning'];

/** Field → message for everything that would be refused. Empty when the form can be saved. */
export function validate(form: LogForm): Errors {
  const errors: Errors = {};
  if (!form.menteeId) errors.menteeId = 'Pick a mentee.';
  if (!isDay(form.date.trim())) errors.date = 'Date: a real day written YYYY-MM-DD.';
  if (form.kind === 'session') {
    if (!within(form.minutes, 1, 1440)) errors.minutes = 'Minutes: a whole number from 1 to 1440.';
    if (!form.topic.trim()) errors.topic = 'What did you pair on?';
    if (form.independence !== null && !within(form.independence, 1, 5)) errors.independence = 'Independence: 1 to 5.';
  }
  if (form.kind === 'track' && !within(form.leaning, -2, 2)) {
    errors.leaning = 'Leaning: from -2 (IC) to +2 (management).';
  }
  return errors;
}

function opt(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

export function toDetails(form: LogForm): EntryDetails {
  switch (form.kind) {
    case 'note':
      return { kind: 'note', subkind: form.subkind };
    case 'session':
      return {
        kind: 'session',
        minutes: form.minutes ?? 0,
        topic: form.topic.trim(),
        driver: form.driver === '' ? null : form.driver,
        independence: form.independence,
        links: splitLines(form.links),
        went_well: opt(form.wentWell),
        to_improve: opt(form.toImprove),
      };
    case 'track':
      return {
        kind: 'track',
        leaning: form.leaning,
        aspiration: form.aspiration === '' ? null : form.aspiration,
        energizers: opt(form.energizers),
        drainers: opt(form.drainers),
        experiments: splitLines(form.experiments),
      };
  }
}

/**
 * `dues[i]` is row i's due date as the core read it (`null`: none); rows without text are
 * left out.
 */
export function toNewEntry(form: LogForm, dues: (string | null)[] = []): NewEntry {
  if (!form.menteeId) throw new Error('Pick a mentee.');
  return {
    mentee_id: form.menteeId,
    date: form.date.trim(),
    title: opt(form.title),
    body: form.body,
    visibility: form.visibility,
    starred: form.starred,
    tags: splitList(form.tags),
    skills: splitList(form.skills),
    details: toDetails(form),
    follow_ups: form.followUps
      .map((f, i) => ({ text: f.text.trim(), owner: f.owner, due: dues[i] ?? null }))
      .filter((f) => f.text !== ''),
  };
}

export function toEdit(form: LogForm): EntryEdit {
  return {
    date: form.date,
    title: opt(form.title),
    body: form.body,
    visibility: form.visibility,
    starred: form.starred,
    tags: splitList(form.tags),
    skills: splitList(form.skills),
    details: toDetails(form),
  };
}

/** The form that edits an existing entry. */
export function fromEntry(e: EntryView): LogForm {
  const base: LogForm = {
    ...emptyForm(e.date, e.mentee_id, e.kind),
    title: e.title ?? '',
    body: e.body,
    visibility: e.visibility,
    visibilityTouched: true,
    starred: e.starred,
    tags: e.tags.join(', '),
    skills: e.skills.join(', '),
  };
  switch (e.kind) {
    case 'note':
      return { ...base, subkind: e.subkind };
    case 'session':
      return {
        ...base,
        minutes: e.minutes,
        topic: e.topic,
        driver: e.driver ?? '',
        independence: e.independence,
        wentWell: e.went_well ?? '',
        toImprove: e.to_improve ?? '',
        links: e.links.join('\n'),
      };
    case 'track':
      return {
        ...base,
        leaning: e.leaning,
        aspiration: e.aspiration ?? '',
        energizers: e.energizers ?? '',
        drainers: e.drainers ?? '',
        experiments: e.experiments.join('\n'),
      };
  }
}

/** Fields that say *what* is being logged rather than what was typed. */
const FRAME: (keyof LogForm)[] = ['menteeId', 'date', 'kind', 'visibility', 'visibilityTouched', 'subkind'];

/** Whether nothing was typed beyond the defaults (so there is nothing to keep). */
export function isBlank(form: LogForm): boolean {
  const base = emptyForm(form.date, form.menteeId, form.kind);
  return (Object.keys(base) as (keyof LogForm)[])
    .filter((k) => !FRAME.includes(k))
    .every((k) => {
      if (k === 'followUps') return form.followUps.every((f) => f.text.trim() === '' && f.due.trim() === '');
      const a = form[k];
      const b = base[k];
      return typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : a === b;
    });
}

/** A quick log closed before it was saved. */
export interface Draft {
  form: LogForm;
  /** When it was set aside (ms since the epoch). */
  at: number;
}

/**
 * Quick logs closed without saving, one per mentee and kind, so Esc never loses typed
 * text: the next Ctrl+N for that mentee (or the next one at all) brings it back, and a
 * save clears it. Held in memory only: private text is never written outside the journal.
 */
export class Drafts {
  private items: Draft[] = [];

  private static key(menteeId: string | null, kind: EntryKind): string {
    return `${menteeId ?? ''}/${kind}`;
  }

  /** Sets `form` aside (replacing an older draft for the same mentee and kind). */
  keep(form: LogForm, at: number = Date.now()): boolean {
    this.clear(form.menteeId, form.kind);
    if (isBlank(form)) return false;
    this.items.push({ form: copyForm(form), at });
    return true;
  }

  /** The newest draft for this mentee (and kind, if given); with no mentee, the newest of all. */
  find(menteeId: string | null, kind?: EntryKind): Draft | null {
    for (let i = this.items.length - 1; i >= 0; i -= 1) {
      const d = this.items[i];
      if (!d) continue;
      if (menteeId !== null && d.form.menteeId !== menteeId) continue;
      if (kind !== undefined && d.form.kind !== kind) continue;
      return d;
    }
    return null;
  }

  clear(menteeId: string | null, kind: EntryKind): void {
    const key = Drafts.key(menteeId, kind);
    this.items = this.items.filter((d) => Drafts.key(d.form.menteeId, d.form.kind) !== key);
  }

  get size(): number {
    return this.items.length;
  }
}

/** Where the writing starts in a template's body: the first empty line after a heading (else the end). */
export function firstBlank(body: string): number {
  const lines = body.split('\n');
  let at = 0;
  let afterHeading = false;
  for (const line of lines) {
    if (afterHeading && line.trim() === '') return at;
    afterHeading = afterHeading || /^#{1,6} /.test(line);
    at += line.length + 1;
  }
  return body.length;
}

/**
 * Fills what the form leaves empty from a template of its kind — the body, the kind's
 * fields, a note's kind — and adds its tags. Returns the new form and where the cursor
 * goes: the first required field still blank, else the body at its first blank line.
 */
export function applyTemplate(form: LogForm, t: Template): { form: LogForm; focus: string; caret: number | null } {
  const blank = (s: string) => s.trim() === '';
  const f = t.fields;
  const next: LogForm = copyForm(form);
  if (blank(next.body)) next.body = t.body;
  if (t.kind === 'note' && t.subkind) next.subkind = t.subkind;
  if (t.kind === 'session') {
    if (blank(next.topic) && f.topic) next.topic = f.topic;
    if (blank(next.wentWell) && f.went_well) next.wentWell = f.went_well;
    if (blank(next.toImprove) && f.to_improve) next.toImprove = f.to_improve;
  }
  if (t.kind === 'track') {
    if (blank(next.energizers) && f.energizers) next.energizers = f.energizers;
    if (blank(next.drainers) && f.drainers) next.drainers = f.drainers;
    if (blank(next.experiments) && f.experiments.length > 0) next.experiments = f.experiments.join('\n');
  }
  if (f.tags.length > 0) {
    const have = splitList(next.tags);
    next.tags = [...have, ...f.tags.filter((x) => !have.includes(x))].join(', ');
  }
  if (next.kind === 'session' && blank(next.topic)) return { form: next, focus: 'log-topic', caret: null };
  return { form: next, focus: 'log-body', caret: next.body === t.body ? firstBlank(t.body) : null };
}
