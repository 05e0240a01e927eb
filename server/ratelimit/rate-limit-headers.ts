/**
 * The rate-limit response headers, in two dialects: the IETF draft (draft-ietf-httpapi-ratelimit-headers-10, §3 and
 * §4: `RateLimit-Policy` names the quota, `RateLimit` reports what is left of it) and the widespread `X-RateLimit-*`
 * trio that existing clients read.
 */
import type { RateLimitDecision } from './rate-limiter.js';

/** The single policy name the server advertises (the draft lets one response carry several, told apart by name). */
export const POLICY_NAME = 'default';
export const WINDOW_SECONDS = 1;

export function rateLimitHeaders(decision: RateLimitDecision, nowMs: number): Record<string, string> {
  // The draft's `t` and the epoch reset are whole seconds; rounding up never promises a budget before it exists.
  const resetSeconds = Math.ceil(decision.resetMs / 1000);
  return {
    'RateLimit-Policy': `"${POLICY_NAME}";q=${decision.limit};w=${WINDOW_SECONDS}`,
    RateLimit: `"${POLICY_NAME}";r=${decision.remaining};t=${resetSeconds}`,
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': String(Math.ceil((nowMs + decision.resetMs) / 1000)),
  };
}

/** `Retry-After` as delay-seconds (RFC 9110 §10.2.3), at least 1 as the contract requires. */
export function retryAfterSeconds(decision: RateLimitDecision): number {
  return Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
}
