import { describe, expect, it } from 'vitest';
import { Drafts, applyTemplate, defaultVisibility, emptyForm, firstBlank, fromEntry, isBlank, toNewEntry, validate, withKind } from './quicklog';
import type { Template } from './bindings/Template';
import type { EntryView } from './bindings/EntryView';

const M = '01a201c6-0b66-73ac-bb8b-c70480ecb169';

describe('quick log', () => {
  it('visibility defaults by kind until the user picks one', () => {
    expect(defaultVisibility('session')).toBe('shareable');
    expect(defaultVisibility('note')).toBe('private');
    let f = emptyForm('2026-03-01', M, 'session');
    expect(f.visibility).toBe('shareable');
    f = withKind(f, 'track');
    expect(f.visibility).toBe('private');
    f = { ...withKind(f, 'note'), visibility: 'shareable', visibilityTouched: true };
    expect(withKind(f, 'track').visibility).toBe('shareable');
  });

  it('says what is missing before anything is sent', () => {
    const f = { ...emptyForm('2026-03-01', null, 'session'), minutes: 0, independence: 7 };
    expect(Object.keys(validate(f)).sort()).toEqual(['independence', 'menteeId', 'minutes', 'topic']);
    expect(validate({ ...emptyForm('2026-03-01', M, 'track'), leaning: 3 }).leaning).toMatch(/-2/);
  });

  it('holds what a number field binds: a number, or null when the field is emptied', () => {
    // What <input type="number"> gives after the user clears it or types 90.
    const typed = { ...emptyForm('2026-03-01', M, 'session'), topic: 'Flaky test', minutes: 90, independence: 5 };
    expect(validate(typed)).toEqual({});
    expect(toNewEntry(typed).details).toMatchObject({ minutes: 90, independence: 5 });
    expect(validate({ ...typed, minutes: null }).minutes).toMatch(/1 to 1440/);
    expect(validate({ ...typed, minutes: 12.5 }).minutes).toMatch(/whole number/);
    expect(validate({ ...typed, independence: null })).toEqual({});
  });

  it('builds a pairing session with follow-ups as the core expects it', () => {
    const f = {
      ...emptyForm('2026-03-01', M, 'session'),
      topic: ' Flaky test ',
      minutes: 90,
      independence: 3,
      driver: 'mentee' as const,
      links: 'https://x/pr/1\n\n',
      followUps: [
        { text: 'Write the ADR', owner: 'mentee' as const, due: '+1w' },
        { text: '  ', owner: 'lead' as const, due: '' },
        { text: 'Add the CI check', owner: 'lead' as const, due: '' },
      ],
      tags: 'win, ',
    };
    expect(validate(f)).toEqual({});
    const e = toNewEntry(f, ['2026-03-08', null, null]);
    expect(e.details).toEqual({
      kind: 'session',
      minutes: 90,
      topic: 'Flaky test',
      driver: 'mentee',
      independence: 3,
      links: ['https://x/pr/1'],
      went_well: null,
      to_improve: null,
    });
    expect(e.follow_ups).toEqual([
      { text: 'Write the ADR', owner: 'mentee', due: '2026-03-08' },
      { text: 'Add the CI check', owner: 'lead', due: null },
    ]);
    expect(e.tags).toEqual(['win']);
    expect(e.visibility).toBe('shareable');
  });

  it('an edit form round-trips an entry', () => {
    const view: EntryView = {
      id: 'e',
      mentee_id: M,
      date: '2026-02-01',
      title: null,
      body: 'b',
      visibility: 'private',
      starred: true,
      tags: ['a'],
      skills: [],
      created_at: '',
      updated_at: '',
      follow_ups: [],
      outcomes: [],
      body_html: '<p>b</p>',
      kind: 'track',
      leaning: -1,
      aspiration: 'staff',
      energizers: null,
      drainers: 'meetings',
      experiments: ['Run the retro'],
    };
    const f = fromEntry(view);
    expect(f.visibilityTouched).toBe(true);
    expect(toNewEntry(f).details).toEqual({
      kind: 'track',
      leaning: -1,
      aspiration: 'staff',
      energizers: null,
      drainers: 'meetings',
      experiments: ['Run the retro'],
    });
  });

  it('keeps a draft per mentee and kind, finds it again, and forgets it on save', () => {
    const drafts = new Drafts();
    const blank = emptyForm('2026-03-01', M, 'session');
    expect(isBlank(blank)).toBe(true);
    expect(drafts.keep(blank)).toBe(false);
    expect(drafts.size).toBe(0);

    const session = { ...blank, topic: 'Flaky test', minutes: 90 };
    expect(isBlank(session)).toBe(false);
    expect(drafts.keep(session, 1)).toBe(true);
    const note = { ...emptyForm('2026-03-01', M, 'note'), body: 'Feels stretched' };
    drafts.keep(note, 2);
    const other = { ...emptyForm('2026-03-01', 'someone-else', 'session'), topic: 'Other' };
    drafts.keep(other, 3);

    expect(drafts.find(M, 'session')?.form.topic).toBe('Flaky test');
    expect(drafts.find(M)?.form.body).toBe('Feels stretched');
    expect(drafts.find(null)?.form.topic).toBe('Other');
    expect(drafts.find('nobody')).toBeNull();

    // A second Esc on the same mentee and kind replaces the older draft.
    drafts.keep({ ...session, topic: 'Flaky test, part 2' }, 4);
    expect(drafts.size).toBe(3);
    expect(drafts.find(M, 'session')?.form.topic).toBe('Flaky test, part 2');

    // The draft is a copy: later typing in the live form does not change it.
    const live = { ...note, body: 'x' };
    drafts.keep(live, 5);
    live.body = 'changed';
    expect(drafts.find(M, 'note')?.form.body).toBe('x');
    // Follow-ups too: only a follow-up typed is something to keep, and the copy is deep.
    const withFollowUp = { ...emptyForm('2026-03-01', M, 'track') };
    expect(isBlank(withFollowUp)).toBe(true);
    withFollowUp.followUps = [{ text: 'Book the review', owner: 'lead', due: '+1w' }];
    expect(isBlank(withFollowUp)).toBe(false);
    drafts.keep(withFollowUp, 6);
    withFollowUp.followUps[0]!.text = 'changed';
    expect(drafts.find(M, 'track')?.form.followUps[0]?.text).toBe('Book the review');
    drafts.clear(M, 'track');

    drafts.clear(M, 'session');
    expect(drafts.find(M, 'session')).toBeNull();
    expect(drafts.size).toBe(2);
  });

  it('a template fills only what is empty and puts the cursor where writing starts', () => {
    const sbi: Template = {
      id: 't',
      name: 'SBI feedback',
      kind: 'note',
      subkind: 'feedback',
      body: '## Situation\n\n\n## Behaviour\n\n',
      fields: { topic: null, went_well: null, to_improve: null, energizers: null, drainers: null, experiments: [], tags: ['feedback'] },
      created_at: '',
      updated_at: '',
    };
    expect(firstBlank(sbi.body)).toBe('## Situation\n'.length);
    expect(firstBlank('no headings')).toBe('no headings'.length);
    const note = { ...emptyForm('2026-03-01', M, 'note'), tags: 'growth' };
    const r = applyTemplate(note, sbi);
    expect(r.form.body).toBe(sbi.body);
    expect(r.form.subkind).toBe('feedback');
    expect(r.form.tags).toBe('growth, feedback');
    expect(r).toMatchObject({ focus: 'log-body', caret: 13 });
    // Typed text stays; the template's body does not replace it.
    const typed = applyTemplate({ ...note, body: 'Mine' }, sbi);
    expect(typed.form.body).toBe('Mine');
    expect(typed.caret).toBeNull();
    expect(note.body).toBe('');

    const pairing: Template = { ...sbi, kind: 'session', subkind: null, body: '## Goal\n\n', fields: { ...sbi.fields, topic: 'Debugging', tags: [] } };
    const s = applyTemplate(emptyForm('2026-03-01', M, 'session'), pairing);
    expect(s.form.topic).toBe('Debugging');
    expect(s.focus).toBe('log-body');
    const noTopic = applyTemplate(emptyForm('2026-03-01', M, 'session'), { ...pairing, fields: { ...pairing.fields, topic: null } });
    expect(noTopic.focus).toBe('log-topic');
  });
});
