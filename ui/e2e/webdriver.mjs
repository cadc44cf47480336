// A small W3C WebDriver client over plain HTTP (Node's fetch): just what the end-to-end
// tests need to drive the real Trellis window through tauri-driver.

export const Keys = {
  Null: '\uE000',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Escape: '\uE00C',
  Backspace: '\uE003',
  Space: '\uE00D',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
};


const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
    /** Every key press sent, as a person would count them (a chord is one). */
    this.keystrokes = 0;
  }

  static async create(base, capabilities) {
    const value = await request(base, 'POST', '/session', { capabilities });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async delete() {
    await this.cmd('DELETE', '');
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /** Waits until `css` matches an element (optionally one whose text includes `text`). */
  async waitFor(css, { text, timeout = 10_000 } = {}) {
    const end = Date.now() + timeout;
    let last = '';
    while (Date.now() < end) {
      try {
        for (const el of await this.findAll(css)) {
          const t = await this.text(el);
          if (text === undefined || t.includes(text)) return el;
          last = t;
        }
      } catch {
        // not there yet
      }
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${css}${text ? ` with text “${text}”` : ''}; last text: ${last.slice(0, 200)}`);
  }

  text(el) {
    return this.cmd('GET', `/element/${el}/text`);
  }

  click(el) {
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  async active() {
    const v = await this.cmd('GET', '/element/active');
    return v[ELEMENT];
  }

  /**
   * Presses keys through the WebDriver Actions API, as a keyboard would: each character
   * (or special key) is a key down and up. Element send-keys is not used: WebKitWebDriver
   * drops modifier chords there (Ctrl+A never reached the field).
   */
  async keys(...sequence) {
    const actions = [];
    for (const part of sequence) {
      for (const ch of Array.from(part)) {
        actions.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch });
        this.keystrokes += 1;
      }
    }
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  /** Types text into whatever has focus (Actions API, one key per character). */
  async type(text) {
    await this.keys(text);
  }

  /** The value of a form field, read back from the page. */
  async value(css) {
    return this.execute(
      `const el = document.querySelector(arguments[0]); return el ? String(el.value ?? '') : null;`,
      [css],
    );
  }

  /** The id (or tag) of the focused element. */
  async focused() {
    return this.execute(`const a = document.activeElement; return a ? (a.id || a.tagName.toLowerCase()) : null;`);
  }

  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  setSize(width, height) {
    return this.cmd('POST', '/window/rect', { width, height });
  }

  /** Presses a chord (Ctrl+N, Ctrl+Enter, Shift+Tab) through the Actions API: one keystroke. */
  async chord(...keys) {
    this.keystrokes += 1;
    const down = keys.map((value) => ({ type: 'keyDown', value }));
    const up = keys
      .slice()
      .reverse()
      .map((value) => ({ type: 'keyUp', value }));
    await this.cmd('POST', '/actions', {
      actions: [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }],
    });
    await this.cmd('DELETE', '/actions');
  }

  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    // Launching the app can take a while on a cold machine; nothing else should.
    signal: AbortSignal.timeout(path === '/session' ? 120_000 : 30_000),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    const v = json.value ?? {};
    throw new Error(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ''}`.trim());
  }
  return json.value;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
