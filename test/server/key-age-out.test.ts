/**
 * Revoked and expired keys age out (openapi.yaml "Key management"): listed for 7 days after they were revoked or
 * expired, then deleted by the server's purge (run at start-up and hourly), on the store of the test project with a
 * fixed clock. A deleted key is 404 by id, absent from the list and its totals, 401 unauthorized when presented; its
 * calls stay in the usage summary and show `api_key_id: null` in the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeAgedApiKeys } from '../../server/keys/purge-aged-keys.js';
import { call, type Harness, startHarness } from '../support/harness.js';

const DAY_MS = 86_400_000;

describe('revoked and expired keys age out after 7 days', () => {
  let h: Harness;
  let now = Date.parse('2026-05-04T12:00:00.000Z');
  const clock = () => new Date(now);
  beforeAll(async () => {
    h = await startHarness({ overrides: { clock } });
  });
  afterAll(() => h.close());

  const listedIds = async (status?: string) => {
    const reply = await call(h.baseUrl, 'GET', `/v1/api-keys?per_page=100${status ? `&status=${status}` : ''}`, {
      key: h.ownerKey,
    });
    expect(reply.status, reply.text).toBe(200);
    return { ids: reply.body.data.map((k: { id: string }) => k.id) as string[], total: reply.body.pagination.total };
  };

  it('a revoked key is listed for 7 days after revoked_at, then deleted; its usage stays', async () => {
    const created = await call(h.baseUrl, 'POST', '/v1/api-keys', { key: h.ownerKey, body: { name: 'short-lived' } });
    expect(created.status, created.text).toBe(201);
    const { id, key } = created.body.data as { id: string; key: string };
    const mcp = await h.addMcp();
    await h.store.recordUsage({
      id: 'use_aged',
      orgId: h.org.id,
      apiKeyId: id,
      mcpId: mcp.id,
      mcpName: mcp.name,
      tool: 'echo',
      status: 'success',
      errorCode: null,
      latencyMs: 5,
      createdAt: clock().toISOString(),
    });
    expect((await call(h.baseUrl, 'DELETE', `/v1/api-keys/${id}`, { key: h.ownerKey })).status).toBe(200);

    now += 7 * DAY_MS - 1;
    expect(await purgeAgedApiKeys(h.store, clock)).toBe(0);
    expect((await listedIds('revoked')).ids).toEqual([id]);
    const presented = await call(h.baseUrl, 'GET', '/v1/organization', { key });
    expect(presented.body.error.code).toBe('revoked_key');

    now += 1;
    expect(await purgeAgedApiKeys(h.store, clock)).toBe(1);
    expect(await listedIds('revoked')).toEqual({ ids: [], total: 0 });
    expect((await listedIds()).ids).not.toContain(id);
    expect((await call(h.baseUrl, 'GET', `/v1/api-keys/${id}`, { key: h.ownerKey })).status).toBe(404);
    const gone = await call(h.baseUrl, 'GET', '/v1/organization', { key });
    expect([gone.status, gone.body.error.code]).toEqual([401, 'unauthorized']);

    const history = await call(h.baseUrl, 'GET', '/v1/usage/history', { key: h.ownerKey });
    expect(history.body.data.map((r: { api_key_id: string | null }) => r.api_key_id)).toEqual([null]);
    const byKey = await call(h.baseUrl, 'GET', `/v1/usage/history?api_key_id=${id}`, { key: h.ownerKey });
    expect(byKey.body.pagination.total).toBe(0);
    const summary = await call(h.baseUrl, 'GET', '/v1/usage?period=month', { key: h.ownerKey });
    expect(summary.body.data.requests.total).toBe(1);
  });

  it('an expired key is listed for 7 days after expires_at, then deleted; active keys stay', async () => {
    const expiresAt = new Date(now + 3_600_000).toISOString();
    const created = await call(h.baseUrl, 'POST', '/v1/api-keys', {
      key: h.ownerKey,
      body: { name: 'expiring', expires_at: expiresAt },
    });
    expect(created.status, created.text).toBe(201);
    const { id } = created.body.data as { id: string };

    now = Date.parse(expiresAt) + 7 * DAY_MS - 1;
    await purgeAgedApiKeys(h.store, clock);
    expect((await listedIds('expired')).ids).toEqual([id]);
    now += 1;
    expect(await purgeAgedApiKeys(h.store, clock)).toBe(1);
    expect((await listedIds('expired')).ids).toEqual([]);
    // The owner's own key never expires and was never revoked.
    expect((await listedIds('active')).ids).toContain(h.ownerKeyRow.id);
  });
});
