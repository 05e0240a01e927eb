/**
 * A budget of failed authentications per client address, so a flood of bad keys cannot wear the server down (every
 * attempt costs a hash and a store lookup) nor probe keys at speed. Two stages share one budget:
 *
 * - `addressGuard`, before authentication: when the address has no budget left it answers 429 `rate_limited` at once,
 *   without authenticating and without spending anything. While blocked, an address is refused even with a good key
 *   (the guard cannot tell before authenticating); the block lasts until the one-second window ends.
 * - `limitFailedAuth`, an error stage just before the central error handler: every 401, and every refused invitation
 *   token (an error marked `failedAuthentication`), spends one unit of the address's budget; an attempt beyond the
 *   budget gets 429 `rate_limited` instead of its 401 or 404.
 *
 * Default budget: 20 failed attempts per second per address, far above what a person or a misconfigured client
 * retrying produces, and far below what a flood does. Off entirely when self-hosted, like every rate limit.
 * Pass the same options object (the same limiter) to both stages.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, isApiError } from '../http/errors.js';
import { clientAddress } from './client-address.js';
import { retryAfterSeconds, WINDOW_SECONDS } from './rate-limit-headers.js';
import type { RateLimitDecision, RateLimiter } from './rate-limiter.js';

export const DEFAULT_FAILED_AUTH_PER_SECOND = 20;

export interface FailedAuthLimitOptions {
  /** Its own limiter (or one with a key prefix of its own): budgets are keyed `failed-auth:<address>`. */
  limiter: RateLimiter;
  /** Failed authentications allowed per address per second; default 20. */
  limitPerSecond?: number;
  selfHosted: boolean;
}

function keyOf(address: string): string {
  return `failed-auth:${address}`;
}

function tooManyFailures(decision: RateLimitDecision): ApiError {
  const retryAfter = retryAfterSeconds(decision);
  return new ApiError(
    'rate_limited',
    `Too many failed authentication attempts from this address; retry after ${retryAfter} s`,
    { limit: decision.limit, window_seconds: WINDOW_SECONDS, retry_after_seconds: retryAfter },
    { 'Retry-After': String(retryAfter) },
  );
}

/**
 * @example
 * const failedAuth = { limiter: createMemoryRateLimiter({ keyPrefix: 'failed-auth' }), selfHosted: false };
 * app.use(addressGuard(failedAuth));      // before authentication
 * app.use(authenticate(...));
 * // ... stages and routes ...
 * app.use(limitFailedAuth(failedAuth));   // just before the central error handler
 * app.use(errorHandler);
 */
export function addressGuard(options: FailedAuthLimitOptions): RequestHandler {
  const { limiter, selfHosted } = options;
  const limit = options.limitPerSecond ?? DEFAULT_FAILED_AUTH_PER_SECOND;
  if (selfHosted) return (_req, _res, next) => next();

  return async (req, _res, next) => {
    const decision = await limiter.peek(keyOf(clientAddress(req)), limit);
    if (decision.allowed) return next();
    throw tooManyFailures(decision);
  };
}

export function limitFailedAuth(options: FailedAuthLimitOptions): ErrorRequestHandler {
  const { limiter, selfHosted } = options;
  const limit = options.limitPerSecond ?? DEFAULT_FAILED_AUTH_PER_SECOND;

  return (error: unknown, req, _res, next) => {
    const failed = isApiError(error) && (error.status === 401 || error.options.failedAuthentication === true);
    if (selfHosted || !failed) return next(error);
    limiter.consume(keyOf(clientAddress(req)), limit).then(
      (decision) => next(decision.allowed ? error : tooManyFailures(decision)),
      // A failing limiter store must not hide the original answer.
      () => next(error),
    );
  };
}
