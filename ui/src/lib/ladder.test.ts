import { describe, expect, it } from 'vitest';
import type { Dimension } from './bindings/Dimension';
import type { Level } from './bindings/Level';
import type { LadderPlan } from './bindings/LadderPlan';
import { assessableLevels, levelLabel, moved, namesDimension, newKey, planWords, toggleDimension } from './ladder';

const level = (key: string, name: string, branch: Level['branch'] = null, retired = false): Level => ({
  key,
  name,
  description: '',
  branch,
  retired,
});
const dim: Dimension = {
  key: 'leadership',
  name: '👩‍💼 Leadership',
  description: '',
  retired: false,
  expectations: [
    { level: '3', description: 'Leads' },
    { level: '4', description: 'Leads more' },
  ],
};

describe('ladder', () => {
  it('labels a branch level once', () => {
    expect(levelLabel(level('s2', 'Senior 2', 'ic'))).toBe('Senior 2 (IC)');
    expect(levelLabel(level('s2', 'Senior 2 (People Manager)', 'manager'))).toBe('Senior 2 (People Manager)');
    expect(levelLabel(level('l-α', ''))).toBe('l-α');
  });

  it('offers only described, current levels for a new assessment', () => {
    const levels = [level('1', 'Level 1'), level('3', 'Level 3'), level('4', 'Level 4', null, true)];
    expect(assessableLevels({ levels }, dim).map((l) => l.key)).toEqual(['3']);
  });

  it('toggles a dimension in a typed skill list and keeps the free-text ones', () => {
    expect(toggleDimension('sql, debugging', dim, true)).toBe('sql, debugging, leadership');
    expect(namesDimension('sql, 👩‍💼 leadership', dim)).toBe(true);
    expect(toggleDimension('sql, 👩‍💼 Leadership', dim, false)).toBe('sql');
  });

  it('moves within bounds and makes unique keys', () => {
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(newKey('Staff Engineer', ['staff-engineer'])).toBe('staff-engineer-2');
    expect(newKey('🚀', [])).toBe('new');
  });
});

describe('planWords', () => {
  const plan = (over: Partial<LadderPlan>): LadderPlan => ({
    ladder: {
      key: 'x',
      name: 'Engineering',
      description: '',
      levels: [level('senior-2-pm', 'Senior 2', 'manager', true), level('principal-pm', 'Principal', 'manager', true)],
      dimensions: [],
    },
    updates: 'id',
    framework_id: 'id',
    shape: '6 levels, 9 dimensions',
    expectations: 54,
    added_levels: [],
    added_dimensions: [],
    retired_levels: ['senior-2-pm', 'principal-pm'],
    retired_dimensions: [],
    kept_levels: ['senior-2-pm'],
    kept_dimensions: [],
    removed_levels: [],
    removed_dimensions: [],
    unchanged: false,
    source: null,
    ...over,
  });

  it('tells what the person retired from what was kept because something cites it, by name', () => {
    const words = planWords(plan({}), 'saved');
    expect(words).toContain('Retired: Principal (People Manager).');
    expect(words).toContain('kept as retired: Senior 2 (People Manager).');
    expect(words.startsWith('Saved Engineering')).toBe(true);
  });

  it('says nothing changed without mentioning a file when an edit changed nothing', () => {
    expect(planWords(plan({ unchanged: true }), 'saved')).toBe('Nothing changed.');
    expect(planWords(plan({ unchanged: true }), 'preview')).toContain('in this file');
  });
});
