import { describe, expect, it } from 'vitest';
import { daysBetween, dueLabel, formatDatedLabel, formatDay, formatMinutes, formatMoment, leaningLabel, optionalDay, parseDay, splitLines, splitList, toDay } from './format';

describe('dates', () => {
  it('reads YYYY-MM-DD as a local calendar day, whatever the time zone', () => {
    const d = parseDay('2026-03-01');
    expect([d.getFullYear(), d.getMonth(), d.getDate()]).toEqual([2026, 2, 1]);
    expect(toDay(d)).toBe('2026-03-01');
  });
  it('reads an optional day: empty is none, a real day is kept, anything else is refused', () => {
    expect(optionalDay('  ')).toBeNull();
    expect(optionalDay(' 2026-03-01 ')).toBe('2026-03-01');
    expect(optionalDay('2026-02-30')).toBeUndefined();
    expect(optionalDay('next week')).toBeUndefined();
  });
  it('formats in the given locale', () => {
    expect(formatDay('2026-03-01', 'en-US')).toBe('Mar 1, 2026');
    expect(formatDay('2026-03-01', 'de-DE')).toBe('01.03.2026');
  });
  it('counts days across month ends and DST changes', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-27', '2026-03-30')).toBe(3);
  });
  it('says how due something is', () => {
    expect(dueLabel('2026-03-01', '2026-03-01')).toBe('due today');
    expect(dueLabel('2026-03-02', '2026-03-01')).toBe('due tomorrow');
    expect(dueLabel('2026-03-05', '2026-03-01')).toBe('due in 4 days');
    expect(dueLabel('2026-02-28', '2026-03-01')).toBe('1 day overdue');
    expect(dueLabel('2026-02-20', '2026-03-01')).toBe('9 days overdue');
  });
});

describe('words for scales', () => {
  it('names the leaning', () => {
    expect(leaningLabel(-2)).toBe('strongly IC');
    expect(leaningLabel(1)).toBe('leaning management');
  });
  it('writes durations', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
  });
  it('splits lists and lines, dropping blanks', () => {
    expect(splitList(' a, b,, c ')).toEqual(['a', 'b', 'c']);
    expect(splitLines('one\r\n\n two \n')).toEqual(['one', 'two']);
  });
});

describe('typed dates', () => {
  it('accepts only real days written YYYY-MM-DD', async () => {
    const { isDay } = await import('./format');
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay('')).toBe(false);
  });
});

describe('counts', () => {
  it('pluralizes', async () => {
    const { count } = await import('./format');
    expect(count(1, 'session')).toBe('1 session');
    expect(count(0, 'note')).toBe('0 notes');
  });
});

describe('one date format', () => {
  it('writes a dated label with the same date format as everything else', () => {
    expect(formatDatedLabel('2026-03-05 · Flaky test', 'en-GB')).toBe(`${formatDay('2026-03-05', 'en-GB')} · Flaky test`);
    expect(formatDatedLabel('Lead a design review', 'en-GB')).toBe('Lead a design review');
    expect(formatDatedLabel('2026-02-30 · not a day', 'en-GB')).toBe('2026-02-30 · not a day');
  });

  it('writes moments (timestamps) with the date format of formatDay', () => {
    const m = formatMoment('2026-03-05T14:05:00Z', 'en-GB');
    expect(m.startsWith(formatDay('2026-03-05', 'en-GB'))).toBe(true);
  });
});
