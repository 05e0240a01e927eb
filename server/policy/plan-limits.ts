/**
 * What each plan allows; null means unlimited. Rates and monthly invocations are the published PlexMCP plans; the
 * counts of MCPs, keys and members are this server's defaults.
 */
import type { components } from '../../generated/schema.js';
import type { Plan } from '../store/types.js';

export type PlanLimits = components['schemas']['PlanLimits'];

export const PLAN_LIMITS: Readonly<Record<Plan, PlanLimits>> = {
  free: { mcps: 3, api_keys: 5, team_members: 3, monthly_requests: 1_000, requests_per_second: 10 },
  pro: { mcps: 10, api_keys: 10, team_members: 5, monthly_requests: 50_000, requests_per_second: 100 },
  team: { mcps: 50, api_keys: 50, team_members: 25, monthly_requests: 250_000, requests_per_second: 1_000 },
  enterprise: { mcps: null, api_keys: null, team_members: null, monthly_requests: null, requests_per_second: null },
};

export function limitsOf(plan: Plan): PlanLimits {
  return PLAN_LIMITS[plan];
}
