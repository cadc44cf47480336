// Finding anything: the command palette (Ctrl+K, /) in the real window, on a timeline
// long enough that the hit is not on the first page.
import { Keys, assert, axe, cli, equal, freshJournal, launch, noErrors, shot, sleep, typeHere } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('the palette finds an old note as you type, and Enter opens it scrolled into view and highlighted', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  cli(journal, 'mentee', 'add', 'José Pérez', '--team', 'Payments');
  cli(journal, 'mentee', 'add', 'Priya Raman');
  const old = cli(journal, 'note', 'add', 'jose', '--date', '2025-01-06', '--text', 'Spotted a naïve retry loop in the ledger client.');
  for (let i = 0; i < 55; i += 1) {
    const day = `2026-0${1 + Math.floor(i / 28)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    cli(journal, 'session', 'add', 'jose', '--date', day, '--minutes', '30', '--topic', `Pairing on the payments API, part ${i}`);
  }
  const s = await launch(journal);
  try {
    await s.waitFor('section[aria-label="Today"]');
    await s.chord(Keys.Control, 'k');
    await s.waitFor('dialog[aria-label="Find anything"]');
    equal(await s.focused(), 'palette-input', 'the cursor is in the box');
    await axe(s, 'palette');
    await typeHere(s, 'naive retr');
    const option = await s.waitFor('#palette-list [role="option"]', { text: 'José Pérez' });
    const marks = await s.execute(
      "return [...document.querySelectorAll('#palette-list [aria-selected=\"true\"] mark')].map((m) => m.textContent)",
    );
    equal(marks, ['naïve', 'retry'], 'the matching words are marked, accents as written');
    assert((await s.text(option)).includes('Note'), 'the hit says what it is');
    await shot('find-palette');
    await s.keys(Keys.Enter);

    await s.waitFor('section[aria-label="José Pérez"]');
    const card = await s.waitFor(`#timeline article[data-entry-id="${old.id}"]`);
    await sleep(300);
    const [focused, highlighted, visible, shown] = await s.execute(
      `const el = document.querySelector('#timeline article[data-entry-id="${old.id}"]');
       const r = el.getBoundingClientRect();
       return [document.activeElement === el, el.classList.contains('hit'),
               r.top >= 0 && r.bottom <= window.innerHeight,
               document.querySelectorAll('#timeline article').length];`,
    );
    equal([focused, highlighted, visible], [true, true, true], 'the hit has the cursor, a highlight, and is on screen');
    equal(shown, 56, 'the timeline reached down to it (it is older than the first page)');
    assert((await s.text(card)).includes('naïve retry loop'), 'it is the note');
    await shot('find-opened');

    // `/` outside a field opens it too; a name goes to the person.
    await s.keys('/');
    await s.waitFor('dialog[aria-label="Find anything"]');
    await typeHere(s, 'payments');
    await s.waitFor('#palette-list [role="option"]', { text: 'José Pérez' });
    const groups = await s.execute(
      "return [...document.querySelectorAll('#palette-list .group')].map((g) => g.textContent)",
    );
    equal(groups[0], 'People', 'people (by team) first');
    await s.keys(Keys.ArrowDown, Keys.ArrowUp, Keys.Enter);
    await s.waitFor('section[aria-label="José Pérez"]');

    // Nothing found says so, and how to find more; Esc gives the letters back.
    await s.chord(Keys.Control, 'k');
    await s.waitFor('dialog[aria-label="Find anything"]');
    await typeHere(s, 'kubernetes');
    await s.waitFor('#palette-help', { text: 'Nothing matches “kubernetes”' });
    await s.keys(Keys.Escape);
    await sleep(200);
    equal((await s.findAll('dialog[open]')).length, 0, 'Esc closes it');
    await s.keys('g');
    await s.waitFor('section[aria-label="Goals"]');
    await noErrors(s, 'in the palette');
  } finally {
    await s.delete();
  }
});

export default tests;
