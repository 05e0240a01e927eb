/**
 * Writes through two instances on one PostgreSQL database (each with its own store, connections and gateway), against
 * a real MCP on loopback that counts the calls it runs: one Idempotency-Key runs its tool call once whichever instance
 * each duplicate reaches, and the monthly quota is never exceeded by calls spread over both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { monthWindow } from '../../server/quota/index.js';
import { usageRow } from '../../server/store/test-store.js';
import { type CountingMcp, startCountingMcp } from '../support/counting-mcp.js';
import { call, type Harness, type Seeded, startHarness } from '../support/harness.js';

const onPostgres = process.env.PLEXMCP_HARNESS_STORE === 'postgres';

describe.skipIf(!onPostgres)('writes through two instances sharing a database', () => {
  let h: Harness;
  let mcp: CountingMcp;
  const gateways: Gateway[] = [];
  let urls: [string, string];
  let free: Seeded;
  let mcpId: string;
  beforeAll(async () => {
    mcp = await startCountingMcp();
    const gateway = () => {
      const created = createGateway({ maxTimeoutMs: 10_000 });
      gateways.push(created);
      return { gateway: created, allowPrivateMcpUrls: true, mcpRequestTimeoutMs: 10_000 };
    };
    h = await startHarness({ overrides: gateway() });
    const other = await h.startInstance(gateway());
    urls = [h.baseUrl, other.baseUrl];
    free = await h.addOrganization('free');
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: free.ownerKey,
      body: { name: 'Counting', endpoint_url: mcp.url },
    });
    expect(created.status).toBe(201);
    mcpId = created.body.data.id;
  });
  afterAll(async () => {
    await h.close();
    await Promise.all(gateways.map((g) => g.close()));
    await mcp.close();
  });

  const invoke = (i: number, label: string, headers: Record<string, string> = {}) =>
    call(urls[i % 2]!, 'POST', '/mcp', {
      key: free.ownerKey,
      body: { mcp_id: mcpId, tool: 'count', arguments: { label, delay_ms: 300 } },
      headers,
    });

  it('one Idempotency-Key sent 10 times at once to both instances runs the tool call once; all get its answer', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => invoke(i, 'once', { 'idempotency-key': 'both-at-once' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(mcp.calls('once')).toBe(1);
    for (const response of responses) expect(response.body).toEqual(responses[0]!.body);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    // A later duplicate through either instance is a replay too.
    for (const i of [0, 1]) {
      const again = await invoke(i, 'once', { 'idempotency-key': 'both-at-once' });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(mcp.calls('once')).toBe(1);
  });

  it('the same key with two bodies at once on two instances: one runs, the other is 409 and never runs', async () => {
    const [a, b] = await Promise.all([
      invoke(0, 'first', { 'idempotency-key': 'two-bodies' }),
      invoke(1, 'second', { 'idempotency-key': 'two-bodies' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.body.error.code).toBe('already_exists');
    expect(mcp.calls('first') + mcp.calls('second')).toBe(1);
  });

  it('30 calls at once over both instances with 995 of 1,000 used: exactly 5 run, the month ends at 1,000', async () => {
    const org = await h.addOrganization('free');
    const created = await call(urls[1], 'POST', '/v1/mcps', {
      key: org.ownerKey,
      body: { name: 'Counting', endpoint_url: mcp.url },
    });
    const now = new Date().toISOString();
    await Promise.all(
      Array.from({ length: 995 }, () =>
        h.store.recordUsage(usageRow({ orgId: org.org.id, mcpId: created.body.data.id, createdAt: now })),
      ),
    );
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(urls[i % 2]!, 'POST', '/mcp', {
          key: org.ownerKey,
          body: { mcp_id: created.body.data.id, tool: 'count', arguments: { label: 'quota' } },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    expect(mcp.calls('quota')).toBe(5);
    const month = monthWindow(new Date()).month;
    expect(await h.store.countMonthlyUsage(org.org.id, month)).toBe(1_000);
    expect(await h.store.countUsage(org.org.id, {})).toBe(1_000);
  });
});

if (!onPostgres) {
  describe('writes through two instances sharing a database', () => {
    it.skip('run in the postgres test project (several instances need a database they can share)', () => {});
  });
}
