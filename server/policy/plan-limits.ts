/**
 * What each plan allows, in the contract's `PlanLimits` shape; null means unlimited. The rate and the monthly quota come
 * from the one table the rate limiter and the quota guard enforce (server/quota/plan-limits.ts), so the figures shown
 * never disagree with the figures enforced. The counts of MCPs, keys and members are this server's published defaults.
 */
import type { components } from '../../generated/schema.js';
import { planLimits } from '../quota/plan-limits.js';
import type { Plan } from '../store/types.js';

export type PlanLimits = components['schemas']['PlanLimits'];

const COUNT_LIMITS: Readonly<Record<Plan, Pick<PlanLimits, 'mcps' | 'api_keys' | 'team_members'>>> = {
  free: { mcps: 3, api_keys: 5, team_members: 3 },
  pro: { mcps: 10, api_keys: 10, team_members: 5 },
  team: { mcps: 50, api_keys: 50, team_members: 25 },
  enterprise: { mcps: null, api_keys: null, team_members: null },
};

const UNLIMITED: PlanLimits = {
  mcps: null,
  api_keys: null,
  team_members: null,
  monthly_requests: null,
  requests_per_second: null,
};

/** The limits of `plan`; a self-hosted deployment enforces none, so it reports every limit as null. */
export function limitsOf(plan: Plan, options: { selfHosted: boolean }): PlanLimits {
  if (options.selfHosted) return UNLIMITED;
  const enforced = planLimits(plan);
  return {
    ...COUNT_LIMITS[plan],
    monthly_requests: enforced.monthlyRequests,
    requests_per_second: enforced.requestsPerSecond,
  };
}
