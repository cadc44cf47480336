// Ladders in the real window: a published ladder imported through the native open
// dialog (previewed first), edited in the editor (every keystroke read back), a mentee
// put on it and assessed there; every save read back from the journal through the CLI.
import { join } from 'node:path';
import { Keys, assert, axe, cli, equal, freshJournal, launch, nativeDialog, noErrors, press, root, shot, sleep, tabTo, typeHere } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const FT = join(root, 'crates/trellis-core/tests/fixtures/frameworks/ft/engineering.yml');

/** Chooses an option of a <select> by value, as the mouse does (a change event). */
async function choose(s, css, value) {
  await s.waitFor(css);
  await s.execute(
    `const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1];
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [css, value],
  );
  equal(await s.value(css), value, `${css} holds the choice`);
}

test('a published ladder is imported, edited in the window, and a mentee is assessed on it', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  const ana = cli(journal, 'mentee', 'add', 'Ana Ruiz', '--role', 'Backend Engineer');
  cli(journal, 'session', 'add', 'ana', '--minutes', '60', '--topic', 'Planning the billing split', '--skill', 'planning-organising', '--shareable');
  const s = await launch(journal);
  try {
    await s.waitFor('section[aria-label="Today"]');
    await s.keys('f');
    await s.waitFor('section[aria-label="Ladders"]');
    await axe(s, 'ladders');

    // Import: the native open dialog, then a preview; nothing is written before Import.
    await press(s, 'section[aria-label="Ladders"] .row button.primary');
    await nativeDialog('Import a career ladder', FT, { open: true });
    const preview = await s.waitFor('[aria-label="Import preview"]', { timeout: 15_000 });
    const words = await s.text(preview);
    assert(words.includes('Will add Engineering') && words.includes('8 levels'), `the preview says what comes: ${words}`);
    equal(cli(journal, 'framework', 'list').length, 1, 'the preview wrote nothing');
    await shot('ladders-import-preview');
    equal(await s.focused(), 'import-confirm', 'the cursor is on the confirmation');
    await s.keys(Keys.Enter);
    await s.waitFor('li[data-ladder="ft-engineering"]');
    const stored = cli(journal, 'framework', 'show', 'ft-engineering');
    equal(stored.levels.length, 8, 'the ladder is in the journal with its eight levels');

    // Edit: rename a level, describe it, add a dimension with one expectation, save.
    await press(s, 'li[data-ladder="ft-engineering"] button');
    await s.waitFor('section[aria-label="Edit ladder"]');
    await axe(s, 'ladder editor');
    await press(s, '#level-name-2', Keys.End);
    await typeHere(s, 'Senior Engineer I');
    await tabTo(s, 'level-branch-2');
    await press(s, '#level-description-2', Keys.End);
    await typeHere(s, 'Owns a service; trusted with ambiguity.');
    await press(s, '#new-dimension', Keys.End);
    await typeHere(s, 'Incident leadership');
    await s.keys(Keys.Enter);
    await s.waitFor('#dim-name-9');
    equal(await s.focused(), 'dim-name-9', 'the new dimension opens with the cursor on its name');
    await press(s, '#exp-9-2', Keys.End);
    await typeHere(s, '- Leads the response to an incident in their own service');
    await shot('ladder-editor');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('#ladder-result', { text: 'Saved Engineering' });
    await noErrors(s, 'saving the ladder');

    // An unsaved edit survives leaving the editor and coming back.
    await press(s, '#ladder-description', Keys.End);
    await typeHere(s, ' Published by the FT.', { expect: `${stored.description} Published by the FT.`, replace: false });
    await press(s, 'section[aria-label="Edit ladder"] button.link');
    await s.waitFor('section[aria-label="Ladders"]');
    await press(s, 'li[data-ladder="ft-engineering"] button');
    await s.waitFor('section[aria-label="Edit ladder"] [role="status"]', { text: 'unsaved changes to this ladder are back' });
    equal(await s.value('#ladder-description'), `${stored.description} Published by the FT.`, 'the unsaved text is back');
    await press(s, 'section[aria-label="Edit ladder"] [role="status"] button');
    equal(await s.value('#ladder-description'), stored.description, 'discarded on request');

    const edited = cli(journal, 'framework', 'show', 'ft-engineering');
    equal(edited.levels[2].name, 'Senior Engineer I', 'the rename is stored');
    equal(edited.levels[2].description, 'Owns a service; trusted with ambiguity.', 'the description is stored');
    const incident = edited.dimensions.find((d) => d.name === 'Incident leadership');
    assert(incident, 'the new dimension is stored');
    equal(
      incident.expectations,
      [{ level: 'senior-1', description: '- Leads the response to an incident in their own service' }],
      'its one expectation is stored at the level it was typed under',
    );

    // Put Ana on it at Senior Engineer I, then assess her there with the keyboard.
    await s.chord(Keys.Control, 'k');
    await s.waitFor('dialog[aria-label="Find anything"]');
    await typeHere(s, 'Ana');
    await s.waitFor('#palette-list [role="option"]', { text: 'Ana Ruiz' });
    await s.keys(Keys.Enter);
    await s.waitFor('section[aria-label="Ana Ruiz"]');
    await press(s, '#tab-skills');
    await press(s, '#ladder-change');
    const ftId = edited.id;
    await choose(s, '#place-ladder', ftId);
    await tabTo(s, 'place-level');
    // A select takes the first letters of an option.
    await s.type('Senior Engineer I');
    equal(await s.value('#place-level'), 'senior-1', 'the level is chosen by typing its name');
    await press(s, '.place button.primary');
    await s.waitFor('#ladder-place', { text: 'at Senior Engineer I' });
    equal(cli(journal, 'framework', 'list').find((u) => u.framework.key === 'ft-engineering').mentees, 1, 'Ana is on it');
    await s.waitFor('li[data-dimension="planning-organising"]', { text: 'Senior Engineer 2 (Individual Contributor)' });
    const planning = await s.text(await s.find('li[data-dimension="planning-organising"]'));
    assert(planning.includes('Senior Engineer 2 (People Manager)'), `before the fork both sides are next: ${planning}`);
    assert(planning.includes('1 entry'), `the tagged session counts as evidence: ${planning}`);
    await shot('skills-on-ladder');

    await s.keys('a');
    await s.waitFor('dialog[aria-label="Assess Ana Ruiz"]');
    const dims = await s.execute("return [...document.querySelectorAll('#assess-dimension option')].map((o) => o.textContent)");
    assert(dims.includes('Incident leadership'), `the new dimension is offered: ${dims}`);
    await choose(s, '#assess-dimension', 'incident-leadership');
    const levels = await s.execute("return [...document.querySelectorAll('#assess-level option')].map((o) => o.value)");
    equal(levels, ['', 'senior-1'], 'only the level the dimension describes is offered');
    await s.execute("document.getElementById('assess-level').focus()");
    await s.type('Senior Engineer I');
    equal(await s.value('#assess-level'), 'senior-1', 'the level is chosen by typing its name');
    await s.waitFor('#assess-expectation', { text: 'Leads the response to an incident' });
    await press(s, '#assess-note', Keys.End);
    await typeHere(s, 'Ran the checkout outage call');
    await press(s, '#assess-date', Keys.End);
    await typeHere(s, '2026-01-05');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('li[data-dimension="incident-leadership"] .chip', { text: 'Senior Engineer I' });
    await noErrors(s, 'assessing');
    const skills = cli(journal, 'skills', ana.id);
    const got = skills.find((x) => x.dimension === 'incident-leadership');
    equal(
      [got.latest.level, got.latest.note, got.latest.framework_id, got.latest.date],
      ['senior-1', 'Ran the checkout outage call', ftId, '2026-01-05'],
      'the assessment is stored on the edited ladder',
    );

    // Quick log from Ana's page offers her ladder's dimensions as skills; one is ticked,
    // one free skill is typed, and both are stored.
    await s.keys('l');
    await s.waitFor('dialog[aria-label="Quick log"]');
    await tabTo(s, 'log-template', { back: true });
    await tabTo(s, 'log-kind-session', { back: true });
    await s.keys(Keys.ArrowLeft);
    await s.waitFor('#log-subkind');
    await tabTo(s, 'log-template');
    await tabTo(s, 'log-subkind');
    await tabTo(s, 'log-title');
    await typeHere(s, 'Ran the incident review');
    const toggles = await s.execute(
      `return [...document.querySelectorAll('.ladder-skills label')].map((l) => {
         const box = l.querySelector('input').getBoundingClientRect();
         const text = l.querySelector('span').getBoundingClientRect();
         return { name: l.textContent.trim(), gap: Math.round(text.left - box.right), wraps: text.height > 30 };
       })`,
    );
    assert(toggles.some((t) => t.name === 'Incident leadership'), `the ladder's dimensions are offered: ${JSON.stringify(toggles)}`);
    assert(toggles.every((t) => t.gap >= 0 && t.gap < 16 && !t.wraps), `each box sits beside its name: ${JSON.stringify(toggles)}`);
    const index = toggles.findIndex((t) => t.name === 'Incident leadership');
    await press(s, `#log-dim-${index}`, Keys.Space);
    equal(await s.value('#log-skills'), 'incident-leadership', 'ticking a dimension writes its key into the skills');
    await press(s, '#log-skills', Keys.End);
    await typeHere(s, 'incident-leadership, on-call', { expect: 'incident-leadership, on-call' });
    await shot('quicklog-ladder-skills');
    await s.chord(Keys.Control, Keys.Enter);
    await s.waitFor('[role="status"]', { text: 'Saved' });
    const logged = cli(journal, 'timeline', ana.id).find((e) => e.title === 'Ran the incident review');
    equal(logged.skills, ['incident-leadership', 'on-call'], 'the stored skills');
    const after = cli(journal, 'skills', ana.id).find((x) => x.dimension === 'incident-leadership');
    equal(after.evidence.map((e) => e.entry_id), [logged.id], 'it counts as evidence for the dimension');
    await noErrors(s, 'logging with ladder skills');
  } finally {
    await s.delete();
  }
});

export default tests;
