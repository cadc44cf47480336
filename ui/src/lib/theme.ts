// Light or dark: the OS's choice (followed live), or the one made in Settings. The root
// element carries the result as `data-theme`, which app.css reads; it is set before the
// app mounts, so the first paint is already right.
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'trellis.theme';
const dark = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

export function readTheme(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function paint(choice: ThemeChoice): void {
  const resolved = choice === 'system' ? (dark()?.matches ? 'dark' : 'light') : choice;
  document.documentElement.dataset.theme = resolved;
}

/** Applies `choice` now and remembers it (not in the journal: it is this window's look). */
export function setTheme(choice: ThemeChoice): void {
  try {
    globalThis.localStorage?.setItem(KEY, choice);
  } catch {
    // Not remembered: the theme still applies until the window closes.
  }
  paint(choice);
}

/** At start: paints the remembered choice and follows the OS while it is `system`. */
export function startTheme(): void {
  paint(readTheme());
  dark()?.addEventListener('change', () => paint(readTheme()));
}
