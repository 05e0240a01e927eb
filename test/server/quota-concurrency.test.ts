/**
 * The monthly quota holds under concurrency: each call takes its invocation from the store's counter atomically before
 * the upstream call, so 30 calls at once with 5 left get exactly 5 through (real demo MCP, a free-plan organisation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { monthWindow } from '../../server/quota/index.js';
import { usageRow } from '../../server/store/test-store.js';
import { call, type Harness, type Seeded, startHarness } from '../support/harness.js';

describe('monthly quota under concurrent calls', () => {
  let h: Harness;
  let demo: DemoMcpServer;
  let gateway: Gateway;
  let free: Seeded;
  let mcpId: string;
  beforeAll(async () => {
    demo = await startDemoMcpServer();
    gateway = createGateway({ maxTimeoutMs: 10_000 });
    h = await startHarness({ overrides: { gateway, allowPrivateMcpUrls: true, mcpRequestTimeoutMs: 10_000 } });
    free = await h.addOrganization('free');
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: free.ownerKey,
      body: { name: 'Demo', endpoint_url: demo.url },
    });
    expect(created.status).toBe(201);
    mcpId = created.body.data.id;
  });
  afterAll(async () => {
    await h.close();
    await gateway.close();
    await demo.close();
  });

  it('30 calls at once with 995 of 1,000 used: exactly 5 succeed, the rest are 429, the month ends at 1,000', async () => {
    const now = new Date().toISOString();
    await Promise.all(
      Array.from({ length: 995 }, () => h.store.recordUsage(usageRow({ orgId: free.org.id, mcpId, createdAt: now }))),
    );
    const month = monthWindow(new Date()).month;
    expect(await h.store.countMonthlyUsage(free.org.id, month)).toBe(995);

    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(h.baseUrl, 'POST', '/mcp', {
          key: free.ownerKey,
          body: { mcp_id: mcpId, tool: 'get_weather', arguments: { location: `City ${i}` } },
        }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    for (const response of responses.filter((r) => r.status === 429)) {
      expect(response.body.error.code).toBe('quota_exceeded');
    }
    expect(await h.store.countMonthlyUsage(free.org.id, month)).toBe(1_000);
    const rows = await h.store.countUsage(free.org.id, {});
    expect(rows).toBe(1_000);
  });
});
