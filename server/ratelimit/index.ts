export { addressKey, clientAddress } from './client-address.js';
export {
  addressGuard,
  DEFAULT_FAILED_AUTH_PER_SECOND,
  type FailedAuthLimitOptions,
  limitFailedAuth,
} from './failed-auth-limit.js';
export {
  createFlexibleRateLimiter,
  createMemoryRateLimiter,
  type FlexibleLimiterFactory,
} from './flexible-rate-limiter.js';
export { rateLimitHeaders, retryAfterSeconds } from './rate-limit-headers.js';
export { type RateLimitStageOptions, rateLimitStage } from './rate-limit-stage.js';
export type { RateLimitDecision, RateLimiter } from './rate-limiter.js';
