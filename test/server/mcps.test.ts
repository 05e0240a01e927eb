/** MCPs and tool invocation over real HTTP, without a gateway (the honest 502 path). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness } from '../support/harness.js';

const CREATE = { name: 'Weather API', endpoint_url: 'https://weather.example.com/mcp', description: 'Weather data' };

describe('MCP servers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('registers an MCP: 201, Location, the MCP without credentials', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { ...CREATE, auth_type: 'bearer', auth_token: 'upstream-secret-token' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/mcps/${response.body.data.id}`);
    expect(response.body.data).toMatchObject({
      name: 'Weather API',
      endpoint_url: CREATE.endpoint_url,
      description: 'Weather data',
      status: 'active',
      health: 'unknown',
      auth_type: 'bearer',
      request_count: 0,
      last_active: null,
    });
    expect(response.text).not.toContain('upstream-secret-token');
    expect(response.body.data).not.toHaveProperty('auth_token');
    const row = await h.store.getMcp(h.org.id, response.body.data.id);
    expect(row?.credentialsCiphertext).toBeTruthy();
    expect(row?.credentialsCiphertext).not.toContain('upstream-secret-token');
    expect(h.cipher.decrypt(row!.credentialsCiphertext!)).toMatchObject({ token: 'upstream-secret-token' });
    const detail = await call(h.baseUrl, 'GET', `/v1/mcps/${response.body.data.id}`, { key: h.ownerKey });
    expect(detail.text).not.toContain('upstream-secret-token');
  });

  it.each([
    ['bearer', {}, ['auth_token']],
    ['api_key', {}, ['auth_token']],
    ['basic', { auth_username: 'u' }, ['auth_password']],
    ['basic', {}, ['auth_username', 'auth_password']],
  ] as const)('auth_type %s without its credentials is 422 naming them', async (authType, extra, fields) => {
    const response = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { ...CREATE, auth_type: authType, ...extra },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('validation_error');
    expect(Object.keys(response.body.error.details).sort()).toEqual([...fields].sort());
  });

  it.each([
    'http://127.0.0.1:3001/mcp',
    'http://localhost/mcp',
    'http://10.0.0.5/mcp',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]:8080/mcp',
  ])('refuses the private endpoint %s on a shared deployment (422)', async (url) => {
    const response = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { ...CREATE, endpoint_url: url },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toHaveProperty('endpoint_url');
  });

  it('refuses endpoints that are not http or https (422)', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { ...CREATE, endpoint_url: 'ftp://files.example.com/' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toHaveProperty('endpoint_url');
  });

  it('gets an MCP with stats and tools', async () => {
    const mcp = await h.addMcp();
    await h.store.setMcpTools(
      mcp.id,
      [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }],
      new Date().toISOString(),
    );
    const response = await call(h.baseUrl, 'GET', `/v1/mcps/${mcp.id}`, { key: h.ownerKey });
    expect(response.status).toBe(200);
    expect(response.body.data.stats).toEqual({
      total_requests: 0,
      requests_today: 0,
      error_rate: 0,
      avg_latency_ms: 0,
    });
    expect(response.body.data.tools).toEqual([
      { name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } },
    ]);
  });

  it('a missing MCP is 404 not_found', async () => {
    const response = await call(h.baseUrl, 'GET', '/v1/mcps/mcp_missing', { key: h.ownerKey });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('updates fields and keeps unchanged credentials', async () => {
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { ...CREATE, auth_type: 'basic', auth_username: 'alice', auth_password: 'pw-1' },
    });
    const id = created.body.data.id as string;
    const renamed = await call(h.baseUrl, 'PATCH', `/v1/mcps/${id}`, {
      key: h.ownerKey,
      body: { name: 'Renamed', status: 'inactive' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: 'Renamed', status: 'inactive', auth_type: 'basic' });
    const newPassword = await call(h.baseUrl, 'PATCH', `/v1/mcps/${id}`, {
      key: h.ownerKey,
      body: { auth_password: 'pw-2' },
    });
    expect(newPassword.status).toBe(200);
    expect(newPassword.text).not.toContain('pw-2');
    const row = await h.store.getMcp(h.org.id, id);
    expect(h.cipher.decrypt(row!.credentialsCiphertext!)).toMatchObject({ username: 'alice', password: 'pw-2' });
    const switched = await call(h.baseUrl, 'PATCH', `/v1/mcps/${id}`, {
      key: h.ownerKey,
      body: { auth_type: 'bearer' },
    });
    expect(switched.status).toBe(422);
    expect(switched.body.error.details).toHaveProperty('auth_token');
    const none = await call(h.baseUrl, 'PATCH', `/v1/mcps/${id}`, { key: h.ownerKey, body: { auth_type: 'none' } });
    expect(none.body.data.auth_type).toBe('none');
    expect((await h.store.getMcp(h.org.id, id))?.credentialsCiphertext).toBeNull();
  });

  it('an empty PATCH is 422', async () => {
    const mcp = await h.addMcp();
    const response = await call(h.baseUrl, 'PATCH', `/v1/mcps/${mcp.id}`, { key: h.ownerKey, body: {} });
    expect(response.status).toBe(422);
  });

  it('deletes an MCP: {deleted, mcp_id}, then 404', async () => {
    const mcp = await h.addMcp();
    const response = await call(h.baseUrl, 'DELETE', `/v1/mcps/${mcp.id}`, { key: h.ownerKey });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ deleted: true, mcp_id: mcp.id });
    expect((await call(h.baseUrl, 'GET', `/v1/mcps/${mcp.id}`, { key: h.ownerKey })).status).toBe(404);
    expect((await call(h.baseUrl, 'DELETE', `/v1/mcps/${mcp.id}`, { key: h.ownerKey })).status).toBe(404);
  });

  it('filters the list by status', async () => {
    const other = await startHarness();
    try {
      const active = await other.addMcp({ name: 'On' });
      const inactive = await other.addMcp({ name: 'Off' });
      await other.store.updateMcp(other.org.id, inactive.id, { status: 'inactive' });
      const ids = async (query: string) =>
        (await call(other.baseUrl, 'GET', `/v1/mcps${query}`, { key: other.ownerKey })).body.data.map(
          (m: { id: string }) => m.id,
        );
      expect(await ids('')).toEqual([active.id, inactive.id]);
      expect(await ids('?status=active')).toEqual([active.id]);
      expect(await ids('?status=inactive')).toEqual([inactive.id]);
      expect(await ids('?health=healthy')).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('without a gateway', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('POST /mcp answers 502 mcp_unreachable after the checks', async () => {
    const mcp = await h.addMcp();
    const response = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: { mcp_id: mcp.id, tool: 'get_weather', arguments: {} },
    });
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('mcp_unreachable');
    expect(
      (await call(h.baseUrl, 'POST', '/mcp', { key: h.ownerKey, body: { mcp_id: 'mcp_missing', tool: 'x' } })).status,
    ).toBe(404);
    expect((await call(h.baseUrl, 'POST', '/mcp', { key: h.ownerKey, body: { tool: 'x' } })).status).toBe(422);
  });

  it('POST /v1/mcps/{id}/test answers 502 mcp_unreachable', async () => {
    const mcp = await h.addMcp();
    const response = await call(h.baseUrl, 'POST', `/v1/mcps/${mcp.id}/test`, { key: h.ownerKey });
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('mcp_unreachable');
  });
});
