// Filter-as-you-type for people's names: every word typed must start a word of the name
// (or of the team/role), case- and accent-insensitively.

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function words(s: string): string[] {
  return fold(s).split(/[\s\-–—,.;:/()]+/).filter(Boolean);
}

/** Whether every word of `query` starts some word of the haystack fields. */
export function matches(query: string, ...fields: (string | null | undefined)[]): boolean {
  const q = words(query);
  if (q.length === 0) return true;
  const hay = fields.flatMap((f) => (f ? words(f) : []));
  return q.every((w) => hay.some((h) => h.startsWith(w)));
}

/** Items whose fields match, those matching by name first (stable otherwise). */
export function filterBy<T>(items: T[], query: string, fields: (item: T) => (string | null | undefined)[]): T[] {
  return items.filter((item) => matches(query, ...fields(item)));
}
