// The quick-log form as plain data: defaults per kind, validation with messages a person
// can act on, and conversion to the generated NewEntry / EntryEdit types.
import type { Aspiration } from './bindings/Aspiration';
import type { Driver } from './bindings/Driver';
import type { EntryDetails } from './bindings/EntryDetails';
import type { EntryEdit } from './bindings/EntryEdit';
import type { EntryKind } from './bindings/EntryKind';
import type { EntryView } from './bindings/EntryView';
import type { NewEntry } from './bindings/NewEntry';
import type { NoteKind } from './bindings/NoteKind';
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
  minutes: string;
  topic: string;
  driver: Driver | '';
  independence: string;
  wentWell: string;
  toImprove: string;
  links: string;
  leaning: string;
  aspiration: Aspiration | '';
  energizers: string;
  drainers: string;
  experiments: string;
  followUps: string;
}

export const NOTE_KINDS: NoteKind[] = ['one-on-one', 'code-review', 'observation', 'feedback', 'other'];
export const DRIVERS: Driver[] = ['mentee', 'lead', 'both'];
export const ASPIRATIONS: Aspiration[] = ['senior', 'staff', 'principal', 'tech-lead', 'em', 'director', 'undecided'];

/** Pairing sessions are meant to be shared; notes and track conversations are not. */
export function defaultVisibility(kind: EntryKind): Visibility {
  return kind === 'session' ? 'shareable' : 'private';
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
    minutes: '60',
    topic: '',
    driver: '',
    independence: '',
    wentWell: '',
    toImprove: '',
    links: '',
    leaning: '0',
    aspiration: '',
    energizers: '',
    drainers: '',
    experiments: '',
    followUps: '',
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

function int(text: string): number | null {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** Field → message for everything that would be refused. Empty when the form can be saved. */
export function validate(form: LogForm): Errors {
  const errors: Errors = {};
  if (!form.menteeId) errors.menteeId = 'Pick a mentee.';
  if (!isDay(form.date.trim())) errors.date = 'Date: a real day written YYYY-MM-DD.';
  if (form.kind === 'session') {
    const m = int(form.minutes);
    if (m === null || m < 1 || m > 1440) errors.minutes = 'Minutes: a whole number from 1 to 1440.';
    if (!form.topic.trim()) errors.topic = 'What did you pair on?';
    if (form.independence !== '') {
      const i = int(form.independence);
      if (i === null || i < 1 || i > 5) errors.independence = 'Independence: 1 to 5.';
    }
  }
  if (form.kind === 'track') {
    const l = int(form.leaning);
    if (l === null || l < -2 || l > 2) errors.leaning = 'Leaning: from -2 (IC) to +2 (management).';
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
        minutes: int(form.minutes) ?? 0,
        topic: form.topic.trim(),
        driver: form.driver === '' ? null : form.driver,
        independence: form.independence === '' ? null : int(form.independence),
        links: splitLines(form.links),
        went_well: opt(form.wentWell),
        to_improve: opt(form.toImprove),
      };
    case 'track':
      return {
        kind: 'track',
        leaning: int(form.leaning) ?? 0,
        aspiration: form.aspiration === '' ? null : form.aspiration,
        energizers: opt(form.energizers),
        drainers: opt(form.drainers),
        experiments: splitLines(form.experiments),
      };
  }
}

export function toNewEntry(form: LogForm): NewEntry {
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
    follow_ups: splitLines(form.followUps).map((text) => ({ text, owner: null, due: null })),
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
        minutes: String(e.minutes),
        topic: e.topic,
        driver: e.driver ?? '',
        independence: e.independence === null ? '' : String(e.independence),
        wentWell: e.went_well ?? '',
        toImprove: e.to_improve ?? '',
        links: e.links.join('\n'),
      };
    case 'track':
      return {
        ...base,
        leaning: String(e.leaning),
        aspiration: e.aspiration ?? '',
        energizers: e.energizers ?? '',
        drainers: e.drainers ?? '',
        experiments: e.experiments.join('\n'),
      };
  }
}
