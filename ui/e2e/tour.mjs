// Every view, the way a person sees it: at 1280×800 and 1024×640, light and dark. Each
// view is screenshotted into artifacts/e2e/ and checked with axe-core (0 serious, 0
// critical); at the small size the Quick log's Save and "who may see it" must be on
// screen without scrolling.
import { Keys, assert, axe, cli, equal, freshJournal, launch, noErrors, shot, sleep } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

/** A demo journal made by the CLI: many people, years of entries. */
const journal = freshJournal('tour');
let ready = false;
function demo() {
  if (!ready) {
    cli(journal, 'demo', '--mentees', '6', '--years', '2', '--seed', '7');
    ready = true;
  }
}

/** Every view and dialog, reached as a person would; `check` runs axe on each. */
async function visit(s, tag, { check }) {
  const views = [
    ['today', async () => s.keys('t'), 'section[aria-label="Today"] #latest'],
    ['mentees', async () => s.keys('m'), 'section[aria-label="Mentees"] li'],
    ['mentee-timeline', async () => s.click(await s.find('section[aria-label="Mentees"] li button')), '#timeline article'],
    ['mentee-goals', async () => s.click(await s.find('#tab-goals')), '#panel-goals'],
    ['mentee-actions', async () => s.click(await s.find('#tab-actions')), '#action-items'],
    ['mentee-track', async () => s.click(await s.find('#tab-track')), '#panel-track'],
    ['mentee-skills', async () => s.click(await s.find('#tab-skills')), '#panel-skills'],
    ['mentee-agenda', async () => s.keys('p'), '#next-one-on-one'],
    ['summary', async () => s.keys('s'), '#summary-document'],
    ['goals', async () => s.keys('g'), 'section[aria-label="Goals"] article'],
    ['ladders', async () => s.keys('f'), 'section[aria-label="Ladders"] li[data-ladder]'],
    ['ladder-editor', async () => s.click(await s.find('li[data-ladder] button')), '#ladder-name'],
    ['impact', async () => s.keys('i'), '#impact-document'],
  ];
  for (const [name, go, ready] of views) {
    await go();
    await s.waitFor(ready);
    if (name === 'mentee-timeline') {
      // A long timeline pages instead of rendering hundreds of cards.
      const cards = (await s.findAll('#timeline article')).length;
      assert(cards <= 50, `at most 50 cards at first (${cards})`);
    }
    await sleep(name === 'summary' ? 800 : 200);
    if (check) await axe(s, name);
    await shot(`tour-${tag}-${name}`);
  }
  const dialogs = [
    ['quick-log-session', async () => s.chord(Keys.Control, 'n'), 'dialog[aria-label="Quick log"]'],
    ['new-mentee', async () => s.keys('n'), 'dialog[aria-label="New mentee"]'],
    ['backups', async () => s.click(await s.waitFor('nav button', { text: 'Backups' })), 'dialog[aria-label="Backups"]'],
    ['trash', async () => s.click(await s.waitFor('nav button', { text: 'Trash' })), 'dialog[aria-label="Trash"]'],
    ['templates', async () => s.click(await s.find('#templates-open')), 'dialog[aria-label="Templates"] [data-templates="note"]'],
    ['settings', async () => s.click(await s.find('#settings-open')), '#settings-journal-path'],
    ['export-import', async () => s.click(await s.find('#export-import-open')), '#import-pick'],
    ['shortcuts', async () => s.keys('?'), 'dialog[aria-label="Keyboard shortcuts"]'],
  ];
  for (const [name, open, ready] of dialogs) {
    await s.keys('t');
    await open();
    await s.waitFor(ready);
    await sleep(200);
    if (check) await axe(s, name);
    await shot(`tour-${tag}-${name}`);
    if (name === 'quick-log-session') await quickLogFits(s, tag);
    await s.keys(Keys.Escape);
    await sleep(150);
  }
  await noErrors(s, `on the ${tag} tour`);
}

/** Save and "who may see it" are visible without scrolling, whatever the kind. */
async function quickLogFits(s, tag) {
  const offscreen = await s.execute(`
    const h = window.innerHeight;
    return ['log-shareable', 'log-private', 'log-where']
      .concat([...document.querySelectorAll('dialog[open] footer button.primary')].map((b) => (b.id = b.id || 'log-save')))
      .filter((id) => { const r = document.getElementById(id).getBoundingClientRect(); return r.bottom > h || r.top < 0 || r.height === 0; });`);
  assert(offscreen.length === 0, `on ${tag}, visible without scrolling: ${offscreen.join(', ')}`);
}

for (const theme of ['light', 'dark']) {
  for (const [w, h] of [
    [1280, 800],
    [1024, 640],
  ]) {
    const tag = `${theme}-${w}x${h}`;
    test(`every view at ${w}×${h}, ${theme}${theme === 'light' ? ', with axe' : ''}`, async () => {
      demo();
      const s = await launch(journal, { theme, size: [w, h] });
      try {
        const dark = await s.execute('return matchMedia("(prefers-color-scheme: dark)").matches');
        assert(dark === (theme === 'dark'), `the window follows the ${theme} theme`);
        equal(await s.execute('return document.documentElement.dataset.theme'), theme, 'and paints it');
        await s.waitFor('section[aria-label="Today"]');
        // axe in both themes: contrast differs between them.
        await visit(s, tag, { check: true });
      } finally {
        await s.delete();
      }
    });
  }
}

export default tests;
