import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTHENTICATED_PATH, startTestServer, type TestServer } from '../../test/support/rate-limited-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BAD_KEY = `pmcp_${'x'.repeat(40)}`;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { success: boolean; error?: { code: string; details?: Record<string, unknown> } };
}

/** GET /v1/organization from a chosen loopback address (all of 127.0.0.0/8 is loopback), so tests can be different clients. */
function ping(server: TestServer, key: string, from: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${AUTHENTICATED_PATH}`,
      { localAddress: from, headers: { authorization: `ApiKey ${key}` }, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function expectRateLimited(reply: Reply, limit: number): void {
  expect(reply.status).toBe(429);
  expect(reply.body.error?.code).toBe('rate_limited');
  expect(reply.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  expect(reply.body.error?.details).toEqual({
    limit,
    window_seconds: 1,
    retry_after_seconds: Number(reply.headers['retry-after']),
  });
}

describe('failed authentications per client address (hosted)', () => {
  let server: TestServer;
  afterEach(() => server.close());

  it('after 20 failed attempts in a second an address gets 429 rate_limited, even with a good key, until Retry-After', async () => {
    server = await startTestServer({ selfHosted: false });
    const goodKey = await server.addOrganization('pro');
    const attacker = '127.0.0.2';
    for (let i = 0; i < 20; i += 1) {
      const reply = await ping(server, BAD_KEY, attacker);
      expect(reply.status).toBe(401);
      expect(reply.body.error?.code).toBe('unauthorized');
    }
    const blocked = await ping(server, BAD_KEY, attacker);
    expectRateLimited(blocked, 20);
    expectRateLimited(await ping(server, goodKey, attacker), 20);

    // Another address is a different client with a budget of its own.
    expect((await ping(server, BAD_KEY, '127.0.0.3')).status).toBe(401);
    expect((await ping(server, goodKey, '127.0.0.3')).status).toBe(200);

    await sleep(Number(blocked.headers['retry-after']) * 1000 + 50);
    expect((await ping(server, goodKey, attacker)).status).toBe(200);
    expect((await ping(server, BAD_KEY, attacker)).status).toBe(401);
  });

  it('a concurrent flood of bad keys beyond the budget gets 429 instead of 401', async () => {
    server = await startTestServer({ selfHosted: false, failedAuthPerSecond: 5 });
    const replies = await Promise.all(Array.from({ length: 30 }, () => ping(server, BAD_KEY, '127.0.0.4')));
    const limited = replies.filter((reply) => reply.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const reply of limited) expectRateLimited(reply, 5);
    for (const reply of replies) expect([401, 429]).toContain(reply.status);
  });

  it('successful requests do not spend the failed-authentication budget', async () => {
    server = await startTestServer({ selfHosted: false, failedAuthPerSecond: 2 });
    const goodKey = await server.addOrganization('team');
    for (let i = 0; i < 10; i += 1) expect((await ping(server, goodKey, '127.0.0.5')).status).toBe(200);
    expect((await ping(server, BAD_KEY, '127.0.0.5')).status).toBe(401);
  });
});

describe('failed authentications when self-hosted', () => {
  let server: TestServer;
  afterEach(() => server.close());

  it('are never limited: every bad key gets its 401', async () => {
    server = await startTestServer({ selfHosted: true, failedAuthPerSecond: 2 });
    const replies = await Promise.all(Array.from({ length: 30 }, () => ping(server, BAD_KEY, '127.0.0.6')));
    for (const reply of replies) expect(reply.status).toBe(401);
  });
});
