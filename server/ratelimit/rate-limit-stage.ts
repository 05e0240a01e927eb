/**
 * The rate-limit stage: requests per second per organisation, by plan. It runs after authentication (it needs the
 * organisation) and before validation, so a flood of malformed requests is limited like any other.
 *
 * - Self-hosted (`PLEXMCP_SELF_HOSTED=true`): off entirely: no counting, no headers.
 * - Enterprise (unlimited): not counted and no rate-limit headers, since there is no quota to describe
 *   (draft-ietf-httpapi-ratelimit-headers-10 has no form for "unlimited").
 * - Requests without an authenticated organisation (public routes) pass untouched.
 * - Otherwise every response carries the rate-limit headers; over the limit the request fails with 429 `rate_limited`
 *   and `Retry-After`, the headers set on the response before the error is thrown.
 */
import type { RequestHandler, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { type Clock, systemClock } from '../clock.js';
import { ApiError } from '../http/errors.js';
import { planLimits } from '../quota/plan-limits.js';
import type { Plan } from '../store/types.js';
import { rateLimitHeaders, retryAfterSeconds, WINDOW_SECONDS } from './rate-limit-headers.js';
import type { RateLimiter } from './rate-limiter.js';

export interface RateLimitStageOptions {
  /** Shared by every instance of a deployment for one budget per organisation (memory for one instance). */
  limiter: RateLimiter;
  /** The organisation's current plan, so a plan change applies on the next request. */
  planOf: (orgId: string) => Promise<Plan>;
  selfHosted: boolean;
  /** The current instant, for `X-RateLimit-Reset`; defaults to now. */
  clock?: Clock;
  /** Where the authenticated organisation is; defaults to the principal the authentication stage sets. */
  orgOf?: (res: Response) => string | undefined;
}

function defaultOrgOf(res: Response): string | undefined {
  // Not `principalOf`: it throws on public routes, which this stage lets through.
  const principal = res.locals.principal as Principal | undefined;
  return principal?.orgId;
}

/**
 * @example
 * app.use(rateLimitStage({
 *   limiter: createMemoryRateLimiter(),
 *   planOf: async (orgId) => (await store.getOrganization(orgId))?.plan ?? 'free',
 *   selfHosted: config.selfHosted,
 * }));
 */
export function rateLimitStage(options: RateLimitStageOptions): RequestHandler {
  const { limiter, planOf, selfHosted } = options;
  const clock = options.clock ?? systemClock;
  const orgOf = options.orgOf ?? defaultOrgOf;

  if (selfHosted) return (_req, _res, next) => next();

  return async (_req, res, next) => {
    const orgId = orgOf(res);
    if (orgId === undefined) return next();
    const limit = planLimits(await planOf(orgId)).requestsPerSecond;
    if (limit === null) return next();

    const decision = await limiter.consume(`org:${orgId}`, limit);
    const headers = rateLimitHeaders(decision, clock().getTime());
    res.set(headers);
    if (decision.allowed) return next();

    const retryAfter = retryAfterSeconds(decision);
    throw new ApiError(
      'rate_limited',
      `Rate limit of ${limit} requests per second exceeded; retry after ${retryAfter} s`,
      { limit, window_seconds: WINDOW_SECONDS, retry_after_seconds: retryAfter },
      // Repeated on the error so they survive an error handler that starts from fresh headers.
      { ...headers, 'Retry-After': String(retryAfter) },
    );
  };
}
