/**
 * Proof that the suite has teeth: through a transparent proxy the real server passes; through each fault of
 * faults.ts, the checks named for it fail. A check that no fault can fail would be a check that proves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlexMcpClient } from '../../client/index.js';
import { checks } from '../checks/index.js';
import type { ConformanceConfig } from '../config.js';
import type { RunReport } from '../model.js';
import { runConformance } from '../runner.js';
import { ChildProcesses, OWNER_KEY } from '../test-processes.js';
import { type Fault, startFaultProxy } from './fault-proxy.js';
import { faultCases } from './faults.js';

const processes = new ChildProcesses();
const targets: Record<'self-hosted' | 'rate-limited', string> = { 'self-hosted': '', 'rate-limited': '' };
let selfHostedConfig: Omit<ConformanceConfig, 'baseUrl'>;

beforeAll(async () => {
  const endpoint = await processes.demoMcp();
  const selfHosted = await processes.serverWithTwoOrganisations({ PLEXMCP_SELF_HOSTED: 'true' });
  targets['self-hosted'] = selfHosted.baseUrl;
  targets['rate-limited'] = await processes.server();
  const client = createPlexMcpClient({ baseUrl: targets['self-hosted'], apiKey: OWNER_KEY });
  const mcp = await client.POST('/v1/mcps', { body: { name: 'demo', endpoint_url: endpoint } });
  // Enough keys that a two-per-page walk has several pages (PAGE-003).
  for (let i = 0; i < 5; i++) await client.POST('/v1/api-keys', { body: { name: `seed-${i}` } });
  selfHostedConfig = {
    apiKey: OWNER_KEY,
    otherOrgApiKey: selfHosted.otherOrgApiKey,
    allowWrites: true,
    mcpId: mcp.data?.data.id,
    tool: 'get_weather',
    arguments: { location: 'Paris' },
  };
}, 120_000);

afterAll(() => processes.stopAll());

async function throughProxy(target: 'self-hosted' | 'rate-limited', fault: Fault, only: string[]): Promise<RunReport> {
  const proxy = await startFaultProxy({ upstream: targets[target], fault });
  try {
    const config = target === 'self-hosted' ? selfHostedConfig : { apiKey: OWNER_KEY };
    // A fixed seed: the generated inputs (GEN) are the same requests every run, so the proof never depends on what a
    // random seed happens to draw through the proxy.
    return await runConformance({ ...config, baseUrl: proxy.baseUrl, only, seed: 1 });
  } finally {
    await proxy.close();
  }
}

const cases = faultCases(OWNER_KEY);

describe('the fault-injecting proxy proof', () => {
  it('gives every check a fault that must fail it', () => {
    const held = new Set(cases.flatMap((c) => c.detectedBy));
    expect(checks.map((c) => c.id).filter((id) => !held.has(id))).toEqual([]);
  });

  it('passes through a transparent proxy', { timeout: 400_000 }, async () => {
    // Every check on the self-hosted target (its plan publishes no limit, so the RATE checks verify that), the RATE
    // checks again on the limited one.
    const a = await throughProxy(
      'self-hosted',
      {},
      checks.map((c) => c.id),
    );
    const b = await throughProxy('rate-limited', {}, ['RATE-001', 'RATE-002', 'RATE-003', 'RATE-004']);
    // A loaded machine may make a rate-limit burst inconclusive (warn). Nothing else may fail, warn or skip: the
    // oversize body (ENV-006) included, which the server refuses from its Content-Length and then closes gracefully
    // (RFC 9112 §9.6), so the proxy relays the 413 rather than a reset.
    const inconclusive = (r: RunReport['results'][number]) =>
      r.id.startsWith('RATE-') && r.id !== 'RATE-001' && r.outcome === 'warn';
    const outcomes = [...a.results, ...b.results]
      .filter((r) => r.outcome !== 'pass' && !inconclusive(r))
      .map((r) => `${r.id}:${r.outcome}:${r.reason ?? r.findings[0]?.message}`);
    expect(outcomes).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'catches a server that %s',
    { timeout: 120_000 },
    async (_name, c) => {
      const report = await throughProxy(c.target, c.fault, c.detectedBy);
      const outcomes = Object.fromEntries(report.results.map((r) => [r.id, r.outcome]));
      expect(outcomes).toEqual(Object.fromEntries(c.detectedBy.map((id) => [id, 'fail'])));
      // Failing is not enough: the check must fail for this fault, with the finding it is meant to produce.
      const kinds = Object.fromEntries(
        Object.keys(c.kinds ?? {}).map((id) => {
          const r = report.results.find((x) => x.id === id);
          return [
            id,
            r?.findings.some((f) => f.severity === 'fail' && f.kind === c.kinds?.[id])
              ? c.kinds?.[id]
              : r?.findings.map((f) => f.kind ?? f.message),
          ];
        }),
      );
      expect(kinds).toEqual(c.kinds ?? {});
    },
  );
});
