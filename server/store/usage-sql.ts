/** Usage records and their aggregation, computed in SQL so a summary never loads the rows. */
import { limitOffset, placeholders } from './paging.js';
import { toUsage } from './row-mappers.js';
import type { SqlDb, SqlParam } from './sql-db.js';
import type { Store, UsageFilter } from './types.js';
import {
  ROLLUP_DAILY_MCP_SQL,
  ROLLUP_DAILY_SQL,
  ROLLUP_HOURLY_MCP_SQL,
  ROLLUP_HOURLY_SQL,
  ROLLUP_LATEST_SQL,
  rollupParams,
  runSync,
  summarizePlan,
} from './usage-rollup.js';
import { whereFor } from './usage-where.js';

type UsageQueries = Pick<
  Store,
  | 'recordUsage'
  | 'listUsage'
  | 'countUsage'
  | 'countMonthlyUsage'
  | 'reserveMonthlyUsage'
  | 'releaseMonthlyUsage'
  | 'summarizeUsage'
  | 'mcpUsageStats'
  | 'apiKeyUsageCounts'
  | 'recentUsage'
>;

const num = (value: unknown): number => Number(value ?? 0);

export function usageQueries(db: SqlDb): UsageQueries {
  const all = (sql: string, params: SqlParam[]) => db.all(sql, params);
  const count = (orgId: string, filter: UsageFilter) => runSync(summarizePlan(orgId, filter, true), all).total;

  return {
    reserveMonthlyUsage: (orgId, month, limit) =>
      db.write(() => {
        db.run(
          'INSERT INTO usage_monthly (org_id, month, requests) VALUES (?, ?, 0) ON CONFLICT (org_id, month) DO NOTHING',
          [orgId, month],
        );
        // One synchronous transaction: no other reservation can read the count between this check and this increment.
        return (
          db.run('UPDATE usage_monthly SET requests = requests + 1 WHERE org_id = ? AND month = ? AND requests < ?', [
            orgId,
            month,
            limit,
          ]) === 1
        );
      }),
    async releaseMonthlyUsage(orgId, month) {
      await db.write(() =>
        db.run('UPDATE usage_monthly SET requests = requests - 1 WHERE org_id = ? AND month = ? AND requests > 0', [
          orgId,
          month,
        ]),
      );
    },
    async recordUsage(row, options) {
      await db.write(() => {
        db.run(
          `INSERT INTO usage (id, org_id, api_key_id, mcp_id, mcp_name, tool, status, error_code, latency_ms, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            row.id,
            row.orgId,
            row.apiKeyId,
            row.mcpId,
            row.mcpName,
            row.tool,
            row.status,
            row.errorCode,
            Math.round(row.latencyMs),
            row.createdAt,
          ],
        );
        // The MCP's counters move in the same transaction as the row they count: they can never disagree with it.
        db.run(
          `UPDATE mcps SET request_count = request_count + 1,
             last_active = CASE WHEN last_active IS NULL OR last_active < ? THEN ? ELSE last_active END
           WHERE org_id = ? AND id = ?`,
          [row.createdAt, row.createdAt, row.orgId, row.mcpId],
        );
        // So are the rollups that summaries read instead of the rows.
        const rollup = rollupParams(row);
        db.run(ROLLUP_DAILY_SQL, rollup.daily);
        db.run(ROLLUP_HOURLY_SQL, rollup.hourly);
        db.run(ROLLUP_DAILY_MCP_SQL, rollup.dailyMcp);
        db.run(ROLLUP_HOURLY_MCP_SQL, rollup.hourlyMcp);
        db.run(ROLLUP_LATEST_SQL, rollup.latest);
        // The month is the row's own (its created_at's 'YYYY-MM'), so the counter is exactly the month's row count
        // (plus the reservations of calls still in flight).
        const month = row.createdAt.slice(0, 7);
        const reserved = options?.reservedMonth;
        if (reserved === month) return;
        if (reserved !== undefined) {
          db.run('UPDATE usage_monthly SET requests = requests - 1 WHERE org_id = ? AND month = ? AND requests > 0', [
            row.orgId,
            reserved,
          ]);
        }
        db.run(
          `INSERT INTO usage_monthly (org_id, month, requests) VALUES (?, ?, 1)
           ON CONFLICT (org_id, month) DO UPDATE SET requests = requests + 1`,
          [row.orgId, month],
        );
      });
    },
    async listUsage(orgId, filter, page) {
      const [where, params] = whereFor(orgId, filter);
      const items = db
        .all(`SELECT * FROM usage WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
          ...params,
          ...limitOffset(page),
        ])
        .map(toUsage);
      return { items, total: count(orgId, filter) };
    },
    countUsage: async (orgId, filter) => count(orgId, filter),
    countMonthlyUsage: async (orgId, month) =>
      num(db.get('SELECT requests FROM usage_monthly WHERE org_id = ? AND month = ?', [orgId, month])?.requests),
    summarizeUsage: async (orgId, filter) => runSync(summarizePlan(orgId, filter), all),
    async mcpUsageStats(orgId, mcpId, since) {
      const row = db.get(
        `SELECT COUNT(*) AS total, COALESCE(SUM(created_at >= ?), 0) AS since, COALESCE(SUM(status = 'error'), 0) AS error,
           COALESCE(AVG(latency_ms), 0) AS avg_latency
         FROM usage WHERE org_id = ? AND mcp_id = ?`,
        [since, orgId, mcpId],
      );
      return {
        total: num(row?.total),
        since: num(row?.since),
        error: num(row?.error),
        avgLatencyMs: Math.round(num(row?.avg_latency)),
      };
    },
    async apiKeyUsageCounts(orgId, apiKeyIds, since) {
      const counts = new Map(apiKeyIds.map((id) => [id, { total: 0, today: 0, week: 0, month: 0 }]));
      if (apiKeyIds.length === 0) return counts;
      const rows = db.all(
        `SELECT api_key_id, COUNT(*) AS total, COALESCE(SUM(created_at >= ?), 0) AS today,
           COALESCE(SUM(created_at >= ?), 0) AS week, COALESCE(SUM(created_at >= ?), 0) AS month
         FROM usage WHERE org_id = ? AND api_key_id IN ${placeholders(apiKeyIds.length)} GROUP BY api_key_id`,
        [since.today, since.week, since.month, orgId, ...apiKeyIds],
      );
      for (const row of rows) {
        counts.set(String(row.api_key_id), {
          total: num(row.total),
          today: num(row.today),
          week: num(row.week),
          month: num(row.month),
        });
      }
      return counts;
    },
    async recentUsage(orgId, apiKeyId, limit) {
      return db
        .all('SELECT * FROM usage WHERE org_id = ? AND api_key_id = ? ORDER BY created_at DESC, id DESC LIMIT ?', [
          orgId,
          apiKeyId,
          Math.max(0, Math.floor(limit)),
        ])
        .map(toUsage);
    },
  };
}
