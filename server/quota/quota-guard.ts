/**
 * The monthly tool-invocation quota. POST /mcp calls `check` early (a cheap refusal) and `reserve` just before the
 * upstream call; past the plan's quota the call is refused with 429 `quota_exceeded` and a `Retry-After` that points at
 * the first instant of next month (UTC).
 *
 * The count is the organisation's usage rows this month (every invocation, successful or not, is one row), read from
 * the store's monthly counter (kept in step with the rows, see Store.countMonthlyUsage), so it is shared by every
 * server instance on the same database. `reserve` takes one invocation from that counter in one atomic store step
 * (Store.reserveMonthlyUsage), so concurrent calls never exceed the quota; the usage row then settles the reservation
 * (recordUsage with `reservedMonth`), and a call that ends before it is recorded gives it back (`release`).
 */

import { type Clock, systemClock } from '../clock.js';
import { ApiError } from '../http/errors.js';
import type { Plan, Store } from '../store/types.js';
import { monthWindow } from './month-window.js';
import { planLimits } from './plan-limits.js';

export interface QuotaGuardOptions {
  store: Pick<Store, 'countMonthlyUsage' | 'reserveMonthlyUsage' | 'releaseMonthlyUsage'>;
  /** `PLEXMCP_SELF_HOSTED=true`: no quota at all, and no counting. */
  selfHosted: boolean;
  /** The current instant; injectable so tests can cross a month boundary. */
  clock?: Clock;
}

export interface MonthlyUsage {
  /** Tool invocations recorded this calendar month (UTC). */
  used: number;
  /** The plan's monthly quota; null = unlimited. */
  limit: number | null;
  /** When the count starts again from zero, ISO 8601 UTC. */
  resetsAt: string;
}

/** One invocation taken from the month's quota; `month` is undefined when the plan is unlimited (nothing taken). */
export interface QuotaReservation {
  month: string | undefined;
  /** Gives the invocation back (the call was never recorded). Idempotent. */
  release(): Promise<void>;
}

export interface QuotaGuard {
  /**
   * Takes one invocation from the month's quota, atomically, or throws ApiError `quota_exceeded`; record the call with
   * `reservedMonth: reservation.month`, or `release()` it.
   */
  reserve(orgId: string, plan: Plan): Promise<QuotaReservation>;
  /** Resolves when the organisation may invoke another tool; throws ApiError `quota_exceeded` when it may not. */
  check(orgId: string, plan: Plan): Promise<void>;
  /** This month's figures, for `usage.monthly_requests` in GET /v1/organization and the usage summary. */
  usage(orgId: string, plan: Plan): Promise<MonthlyUsage>;
}

/**
 * @example
 * const quota = createQuotaGuard({ store, selfHosted: config.selfHosted });
 * await quota.check(auth.orgId, org.plan); // in POST /mcp, before the tool is invoked
 */
export function createQuotaGuard(options: QuotaGuardOptions): QuotaGuard {
  const { store, selfHosted } = options;
  const clock = options.clock ?? systemClock;

  async function usage(orgId: string, plan: Plan): Promise<MonthlyUsage> {
    const window = monthWindow(clock());
    const used = await store.countMonthlyUsage(orgId, window.month);
    return { used, limit: planLimits(plan, { selfHosted }).monthlyRequests, resetsAt: window.resetsAt };
  }

  async function check(orgId: string, plan: Plan): Promise<void> {
    const limit = planLimits(plan, { selfHosted }).monthlyRequests;
    if (limit === null) return;
    const now = clock();
    const window = monthWindow(now);
    const used = await store.countMonthlyUsage(orgId, window.month);
    if (used < limit) return;
    throw exceeded(limit, used, window.resetsAt, now);
  }

  async function reserve(orgId: string, plan: Plan): Promise<QuotaReservation> {
    const limit = planLimits(plan, { selfHosted }).monthlyRequests;
    if (limit === null) return { month: undefined, release: async () => {} };
    const now = clock();
    const window = monthWindow(now);
    if (!(await store.reserveMonthlyUsage(orgId, window.month, limit))) {
      throw exceeded(limit, await store.countMonthlyUsage(orgId, window.month), window.resetsAt, now);
    }
    let released = false;
    return {
      month: window.month,
      release: async () => {
        if (released) return;
        released = true;
        await store.releaseMonthlyUsage(orgId, window.month);
      },
    };
  }

  function exceeded(limit: number, used: number, resetsAt: string, now: Date): ApiError {
    const window = { resetsAt };
    // RFC 9110 §10.2.3: delay-seconds; the contract asks for at least 1.
    const retryAfter = Math.max(1, Math.ceil((Date.parse(window.resetsAt) - now.getTime()) / 1000));
    return new ApiError(
      'quota_exceeded',
      `The monthly quota of ${limit} tool invocations is used up; it resets at ${window.resetsAt}`,
      { limit, used, resets_at: window.resetsAt },
      { 'Retry-After': String(retryAfter) },
    );
  }

  return { check, reserve, usage };
}
