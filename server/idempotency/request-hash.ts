/** The pure parts of idempotency: key syntax, canonical request bodies and their hash. */
import { createHash } from 'node:crypto';

/** The contract's `IdempotencyKey` parameter: 1..255 visible ASCII characters (0x21-0x7E). */
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** JSON with object keys sorted at every depth, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** Hex SHA-256 of the operation and the canonical body: the same key with another operation or body is a conflict. */
export function requestHash(operation: string, body: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(body)).digest('hex');
}

/**
 * Whether a response is final, so a retry with the same key must get it again. 5xx are not (the upstream or the server
 * failed: a retry should try again), nor are 408, 409, 425 and 429 (RFC 9110 §15.5.9, RFC 8470 §5.2, RFC 6585 §4:
 * "try again later" answers).
 */
export function isReplayable(status: number): boolean {
  return status >= 200 && status < 500 && ![408, 409, 425, 429].includes(status);
}
