/**
 * The figures lists show (an MCP's request_count and last_active, a key's usage counts) against the usage history,
 * after a known sequence of real invocations through the gateway: each call is counted exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';

type Mcp = { id: string; request_count: number; last_active: string | null };
type History = { timestamp: string };

describe('list figures after invocations', () => {
  let h: Harness;
  let demo: DemoMcpServer;
  let gateway: Gateway;
  let first: string;
  let second: string;
  beforeAll(async () => {
    demo = await startDemoMcpServer();
    gateway = createGateway({ maxTimeoutMs: 5_000 });
    h = await startHarness({ overrides: { gateway, allowPrivateMcpUrls: true } });
    const create = async (name: string) =>
      (await call(h.baseUrl, 'POST', '/v1/mcps', { key: h.ownerKey, body: { name, endpoint_url: demo.url } })).body.data
        .id as string;
    first = await create('First');
    second = await create('Second');
    const invoke = (mcpId: string, tool: string, args: Record<string, unknown>, headers?: Record<string, string>) =>
      call(h.baseUrl, 'POST', '/mcp', {
        key: h.ownerKey,
        body: { mcp_id: mcpId, tool, arguments: args },
        ...(headers ? { headers } : {}),
      });
    const weather = { location: 'Paris' };
    expect((await invoke(first, 'get_weather', weather)).status).toBe(200);
    expect((await invoke(first, 'fail', {})).body.data.is_error).toBe(true);
    expect((await invoke(second, 'get_weather', weather)).status).toBe(200);
    // Refused before the upstream is called: not a call, not counted.
    expect((await invoke(first, 'get_weather', {})).status).toBe(422);
    expect((await invoke(first, 'get_wether', weather)).status).toBe(404);
    // A replay answers from the stored response: the call was made, and is counted, once.
    const once = { 'idempotency-key': 'activity-once' };
    expect((await invoke(first, 'get_weather', weather, once)).status).toBe(200);
    expect((await invoke(first, 'get_weather', weather, once)).status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
    await gateway.close();
    await demo.close();
  });

  const history = async (query: string): Promise<History[]> => {
    const response = await call(h.baseUrl, 'GET', `/v1/usage/history?${query}&per_page=100`, { key: h.ownerKey });
    expect(response.status).toBe(200);
    return response.body.data as History[];
  };

  it('GET /v1/mcps shows each MCP request_count and last_active equal to its history', async () => {
    const listed = (await call(h.baseUrl, 'GET', '/v1/mcps', { key: h.ownerKey })).body.data as Mcp[];
    const byId = new Map(listed.map((mcp) => [mcp.id, mcp]));
    expect(byId.get(first)?.request_count).toBe(3);
    expect(byId.get(second)?.request_count).toBe(1);
    for (const id of [first, second]) {
      const rows = await history(`mcp_id=${id}`);
      expect(byId.get(id)?.request_count).toBe(rows.length);
      expect(byId.get(id)?.last_active).toBe(rows.at(-1)?.timestamp);
    }
  });

  it('GET /v1/mcps/{id} agrees with the list and the history', async () => {
    const detail = (await call(h.baseUrl, 'GET', `/v1/mcps/${first}`, { key: h.ownerKey })).body.data;
    expect(detail).toMatchObject({ request_count: 3, stats: { total_requests: 3, requests_today: 3 } });
    expect(detail.stats.error_rate).toBeCloseTo(1 / 3);
    expect(detail.last_active).toBe((await history(`mcp_id=${first}`)).at(-1)?.timestamp);
  });

  it('GET /v1/api-keys shows the key usage equal to its history', async () => {
    const keys = (await call(h.baseUrl, 'GET', '/v1/api-keys', { key: h.ownerKey })).body.data as {
      id: string;
      usage: Record<string, number>;
    }[];
    const owner = keys.find((key) => key.id === h.ownerKeyRow.id);
    const rows = await history(`api_key_id=${h.ownerKeyRow.id}`);
    expect(rows).toHaveLength(4);
    expect(owner?.usage).toEqual({
      total_requests: 4,
      requests_today: 4,
      requests_this_week: 4,
      requests_this_month: 4,
    });
  });
});
