/**
 * A short, fixed-seed budget of `npm run fuzz` against the real server with the demo MCP server registered: no 5xx
 * (other than a documented gateway error), every answer the envelope with X-Request-Id. The same seed gives the same
 * requests, which is what makes a failure here reproducible with `npm run fuzz -- --seed 20261127 --case I`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../contract/index.js';
import { formatReport } from './cli-report.js';
import { caseAt, runFuzz } from './runner.js';
import { localTarget, type RunningTarget } from './target.js';
import { toBytes } from './wire.js';

const SEED = 20261127;
const contract = loadContract();
let target: RunningTarget;

beforeAll(async () => {
  target = await localTarget();
}, 60_000);
afterAll(() => target?.close());

describe('npm run fuzz', () => {
  it('the same seed gives the same requests', () => {
    const bytes = (seed: number, index: number) => {
      const c = caseAt(contract, target, seed, index);
      return c.kind === 'http' ? toBytes(c, 'x') : c.bytes;
    };
    for (const index of [0, 1, 17, 299]) expect(bytes(SEED, index).equals(bytes(SEED, index))).toBe(true);
    expect(bytes(SEED, 3).equals(bytes(SEED + 1, 3))).toBe(false);
  });

  it('300 requests from the contract: no 5xx, every answer the envelope with X-Request-Id', {
    timeout: 240_000,
  }, async () => {
    const report = await runFuzz(contract, target, { seed: SEED, requests: 300, concurrency: 4, timeoutMs: 20_000 });
    expect(report.failures, formatReport(report, 'npm run fuzz --')).toEqual([]);
    expect(report.cases).toBe(300);
    expect(report.enveloped).toBe(report.answers);
    // The run reached past authentication and validation: successes and the store's own answers are among them.
    expect(report.byStatus[200] ?? 0).toBeGreaterThan(0);
    expect(report.byStatus[404] ?? 0).toBeGreaterThan(0);
  });
});
