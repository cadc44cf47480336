// The end-to-end harness: an X display, tauri-driver (light and dark), the built app on
// temp journals, and the helpers every test uses. Each helper checks what a person would
// check: typed text is read back from the field, saves are read back from the journal
// through the `trellis` CLI, every view passes axe, and no error went unseen.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { readTraces } from './network.mjs';
import { Keys, Session, sleep } from './webdriver.mjs';

export { Keys, sleep };

export const app = resolve(process.argv[2] ?? '');
if (!existsSync(app)) {
  console.error(`usage: node run.mjs /path/to/trellis-desktop (not found: ${app})`);
  process.exit(2);
}
/** The `trellis` CLI built beside the app (cargo builds both into one target folder). */
export const cliBin = join(dirname(app), 'trellis');
export const root = resolve(new URL('../..', import.meta.url).pathname);
export const shots = join(root, 'artifacts', 'e2e');
mkdirSync(shots, { recursive: true });
export const work = mkdtempSync(join(tmpdir(), 'trellis-e2e-'));
const children = [];

/**
 * Every launch of the app runs under strace, which records each network system call of
 * the app and of the WebKit processes it starts (seccomp-bpf: only those calls stop, so
 * the app runs at speed). `networkReport` reads the traces at the end of the run: the
 * proof that the app never reached beyond the machine.
 */
export const traces = join(work, 'net-traces');
mkdirSync(traces, { recursive: true });
const traced = join(work, 'trellis-desktop-traced');
try {
  execFileSync('strace', ['-V'], { stdio: 'ignore' });
} catch {
  console.error('strace is needed for the no-network proof (apt-get install strace)');
  process.exit(2);
}
writeFileSync(
  traced,
  `#!/bin/sh\nexec strace -f -ff -qq --seccomp-bpf -e trace=%network -e signal=none -o '${traces}/t' '${app}' "$@"\n`,
  { mode: 0o755 },
);

/** What the traced app did on the network (see network.mjs). */
export const networkReport = () => readTraces(traces);

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitForPort(port, timeout = 15_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`nothing answered on port ${port}`);
}

function start(cmd, args, env) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  children.push(child);
  child.log = () => log;
  return child;
}

export function cleanup() {
  for (const c of children.reverse()) c.kill('SIGTERM');
}
process.on('exit', cleanup);

export const display = `:${90 + Math.floor(Math.random() * 400)}`;
start('Xvfb', [display, '-screen', '0', '1280x860x24', '-nolisten', 'tcp']);
await sleep(800);
const driverBin = [join(homedir(), '.cargo/bin/tauri-driver'), 'tauri-driver'].find(
  (p) => p === 'tauri-driver' || existsSync(p),
);

/** A tauri-driver; the app it launches inherits its environment (GTK_THEME: dark). */
async function driver(theme) {
  const port = await freePort();
  // Each tauri-driver gets its own WebKitWebDriver port: two on the default port would
  // share one native driver, and with it one environment (one theme).
  const native = await freePort();
  const env = {
    DISPLAY: display,
    XDG_DATA_HOME: join(work, 'xdg'),
    // Never the user's journal, whatever a test forgets.
    TRELLIS_JOURNAL: join(work, 'default.db'),
    // WebKit in a VM without a GPU: software rendering.
    WEBKIT_DISABLE_COMPOSITING_MODE: '1',
    ...(theme === 'dark' ? { GTK_THEME: 'Adwaita:dark' } : {}),
  };
  const d = start(
    driverBin,
    ['--port', String(port), '--native-port', String(native), '--native-driver', '/usr/bin/WebKitWebDriver'],
    env,
  );
  await waitForPort(port).catch((e) => {
    console.error(d.log());
    throw e;
  });
  return { base: `http://127.0.0.1:${port}`, log: () => d.log() };
}

export const drivers = { light: await driver('light') };
/** The dark driver starts only when a test asks for it. */
export async function darkDriver() {
  drivers.dark ??= await driver('dark');
  return drivers.dark;
}

/** Launches the app on `journalPath`, at 1280×800, and waits for its window. */
export async function launch(journalPath, { theme = 'light', size = [1280, 800], locked = false } = {}) {
  // The previous test's app on this journal may still be quitting (its backup on quit):
  // a second one would only bring it to the front and exit. Wait until it is gone.
  for (let i = 0; i < 200; i++) {
    try {
      execFileSync('pgrep', ['-f', `trellis-desktop --journal ${journalPath}`], { stdio: 'ignore' });
    } catch {
      break;
    }
    await sleep(100);
  }
  const d = theme === 'dark' ? await darkDriver() : drivers.light;
  const s = await Session.create(d.base, {
    alwaysMatch: { 'tauri:options': { application: traced, args: ['--journal', journalPath] } },
  });
  await s.setSize(size[0], size[1]);
  // An encrypted journal opens on its unlock screen, and nothing else.
  await s.waitFor(locked ? 'section[aria-label="Unlock"]' : 'nav[aria-label="Main"]');
  return s;
}

/** A screenshot of the whole X display, the way a person would see the window. */
export async function shot(name) {
  await sleep(300); // let the last change paint
  execFileSync('import', ['-display', display, '-window', 'root', join(shots, `${name}.png`)]);
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function equal(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: expected ${e}, got ${a}`);
}

/** Runs the trellis CLI on a journal and returns its JSON output. */
export function cli(journal, ...args) {
  return cliWith({}, journal, ...args);
}

/** The same, with environment variables (e.g. TRELLIS_PASSPHRASE_FILE for an encrypted journal). */
export function cliWith(env, journal, ...args) {
  const out = execFileSync(cliBin, ['--journal', journal, ...args, '--json'], {
    env: { ...process.env, TRELLIS_JOURNAL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.toString());
}

/** Puts the cursor on an element and presses a key there, as a keyboard user does. */
export async function press(s, css, key = Keys.Enter) {
  assert(key, `a key to press on ${css}`);
  await s.waitFor(css);
  await s.execute('document.querySelector(arguments[0]).focus()', [css]);
  await s.keys(key);
}

/**
 * Types into the focused field as a person does — select what is there (Ctrl+A), type —
 * then reads the field back: a keystroke that did not land fails the test here.
 */
export async function typeHere(s, text, { expect = text, replace = true } = {}) {
  const id = await s.focused();
  assert(id && id !== 'body', `a field has the focus before typing “${text}” (focus: ${id})`);
  // Ctrl+A only where there is something to replace: the keystroke count is a person's.
  if (replace && (await s.value(`#${CSS.escape(id)}`)) !== '') await s.chord(Keys.Control, 'a');
  await s.type(text);
  const got = await s.value(`#${CSS.escape(id)}`);
  equal(got, expect, `the field #${id} holds what was typed`);
  return id;
}

/** Tab to the next field and check it is the one expected. */
export async function tabTo(s, id, { back = false } = {}) {
  if (back) await s.chord(Keys.Shift, Keys.Tab);
  else await s.keys(Keys.Tab);
  equal(await s.focused(), id, 'Tab moves to the next field');
}

// CSS.escape for ids in Node (the ids we use are plain).
const CSS = { escape: (x) => x.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`) };

const axeSource = readFileSync(join(root, 'ui', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core inside the real window: no serious or critical violation allowed. */
export async function axe(s, view) {
  const loaded = await s.execute('return typeof window.axe');
  if (loaded !== 'object') await s.execute(`${axeSource}; return typeof window.axe;`);
  const result = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     axe.run(document, { resultTypes: ['violations'] })
       .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))))
       .catch((e) => done([{ id: 'axe-failed', impact: 'critical', nodes: [String(e)] }]));`,
  );
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert(bad.length === 0, `axe on ${view}: ${JSON.stringify(bad)}`);
  return result;
}

/** Fails if any error reached the window's global handler (no error may be silent). */
export async function noErrors(s, where) {
  const errors = await s.execute('return window.__trellisErrors ?? []');
  assert(errors.length === 0, `unhandled errors ${where}: ${JSON.stringify(errors)}`);
}

/** Drives the native save (or open) dialog: types a full path into it and confirms. */
export async function nativeDialog(title, path, { open = false } = {}) {
  const env = { ...process.env, DISPLAY: display };
  // Only a dialog on screen: GTK keeps an earlier one with the same title around, unmapped.
  const win = execFileSync('xdotool', ['search', '--sync', '--onlyvisible', '--name', title], { env, timeout: 15_000 })
    .toString()
    .trim()
    .split('\n')[0];
  await sleep(600);
  execFileSync('xdotool', ['windowfocus', '--sync', win], { env });
  if (open) {
    // An open dialog has no name field: Ctrl+L opens its location entry first (typing
    // a "/" would open it too, but eats the keystrokes that follow while it appears).
    execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+l'], { env });
    await sleep(400);
  }
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+a'], { env });
  execFileSync('xdotool', ['type', '--delay', '5', path], { env });
  await sleep(300);
  execFileSync('xdotool', ['key', 'Return'], { env });
}

/** A fresh journal file in the temp folder (its own folder, so backups stay apart). */
let journals = 0;
export function freshJournal(name = 'journal') {
  journals += 1;
  const dir = join(work, `j${journals}`);
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.db`);
}

export const log = () => drivers.light.log();
