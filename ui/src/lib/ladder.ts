// Ladders in the window: how a level reads, which levels a dimension can be assessed at,
// a skill list toggled from the ladder's dimensions, the editor's moves, and the words
// for what an import or a save did. The rules themselves (ranks, branches, retiring)
// live in Rust; this is presentation.
import type { Dimension } from './bindings/Dimension';
import type { Ladder } from './bindings/Ladder';
import type { LadderPlan } from './bindings/LadderPlan';
import type { Level } from './bindings/Level';
import { splitList } from './format';

const BRANCH: Record<'ic' | 'manager', string> = { ic: 'IC', manager: 'People Manager' };

/** "Senior 2 (IC)": the name (the key when it is empty), with its branch unless the
 * name already says it — as the Rust side writes it. */
export function levelLabel(l: Level): string {
  const name = l.name || l.key;
  return l.branch && !name.includes('(') ? `${name} (${BRANCH[l.branch]})` : name;
}

export function dimensionLabel(d: Dimension): string {
  return d.name || d.key;
}

/** The levels a dimension can take a new assessment at: described there, not retired. */
export function assessableLevels(ladder: Pick<Ladder, 'levels'>, d: Dimension): Level[] {
  const described = new Set(d.expectations.map((e) => e.level));
  return ladder.levels.filter((l) => !l.retired && described.has(l.key));
}

export function expectation(d: Dimension, level: string): string | null {
  return d.expectations.find((e) => e.level === level)?.description ?? null;
}

/** Whether a skill list (comma-separated, as typed) names a dimension. */
export function namesDimension(skills: string, d: Dimension): boolean {
  return splitList(skills).some((s) => {
    const t = s.toLowerCase();
    return t === d.key || (d.name !== '' && t === d.name.toLowerCase());
  });
}

/** The skill list with a dimension added or taken out; other skills stay as typed. */
export function toggleDimension(skills: string, d: Dimension, on: boolean): string {
  const rest = splitList(skills).filter((s) => {
    const t = s.toLowerCase();
    return t !== d.key && !(d.name !== '' && t === d.name.toLowerCase());
  });
  return (on ? [...rest, d.key] : rest).join(', ');
}

/** Moves item `i` of a list one place up (-1) or down (+1); a copy. */
export function moved<T>(list: T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = list.slice();
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}

/** A key for a new level or dimension made from its name, unique among `taken`. */
export function newKey(name: string, taken: string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'new';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}-${n}`;
  return key;
}

/** What an import or a save did (or would do), in a sentence or two, naming levels and
 * dimensions as people read them. `kind`: an import's preview, an import, an edit. */
export function planWords(p: LadderPlan, kind: 'preview' | 'imported' | 'saved'): string {
  if (p.unchanged) {
    return kind === 'saved'
      ? 'Nothing changed.'
      : `${p.ladder.name} is already in the journal as it is in this file: nothing to change.`;
  }
  const verb =
    kind === 'saved' ? 'Saved' : p.updates ? (kind === 'preview' ? 'Will update' : 'Updated') : kind === 'preview' ? 'Will add' : 'Added';
  const parts = [`${verb} ${p.ladder.name}: ${p.shape}, ${p.expectations} expectations.`];
  const named = (key: string): string => {
    const l = p.ladder.levels.find((x) => x.key === key);
    if (l) return levelLabel(l);
    const d = p.ladder.dimensions.find((x) => x.key === key);
    return d ? dimensionLabel(d) : key;
  };
  const list = (what: string, keys: string[]) => {
    if (keys.length) parts.push(`${what}: ${keys.map(named).join(', ')}.`);
  };
  if (p.updates) {
    const kept = [...p.kept_levels, ...p.kept_dimensions];
    list('New', [...p.added_levels, ...p.added_dimensions]);
    list('Retired', [...p.retired_levels, ...p.retired_dimensions].filter((k) => !kept.includes(k)));
    list('Left out but cited by assessments or a mentee, so kept as retired', kept);
    // Removed ones are no longer in the ladder: their keys are all there is to name.
    if (p.removed_levels.length + p.removed_dimensions.length > 0) {
      parts.push(`Removed (nothing cited them): ${[...p.removed_levels, ...p.removed_dimensions].join(', ')}.`);
    }
  }
  return parts.join(' ');
}
