// Due dates as typed (`+1w`, `next fri`, `2026-12-01`), read by the core before an action
// item is saved, so the app and the CLI read them alike.
import { ipc, toCommandError } from './ipc';

/** The day `text` means (`null` when empty); rejects with the core's message. */
export async function resolveDue(text: string): Promise<string | null> {
  const t = text.trim();
  return t === '' ? null : ipc.parseWhen(t);
}

/**
 * Reads every row's due date: the days, or the first row the core could not read with
 * its message (nothing is saved then).
 */
export async function resolveDues(
  rows: { due: string }[],
): Promise<{ ok: true; dues: (string | null)[] } | { ok: false; row: number; message: string }> {
  const dues: (string | null)[] = [];
  for (const [i, r] of rows.entries()) {
    try {
      dues.push(await resolveDue(r.due));
    } catch (e) {
      return { ok: false, row: i, message: toCommandError(e).message };
    }
  }
  return { ok: true, dues };
}
