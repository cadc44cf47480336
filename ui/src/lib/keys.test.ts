import { describe, expect, it } from 'vitest';
import { actionFor, isSave, SHORTCUTS } from './keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('Ctrl+N opens the quick log from anywhere, even while typing', () => {
    expect(actionFor(key('n', { ctrlKey: true }), true)).toBe('quickLog');
    expect(actionFor(key('N', { metaKey: true }), false)).toBe('quickLog');
  });
  it('single letters are text while typing, shortcuts otherwise', () => {
    expect(actionFor(key('m'), true)).toBeNull();
    expect(actionFor(key('m'), false)).toBe('goMentees');
    expect(actionFor(key('?'), false)).toBe('shortcuts');
    expect(actionFor(key('t', { altKey: true }), false)).toBeNull();
  });
  it('Ctrl+K finds anything, also from a field; / only outside one', () => {
    expect(actionFor(key('k', { ctrlKey: true }), true)).toBe('palette');
    expect(actionFor(key('/'), false)).toBe('palette');
    expect(actionFor(key('/'), true)).toBeNull();
  });
  it('Ctrl+Shift+P toggles screen-share mode anywhere; Ctrl+P alone does nothing', () => {
    expect(actionFor(key('P', { ctrlKey: true, shiftKey: true }), true)).toBe('screenShare');
    expect(actionFor(key('p', { ctrlKey: true }), false)).toBeNull();
  });
  it('Ctrl+L locks from anywhere, even while typing; plain l stays a letter in a field', () => {
    expect(actionFor(key('l', { ctrlKey: true }), true)).toBe('lock');
    expect(actionFor(key('L', { metaKey: true }), false)).toBe('lock');
    expect(actionFor(key('l'), true)).toBeNull();
    expect(actionFor(key('l', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
  it('Ctrl+Enter saves, plain Enter does not', () => {
    expect(isSave(key('Enter', { ctrlKey: true }))).toBe(true);
    expect(isSave(key('Enter'))).toBe(false);
  });
  it('every listed shortcut is reachable', () => {
    for (const s of SHORTCUTS) {
      const k =
        s.keys === 'Ctrl+N'
          ? key('n', { ctrlKey: true })
          : s.keys === 'Ctrl+K or /'
            ? key('k', { ctrlKey: true })
            : s.keys === 'Ctrl+Shift+P'
              ? key('P', { ctrlKey: true, shiftKey: true })
              : s.keys === 'Ctrl+L'
                ? key('l', { ctrlKey: true })
                : key(s.keys.toLowerCase());
      expect(actionFor(k, false), s.keys).toBe(s.action);
    }
  });
});
