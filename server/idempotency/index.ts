export { sealUnderCallerKey } from './caller-seal.js';
export {
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  DEFAULT_IDEMPOTENCY_TTL_MS,
  type IdempotencyOptions,
  idempotency,
  pruneIdempotency,
} from './idempotency.js';
export { type ReplaySeal, replaySealFor } from './replay-seal.js';
export { canonicalJson, isReplayable, isValidIdempotencyKey, requestHash } from './request-hash.js';
