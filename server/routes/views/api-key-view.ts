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

/** Creators are looked up once per request, however many of their keys are listed. */
export type CreatorLookup = (userId: string) => Promise<Schemas['UserRef']>;

export function creatorLookup(store: Store, orgId: string): CreatorLookup {
  const seen = new Map<string, Promise<Schemas['UserRef']>>();
  return (userId) => {
    let found = seen.get(userId);
    if (!found) {
      // A removed member's keys stay listed (revoked); RFC 2606 reserves `.invalid` for addresses that cannot exist.
      found = store.getMember(orgId, userId).then((member) => ({ id: userId, email: member?.email ?? `${userId}@removed.invalid` }));
      seen.set(userId, found);
    }
    return found;
  };
}

export async function apiKeyView(store: Store, row: ApiKeyRow, now: Date, creator: CreatorLookup): Promise<Schemas['ApiKey']> {
  const count = (from?: string) => store.countUsage(row.orgId, { apiKeyId: row.id, ...(from ? { from } : {}) });
  const [createdBy, total, today, week, month] = await Promise.all([
    creator(row.userId),
    count(),
    count(startOfUtcDay(now)),
    count(startOfUtcWeek(now)),
    count(startOfUtcMonth(now)),
  ]);
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
    created_by: createdBy,
    usage: { total_requests: total, requests_today: today, requests_this_week: week, requests_this_month: month },
  };
}
