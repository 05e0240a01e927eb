/**
 * Usage summaries from the daily rollups (`usage_daily`, one row per organisation, UTC day, MCP, key and status, and
 * `usage_mcp_latest`, each MCP's most recent recorded name), which `recordUsage` moves in the usage row's own
 * transaction. A summary reads the rollups for the days its range covers whole, and scans usage rows only for an edge
 * day the range cuts (rows of that day lie outside it), so its cost follows the rows of at most two days, not the
 * history. Both stores run the same plan: it yields queries and receives their rows (sql.js answers synchronously
 * inside one turn of the event loop, PostgreSQL asynchronously).
 */
import { placeholders } from './paging.js';
import type { SqlParam, SqlRow } from './sql-db.js';
import type { UsageAggregate, UsageFilter } from './types.js';
import { whereFor } from './usage-sql.js';

export interface Query {
  sql: string;
  params: SqlParam[];
}
export type Plan<T> = Generator<Query, T, SqlRow[]>;

/** `api_key_id` in the rollup: a call without a key is '' there (a primary key column cannot be NULL). */
export const NO_KEY = '';

/** The rollups' upserts, the same SQL on both stores; parameters from `rollupParams`. */
export const ROLLUP_DAILY_SQL = `
  INSERT INTO usage_daily (org_id, day, mcp_id, api_key_id, status, requests, latency_sum, last_at)
  VALUES (?, ?, ?, ?, ?, 1, ?, ?)
  ON CONFLICT (org_id, day, mcp_id, api_key_id, status) DO UPDATE SET
    requests = usage_daily.requests + 1,
    latency_sum = usage_daily.latency_sum + excluded.latency_sum,
    last_at = CASE WHEN excluded.last_at > usage_daily.last_at THEN excluded.last_at ELSE usage_daily.last_at END`;
export const ROLLUP_LATEST_SQL = `
  INSERT INTO usage_mcp_latest (org_id, mcp_id, created_at, id, name) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (org_id, mcp_id) DO UPDATE SET created_at = excluded.created_at, id = excluded.id, name = excluded.name
  WHERE excluded.created_at > usage_mcp_latest.created_at
    OR (excluded.created_at = usage_mcp_latest.created_at AND excluded.id > usage_mcp_latest.id)`;

export function rollupParams(row: {
  orgId: string;
  mcpId: string;
  apiKeyId: string | null;
  status: string;
  latencyMs: number;
  createdAt: string;
  id: string;
  mcpName: string | null;
}): { daily: SqlParam[]; latest: SqlParam[] } {
  return {
    daily: [
      row.orgId,
      row.createdAt.slice(0, 10),
      row.mcpId,
      row.apiKeyId ?? NO_KEY,
      row.status,
      Math.round(row.latencyMs),
      row.createdAt,
    ],
    latest: [row.orgId, row.mcpId, row.createdAt, row.id, row.mcpName],
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}/;
const isInstant = (value: string | undefined): boolean =>
  value === undefined || (DAY.test(value) && !Number.isNaN(Date.parse(`${value.slice(0, 10)}T00:00:00.000Z`)));
const num = (value: unknown): number => Number(value ?? 0);
const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

function rollupWhere(
  orgId: string,
  filter: UsageFilter,
  days: { after?: string; from?: string; to?: string; before?: string },
): Query {
  const clauses = ['org_id = ?'];
  const params: SqlParam[] = [orgId];
  const add = (clause: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    params.push(value);
  };
  add('mcp_id = ?', filter.mcpId);
  add('api_key_id = ?', filter.apiKeyId);
  add('status = ?', filter.status);
  if (filter.mcpIds !== undefined) {
    clauses.push(filter.mcpIds.length === 0 ? '1 = 0' : `mcp_id IN ${placeholders(filter.mcpIds.length)}`);
    params.push(...filter.mcpIds);
  }
  add('day > ?', days.after);
  add('day >= ?', days.from);
  add('day <= ?', days.to);
  add('day < ?', days.before);
  return { sql: clauses.join(' AND '), params };
}

interface Sums {
  total: number;
  success: number;
  latency: number;
  lastAt: string | null;
  mcps: Map<string, { requests: number; errors: number; latency: number }>;
  days: Map<string, { requests: number; errors: number }>;
}

const SOURCES = {
  rollup: { table: 'usage_daily', count: 'requests', latency: 'latency_sum', last: 'last_at', day: 'day' },
  rows: { table: 'usage', count: '1', latency: 'latency_ms', last: 'created_at', day: 'substr(created_at, 1, 10)' },
} as const;

/** Adds one grouped answer (from the rollup or from the rows, under the same names) into the running sums. */
function* accumulate(into: Sums, kind: keyof typeof SOURCES, where: Query, totalsOnly: boolean): Plan<void> {
  const c = SOURCES[kind];
  const requests = `SUM(${c.count})`;
  const errors = `SUM(CASE WHEN status = 'error' THEN ${c.count} ELSE 0 END)`;
  const [totals] = yield {
    sql: `SELECT ${requests} AS total, SUM(CASE WHEN status = 'success' THEN ${c.count} ELSE 0 END) AS success,
        SUM(${c.latency}) AS latency, MAX(${c.last}) AS last_at
      FROM ${c.table} WHERE ${where.sql}`,
    params: where.params,
  };
  if (!totals || num(totals.total) === 0) return;
  into.total += num(totals.total);
  into.success += num(totals.success);
  into.latency += num(totals.latency);
  const lastAt = totals.last_at == null ? null : String(totals.last_at);
  if (lastAt !== null && (into.lastAt === null || lastAt > into.lastAt)) into.lastAt = lastAt;
  if (totalsOnly) return;
  const byMcp = yield {
    sql: `SELECT mcp_id, ${requests} AS requests, ${errors} AS errors, SUM(${c.latency}) AS latency
      FROM ${c.table} WHERE ${where.sql} GROUP BY mcp_id`,
    params: where.params,
  };
  for (const row of byMcp) {
    const entry = into.mcps.get(String(row.mcp_id)) ?? { requests: 0, errors: 0, latency: 0 };
    entry.requests += num(row.requests);
    entry.errors += num(row.errors);
    entry.latency += num(row.latency);
    into.mcps.set(String(row.mcp_id), entry);
  }
  const byDay = yield {
    sql: `SELECT ${c.day} AS d, ${requests} AS requests, ${errors} AS errors FROM ${c.table} WHERE ${where.sql} GROUP BY d`,
    params: where.params,
  };
  for (const row of byDay) {
    const entry = into.days.get(String(row.d)) ?? { requests: 0, errors: 0 };
    entry.requests += num(row.requests);
    entry.errors += num(row.errors);
    into.days.set(String(row.d), entry);
  }
}

/** Whether the organisation has a usage row in [from, to) (an edge day the range cuts holds rows outside it). */
function* anyRow(orgId: string, lower: '>' | '>=', from: string, to: string): Plan<boolean> {
  const rows = yield {
    sql: `SELECT 1 AS one FROM usage WHERE org_id = ? AND created_at ${lower} ? AND created_at < ? LIMIT 1`,
    params: [orgId, from, to],
  };
  return rows.length > 0;
}

/** The aggregate `summarizeUsage` answers, equal to aggregating the matching usage rows. */
export function* summarizePlan(orgId: string, filter: UsageFilter, totalsOnly = false): Plan<UsageAggregate> {
  const sums: Sums = { total: 0, success: 0, latency: 0, lastAt: null, mcps: new Map(), days: new Map() };
  const { from, to } = filter;
  if (!isInstant(from) || !isInstant(to)) {
    // Not an ISO 8601 instant: no day boundaries to trust, so the rows themselves are aggregated.
    const [where, params] = whereFor(orgId, filter);
    yield* accumulate(sums, 'rows', { sql: where, params }, totalsOnly);
  } else {
    const fromDay = from?.slice(0, 10);
    const toDay = to?.slice(0, 10);
    // An edge day is whole when none of the organisation's rows of that day lie outside the range.
    const fromCut = from !== undefined && fromDay !== undefined && (yield* anyRow(orgId, '>=', fromDay, from));
    const toCut = to !== undefined && toDay !== undefined && (yield* anyRow(orgId, '>', to, nextDay(toDay)));
    const days = {
      ...(fromDay !== undefined ? (fromCut ? { after: fromDay } : { from: fromDay }) : {}),
      ...(toDay !== undefined ? (toCut ? { before: toDay } : { to: toDay }) : {}),
    };
    yield* accumulate(sums, 'rollup', rollupWhere(orgId, filter, days), totalsOnly);
    const cutDays = new Set<string>();
    if (fromCut && fromDay !== undefined) cutDays.add(fromDay);
    if (toCut && toDay !== undefined) cutDays.add(toDay);
    for (const day of cutDays) {
      const [where, params] = whereFor(orgId, filter);
      const edge = { sql: `${where} AND created_at >= ? AND created_at < ?`, params: [...params, day, nextDay(day)] };
      yield* accumulate(sums, 'rows', edge, totalsOnly);
    }
  }
  const ids = [...sums.mcps.keys()];
  const names = new Map<string, string | null>();
  if (ids.length > 0) {
    const rows = yield {
      sql: `SELECT mcp_id, name FROM usage_mcp_latest WHERE org_id = ? AND mcp_id IN ${placeholders(ids.length)}`,
      params: [orgId, ...ids],
    };
    for (const row of rows) names.set(String(row.mcp_id), row.name == null ? null : String(row.name));
  }
  return {
    total: sums.total,
    success: sums.success,
    error: sums.total - sums.success,
    avgLatencyMs: sums.total === 0 ? 0 : Math.round(sums.latency / sums.total),
    lastAt: sums.lastAt,
    byMcp: [...sums.mcps]
      .map(([mcpId, m]) => ({
        mcpId,
        name: names.get(mcpId) ?? null,
        requests: m.requests,
        errors: m.errors,
        avgLatencyMs: Math.round(m.latency / m.requests),
      }))
      .sort((a, b) => b.requests - a.requests || (a.mcpId < b.mcpId ? -1 : a.mcpId > b.mcpId ? 1 : 0)),
    byDay: [...sums.days]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([date, d]) => ({ date, requests: d.requests, errors: d.errors })),
  };
}

/** Runs a plan on a synchronous database (sql.js): every query in one turn, so no write interleaves. */
export function runSync<T>(plan: Plan<T>, all: (sql: string, params: SqlParam[]) => SqlRow[]): T {
  let step = plan.next();
  while (!step.done) step = plan.next(all(step.value.sql, step.value.params));
  return step.value;
}

/** Runs a plan on an asynchronous database (PostgreSQL). */
export async function runAsync<T>(
  plan: Plan<T>,
  all: (sql: string, params: SqlParam[]) => Promise<SqlRow[]>,
): Promise<T> {
  let step = plan.next();
  while (!step.done) step = plan.next(await all(step.value.sql, step.value.params));
  return step.value;
}
