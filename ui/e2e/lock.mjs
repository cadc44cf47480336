// Encryption and the lock in the real window: turned on in the app (the recovery key shown
// once and saved through the native dialog), the journal used, locked with Ctrl+L, a wrong
// passphrase refused without a byte changed, unlocked, the passphrase changed, forgotten
// and recovered with the recovery key, the idle and sleep locks, and encryption turned off.
// Every step is read back from the disk or through the CLI.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Keys, assert, axe, cli, cliWith, equal, freshJournal, launch, nativeDialog, noErrors, press, shot, sleep, tabTo, typeHere } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const SECRET = 'Pangolin-calibration-remark';

const sha = (p) => (existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'missing');
const plainHeader = (p) => readFileSync(p).subarray(0, 15).toString() === 'SQLite format 3';

/** Everything the journal holds on disk (file and WAL), as text to search for a secret. */
function onDisk(journal) {
  const parts = [journal, `${journal}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1'));
  return parts.join('');
}

async function bodyText(s) {
  return s.execute('return document.body.innerText');
}

/** Types a passphrase into a password field and checks it landed (by its length only). */
async function typeSecret(s, id, text) {
  await s.execute('document.getElementById(arguments[0]).focus()', [id]);
  await typeHere(s, text);
}

test('encryption: on in the window → use → Ctrl+L → unlock → change → recover → idle and sleep locks → off', async () => {
  const journal = freshJournal();
  const dir = dirname(journal);
  const keyFile = `${journal}.key`;
  cli(journal, 'init');
  const mei = cli(journal, 'mentee', 'add', 'Mei Tanaka');
  cli(journal, 'note', 'add', mei.id, '--text', `Raised the ${SECRET} before calibration.`);
  cli(journal, 'backup');
  const passFile = (name, text) => {
    const p = join(dir, name);
    writeFileSync(p, `${text}\n`, { mode: 0o600 });
    return p;
  };
  const first = 'first window passphrase';
  const second = 'second window passphrase';
  const third = 'third window passphrase';

  const s = await launch(journal);
  try {
    await s.waitFor('section[aria-label="Today"]');

    // On: the dialog, two passphrases, the recovery key shown once.
    await press(s, '#encryption-open');
    await s.waitFor('dialog[open]');
    await axe(s, 'encryption dialog (plain journal)');
    await typeSecret(s, 'enc-pass', first);
    await tabTo(s, 'enc-again');
    await typeHere(s, first);
    await press(s, '#encrypt-journal');
    const keyEl = await s.waitFor('#recovery-key', { timeout: 30_000 });
    const recoveryKey = (await s.text(keyEl)).trim();
    assert(/^([A-Z2-7]{4}-){12}[A-Z2-7]{4}$/.test(recoveryKey), `a recovery key is shown: ${recoveryKey}`);
    await shot('lock-recovery-key');
    assert(!plainHeader(journal) && existsSync(keyFile), 'the journal on disk is encrypted, its key file beside it');
    assert(!onDisk(journal).includes(SECRET), 'the secret is not readable in the file');
    const backups = cliWith({ TRELLIS_PASSPHRASE_FILE: passFile('p1', first) }, journal, 'check').backups;
    assert(backups.length >= 1, 'the backup is still listed');
    for (const b of backups) assert(!plainHeader(b) && existsSync(`${b}.key`), `the backup ${b} is encrypted too`);

    // The recovery key saved through the native save dialog.
    const saved = join(dir, 'recovery.txt');
    await press(s, '#save-recovery-key');
    await nativeDialog('Save the recovery key', saved);
    await s.waitFor('dialog[open] [role="status"]', { text: 'Saved to', timeout: 15_000 });
    assert(readFileSync(saved, 'utf8').includes(recoveryKey), 'the saved file holds the key');
    await press(s, '#recovery-kept');

    // Use: the CLI beside the app writes with the passphrase; the window shows it.
    const p1 = passFile('p1', first);
    cliWith({ TRELLIS_PASSPHRASE_FILE: p1 }, journal, 'note', 'add', mei.id, '--text', 'Written while encrypted');
    equal(cliWith({ TRELLIS_PASSPHRASE_FILE: p1 }, journal, 'timeline', mei.id).length, 2, 'both notes are in the journal');
    assert((await bodyText(s)).includes('Mei Tanaka'), 'the window shows the journal');

    // Ctrl+L: the window is cleared to the unlock screen.
    await s.chord(Keys.Control, 'l');
    await s.waitFor('section[aria-label="Unlock"]');
    const lockedText = await bodyText(s);
    assert(!lockedText.includes('Mei Tanaka') && !lockedText.includes(SECRET), `nothing of the journal shows: ${lockedText}`);
    await axe(s, 'unlock screen');
    await shot('lock-unlock-screen');

    // A wrong passphrase: one message beside the field, not a byte changed.
    const before = [sha(journal), sha(keyFile)];
    await typeSecret(s, 'unlock-passphrase', 'not the passphrase');
    await s.keys(Keys.Enter);
    await s.waitFor('#unlock-problem', { text: 'does not unlock', timeout: 15_000 });
    equal([sha(journal), sha(keyFile)], before, 'a wrong passphrase changed nothing on disk');

    // The right one.
    await typeSecret(s, 'unlock-passphrase', first);
    await s.keys(Keys.Enter);
    await s.waitFor('nav[aria-label="Main"]', { timeout: 15_000 });
    // The people come a moment after the frame (the journal is read once unlocked).
    await s.waitFor('nav .people button', { text: 'Mei Tanaka', timeout: 10_000 });
    assert((await bodyText(s)).includes('Mei Tanaka'), 'unlocked: the journal is back');

    // Ctrl+L over a form with text in it asks first; "Keep editing" keeps the text.
    await s.chord(Keys.Control, 'n');
    await s.waitFor('dialog[aria-label="Quick log"]');
    await s.execute('document.getElementById("log-body").focus()');
    await typeHere(s, 'Unsaved words');
    await s.chord(Keys.Control, 'l');
    await s.waitFor('#lock-confirm');
    await s.keys(Keys.Enter); // the focused "Keep editing"
    await sleep(200);
    equal(await s.value('#log-body'), 'Unsaved words', 'the text is still there');
    assert(!(await s.execute("return !!document.getElementById('lock-confirm')")), 'the question is gone');
    await s.chord(Keys.Control, 'l');
    await s.waitFor('#lock-confirm');
    await s.chord(Keys.Control, 'l');
    await s.waitFor('section[aria-label="Unlock"]');
    await typeSecret(s, 'unlock-passphrase', first);
    await s.keys(Keys.Enter);
    await s.waitFor('nav[aria-label="Main"]', { timeout: 15_000 });

    // Change the passphrase in the window; the CLI then needs the new one.
    await press(s, '#encryption-open');
    await s.waitFor('dialog[open]');
    await axe(s, 'encryption dialog (encrypted journal)');
    await press(s, '#change-passphrase-open');
    await typeSecret(s, 'enc-current', first);
    await tabTo(s, 'enc-pass');
    await typeHere(s, second);
    await tabTo(s, 'enc-again');
    await typeHere(s, second);
    await press(s, '#encryption-confirm');
    await s.waitFor('.toast', { text: 'Passphrase changed', timeout: 15_000 });
    let refused = false;
    try {
      cliWith({ TRELLIS_PASSPHRASE_FILE: p1 }, journal, 'mentee', 'list');
    } catch {
      refused = true;
    }
    assert(refused, 'the old passphrase no longer opens the journal');
    cliWith({ TRELLIS_PASSPHRASE_FILE: passFile('p2', second) }, journal, 'mentee', 'list');

    // Lock now, then forget it: the recovery key sets a third.
    await press(s, '#lock-now');
    await s.waitFor('section[aria-label="Unlock"]');
    await press(s, '#unlock-forgot');
    await s.waitFor('#unlock-recovery');
    await s.execute('document.getElementById("unlock-recovery").focus()');
    await typeHere(s, recoveryKey.toLowerCase());
    await tabTo(s, 'unlock-new');
    await typeHere(s, third);
    await tabTo(s, 'unlock-again');
    await typeHere(s, third);
    await s.keys(Keys.Enter);
    await s.waitFor('nav[aria-label="Main"]', { timeout: 20_000 });
    const p3 = passFile('p3', third);
    equal(cliWith({ TRELLIS_PASSPHRASE_FILE: p3 }, journal, 'mentee', 'list').length, 1, 'the new passphrase opens it');

    // The idle lock (set to a few seconds here) and the sleep lock (the clock jumps).
    await s.execute("localStorage.setItem('trellis.lockAfterMinutes', '0.05'); location.reload();");
    await s.waitFor('section[aria-label="Unlock"]', { timeout: 20_000 });
    await typeSecret(s, 'unlock-passphrase', third);
    await s.keys(Keys.Enter);
    await s.waitFor('nav[aria-label="Main"]', { timeout: 15_000 });
    await s.execute("localStorage.setItem('trellis.lockAfterMinutes', '15'); location.reload();");
    await s.waitFor('nav[aria-label="Main"]');
    await sleep(500);
    await s.execute('const real = Date.now; Date.now = () => real() + 5 * 60 * 1000;');
    await s.waitFor('section[aria-label="Unlock"]', { timeout: 15_000 });
    await typeSecret(s, 'unlock-passphrase', third);
    await s.keys(Keys.Enter);
    await s.waitFor('nav[aria-label="Main"]', { timeout: 15_000 });

    // Off: plain again, every note there, no key file.
    await press(s, '#encryption-open');
    await s.waitFor('dialog[open]');
    await press(s, '#encryption-off-open');
    await typeSecret(s, 'enc-current', third);
    await press(s, '#encryption-confirm');
    await s.waitFor('.toast', { text: 'Encryption is off', timeout: 30_000 });
    assert(plainHeader(journal) && !existsSync(keyFile), 'the journal is a plain file again');
    equal(cli(journal, 'timeline', mei.id).length, 2, 'every note is there, read without a passphrase');
    await noErrors(s, 'after the encryption round trip');
  } finally {
    await s.delete();
  }
});

test('an encrypted journal opens on its unlock screen and shows nothing before the passphrase', async () => {
  const journal = freshJournal();
  cli(journal, 'init');
  cli(journal, 'mentee', 'add', 'Ines Duarte');
  const dir = dirname(journal);
  const p = join(dir, 'pass');
  writeFileSync(p, 'launch passphrase\n', { mode: 0o600 });
  cliWith({ TRELLIS_PASSPHRASE_FILE: p }, journal, 'encrypt');
  const s = await launch(journal, { locked: true });
  try {
    const text = await bodyText(s);
    assert(!text.includes('Ines Duarte'), `nothing of the journal before unlocking: ${text}`);
    equal(await s.focused(), 'unlock-passphrase', 'the cursor waits in the passphrase field');
    await typeHere(s, 'launch passphrase');
    await s.keys(Keys.Enter);
    await s.waitFor('nav[aria-label="Main"]', { timeout: 15_000 });
    assert((await bodyText(s)).includes('Ines Duarte'), 'unlocked');
    await noErrors(s, 'after unlocking at launch');
  } finally {
    await s.delete();
  }
});

export default tests;
