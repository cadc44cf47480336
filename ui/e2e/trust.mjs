// What must never happen in the window: an error nobody sees, a payload that runs, a
// link that takes the window away, another journal's backup offered as this one's, a
// filter that steals the letters, an empty journal with nowhere to go.
import {
  Keys,
  assert,
  axe,
  cli,
  equal,
  freshJournal,
  launch,
  noErrors,
  shot,
  sleep,
  tabTo,
  typeHere,
} from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('an empty journal never dead-ends: add a mentee from Quick log, from Goals, and a namesake on purpose', async () => {
  const journal = freshJournal();
  const s = await launch(journal);
  try {
    await s.waitFor('section[aria-label="Welcome"]');
    // G and M lead somewhere useful, not to the welcome screen again.
    await s.keys('g');
    await s.waitFor('section[aria-label="Goals"] button', { text: 'Add your first mentee' });
    await s.keys('m');
    await s.waitFor('section[aria-label="Mentees"] button', { text: 'Add your first mentee' });

    // Quick log with nobody yet: type a name, the picker offers to add her right there.
    await s.chord(Keys.Control, 'n');
    await s.waitFor('dialog[aria-label="Quick log"]');
    await typeHere(s, 'Ana Lima');
    await s.waitFor('#mentee-options li.add', { text: 'Add “Ana Lima” as a new mentee' });
    await s.keys(Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Added Ana Lima' });
    await tabTo(s, 'log-date');
    await tabTo(s, 'log-kind-session');
    await tabTo(s, 'log-template');
    await tabTo(s, 'log-topic');
    await typeHere(s, 'First session');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved' });
    equal(cli(journal, 'timeline', 'ana').map((e) => e.topic), ['First session'], 'logged for the mentee added on the spot');

    // Another "Ana Lima": asked once, then added as a second person.
    await s.keys('n');
    await s.waitFor('dialog[aria-label="New mentee"]');
    await typeHere(s, 'ana lima');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('#mentee-name-error', { text: 'Another person with the same name?' });
    equal(cli(journal, 'mentee', 'list').length, 1, 'nothing was added yet');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('section[aria-label="ana lima"] h1');
    equal(cli(journal, 'mentee', 'list').length, 2, 'asked twice, the namesake is added');
    await noErrors(s, 'on the empty journal');
  } finally {
    await s.delete();
  }
});

test('screen-share mode blurs private notes until pointed at, over dialogs too, and is remembered', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  cli(journal, 'mentee', 'add', 'Priya Raman');
  const secret = cli(journal, 'note', 'add', 'priya', '--title', 'Worried about burnout', '--text', 'SECRET-CANARY she is exhausted');
  const open = cli(journal, 'session', 'add', 'priya', '--minutes', '30', '--topic', 'Pairing on the cache', '--shareable');
  // A private session's follow-up: as private as the session, on Today and in the trash.
  cli(journal, 'session', 'add', 'priya', '--minutes', '20', '--topic', 'Leave plans', '--private', '--follow-up', 'SECRET-FOLLOW ask about her leave');
  /** The blur on a private card's title and body, and on the shared card's title. */
  const blurs = (s) =>
    s.execute(
      `const f = (sel) => { const el = document.querySelector(sel); return el ? getComputedStyle(el).filter : 'missing'; };
       return [f('article[data-entry-id="${secret.id}"] h3'), f('article[data-entry-id="${secret.id}"] .markdown'),
               f('article[data-entry-id="${open.id}"] h3')];`,
    );
  let s = await launch(journal);
  try {
    await s.waitFor('nav button', { text: 'Priya Raman' });
    await s.click(await s.find('nav .people button'));
    await s.waitFor(`article[data-entry-id="${secret.id}"]`);
    equal(await blurs(s), ['none', 'none', 'none'], 'nothing is blurred before the mode is on');
    await s.chord(Keys.Control, Keys.Shift, 'p');
    await s.waitFor('.share-banner');
    await sleep(300);
    const [title, body, shared] = await blurs(s);
    assert(title.includes('blur') && body.includes('blur'), `the private note is blurred: ${title} / ${body}`);
    equal(shared, 'none', 'a shareable session stays readable');
    await shot('screen-share-on');
    // Moving into the note reads it.
    await s.execute(`document.querySelector('article[data-entry-id="${secret.id}"]').focus()`);
    await sleep(300);
    equal((await blurs(s)).slice(0, 2), ['none', 'none'], 'focused, it is readable');
    // The palette's first hit is highlighted without anyone asking: still blurred.
    await s.chord(Keys.Control, 'k');
    await s.waitFor('dialog[aria-label="Find anything"]');
    await typeHere(s, 'burnout');
    await s.waitFor('#palette-list li.private-text');
    await sleep(250);
    const hit = await s.execute("return getComputedStyle(document.querySelector('#palette-list li.private-text .label')).filter");
    assert(hit.includes('blur'), `a private hit is blurred in the palette: ${hit}`);
    await s.keys(Keys.Escape);
    // Today's latest entries too.
    await s.keys('t');
    await s.waitFor('#latest li.private-text .label');
    await sleep(250);
    const latest = await s.execute("return getComputedStyle(document.querySelector('#latest li.private-text .label')).filter");
    assert(latest.includes('blur'), `Today's latest private entry is blurred: ${latest}`);
    const follow = await s.execute(
      `const el = [...document.querySelectorAll('.what span')].find((x) => x.textContent.includes('SECRET-FOLLOW'));
       return el ? getComputedStyle(el).filter : 'missing';`,
    );
    assert(follow.includes('blur'), `a private session's follow-up is blurred on Today: ${follow}`);
    await shot('screen-share-today');
    // The shortcut works over a dialog too.
    await s.chord(Keys.Control, 'n');
    await s.waitFor('dialog[aria-label="Quick log"]');
    await s.chord(Keys.Control, Keys.Shift, 'p');
    await s.waitFor('[role="status"]', { text: 'Screen-share mode off' });
    await s.chord(Keys.Control, Keys.Shift, 'p');
    await s.waitFor('[role="status"]', { text: 'Screen-share mode on' });
    await noErrors(s, 'with screen-share mode');
  } finally {
    await s.delete();
  }
  // Remembered across launches.
  s = await launch(journal);
  try {
    await s.waitFor('.share-banner');
    equal(await s.execute("return document.getElementById('screen-share-toggle').getAttribute('aria-pressed')"), 'true', 'still on');
    await s.click(await s.find('#screen-share-toggle'));
    await s.waitFor('[role="status"]', { text: 'Screen-share mode off' });
  } finally {
    await s.delete();
  }
});

test('no error is silent: an unhandled rejection is shown in the window', async () => {
  const journal = freshJournal();
  const s = await launch(journal);
  try {
    await s.execute('setTimeout(() => Promise.reject(new Error("boom from a test")), 0); return null;');
    await s.waitFor('[role="alert"]', { text: 'Something went wrong: Error: boom from a test' });
    const errors = await s.execute('return window.__trellisErrors');
    equal(errors.length, 1, 'and recorded, so the end-to-end run would fail on it');
    await s.execute('window.__trellisErrors = []; return null;');
  } finally {
    await s.delete();
  }
});

test('a note with script, handler and link payloads stays inert; links never move the window', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  cli(journal, 'mentee', 'add', 'Priya Raman');
  const s = await launch(journal);
  try {
    await s.click(await s.waitFor('.person'));
    await s.waitFor('section[aria-label="Priya Raman"]');
    await s.keys('l');
    await s.waitFor('dialog[aria-label="Quick log"]');
    const payload = [
      '<script>window.__pwned = "script"</script>',
      '<img src=x onerror="window.__pwned = \'img\'">',
      '<b onmouseover="window.__pwned = \'hover\'">hover me</b>',
      '[click me](javascript:window.__pwned=\'link\')',
      '[a remote site](https://example.com/away)',
    ].join('\n\n');
    await tabTo(s, 'log-template', { back: true });
    await tabTo(s, 'log-kind-session', { back: true });
    await s.keys(Keys.ArrowLeft);
    await s.waitFor('#log-subkind');
    await tabTo(s, 'log-template');
    await tabTo(s, 'log-subkind');
    await tabTo(s, 'log-title');
    await tabTo(s, 'log-body');
    await typeHere(s, payload.replaceAll('\n', Keys.Enter), { expect: payload });
    await s.click(await s.find('#log-preview-toggle'));
    await sleep(500);
    await shot('trust-xss-preview');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved' });
    const card = await s.waitFor('#timeline article[data-kind="note"]', { text: 'window.__pwned' });
    const here = await s.execute('return location.href');
    for (const a of await s.findAll('#timeline article[data-kind="note"] a')) await s.click(a).catch(() => {});
    await sleep(500);
    equal(await s.execute('return location.href'), here, 'clicking a link in a note never navigates the window');
    const [pwned, dangerous, shown] = await s.execute(`
      const notes = document.querySelectorAll('#timeline article[data-kind="note"]');
      const bad = document.querySelectorAll(
        'article script, article img, article [onerror], article [onmouseover], article a[href^="javascript"]');
      return [window.__pwned ?? null, bad.length, notes[0] ? notes[0].textContent : ''];`);
    equal(pwned, null, 'no payload ran');
    equal(dangerous, 0, 'no live script, image or handler in the timeline');
    assert(shown.includes('<script>'), 'the script tag is shown as text');
    assert((await s.text(card)).includes('hover me'), 'the text survives');
    await shot('trust-xss-timeline');

    // Delete the note (to the trash), then restore it from the trash.
    const buttons = await s.findAll('#timeline article[data-kind="note"] footer button');
    await s.click(buttons[buttons.length - 1]);
    await s.waitFor('#timeline article[data-kind="note"] footer', { text: 'Move this entry to the trash?' });
    await s.click((await s.findAll('#timeline article[data-kind="note"] footer button.danger'))[0]);
    await s.waitFor('[role="status"]', { text: 'Moved to the trash' });
    // The toast comes with the save; the timeline reloads right after it.
    let left = -1;
    for (let i = 0; i < 50 && left !== 0; i += 1) {
      left = (await s.findAll('#timeline article[data-kind="note"]')).length;
      if (left !== 0) await sleep(100);
    }
    equal(left, 0, 'the note left the timeline');
    await s.click(await s.waitFor('nav button', { text: 'Trash' }));
    await s.waitFor('dialog[aria-label="Trash"] li', { text: 'Note' });
    await axe(s, 'trash');
    await s.click(await s.find('dialog[aria-label="Trash"] li button'));
    await s.waitFor('[role="status"]', { text: 'Restored' });
    await s.keys(Keys.Escape);
    await s.waitFor('#timeline article[data-kind="note"]', { text: 'window.__pwned' });
    await noErrors(s, 'with hostile notes');
  } finally {
    await s.delete();
  }
});

test("the demo's backups are never listed or restored as the journal's own", async () => {
  const journal = freshJournal();
  const s = await launch(journal);
  try {
    // The demo, opened from the welcome screen, makes a backup of its own beside the journal.
    await s.waitFor('section[aria-label="Welcome"]');
    await s.click(await s.waitFor('section[aria-label="Welcome"] button', { text: 'Explore a demo journal' }));
    await s.waitFor('.demo-banner', { text: 'Demo journal', timeout: 30_000 });
    await s.click(await s.waitFor('nav button', { text: 'Backups' }));
    await s.click(await s.waitFor('dialog[aria-label="Backups"] button', { text: 'Back up now' }));
    await s.waitFor('dialog[aria-label="Backups"] li', { text: 'demo-' });
    await s.keys(Keys.Escape);
    await s.click(await s.waitFor('.demo-banner button', { text: 'Back to my journal' }));
    await s.waitFor('section[aria-label="Welcome"]');

    // Back on the real journal: the demo's backup is not offered.
    await s.click(await s.waitFor('nav button', { text: 'Backups' }));
    await s.waitFor('dialog[aria-label="Backups"] li', { text: 'No backups of this journal yet' });
    await s.keys(Keys.Escape);
    cli(journal, 'mentee', 'add', 'Priya Raman');
    await s.click(await s.waitFor('nav button', { text: 'Backups' }));
    await s.click(await s.waitFor('dialog[aria-label="Backups"] button', { text: 'Back up now' }));
    await s.waitFor('dialog[aria-label="Backups"] li', { text: 'journal-' });
    const listed = await s.text(await s.find('dialog[aria-label="Backups"] ul'));
    assert(!listed.includes('demo-'), `only this journal's backups are listed: ${listed}`);
    // Before a restore, what it holds is shown.
    await s.click((await s.findAll('dialog[aria-label="Backups"] li button'))[0]);
    await s.waitFor('[aria-label="Confirm restore"]', { text: '1 mentee' });
    await axe(s, 'backups');
    await shot('trust-backups-confirm');
    await noErrors(s, 'in backups');
  } finally {
    await s.delete();
  }
});

test('a form changes only what was typed in it; shortcuts wait for the dialog; a double press saves once; Esc keeps the mentee', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  cli(journal, 'mentee', 'add', 'Priya Raman', '--team', 'Payments', '--started', '2026-01-05');
  const s = await launch(journal);
  try {
    await s.click(await s.waitFor('.person'));
    await s.waitFor('section[aria-label="Priya Raman"]');

    // Edit the role in the app while the trellis command moves Priya to another team.
    await s.keys('e');
    await s.waitFor('dialog[aria-label="Edit Priya Raman"]');
    await tabTo(s, 'mentee-role');
    await typeHere(s, 'Staff Engineer');
    // Ctrl+N inside a dialog types nothing and opens nothing over it.
    await s.chord(Keys.Control, 'n');
    await sleep(200);
    equal((await s.findAll('dialog[open]')).length, 1, 'still one dialog');
    equal(await s.value('#mentee-role'), 'Staff Engineer', 'what was typed is still there');
    cli(journal, 'mentee', 'edit', 'priya', '--team', 'Platform');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved changes' });
    const [priya] = cli(journal, 'mentee', 'list');
    equal([priya.role, priya.team], ['Staff Engineer', 'Platform'], "the role typed here and the team changed elsewhere both stay");

    // Clearing only a date is a change too.
    await s.keys('e');
    await s.waitFor('dialog[aria-label="Edit Priya Raman"]');
    for (const id of ['mentee-role', 'mentee-level', 'mentee-team', 'mentee-started']) await tabTo(s, id);
    await s.chord(Keys.Control, 'a');
    await s.keys(Keys.Backspace);
    equal(await s.value('#mentee-started'), '', 'the date was cleared in the field');
    await s.chord(Keys.Control, Keys.Enter);
    // The dialog closes only once the save has returned.
    for (let i = 0; i < 50 && (await s.findAll('dialog[open]')).length > 0; i++) await sleep(100);
    equal((await s.findAll('dialog[open]')).length, 0, 'the dialog closed after saving');
    equal(cli(journal, 'mentee', 'list')[0].started, null, 'and in the journal');

    // Ctrl+Enter twice in quick succession: one entry, not two.
    await s.keys('l');
    await s.waitFor('dialog[aria-label="Quick log"]');
    equal(await s.focused(), 'log-topic', 'the quick log starts in the topic');
    await typeHere(s, 'Only once');
    await s.chord(Keys.Control, Keys.Enter);
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved' });
    await sleep(300);
    equal(cli(journal, 'timeline', 'priya').map((e) => e.topic), ['Only once'], 'a double press saves once');

    // Delete… asks; Esc answers "keep", and the cursor goes back to Delete….
    await s.click(await s.waitFor('button[aria-expanded]', { text: 'Delete…' }));
    await s.waitFor('[role="alertdialog"]', { text: 'Move Priya Raman' });
    equal(await s.text(await s.active()), 'Keep', 'the safe answer has the cursor');
    await s.keys(Keys.Escape);
    await sleep(200);
    equal((await s.findAll('[role="alertdialog"]')).length, 0, 'the question is gone');
    equal(await s.text(await s.active()), 'Delete…', 'the cursor is back on Delete…');
    equal(cli(journal, 'mentee', 'list').length, 1, 'Priya is still there');
    await s.waitFor('section[aria-label="Priya Raman"]');
    await noErrors(s, 'in forms');
  } finally {
    await s.delete();
  }
});

export default tests;
