export type { RateLimitDecision, RateLimiter } from './rate-limiter.js';
export { createFlexibleRateLimiter, createMemoryRateLimiter, type FlexibleLimiterFactory } from './flexible-rate-limiter.js';
export { rateLimitHeaders, retryAfterSeconds } from './rate-limit-headers.js';
export { rateLimitStage, type RateLimitStageOptions } from './rate-limit-stage.js';
export {
  addressGuard,
  limitFailedAuth,
  DEFAULT_FAILED_AUTH_PER_SECOND,
  type FailedAuthLimitOptions,
} from './failed-auth-limit.js';
export { addressKey, clientAddress } from './client-address.js';
