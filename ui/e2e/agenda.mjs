// The next 1:1 in the real window: P on a mentee opens the agenda (what is open, the
// experiments, the private items marked), the cadence is set in the window and read back
// through the CLI, and the Markdown copy leaves private items out.
import { assert, axe, cli, equal, freshJournal, launch, noErrors, press, shot, sleep } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('P on a mentee prepares the next 1:1: the agenda, the cadence, a shareable copy', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  const ada = cli(journal, 'mentee', 'add', 'Ada Okafor');
  cli(journal, 'session', 'add', ada.id, '--minutes', '45', '--topic', 'Retry design', '--shareable', '--follow-up', 'Write the retry ADR');
  cli(journal, 'action', 'add', ada.id, 'Book the design review', '--owner', 'lead', '--due', '2026-01-05');
  cli(journal, 'note', 'add', ada.id, '--text', 'PRIVATE-REMINDER ask about the visa', '--tag', 'agenda', '--private');
  const s = await launch(journal);
  try {
    await s.click(await s.waitFor('nav .people button', { text: 'Ada Okafor' }));
    await s.waitFor('section[aria-label="Ada Okafor"], h1', { text: 'Ada Okafor' });
    await s.keys('p');
    const panel = await s.waitFor('section[aria-label="Next 1:1"] #next-one-on-one');
    assert((await s.text(panel)).includes('Next 1:1'), 'the next 1:1 is named');
    const actions = await s.text(await s.waitFor('[data-agenda="action"]'));
    assert(actions.includes('Book the design review') && actions.includes('Write the retry ADR'), actions);
    const reminders = await s.text(await s.waitFor('[data-agenda="reminder"]'));
    assert(reminders.includes('PRIVATE-REMINDER') && reminders.includes('private'), reminders);
    await axe(s, 'agenda');
    await shot('agenda');

    // The cadence, set in the window, is in the journal.
    await s.waitFor('#agenda-cadence');
    await s.execute(
      `const el = document.getElementById('agenda-cadence'); el.focus(); el.value = 'weekly';
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
    );
    await s.waitFor('.toast', { text: 'Cadence saved' });
    equal(cli(journal, 'agenda', ada.id).next.cadence, 'weekly', 'the cadence is stored');
    assert((await s.text(await s.find('#next-one-on-one'))).includes('weekly'), 'and shown');

    // The copy for a shared doc: private items left out.
    await press(s, '#agenda-copy');
    await s.waitFor('#agenda-markdown');
    await sleep(200);
    const md = await s.value('#agenda-markdown');
    assert(md.includes('- [ ] Book the design review'), md);
    assert(!md.includes('PRIVATE-REMINDER'), `a private item left the copy: ${md}`);
    await noErrors(s, 'on the agenda');
  } finally {
    await s.delete();
  }
});

export default tests;
