/**
 * The suite against the real server (`npm start`, server/main.ts) and the real demo MCP server, both as child
 * processes on loopback, each with its own database in a temp directory: the self-hosted run exercises every check
 * but the rate limits with writes and a known tool; a second, rate-limited server exercises the RATE checks.
 * Conformance code imports no server code: it only sees HTTP, as it would against any deployment.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createPlexMcpClient } from '../client/index.js';
import type { RunReport } from './model.js';
import { findingLines } from './reporters/evidence.js';
import { runConformance } from './runner.js';
import { ChildProcesses, OWNER_KEY as KEY } from './test-processes.js';

const processes = new ChildProcesses();

function failures(report: RunReport): string {
  return report.results
    .filter((r) => r.outcome === 'fail')
    .map((r) => [`${r.id} ${r.title}`, ...r.findings.flatMap(findingLines)].join('\n'))
    .join('\n\n');
}

afterAll(() => processes.stopAll());

describe('the suite against the real server', () => {
  it('passes every check on a self-hosted server with writes, a second organisation and a known tool', { timeout: 180_000 }, async () => {
    const endpoint = await processes.demoMcp();
    const { baseUrl, otherOrgApiKey } = await processes.serverWithTwoOrganisations({ PLEXMCP_SELF_HOSTED: 'true' });
    const client = createPlexMcpClient({ baseUrl, apiKey: KEY });
    const created = await client.POST('/v1/mcps', { body: { name: 'demo', endpoint_url: endpoint } });
    const mcpId = created.data?.data.id;
    expect(mcpId, JSON.stringify(created.error)).toBeDefined();

    const report = await runConformance({ baseUrl, apiKey: KEY, otherOrgApiKey, allowWrites: true, mcpId, tool: 'get_weather', arguments: { location: 'Paris' } });
    expect(failures(report)).toBe('');
    expect(report.cleanupErrors).toEqual([]);
    // Self-hosted: no rate-limit headers, so the RATE checks skip, saying why; the rest all ran.
    const skipped = report.results.filter((r) => r.outcome === 'skip').map((r) => r.id);
    expect(skipped.sort()).toEqual(['RATE-001', 'RATE-002', 'RATE-003', 'RATE-004']);
    const leftovers = await client.GET('/v1/mcps', { params: { query: { per_page: 100 } } });
    expect(leftovers.data?.data.map((m) => m.name)).toEqual(['demo']);
  });

  it('passes the rate-limit checks on a rate-limited server', { timeout: 120_000 }, async () => {
    const baseUrl = await processes.server();
    const report = await runConformance({ baseUrl, apiKey: KEY, only: ['RATE-001', 'RATE-002', 'RATE-003', 'RATE-004', 'SCHEMA-002'] });
    expect(failures(report)).toBe('');
    // A loaded machine may make a burst inconclusive (warn), never a failure; RATE-001 does not depend on timing.
    expect(report.results.map((r) => r.id)).toEqual(['RATE-001', 'RATE-002', 'RATE-003', 'RATE-004', 'SCHEMA-002']);
    expect(report.results.find((r) => r.id === 'RATE-001')?.outcome).toBe('pass');
    expect(report.results.every((r) => r.outcome === 'pass' || (r.id.startsWith('RATE-') && r.outcome === 'warn'))).toBe(true);
  });
});
