/**
 * The client retries 429 after the advertised Retry-After, up to its bound, and not at all when told not to,
 * against a real HTTP server that counts and times the requests.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createPlexMcpClient, parseRetryAfter } from './index.js';
import { errorEnvelope, type ScriptedServer, sendJson, startScriptedServer } from './scripted-server.js';

const API_KEY = 'pmcp_RetryTest0123456789abcdefghijABCDEFGHIJ';
const ORGANIZATION = {
  success: true,
  data: {
    id: 'org_1',
    name: 'Acme',
    slug: 'acme',
    description: null,
    plan: 'free',
    created_at: '2024-01-15T10:30:00Z',
    updated_at: '2024-01-15T10:30:00Z',
    settings: {},
    limits: { mcps: 3, api_keys: 3, team_members: 1, monthly_requests: 1000, requests_per_second: 10 },
    usage: { mcps: 0, api_keys: 1, team_members: 1, monthly_requests: 0 },
  },
};
// Timers may fire a hair early relative to the server's clock; allow 10 ms of jitter, never a shorter wait.
const JITTER_MS = 10;

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function rateLimited(retryAfter: string, requestId: string): [number, unknown, Record<string, string>] {
  return [
    429,
    errorEnvelope('rate_limited', 'Rate limit exceeded'),
    { 'retry-after': retryAfter, 'x-request-id': requestId },
  ];
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}

describe('retry of 429', () => {
  test('waits Retry-After seconds between attempts and returns the eventual success', async () => {
    server = await startScriptedServer((_req, index, res) =>
      index < 2 ? sendJson(res, ...rateLimited('1', `req_${index}`)) : sendJson(res, 200, ORGANIZATION),
    );
    const plexmcp = createPlexMcpClient({ baseUrl: server.baseUrl, apiKey: API_KEY });
    const { data, error } = await plexmcp.GET('/v1/organization');
    expect(error).toBeUndefined();
    expect(data?.data.slug).toBe('acme');
    expect(server.received).toHaveLength(3);
    for (const gap of gaps(server.received.map((r) => r.at))) expect(gap).toBeGreaterThanOrEqual(1000 - JITTER_MS);
  });

  test('gives up after its attempts with a typed rate_limited error and the request id', async () => {
    server = await startScriptedServer((_req, index, res) => sendJson(res, ...rateLimited('1', `req_${index}`)));
    const plexmcp = createPlexMcpClient({ baseUrl: server.baseUrl, apiKey: API_KEY, retry: { attempts: 2 } });
    const { data, error, response } = await plexmcp.GET('/v1/organization');
    expect(data).toBeUndefined();
    expect(server.received).toHaveLength(2);
    expect(response.status).toBe(429);
    expect(error).toEqual({
      kind: 'api_error',
      code: 'rate_limited',
      message: 'Rate limit exceeded',
      details: undefined,
      status: 429,
      requestId: 'req_1',
    });
  });

  test('honours an HTTP-date Retry-After', async () => {
    let retryAt = 0;
    server = await startScriptedServer((_req, index, res) => {
      if (index > 0) return sendJson(res, 200, ORGANIZATION);
      // HTTP-dates have whole seconds: two seconds ahead, truncated, is more than one second away.
      retryAt = Math.floor((Date.now() + 2000) / 1000) * 1000;
      sendJson(res, ...rateLimited(new Date(retryAt).toUTCString(), 'req_date'));
    });
    const { error } = await createPlexMcpClient({ baseUrl: server.baseUrl, apiKey: API_KEY }).GET('/v1/organization');
    expect(error).toBeUndefined();
    expect(server.received).toHaveLength(2);
    expect(Date.now()).toBeGreaterThanOrEqual(retryAt - JITTER_MS);
  });

  test('retries a POST with the same body and credentials', async () => {
    server = await startScriptedServer((_req, index, res) =>
      index === 0
        ? sendJson(res, ...rateLimited('1', 'req_post'))
        : sendJson(res, 500, errorEnvelope('internal_error', 'boom')),
    );
    const body = { mcp_id: 'mcp_1', tool: 'echo', arguments: { message: 'hi' } };
    const { error } = await createPlexMcpClient({ baseUrl: server.baseUrl, apiKey: API_KEY }).POST('/mcp', { body });
    expect(error).toMatchObject({ code: 'internal_error', status: 500 });
    expect(server.received.map((r) => JSON.parse(r.body) as unknown)).toEqual([body, body]);
    expect(server.received.map((r) => r.headers.authorization)).toEqual([`ApiKey ${API_KEY}`, `ApiKey ${API_KEY}`]);
  });

  test('retry: false sends the request once', async () => {
    server = await startScriptedServer((_req, index, res) => sendJson(res, ...rateLimited('1', `req_${index}`)));
    const plexmcp = createPlexMcpClient({ baseUrl: server.baseUrl, apiKey: API_KEY, retry: false });
    const { error } = await plexmcp.GET('/v1/organization');
    expect(error).toMatchObject({ code: 'rate_limited', requestId: 'req_0' });
    expect(server.received).toHaveLength(1);
  });

  test('a Retry-After longer than maxDelayMs is returned at once, not waited for', async () => {
    server = await startScriptedServer((_req, index, res) => sendJson(res, ...rateLimited('3600', `req_${index}`)));
    const plexmcp = createPlexMcpClient({ baseUrl: server.baseUrl, apiKey: API_KEY, retry: { maxDelayMs: 5000 } });
    const { error } = await plexmcp.GET('/v1/organization');
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect(server.received).toHaveLength(1);
  });

  test('quota_exceeded is not retried: the monthly quota does not come back in seconds', async () => {
    server = await startScriptedServer((_req, _index, res) =>
      sendJson(res, 429, errorEnvelope('quota_exceeded', 'Monthly quota used up'), { 'retry-after': '1' }),
    );
    const { error } = await createPlexMcpClient({ baseUrl: server.baseUrl, apiKey: API_KEY }).POST('/mcp', {
      body: { mcp_id: 'mcp_1', tool: 'echo', arguments: {} },
    });
    expect(error).toMatchObject({ code: 'quota_exceeded', status: 429 });
    expect(server.received).toHaveLength(1);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
  test.each([
    ['delay-seconds', '2', 2000],
    ['zero seconds', '0', 0],
    ['padded seconds', ' 5 ', 5000],
    ['an HTTP-date ahead', 'Wed, 21 Oct 2015 07:28:03 GMT', 3000],
    ['an HTTP-date past', 'Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['a negative number', '-1', null],
    ['a fraction', '1.5', null],
    ['garbage', 'soon', null],
    ['nothing', null, null],
  ] as const)('%s: %j → %j ms', (_name, value, want) => {
    expect(parseRetryAfter(value, now)).toBe(want);
  });
});
