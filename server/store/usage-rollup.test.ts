/**
 * Summaries answered from the rollups equal aggregating the usage rows themselves, for every kind of range (whole days,
 * whole hours of a partly covered day, edge hours cut inside, one hour cut on both sides, nothing at all) and filter,
 * on both stores; and the migrations that add the rollups backfill the rows already recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore, type OpenedStore } from '../../test/support/stores.js';
import { FILTERS, history, reference } from '../../test/support/usage-reference.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { memoryPersistence } from './persistence.js';
import { SqlDb } from './sql-db.js';
import { seedOrganization } from './test-store.js';
import type { UsageRow } from './types.js';
import { runSync, summarizePlan } from './usage-rollup.js';

describeEachStore((kind) => {
  let t: OpenedStore;
  const rows = history();
  beforeEach(async () => {
    t = await kind.open();
    await seedOrganization(t.store, 'org_a');
    await seedOrganization(t.store, 'org_b');
    // Out of order, as concurrent calls finish.
    for (const row of [...rows].reverse()) await t.store.recordUsage(row);
  });
  afterEach(() => t.cleanup());

  describe('usage summaries from the daily rollups', () => {
    it.each(FILTERS)('equal aggregating the rows: %s', async (_name, filter) => {
      const want = reference(rows, 'org_a', filter);
      expect(await t.store.summarizeUsage('org_a', filter)).toEqual(want);
      expect(await t.store.countUsage('org_a', filter)).toBe(want.total);
      expect((await t.store.listUsage('org_a', filter, { page: 1, perPage: 2 })).total).toBe(want.total);
    });

    it('stay equal after more calls land on an edge day and beyond the range', async () => {
      const more: UsageRow[] = [
        { ...rows[0]!, id: 'use_late', orgId: 'org_a', createdAt: '2026-03-04T12:00:00.001Z', mcpName: 'renamed' },
        { ...rows[1]!, id: 'use_next', orgId: 'org_a', createdAt: '2026-03-06T00:00:00.000Z', status: 'error' },
      ];
      for (const row of more) await t.store.recordUsage(row);
      for (const [, filter] of FILTERS) {
        expect(await t.store.summarizeUsage('org_a', filter)).toEqual(reference([...rows, ...more], 'org_a', filter));
      }
    });
  });
});

describe('migrations 4, 5 and 6', () => {
  it('backfill the rollups of a database that had usage before it', async () => {
    const db = await SqlDb.open(memoryPersistence());
    try {
      await migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 3),
      );
      const rows = history();
      await db.write(() => {
        for (const org of ['org_a', 'org_b']) {
          db.run(
            `INSERT INTO organizations (id, name, slug, plan, created_at, updated_at) VALUES (?, ?, ?, 'free', 't', 't')`,
            [org, org, org],
          );
        }
        for (const r of rows) {
          db.run(
            `INSERT INTO usage (id, org_id, api_key_id, mcp_id, mcp_name, tool, status, error_code, latency_ms, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              r.id,
              r.orgId,
              r.apiKeyId,
              r.mcpId,
              r.mcpName,
              r.tool,
              r.status,
              r.errorCode,
              Math.round(r.latencyMs),
              r.createdAt,
            ],
          );
        }
      });
      expect(await migrate(db)).toEqual(expect.arrayContaining([4, 5, 6]));
      for (const [, filter] of FILTERS) {
        expect(runSync(summarizePlan('org_a', filter), (sql, params) => db.all(sql, params))).toEqual(
          reference(rows, 'org_a', filter),
        );
      }
    } finally {
      await db.close();
    }
  });
});
