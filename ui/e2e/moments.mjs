// The three moments, the way a person does them: launch on an empty journal, add a
// mentee, log a 90-minute session with two follow-ups and a private note by keyboard,
// see them on Today and the timeline, edit the session, check in on a goal, then open the
// summary, untick an item, export through the native save dialog and read the file.
// Every typed value is read back from its field; every save is read back from the journal
// with the `trellis` CLI.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  Keys,
  assert,
  axe,
  cli,
  equal,
  freshJournal,
  launch,
  nativeDialog,
  noErrors,
  shot,
  sleep,
  tabTo,
  typeHere,
  work,
} from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
/** The journal the three moments share, in order. */
const journal = freshJournal();

/** Goes to Priya's page by keyboard: /, her name, Enter. */
async function openPriya(s) {
  await s.keys('/');
  equal(await s.focused(), 'palette-input', '/ opens the palette');
  await s.type('priya');
  await s.waitFor('#palette-list [aria-selected="true"]', { text: 'Priya Raman' });
  await s.keys(Keys.Enter);
  await s.waitFor('section[aria-label="Priya Raman"] h1');
}

test('moments 1 and 2: a mentee, then a 90-minute session and a private note, by keyboard', async () => {
  const s = await launch(journal);
  try {
    await s.waitFor('section[aria-label="Welcome"]');
    await axe(s, 'welcome');

    // N: a new mentee, the name focused.
    await s.keys('n');
    await s.waitFor('dialog[aria-label="New mentee"]');
    await typeHere(s, 'Priya Raman');
    await tabTo(s, 'mentee-role');
    await typeHere(s, 'Backend Engineer');
    await tabTo(s, 'mentee-level');
    await typeHere(s, 'L3');
    await tabTo(s, 'mentee-team');
    await typeHere(s, 'Payments');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('section[aria-label="Priya Raman"] h1', { text: 'Priya Raman' });
    const [priya] = cli(journal, 'mentee', 'list');
    equal([priya.name, priya.role, priya.level, priya.team], ['Priya Raman', 'Backend Engineer', 'L3', 'Payments'], 'the stored mentee');

    // Today greets a brand-new mentee; her first 1:1 is not "overdue" yet.
    await s.keys('t');
    await s.waitFor('#new-mentees li', { text: 'Priya Raman' });
    assert(!(await s.text(await s.find('#one-on-ones-due'))).includes('Priya'), 'a mentee added a moment ago has no 1:1 due');
    await shot('moment1-today-new-mentee');

    // Moment 2: Ctrl+N from Today; every field by keyboard, every value read back.
    const before = s.keystrokes;
    await s.chord(Keys.Control, 'n');
    await s.waitFor('dialog[aria-label="Quick log"]');
    equal(await s.focused(), 'mentee-picker', 'the quick log starts in the mentee picker');
    await s.type('pri');
    await s.keys(Keys.Enter);
    equal(await s.value('#mentee-picker'), 'Priya Raman', 'Enter picks the match');
    await tabTo(s, 'log-date');
    equal(await s.value('#log-date'), new Date().toLocaleDateString('sv'), 'the date is today (YYYY-MM-DD)');
    await tabTo(s, 'log-kind-session');
    await tabTo(s, 'log-template');
    assert((await s.text(await s.find('#log-template'))).includes('Post-pairing reflection'), 'a session offers the session templates');
    await tabTo(s, 'log-topic');
    await typeHere(s, 'Flaky integration test');
    await tabTo(s, 'log-minutes');
    equal(await s.value('#log-minutes'), '60', 'a session starts at 60 minutes');
    await typeHere(s, '90');
    await tabTo(s, 'log-driver');
    await s.type('b');
    equal(await s.value('#log-driver'), 'both', 'typing b picks "both"');
    await tabTo(s, 'log-independence');
    await s.type('5');
    assert((await s.execute('return document.getElementById("log-independence").selectedOptions[0].text')).startsWith('5'), 'typing 5 picks independence 5');
    await tabTo(s, 'log-went-well');
    await typeHere(s, 'Formed a hypothesis before touching code');
    await tabTo(s, 'log-to-improve');
    await typeHere(s, 'Reach for the profiler earlier');
    await tabTo(s, 'log-links');
    await typeHere(s, 'https://git.example/pr/42');
    await tabTo(s, 'log-body');
    await typeHere(s, 'We paired on the **flaky** test.');
    await tabTo(s, 'log-preview-toggle');
    await tabTo(s, 'log-follow-up-0');
    await typeHere(s, 'Write up the root cause');
    // Enter adds the next follow-up and moves there.
    await s.keys(Keys.Enter);
    equal(await s.focused(), 'log-follow-up-1', 'Enter in a follow-up opens the next one');
    await typeHere(s, 'Pair on the retry logic');
    const where = await s.text(await s.find('#log-where'));
    assert(where.includes('Shareable — will appear in growth summaries'), `where the text goes is stated: ${where}`);
    await shot('moment2-quick-log');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved' });
    const moment2 = s.keystrokes - before;
    assert(!(await s.findAll('dialog[open]')).length, 'the quick log closes after saving');

    const [session] = cli(journal, 'timeline', 'priya');
    equal(
      [session.kind, session.topic, session.minutes, session.driver, session.independence, session.visibility],
      ['session', 'Flaky integration test', 90, 'both', 5, 'shareable'],
      'the stored session has every value typed',
    );
    equal([session.went_well, session.to_improve, session.links, session.body], ['Formed a hypothesis before touching code', 'Reach for the profiler earlier', ['https://git.example/pr/42'], 'We paired on the **flaky** test.'], 'and its text fields');
    equal(session.follow_ups.map((f) => f.text), ['Write up the root cause', 'Pair on the retry logic'], 'two follow-ups became action items');

    // A private note, from Priya's page: L, back to the kind, ← for Note.
    await openPriya(s);
    await s.keys('l');
    await s.waitFor('dialog[aria-label="Quick log"]');
    equal(await s.focused(), 'log-topic', 'with the mentee known, the quick log starts in the first field');
    await tabTo(s, 'log-template', { back: true });
    await tabTo(s, 'log-kind-session', { back: true });
    await s.keys(Keys.ArrowLeft);
    await s.waitFor('#log-subkind');
    equal(await s.focused(), 'log-kind-note', 'the arrow key chose Note');
    await tabTo(s, 'log-template');
    await tabTo(s, 'log-subkind');
    await tabTo(s, 'log-title');
    await typeHere(s, 'Feels stretched by support work');
    await tabTo(s, 'log-body');
    await typeHere(s, 'Said so in our 1:1. PRIVATE-NOTE-CANARY');
    const privately = await s.text(await s.find('#log-where'));
    assert(privately.includes('Private — only you'), `a note is private, and says so next to Save: ${privately}`);
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved' });
    const note = cli(journal, 'timeline', 'priya').find((e) => e.kind === 'note');
    equal([note.title, note.visibility, note.subkind], ['Feels stretched by support work', 'private', 'one-on-one'], 'the stored note');

    // Both on the timeline; the follow-ups on Today, under Priya, with their owner.
    await s.waitFor('#timeline article[data-kind="note"]', { text: 'Feels stretched' });
    const card = await s.waitFor('#timeline article[data-kind="session"]', { text: 'Flaky integration test' });
    const text = await s.text(card);
    assert(text.includes('1 h 30 min') && text.includes('independence 5/5') && text.includes('both drove'), `the session card: ${text}`);
    await s.keys('t');
    const today = await s.text(await s.waitFor('#follow-ups', { text: 'Pair on the retry logic' }));
    assert(today.includes('Priya Raman') && today.includes('Write up the root cause') && today.includes('owner: mentee'), `Today: ${today}`);
    assert(!(await s.findAll('#new-mentees')).length, 'once something is logged she is no longer "just added"');
    await axe(s, 'today');
    await shot('moment2-today');
    await noErrors(s, 'in moments 1 and 2');
    console.log(`  moment 2 (Ctrl+N to saved, keyboard only): ${moment2} keystrokes`);
  } finally {
    await s.delete();
  }
});

test('edit an entry, keep a draft on Esc, check in on a goal at 65 %, close an overdue item', async () => {
  cli(journal, 'action', 'add', 'priya', 'Send the reading list', '--due', '2024-01-15');
  const s = await launch(journal);
  try {
    await openPriya(s);
    // Edit: change the minutes of the session.
    const edit = (await s.findAll('#timeline article[data-kind="session"] footer button')).at(-2);
    await s.click(edit);
    await s.waitFor('dialog[aria-label="Edit entry"]');
    equal(await s.focused(), 'log-topic', 'editing starts in the first field');
    await tabTo(s, 'log-minutes');
    await typeHere(s, '75');
    // Esc on a changed entry asks first; Enter keeps editing.
    await s.keys(Keys.Escape);
    await s.waitFor('dialog[aria-label="Edit entry"] [aria-label="Discard changes?"]');
    await s.keys(Keys.Enter);
    equal(await s.value('#log-minutes'), '75', 'nothing was thrown away');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved changes' });
    const session = cli(journal, 'timeline', 'priya').find((e) => e.kind === 'session');
    equal(session.minutes, 75, 'the edited minutes are stored');

    // Esc on a half-written quick log keeps a draft; Ctrl+N brings it back.
    await s.chord(Keys.Control, 'n');
    await s.waitFor('dialog[aria-label="Quick log"]');
    await typeHere(s, 'Half-written thought');
    await s.keys(Keys.Escape);
    await s.waitFor('[role="status"]', { text: 'Draft kept' });
    await s.chord(Keys.Control, 'n');
    await s.waitFor('dialog[aria-label="Quick log"] .restored');
    equal(await s.value('#log-topic'), 'Half-written thought', 'the draft came back');
    await s.click(await s.find('.restored button'));
    equal(await s.value('#log-topic'), '', 'Start over clears it');
    await s.keys(Keys.Escape);
    await s.waitFor('section[aria-label="Priya Raman"]');
    assert(!(await s.findAll('dialog[open]')).length, 'a blank quick log closes without a draft');

    // A goal, then a check-in at 65 % from the Goals tab (arrow keys move between tabs).
    await s.keys('o');
    await s.waitFor('dialog[aria-label^="New goal"]');
    await typeHere(s, 'Lead a design review');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Goal added' });
    await s.click(await s.find('#tab-timeline'));
    await s.keys(Keys.ArrowRight);
    equal(await s.focused(), 'tab-goals', 'the right arrow moves to the next tab');
    await s.waitFor('#panel-goals article.goal', { text: 'Lead a design review' });
    const checkIn = (await s.findAll('#panel-goals article.goal button')).find(Boolean);
    await s.click(checkIn);
    await sleep(200);
    const field = await s.focused();
    assert(field.startsWith('check-in-'), `the progress field has the focus (${field})`);
    await typeHere(s, '65');
    await s.keys(Keys.Tab);
    await typeHere(s, 'Drafted the doc');
    // It cites the latest entry, picked from her timeline.
    await s.keys(Keys.Tab);
    assert((await s.focused()).startsWith('check-in-cite-'), 'Tab reaches “Cite entries…”');
    await s.keys(Keys.Enter);
    const first = await s.waitFor('input[id^="check-in-evidence-"][id$="-0"]');
    await s.click(first);
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Check-in saved' });
    const [goal] = cli(journal, 'goal', 'list', 'priya');
    equal([goal.progress, goal.check_ins.length, goal.check_ins[0].note], [65, 1, 'Drafted the doc'], 'the stored check-in');
    equal(goal.check_ins[0].evidence.length, 1, 'with the entry it cites');
    await shot('moment2-goal-check-in');

    // An overdue action item (added before launch), marked done: it stops saying
    // "overdue", and "Done" fits.
    await s.click(await s.find('#tab-actions'));
    const row = await s.waitFor('#action-items li', { text: 'Send the reading list' });
    assert((await s.text(row)).includes('days overdue'), 'an open item past its date is overdue');
    await s.click(await s.find('#action-items li button[aria-label^="Mark “Send the reading list”"]'));
    await s.waitFor('[role="status"]', { text: 'Marked done' });
    const done = await s.text(await s.waitFor('#action-items li.done', { text: 'Send the reading list' }));
    assert(done.includes('done') && !done.includes('overdue'), `a done item is not overdue: ${done}`);
    const clipped = await s.execute(`return [...document.querySelectorAll('#action-items button')]
      .filter((b) => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > b.closest('ul').getBoundingClientRect().right).length`);
    equal(clipped, 0, 'no button is clipped');
    await noErrors(s, 'editing and checking in');
  } finally {
    await s.delete();
  }
});

test('moment 3: the summary previews the document, leaves an unticked item out, exports a PDF', async () => {
  const s = await launch(journal);
  try {
    await openPriya(s);
    await s.keys('s');
    await s.waitFor('#summary-document');
    await s.waitFor('#left-out li', { text: 'Feels stretched by support work' });
    const doc = await s.execute('return document.getElementById("summary-document").srcdoc');
    assert(doc.includes('Flaky integration test') && !doc.includes('PRIVATE-NOTE-CANARY'), 'the preview is the document, without the private note');
    assert(doc.includes('<h2>Sources</h2>'), 'with its sources');
    await axe(s, 'summary');

    // Untick a follow-up: it stays where it was, unticked; Export waits for the preview.
    const label = await s.waitFor('#choices label', { text: 'Pair on the retry logic' });
    const position = async () =>
      s.execute(`return [...document.querySelectorAll('#choices label')].findIndex((l) => l.textContent.includes('Pair on the retry logic'))`);
    const at = await position();
    await s.click(label);
    equal(await s.execute('return document.getElementById("summary-export").disabled'), true, 'Export waits while the preview is stale');
    await s.waitFor('#choices label.dropped', { text: 'Pair on the retry logic' });
    equal(await position(), at, 'the unticked item stays in place');
    const fresh = Date.now();
    while (await s.execute('return document.getElementById("summary-export").disabled')) {
      assert(Date.now() - fresh < 5000, 'Export comes back once the preview is current');
      await sleep(100);
    }
    const again = await s.execute('return document.getElementById("summary-document").srcdoc');
    assert(!again.includes('Pair on the retry logic') && again.includes('Write up the root cause'), 'the preview leaves the unticked item out');
    await shot('moment3-summary');

    // Export through the native save dialog, then read the file as the reader would.
    const out = join(work, 'Priya summary.pdf');
    await s.click(await s.find('#summary-export'));
    await nativeDialog('Export growth summary', out);
    await s.waitFor('[role="status"]', { text: 'Exported to' });
    equal(statSync(out).mode & 0o777, 0o600, 'the export is readable by the lead only');
    const text = execFileSync('pdftotext', ['-layout', out, '-']).toString();
    assert(text.includes('Growth summary: Priya Raman') && text.includes('Flaky integration test'), 'the PDF holds the summary');
    assert(text.includes('Write up the root cause'), 'with the follow-up that stayed ticked');
    assert(!text.includes('Pair on the retry logic'), 'without the unticked one');
    assert(!text.includes('PRIVATE-NOTE-CANARY') && !text.includes('Feels stretched'), 'and without the private note');
    assert(/\[S1, \d{4}-\d{2}-\d{2}\]/.test(text) && text.includes('Sources'), 'claims cite S1…, resolved in the sources');
    readFileSync(out);
    await noErrors(s, 'in the summary');
  } finally {
    await s.delete();
  }
});

test('quit and relaunch: everything is still there', async () => {
  const s = await launch(journal);
  try {
    await s.waitFor('#follow-ups li', { text: 'Write up the root cause' });
    await openPriya(s);
    await s.waitFor('#timeline article[data-kind="session"]', { text: 'Flaky integration test' });
    await s.waitFor('#timeline article[data-kind="note"]', { text: 'Feels stretched' });
  } finally {
    await s.delete();
  }
});

export default tests;
