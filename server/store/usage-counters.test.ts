/** The per-MCP counters kept with the usage history, the grouped per-key counts and the one-query authentication read. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore, type OpenedStore } from '../../test/support/stores.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { memoryPersistence } from './persistence.js';
import { SqlDb } from './sql-db.js';
import { seedOrganization, usageRow } from './test-store.js';
import type { UsageRow } from './types.js';

describeEachStore((kind) => {
  let t: OpenedStore;
  const use = (orgId: string, mcpId: string, createdAt: string, extra: Partial<UsageRow> = {}): UsageRow =>
    usageRow({ orgId, mcpId, createdAt, ...extra });
  const newMcp = (orgId: string, id: string) =>
    t.store.createMcp({
      id,
      orgId,
      name: id,
      endpointUrl: 'https://example.com/mcp',
      description: null,
      status: 'active',
      authType: 'none',
      credentialsCiphertext: null,
    });

  beforeEach(async () => {
    t = await kind.open();
    await seedOrganization(t.store, 'org_a');
    await seedOrganization(t.store, 'org_b');
  });
  afterEach(() => t.cleanup());

  describe('per-MCP usage counters', () => {
    it('equal the history after a known sequence of calls, recorded out of order and in two organisations', async () => {
      await newMcp('org_a', 'mcp_1');
      await newMcp('org_a', 'mcp_2');
      await newMcp('org_b', 'mcp_3');
      const sequence = [
        use('org_a', 'mcp_1', '2026-03-01T10:00:00.000Z'),
        use('org_a', 'mcp_1', '2026-03-03T10:00:00.000Z', { status: 'error', errorCode: 'mcp_error' }),
        use('org_a', 'mcp_1', '2026-03-02T10:00:00.000Z'),
        use('org_a', 'mcp_2', '2026-03-01T12:00:00.000Z'),
        // Another organisation's row under an id of org_a counts nowhere in org_a.
        use('org_b', 'mcp_1', '2026-04-01T00:00:00.000Z'),
        use('org_b', 'mcp_3', '2026-03-05T00:00:00.000Z'),
      ];
      for (const row of sequence) await t.store.recordUsage(row);

      const listed = await t.store.listMcpSummaries('org_a', {}, { page: 1, perPage: 20 });
      const figures = Object.fromEntries(listed.items.map((row) => [row.id, [row.requestCount, row.lastActive]]));
      expect(figures).toEqual({ mcp_1: [3, '2026-03-03T10:00:00.000Z'], mcp_2: [1, '2026-03-01T12:00:00.000Z'] });
      for (const mcp of listed.items) {
        const history = await t.store.summarizeUsage('org_a', { mcpId: mcp.id });
        expect([mcp.requestCount, mcp.lastActive]).toEqual([history.total, history.lastAt]);
      }
      expect(await t.store.getMcp('org_b', 'mcp_3')).toMatchObject({
        requestCount: 1,
        lastActive: '2026-03-05T00:00:00.000Z',
      });
      // The total is the filtered list's, on a short page and on a page past the end.
      expect((await t.store.listMcpSummaries('org_a', {}, { page: 2, perPage: 1 })).total).toBe(2);
      expect(await t.store.listMcpSummaries('org_a', { ids: ['mcp_2'] }, { page: 3, perPage: 1 })).toEqual({
        items: [],
        total: 1,
      });
    });

    it('start from the history already recorded under a new MCP id, and a fresh MCP starts at zero', async () => {
      await t.store.recordUsage(use('org_a', 'mcp_early', '2026-03-01T00:00:00.000Z'));
      expect(await newMcp('org_a', 'mcp_early')).toMatchObject({
        requestCount: 1,
        lastActive: '2026-03-01T00:00:00.000Z',
      });
      expect(await newMcp('org_a', 'mcp_fresh')).toMatchObject({ requestCount: 0, lastActive: null });
    });

    it('survive a restart (they are written with the usage row)', async () => {
      await newMcp('org_a', 'mcp_1');
      await t.store.recordUsage(use('org_a', 'mcp_1', '2026-03-01T00:00:00.000Z'));
      t.store = await t.reopen();
      expect(await t.store.getMcp('org_a', 'mcp_1')).toMatchObject({
        requestCount: 1,
        lastActive: '2026-03-01T00:00:00.000Z',
      });
    });

    it('one MCP stats aggregate: totals, errors, mean latency and rows since an instant', async () => {
      await newMcp('org_a', 'mcp_1');
      await t.store.recordUsage(use('org_a', 'mcp_1', '2026-03-01T10:00:00.000Z', { latencyMs: 10 }));
      await t.store.recordUsage(
        use('org_a', 'mcp_1', '2026-03-02T10:00:00.000Z', { latencyMs: 31, status: 'error', errorCode: 'x' }),
      );
      await t.store.recordUsage(use('org_b', 'mcp_1', '2026-03-02T11:00:00.000Z'));
      expect(await t.store.mcpUsageStats('org_a', 'mcp_1', '2026-03-02T00:00:00.000Z')).toEqual({
        total: 2,
        since: 1,
        error: 1,
        avgLatencyMs: 21,
      });
      expect(await t.store.mcpUsageStats('org_a', 'mcp_none', '2026-03-02T00:00:00.000Z')).toEqual({
        total: 0,
        since: 0,
        error: 0,
        avgLatencyMs: 0,
      });
    });
  });

  describe('grouped reads for lists', () => {
    it('counts each key of a page in one call, all time and since each instant; keys without usage get zeros', async () => {
      const rows = [
        use('org_a', 'm', '2026-03-01T00:00:00.000Z', { apiKeyId: 'key_1' }),
        use('org_a', 'm', '2026-03-10T00:00:00.000Z', { apiKeyId: 'key_1' }),
        use('org_a', 'm', '2026-03-15T12:00:00.000Z', { apiKeyId: 'key_1' }),
        use('org_a', 'm', '2026-03-15T13:00:00.000Z', { apiKeyId: 'key_2' }),
        use('org_b', 'm', '2026-03-15T13:00:00.000Z', { apiKeyId: 'key_1' }),
      ];
      for (const row of rows) await t.store.recordUsage(row);
      const since = {
        today: '2026-03-15T00:00:00.000Z',
        week: '2026-03-09T00:00:00.000Z',
        month: '2026-03-01T00:00:00.000Z',
      };
      const counts = await t.store.apiKeyUsageCounts('org_a', ['key_1', 'key_2', 'key_3'], since);
      expect(Object.fromEntries(counts)).toEqual({
        key_1: { total: 3, today: 1, week: 2, month: 3 },
        key_2: { total: 1, today: 1, week: 1, month: 1 },
        key_3: { total: 0, today: 0, week: 0, month: 0 },
      });
      expect((await t.store.apiKeyUsageCounts('org_a', [], since)).size).toBe(0);
    });

    it('reads several members at once, only from the organisation asked', async () => {
      for (const [id, orgId] of [
        ['usr_1', 'org_a'],
        ['usr_2', 'org_a'],
        ['usr_3', 'org_b'],
      ] as const) {
        await t.store.createMember({ id, orgId, email: `${id}@example.com`, name: null, role: 'member' });
      }
      const found = await t.store.getMembers('org_a', ['usr_1', 'usr_3', 'usr_missing', 'usr_2']);
      expect(found.map((m) => m.id).sort()).toEqual(['usr_1', 'usr_2']);
      expect(await t.store.getMembers('org_a', [])).toEqual([]);
    });
  });

  describe('findKeyPrincipal', () => {
    it('reads the key, its creator and the organisation in one call, and no member once the creator has left', async () => {
      await t.store.createMember({ id: 'usr_1', orgId: 'org_a', email: 'a@example.com', name: 'A', role: 'admin' });
      const key = await t.store.createApiKey({
        id: 'key_1',
        orgId: 'org_a',
        userId: 'usr_1',
        name: 'k',
        description: null,
        prefix: 'pmcp_abcdefg',
        keyHash: 'hash_1',
        role: 'owner',
        mcpScope: ['mcp_1'],
        expiresAt: null,
      });
      const found = await t.store.findKeyPrincipal('hash_1');
      expect(found?.key).toEqual(key);
      expect(found?.member).toEqual(await t.store.getMember('org_a', 'usr_1'));
      expect(found?.organization).toEqual(await t.store.getOrganization('org_a'));
      expect(await t.store.findKeyPrincipal('hash_unknown')).toBeUndefined();

      await t.store.removeMember('org_a', 'usr_1', '2026-03-01T00:00:00.000Z');
      const after = await t.store.findKeyPrincipal('hash_1');
      expect(after?.member).toBeUndefined();
      expect(after?.key.revokedAt).toBe('2026-03-01T00:00:00.000Z');
    });
  });
});

describe('migration 2', () => {
  it('backfills the counters of a database that had usage before it, and the aggregates use its indexes', async () => {
    const db = await SqlDb.open(memoryPersistence());
    try {
      await migrate(
        db,
        MIGRATIONS.filter((m) => m.version === 1),
      );
      await db.write(() => {
        db.run(
          `INSERT INTO organizations (id, name, slug, plan, created_at, updated_at) VALUES ('o', 'O', 'o', 'free', 't', 't')`,
        );
        for (const id of ['m1', 'm2']) {
          db.run(
            `INSERT INTO mcps (id, org_id, name, endpoint_url, status, health, auth_type, created_at, updated_at)
             VALUES (?, 'o', ?, 'https://example.com', 'active', 'unknown', 'none', 't', 't')`,
            [id, id],
          );
        }
        for (const [i, at] of ['2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z'].entries()) {
          db.run(
            `INSERT INTO usage (id, org_id, api_key_id, mcp_id, tool, status, latency_ms, created_at) VALUES (?, 'o', 'k', 'm1', 't', 'success', 1, ?)`,
            [`u${i}`, at],
          );
        }
      });
      expect(
        await migrate(
          db,
          MIGRATIONS.filter((m) => m.version <= 2),
        ),
      ).toEqual([2]);
      const rows = db.all('SELECT id, request_count, last_active FROM mcps ORDER BY id');
      expect(rows).toEqual([
        { id: 'm1', request_count: 2, last_active: '2026-01-02T00:00:00.000Z' },
        { id: 'm2', request_count: 0, last_active: null },
      ]);
      const plan = (sql: string) => JSON.stringify(db.all(`EXPLAIN QUERY PLAN ${sql}`));
      expect(
        plan(`SELECT COUNT(*), SUM(status = 'error'), AVG(latency_ms) FROM usage WHERE org_id = 'o' AND mcp_id = 'm1'`),
      ).toContain('COVERING INDEX usage_org_mcp_time');
      expect(
        plan(`SELECT api_key_id, COUNT(*) FROM usage WHERE org_id = 'o' AND api_key_id IN ('k') GROUP BY api_key_id`),
      ).toContain('usage_org_key_time');
    } finally {
      await db.close();
    }
  });
});
