/**
 * JSON-lines logging (pino). Secrets never reach a log line: a value under a sensitive key (authorization and API-key
 * headers, cookies, keys, tokens, passwords, credentials and secrets, in any letter case) is replaced by "[REDACTED]"
 * wherever it appears, down to four levels of nesting.
 *
 * Redaction is one walk of the logged object in `formatters.log`, instead of pino's path-based `redact` (76 wildcard
 * paths cost about a quarter of a millisecond on every request line). The walk returns primitives as they are, so the
 * per-request access line (flat: ids, method, path, status, duration) costs a few key lookups, and it copies an
 * object only when something in it is redacted: what the caller logged is never mutated.
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config/config.js';

/** Compared in lower case, so `Authorization`, `apiKey` and `API_KEY` are all caught. */
export const SENSITIVE_KEYS: ReadonlySet<string> = new Set(
  [
    'authorization',
    'proxy-authorization',
    'x-api-key',
    'cookie',
    'set-cookie',
    'key',
    'api_key',
    'apiKey',
    'keyHash',
    'key_hash',
    'token',
    'auth_token',
    'access_token',
    'refresh_token',
    'password',
    'secret',
    'credentials',
    'credentialsCiphertext',
    'apiKeyHmacSecret',
    'encryptionKey',
    'bootstrapApiKey',
  ].map((key) => key.toLowerCase()),
);

export const CENSOR = '[REDACTED]';
/** Levels below the logged object that are searched; the old path list covered three. */
const MAX_DEPTH = 4;

/** A shallow copy keeping the prototype and every own property (so an Error stays an Error for pino's serializer). */
function copyOf(value: object): Record<string, unknown> {
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const name of Reflect.ownKeys(value)) {
    Object.defineProperty(copy, name, { ...Object.getOwnPropertyDescriptor(value, name), writable: true });
  }
  return copy;
}

/** `value` with every sensitive key's value censored; the same reference when there was nothing to censor. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = redactSecrets(value[i], depth + 1);
      if (next === value[i]) continue;
      out ??= value.slice();
      out[i] = next;
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const current = record[key];
    const next = SENSITIVE_KEYS.has(key.toLowerCase()) ? CENSOR : redactSecrets(current, depth + 1);
    if (next === current) continue;
    out ??= copyOf(record);
    out[key] = next;
  }
  return out ?? value;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; standard output by default. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'plexmcp-server' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => redactSecrets(object) as Record<string, unknown> },
    },
    options.destination,
  );
}
