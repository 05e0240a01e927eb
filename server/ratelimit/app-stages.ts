/**
 * The app's three rate-limit stages (createApp's `addressGuard`, `rateLimit` and `failedAuthLimit`) from a process's
 * limiters: one wiring for the server and for every test that exercises limits (openapi.yaml "Rate limits").
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Clock } from '../clock.js';
import type { Store } from '../store/types.js';
import { addressGuard, limitFailedAuth } from './failed-auth-limit.js';
import { rateLimitStage } from './rate-limit-stage.js';
import type { ServerLimiters } from './shared-limiters.js';

export interface RateLimitStages {
  addressGuard: RequestHandler;
  rateLimit: RequestHandler;
  failedAuthLimit: ErrorRequestHandler;
}

export function rateLimitStages(options: {
  limiters: Pick<ServerLimiters, 'organizations' | 'failedAuth'>;
  store: Store;
  selfHosted: boolean;
  clock: Clock;
  /** Failed authentications allowed per address per second (default 20). */
  failedAuthPerSecond?: number;
}): RateLimitStages {
  const { limiters, store, selfHosted, clock } = options;
  const failedAuth = {
    limiter: limiters.failedAuth,
    selfHosted,
    ...(options.failedAuthPerSecond === undefined ? {} : { limitPerSecond: options.failedAuthPerSecond }),
  };
  return {
    addressGuard: addressGuard(failedAuth),
    rateLimit: rateLimitStage({
      limiter: limiters.organizations,
      planOf: async (orgId) => (await store.getOrganization(orgId))?.plan ?? 'free',
      selfHosted,
      clock,
    }),
    failedAuthLimit: limitFailedAuth(failedAuth),
  };
}
