export { DEFAULT_IDEMPOTENCY_TTL_MS, idempotency, pruneIdempotency, type IdempotencyOptions } from './idempotency.js';
export { canonicalJson, isReplayable, isValidIdempotencyKey, requestHash } from './request-hash.js';
