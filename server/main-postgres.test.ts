/** The server process on PostgreSQL: several instances on one database, started together. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Child, spawnTs } from '../test/support/child-process.js';
import { createTestDatabase } from '../test/support/databases.js';
import { TEST_DATABASE_URL, testService } from '../test/support/services.js';

const postgres = testService(TEST_DATABASE_URL);
let database: { url: string; drop(): Promise<void> };
const children: Child[] = [];

describe.skipIf(postgres.skipReason !== undefined)('npm start on PostgreSQL', () => {
  beforeEach(async () => {
    database = await createTestDatabase(postgres.url!);
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    await database.drop();
  });

  const start = async () => {
    const child = spawnTs('server/main.ts', [], {
      BIND_ADDRESS: '127.0.0.1:0',
      DATABASE_URL: database.url,
      PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
      DATABASE_POOL_MAX: '3',
      // Required on PostgreSQL: the instances share them, and none is generated into the database.
      API_KEY_HMAC_SECRET: 'a'.repeat(64),
      PLEXMCP_ENCRYPTION_KEY: 'b'.repeat(64),
    });
    children.push(child);
    const [, url] = await child.waitFor(/listening on (http:\/\/\S+)/);
    return { child, url: url! };
  };

  it('two instances started together on an empty database bootstrap once and share secrets: one key works on both', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const printed = [a, b].flatMap(({ child }) => /^\s+(pmcp_[0-9A-Za-z]{43})$/m.exec(child.stdout())?.[1] ?? []);
    expect(printed).toHaveLength(1);
    for (const { url } of [a, b]) {
      const res = await fetch(`${url}/v1/organization`, { headers: { Authorization: `ApiKey ${printed[0]}` } });
      expect(res.status).toBe(200);
    }
    a.child.process.kill('SIGTERM');
    b.child.process.kill('SIGTERM');
    expect(await a.child.exited).toBe(0);
    expect(await b.child.exited).toBe(0);
  });
});

if (postgres.skipReason !== undefined) {
  describe('npm start on PostgreSQL', () => it.skip(postgres.skipReason, () => {}));
}
