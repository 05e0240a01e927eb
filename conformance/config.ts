/**
 * What a conformance run is told about its target. Only `baseUrl` and `apiKey` are required; everything else widens
 * what can be checked (writes, a second organisation, a known tool) or narrows it (`only`, `skip`, `rateLimit: 'off'`).
 */
import { randomBytes } from 'node:crypto';

export interface ConformanceConfig {
  baseUrl: string;
  apiKey: string;
  /** false (default): read-only, safe against production. true: create, change and delete resources (all prefixed). */
  allowWrites?: boolean;
  /** A key of another organisation, for the "another organisation's ids are 404" checks. */
  otherOrgApiKey?: string;
  /** A reachable MCP server's id, one of its tools and arguments it accepts, for the invocation checks. */
  mcpId?: string;
  tool?: string;
  arguments?: Record<string, unknown>;
  /**
   * 'auto' (default): rate-limit headers are required when the organisation's published plan limits
   * (`GET /v1/organization` → `limits.requests_per_second`) say the deployment is limited; 'required': always
   * required; 'off': skip the rate-limit checks.
   */
  rateLimit?: 'required' | 'auto' | 'off';
  /** Warn and skip fail the run too (for CI): a run passes only when every check passed. */
  strict?: boolean;
  /** Any exchange slower than this many milliseconds is a failure (default: unbounded). */
  maxResponseTimeMs?: number;
  only?: string[];
  skip?: string[];
  /** Prefix of every resource the run creates (default `conf-<random>-`), so leftovers are recognisable. */
  runPrefix?: string;
  /** Size of the oversize-body probe in bytes (default 10 MiB + 1 KiB, over the default 10 MiB limit). */
  oversizeBytes?: number;
  /** Per-request timeout in milliseconds (default 30000). */
  requestTimeoutMs?: number;
  /** Most requests a rate-limit burst may send (default 400); a higher advertised quota is skipped, not hammered. */
  maxBurst?: number;
  /**
   * Generated inputs (GEN checks): examples per operation and polarity (default {@link DEFAULT_MAX_EXAMPLES}); a deep
   * run takes 500 or so.
   */
  maxExamples?: number;
  /** The seed of the generated inputs (default: random, printed); the same seed generates the same requests. */
  seed?: number;
}

type Optional = 'otherOrgApiKey' | 'mcpId' | 'tool' | 'arguments' | 'maxResponseTimeMs';
/**
 * Check ids from a comma-separated list (`--only`, `--skip`, PLEXMCP_CONFORMANCE_ONLY/SKIP), upper-cased; undefined
 * when the list is absent or empty.
 */
export function checkIds(value: string | undefined): string[] | undefined {
  const ids = (value ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  return ids.length > 0 ? ids : undefined;
}

export type ResolvedConfig = Required<Omit<ConformanceConfig, Optional>> & Pick<ConformanceConfig, Optional>;

/** Generated examples per operation and polarity when `maxExamples` is not given: small, so a default run stays fast. */
export const DEFAULT_MAX_EXAMPLES = 4;

/** A fresh seed for generated inputs: a non-negative 31-bit integer, so it prints and parses as a plain number. */
export function randomSeed(): number {
  return randomBytes(4).readUInt32BE(0) >>> 1;
}

/** The default body limit (openapi.yaml "Request handling": 10 MiB) plus 1 KiB. */
export const DEFAULT_OVERSIZE_BYTES = 10 * 1024 * 1024 + 1024;

/**
 * @example
 * resolveConfig({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.PLEXMCP_API_KEY! }).allowWrites; // false
 */
export function resolveConfig(config: ConformanceConfig): ResolvedConfig {
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw new TypeError(`baseUrl is not a URL: ${config.baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`baseUrl must be http or https: ${config.baseUrl}`);
  if (!config.apiKey) throw new TypeError('apiKey is required');
  return {
    ...config,
    baseUrl: url.toString().replace(/\/+$/, ''),
    allowWrites: config.allowWrites ?? false,
    rateLimit: config.rateLimit ?? 'auto',
    strict: config.strict ?? false,
    only: config.only ?? [],
    skip: config.skip ?? [],
    runPrefix: config.runPrefix ?? `conf-${randomBytes(4).toString('hex')}-`,
    oversizeBytes: config.oversizeBytes ?? DEFAULT_OVERSIZE_BYTES,
    requestTimeoutMs: config.requestTimeoutMs ?? 30_000,
    maxBurst: config.maxBurst ?? 400,
    maxExamples: config.maxExamples ?? DEFAULT_MAX_EXAMPLES,
    seed: config.seed ?? randomSeed(),
  };
}
