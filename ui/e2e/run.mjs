// End-to-end tests through the real Trellis window: the built binary, driven by
// tauri-driver + WebKitWebDriver under Xvfb, on temp journals (never the user's data).
// Usage: node ui/e2e/run.mjs /abs/path/to/trellis-desktop  [name filter]
// The test files, in order:
//   moments.mjs — the three moments as a person does them, keyboard first, every keystroke
//                 read back and every save read back from the journal
//   trust.mjs   — what must never happen: silent errors, inert payloads that run, another
//                 journal's backups, focus traps, dead ends on an empty journal
//   find.mjs    — the command palette: type, choose, open a hit deep in a timeline
//   ladders.mjs — a published ladder imported (native dialog), edited, a mentee assessed on it
//   lock.mjs    — encryption on and off in the window, Ctrl+L, unlock, passphrase change,
//                 recovery, the idle and sleep locks; every step read back from the disk
//   agenda.mjs  — P on a mentee: the next 1:1's agenda, its cadence, a shareable copy
//   tour.mjs    — every view at 1280×800 and 1024×640, light and dark: screenshots in
//                 artifacts/e2e/ and axe-core (0 serious, 0 critical) on each
// Every launch runs under strace; at the end, the run fails if the app (or any WebKit
// process it started) made a network call beyond loopback or to DNS.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readTraces } from './network.mjs';
import { cleanup, log, networkReport, shot, work } from './harness.mjs';
import agenda from './agenda.mjs';
import find from './find.mjs';
import ladders from './ladders.mjs';
import lock from './lock.mjs';
import moments from './moments.mjs';
import tour from './tour.mjs';
import trust from './trust.mjs';

const only = process.argv[3];

/** The proof's own check: a process that does reach for the network is caught. */
const proofCatches = {
  name: 'the no-network check catches a process that connects out',
  fn: async () => {
    const dir = join(work, 'net-canary');
    mkdirSync(dir, { recursive: true });
    execFileSync('strace', [
      '-f', '-ff', '-qq', '--seccomp-bpf', '-e', 'trace=%network', '-e', 'signal=none', '-o', join(dir, 't'),
      process.execPath, '-e', "require('net').connect(9, '192.0.2.1').on('error', () => {}); setTimeout(() => process.exit(0), 200);",
    ]);
    const r = readTraces(dir);
    if (r.outside.length === 0) throw new Error(`a connection to 192.0.2.1 went unseen: ${JSON.stringify(r)}`);
  },
};

const tests = [proofCatches, ...moments, ...trust, ...find, ...ladders, ...lock, ...agenda, ...tour].filter(
  (t) => !only || new RegExp(only).test(t.name),
);

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
    await shot(`FAILED-${t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => {});
    console.log(log().split('\n').slice(-20).join('\n'));
  }
}
// The no-network proof: every launch above ran under strace.
const net = networkReport();
console.log(
  `network: ${net.processes} traced processes, ${net.calls} network system calls, ${net.outside.length} beyond loopback or to DNS`,
);
if (net.processes === 0) {
  failed += 1;
  console.log('FAILED - the no-network proof: no traced process (strace did not run?)');
} else if (net.outside.length > 0) {
  failed += 1;
  console.log(`FAILED - the app reached the network:\n  ${net.outside.slice(0, 20).join('\n  ')}`);
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
cleanup();
rmSync(work, { recursive: true, force: true });
process.exit(failed === 0 && passed > 0 ? 0 : 1);
