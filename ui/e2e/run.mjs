// End-to-end tests through the real Trellis window: the built binary, driven by
// tauri-driver + WebKitWebDriver under Xvfb, on temp journals (never the user's data).
// Usage: node ui/e2e/run.mjs /abs/path/to/trellis-desktop
// Screenshots of each main view go to artifacts/e2e/ (CI keeps them).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Keys, Session, sleep } from './webdriver.mjs';

const app = resolve(process.argv[2] ?? '');
if (!existsSync(app)) {
  console.error(`usage: node run.mjs /path/to/trellis-desktop (not found: ${app})`);
  process.exit(2);
}
const root = resolve(new URL('../..', import.meta.url).pathname);
const shots = join(root, 'artifacts', 'e2e');
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'trellis-e2e-'));
const children = [];

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

function cleanup() {
  for (const c of children.reverse()) c.kill('SIGTERM');
}
process.on('exit', cleanup);

// One X display and one tauri-driver for the whole run.
const display = `:${90 + Math.floor(Math.random() * 400)}`;
start('Xvfb', [display, '-screen', '0', '1280x860x24', '-nolisten', 'tcp']);
await sleep(800);
const port = await freePort();
const driverBin = [join(homedir(), '.cargo/bin/tauri-driver'), 'tauri-driver'].find((p) => p === 'tauri-driver' || existsSync(p));
const journal = join(work, 'journal.db');
const env = {
  DISPLAY: display,
  XDG_DATA_HOME: join(work, 'xdg'),
  TRELLIS_JOURNAL: journal,
  // WebKit in a VM without a GPU: software rendering, no sandbox surprises.
  WEBKIT_DISABLE_COMPOSITING_MODE: '1',
};
const driver = start(driverBin, ['--port', String(port), '--native-driver', '/usr/bin/WebKitWebDriver'], env);
await waitForPort(port).catch((e) => {
  console.error(driver.log());
  throw e;
});
const base = `http://127.0.0.1:${port}`;

async function launch(journalPath) {
  const s = await Session.create(base, {
    alwaysMatch: { 'tauri:options': { application: app, args: ['--journal', journalPath] } },
  });
  await s.waitFor('nav[aria-label="Main"]');
  return s;
}

/** A screenshot of the whole X display, the way a person would see the window. */
async function shot(_s, name) {
  await sleep(300); // let the last change paint
  await new Promise((res, rej) => {
    const p = spawn('import', ['-display', display, '-window', 'root', join(shots, `${name}.png`)]);
    p.on('exit', (code) => (code === 0 ? res() : rej(new Error(`import exited with ${code}`))));
  });
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('launch on an empty journal, add a mentee, quick-log a session by keyboard, relaunch', async () => {
  let s = await launch(journal);
  try {
    await s.waitFor('section[aria-label="Welcome"]');
    await shot(s, '1-welcome');

    // Create a mentee: N opens the form with the name focused; Ctrl+Enter saves.
    await s.type('n');
    await s.waitFor('dialog[aria-label="New mentee"]');
    await s.type('Priya Raman');
    await s.type(Keys.Tab + 'Backend Engineer' + Keys.Tab + 'L3' + Keys.Tab + 'Payments');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('section[aria-label="Priya Raman"] h1', { text: 'Priya Raman' });

    // Quick log from Today, keyboard only.
    await s.type('t');
    await s.waitFor('section[aria-label="Today"]');
    await s.chord(Keys.Control, 'n');
    await s.waitFor('dialog[aria-label="Quick log"]');
    await s.type('pri');
    await s.type(Keys.Enter);
    await s.type(Keys.Tab); // date (today)
    await s.type(Keys.Tab); // kind: pairing session is the default
    await s.type(Keys.Tab + 'Flaky integration test');
    await s.type(Keys.Tab + Keys.Control + 'a' + Keys.Null + '90');
    await s.type(Keys.Tab + 'm'); // driver: mentee
    await s.type(Keys.Tab + '3'); // independence 3
    await s.type(Keys.Tab + 'Formed a hypothesis first');
    await s.type(Keys.Tab + 'Reach for the profiler earlier');
    await s.type(Keys.Tab); // links
    await s.type(Keys.Tab + 'We paired on the **flaky** test.');
    await s.type(Keys.Tab); // preview toggle
    await s.type(Keys.Tab + 'Write up the root cause');
    await shot(s, '2-quick-log');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved' });
    assert(!(await s.findAll('dialog[open]')).length, 'the quick log closes after saving');

    // The follow-up is on Today.
    await s.waitFor('#follow-ups li', { text: 'Write up the root cause' });
    await shot(s, '3-today');

    // The session is on the mentee's timeline.
    await s.type('/');
    await s.type('pri' + Keys.Enter);
    const card = await s.waitFor('#timeline article[data-kind="session"]', { text: 'Flaky integration test' });
    const text = await s.text(card);
    assert(text.includes('independence 3/5'), `session shows its independence: ${text}`);
    assert(text.includes('Write up the root cause'), `session shows its follow-up: ${text}`);
    assert(text.includes('We paired on the flaky test.'), `session shows its body: ${text}`);
    assert((await s.findAll('#timeline article[data-kind="session"] strong')).length > 0, 'Markdown is rendered');
    await shot(s, '4-mentee');
  } finally {
    await s.delete();
  }

  // Quit and relaunch: everything is still there.
  s = await launch(journal);
  try {
    await s.waitFor('#follow-ups li', { text: 'Write up the root cause' });
    await s.type('m');
    await s.waitFor('section[aria-label="Mentees"] li', { text: 'Priya Raman' });
    await shot(s, '5-mentees');
    await s.type('/');
    await s.type('priya' + Keys.Enter);
    await s.waitFor('#timeline article[data-kind="session"]', { text: 'Flaky integration test' });
  } finally {
    await s.delete();
  }
});

test('a note with script and event-handler payloads renders as inert text', async () => {
  const s = await launch(journal);
  try {
    await s.type('m');
    await s.type('/');
    await s.type('priya' + Keys.Enter);
    await s.waitFor('section[aria-label="Priya Raman"]');
    await s.type('l');
    await s.waitFor('dialog[aria-label="Quick log"]');
    const payload = [
      '<script>window.__pwned = "script"</script>',
      '<img src=x onerror="window.__pwned = \'img\'">',
      '<b onmouseover="window.__pwned = \'hover\'">hover me</b>',
      '[click me](javascript:window.__pwned=\'link\')',
    ].join('\n\n');
    // Focus starts in the first field of the kind; the kind radios are one Shift+Tab back.
    await s.type(Keys.Shift + Keys.Tab + Keys.Null);
    await s.type('\uE012'); // ArrowLeft: pairing session -> note
    await s.waitFor('#log-subkind');
    const body = await s.find('#log-body');
    await s.cmd('POST', `/element/${body}/value`, { text: payload });
    await s.click(await s.find('#log-preview-toggle'));
    await sleep(500); // the live preview renders
    await shot(s, '6-xss-preview');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved' });
    const card = await s.waitFor('#timeline article[data-kind="note"]', { text: 'window.__pwned' });
    const links = await s.findAll('#timeline article[data-kind="note"] a');
    for (const a of links) await s.click(a).catch(() => {});
    const [pwned, dangerous, shown] = await s.execute(`
      const notes = document.querySelectorAll('#timeline article[data-kind="note"]');
      const bad = document.querySelectorAll(
        'article script, article img, article [onerror], article [onmouseover], article a[href^="javascript"]');
      return [window.__pwned ?? null, bad.length, notes[0] ? notes[0].textContent : ''];`);
    assert(pwned === null, `no payload ran (window.__pwned = ${pwned})`);
    assert(dangerous === 0, `no live script, image or handler in the timeline (${dangerous})`);
    assert(shown.includes('<script>'), 'the script tag is shown as text');
    await shot(s, '7-xss-timeline');
    assert((await s.text(card)).includes('hover me'), 'the text survives');

    // The summary preview shows the shared session, and lists the private note for the
    // lead alone, outside the document.
    await s.type('s');
    const doc = await s.waitFor('pre[aria-label="Export preview"]', { text: 'Flaky integration test' });
    assert(!(await s.text(doc)).includes('__pwned'), 'the private note is not in the document');
    await s.waitFor('#left-out li', { text: 'Note' });
    await shot(s, '11-summary');

    // Delete the note (it goes to the trash), then restore it from the trash.
    await s.type('m');
    await s.type('/');
    await s.type('priya' + Keys.Enter);
    const note = await s.waitFor('#timeline article[data-kind="note"]');
    const buttons = await s.findAll('#timeline article[data-kind="note"] footer button');
    await s.click(buttons[buttons.length - 1]); // Delete…
    await s.waitFor('#timeline article[data-kind="note"] footer', { text: 'Move this entry to the trash?' });
    const confirm = await s.findAll('#timeline article[data-kind="note"] footer button.danger');
    await s.click(confirm[0]);
    await s.waitFor('[role="status"]', { text: 'Moved to the trash' });
    assert((await s.findAll('#timeline article[data-kind="note"]')).length === 0, 'the note left the timeline');
    const trashLink = (await s.findAll('nav button')).at(-3);
    await s.click(trashLink);
    await s.waitFor('dialog[aria-label="Trash"] li', { text: 'Note' });
    await shot(s, '12-trash');
    await s.click(await s.find('dialog[aria-label="Trash"] li button'));
    await s.waitFor('[role="status"]', { text: 'Restored' });
    await s.type(Keys.Escape);
    await s.waitFor('#timeline article[data-kind="note"]', { text: 'window.__pwned' });
    void note;
  } finally {
    await s.delete();
  }
});

test('the demo journal opens from the welcome screen, labelled as demo', async () => {
  const fresh = join(work, 'fresh.db');
  const s = await launch(fresh);
  try {
    await s.waitFor('section[aria-label="Welcome"]');
    const buttons = await s.findAll('section[aria-label="Welcome"] button');
    await s.click(buttons[1]);
    await s.waitFor('.demo-banner', { text: 'Demo journal', timeout: 30_000 });
    await s.waitFor('#latest li');
    await shot(s, '8-demo-today');
    await s.type('g');
    await s.waitFor('section[aria-label="Goals"] article');
    await shot(s, '9-goals');
    await s.type('?');
    await s.waitFor('dialog[aria-label="Keyboard shortcuts"]');
    await shot(s, '10-shortcuts');
    await s.type(Keys.Escape);
  } finally {
    await s.delete();
  }
});

let passed = 0;
let failed = 0;
for (const t of tests) {
  const started = Date.now();
  try {
    await t.fn();
    passed += 1;
    console.log(`ok - ${t.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    console.log(`FAILED - ${t.name}\n  ${e.stack ?? e}`);
    console.log(driver.log().split('\n').slice(-20).join('\n'));
  }
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
cleanup();
rmSync(work, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
