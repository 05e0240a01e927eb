/**
 * What each plan allows: requests per second (the rate limit) and tool invocations per calendar month (the quota).
 * One table, read by the rate-limit stage, the quota guard and GET /v1/organization (`limits`), so the three never
 * disagree. `null` means unlimited, as in the contract's `PlanLimits` schema.
 */
import type { Plan } from '../store/types.js';

export interface PlanLimits {
  /** Requests per second per organisation (fixed one-second windows, openapi.yaml "Rate limits"); null = not limited. */
  readonly requestsPerSecond: number | null;
  /** Tool invocations (POST /mcp) per calendar month in UTC; null = unlimited. */
  readonly monthlyRequests: number | null;
}

export const PLAN_LIMITS = {
  free: { requestsPerSecond: 10, monthlyRequests: 1_000 },
  pro: { requestsPerSecond: 100, monthlyRequests: 50_000 },
  team: { requestsPerSecond: 1_000, monthlyRequests: 250_000 },
  enterprise: { requestsPerSecond: null, monthlyRequests: null },
} as const satisfies Record<Plan, PlanLimits>;

const UNLIMITED: PlanLimits = { requestsPerSecond: null, monthlyRequests: null };

/**
 * The limits that apply to an organisation on `plan`. A self-hosted deployment (`PLEXMCP_SELF_HOSTED=true`) enforces
 * neither, so it reports both as unlimited whatever the stored plan says.
 *
 * @example
 * planLimits('pro'); // { requestsPerSecond: 100, monthlyRequests: 50000 }
 * planLimits('pro', { selfHosted: true }); // { requestsPerSecond: null, monthlyRequests: null }
 */
export function planLimits(plan: Plan, options: { selfHosted?: boolean } = {}): PlanLimits {
  return options.selfHosted ? UNLIMITED : PLAN_LIMITS[plan];
}
