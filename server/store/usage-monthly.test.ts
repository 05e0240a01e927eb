/** The per-organisation monthly usage counter the quota reads: always equal to counting the month's usage rows. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore, type OpenedStore } from '../../test/support/stores.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { memoryPersistence } from './persistence.js';
import { SqlDb } from './sql-db.js';
import { seedOrganization, usageRow } from './test-store.js';
import type { UsageRow } from './types.js';

describeEachStore((kind) => {
  let t: OpenedStore;
  const use = (orgId: string, createdAt: string, extra: Partial<UsageRow> = {}): UsageRow =>
    usageRow({ orgId, mcpId: 'mcp_1', createdAt, ...extra });
  /** What the counter must equal: the rows counted over the month's instants. */
  const counted = (orgId: string, month: string, last: string) =>
    t.store.countUsage(orgId, { from: `${month}-01T00:00:00.000Z`, to: `${month}-${last}T23:59:59.999Z` });

  beforeEach(async () => {
    t = await kind.open();
    await seedOrganization(t.store, 'org_a');
    await seedOrganization(t.store, 'org_b');
  });
  afterEach(() => t.cleanup());

  describe('countMonthlyUsage', () => {
    it('equals the rows counted over the month, at both edges of the month, per organisation, errors included', async () => {
      const rows = [
        use('org_a', '2026-02-28T23:59:59.999Z'),
        use('org_a', '2026-03-01T00:00:00.000Z'),
        use('org_a', '2026-03-15T12:00:00.000Z', { status: 'error', errorCode: 'mcp_error' }),
        use('org_a', '2026-03-31T23:59:59.999Z'),
        use('org_a', '2026-04-01T00:00:00.000Z'),
        use('org_b', '2026-03-10T00:00:00.000Z'),
      ];
      for (const row of rows) await t.store.recordUsage(row);
      expect(await t.store.countMonthlyUsage('org_a', '2026-03')).toBe(3);
      expect(await t.store.countMonthlyUsage('org_a', '2026-03')).toBe(await counted('org_a', '2026-03', '31'));
      expect(await t.store.countMonthlyUsage('org_a', '2026-02')).toBe(await counted('org_a', '2026-02', '28'));
      expect(await t.store.countMonthlyUsage('org_a', '2026-04')).toBe(1);
      expect(await t.store.countMonthlyUsage('org_b', '2026-03')).toBe(1);
      expect(await t.store.countMonthlyUsage('org_b', '2026-05')).toBe(0);
      expect(await t.store.countMonthlyUsage('org_unknown', '2026-03')).toBe(0);
    });

    it('does not move when the usage row is refused (the counter is in the row transaction)', async () => {
      await t.store.recordUsage(use('org_a', '2026-03-01T00:00:00.000Z', { id: 'dup' }));
      await expect(t.store.recordUsage(use('org_a', '2026-03-02T00:00:00.000Z', { id: 'dup' }))).rejects.toThrow();
      expect(await t.store.countMonthlyUsage('org_a', '2026-03')).toBe(1);
    });

    it('survives a restart (from the journal alone, for sql.js)', async () => {
      for (let i = 0; i < 3; i++) await t.store.recordUsage(use('org_a', '2026-03-01T00:00:00.000Z'));
      t.store = await t.reopen();
      expect(await t.store.countMonthlyUsage('org_a', '2026-03')).toBe(3);
      await t.store.recordUsage(use('org_a', '2026-03-02T00:00:00.000Z'));
      expect(await t.store.countMonthlyUsage('org_a', '2026-03')).toBe(4);
    });
  });
});

describe('migration 3', () => {
  it('backfills the monthly counters of a database that had usage before it', async () => {
    const db = await SqlDb.open(memoryPersistence());
    try {
      await migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 2),
      );
      await db.write(() => {
        for (const org of ['o', 'p']) {
          db.run(
            `INSERT INTO organizations (id, name, slug, plan, created_at, updated_at) VALUES (?, ?, ?, 'free', 't', 't')`,
            [org, org, org],
          );
        }
        const at = ['2026-01-31T23:59:59.999Z', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'];
        for (const [i, createdAt] of at.entries()) {
          db.run(
            `INSERT INTO usage (id, org_id, mcp_id, tool, status, latency_ms, created_at) VALUES (?, 'o', 'm', 't', 'success', 1, ?)`,
            [`u${i}`, createdAt],
          );
        }
      });
      expect(
        await migrate(
          db,
          MIGRATIONS.filter((m) => m.version <= 3),
        ),
      ).toEqual([3]);
      expect(db.all('SELECT org_id, month, requests FROM usage_monthly ORDER BY org_id, month')).toEqual([
        { org_id: 'o', month: '2026-01', requests: 2 },
        { org_id: 'o', month: '2026-02', requests: 1 },
      ]);
    } finally {
      await db.close();
    }
  });
});
