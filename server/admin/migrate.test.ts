/**
 * plexmcp-admin migrate --to postgres://…: a database built through the sql.js server's API (organisation, keys, an MCP
 * with encrypted credentials, an invitation, usage, an idempotent replay) moves into an empty PostgreSQL database, and
 * the server started there with the same secrets serves the same keys, decrypts the same credentials and replays the
 * same response. A database that is not empty is refused; the admin's other commands work on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { type Child, spawnTs } from '../../test/support/child-process.js';
import { createTestDatabase } from '../../test/support/databases.js';
import { TEST_DATABASE_URL, testService } from '../../test/support/services.js';
import { main as admin } from './cli.js';

const postgres = testService(TEST_DATABASE_URL);
const OWNER_KEY = `pmcp_${'M'.repeat(43)}`;
const SECRETS = { API_KEY_HMAC_SECRET: 'c'.repeat(64), PLEXMCP_ENCRYPTION_KEY: 'd'.repeat(64) };

describe.skipIf(postgres.skipReason !== undefined)('plexmcp-admin migrate --to postgres://…', () => {
  let dir: string;
  let demo: DemoMcpServer;
  let database: { url: string; drop(): Promise<void> };
  const children: Child[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plexmcp-migrate-'));
    demo = await startDemoMcpServer({ auth: { type: 'bearer', token: 'upstream-token' } });
    database = await createTestDatabase(postgres.url!);
  });
  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    await demo.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const serve = async (databaseUrl: string) => {
    const child = spawnTs('server/main.ts', [], {
      BIND_ADDRESS: '127.0.0.1:0',
      DATABASE_URL: databaseUrl,
      PLEXMCP_BOOTSTRAP_API_KEY: OWNER_KEY,
      PLEXMCP_ALLOW_PRIVATE_MCP_URLS: 'true',
      PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
      ...SECRETS,
    });
    children.push(child);
    const [, url] = await child.waitFor(/listening on (http:\/\/\S+)/);
    const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `ApiKey ${headers.key ?? OWNER_KEY}`,
          'content-type': 'application/json',
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as any };
    };
    const stop = async () => {
      child.process.kill('SIGTERM');
      expect(await child.exited).toBe(0);
    };
    return { api, stop };
  };

  it('copies everything, verifies the counts, and the server on PostgreSQL works with the same keys and secrets', {
    timeout: 180_000,
  }, async () => {
    const file = `file:${join(dir, 'plexmcp.db')}`;
    const embedded = await serve(file);
    const mcp = await embedded.api('POST', '/v1/mcps', {
      name: 'Weather',
      endpoint_url: demo.url,
      auth_type: 'bearer',
      auth_token: 'upstream-token',
    });
    expect(mcp.status).toBe(201);
    const invocation = { mcp_id: mcp.body.data.id, tool: 'get_weather', arguments: { location: 'Oslo' } };
    const first = await embedded.api('POST', '/mcp', invocation, { 'idempotency-key': 'before-the-move' });
    expect(first.status).toBe(200);
    const second = await embedded.api('POST', '/v1/api-keys', { name: 'second', role: 'viewer' });
    expect(second.status).toBe(201);
    expect((await embedded.api('POST', '/v1/organization/members/invite', { email: 'x@example.com' })).status).toBe(
      201,
    );
    const usageBefore = (await embedded.api('GET', '/v1/usage')).body;
    await embedded.stop();

    const env = { DATABASE_URL: file, ...SECRETS };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    let again: number;
    let report: { rows: Record<string, number>; next: string };
    let refusal = '';
    try {
      code = await admin(['migrate', '--to', database.url], env);
      if (code !== 0) throw new Error(`migrate failed: ${err.mock.calls.map((c) => String(c[0])).join('')}`);
      report = JSON.parse(String(out.mock.calls.at(-1)?.[0]));
      again = await admin(['migrate', '--to', database.url], env);
      refusal = err.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(code).toBe(0);
    expect(report.rows).toMatchObject({
      organizations: 1,
      members: 1,
      invites: 1,
      api_keys: 2,
      mcps: 1,
      usage: 1,
      usage_monthly: 1,
      idempotency: 1,
    });
    expect(report.next).toMatch(/same API_KEY_HMAC_SECRET and PLEXMCP_ENCRYPTION_KEY/);
    // The second run finds the database in use and copies nothing.
    expect(again).toBe(1);
    expect(refusal).toMatch(/The PostgreSQL database is not empty \(organizations, .*\): migrate only into an empty/);

    const moved = await serve(database.url);
    // The same owner key (stored as its HMAC) and the second key authenticate.
    expect((await moved.api('GET', '/v1/organization')).status).toBe(200);
    expect((await moved.api('GET', '/v1/mcps', undefined, { key: second.body.data.key })).status).toBe(200);
    // The same usage, and the replay stored before the move is still replayed.
    // (The default period ends now, so its bounds moved.)
    const figures = (usage: unknown) =>
      JSON.stringify(usage, (key, value) => (key === 'start_date' || key === 'end_date' ? undefined : value));
    expect(figures((await moved.api('GET', '/v1/usage')).body)).toBe(figures(usageBefore));
    const replay = await moved.api('POST', '/mcp', invocation, { 'idempotency-key': 'before-the-move' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    // The upstream credentials decrypt: a new call reaches the bearer-protected MCP.
    const fresh = await moved.api('POST', '/mcp', invocation);
    expect(fresh.status).toBe(200);
    await moved.stop();

    // The admin's other commands on PostgreSQL.
    const listed = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await admin(['list-orgs'], { DATABASE_URL: database.url, ...SECRETS })).toBe(0);
      expect(String(listed.mock.calls.at(-1)?.[0])).toContain('"plan"');
      expect(
        await admin(['create-org', '--name', 'After', '--plan', 'team'], { DATABASE_URL: database.url, ...SECRETS }),
      ).toBe(0);
    } finally {
      listed.mockRestore();
    }
  });
});

if (postgres.skipReason !== undefined) {
  describe('plexmcp-admin migrate --to postgres://…', () => it.skip(postgres.skipReason, () => {}));
}
