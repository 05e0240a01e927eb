/** Usage history for the rollup tests, every kind of range and filter over it, and the aggregate computed from rows. */
import type { UsageAggregate, UsageFilter, UsageRow } from '../../server/store/types.js';

/** The aggregate computed the slow, obvious way: over the matching rows. */
export function reference(rows: readonly UsageRow[], orgId: string, filter: UsageFilter): UsageAggregate {
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
export function history(): UsageRow[] {
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

export const FILTERS: [string, UsageFilter][] = [
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
  ['edge days with no row outside the range', { from: '2026-02-28T12:00:00.000Z', to: '2026-03-06T12:00:00.000Z' }],
  ['an end mid-day, one key', { apiKeyId: 'key_0', from: '2026-03-02T00:00:00.000Z', to: '2026-03-06T09:30:00.000Z' }],
  [
    'a start and an end on the same empty day, reversed',
    { from: '2026-03-06T12:00:00.000Z', to: '2026-03-06T06:00:00.000Z' },
  ],
  ['errors only in a cut range', { status: 'error', from: '2026-03-01T05:40:00.000Z', to: '2026-03-04T12:00:00.000Z' }],
];
