/** PLEXMCP_WORKERS: worker processes on one port on PostgreSQL; refused, naming the variable, on sql.js. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Child, runTs, spawnTs } from '../test/support/child-process.js';
import { createTestDatabase } from '../test/support/databases.js';
import { TEST_DATABASE_URL, testService } from '../test/support/services.js';

const postgres = testService(TEST_DATABASE_URL);
const children: Child[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.process.exitCode === null) child.process.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The live Node.js processes whose parent is `pid` (not the TypeScript loader's esbuild helper). */
function childPids(pid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, command]) => command === 'node')
    .map(([child]) => Number(child));
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('PLEXMCP_WORKERS on the embedded database', () => {
  it.each(['2', 'auto'])('PLEXMCP_WORKERS=%s exits 1 at once with one line naming the variable', async (workers) => {
    const dir = mkdtempSync(join(tmpdir(), 'plexmcp-workers-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { code, stdout, stderr } = await runTs('server/main.ts', [], {
      BIND_ADDRESS: '127.0.0.1:0',
      DATABASE_URL: `file:${join(dir, 'plexmcp.db')}`,
      PLEXMCP_WORKERS: workers,
    });
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/listening/);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: PLEXMCP_WORKERS needs a PostgreSQL DATABASE_URL/);
  });
});

describe.skipIf(postgres.skipReason !== undefined)('PLEXMCP_WORKERS on PostgreSQL', () => {
  it('2 workers serve one port; a worker killed with -9 is replaced; SIGTERM stops them all and exits 0', {
    timeout: 120_000,
  }, async () => {
    const database = await createTestDatabase(postgres.url!);
    cleanups.push(() => database.drop());
    const primary = spawnTs('server/main.ts', [], {
      BIND_ADDRESS: '127.0.0.1:0',
      DATABASE_URL: database.url,
      PLEXMCP_WORKERS: '2',
      API_KEY_HMAC_SECRET: 'a'.repeat(64),
      PLEXMCP_ENCRYPTION_KEY: 'b'.repeat(64),
      PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
      DATABASE_POOL_MAX: '3',
    });
    children.push(primary);
    await until(() => (primary.stdout().match(/listening on /g) ?? []).length === 2, 'two workers listening');
    const urls = new Set([...primary.stdout().matchAll(/listening on (http:\/\/\S+)/g)].map((m) => m[1]));
    // One port (node:cluster shares the primary's listening socket, port 0 included).
    expect(urls.size).toBe(1);
    const [url] = [...urls] as [string];
    const key = /^\s+(pmcp_[0-9A-Za-z]{43})$/m.exec(primary.stdout())?.[1];
    expect(key).toBeDefined();
    const workers = childPids(primary.process.pid!);
    expect(workers).toHaveLength(2);
    const get = () => fetch(`${url}/v1/organization`, { headers: { Authorization: `ApiKey ${key}` } });
    expect((await get()).status).toBe(200);

    process.kill(workers[0]!, 'SIGKILL');
    await until(() => {
      const now = childPids(primary.process.pid!);
      return now.length === 2 && !now.includes(workers[0]!);
    }, 'a replacement worker');
    await until(() => (primary.stdout().match(/listening on /g) ?? []).length === 3, 'the replacement listening');
    expect(primary.stderr()).toMatch(/Worker \d+ exited \(SIGKILL\); starting another/);
    expect((await get()).status).toBe(200);

    const remaining = childPids(primary.process.pid!);
    primary.process.kill('SIGTERM');
    expect(await primary.exited).toBe(0);
    for (const pid of remaining) expect(() => process.kill(pid, 0)).toThrow();
  });
});

if (postgres.skipReason !== undefined) {
  describe('PLEXMCP_WORKERS on PostgreSQL', () => it.skip(postgres.skipReason, () => {}));
}
