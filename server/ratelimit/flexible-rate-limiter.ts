/**
 * `RateLimiter` on rate-limiter-flexible. The budget is `points = limit` over `duration = 1` second, counted from the
 * first request of a key: a fixed window that starts with the first request after the previous one ended
 * (openapi.yaml "Rate limits"). At most `limit` requests in one window, a burst of at most one second's worth, and the
 * budget is whole again one second after the window's first request. It is not a token bucket: nothing refills
 * inside the window. It is the same
 * algorithm in every store the library has (memory, Redis, Valkey, PostgreSQL...), so a multi-instance deployment
 * changes the store and nothing else. `BurstyRateLimiter` is not used: it adds a second, longer budget on top of the
 * steady one, a burst beyond one second's worth, which the plans do not grant.
 */
import { type RateLimiterLike, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitDecision, RateLimiter } from './rate-limiter.js';

/** Builds one library limiter for a budget of `points` per `duration` seconds (always 1 here). */
export type FlexibleLimiterFactory = (options: { points: number; duration: number }) => RateLimiterLike;

const WINDOW_SECONDS = 1;

/**
 * Adapts rate-limiter-flexible limiters of any store. One library limiter is made per distinct limit, because the
 * library fixes `points` per instance while plans differ.
 *
 * @example
 * // Several instances sharing one budget per organisation through Redis (ioredis client):
 * const limiter = createFlexibleRateLimiter(
 *   ({ points, duration }) => new RateLimiterRedis({ storeClient: redis, keyPrefix: 'plexmcp-rl', points, duration }),
 * );
 */
export function createFlexibleRateLimiter(make: FlexibleLimiterFactory): RateLimiter {
  const byLimit = new Map<number, RateLimiterLike>();

  function limiterFor(limit: number): RateLimiterLike {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`rate limit must be a positive integer, got ${limit}`);
    let limiter = byLimit.get(limit);
    if (!limiter) {
      limiter = make({ points: limit, duration: WINDOW_SECONDS });
      byLimit.set(limit, limiter);
    }
    return limiter;
  }

  return {
    async consume(key, limitPerSecond) {
      const limiter = limiterFor(limitPerSecond);
      try {
        return decision(await limiter.consume(key, 1), limitPerSecond, true);
      } catch (rejection) {
        // The library rejects with a RateLimiterRes when the budget is spent, and with an Error when the store fails;
        // the latter propagates (a store limiter can be given an `insuranceLimiter` for that case).
        if (rejection instanceof RateLimiterRes) return decision(rejection, limitPerSecond, false);
        throw rejection;
      }
    },
    async peek(key, limitPerSecond) {
      const res = await limiterFor(limitPerSecond).get(key);
      if (!res || res.msBeforeNext <= 0) {
        return { allowed: true, limit: limitPerSecond, remaining: limitPerSecond, resetMs: 0, retryAfterMs: 0 };
      }
      const remaining = Math.max(0, limitPerSecond - res.consumedPoints);
      return decision(res, limitPerSecond, remaining > 0);
    },
  };
}

/** The embedded default: counters in this process's memory (one server instance). */
export function createMemoryRateLimiter(options: { keyPrefix?: string } = {}): RateLimiter {
  const keyPrefix = options.keyPrefix ?? 'plexmcp-rl';
  return createFlexibleRateLimiter(({ points, duration }) => new RateLimiterMemory({ keyPrefix, points, duration }));
}

function decision(res: RateLimiterRes, limit: number, allowed: boolean): RateLimitDecision {
  // msBeforeNext is -1 only for keys that never expire, which a one-second window never makes.
  const resetMs = Math.max(0, res.msBeforeNext);
  return {
    allowed,
    limit,
    remaining: allowed ? Math.max(0, limit - res.consumedPoints) : 0,
    resetMs,
    retryAfterMs: allowed ? 0 : resetMs,
  };
}
