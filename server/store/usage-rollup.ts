/**
 * Usage summaries from the rollups (`usage_daily` and `usage_hourly`, one row per organisation, UTC day or hour, MCP,
 * key and status; `usage_daily_mcp` and `usage_hourly_mcp`, the same per MCP alone for filters that name no key or
 * status; and `usage_mcp_latest`, each MCP's most recent recorded name), which `recordUsage` moves in the usage row's
 * own transaction. A summary reads the daily rollup for the days its range covers whole (an edge day with no row
 * outside the range counts as whole), the hourly one for the whole hours of a partly covered first or last day, and
 * scans usage rows only for an edge hour the range cuts (rows of that hour lie outside it), so its cost follows days,
 * MCPs and the rows of at most two hours, not the history. Both stores run the same plan: it yields queries and
 * receives their rows (sql.js answers synchronously inside one turn of the event loop, PostgreSQL asynchronously).
 */
import { placeholders } from './paging.js';
import type { SqlParam, SqlRow } from './sql-db.js';
import type { UsageAggregate, UsageFilter } from './types.js';
import { whereFor } from './usage-where.js';

export interface Query {
  sql: string;
  params: SqlParam[];
}
export type Plan<T> = Generator<Query, T, SqlRow[]>;

/** `api_key_id` in the rollup: a call without a key is '' there (a primary key column cannot be NULL). */
export const NO_KEY = '';

/** The rollups' upserts, the same SQL on both stores; parameters from `rollupParams`. */
function rollupUpsert(table: 'usage_daily' | 'usage_hourly', column: 'day' | 'hour'): string {
  return `
  INSERT INTO ${table} (org_id, ${column}, mcp_id, api_key_id, status, requests, latency_sum, last_at)
  VALUES (?, ?, ?, ?, ?, 1, ?, ?)
  ON CONFLICT (org_id, ${column}, mcp_id, api_key_id, status) DO UPDATE SET
    requests = ${table}.requests + 1,
    latency_sum = ${table}.latency_sum + excluded.latency_sum,
    last_at = CASE WHEN excluded.last_at > ${table}.last_at THEN excluded.last_at ELSE ${table}.last_at END`;
}
export const ROLLUP_DAILY_SQL = rollupUpsert('usage_daily', 'day');
export const ROLLUP_HOURLY_SQL = rollupUpsert('usage_hourly', 'hour');

/** The per-MCP rollups' upserts (no key or status in the grain: successes and errors are counted in columns). */
function mcpRollupUpsert(table: 'usage_daily_mcp' | 'usage_hourly_mcp', column: 'day' | 'hour'): string {
  return `
  INSERT INTO ${table} (org_id, ${column}, mcp_id, requests, successes, errors, latency_sum, last_at)
  VALUES (?, ?, ?, 1, ?, ?, ?, ?)
  ON CONFLICT (org_id, ${column}, mcp_id) DO UPDATE SET
    requests = ${table}.requests + 1,
    successes = ${table}.successes + excluded.successes,
    errors = ${table}.errors + excluded.errors,
    latency_sum = ${table}.latency_sum + excluded.latency_sum,
    last_at = CASE WHEN excluded.last_at > ${table}.last_at THEN excluded.last_at ELSE ${table}.last_at END`;
}
export const ROLLUP_DAILY_MCP_SQL = mcpRollupUpsert('usage_daily_mcp', 'day');
export const ROLLUP_HOURLY_MCP_SQL = mcpRollupUpsert('usage_hourly_mcp', 'hour');
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
}): { daily: SqlParam[]; hourly: SqlParam[]; dailyMcp: SqlParam[]; hourlyMcp: SqlParam[]; latest: SqlParam[] } {
  const grain = (at: string): SqlParam[] => [
    row.orgId,
    at,
    row.mcpId,
    row.apiKeyId ?? NO_KEY,
    row.status,
    Math.round(row.latencyMs),
    row.createdAt,
  ];
  const mcpGrain = (at: string): SqlParam[] => [
    row.orgId,
    at,
    row.mcpId,
    row.status === 'success' ? 1 : 0,
    row.status === 'error' ? 1 : 0,
    Math.round(row.latencyMs),
    row.createdAt,
  ];
  return {
    daily: grain(row.createdAt.slice(0, 10)),
    hourly: grain(row.createdAt.slice(0, 13)),
    dailyMcp: mcpGrain(row.createdAt.slice(0, 10)),
    hourlyMcp: mcpGrain(row.createdAt.slice(0, 13)),
    latest: [row.orgId, row.mcpId, row.createdAt, row.id, row.mcpName],
  };
}

const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}/;
const isInstant = (value: string | undefined): boolean =>
  value === undefined || (HOUR.test(value) && !Number.isNaN(Date.parse(`${value.slice(0, 13)}:00:00.000Z`)));
const num = (value: unknown): number => Number(value ?? 0);
const nextHour = (hour: string): string =>
  new Date(Date.parse(`${hour}:00:00.000Z`) + 3_600_000).toISOString().slice(0, 13);
const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

/** The filter's conditions on a rollup table, and `column` (its day or hour) in [lo, hi) where given. */
function rollupWhere(orgId: string, filter: UsageFilter, column: string, lo?: string, hi?: string): Query {
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
  add(`${column} >= ?`, lo);
  add(`${column} < ?`, hi);
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

/** Where a summary reads from, each under the same names: the rollups by key and status, the rollups by MCP alone
 * (a quarter of the rows or fewer when keys and statuses vary, for the filters that name neither) and the rows. */
const SOURCES = {
  daily: fine('usage_daily', 'day'),
  hourly: fine('usage_hourly', 'substr(hour, 1, 10)'),
  dailyMcp: perMcp('usage_daily_mcp', 'day'),
  hourlyMcp: perMcp('usage_hourly_mcp', 'substr(hour, 1, 10)'),
  rows: {
    table: 'usage',
    requests: '1',
    success: "CASE WHEN status = 'success' THEN 1 ELSE 0 END",
    errors: "CASE WHEN status = 'error' THEN 1 ELSE 0 END",
    latency: 'latency_ms',
    last: 'created_at',
    day: 'substr(created_at, 1, 10)',
  },
};
function fine(table: string, day: string) {
  return {
    table,
    requests: 'requests',
    success: "CASE WHEN status = 'success' THEN requests ELSE 0 END",
    errors: "CASE WHEN status = 'error' THEN requests ELSE 0 END",
    latency: 'latency_sum',
    last: 'last_at',
    day,
  };
}
function perMcp(table: string, day: string) {
  return {
    table,
    requests: 'requests',
    success: 'successes',
    errors: 'errors',
    latency: 'latency_sum',
    last: 'last_at',
    day,
  };
}

/**
 * Adds one source (a rollup or the rows, under the same names) into the running sums: one read grouped by MCP, whose
 * groups also give the totals, and one grouped by day (a read grouped by both returns days × MCPs rows, and turning
 * rows into JavaScript values is what costs most on sql.js).
 */
function* accumulate(into: Sums, kind: keyof typeof SOURCES, where: Query, totalsOnly: boolean): Plan<void> {
  const c = SOURCES[kind];
  const sums = `SUM(${c.requests}) AS requests, SUM(${c.success}) AS success, SUM(${c.errors}) AS errors,
      SUM(${c.latency}) AS latency, MAX(${c.last}) AS last_at`;
  const groups = yield totalsOnly
    ? { sql: `SELECT ${sums} FROM ${c.table} WHERE ${where.sql}`, params: where.params }
    : { sql: `SELECT mcp_id, ${sums} FROM ${c.table} WHERE ${where.sql} GROUP BY mcp_id`, params: where.params };
  let seen = 0;
  for (const row of groups) {
    const requests = num(row.requests);
    if (requests === 0) continue;
    seen += requests;
    into.total += requests;
    into.success += num(row.success);
    into.latency += num(row.latency);
    const lastAt = row.last_at == null ? null : String(row.last_at);
    if (lastAt !== null && (into.lastAt === null || lastAt > into.lastAt)) into.lastAt = lastAt;
    if (totalsOnly) continue;
    const mcp = into.mcps.get(String(row.mcp_id)) ?? { requests: 0, errors: 0, latency: 0 };
    mcp.requests += requests;
    mcp.errors += num(row.errors);
    mcp.latency += num(row.latency);
    into.mcps.set(String(row.mcp_id), mcp);
  }
  if (totalsOnly || seen === 0) return;
  const byDay = yield {
    sql: `SELECT ${c.day} AS d, SUM(${c.requests}) AS requests, SUM(${c.errors}) AS errors
      FROM ${c.table} WHERE ${where.sql} GROUP BY d`,
    params: where.params,
  };
  for (const row of byDay) {
    const day = into.days.get(String(row.d)) ?? { requests: 0, errors: 0 };
    day.requests += num(row.requests);
    day.errors += num(row.errors);
    into.days.set(String(row.d), day);
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
  // A filter that names no key and no status reads the rollups by MCP alone.
  const byMcpOnly = filter.apiKeyId === undefined && filter.status === undefined;
  const daily = byMcpOnly ? 'dailyMcp' : 'daily';
  const hourly = byMcpOnly ? 'hourlyMcp' : 'hourly';
  const { from, to } = filter;
  if (!isInstant(from) || !isInstant(to)) {
    // Not an ISO 8601 instant: no day boundaries to trust, so the rows themselves are aggregated.
    const [where, params] = whereFor(orgId, filter);
    yield* accumulate(sums, 'rows', { sql: where, params }, totalsOnly);
  } else {
    // Hours are 'YYYY-MM-DDTHH', days 'YYYY-MM-DD': both compare as text in time order. An edge hour is whole when
    // none of the organisation's rows of that hour lie outside the range; a cut one is the only part read from rows.
    // An edge day none of whose rows lie outside the range (the day of a range ending now, as a period's does) is read
    // whole from the daily rollup: its hours are not read one by one.
    const fromDayWhole =
      from !== undefined && !(yield* anyRow(orgId, '>=', from.slice(0, 10), from)) ? from.slice(0, 10) : undefined;
    const toDayWhole =
      to !== undefined && !(yield* anyRow(orgId, '>', to, nextDay(to.slice(0, 10)))) ? to.slice(0, 10) : undefined;
    const fromHour = fromDayWhole !== undefined ? `${fromDayWhole}T00` : from?.slice(0, 13);
    const toHour = toDayWhole !== undefined ? `${toDayWhole}T23` : to?.slice(0, 13);
    const fromCut =
      fromDayWhole === undefined &&
      from !== undefined &&
      fromHour !== undefined &&
      (yield* anyRow(orgId, '>=', fromHour, from));
    const toCut =
      toDayWhole === undefined &&
      to !== undefined &&
      toHour !== undefined &&
      (yield* anyRow(orgId, '>', to, nextHour(toHour)));
    // Each scan gets exactly one lower and one upper bound on created_at: given two, SQLite may seek on the wider one
    // (the whole month) and filter every row of it.
    const [where, params] = whereFor(orgId, { ...filter, from: undefined, to: undefined });
    const rows = (lo: string, hi: string, upper: '<' | '<='): Query => ({
      sql: `${where} AND created_at >= ? AND created_at ${upper} ?`,
      params: [...params, lo, hi],
    });
    if ((fromCut || toCut) && fromHour === toHour && from !== undefined && to !== undefined) {
      yield* accumulate(sums, 'rows', rows(from, to, '<='), totalsOnly);
    } else {
      if (fromCut && from !== undefined && fromHour !== undefined) {
        yield* accumulate(sums, 'rows', rows(from, nextHour(fromHour), '<'), totalsOnly);
      }
      if (toCut && to !== undefined && toHour !== undefined) {
        yield* accumulate(sums, 'rows', rows(toHour, to, '<='), totalsOnly);
      }
      // The whole hours [lo, hi): those of a partly covered first or last day from the hourly rollup, the days
      // between from the daily one.
      const lo = fromHour === undefined ? undefined : fromCut ? nextHour(fromHour) : fromHour;
      const hi = toHour === undefined ? undefined : toCut ? toHour : nextHour(toHour);
      if (lo === undefined || hi === undefined || lo < hi) {
        let dayLo = lo?.slice(0, 10);
        const dayHi = hi?.slice(0, 10);
        if (lo !== undefined && dayLo !== undefined && !lo.endsWith('T00')) {
          const end = hi !== undefined && hi < `${nextDay(dayLo)}T00` ? hi : `${nextDay(dayLo)}T00`;
          yield* accumulate(sums, hourly, rollupWhere(orgId, filter, 'hour', lo, end), totalsOnly);
          dayLo = nextDay(dayLo);
        }
        if (hi !== undefined && dayHi !== undefined && !hi.endsWith('T00') && (dayLo === undefined || dayHi >= dayLo)) {
          yield* accumulate(sums, hourly, rollupWhere(orgId, filter, 'hour', `${dayHi}T00`, hi), totalsOnly);
        }
        if (dayLo === undefined || dayHi === undefined || dayLo < dayHi) {
          yield* accumulate(sums, daily, rollupWhere(orgId, filter, 'day', dayLo, dayHi), totalsOnly);
        }
      }
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
