/** Idempotent retries of create operations, the monthly quota on POST /mcp, and self-hosted limits, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageRow } from '../../server/store/test-store.js';
import { call, type Harness, startHarness } from '../support/harness.js';

describe('Idempotency-Key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a retried create with the same key and body replays the first response', async () => {
    const body = { name: 'Once', endpoint_url: 'https://once.example.com/mcp' };
    const headers = { 'idempotency-key': 'create-once-1' };
    const first = await call(h.baseUrl, 'POST', '/v1/mcps', { key: h.ownerKey, body, headers });
    const second = await call(h.baseUrl, 'POST', '/v1/mcps', { key: h.ownerKey, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.data.id).toBe(first.body.data.id);
    const list = await call(h.baseUrl, 'GET', '/v1/mcps', { key: h.ownerKey });
    expect(list.body.data.filter((mcp: { name: string }) => mcp.name === 'Once')).toHaveLength(1);
  });

  it('a retried key creation replays the same key once more, and the stored replay does not hold it in plaintext', async () => {
    const body = { name: 'Retried key' };
    const headers = { 'idempotency-key': 'create-key-once' };
    const first = await call(h.baseUrl, 'POST', '/v1/api-keys', { key: h.ownerKey, body, headers });
    const second = await call(h.baseUrl, 'POST', '/v1/api-keys', { key: h.ownerKey, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.data.id).toBe(first.body.data.id);
    expect(second.body.data.key).toBe(first.body.data.key);
    const list = await call(h.baseUrl, 'GET', '/v1/api-keys?per_page=100', { key: h.ownerKey });
    expect(list.body.data.filter((key: { name: string }) => key.name === 'Retried key')).toHaveLength(1);
    const stored = await h.store.getIdempotency(h.org.id, 'create-key-once');
    expect(stored).toBeDefined();
    expect(stored?.body).not.toContain(first.body.data.key);
  });

  it('the same key with another body is 409 already_exists', async () => {
    const headers = { 'idempotency-key': 'invite-1' };
    const first = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
      key: h.ownerKey,
      body: { email: 'a@example.com' },
      headers,
    });
    expect(first.status).toBe(201);
    const other = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
      key: h.ownerKey,
      body: { email: 'b@example.com' },
      headers,
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('already_exists');
  });
});

describe('monthly quota', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('past the plan quota, POST /mcp is 429 quota_exceeded with Retry-After', async () => {
    const free = await h.addOrganization('free');
    const mcp = await h.addMcp({ orgId: free.org.id });
    const now = new Date().toISOString();
    for (let i = 0; i < 1_000; i++) {
      await h.store.recordUsage(
        usageRow({
          orgId: free.org.id,
          apiKeyId: free.ownerKeyRow.id,
          mcpId: mcp.id,
          mcpName: mcp.name,
          createdAt: now,
        }),
      );
    }
    const response = await call(h.baseUrl, 'POST', '/mcp', { key: free.ownerKey, body: { mcp_id: mcp.id, tool: 't' } });
    expect(response.status).toBe(429);
    expect(response.body.error.code).toBe('quota_exceeded');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const organization = await call(h.baseUrl, 'GET', '/v1/organization', { key: free.ownerKey });
    expect(organization.body.data.usage.monthly_requests).toBe(1_000);
    // Another organisation is not affected: without a gateway it gets the honest 502.
    const mine = await h.addMcp();
    expect(
      (await call(h.baseUrl, 'POST', '/mcp', { key: h.ownerKey, body: { mcp_id: mine.id, tool: 't' } })).status,
    ).toBe(502);
  }, 120_000);
});

describe('self-hosted', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ overrides: { selfHosted: true } });
  });
  afterAll(() => h.close());

  it('reports every limit as unlimited and accepts private MCP endpoints', async () => {
    const organization = await call(h.baseUrl, 'GET', '/v1/organization', { key: h.ownerKey });
    expect(organization.body.data.limits).toEqual({
      mcps: null,
      api_keys: null,
      team_members: null,
      monthly_requests: null,
      requests_per_second: null,
    });
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'Local', endpoint_url: 'http://127.0.0.1:3001/mcp' },
    });
    expect(created.status).toBe(201);
  });
});
