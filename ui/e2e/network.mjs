// Reads the strace logs of the traced app (one file per process, network calls only) and
// reports every call that addressed a non-loopback IPv4/IPv6 address or port 53 (DNS).
// Used by run.mjs at the end of every end-to-end run; `node e2e/network.mjs DIR` checks
// a folder of traces by hand (exit 1 when something reached beyond the machine).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Loopback addresses: the app's own IPC and the test drivers, never the network. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * What the traced processes did on the network: how many network calls, and every one
 * that addressed a non-loopback IPv4/IPv6 address or port 53 (DNS).
 */
export function readTraces(traces) {
  let calls = 0;
  let processes = 0;
  const outside = [];
  for (const f of readdirSync(traces)) {
    processes += 1;
    for (const line of readFileSync(join(traces, f), 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('+++') || line.startsWith('---')) continue;
      calls += 1;
      const inet = /sa_family=AF_INET6?/.test(line);
      const dns = /htons\(53\)/.test(line);
      const addr =
        line.match(/inet_addr\("([^"]+)"\)/)?.[1] ?? line.match(/inet_pton\(AF_INET6, "([^"]+)"/)?.[1] ?? null;
      if (dns || (inet && addr !== null && !LOOPBACK.test(addr)) || (inet && addr === null && /(connect|sendto|sendmsg)\(/.test(line))) {
        outside.push(`${f}: ${line.slice(0, 200)}`);
      }
    }
  }
  return { calls, processes, outside };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = readTraces(process.argv[2]);
  console.log(`${r.processes} processes, ${r.calls} calls, ${r.outside.length} beyond loopback or to DNS`);
  for (const o of r.outside) console.log(`  ${o}`);
  process.exit(r.outside.length > 0 ? 1 : 0);
}
