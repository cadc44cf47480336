// The next 1:1 in the real window: P on a mentee opens the agenda (what is open, the
// experiments, the private items marked), the cadence is set in the window and read back
// through the CLI, and the Markdown copy leaves private items out.
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keys, assert, axe, cli, equal, freshJournal, launch, nativeDialog, noErrors, press, shot, sleep, tabTo, typeHere, work } from './harness.mjs';

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

/** A local day `days` from today, as YYYY-MM-DD. */
const dayFromToday = (days) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d.toLocaleDateString('sv');
};

test('the loop between 1:1s: cadence → due on Today → agenda → outcome → a session with a follow-up due +1w', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  const ada = cli(journal, 'mentee', 'add', 'Ada Okafor');
  const tenDaysAgo = dayFromToday(-10);
  cli(journal, 'session', 'add', ada.id, '--minutes', '60', '--topic', 'Queue backpressure', '--date', tenDaysAgo, '--shareable');
  cli(journal, 'track', 'add', ada.id, '--leaning', '1', '--experiment', 'Lead the incident review', '--date', tenDaysAgo);
  const s = await launch(journal);
  try {
    // Every two weeks (the default): ten days after the last 1:1, nothing is due.
    await s.keys('t');
    await s.waitFor('#one-on-ones-due');
    assert(!(await s.text(await s.find('#one-on-ones-due'))).includes('Ada'), 'not due yet on the default cadence');

    // Weekly: now three days overdue.
    await s.click(await s.waitFor('nav .people button', { text: 'Ada Okafor' }));
    await s.waitFor('h1', { text: 'Ada Okafor' });
    await s.keys('p');
    await s.waitFor('#agenda-cadence');
    await s.execute(
      `const el = document.getElementById('agenda-cadence'); el.focus(); el.value = 'weekly';
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
    );
    await s.waitFor('.toast', { text: 'Cadence saved' });
    await s.keys('t');
    const due = await s.waitFor('#one-on-ones-due li', { text: 'Ada Okafor' });
    assert((await s.text(due)).includes('3 days overdue'), `due by the weekly cadence: ${await s.text(due)}`);
    await axe(s, 'today with 1:1s due');
    await shot('loop-today-due');

    // Her name opens the agenda; the experiment gets its outcome.
    await s.click(await s.find('#one-on-ones-due li button'));
    await s.waitFor('[data-agenda="experiment"]', { text: 'Lead the incident review' });
    await press(s, 'button[aria-label="Record the outcome of “Lead the incident review”"]');
    await s.waitFor('#experiment-outcome');
    equal(await s.focused(), 'experiment-outcome', 'the outcome field takes the cursor');
    await typeHere(s, 'Ran it calmly; wants the next one too');
    await s.keys(Keys.Enter);
    await s.waitFor('.toast', { text: 'Outcome recorded' });
    const experiment = cli(journal, 'agenda', ada.id).items.find((i) => i.kind === 'experiment');
    assert(experiment.detail.includes('Ran it calmly; wants the next one too'), `the outcome is stored: ${experiment.detail}`);
    assert(experiment.detail.includes(dayFromToday(0)), `dated today: ${experiment.detail}`);
    await axe(s, 'agenda with an outcome form');

    // A pairing session from the agenda, from a template, with a follow-up Ada owns, due "+1w".
    await s.keys('l');
    await s.waitFor('dialog[aria-label="Quick log"]');
    equal(await s.focused(), 'log-topic', 'the quick log starts at the topic');
    await typeHere(s, 'Incident review debrief');
    await tabTo(s, 'log-template', { back: true });
    await s.type('p');
    await s.waitFor('#log-body');
    equal(await s.focused(), 'log-body', 'the template puts the cursor in the body');
    await s.type('Walked the timeline together');
    const body = await s.value('#log-body');
    assert(body.startsWith('## What we set out to do\nWalked the timeline together\n'), `the writing starts under the first heading: ${JSON.stringify(body)}`);
    await s.click(await s.find('#log-follow-up-0'));
    await typeHere(s, 'Write the incident timeline');
    await tabTo(s, 'log-follow-up-owner-0');
    equal(await s.value('#log-follow-up-owner-0'), 'mentee', 'a follow-up is the mentee’s unless changed');
    await tabTo(s, 'log-follow-up-due-0');
    await typeHere(s, '+1w');
    await s.waitFor('#log-follow-up-due-0-meaning', { text: '→' });
    await shot('loop-quick-log-follow-up');
    // Enter in the due field adds the next follow-up; it does not save the entry.
    await s.keys(Keys.Enter);
    equal(await s.focused(), 'log-follow-up-1', 'Enter in a due date opens the next follow-up');
    assert((await s.findAll('dialog[open]')).length === 1, 'the quick log is still open');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('.toast', { text: 'Saved' });
    const [logged] = cli(journal, 'timeline', ada.id).filter((e) => e.topic === 'Incident review debrief');
    assert(logged && logged.body.includes('## How they approached it') && logged.body.includes('Walked the timeline together'), `the template's body is stored: ${JSON.stringify(logged)}`);
    const followUp = cli(journal, 'action', 'list', ada.id).find((a) => a.text === 'Write the incident timeline');
    assert(followUp, 'the follow-up is stored');
    equal([followUp.owner, followUp.due], ['mentee', dayFromToday(7)], 'owned by Ada, due a week from today');

    // The agenda and Today follow: the 1:1 is held, the follow-up is open.
    const actions = await s.text(await s.waitFor('[data-agenda="action"]', { text: 'Write the incident timeline' }));
    assert(actions.includes("Ada Okafor, due ") && !/\d{4}-\d{2}-\d{2}/.test(actions), `due date shown as a day, not ISO: ${actions}`);
    assert(!(await s.text(await s.find('#next-one-on-one'))).includes('— due'), 'the 1:1 is no longer due');
    await s.keys('t');
    await s.waitFor('#upcoming', { text: 'Write the incident timeline' });
    assert(!(await s.text(await s.find('#one-on-ones-due'))).includes('Ada'), 'Ada is off the 1:1s due');
    await noErrors(s, 'in the loop between 1:1s');
  } finally {
    await s.delete();
  }
});

test('a goal and an action item are deleted from the mentee page, and Undo brings one back', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  const ada = cli(journal, 'mentee', 'add', 'Ada Okafor');
  cli(journal, 'goal', 'add', ada.id, 'Own the payments on-call');
  cli(journal, 'action', 'add', ada.id, 'Read the SRE chapter');
  const s = await launch(journal);
  try {
    await s.click(await s.waitFor('nav .people button', { text: 'Ada Okafor' }));
    await s.waitFor('h1', { text: 'Ada Okafor' });
    await s.click(await s.waitFor('[role="tab"]', { text: 'Action items' }));
    await press(s, 'button[aria-label="Delete “Read the SRE chapter”"]');
    await s.waitFor('.toast', { text: 'moved to the trash' });
    equal(cli(journal, 'action', 'list', ada.id).length, 0, 'the action item left the journal');
    equal(await s.focused(), 'new-action', 'the cursor leaves the list: a second Enter deletes nothing');
    await press(s, '.toast .undo');
    await s.waitFor('.toast', { text: 'Restored' });
    equal(cli(journal, 'action', 'list', ada.id).map((a) => a.text), ['Read the SRE chapter'], 'Undo brought it back');

    await s.click(await s.waitFor('[role="tab"]', { text: 'Goals' }));
    await press(s, 'button[aria-label="Delete the goal “Own the payments on-call”"]');
    await s.waitFor('.toast', { text: 'Goal moved to the trash' });
    equal(cli(journal, 'goal', 'list', ada.id).length, 0, 'the goal left the journal');
    assert(cli(journal, 'trash', 'list').some((t) => t.kind === 'goal'), 'it is in the trash');
    equal(await s.focused(), 'tab-goals', 'the cursor is on the Goals tab');
    await s.chord(Keys.Control, 'z');
    await s.waitFor('.toast', { text: 'Restored' });
    equal(cli(journal, 'goal', 'list', ada.id).length, 1, 'Ctrl+Z brought the goal back');
    await noErrors(s, 'deleting from the mentee page');
  } finally {
    await s.delete();
  }
});

test('templates are made and deleted in the window, and the Quick log offers a new one', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  cli(journal, 'mentee', 'add', 'Ada Okafor');
  const s = await launch(journal);
  try {
    await press(s, '#templates-open');
    await s.waitFor('dialog[aria-label="Templates"]');
    const notes = await s.text(await s.waitFor('[data-templates="note"]'));
    assert(notes.includes('SBI feedback') && notes.includes('1:1'), `the defaults are listed: ${notes}`);
    await axe(s, 'templates');
    await press(s, 'section[aria-label="Note templates"] button.small');
    await s.waitFor('#template-name');
    equal(await s.focused(), 'template-name', 'a new template starts at its name');
    await typeHere(s, 'Skip-level prep');
    await s.click(await s.find('#template-subkind'));
    await s.execute(
      `const el = document.getElementById('template-subkind'); el.value = 'one-on-one';
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
    );
    await s.click(await s.find('#template-body'));
    await typeHere(s, `## Wins to mention${Keys.Enter}${Keys.Enter}## Asks`, { expect: '## Wins to mention\n\n## Asks' });
    await shot('templates-editor');
    await press(s, 'form[aria-label="Template"] button[type="submit"]');
    await s.waitFor('.toast', { text: 'Template “Skip-level prep” saved' });
    const stored = cli(journal, 'template', 'show', 'skip-level prep');
    equal([stored.kind, stored.subkind, stored.body], ['note', 'one-on-one', '## Wins to mention\n\n## Asks'], 'stored as typed');

    // Delete a default, then add it back.
    await s.click(await s.waitFor('[data-templates="note"] button', { text: 'SBI feedback' }));
    await press(s, 'form[aria-label="Template"] button.danger');
    await s.waitFor('.toast', { text: 'Template deleted' });
    assert(!cli(journal, 'template', 'list').some((t) => t.name === 'SBI feedback'), 'deleted');
    await press(s, '.editor [role="status"] button');
    await s.waitFor('.toast', { text: 'is back' });
    assert(cli(journal, 'template', 'list').some((t) => t.name === 'SBI feedback'), 'added back');
    await s.keys(Keys.Escape);

    // The Quick log offers the new template for notes.
    await s.chord(Keys.Control, 'n');
    await s.waitFor('dialog[aria-label="Quick log"]');
    await s.click(await s.find('#log-kind-note'));
    const offered = await s.text(await s.waitFor('#log-template'));
    assert(offered.includes('Skip-level prep') && !offered.includes('Post-pairing'), `notes offer note templates: ${offered}`);
    await noErrors(s, 'in the templates');
  } finally {
    await s.delete();
  }
});

test('Settings: a new session starts private when the lead says so; the theme can be forced dark', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  const ada = cli(journal, 'mentee', 'add', 'Ada Okafor');
  const s = await launch(journal);
  try {
    await press(s, '#settings-open');
    await s.waitFor('#settings-journal-path', { text: 'journal' });
    equal(await s.value('#settings-session_visibility'), 'shareable', "PRODUCT.md's default");
    await s.execute(
      `const el = document.getElementById('settings-session_visibility'); el.focus(); el.value = 'private';
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
    );
    await s.waitFor('.toast', { text: 'Pairing session visibility saved' });
    equal(cli(journal, 'settings', 'show').session_visibility, 'private', 'stored in the journal');
    equal(cli(journal, 'session', 'add', ada.id, '--minutes', '30', '--topic', 'CLI side').visibility, 'private', 'the CLI follows it too');

    // Notifications: on unless switched off; the switch is kept.
    assert(await s.execute('return document.getElementById("settings-notify").checked'), 'notifications start on');
    await s.click(await s.find('#settings-notify'));
    await s.waitFor('.toast', { text: 'No notifications' });
    equal(await s.execute('return localStorage.getItem("trellis.notify")'), '0', 'the choice is kept');
    await s.click(await s.find('#settings-notify'));
    await s.waitFor('.toast', { text: 'notify you of what is due' });

    await s.click(await s.find('#settings-theme-dark'));
    equal(await s.execute('return document.documentElement.dataset.theme'), 'dark', 'forced dark on a light system');
    await axe(s, 'settings, dark');
    await shot('settings-dark');
    await s.click(await s.find('#settings-theme-system'));
    equal(await s.execute('return document.documentElement.dataset.theme'), 'light', 'back to the system (light here)');
    await s.keys(Keys.Escape);

    // A new session in the Quick log starts private now.
    await s.chord(Keys.Control, 'n');
    await s.waitFor('dialog[aria-label="Quick log"]');
    const where = await s.text(await s.find('#log-where'));
    assert(where.includes('Private'), `a new session starts private: ${where}`);
    await noErrors(s, 'in Settings');
  } finally {
    await s.delete();
  }
});

test('the whole journal goes out as an archive, and an archive comes in after a preview', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  const ada = cli(journal, 'mentee', 'add', 'Ada Okafor');
  cli(journal, 'note', 'add', ada.id, '--text', 'PRIVATE-CANARY kept in the archive', '--private');
  const other = freshJournal();
  cli(other, 'init');
  cli(other, 'mentee', 'add', 'Ben Cho');
  const otherArchive = join(work, 'other-archive.json');
  cli(other, 'export', '--out', otherArchive);
  const s = await launch(journal);
  try {
    await press(s, '#export-import-open');
    await s.waitFor('dialog[aria-label="Export and import"]');
    await axe(s, 'export and import');

    // Export: the native save dialog, a file only the lead can read.
    const out = join(work, 'ada-archive.json');
    await press(s, '#export-archive');
    await nativeDialog('Export the journal', out);
    await s.waitFor('.toast', { text: 'Journal exported' });
    equal(statSync(out).mode & 0o777, 0o600, 'the archive is readable only by the lead');
    assert(readFileSync(out, 'utf8').includes('PRIVATE-CANARY'), 'the lead’s own copy holds everything');

    // Import another journal's archive: previewed, nothing written until confirmed.
    await press(s, '#import-pick');
    await nativeDialog('Import a Trellis archive', otherArchive, { open: true });
    const preview = await s.waitFor('#import-preview', { timeout: 15_000 });
    assert((await s.text(preview)).includes('to add'), await s.text(preview));
    equal(cli(journal, 'mentee', 'list').length, 1, 'the preview wrote nothing');
    await shot('export-import-preview');
    equal(await s.focused(), 'import-confirm', 'the cursor is on the confirmation');
    await s.keys(Keys.Enter);
    await s.waitFor('.toast', { text: 'Imported' });
    equal(cli(journal, 'mentee', 'list').map((m) => m.name).sort(), ['Ada Okafor', 'Ben Cho'], 'Ben came in');

    // Our own archive after a change here: the difference is named, and kept unless replaced.
    cli(journal, 'mentee', 'edit', ada.id, '--name', 'Ada O.');
    await press(s, '#import-pick');
    await nativeDialog('Import a Trellis archive', out, { open: true });
    const changed = await s.text(await s.waitFor('#import-preview', { timeout: 15_000 }));
    assert(changed.includes('1 that differ') && changed.includes('mentees[0]'), changed);
    await press(s, '#import-replace');
    await s.waitFor('.toast', { text: '1 replaced' });
    assert(cli(journal, 'mentee', 'list').some((m) => m.name === 'Ada Okafor'), 'the archive’s version won');
    await noErrors(s, 'exporting and importing');
  } finally {
    await s.delete();
  }
});

test('I opens the lead’s impact report; its PDF holds the shareable record and nothing private', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  const ada = cli(journal, 'mentee', 'add', 'Ada Okafor');
  cli(journal, 'session', 'add', ada.id, '--minutes', '90', '--topic', 'Queue backpressure', '--shareable');
  cli(journal, 'session', 'add', ada.id, '--minutes', '30', '--topic', 'PRIVATE-CANARY salary talk', '--private');
  const s = await launch(journal);
  try {
    await s.keys('i');
    const totals = await s.text(await s.waitFor('#impact-totals', { text: 'Pairing sessions' }));
    assert(totals.includes('1 (1 h 30 min)') || totals.includes('1 ('), `one shareable session counted: ${totals}`);
    await s.waitFor('#impact-document');
    await axe(s, 'impact');
    await shot('impact');
    const out = join(work, 'impact.pdf');
    await press(s, '#impact-export');
    await nativeDialog('Export the impact report', out);
    await s.waitFor('.toast', { text: 'Exported to' }, { timeout: 20_000 });
    const pdf = readFileSync(out);
    equal(pdf.subarray(0, 5).toString(), '%PDF-', 'a PDF');
    assert(!pdf.toString('latin1').includes('PRIVATE-CANARY'), 'nothing private in the PDF');
    equal(statSync(out).mode & 0o777, 0o600, 'written privately');
    await noErrors(s, 'on the impact report');
  } finally {
    await s.delete();
  }
});

export default tests;
