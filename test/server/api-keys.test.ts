/** API keys over real HTTP: created once, listed without secrets, renamed, revoked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness } from '../support/harness.js';

describe('API keys', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('creates a key: 201, Location, the full key once, and the key works', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/api-keys', {
      key: h.ownerKey,
      body: { name: 'CI', description: 'for CI', expires_at: '2099-01-01T00:00:00Z' },
    });
    expect(response.status).toBe(201);
    const created = response.body.data;
    expect(response.headers.get('location')).toBe(`/v1/api-keys/${created.id}`);
    expect(created.key).toMatch(/^pmcp_[A-Za-z0-9]{40,}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    expect(created).toMatchObject({
      name: 'CI',
      description: 'for CI',
      status: 'active',
      role: 'owner',
      expires_at: '2099-01-01T00:00:00.000Z',
      revoked_at: null,
      permissions: { mcps: '*' },
      created_by: { id: h.owner.id, email: 'owner@example.com' },
      usage: { total_requests: 0, requests_today: 0, requests_this_week: 0, requests_this_month: 0 },
    });
    expect((await call(h.baseUrl, 'GET', '/v1/organization', { key: created.key })).status).toBe(200);
    // Never again: not in the detail, not in the list.
    const detail = await call(h.baseUrl, 'GET', `/v1/api-keys/${created.id}`, { key: h.ownerKey });
    expect(detail.body.data).not.toHaveProperty('key');
    expect(detail.text).not.toContain(created.key);
    const list = await call(h.baseUrl, 'GET', '/v1/api-keys?per_page=100', { key: h.ownerKey });
    expect(list.text).not.toContain(created.key);
    expect(list.text).not.toContain(h.ownerKey);
    expect(list.text).not.toContain(h.ownerKeyRow.keyHash);
  });

  it('expires_at in the past is 422 with details.expires_at', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/api-keys', {
      key: h.ownerKey,
      body: { name: 'old', expires_at: '2020-01-01T00:00:00Z' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('validation_error');
    expect(response.body.error.details).toHaveProperty('expires_at');
  });

  it('a scope naming an unknown MCP is 422', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/api-keys', {
      key: h.ownerKey,
      body: { name: 'x', permissions: { mcps: ['mcp_nope'] } },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toHaveProperty(['permissions.mcps']);
  });

  it('GET has recent_activity, newest first', async () => {
    const mcp = await h.addMcp();
    const { key: _key, row } = await h.addKey(h.owner.id);
    for (const [i, tool] of ['first', 'second'].entries()) {
      await h.store.recordUsage({
        id: `use_k${i}`,
        orgId: h.org.id,
        apiKeyId: row.id,
        mcpId: mcp.id,
        mcpName: mcp.name,
        tool,
        status: 'success',
        errorCode: null,
        latencyMs: 10,
        createdAt: new Date(Date.now() - (2 - i) * 1000).toISOString(),
      });
    }
    const response = await call(h.baseUrl, 'GET', `/v1/api-keys/${row.id}`, { key: h.ownerKey });
    expect(response.status).toBe(200);
    expect(response.body.data.recent_activity.map((a: { tool: string }) => a.tool)).toEqual(['second', 'first']);
    expect(response.body.data.usage.total_requests).toBe(2);
  });

  it('PATCH renames; other fields are 422', async () => {
    const { row } = await h.addKey(h.owner.id);
    const response = await call(h.baseUrl, 'PATCH', `/v1/api-keys/${row.id}`, {
      key: h.ownerKey,
      body: { name: 'Renamed', description: null },
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ id: row.id, name: 'Renamed', description: null });
    const role = await call(h.baseUrl, 'PATCH', `/v1/api-keys/${row.id}`, {
      key: h.ownerKey,
      body: { role: 'viewer' },
    });
    expect(role.status).toBe(422);
  });

  it('DELETE revokes: {id, status, revoked_at}; the key stops working; revoking again is idempotent', async () => {
    const { key, row } = await h.addKey(h.owner.id);
    const response = await call(h.baseUrl, 'DELETE', `/v1/api-keys/${row.id}`, { key: h.ownerKey });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ id: row.id, status: 'revoked', revoked_at: expect.any(String) });
    expect((await call(h.baseUrl, 'GET', '/v1/mcps', { key })).body.error.code).toBe('revoked_key');
    const again = await call(h.baseUrl, 'DELETE', `/v1/api-keys/${row.id}`, { key: h.ownerKey });
    expect(again.body.data.revoked_at).toBe(response.body.data.revoked_at);
    const revoked = await call(h.baseUrl, 'GET', '/v1/api-keys?status=revoked', { key: h.ownerKey });
    expect(revoked.body.data.map((k: { id: string }) => k.id)).toContain(row.id);
  });

  it("revoking the caller's only active key is 403 forbidden", async () => {
    const other = await h.addOrganization();
    const response = await call(h.baseUrl, 'DELETE', `/v1/api-keys/${other.ownerKeyRow.id}`, { key: other.ownerKey });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect((await call(h.baseUrl, 'GET', '/v1/mcps', { key: other.ownerKey })).status).toBe(200);
  });

  it("members see and manage only their own keys; another member's key is 404", async () => {
    const alice = await h.addMember('member');
    const bob = await h.addMember('member');
    const list = await call(h.baseUrl, 'GET', '/v1/api-keys', { key: alice.key });
    expect(list.body.data.map((k: { id: string }) => k.id)).toEqual([alice.keyRow.id]);
    expect((await call(h.baseUrl, 'GET', `/v1/api-keys/${bob.keyRow.id}`, { key: alice.key })).status).toBe(404);
    expect((await call(h.baseUrl, 'DELETE', `/v1/api-keys/${bob.keyRow.id}`, { key: alice.key })).status).toBe(404);
    const created = await call(h.baseUrl, 'POST', '/v1/api-keys', { key: alice.key, body: { name: 'second' } });
    expect(created.status).toBe(201);
    expect(created.body.data.role).toBe('member');
    expect((await call(h.baseUrl, 'DELETE', `/v1/api-keys/${alice.keyRow.id}`, { key: alice.key })).status).toBe(200);
  });

  it('lists expired keys as expired', async () => {
    const { row } = await h.addKey(h.owner.id, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    const expired = await call(h.baseUrl, 'GET', '/v1/api-keys?status=expired', { key: h.ownerKey });
    expect(expired.body.data.map((k: { id: string; status: string }) => [k.id, k.status])).toContainEqual([
      row.id,
      'expired',
    ]);
    expect(expired.body.data.every((k: { status: string }) => k.status === 'expired')).toBe(true);
  });
});
