import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filePersistence } from './persistence.js';
import { SqlDb, type SqlRow } from './sql-db.js';
import { copyDatabaseFiles, openTempStore, seedOrganization, type TempStore } from './test-store.js';

let t: TempStore;
beforeEach(async () => {
  t = await openTempStore();
});
afterEach(() => t.cleanup());

/** Every row of every table (but the checkpoint marker), in a stable order. */
async function dump(path: string): Promise<Record<string, SqlRow[]>> {
  const db = await SqlDb.open(filePersistence(path, { warn: (m) => expect.fail(m) }));
  const out: Record<string, SqlRow[]> = {};
  for (const { name } of db.all(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'journal_checkpoint' ORDER BY name",
  )) {
    out[String(name)] = db.all(`SELECT * FROM "${String(name)}" ORDER BY rowid`);
  }
  await db.close();
  return out;
}

describe('journal replay', () => {
  it('rebuilds exactly the state the store reached, table by table, from the journal alone', async () => {
    const s = t.store;
    await seedOrganization(s, 'org_a');
    await s.updateOrganization('org_a', { name: 'Renamed', settings: { nested: { list: [1, 'two', null] } } });
    await s.createMember({ id: 'user_1', orgId: 'org_a', email: 'Ann@example.com', name: 'Ann', role: 'owner' });
    await s.createMember({ id: 'user_2', orgId: 'org_a', email: 'bob@example.com', name: null, role: 'member' });
    await s.updateMemberRole('org_a', 'user_2', 'admin', '2026-03-01T00:00:00.000Z');
    await s.touchMember('org_a', 'user_1', '2026-03-01T00:00:00.000Z');
    await s.createInvite({
      id: 'inv_1',
      orgId: 'org_a',
      email: 'c@x.io',
      name: null,
      role: 'viewer',
      invitedBy: 'user_1',
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-08T00:00:00.000Z',
      tokenHash: 'a1b2',
    });
    const key = {
      orgId: 'org_a',
      userId: 'user_2',
      description: 'émoji \u{1F511}',
      prefix: 'pmcp_abcdefg',
      role: 'member' as const,
      mcpScope: '*' as const,
      expiresAt: null,
    };
    await s.createApiKey({ ...key, id: 'key_1', name: 'one', keyHash: 'hash-1' });
    await s.createApiKey({ ...key, id: 'key_2', name: 'two', keyHash: 'hash-2' });
    await s.updateApiKey('org_a', 'key_1', { name: 'renamed' });
    await s.touchApiKey('key_1', '2026-03-02T00:00:00.000Z');
    await s.revokeApiKey('org_a', 'key_2', '2026-03-03T00:00:00.000Z');
    await s.removeMember('org_a', 'user_2', '2026-03-04T00:00:00.000Z');
    const mcp = {
      orgId: 'org_a',
      endpointUrl: 'https://m.example.com/mcp',
      description: null,
      status: 'active' as const,
      authType: 'bearer' as const,
      credentialsCiphertext: 'v1.cipher',
    };
    await s.createMcp({ ...mcp, id: 'mcp_1', name: 'one' });
    await s.createMcp({ ...mcp, id: 'mcp_2', name: 'two' });
    await s.updateMcp('org_a', 'mcp_1', { description: 'line\nbreak', status: 'inactive' });
    await s.setMcpTools(
      'mcp_1',
      [{ name: 'calc', description: 'adds', input_schema: { type: 'object' } }],
      '2026-03-05T00:00:00.000Z',
    );
    await s.setMcpHealth('mcp_1', 'healthy', '2026-03-06T00:00:00.000Z');
    await s.deleteMcp('org_a', 'mcp_2');
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        s.recordUsage({
          id: `use_${i}`,
          orgId: 'org_a',
          apiKeyId: 'key_1',
          mcpId: 'mcp_1',
          mcpName: 'one',
          tool: 'calc',
          status: i % 3 ? 'success' : 'error',
          errorCode: i % 3 ? null : 'upstream_error',
          latencyMs: i * 1.5,
          createdAt: `2026-03-07T00:00:${String(i).padStart(2, '0')}.000Z`,
        }),
      ),
    );
    await s.putIdempotency({
      orgId: 'org_a',
      key: 'idem-1',
      requestHash: 'h',
      status: 201,
      body: '{"ok":true}',
      createdAt: '2026-03-01T00:00:00.000Z',
    });
    await s.putIdempotency({
      orgId: 'org_a',
      key: 'idem-2',
      requestHash: 'h',
      status: 201,
      body: '{}',
      createdAt: '2026-03-09T00:00:00.000Z',
    });
    await s.deleteIdempotencyBefore('2026-03-05T00:00:00.000Z');
    await s.setMeta('secret', 'x'.repeat(1000));

    // The files a crash would leave now (only the journal has these writes), beside the state a clean close leaves.
    mkdirSync(join(t.dir, 'crash'));
    copyDatabaseFiles(t.path, join(t.dir, 'crash', 'db'));
    await t.store.close();
    expect(readdirSync(t.dir).filter((name) => name.includes('.journal-'))).toEqual([]);
    const replayed = await dump(join(t.dir, 'crash', 'db'));
    const closed = await dump(t.path);
    expect(Object.keys(replayed)).toContain('usage');
    expect(replayed.usage).toHaveLength(30);
    expect(replayed).toEqual(closed);
  });

  it("keeps the store's SQL deterministic: no clock or random functions, which would replay differently", () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const sources = readdirSync(dir).filter(
      (name) => /-sql\.ts$|^migrations\.ts$/.test(name) && !name.endsWith('.test.ts'),
    );
    expect(sources.length).toBeGreaterThan(3);
    const nondeterministic =
      /\b(datetime|date|time|julianday|strftime|unixepoch|random|randomblob|changes|last_insert_rowid)\s*\(|CURRENT_(TIME|DATE|TIMESTAMP)/i;
    for (const name of sources) {
      const text = readFileSync(join(dir, name), 'utf8');
      // Only the SQL: template literals and quoted strings handed to the database.
      const sql = [...text.matchAll(/`[^`]*`|'[^'\n]*'/g)].map((m) => m[0]).join('\n');
      expect(sql, name).not.toMatch(nondeterministic);
    }
  });
});
