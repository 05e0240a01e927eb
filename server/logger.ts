/**
 * JSON-lines logging (pino). Secrets never reach a log line: authorization and API-key headers, cookies, keys, tokens,
 * passwords, credentials and secrets are replaced by "[REDACTED]" wherever they appear, up to three levels deep.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config/config.js';

const SENSITIVE_FIELDS = [
  'authorization',
  '["x-api-key"]',
  'cookie',
  '["set-cookie"]',
  'key',
  'api_key',
  'apiKey',
  'keyHash',
  'key_hash',
  'token',
  'access_token',
  'refresh_token',
  'password',
  'secret',
  'credentials',
  'credentialsCiphertext',
  'apiKeyHmacSecret',
  'encryptionKey',
  'bootstrapApiKey',
];

function pathsAtDepth(field: string, depth: number): string {
  const joiner = field.startsWith('[') ? '' : '.';
  return depth === 0 ? field.replace(/^\[(.*)\]$/, '$1') : `${Array(depth).fill('*').join('.')}${joiner}${field}`;
}

/** Every redacted path: each field at the top level and under one, two or three levels of objects. */
export const REDACT_PATHS: readonly string[] = SENSITIVE_FIELDS.flatMap((field) =>
  [0, 1, 2, 3].map((depth) => pathsAtDepth(field, depth)),
);

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
      redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' },
    },
    options.destination,
  );
}
