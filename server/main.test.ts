import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoMcpServer } from '../demo/mcp/server.js';
import { type Child, runTs, spawnTs } from '../test/support/child-process.js';

const MAIN = 'server/main.ts';
let dir: string;
let env: Record<string, string>;
const children: Child[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plexmcp-main-'));
  env = {
    BIND_ADDRESS: '127.0.0.1:0',
    DATABASE_URL: `file:${join(dir, 'plexmcp.db')}`,
    PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
  };
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.process.exitCode === null) child.process.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(extra: Record<string, string> = {}) {
  const child = spawnTs(MAIN, [], { ...env, ...extra });
  children.push(child);
  const [, url] = await child.waitFor(/listening on (http:\/\/\S+)/);
  return { child, url: url! };
}

const organization = (url: string, key: string) =>
  fetch(`${url}/v1/organization`, { headers: { Authorization: `ApiKey ${key}` } });

describe('npm start', () => {
  it('prints the owner key once on an empty database; it works, survives a restart, and SIGTERM exits 0 releasing the lock', async () => {
    const first = await start();
    const key = /^\s+(pmcp_[0-9A-Za-z]{43})$/m.exec(first.child.stdout())?.[1];
    expect(key).toBeDefined();
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
    const res = await organization(first.url, key!);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { plan: string } }).data.plan).toBe('free');

    first.child.process.kill('SIGTERM');
    expect(await first.child.exited).toBe(0);
    expect(existsSync(join(dir, 'plexmcp.db.lock'))).toBe(false);

    const second = await start();
    expect(second.child.stdout()).not.toMatch(/pmcp_/);
    expect((await organization(second.url, key!)).status).toBe(200);
    second.child.process.kill('SIGINT');
    expect(await second.child.exited).toBe(0);
  });

  it('uses PLEXMCP_BOOTSTRAP_API_KEY without printing it, on the enterprise plan when self-hosted', async () => {
    const key = `pmcp_${'k3Y'.repeat(14)}`;
    const { child, url } = await start({ PLEXMCP_BOOTSTRAP_API_KEY: key, PLEXMCP_SELF_HOSTED: 'true' });
    expect(child.stdout()).not.toContain(key);
    const res = await organization(url, key);
    expect(((await res.json()) as { data: { plan: string } }).data.plan).toBe('enterprise');
  });

  it('finishes an in-flight request before exiting on SIGTERM', async () => {
    const { child, url } = await start();
    const key = /(pmcp_[0-9A-Za-z]{43})/.exec(child.stdout())![1]!;
    const body = JSON.stringify({ name: 'during shutdown' });
    // A request whose body is still arriving when the signal comes: it must be answered, not cut off.
    const req = request(`${url}/v1/api-keys`, {
      method: 'POST',
      headers: {
        Authorization: `ApiKey ${key}`,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    req.end(body.slice(5));
    const answer = await response;
    expect(answer.status).toBe(201);
    expect(answer.text).toContain('during shutdown');
    expect(await child.exited).toBe(0);
  });

  it('checks MCP health in the background: healthy while the upstream answers, unhealthy once it is gone', async () => {
    const demo = await startDemoMcpServer({ host: '127.0.0.1', port: 0 });
    try {
      const { child, url } = await start({
        PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '300',
        PLEXMCP_ALLOW_PRIVATE_MCP_URLS: 'true',
      });
      const key = /(pmcp_[0-9A-Za-z]{43})/.exec(child.stdout())![1]!;
      const headers = { Authorization: `ApiKey ${key}`, 'Content-Type': 'application/json' };
      const created = await fetch(`${url}/v1/mcps`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'demo', endpoint_url: demo.url, auth_type: 'none' }),
      });
      expect(created.status).toBe(201);
      const id = ((await created.json()) as { data: { id: string } }).data.id;
      const healthBecomes = async (want: string) => {
        for (let i = 0; i < 100; i++) {
          const res = await fetch(`${url}/v1/mcps/${id}`, { headers });
          if (((await res.json()) as { data: { health: string } }).data.health === want) return want;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        return 'never';
      };
      expect(await healthBecomes('healthy')).toBe('healthy');
      await demo.close();
      expect(await healthBecomes('unhealthy')).toBe('unhealthy');
    } finally {
      await demo.close().catch(() => {});
    }
  });

  it.each([
    [
      'an invalid variable',
      { MCP_REQUEST_TIMEOUT_MS: 'soon' },
      /^Configuration error: MCP_REQUEST_TIMEOUT_MS must be a whole number/,
    ],
    [
      'a PostgreSQL URL without a host',
      { DATABASE_URL: 'postgres:///plexmcp' },
      /^Configuration error: DATABASE_URL names no host/,
    ],
    [
      'a PostgreSQL database but neither secret',
      { DATABASE_URL: 'postgres://plexmcp@127.0.0.1:1/plexmcp' },
      /^Configuration error: API_KEY_HMAC_SECRET and PLEXMCP_ENCRYPTION_KEY must be set when DATABASE_URL is PostgreSQL/,
    ],
  ])('refuses to start with %s, naming it, exit 1', async (_name, extra, message) => {
    const result = await runTs(MAIN, [], { ...env, ...extra });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [
      'a key file that is not JSON',
      () => writeFileSync(join(dir, 'plexmcp.db.keys'), '{"API_KEY_HMAC_SECRET": "ab'),
      /^Could not start: The key file \S+plexmcp\.db\.keys is not valid JSON; restore it from a backup$/,
    ],
    [
      'a key file that cannot be read',
      () => mkdirSync(join(dir, 'plexmcp.db.keys')),
      /^Could not start: The key file \S+plexmcp\.db\.keys cannot be read \(EISDIR\)/,
    ],
    [
      'a database file that is not a database',
      () => writeFileSync(join(dir, 'plexmcp.db'), 'x'.repeat(4096)),
      /^Could not start: the database \S+plexmcp\.db is not usable: file is not a database$/,
    ],
  ])('refuses to start with %s in one line (no stack, no secret), exit 1', async (_name, prepare, message) => {
    prepare();
    const result = await runTs(MAIN, [], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unreachable PostgreSQL database is one line naming it without its password, exit 1', async () => {
    const result = await runTs(MAIN, [], {
      ...env,
      DATABASE_URL: 'postgres://app:hunter2@127.0.0.1:1/plexmcp',
      API_KEY_HMAC_SECRET: 'a'.repeat(64),
      PLEXMCP_ENCRYPTION_KEY: 'b'.repeat(64),
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^Could not start: cannot open the database postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/plexmcp \(DATABASE_URL\): .*ECONNREFUSED/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a second server on the same database', async () => {
    const { child } = await start();
    const second = await runTs(MAIN, [], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by another process (pid ${child.process.pid})`);
  });
});

describe('npm start when the address cannot be bound', () => {
  it('a busy port is one line naming BIND_ADDRESS, exit 1, and the next start still prints the owner key', async () => {
    const busy = createNetServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const failed = await runTs(MAIN, [], { ...env, BIND_ADDRESS: `127.0.0.1:${port}` });
      expect(failed.code).toBe(1);
      expect(failed.stderr.trim()).toMatch(
        /^Could not start: cannot listen on BIND_ADDRESS=127\.0\.0\.1:\d+: .*EADDRINUSE/,
      );
      expect(failed.stderr.trim().split('\n')).toHaveLength(1);
      expect(failed.stdout).not.toMatch(/pmcp_/);
    } finally {
      busy.close();
    }
    const { child, url } = await start();
    const key = /^\s+(pmcp_[0-9A-Za-z]{43})$/m.exec(child.stdout())?.[1];
    expect(key).toBeDefined();
    expect((await organization(url, key!)).status).toBe(200);
  });

  it('an address not on this machine is one line naming BIND_ADDRESS, exit 1, no stack', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never assigned to a local interface.
    const result = await runTs(MAIN, [], { ...env, BIND_ADDRESS: '192.0.2.1:8080' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Could not start: cannot listen on BIND_ADDRESS=192.0.2.1:8080: the address is not one of this machine's (EADDRNOTAVAIL)",
    );
  });
});
