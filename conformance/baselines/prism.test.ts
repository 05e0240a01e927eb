/**
 * The read-only suite against the Prism mock of openapi.yaml, held to conformance/baselines/prism.json: Prism is not an
 * implementation, so most behavioural checks fail there, but which ones is stable. A change means the suite or the
 * contract changed; update the baseline (with a reason per check) when that was intended.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../checks/index.js';
import type { RunReport } from '../model.js';
import { runConformance } from '../runner.js';
import { closedPort } from '../test-target.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let prism: ChildProcess | undefined;
let baseUrl = '';

beforeAll(async () => {
  const port = await closedPort();
  prism = spawn(`${ROOT}node_modules/.bin/prism`, ['mock', 'openapi.yaml', '-h', '127.0.0.1', '-p', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (c: Buffer) => {
      log += c.toString();
      if (log.includes('Prism is listening')) resolve();
    };
    prism?.stdout?.on('data', onData);
    prism?.stderr?.on('data', onData);
    prism?.on('exit', (code) => reject(new Error(`prism exited with ${code}: ${log}`)));
  });
  baseUrl = `http://127.0.0.1:${port}`;
}, 90_000);

afterAll(() => {
  prism?.kill('SIGTERM');
});

describe('the read-only suite against the Prism mock', () => {
  it('gives the outcomes recorded in baselines/prism.json', { timeout: 120_000 }, async () => {
    const baseline = JSON.parse(await readFile(new URL('./prism.json', import.meta.url), 'utf8')) as { checks: Record<string, { outcome: string; reason: string }> };
    expect(Object.keys(baseline.checks).sort()).toEqual(checks.map((c) => c.id).sort());
    // Rate-limit probes are left out here (slow bursts against Prism); their baseline comes from a full CLI run.
    // A fixed seed: the generated-input checks (GEN) send the same requests every time, so their outcome is stable.
    const report: RunReport = await runConformance({ baseUrl, apiKey: 'pmcp_PrismBaseline0123456789abcdefghijABCDEFGH', rateLimit: 'off', seed: 1 });
    const got = Object.fromEntries(report.results.filter((r) => !r.id.startsWith('RATE-')).map((r) => [r.id, r.outcome]));
    const want = Object.fromEntries(Object.entries(baseline.checks).filter(([id]) => !id.startsWith('RATE-')).map(([id, b]) => [id, b.outcome]));
    expect(got).toEqual(want);
  });
});
