import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, ConfigError, loadConfig } from './config.js';

const KEY = `pmcp_${'A1b2C3d4E5'.repeat(4)}`;
const HEX_KEY = 'ab'.repeat(32);

describe('loadConfig defaults', () => {
  it('needs no configuration at all', () => {
    expect(loadConfig({})).toEqual({
      bindAddress: { host: '0.0.0.0', port: 8080 },
      publicUrl: undefined,
      databaseUrl: 'file:./data/plexmcp.db',
      database: { kind: 'sqlite', path: resolve('data/plexmcp.db') },
      databasePath: resolve('data/plexmcp.db'),
      databasePool: { max: 10, idleTimeoutMs: 30000, connectionTimeoutMs: 10000 },
      workers: 1,
      redisUrl: undefined,
      selfHosted: false,
      apiKeyHmacSecret: undefined,
      encryptionKey: undefined,
      bootstrapApiKey: undefined,
      ownerEmail: 'owner@plexmcp.local',
      mcpRequestTimeoutMs: 30000,
      maxRequestBodyBytes: 10485760,
      maxBodyBytesInFlight: 67108864,
      httpHeadersTimeoutMs: 10000,
      httpRequestTimeoutMs: 20000,
      httpKeepAliveTimeoutMs: 5000,
      httpMaxConnections: 1024,
      logLevel: 'info',
      healthCheckIntervalMs: 60000,
      allowPrivateMcpUrls: false,
      validateResponses: true,
      checkpointBytes: undefined,
      checkpointAgeMs: undefined,
    } satisfies Config);
  });

  it('turns response validation off by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).validateResponses).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', PLEXMCP_VALIDATE_RESPONSES: 'true' }).validateResponses).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ BIND_ADDRESS: '', DATABASE_URL: ' ' }).bindAddress.port).toBe(8080);
  });
});

const cpus = availableParallelism();
const pgSecrets = { API_KEY_HMAC_SECRET: 'h'.repeat(32), PLEXMCP_ENCRYPTION_KEY: 'ab'.repeat(32) };

const valid: [string, Record<string, string>, Partial<Config>][] = [
  [
    'a PostgreSQL URL, with pool settings',
    {
      DATABASE_URL: 'postgresql://app:pw@db:5432/plexmcp?sslmode=require',
      DATABASE_POOL_MAX: '25',
      API_KEY_HMAC_SECRET: 'h'.repeat(32),
      PLEXMCP_ENCRYPTION_KEY: 'ab'.repeat(32),
    },
    {
      database: { kind: 'postgres', url: 'postgresql://app:pw@db:5432/plexmcp?sslmode=require' },
      databasePath: '',
      databasePool: { max: 25, idleTimeoutMs: 30000, connectionTimeoutMs: 10000 },
    },
  ],
  [
    'workers on PostgreSQL, a number or one per CPU',
    { PLEXMCP_WORKERS: '3', DATABASE_URL: 'postgres://db/plexmcp', ...pgSecrets },
    { workers: 3 },
  ],
  [
    'auto workers: one per CPU',
    { PLEXMCP_WORKERS: 'auto', DATABASE_URL: 'postgres://db/x', ...pgSecrets },
    { workers: cpus },
  ],
  ['one worker on the embedded database', { PLEXMCP_WORKERS: '1' }, { workers: 1 }],
  ['a Redis URL', { REDIS_URL: 'rediss://:pw@cache:6380/2' }, { redisUrl: 'rediss://:pw@cache:6380/2' }],
  [
    'an IPv4 bind address with port 0',
    { BIND_ADDRESS: '127.0.0.1:0' },
    { bindAddress: { host: '127.0.0.1', port: 0 } },
  ],
  ['a bracketed IPv6 bind address', { BIND_ADDRESS: '[::1]:0' }, { bindAddress: { host: '::1', port: 0 } }],
  ['a host name bind address', { BIND_ADDRESS: 'localhost:9000' }, { bindAddress: { host: 'localhost', port: 9000 } }],
  [
    'a public URL, trailing slash dropped',
    { PUBLIC_URL: 'https://mcp.example.com/' },
    { publicUrl: 'https://mcp.example.com' },
  ],
  [
    'an absolute file URL',
    { DATABASE_URL: 'file:/var/lib/plexmcp/db.sqlite' },
    { databasePath: '/var/lib/plexmcp/db.sqlite' },
  ],
  ['a file:/// URL', { DATABASE_URL: 'file:///srv/p.db' }, { databasePath: '/srv/p.db' }],
  ['a bare relative path', { DATABASE_URL: 'tmp/p.db' }, { databasePath: resolve('tmp/p.db') }],
  ['an in-memory database', { DATABASE_URL: ':memory:' }, { databasePath: ':memory:' }],
  ['an in-memory file URL', { DATABASE_URL: 'file::memory:' }, { databasePath: ':memory:' }],
  ['self-hosted', { PLEXMCP_SELF_HOSTED: 'TRUE' }, { selfHosted: true }],
  ['a hex encryption key', { PLEXMCP_ENCRYPTION_KEY: HEX_KEY }, { encryptionKey: Buffer.alloc(32, 0xab) }],
  [
    'a base64 encryption key',
    { PLEXMCP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') },
    { encryptionKey: Buffer.alloc(32, 7) },
  ],
  ['a bootstrap key', { PLEXMCP_BOOTSTRAP_API_KEY: KEY }, { bootstrapApiKey: KEY }],
  ['an HMAC secret', { API_KEY_HMAC_SECRET: 's'.repeat(32) }, { apiKeyHmacSecret: 's'.repeat(32) }],
  ['a timeout', { MCP_REQUEST_TIMEOUT_MS: '5000' }, { mcpRequestTimeoutMs: 5000 }],
  ['health checks off', { PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0' }, { healthCheckIntervalMs: 0 }],
  ['a log level', { LOG_LEVEL: 'debug' }, { logLevel: 'debug' }],
  ['private MCP URLs', { PLEXMCP_ALLOW_PRIVATE_MCP_URLS: 'true' }, { allowPrivateMcpUrls: true }],
  ['an owner email', { PLEXMCP_OWNER_EMAIL: 'ops@example.com' }, { ownerEmail: 'ops@example.com' }],
  [
    'HTTP limits',
    {
      PLEXMCP_HTTP_HEADERS_TIMEOUT_MS: '2000',
      PLEXMCP_HTTP_REQUEST_TIMEOUT_MS: '2000',
      PLEXMCP_HTTP_KEEP_ALIVE_MS: '1000',
      PLEXMCP_HTTP_MAX_CONNECTIONS: '50',
      PLEXMCP_MAX_BODY_BYTES_IN_FLIGHT: '10485760',
    },
    {
      httpHeadersTimeoutMs: 2000,
      httpRequestTimeoutMs: 2000,
      httpKeepAliveTimeoutMs: 1000,
      httpMaxConnections: 50,
      maxBodyBytesInFlight: 10485760,
    },
  ],
  [
    'checkpoint thresholds',
    { PLEXMCP_CHECKPOINT_BYTES: '65536', PLEXMCP_CHECKPOINT_AGE_MS: ' 1000 ' },
    { checkpointBytes: 65536, checkpointAgeMs: 1000 },
  ],
];

describe('loadConfig accepts', () => {
  it.each(valid)('%s', (_name, env, want) => {
    expect(loadConfig(env)).toMatchObject(want);
  });
});

const invalid: [string, Record<string, string>, RegExp][] = [
  ['a bind address without a port', { BIND_ADDRESS: 'localhost' }, /^BIND_ADDRESS must be host:port/],
  ['an unbracketed IPv6 bind address', { BIND_ADDRESS: '::1:8080' }, /^BIND_ADDRESS must be host:port/],
  ['a port above 65535', { BIND_ADDRESS: '0.0.0.0:70000' }, /^BIND_ADDRESS .*65535/],
  ['a relative public URL', { PUBLIC_URL: 'mcp.example.com' }, /^PUBLIC_URL must be an absolute http or https URL/],
  ['a PostgreSQL URL without a host', { DATABASE_URL: 'postgres:///plexmcp' }, /^DATABASE_URL names no host/],
  ['a pool of no connections', { DATABASE_POOL_MAX: '0' }, /^DATABASE_POOL_MAX must be a whole number between 1/],
  ['a Redis URL of another scheme', { REDIS_URL: 'http://cache:6379' }, /^REDIS_URL must be a redis:\/\//],
  ['an unknown scheme', { DATABASE_URL: 'mysql://db/x' }, /^DATABASE_URL has an unsupported scheme/],
  ['a yes/no flag', { PLEXMCP_SELF_HOSTED: 'yes' }, /^PLEXMCP_SELF_HOSTED must be true or false \(got "yes"\)/],
  [
    'a short encryption key',
    { PLEXMCP_ENCRYPTION_KEY: 'ab'.repeat(16) },
    /^PLEXMCP_ENCRYPTION_KEY must be 32 random bytes/,
  ],
  [
    'a malformed bootstrap key',
    { PLEXMCP_BOOTSTRAP_API_KEY: 'pmcp_short' },
    /^PLEXMCP_BOOTSTRAP_API_KEY must look like an API key/,
  ],
  ['a short HMAC secret', { API_KEY_HMAC_SECRET: 'short' }, /^API_KEY_HMAC_SECRET must be at least 32 characters/],
  ['a zero timeout', { MCP_REQUEST_TIMEOUT_MS: '0' }, /^MCP_REQUEST_TIMEOUT_MS must be a whole number 1 or more/],
  [
    'a fractional body limit',
    { MCP_MAX_REQUEST_BODY_BYTES: '1.5' },
    /^MCP_MAX_REQUEST_BODY_BYTES must be a whole number/,
  ],
  [
    'a negative interval',
    { PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '-1' },
    /^PLEXMCP_HEALTH_CHECK_INTERVAL_MS must be a whole number/,
  ],
  [
    'an unknown log level',
    { LOG_LEVEL: 'verbose' },
    /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
  ],
  [
    'a response validation typo',
    { PLEXMCP_VALIDATE_RESPONSES: 'ture' },
    /^PLEXMCP_VALIDATE_RESPONSES must be true or false/,
  ],
  [
    'a headers timeout longer than the request timeout',
    { PLEXMCP_HTTP_HEADERS_TIMEOUT_MS: '30000', PLEXMCP_HTTP_REQUEST_TIMEOUT_MS: '20000' },
    /^PLEXMCP_HTTP_HEADERS_TIMEOUT_MS must not exceed PLEXMCP_HTTP_REQUEST_TIMEOUT_MS/,
  ],
  ['a zero request timeout', { PLEXMCP_HTTP_REQUEST_TIMEOUT_MS: '0' }, /^PLEXMCP_HTTP_REQUEST_TIMEOUT_MS must be/],
  ['a keep-alive with a unit', { PLEXMCP_HTTP_KEEP_ALIVE_MS: '5s' }, /^PLEXMCP_HTTP_KEEP_ALIVE_MS must/],
  ['no connections', { PLEXMCP_HTTP_MAX_CONNECTIONS: '0' }, /^PLEXMCP_HTTP_MAX_CONNECTIONS must be a whole number/],
  [
    'a body budget smaller than one body',
    { PLEXMCP_MAX_BODY_BYTES_IN_FLIGHT: '1000', MCP_MAX_REQUEST_BODY_BYTES: '2000' },
    /^PLEXMCP_MAX_BODY_BYTES_IN_FLIGHT must be at least MCP_MAX_REQUEST_BODY_BYTES \(2000\)/,
  ],
  ['an owner email without @', { PLEXMCP_OWNER_EMAIL: 'owner' }, /^PLEXMCP_OWNER_EMAIL must be an email address/],
  [
    'a checkpoint size with a unit',
    { PLEXMCP_CHECKPOINT_BYTES: '16MB' },
    /^PLEXMCP_CHECKPOINT_BYTES must be a whole number/,
  ],
  [
    'more than one worker on the embedded database',
    { PLEXMCP_WORKERS: '2' },
    /^PLEXMCP_WORKERS needs a PostgreSQL DATABASE_URL \(postgres:\/\/…\): the embedded sql.js database is held by one process/,
  ],
  ['auto workers on the embedded database', { PLEXMCP_WORKERS: 'auto' }, /^PLEXMCP_WORKERS needs a PostgreSQL/],
  [
    'zero workers',
    { PLEXMCP_WORKERS: '0', DATABASE_URL: 'postgres://db/x', ...pgSecrets },
    /^PLEXMCP_WORKERS must be a whole number/,
  ],
  [
    'a zero checkpoint age',
    { PLEXMCP_CHECKPOINT_AGE_MS: '0' },
    /^PLEXMCP_CHECKPOINT_AGE_MS must be a whole number 1 or more/,
  ],
];

describe('loadConfig rejects', () => {
  it.each(invalid)('%s, naming the variable', (_name, env, message) => {
    const error = (() => {
      try {
        loadConfig(env);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).variable).toBe(Object.keys(env)[0]);
  });

  it('a PostgreSQL database without its secrets, naming every missing variable', () => {
    const postgres = { DATABASE_URL: 'postgres://app@db/plexmcp' };
    expect(() => loadConfig(postgres)).toThrow(
      /^API_KEY_HMAC_SECRET and PLEXMCP_ENCRYPTION_KEY must be set when DATABASE_URL is PostgreSQL/,
    );
    expect(() => loadConfig({ ...postgres, API_KEY_HMAC_SECRET: 'h'.repeat(32) })).toThrow(
      /^PLEXMCP_ENCRYPTION_KEY must be set when DATABASE_URL is PostgreSQL/,
    );
    expect(() => loadConfig({ ...postgres, PLEXMCP_ENCRYPTION_KEY: 'ab'.repeat(32) })).toThrow(
      /^API_KEY_HMAC_SECRET must be set when DATABASE_URL is PostgreSQL/,
    );
  });

  it('never echoes a database or Redis password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app:hunter2@:5432/plexmcp' })).toThrow(
      'DATABASE_URL is not a valid PostgreSQL URL; use postgres://user:password@host:5432/database (got "postgres://app:***@:5432/plexmcp")',
    );
    expect(() => loadConfig({ REDIS_URL: 'redis://:hunter2@' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('never echoes a secret value in the message', () => {
    for (const env of [
      { PLEXMCP_ENCRYPTION_KEY: 'topsecretvalue' },
      { API_KEY_HMAC_SECRET: 'topsecretvalue' },
      { PLEXMCP_BOOTSTRAP_API_KEY: 'topsecretvalue' },
    ]) {
      expect(() => loadConfig(env)).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('topsecret') }),
      );
    }
  });
});
