// The one way to attempt a command from the UI: at most one run at a time (a double press
// does nothing), its error kept to show beside the control that started it (never
// silent, never thrown away), the field the core refused named so a form can put the
// cursor there, and a journal changed elsewhere answered by refreshing what is shown.
import { app } from './app.svelte';
import { toCommandError } from './ipc';

export class Attempt {
  busy = $state(false);
  problem = $state<string | null>(null);
  /** For refused input: the field the core named (`topic`, `tag`, `minutes`, …). */
  field = $state<string | null>(null);
  /** The record asked about is no longer in the journal (deleted elsewhere). */
  gone = $state(false);

  constructor(private readonly prefix: string = '') {}

  /** Runs `f` unless a run is under way. True when it finished without an error. */
  async run(f: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.problem = null;
    this.field = null;
    try {
      await f();
      return true;
    } catch (e) {
      const err = toCommandError(e);
      if (err.code === 'not_found' || err.code === 'stale') {
        // Deleted or changed elsewhere (the CLI beside the app): show the journal as it is.
        app.refresh();
        this.problem = `${this.prefix}${err.code === 'stale' ? err.message : 'it was changed or deleted elsewhere (by the trellis command?); what you see is up to date now'}.`;
      } else {
        this.problem = `${this.prefix}${err.message}`;
      }
      this.field = err.field;
      return false;
    } finally {
      this.busy = false;
    }
  }

  private generation = 0;

  /**
   * For reads: every call runs (a newer one is never skipped), and only the newest call's
   * result — or error — is kept.
   */
  async latest<T>(f: () => Promise<T>, keep: (value: T) => void): Promise<void> {
    this.generation += 1;
    const mine = this.generation;
    try {
      const value = await f();
      if (mine === this.generation) {
        keep(value);
        this.problem = null;
        this.gone = false;
      }
    } catch (e) {
      if (mine === this.generation) {
        const err = toCommandError(e);
        this.gone = err.code === 'not_found';
        this.problem = `${this.prefix}${err.message}`;
      }
    }
  }

  /** Shows a problem found before anything was sent (a rule the form checks itself). */
  refuse(problem: string, field: string | null = null): void {
    this.problem = problem;
    this.field = field;
  }

  /** Forgets the problem; an answer to a read still on its way is dropped too. */
  clear(): void {
    this.generation += 1;
    this.problem = null;
    this.field = null;
  }
}
