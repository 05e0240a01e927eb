/** ApiKeyRow → the API's `ApiKey`. The key hash never leaves the server; the full key is shown only at creation. */
import type { components } from '../../../generated/schema.js';
import { startOfUtcDay, startOfUtcMonth, startOfUtcWeek } from '../../policy/usage-range.js';
import type { ApiKeyRow, ApiKeyStatus, Store } from '../../store/types.js';

type Schemas = components['schemas'];

export function apiKeyStatus(row: ApiKeyRow, now: Date): ApiKeyStatus {
  if (row.revokedAt !== null) return 'revoked';
  if (row.expiresAt !== null && Date.parse(row.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/**
 * The views of a page of keys with two queries whatever its length: the creators, and every key's usage counts in one
 * grouped aggregate (index usage_org_key_time). Returned in the order of `rows`.
 */
export async function apiKeyViews(
  store: Store,
  orgId: string,
  rows: readonly ApiKeyRow[],
  now: Date,
): Promise<Schemas['ApiKey'][]> {
  if (rows.length === 0) return [];
  const [members, counts] = await Promise.all([
    store.getMembers(orgId, [...new Set(rows.map((row) => row.userId))]),
    store.apiKeyUsageCounts(
      orgId,
      rows.map((row) => row.id),
      { today: startOfUtcDay(now), week: startOfUtcWeek(now), month: startOfUtcMonth(now) },
    ),
  ]);
  const emails = new Map(members.map((member) => [member.id, member.email]));
  return rows.map((row) => {
    const usage = counts.get(row.id) ?? { total: 0, today: 0, week: 0, month: 0 };
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      prefix: row.prefix,
      status: apiKeyStatus(row, now),
      role: row.role,
      created_at: row.createdAt,
      updated_at: row.updatedAt,
      last_used: row.lastUsed,
      expires_at: row.expiresAt,
      revoked_at: row.revokedAt,
      permissions: { mcps: row.mcpScope },
      // A removed member's keys stay listed (revoked); RFC 2606 reserves `.invalid` for addresses that cannot exist.
      created_by: { id: row.userId, email: emails.get(row.userId) ?? `${row.userId}@removed.invalid` },
      usage: {
        total_requests: usage.total,
        requests_today: usage.today,
        requests_this_week: usage.week,
        requests_this_month: usage.month,
      },
    };
  });
}

export async function apiKeyView(store: Store, row: ApiKeyRow, now: Date): Promise<Schemas['ApiKey']> {
  const [view] = await apiKeyViews(store, row.orgId, [row], now);
  return view!;
}
