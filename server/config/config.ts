/**
 * The server's configuration, read once from the environment. Names follow PlexMCP's where they exist; every value
 * has a working default, so a newcomer configures nothing. An invalid value fails start-up with a `ConfigError` that
 * names the variable, rather than surfacing later as a confusing runtime failure.
 */
import { looksLikeApiKey } from '../auth/api-key.js';
import { ConfigError } from './config-error.js';
import { type DatabaseTarget, DEFAULT_DATABASE_URL, parseDatabaseUrl, withoutPassword } from './database-url.js';
import {
  type BindAddress,
  parseBindAddress,
  parseBoolean,
  parseChoice,
  parseEncryptionKey,
  parseHttpUrl,
  parseInteger,
  parseRedisUrl,
  parseWorkers,
} from './parsers.js';

export { ConfigError } from './config-error.js';
export type { BindAddress } from './parsers.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** BIND_ADDRESS, default 0.0.0.0:8080. */
  bindAddress: BindAddress;
  /** PUBLIC_URL without a trailing slash; undefined means links are relative. */
  publicUrl: string | undefined;
  /** DATABASE_URL as given (default file:./data/plexmcp.db), and what it names. */
  databaseUrl: string;
  database: DatabaseTarget;
  /** The embedded database's absolute path, or `:memory:`; empty for PostgreSQL. */
  databasePath: string;
  /** DATABASE_POOL_MAX (default 10), DATABASE_POOL_IDLE_TIMEOUT_MS (30000), DATABASE_CONNECT_TIMEOUT_MS (10000):
   * the PostgreSQL connection pool of each server process. */
  databasePool: { max: number; idleTimeoutMs: number; connectionTimeoutMs: number };
  /** PLEXMCP_WORKERS, default 1: server processes sharing one port (node:cluster); `auto` is one per CPU. Needs
   * PostgreSQL: the embedded database belongs to one process. */
  workers: number;
  /** REDIS_URL: rate-limit counters shared by every instance; undefined keeps them in PostgreSQL or in memory. */
  redisUrl: string | undefined;
  /** PLEXMCP_SELF_HOSTED: true turns off rate limits and quotas. */
  selfHosted: boolean;
  /** API_KEY_HMAC_SECRET; undefined (embedded database only) means generate once into the key file beside it. */
  apiKeyHmacSecret: string | undefined;
  /** PLEXMCP_ENCRYPTION_KEY (32 bytes); undefined (embedded database only) means generate once into the key file. */
  encryptionKey: Buffer | undefined;
  /** PLEXMCP_BOOTSTRAP_API_KEY: the first owner key on an empty database. */
  bootstrapApiKey: string | undefined;
  /** PLEXMCP_OWNER_EMAIL: the bootstrap owner's email, default owner@plexmcp.local. */
  ownerEmail: string;
  /** MCP_REQUEST_TIMEOUT_MS, default 30000: the cap on one upstream tool call. */
  mcpRequestTimeoutMs: number;
  /** MCP_MAX_REQUEST_BODY_BYTES, default 10485760 (10 MiB). */
  maxRequestBodyBytes: number;
  /** PLEXMCP_MAX_BODY_BYTES_IN_FLIGHT, default 67108864 (64 MiB): request body bytes read at once, all requests together. */
  maxBodyBytesInFlight: number;
  /** PLEXMCP_HTTP_HEADERS_TIMEOUT_MS, default 10000: the longest a client may take to send a request's headers. */
  httpHeadersTimeoutMs: number;
  /** PLEXMCP_HTTP_REQUEST_TIMEOUT_MS, default 20000: the longest a client may take to send a whole request. */
  httpRequestTimeoutMs: number;
  /** PLEXMCP_HTTP_KEEP_ALIVE_MS, default 5000: how long an idle keep-alive connection stays open. */
  httpKeepAliveTimeoutMs: number;
  /** PLEXMCP_HTTP_MAX_CONNECTIONS, default 1024: connections open at once. */
  httpMaxConnections: number;
  /** LOG_LEVEL, default info. */
  logLevel: LogLevel;
  /** PLEXMCP_HEALTH_CHECK_INTERVAL_MS, default 60000; 0 turns background health checks off. */
  healthCheckIntervalMs: number;
  /** PLEXMCP_ALLOW_PRIVATE_MCP_URLS, default false: whether MCP endpoints may be loopback or private addresses. */
  allowPrivateMcpUrls: boolean;
  /** PLEXMCP_VALIDATE_RESPONSES: validate responses against the contract; default true unless NODE_ENV=production. */
  validateResponses: boolean;
  /** PLEXMCP_CHECKPOINT_BYTES: journal size that triggers a checkpoint; undefined means the store's default (16 MiB). */
  checkpointBytes: number | undefined;
  /** PLEXMCP_CHECKPOINT_AGE_MS: age of the oldest journal record that triggers a checkpoint; default 5 minutes. */
  checkpointAgeMs: number | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Config {
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const withDefault = <T>(name: string, fallback: T, parse: (value: string) => T): T => {
    const value = read(name);
    return value === undefined ? fallback : parse(value);
  };

  const databaseUrl = read('DATABASE_URL') ?? DEFAULT_DATABASE_URL;
  let database: DatabaseTarget;
  try {
    database = parseDatabaseUrl(databaseUrl);
  } catch (error) {
    throw new ConfigError('DATABASE_URL', (error as Error).message, withoutPassword(databaseUrl));
  }

  const hmacSecret = read('API_KEY_HMAC_SECRET');
  if (hmacSecret !== undefined && hmacSecret.length < 32) {
    throw new ConfigError('API_KEY_HMAC_SECRET', 'must be at least 32 characters (for example `openssl rand -hex 32`)');
  }
  const bootstrapApiKey = read('PLEXMCP_BOOTSTRAP_API_KEY')?.trim();
  if (bootstrapApiKey !== undefined && !looksLikeApiKey(bootstrapApiKey)) {
    throw new ConfigError(
      'PLEXMCP_BOOTSTRAP_API_KEY',
      'must look like an API key: pmcp_ followed by at least 40 letters and digits',
    );
  }
  const ownerEmail = read('PLEXMCP_OWNER_EMAIL')?.trim() ?? 'owner@plexmcp.local';
  if (!/^[^\s@]+@[^\s@]+$/.test(ownerEmail)) {
    throw new ConfigError('PLEXMCP_OWNER_EMAIL', 'must be an email address', ownerEmail);
  }

  const maxRequestBodyBytes = withDefault('MCP_MAX_REQUEST_BODY_BYTES', 10_485_760, (v) =>
    parseInteger('MCP_MAX_REQUEST_BODY_BYTES', v, 1),
  );
  const maxBodyBytesInFlight = withDefault('PLEXMCP_MAX_BODY_BYTES_IN_FLIGHT', 67_108_864, (v) =>
    parseInteger('PLEXMCP_MAX_BODY_BYTES_IN_FLIGHT', v, 1),
  );
  if (maxBodyBytesInFlight < maxRequestBodyBytes) {
    throw new ConfigError(
      'PLEXMCP_MAX_BODY_BYTES_IN_FLIGHT',
      `must be at least MCP_MAX_REQUEST_BODY_BYTES (${maxRequestBodyBytes}), or no body of the largest size could be read`,
      String(maxBodyBytesInFlight),
    );
  }
  const httpHeadersTimeoutMs = withDefault('PLEXMCP_HTTP_HEADERS_TIMEOUT_MS', 10_000, (v) =>
    parseInteger('PLEXMCP_HTTP_HEADERS_TIMEOUT_MS', v, 1),
  );
  const httpRequestTimeoutMs = withDefault('PLEXMCP_HTTP_REQUEST_TIMEOUT_MS', 20_000, (v) =>
    parseInteger('PLEXMCP_HTTP_REQUEST_TIMEOUT_MS', v, 1),
  );
  // Node refuses a headers timeout longer than the request timeout: the headers are part of the request.
  if (httpHeadersTimeoutMs > httpRequestTimeoutMs) {
    throw new ConfigError(
      'PLEXMCP_HTTP_HEADERS_TIMEOUT_MS',
      `must not exceed PLEXMCP_HTTP_REQUEST_TIMEOUT_MS (${httpRequestTimeoutMs})`,
      String(httpHeadersTimeoutMs),
    );
  }

  const encryptionKey = withDefault('PLEXMCP_ENCRYPTION_KEY', undefined, (v) =>
    parseEncryptionKey('PLEXMCP_ENCRYPTION_KEY', v),
  );
  // A PostgreSQL database is shared by instances and reached over the network: secrets generated into it would be in
  // every dump of it, which would then unlock every upstream credential and verify every API key. So they are required.
  if (database.kind === 'postgres') {
    const missing = [
      ...(hmacSecret === undefined ? ['API_KEY_HMAC_SECRET'] : []),
      ...(encryptionKey === undefined ? ['PLEXMCP_ENCRYPTION_KEY'] : []),
    ];
    if (missing.length > 0) {
      throw new ConfigError(
        missing.join(' and '),
        `must be set when DATABASE_URL is PostgreSQL (the same values on every instance, kept outside the database; ` +
          'for example `openssl rand -hex 32` for each)',
      );
    }
  }
  const workers = withDefault('PLEXMCP_WORKERS', 1, (v) => parseWorkers('PLEXMCP_WORKERS', v));
  const workersGiven = read('PLEXMCP_WORKERS');
  if (database.kind === 'sqlite' && workersGiven !== undefined && workersGiven.trim() !== '1') {
    throw new ConfigError(
      'PLEXMCP_WORKERS',
      'needs a PostgreSQL DATABASE_URL (postgres://…): the embedded sql.js database is held by one process; unset ' +
        'PLEXMCP_WORKERS, or move the data with plexmcp-admin migrate --to postgres://…',
      workersGiven,
    );
  }

  return {
    bindAddress: withDefault('BIND_ADDRESS', { host: '0.0.0.0', port: 8080 }, (v) =>
      parseBindAddress('BIND_ADDRESS', v),
    ),
    publicUrl: withDefault('PUBLIC_URL', undefined, (v) => parseHttpUrl('PUBLIC_URL', v)),
    databaseUrl,
    database,
    databasePath: database.kind === 'sqlite' ? database.path : '',
    databasePool: {
      max: withDefault('DATABASE_POOL_MAX', 10, (v) => parseInteger('DATABASE_POOL_MAX', v, 1, 1000)),
      idleTimeoutMs: withDefault('DATABASE_POOL_IDLE_TIMEOUT_MS', 30_000, (v) =>
        parseInteger('DATABASE_POOL_IDLE_TIMEOUT_MS', v, 1),
      ),
      connectionTimeoutMs: withDefault('DATABASE_CONNECT_TIMEOUT_MS', 10_000, (v) =>
        parseInteger('DATABASE_CONNECT_TIMEOUT_MS', v, 1),
      ),
    },
    workers,
    redisUrl: withDefault('REDIS_URL', undefined, (v) => parseRedisUrl('REDIS_URL', v)),
    selfHosted: withDefault('PLEXMCP_SELF_HOSTED', false, (v) => parseBoolean('PLEXMCP_SELF_HOSTED', v)),
    apiKeyHmacSecret: hmacSecret,
    encryptionKey,
    bootstrapApiKey,
    ownerEmail,
    mcpRequestTimeoutMs: withDefault('MCP_REQUEST_TIMEOUT_MS', 30_000, (v) =>
      parseInteger('MCP_REQUEST_TIMEOUT_MS', v, 1),
    ),
    maxRequestBodyBytes,
    maxBodyBytesInFlight,
    httpHeadersTimeoutMs,
    httpRequestTimeoutMs,
    httpKeepAliveTimeoutMs: withDefault('PLEXMCP_HTTP_KEEP_ALIVE_MS', 5_000, (v) =>
      parseInteger('PLEXMCP_HTTP_KEEP_ALIVE_MS', v, 1),
    ),
    httpMaxConnections: withDefault('PLEXMCP_HTTP_MAX_CONNECTIONS', 1_024, (v) =>
      parseInteger('PLEXMCP_HTTP_MAX_CONNECTIONS', v, 1),
    ),
    logLevel: withDefault('LOG_LEVEL', 'info', (v) => parseChoice('LOG_LEVEL', v, LOG_LEVELS)),
    healthCheckIntervalMs: withDefault('PLEXMCP_HEALTH_CHECK_INTERVAL_MS', 60_000, (v) =>
      parseInteger('PLEXMCP_HEALTH_CHECK_INTERVAL_MS', v, 0),
    ),
    allowPrivateMcpUrls: withDefault('PLEXMCP_ALLOW_PRIVATE_MCP_URLS', false, (v) =>
      parseBoolean('PLEXMCP_ALLOW_PRIVATE_MCP_URLS', v),
    ),
    validateResponses: withDefault('PLEXMCP_VALIDATE_RESPONSES', env.NODE_ENV !== 'production', (v) =>
      parseBoolean('PLEXMCP_VALIDATE_RESPONSES', v),
    ),
    checkpointBytes: withDefault('PLEXMCP_CHECKPOINT_BYTES', undefined, (v) =>
      parseInteger('PLEXMCP_CHECKPOINT_BYTES', v, 1),
    ),
    checkpointAgeMs: withDefault('PLEXMCP_CHECKPOINT_AGE_MS', undefined, (v) =>
      parseInteger('PLEXMCP_CHECKPOINT_AGE_MS', v, 1),
    ),
  };
}
