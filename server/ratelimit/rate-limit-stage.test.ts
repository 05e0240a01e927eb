import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHENTICATED_PATH,
  get,
  headerParams,
  startTestServer,
  type TestServer,
} from '../../test/support/rate-limited-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const RATE_HEADERS = [
  'ratelimit-policy',
  'ratelimit',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

function expectRateHeaders(response: Response, limit: number): number {
  expect(response.headers.get('ratelimit-policy')).toBe(`"default";q=${limit};w=1`);
  const { r, t } = headerParams(response.headers.get('ratelimit'));
  expect(response.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
  const remaining = Number(r);
  expect(remaining).toBeLessThanOrEqual(limit);
  expect(Number(t)).toBeGreaterThanOrEqual(0);
  expect(response.headers.get('x-ratelimit-limit')).toBe(String(limit));
  expect(response.headers.get('x-ratelimit-remaining')).toBe(String(remaining));
  const reset = Number(response.headers.get('x-ratelimit-reset'));
  expect(Number.isInteger(reset)).toBe(true);
  // Epoch seconds, within a generous minute of now (the window is one second).
  expect(Math.abs(reset - Date.now() / 1000)).toBeLessThan(60);
  return remaining;
}

describe('rate limits per organisation (hosted)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ selfHosted: false });
  });
  afterAll(() => server.close());

  it('a burst over the free plan limit gets 429 rate_limited with headers, and another organisation is unaffected', async () => {
    const flooder = await server.addOrganization('free');
    const neighbour = await server.addOrganization('free');
    expect((await get(server, AUTHENTICATED_PATH, flooder)).status).toBe(200);
    // 30 at once against 10/s; how many fit depends on how many one-second windows the burst spans on this machine.
    const responses = await Promise.all(Array.from({ length: 30 }, () => get(server, AUTHENTICATED_PATH, flooder)));
    const limited = responses.filter((response) => response.status === 429);
    expect(responses.filter((response) => response.status === 200).length).toBeGreaterThanOrEqual(9);
    expect(limited.length).toBeGreaterThan(0);
    for (const response of responses) expectRateHeaders(response, 10);

    const rejected = limited[0]!;
    const retryAfter = rejected.headers.get('retry-after');
    expect(retryAfter).toMatch(/^[1-9]\d*$/);
    expect(rejected.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(rejected.headers.get('x-request-id')).toBeTruthy();
    expect(await rejected.json()).toEqual({
      success: false,
      error: {
        code: 'rate_limited',
        message: expect.any(String),
        details: { limit: 10, window_seconds: 1, retry_after_seconds: Number(retryAfter) },
      },
    });

    const other = await get(server, AUTHENTICATED_PATH, neighbour);
    expect(other.status).toBe(200);
    expect(expectRateHeaders(other, 10)).toBe(9);
  });

  it('a limited organisation succeeds again after waiting Retry-After', async () => {
    const key = await server.addOrganization('free');
    const responses = await Promise.all(Array.from({ length: 30 }, () => get(server, AUTHENTICATED_PATH, key)));
    const rejected = responses.find((response) => response.status === 429);
    expect(rejected).toBeDefined();
    await sleep(Number(rejected!.headers.get('retry-after')) * 1000 + 50);
    const again = await get(server, AUTHENTICATED_PATH, key);
    expect(again.status).toBe(200);
    expect(expectRateHeaders(again, 10)).toBe(9);
  });

  it('RateLimit remaining counts down by one per request and never exceeds the quota', async () => {
    const key = await server.addOrganization('pro');
    const seen: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const response = await get(server, AUTHENTICATED_PATH, key);
      expect(response.status).toBe(200);
      seen.push(expectRateHeaders(response, 100));
    }
    expect(seen[0]).toBe(99);
    for (let i = 1; i < seen.length; i += 1) {
      // Within a window the count only goes down; the only way up is a fresh window (a full budget less this request).
      const previous = seen[i - 1]!;
      expect([previous - 1, 99]).toContain(seen[i]);
    }
  });

  it('an enterprise organisation is never limited and gets no rate-limit headers', async () => {
    const key = await server.addOrganization('enterprise');
    const responses = await Promise.all(Array.from({ length: 40 }, () => get(server, AUTHENTICATED_PATH, key)));
    for (const response of responses) {
      expect(response.status).toBe(200);
      for (const name of RATE_HEADERS) expect(response.headers.get(name)).toBeNull();
    }
  });

  it('public routes are not counted and carry no rate-limit headers', async () => {
    const response = await get(server, '/health');
    expect(response.status).toBe(200);
    for (const name of RATE_HEADERS) expect(response.headers.get(name)).toBeNull();
  });
});

describe('rate limits when self-hosted', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ selfHosted: true });
  });
  afterAll(() => server.close());

  it('never limits and sends no rate-limit headers', async () => {
    const key = await server.addOrganization('free');
    const responses = await Promise.all(Array.from({ length: 40 }, () => get(server, AUTHENTICATED_PATH, key)));
    for (const response of responses) {
      expect(response.status).toBe(200);
      for (const name of RATE_HEADERS) expect(response.headers.get(name)).toBeNull();
    }
  });
});
