/**
 * The limiters a server process uses, chosen by where its instances can share counters: Redis when REDIS_URL is set,
 * else the PostgreSQL database when the store is PostgreSQL, else this process's memory (one instance, sql.js). With
 * Redis or PostgreSQL every instance draws on one budget per organisation and per address, so N instances allow what
 * one does, not N times it. The counting is rate-limiter-flexible's in every store (see flexible-rate-limiter.ts).
 *
 * Should the shared store fail, each limiter falls back to counting in memory (the library's insurance limiter): an
 * outage of Redis degrades limits to per instance rather than failing every request.
 */
import { Redis } from 'ioredis';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis } from 'rate-limiter-flexible';
import { createFlexibleRateLimiter } from './flexible-rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';

export interface ServerLimiters {
  /** Per organisation (`rateLimitStage`). */
  organizations: RateLimiter;
  /** Failed authentications per address (`addressGuard`, `limitFailedAuth`). */
  failedAuth: RateLimiter;
  /** Where the counters are: `redis`, `postgres` or `memory`. */
  kind: 'redis' | 'postgres' | 'memory';
  close(): Promise<void>;
}

/** The PostgreSQL table of shared counters; the store's migration 2 creates it with the library's columns. */
export const RATE_LIMIT_TABLE = 'rate_limits';

export function createServerLimiters(options: { redisUrl?: string; pool?: pg.Pool }): ServerLimiters {
  const insurance = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterMemory({ keyPrefix, points, duration });

  if (options.redisUrl !== undefined) {
    // No offline queue and one retry: a request must not wait on a Redis that is away (the insurance answers).
    const redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => {});
    const make = (keyPrefix: string) =>
      createFlexibleRateLimiter(
        ({ points, duration }) =>
          new RateLimiterRedis({
            storeClient: redis,
            keyPrefix,
            points,
            duration,
            insuranceLimiter: insurance(keyPrefix, points, duration),
          }),
      );
    return {
      organizations: make('plexmcp-rl'),
      failedAuth: make('failed-auth'),
      kind: 'redis',
      close: async () => void (await redis.quit().catch(() => redis.disconnect())),
    };
  }

  if (options.pool !== undefined) {
    const pool = options.pool;
    const make = (keyPrefix: string) =>
      createFlexibleRateLimiter(
        ({ points, duration }) =>
          new RateLimiterPostgres({
            storeClient: pool,
            storeType: 'pool',
            tableName: RATE_LIMIT_TABLE,
            tableCreated: true,
            keyPrefix,
            points,
            duration,
            insuranceLimiter: insurance(keyPrefix, points, duration),
          }),
      );
    // The pool belongs to the store, which closes it.
    return {
      organizations: make('plexmcp-rl'),
      failedAuth: make('failed-auth'),
      kind: 'postgres',
      close: async () => {},
    };
  }

  return {
    organizations: createFlexibleRateLimiter(
      ({ points, duration }) => new RateLimiterMemory({ keyPrefix: 'plexmcp-rl', points, duration }),
    ),
    failedAuth: createFlexibleRateLimiter(
      ({ points, duration }) => new RateLimiterMemory({ keyPrefix: 'failed-auth', points, duration }),
    ),
    kind: 'memory',
    close: async () => {},
  };
}
