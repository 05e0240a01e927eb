import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrashCycles } from './crash-cycles.js';

const dir = mkdtempSync(join(tmpdir(), 'plexmcp-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kill -9 under concurrent writes', () => {
  it('keeps every acknowledged write, whole, across 12 kills of the server on one database', async () => {
    const lines: string[] = [];
    const report = await runCrashCycles({
      databasePath: join(dir, 'plexmcp.db'),
      cycles: 12,
      clients: 16,
      log: (line) => lines.push(line),
    });
    expect(report.cycles).toBe(12);
    // The kills landed among writes: plenty were acknowledged, and the database recovered each time.
    expect(report.acknowledged).toBeGreaterThanOrEqual(12 * 40);
    // Checkpoints ran under the load (the servers run with a 32 KiB journal threshold), so kills met them too.
    expect(report.highestJournalGeneration).toBeGreaterThan(1);
    // Recovery may cut a torn tail (with a warning), but never finds damage in the middle of the journal.
    expect(report.recoveryWarnings.filter((w) => !/incomplete record/.test(w))).toEqual([]);
    // After the final graceful stop and start, only the snapshot (and the running server's lock) remain.
    expect(readdirSync(dir).filter((name) => name.includes('discarded'))).toEqual([]);
  }, 180_000);
});
