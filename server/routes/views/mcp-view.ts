/** McpRow → the API's `Mcp` and `McpDetail`. Credentials never leave the server: they are not even read here. */
import type { components } from '../../../generated/schema.js';
import { startOfUtcDay } from '../../policy/usage-range.js';
import type { McpRow, Store } from '../../store/types.js';

type Schemas = components['schemas'];

export async function mcpView(store: Store, row: McpRow): Promise<Schemas['Mcp']> {
  const usage = await store.summarizeUsage(row.orgId, { mcpId: row.id });
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
    last_active: usage.lastAt,
    health_checked_at: row.healthCheckedAt,
    request_count: usage.total,
  };
}

export async function mcpDetailView(store: Store, row: McpRow, now: Date): Promise<Schemas['McpDetail']> {
  const [base, all, today] = await Promise.all([
    mcpView(store, row),
    store.summarizeUsage(row.orgId, { mcpId: row.id }),
    store.countUsage(row.orgId, { mcpId: row.id, from: startOfUtcDay(now) }),
  ]);
  return {
    ...base,
    stats: {
      total_requests: all.total,
      requests_today: today,
      error_rate: all.total === 0 ? 0 : all.error / all.total,
      avg_latency_ms: all.avgLatencyMs,
    },
    tools: row.tools.map((tool) => ({
      name: tool.name,
      description: tool.description ?? null,
      input_schema: tool.input_schema,
    })),
  };
}
