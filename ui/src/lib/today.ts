// Today's follow-ups as a person reads them: overdue apart from the rest, grouped by the
// mentee they concern (in the order the core ranks them: most pressing first).
import type { TodayAction } from './bindings/TodayAction';

export interface MenteeGroup {
  menteeId: string;
  menteeName: string;
  items: TodayAction[];
}

function group(items: TodayAction[]): MenteeGroup[] {
  const groups = new Map<string, MenteeGroup>();
  for (const f of items) {
    const id = f.action.mentee_id;
    let g = groups.get(id);
    if (!g) {
      g = { menteeId: id, menteeName: f.mentee_name, items: [] };
      groups.set(id, g);
    }
    g.items.push(f);
  }
  return [...groups.values()];
}

/** Overdue follow-ups and the rest (due later or undated), each grouped by mentee. */
export function splitFollowUps(followUps: TodayAction[]): { overdue: MenteeGroup[]; open: MenteeGroup[] } {
  return {
    overdue: group(followUps.filter((f) => f.overdue)),
    open: group(followUps.filter((f) => !f.overdue)),
  };
}

/** "owner: mentee" / "owner: you" — the lead is the person using Trellis. */
export function ownerLabel(owner: 'mentee' | 'lead'): string {
  return owner === 'lead' ? 'owner: you' : 'owner: mentee';
}
