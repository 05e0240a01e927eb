/** Usage records and their aggregates on PostgreSQL; the same answers as server/store/usage-sql.ts. */
import { limitOffset, placeholders } from '../paging.js';
import { toUsage } from '../row-mappers.js';
import type { Store, UsageFilter } from '../types.js';
import {
  type Plan,
  ROLLUP_DAILY_MCP_SQL,
  ROLLUP_DAILY_SQL,
  ROLLUP_HOURLY_MCP_SQL,
  ROLLUP_HOURLY_SQL,
  ROLLUP_LATEST_SQL,
  rollupParams,
  runAsync,
  summarizePlan,
} from '../usage-rollup.js';
import { whereFor } from '../usage-where.js';
import type { PgDb } from './pg-db.js';

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

export function pgUsageQueries(db: PgDb): UsageQueries {
  // A summary's plan runs in one snapshot: the probes that decide which edge days and hours are whole see the rows the
  // rollups read after them show, however many calls commit in between (sql.js runs a plan within one turn instead).
  const inSnapshot = <T>(plan: Plan<T>) =>
    db.transaction(async (tx) => {
      await tx.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return runAsync(plan, (sql, params) => tx.all(sql, params));
    });
  const count = async (orgId: string, filter: UsageFilter) =>
    (await inSnapshot(summarizePlan(orgId, filter, true))).total;

  return {
    async reserveMonthlyUsage(orgId, month, limit) {
      await db.run(
        'INSERT INTO usage_monthly (org_id, month, requests) VALUES (?, ?, 0) ON CONFLICT (org_id, month) DO NOTHING',
        [orgId, month],
      );
      // The row lock makes this check-and-increment atomic: a concurrent UPDATE re-reads the row it waited for.
      const changed = await db.run(
        'UPDATE usage_monthly SET requests = requests + 1 WHERE org_id = ? AND month = ? AND requests < ?',
        [orgId, month, limit],
      );
      return changed === 1;
    },
    async releaseMonthlyUsage(orgId, month) {
      await db.run('UPDATE usage_monthly SET requests = requests - 1 WHERE org_id = ? AND month = ? AND requests > 0', [
        orgId,
        month,
      ]);
    },
    recordUsage: (row, options) =>
      db.transaction(async (tx) => {
        await tx.run(
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
        // The MCP's counters and the month's counter move in the row's own transaction: they never disagree with it.
        await tx.run(
          `UPDATE mcps SET request_count = request_count + 1,
             last_active = CASE WHEN last_active IS NULL OR last_active < ? THEN ? ELSE last_active END
           WHERE org_id = ? AND id = ?`,
          [row.createdAt, row.createdAt, row.orgId, row.mcpId],
        );
        const rollup = rollupParams(row);
        await tx.run(ROLLUP_DAILY_SQL, rollup.daily);
        await tx.run(ROLLUP_HOURLY_SQL, rollup.hourly);
        await tx.run(ROLLUP_DAILY_MCP_SQL, rollup.dailyMcp);
        await tx.run(ROLLUP_HOURLY_MCP_SQL, rollup.hourlyMcp);
        await tx.run(ROLLUP_LATEST_SQL, rollup.latest);
        const month = row.createdAt.slice(0, 7);
        const reserved = options?.reservedMonth;
        if (reserved === month) return;
        if (reserved !== undefined) {
          await tx.run(
            'UPDATE usage_monthly SET requests = requests - 1 WHERE org_id = ? AND month = ? AND requests > 0',
            [row.orgId, reserved],
          );
        }
        await tx.run(
          `INSERT INTO usage_monthly (org_id, month, requests) VALUES (?, ?, 1)
           ON CONFLICT (org_id, month) DO UPDATE SET requests = usage_monthly.requests + 1`,
          [row.orgId, month],
        );
      }),
    async listUsage(orgId, filter, page) {
      const [where, params] = whereFor(orgId, filter);
      const rows = await db.all(`SELECT * FROM usage WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
        ...params,
        ...limitOffset(page),
      ]);
      return { items: rows.map(toUsage), total: await count(orgId, filter) };
    },
    countUsage: (orgId, filter) => count(orgId, filter),
    countMonthlyUsage: async (orgId, month) =>
      num(
        (await db.get('SELECT requests FROM usage_monthly WHERE org_id = ? AND month = ?', [orgId, month]))?.requests,
      ),
    summarizeUsage: (orgId, filter) => inSnapshot(summarizePlan(orgId, filter)),
    async mcpUsageStats(orgId, mcpId, since) {
      const row = await db.get(
        `SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE created_at >= ?) AS since,
           COUNT(*) FILTER (WHERE status = 'error') AS error, COALESCE(AVG(latency_ms), 0) AS avg_latency
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
      const rows = await db.all(
        `SELECT api_key_id, COUNT(*) AS total, COUNT(*) FILTER (WHERE created_at >= ?) AS today,
           COUNT(*) FILTER (WHERE created_at >= ?) AS week, COUNT(*) FILTER (WHERE created_at >= ?) AS month
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
      const rows = await db.all(
        'SELECT * FROM usage WHERE org_id = ? AND api_key_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
        [orgId, apiKeyId, Math.max(0, Math.floor(limit))],
      );
      return rows.map(toUsage);
    },
  };
}
