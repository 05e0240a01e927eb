/**
 * The typed client against the contract's Prism mock over real HTTP: every seed operation type-checks, its envelope
 * parses and validates against the spec, and its data has the documented fields; errors come back as typed values.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type PrismMock, startPrismMock } from '../test/contract/prism-mock.js';
import { describeErrors, responseSchemaPointer, validatorAt } from '../test/contract/spec.js';
import { createPlexMcpClient, type PlexMcpClient } from './index.js';

let prism: PrismMock;
let plexmcp: PlexMcpClient;
const API_KEY = 'pmcp_0123456789abcdefghijABCDEFGHIJ0123456789';

beforeAll(async () => {
  prism = await startPrismMock();
  plexmcp = createPlexMcpClient({ baseUrl: prism.baseUrl, apiKey: API_KEY });
});

afterAll(async () => {
  await prism?.stop();
});

/** Asserts the body is valid against the operation's documented success schema. */
function expectDocumented(method: string, path: string, status: string, body: unknown): void {
  const validate = validatorAt(responseSchemaPointer(method, path, status));
  expect(validate(body) ? [] : describeErrors(validate)).toEqual([]);
}

describe('seed operations through the typed client', () => {
  test('GET /v1/mcps lists MCP servers with pagination', async () => {
    const { data, error, response } = await plexmcp.GET('/v1/mcps', {
      params: { query: { page: 1, per_page: 20, status: 'all' } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expectDocumented('GET', '/v1/mcps', '200', data);
    const first = data?.data[0];
    expect(first).toMatchObject({
      id: expect.any(String),
      endpoint_url: expect.any(String),
      status: expect.any(String),
    });
    expect(data?.pagination).toMatchObject({ page: 1, per_page: 20 });
  });

  test('GET /v1/mcps/{mcp_id} returns detail with stats and tools', async () => {
    const { data, error } = await plexmcp.GET('/v1/mcps/{mcp_id}', { params: { path: { mcp_id: 'mcp_123' } } });
    expect(error).toBeUndefined();
    expectDocumented('GET', '/v1/mcps/{mcp_id}', '200', data);
    expect(data?.data.stats.total_requests).toEqual(expect.any(Number));
    const tool = data?.data.tools[0];
    expect(tool).toMatchObject({ name: expect.any(String), input_schema: expect.any(Object) });
  });

  test('POST /mcp invokes a tool and returns result, content and metadata', async () => {
    const { data, error } = await plexmcp.POST('/mcp', {
      body: { mcp_id: 'mcp_123', tool: 'get_weather', arguments: { location: 'San Francisco, CA' } },
    });
    expect(error).toBeUndefined();
    expectDocumented('POST', '/mcp', '200', data);
    expect(data?.data.is_error).toBe(false);
    expect(Array.isArray(data?.data.content)).toBe(true);
    expect(data?.data.metadata).toMatchObject({
      mcp_id: expect.any(String),
      tool: expect.any(String),
      latency_ms: expect.any(Number),
    });
  });

  test('GET /v1/organization returns the organisation with limits and usage', async () => {
    const { data, error } = await plexmcp.GET('/v1/organization');
    expect(error).toBeUndefined();
    expectDocumented('GET', '/v1/organization', '200', data);
    expect(data?.data).toMatchObject({ id: expect.any(String), slug: expect.any(String), plan: expect.any(String) });
    expect(Object.keys(data?.data.limits ?? {})).toContain('monthly_requests');
  });

  test('GET /v1/organization/members lists members with roles', async () => {
    const { data, error } = await plexmcp.GET('/v1/organization/members', { params: { query: { role: 'admin' } } });
    expect(error).toBeUndefined();
    expectDocumented('GET', '/v1/organization/members', '200', data);
    expect(data?.data[0]).toMatchObject({ email: expect.any(String), role: expect.any(String) });
  });

  test('GET /v1/api-keys lists keys without their secrets', async () => {
    const { data, error } = await plexmcp.GET('/v1/api-keys', { params: { query: { status: 'active' } } });
    expect(error).toBeUndefined();
    expectDocumented('GET', '/v1/api-keys', '200', data);
    expect(data?.data[0]).toMatchObject({ prefix: expect.any(String), status: 'active' });
    expect(data?.data[0]).not.toHaveProperty('key');
  });

  test('POST /v1/api-keys creates a key and shows it once (201)', async () => {
    const { data, error, response } = await plexmcp.POST('/v1/api-keys', {
      body: { name: 'CI', permissions: { mcps: ['mcp_123'] }, expires_at: '2030-01-01T00:00:00Z' },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expectDocumented('POST', '/v1/api-keys', '201', data);
    expect(data?.data.key).toMatch(/^pmcp_[A-Za-z0-9]{40,}$/);
  });

  test('DELETE /v1/api-keys/{key_id} revokes the key', async () => {
    const { data, error } = await plexmcp.DELETE('/v1/api-keys/{key_id}', { params: { path: { key_id: 'key_123' } } });
    expect(error).toBeUndefined();
    expectDocumented('DELETE', '/v1/api-keys/{key_id}', '200', data);
    expect(data?.data).toMatchObject({ status: 'revoked', revoked_at: expect.any(String) });
  });

  test('GET /v1/usage returns the summary against the plan limit', async () => {
    const { data, error } = await plexmcp.GET('/v1/usage', { params: { query: { period: 'month' } } });
    expect(error).toBeUndefined();
    expectDocumented('GET', '/v1/usage', '200', data);
    expect(data?.data.requests).toMatchObject({ total: expect.any(Number) });
    expect(data?.data.by_status).toMatchObject({ success: expect.any(Number), error: expect.any(Number) });
  });

  test('GET /v1/usage/history lists invocation records', async () => {
    const { data, error } = await plexmcp.GET('/v1/usage/history', {
      params: { query: { status: 'success', per_page: 5 } },
    });
    expect(error).toBeUndefined();
    expectDocumented('GET', '/v1/usage/history', '200', data);
    expect(data?.data[0]).toMatchObject({ tool: expect.any(String), latency_ms: expect.any(Number) });
  });
});

describe('errors through the typed client', () => {
  test('a client without an API key gets 401 unauthorized as a typed value', async () => {
    const anonymous = createPlexMcpClient({ baseUrl: prism.baseUrl });
    const { data, error, response } = await anonymous.GET('/v1/organization');
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ kind: 'api_error', code: 'unauthorized', status: 401, message: expect.any(String) });
    expect(error?.requestId).toEqual(expect.any(String));
  });

  test('an empty API key sends no credentials and gets 401', async () => {
    const { error } = await createPlexMcpClient({ baseUrl: prism.baseUrl, apiKey: '' }).GET('/v1/mcps');
    expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  test('a documented 404 carries the envelope code, status and request id', async () => {
    const { error } = await plexmcp.GET('/v1/mcps/{mcp_id}', {
      params: { path: { mcp_id: 'mcp_missing' } },
      headers: { Prefer: 'code=404' },
    });
    expect(error).toMatchObject({ kind: 'api_error', code: 'not_found', status: 404 });
    expect(error?.requestId).toEqual(expect.any(String));
  });

  test('a 422 carries the field details', async () => {
    const { error } = await plexmcp.POST('/v1/api-keys', { body: { name: 'x' }, headers: { Prefer: 'code=422' } });
    expect(error).toMatchObject({ code: 'validation_error', status: 422, details: expect.any(Object) });
  });

  test('with retry off, a 429 is returned at once as rate_limited', async () => {
    const once = createPlexMcpClient({ baseUrl: prism.baseUrl, apiKey: API_KEY, retry: false });
    const { error, response } = await once.GET('/v1/usage', { headers: { Prefer: 'code=429' } });
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(response.headers.get('retry-after')).toBe('1');
  });
});
