/** Usage summaries and history over real HTTP, from usage rows written through the store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpRow } from '../../server/store/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';

describe('usage', () => {
  let h: Harness;
  let weather: McpRow;
  let calc: McpRow;
  let keyId: string;
  beforeAll(async () => {
    h = await startHarness();
    weather = await h.addMcp({ name: 'Weather' });
    calc = await h.addMcp({ name: 'Calc' });
    keyId = h.ownerKeyRow.id;
    const rows: [McpRow, 'success' | 'error', string][] = [
      [weather, 'success', '2024-01-10T10:00:00.000Z'],
      [weather, 'error', '2024-01-10T11:00:00.000Z'],
      [calc, 'success', '2024-01-12T09:00:00.000Z'],
      [weather, 'success', '2024-02-01T00:00:00.000Z'],
    ];
    for (const [i, [mcp, status, at]] of rows.entries()) {
      await h.store.recordUsage({
        id: `use_${i}`,
        orgId: h.org.id,
        apiKeyId: keyId,
        mcpId: mcp.id,
        mcpName: mcp.name,
        tool: 'tool',
        status,
        errorCode: status === 'error' ? 'mcp_error' : null,
        latencyMs: 100,
        createdAt: at,
      });
    }
  });
  afterAll(() => h.close());

  it('GET /v1/usage summarises a date range against the plan limit', async () => {
    const response = await call(h.baseUrl, 'GET', '/v1/usage?start_date=2024-01-01&end_date=2024-01-31', {
      key: h.ownerKey,
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      period: 'custom',
      start_date: '2024-01-01T00:00:00.000Z',
      end_date: '2024-01-31T23:59:59.999Z',
      requests: { total: 3, limit: 50_000, percentage: 0.01 },
      by_status: { success: 2, error: 1 },
      by_day: [
        { date: '2024-01-10', requests: 2 },
        { date: '2024-01-12', requests: 1 },
      ],
    });
    const byMcp = Object.fromEntries(
      response.body.data.by_mcp.map((m: { mcp_id: string; requests: number }) => [m.mcp_id, m.requests]),
    );
    expect(byMcp).toEqual({ [weather.id]: 2, [calc.id]: 1 });
  });

  it('GET /v1/organization/usage is the same summary', async () => {
    const query = '?start_date=2024-01-01&end_date=2024-01-31';
    const a = await call(h.baseUrl, 'GET', `/v1/usage${query}`, { key: h.ownerKey });
    const b = await call(h.baseUrl, 'GET', `/v1/organization/usage${query}`, { key: h.ownerKey });
    expect(b.status).toBe(200);
    expect(b.body.data).toEqual(a.body.data);
  });

  it('the default period is the month ending now', async () => {
    const response = await call(h.baseUrl, 'GET', '/v1/usage', { key: h.ownerKey });
    expect(response.body.data.period).toBe('month');
    expect(response.body.data.requests.total).toBe(0);
  });

  it.each([
    ['start_date=yesterday', 'start_date'],
    ['end_date=2024-13-01', 'end_date'],
    ['start_date=2024-02-01&end_date=2024-01-01', 'end_date'],
  ])('bad dates (%s) are 400 invalid_request', async (query, field) => {
    for (const path of ['/v1/usage', '/v1/organization/usage', '/v1/usage/history', `/v1/api-keys/${keyId}/usage`]) {
      const response = await call(h.baseUrl, 'GET', `${path}?${query}`, { key: h.ownerKey });
      expect(response.status, path).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
      expect(response.body.error.details).toHaveProperty(field);
    }
  });

  it('a bad period is 400', async () => {
    expect((await call(h.baseUrl, 'GET', '/v1/usage?period=year', { key: h.ownerKey })).status).toBe(400);
  });

  it('GET /v1/usage/history lists records oldest first, with filters', async () => {
    const all = await call(h.baseUrl, 'GET', '/v1/usage/history', { key: h.ownerKey });
    expect(all.status).toBe(200);
    expect(all.body.data.map((r: { id: string }) => r.id)).toEqual(['use_0', 'use_1', 'use_2', 'use_3']);
    expect(all.body.data[1]).toMatchObject({
      mcp_id: weather.id,
      mcp_name: 'Weather',
      api_key_id: keyId,
      status: 'error',
      error_code: 'mcp_error',
      latency_ms: 100,
    });
    const errors = await call(h.baseUrl, 'GET', '/v1/usage/history?status=error', { key: h.ownerKey });
    expect(errors.body.data.map((r: { id: string }) => r.id)).toEqual(['use_1']);
    const byMcp = await call(h.baseUrl, 'GET', `/v1/usage/history?mcp_id=${calc.id}`, { key: h.ownerKey });
    expect(byMcp.body.data.map((r: { id: string }) => r.id)).toEqual(['use_2']);
    const ranged = await call(h.baseUrl, 'GET', '/v1/usage/history?start_date=2024-01-11&end_date=2024-02-01', {
      key: h.ownerKey,
    });
    expect(ranged.body.data.map((r: { id: string }) => r.id)).toEqual(['use_2', 'use_3']);
  });

  it('a scoped key sees only the usage of its MCPs', async () => {
    const { key } = await h.addKey(h.owner.id, { scope: [calc.id] });
    const history = await call(h.baseUrl, 'GET', '/v1/usage/history', { key });
    expect(history.body.data.map((r: { id: string }) => r.id)).toEqual(['use_2']);
    const summary = await call(h.baseUrl, 'GET', '/v1/usage?start_date=2024-01-01', { key });
    expect(summary.body.data.requests.total).toBe(1);
  });

  it("GET /v1/api-keys/{id}/usage summarises one key's calls", async () => {
    const response = await call(
      h.baseUrl,
      'GET',
      `/v1/api-keys/${keyId}/usage?start_date=2024-01-01&end_date=2024-12-31`,
      { key: h.ownerKey },
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      key_id: keyId,
      period: 'custom',
      total_requests: 4,
      by_status: { success: 3, error: 1 },
    });
    expect((await call(h.baseUrl, 'GET', '/v1/api-keys/key_missing/usage', { key: h.ownerKey })).status).toBe(404);
  });

  it('an MCP counts its requests and its last activity', async () => {
    const response = await call(h.baseUrl, 'GET', `/v1/mcps/${weather.id}`, { key: h.ownerKey });
    expect(response.body.data).toMatchObject({ request_count: 3, last_active: '2024-02-01T00:00:00.000Z' });
    expect(response.body.data.stats.error_rate).toBeCloseTo(1 / 3);
  });
});
