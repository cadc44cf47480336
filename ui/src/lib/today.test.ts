import { describe, expect, it } from 'vitest';
import type { TodayAction } from './bindings/TodayAction';
import { ownerLabel, splitFollowUps } from './today';

function action(id: string, mentee: string, overdue: boolean): TodayAction {
  return {
    action: {
      id,
      mentee_id: mentee,
      entry_id: null,
      text: id,
      owner: 'mentee',
      due: overdue ? '2026-01-01' : null,
      done_at: null,
      created_at: '',
    },
    mentee_name: mentee.toUpperCase(),
    overdue,
    private: false,
  };
}

describe('today', () => {
  it('separates overdue follow-ups from the rest and groups each by person, in rank order', () => {
    const { overdue, open } = splitFollowUps([
      action('a1', 'ana', true),
      action('b1', 'bo', true),
      action('a2', 'ana', true),
      action('a3', 'ana', false),
      action('c1', 'cy', false),
    ]);
    expect(overdue.map((g) => [g.menteeName, g.items.map((i) => i.action.id)])).toEqual([
      ['ANA', ['a1', 'a2']],
      ['BO', ['b1']],
    ]);
    expect(open.map((g) => [g.menteeName, g.items.map((i) => i.action.id)])).toEqual([
      ['ANA', ['a3']],
      ['CY', ['c1']],
    ]);
  });

  it('names the owner in words', () => {
    expect(ownerLabel('mentee')).toBe('owner: mentee');
    expect(ownerLabel('lead')).toBe('owner: you');
  });
});
