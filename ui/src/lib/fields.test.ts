// Guards on the components themselves: the mistakes the walkthrough found must not come
// back in a new form.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['../**/*.svelte'], { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

describe('form fields', () => {
  it('sees the components', () => {
    expect(Object.keys(sources).length, 'the glob must find the Svelte files').toBeGreaterThan(10);
  });

  it('numbers are typed only through NumberField, which binds number | null', () => {
    const offenders = Object.entries(sources)
      .filter(([path, text]) => !path.endsWith('NumberField.svelte') && /type=["']number["']/.test(text))
      .map(([path]) => path);
    expect(offenders, 'use NumberField: a raw number input binds a number into a form typed for text').toEqual([]);
  });
});
