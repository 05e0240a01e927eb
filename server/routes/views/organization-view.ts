/** OrganizationRow → the API's `Organization`, with its plan's limits and live counts against them. */
import type { components } from '../../../generated/schema.js';
import { limitsOf } from '../../policy/plan-limits.js';
import { monthWindow } from '../../quota/month-window.js';
import type { OrganizationRow, Store } from '../../store/types.js';

export async function organizationView(
  store: Store,
  row: OrganizationRow,
  now: Date,
  options: { selfHosted: boolean },
): Promise<components['schemas']['Organization']> {
  const [mcps, apiKeys, members, monthly] = await Promise.all([
    store.countMcps(row.id),
    store.countActiveApiKeys(row.id, { now: now.toISOString() }),
    store.countMembers(row.id),
    // The same monthly counter the quota is enforced against, so the figure shown is the figure enforced.
    store.countMonthlyUsage(row.id, monthWindow(now).month),
  ]);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    plan: row.plan,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    settings: row.settings,
    limits: limitsOf(row.plan, options),
    usage: { mcps, api_keys: apiKeys, team_members: members, monthly_requests: monthly },
  };
}
