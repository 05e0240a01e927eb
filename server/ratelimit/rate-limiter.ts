/**
 * The boundary between the rate-limit stages and the counters behind them. The embedded default counts in process
 * memory; a deployment of several instances passes a limiter backed by Redis (see `createFlexibleRateLimiter`) so all
 * instances share one budget per key. No stage keeps counters of its own.
 */

export interface RateLimitDecision {
  /** Whether this request fits in the budget. */
  readonly allowed: boolean;
  /** Requests allowed per one-second window. */
  readonly limit: number;
  /** Requests left in the current window after this one (0 when refused). */
  readonly remaining: number;
  /** Milliseconds until the window resets and the whole budget is available again (>= 0). */
  readonly resetMs: number;
  /** Milliseconds to wait before a retry can succeed; 0 when allowed. */
  readonly retryAfterMs: number;
}

export interface RateLimiter {
  /** Takes one request from `key`'s budget of `limitPerSecond` per second. */
  consume(key: string, limitPerSecond: number): Promise<RateLimitDecision>;
  /** Reports `key`'s budget without taking from it; `allowed` is false when nothing is left. */
  peek(key: string, limitPerSecond: number): Promise<RateLimitDecision>;
}
