/** Usage aggregates and rows → the API's `UsageSummary`, `ApiKeyUsage` and `UsageRecord`. */
import type { components } from '../../../generated/schema.js';
import type { UsageRange } from '../../policy/usage-range.js';
import type { UsageAggregate, UsageRow } from '../../store/types.js';

type Schemas = components['schemas'];

function byMcp(aggregate: UsageAggregate): Schemas['UsageByMcp'][] {
  return aggregate.byMcp.map((entry) => ({
    mcp_id: entry.mcpId,
    name: entry.name,
    requests: entry.requests,
    errors: entry.errors,
    avg_latency_ms: entry.avgLatencyMs,
  }));
}

function byDay(aggregate: UsageAggregate): Schemas['UsageByDay'][] {
  return aggregate.byDay.map((entry) => ({ date: entry.date, requests: entry.requests, errors: entry.errors }));
}

export function usageSummaryView(
  aggregate: UsageAggregate,
  range: UsageRange,
  monthlyLimit: number | null,
): Schemas['UsageSummary'] {
  return {
    period: range.period,
    start_date: range.from,
    end_date: range.to,
    requests: {
      total: aggregate.total,
      limit: monthlyLimit,
      percentage:
        monthlyLimit === null
          ? null
          : monthlyLimit === 0
            ? 100
            : Math.round((aggregate.total / monthlyLimit) * 10_000) / 100,
    },
    by_mcp: byMcp(aggregate),
    by_status: { success: aggregate.success, error: aggregate.error },
    by_day: byDay(aggregate),
  };
}

export function apiKeyUsageView(keyId: string, aggregate: UsageAggregate, range: UsageRange): Schemas['ApiKeyUsage'] {
  return {
    key_id: keyId,
    period: range.period,
    start_date: range.from,
    end_date: range.to,
    total_requests: aggregate.total,
    by_mcp: byMcp(aggregate),
    by_day: byDay(aggregate),
    by_status: { success: aggregate.success, error: aggregate.error },
  };
}

export function usageRecordView(row: UsageRow): Schemas['UsageRecord'] {
  return {
    id: row.id,
    timestamp: row.createdAt,
    mcp_id: row.mcpId,
    mcp_name: row.mcpName,
    api_key_id: row.apiKeyId,
    tool: row.tool,
    status: row.status,
    error_code: row.errorCode,
    latency_ms: row.latencyMs,
  };
}
