/**
 * Proof for the generated-input checks beyond "it fails": through a server that breaks on one class of input, the
 * finding is the shrunk, minimal request of that class with a curl line that carries no key, and the same seed finds
 * the same requests again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, RunReport } from '../model.js';
import { runConformance } from '../runner.js';
import { ChildProcesses, OWNER_KEY } from '../test-processes.js';
import { startFaultProxy } from './fault-proxy.js';
import { GENERATED_INPUT_FAULTS, NAME_MAX_LENGTH } from './generated-input-faults.js';

const processes = new ChildProcesses();
let upstream = '';

beforeAll(async () => {
  upstream = await processes.server({ PLEXMCP_SELF_HOSTED: 'true' });
}, 60_000);

afterAll(() => processes.stopAll());

async function run(faultIndex: number, only: string, seed: number): Promise<RunReport> {
  const c = GENERATED_INPUT_FAULTS[faultIndex];
  if (!c) throw new Error(`no fault ${faultIndex}`);
  const proxy = await startFaultProxy({ upstream, fault: c.fault });
  try {
    return await runConformance({
      baseUrl: proxy.baseUrl,
      apiKey: OWNER_KEY,
      allowWrites: true,
      only: [only],
      seed,
      runPrefix: 'conf-proof-',
    });
  } finally {
    await proxy.close();
  }
}

const failures = (report: RunReport): Finding[] => report.results.flatMap((r) => r.findings);
/** The request body a curl line sends (its last argument, single-quoted). */
const curlBody = (line: string): unknown =>
  JSON.parse(/--data-raw '(.*)'$/s.exec(line)?.[1]?.replace(/'\\''/g, "'") ?? '');
/** A reproduce line without what differs between runs: the server's ids and the proxy's port. */
const stable = (f: Finding) =>
  `${f.kind} ${f.reproduce?.replace(/(mcp|key)_[A-Za-z0-9]+/g, '$1_ID').replace(/127\.0\.0\.1:\d+/, 'HOST')}`;

describe('generated inputs against a server that breaks on one class of input', () => {
  it('GEN-001 finds the name at its maximum length, shrunk to a minimal body, with a curl line', {
    timeout: 180_000,
  }, async () => {
    const report = await run(0, 'GEN-001', 20261127);
    expect(report.results[0]?.outcome).toBe('fail');
    const found = failures(report);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(f.kind).toBe('server-error');
      expect(f.message).toMatch(/answered 500 internal_error; shrunk in \d+ steps/);
      expect(f.reproduce).toMatch(/^curl -sS -X (POST|PATCH) '/);
      expect(f.reproduce).toContain('"Authorization: ApiKey $PLEXMCP_API_KEY"');
      expect(f.reproduce).not.toContain(OWNER_KEY);
      const body = curlBody(f.reproduce ?? '') as Record<string, unknown>;
      expect([...String(body.name)].length).toBe(NAME_MAX_LENGTH);
      // Shrunk: nothing but the name and what the schema requires beside it.
      expect(Object.keys(body).filter((k) => k !== 'name' && k !== 'endpoint_url')).toEqual([]);
      expect(f.exchange?.response?.status).toBe(500);
    }
    // The same seed sends the same requests, so it finds the same failures again.
    const again = await run(0, 'GEN-001', 20261127);
    expect(failures(again).map(stable).sort()).toEqual(found.map(stable).sort());
  });

  it('GEN-002 finds the query value answered 500 instead of 400', { timeout: 180_000 }, async () => {
    const report = await run(1, 'GEN-002', 7);
    expect(report.results[0]?.outcome).toBe('fail');
    for (const f of failures(report)) {
      expect(f.kind).toBe('server-error');
      expect(f.reproduce).toMatch(/^curl -sS -X [A-Z]+ '[^']*\?/);
    }
  });
});
