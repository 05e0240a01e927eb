/** McpRow → the API's `Mcp` and `McpDetail`. Credentials never leave the server: they are not even read here. */
import type { components } from '../../../generated/schema.js';
import { startOfUtcDay } from '../../policy/usage-range.js';
import type { McpRow, McpSummaryRow, Store } from '../../store/types.js';
import { toolPinView } from './tool-pin-view.js';

type Schemas = components['schemas'];

/** Needs no query: the request count and last call are kept on the row by the store (see server/store/migrations.ts, version 2). */
export function mcpView(row: McpSummaryRow): Schemas['Mcp'] {
  return {
    id: row.id,
    name: row.name,
    endpoint_url: row.endpointUrl,
    description: row.description,
    status: row.status,
    health: row.health,
    auth_type: row.authType,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    last_active: row.lastActive,
    health_checked_at: row.healthCheckedAt,
    request_count: row.requestCount,
  };
}

export async function mcpDetailView(store: Store, row: McpRow, now: Date): Promise<Schemas['McpDetail']> {
  const [stats, pins] = await Promise.all([
    store.mcpUsageStats(row.orgId, row.id, startOfUtcDay(now)),
    store.listToolPins(row.orgId, row.id, {}),
  ]);
  return {
    ...mcpView(row),
    // The detail's figures come from the history itself, in the same read, so they agree with each other.
    request_count: stats.total,
    stats: {
      total_requests: stats.total,
      requests_today: stats.since,
      error_rate: stats.total === 0 ? 0 : stats.error / stats.total,
      avg_latency_ms: stats.avgLatencyMs,
    },
    tools: row.tools.map((tool) => ({
      name: tool.name,
      description: tool.description ?? null,
      input_schema: tool.input_schema,
    })),
    pinned_tools: pins.items.map(toolPinView),
  };
}
