import { describe, expect, it } from 'vitest';
import { filterBy, matches } from './filter';

describe('filter as you type', () => {
  it('matches the start of any word, ignoring case and accents', () => {
    expect(matches('pri', 'Priya Raman')).toBe(true);
    expect(matches('ram', 'Priya Raman')).toBe(true);
    expect(matches('elo', 'Élodie Martin')).toBe(true);
    expect(matches('iya', 'Priya Raman')).toBe(false);
  });
  it('needs every typed word to match somewhere', () => {
    expect(matches('pri pay', 'Priya Raman', 'Payments')).toBe(true);
    expect(matches('pri search', 'Priya Raman', 'Payments')).toBe(false);
  });
  it('an empty query keeps everything', () => {
    const people = [{ n: 'A' }, { n: 'B' }];
    expect(filterBy(people, '  ', (p) => [p.n])).toEqual(people);
  });
});
