/**
 * `npm run crash-soak -- --cycles 200 [--clients 16] [--writes 40] [--keep]`: the crash test for longer. Kills the real
 * server with SIGKILL under concurrent HTTP writes, `--cycles` times on one database, checking after every restart
 * that each acknowledged write is there and whole (test/crash/crash-cycles.ts). Exits 1 on the first violation,
 * leaving the database directory for inspection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCrashCycles } from '../test/crash/crash-cycles.js';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '200' },
    clients: { type: 'string', default: '16' },
    writes: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});

const positive = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return value;
};

const cycles = positive('cycles', values.cycles);
const dir = mkdtempSync(join(tmpdir(), 'plexmcp-crash-soak-'));
const started = Date.now();
console.log(`crash soak: ${cycles} kill -9 cycles on ${join(dir, 'plexmcp.db')}`);
try {
  const report = await runCrashCycles({
    databasePath: join(dir, 'plexmcp.db'),
    cycles,
    clients: positive('clients', values.clients),
    writesBeforeKill: positive('writes', values.writes),
    log: (line) => console.log(line),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `passed: ${report.cycles} cycles in ${seconds} s; ${report.acknowledged} acknowledged writes all present; ` +
      `in flight at the kill: ${report.inflightKept} kept, ${report.inflightLost} lost (allowed); ` +
      `${report.recoveryWarnings.length} recovery warning(s); journal generation reached ${report.highestJournalGeneration} (checkpoints under load)`,
  );
  for (const warning of report.recoveryWarnings) console.log(`  ${warning}`);
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
} catch (error) {
  console.error(`FAILED: ${(error as Error).message}\nThe database is kept in ${dir}`);
  process.exitCode = 1;
}
