/**
 * Summaries answered from the rollups equal aggregating the usage rows themselves, for every kind of range (whole days,
 * whole hours of a partly covered day, edge hours cut inside, one hour cut on both sides, nothing at all) and filter,
 * on both stores; and the migrations that add the rollups backfill the rows already recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore, type OpenedStore } from '../../test/support/stores.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { memoryPersistence } from './persistence.js';
import { SqlDb } from './sql-db.js';
import { seedOrganization } from './test-store.js';
import type { UsageAggregate, UsageFilter, UsageRow } from './types.js';
import { runSync, summarizePlan } from './usage-rollup.js';

/** The aggregate computed the slow, obvious way: over the matching rows. */
function reference(rows: readonly UsageRow[], orgId: string, filter: UsageFilter): UsageAggregate {
  const hit = rows.filter(
    (r) =>
      r.orgId === orgId &&
      (filter.mcpId === undefined || r.mcpId === filter.mcpId) &&
      (filter.apiKeyId === undefined || r.apiKeyId === filter.apiKeyId) &&
      (filter.status === undefined || r.status === filter.status) &&
      (filter.mcpIds === undefined || filter.mcpIds.includes(r.mcpId)) &&
      (filter.from === undefined || r.createdAt >= filter.from) &&
      (filter.to === undefined || r.createdAt <= filter.to),
  );
  const newest = (a: UsageRow, b: UsageRow) =>
    b.createdAt > a.createdAt || (b.createdAt === a.createdAt && b.id > a.id) ? b : a;
  const groups = <K extends string>(key: (r: UsageRow) => K) => {
    const out = new Map<K, UsageRow[]>();
    for (const r of hit) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
    return out;
  };
  const avg = (list: UsageRow[]) => Math.round(list.reduce((s, r) => s + Math.round(r.latencyMs), 0) / list.length);
  const errors = (list: UsageRow[]) => list.filter((r) => r.status === 'error').length;
  return {
    total: hit.length,
    success: hit.length - errors(hit),
    error: errors(hit),
    avgLatencyMs: hit.length ? avg(hit) : 0,
    lastAt: hit.length ? hit.reduce(newest).createdAt : null,
    byMcp: [...groups((r) => r.mcpId)]
      .map(([mcpId, list]) => ({
        mcpId,
        name: rows.filter((r) => r.orgId === orgId && r.mcpId === mcpId).reduce(newest).mcpName,
        requests: list.length,
        errors: errors(list),
        avgLatencyMs: avg(list),
      }))
      .sort((a, b) => b.requests - a.requests || (a.mcpId < b.mcpId ? -1 : 1)),
    byDay: [...groups((r) => r.createdAt.slice(0, 10))]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, list]) => ({ date, requests: list.length, errors: errors(list) })),
  };
}

/** Rows over five days, several per day, with equal instants, keyless calls, renamed MCPs and another organisation. */
function history(): UsageRow[] {
  const rows: UsageRow[] = [];
  const hours = ['00:00:00.000', '05:30:00.000', '05:45:00.000', '12:00:00.000', '12:00:00.000', '23:59:59.999'];
  for (let day = 1; day <= 5; day += 1) {
    for (const [i, time] of hours.entries()) {
      const n = rows.length;
      rows.push({
        id: `use_${String(97 - n).padStart(3, '0')}`,
        orgId: n % 7 === 3 ? 'org_b' : 'org_a',
        apiKeyId: n % 3 === 0 ? null : `key_${n % 2}`,
        mcpId: `mcp_${(n + day) % 3}`,
        mcpName: `name ${n % 4}`,
        tool: 'echo',
        status: n % 4 === 1 ? 'error' : 'success',
        errorCode: n % 4 === 1 ? 'mcp_error' : null,
        latencyMs: 10 + ((n * 7) % 23) + i / 3,
        createdAt: `2026-03-0${day}T${time}Z`,
      });
    }
  }
  return rows;
}

const FILTERS: [string, UsageFilter][] = [
  ['everything', {}],
  ['whole days', { from: '2026-03-02T00:00:00.000Z', to: '2026-03-04T23:59:59.999Z' }],
  ['both edge days cut', { from: '2026-03-01T06:00:00.000Z', to: '2026-03-04T12:00:00.000Z' }],
  ['one day cut on both sides', { from: '2026-03-03T05:30:00.000Z', to: '2026-03-03T12:00:00.000Z' }],
  ['a start after the end', { from: '2026-03-04T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }],
  ['a start only, mid-day', { from: '2026-03-03T12:00:00.001Z' }],
  ['an end only, at the first instant', { to: '2026-03-01T00:00:00.000Z' }],
  ['one MCP in a cut range', { mcpId: 'mcp_1', from: '2026-03-01T05:30:00.000Z', to: '2026-03-05T05:30:00.000Z' }],
  ['one key, errors only', { apiKeyId: 'key_1', status: 'error' }],
  ['a scope of MCPs', { mcpIds: ['mcp_0', 'mcp_2'], from: '2026-03-02T12:00:00.000Z' }],
  ['an empty scope', { mcpIds: [] }],
  ['edge hours cut inside', { from: '2026-03-01T05:40:00.000Z', to: '2026-03-04T05:40:00.000Z' }],
  ['one hour cut on both sides', { from: '2026-03-02T05:31:00.000Z', to: '2026-03-02T05:50:00.000Z' }],
  ['whole hours inside one day', { from: '2026-03-03T01:00:00.000Z', to: '2026-03-03T12:59:59.999Z' }],
  ['whole hours over two days', { from: '2026-03-02T05:00:00.000Z', to: '2026-03-03T06:00:00.000Z' }],
  ['a start at an hour of a cut day, no end', { from: '2026-03-04T05:45:00.000Z' }],
  ['an end inside an hour, no start', { to: '2026-03-02T05:44:59.999Z' }],
  ['a range before any row', { from: '2026-02-01T00:00:00.000Z', to: '2026-02-28T23:59:59.999Z' }],
];

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

describe('migrations 4 and 5', () => {
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
      expect(await migrate(db)).toEqual([4, 5]);
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
