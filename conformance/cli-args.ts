/** The command line of `plexmcp-conformance`, parsed into a run configuration (or a usage error). */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type ConformanceConfig, checkIds } from './config.js';

export const USAGE = `Usage: plexmcp-conformance --base-url URL --api-key KEY [options]

Checks a PlexMCP deployment against the contract (openapi.yaml): envelopes, status codes, schemas, authentication,
pagination and rate limits. Read-only unless --allow-writes.

Target:
  --base-url URL              the deployment (env PLEXMCP_BASE_URL)
  --api-key KEY               an owner or admin key of one organisation (env PLEXMCP_API_KEY; prefer the
                              variable or --api-key-file: a command line is visible to other users)
  --api-key-file FILE         read the key from FILE (first line)
  --other-org-api-key KEY     a key of another organisation: checks its ids are 404 (env PLEXMCP_OTHER_ORG_API_KEY)
  --allow-writes              create, change and delete resources (all prefixed, all removed at the end)
  --mcp-id ID                 a reachable MCP server, for the invocation checks
  --tool NAME                 one of its tools
  --arguments JSON            arguments that tool accepts (default {})
  --rate-limit required|auto|off
                              required: rate-limit headers must be sent; auto (default): required when the
                              organisation's plan limits (GET /v1/organization) say it is limited; off: skip
Selection:
  --only IDS                  comma-separated check ids to run (e.g. AUTH-001,PAGE-004)
  --skip IDS                  comma-separated check ids to skip
  --list                      list the checks and exit
Verdict:
  --strict                    warned and skipped checks fail the run too (for CI)
  --max-response-time MS      any response slower than MS fails its check (default: unbounded)
Generated inputs (GEN checks):
  --max-examples N            requests generated per operation and polarity (default 4; a deep run: 500)
                              (env PLEXMCP_MAX_EXAMPLES)
  --seed N                    the seed of the generated inputs (default random; printed on every run, and the
                              same seed generates the same requests) (env PLEXMCP_SEED)
Output:
  --reporter pretty|json|junit  (default pretty)
  --output FILE               write the json/junit report to FILE (progress still shows)
  --har FILE                  write the traffic as HAR 1.2 (API keys redacted)
  --no-color                  plain output
Tuning:
  --oversize-bytes N          size of the oversize-body probe (default 10486784 = 10 MiB + 1 KiB)
  --timeout MS                per-request timeout (default 30000)
  --max-burst N               most requests a rate-limit burst may send (default 400)
  --run-prefix PREFIX         prefix of created resources (default conf-<random>-)
  -h, --help                  this text

Exit status: 0 nothing failed, 1 a check failed (with --strict: or warned or skipped), 2 bad usage, an unreachable
target, a rejected API key or an unknown --mcp-id/--tool, 130 interrupted (after cleanup).`;

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export interface CliOptions {
  config: ConformanceConfig;
  reporter: 'pretty' | 'json' | 'junit';
  output?: string;
  har?: string;
  colour: boolean;
  help: boolean;
  list: boolean;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new CliUsageError(`--${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

const CLI_OPTIONS = {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  'api-key-file': { type: 'string' },
  strict: { type: 'boolean' },
  'max-response-time': { type: 'string' },
  'other-org-api-key': { type: 'string' },
  'allow-writes': { type: 'boolean' },
  'mcp-id': { type: 'string' },
  tool: { type: 'string' },
  arguments: { type: 'string' },
  'rate-limit': { type: 'string' },
  only: { type: 'string' },
  skip: { type: 'string' },
  list: { type: 'boolean' },
  reporter: { type: 'string' },
  output: { type: 'string' },
  har: { type: 'string' },
  'no-color': { type: 'boolean' },
  'oversize-bytes': { type: 'string' },
  timeout: { type: 'string' },
  'max-burst': { type: 'string' },
  'run-prefix': { type: 'string' },
  'max-examples': { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The key in a file (its first non-empty line, trimmed), so it never appears on a command line. */
function keyFromFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(
      `--api-key-file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const key = text
    .split(/\r?\n/)
    .find((line) => line.trim())
    ?.trim();
  if (!key) throw new CliUsageError(`--api-key-file ${path} is empty`);
  return key;
}

/**
 * @example
 * parseCli(['--base-url', 'http://127.0.0.1:8080', '--api-key', key], process.env).config.allowWrites; // false
 */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let values: ReturnType<typeof parseArgs<{ options: typeof CLI_OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: CLI_OPTIONS }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const help = values.help ?? false;
  const list = values.list ?? false;
  const reporter = values.reporter ?? 'pretty';
  if (reporter !== 'pretty' && reporter !== 'json' && reporter !== 'junit')
    throw new CliUsageError(`--reporter must be pretty, json or junit, got ${JSON.stringify(reporter)}`);
  const rateLimit = values['rate-limit'] ?? 'auto';
  if (rateLimit !== 'auto' && rateLimit !== 'off' && rateLimit !== 'required')
    throw new CliUsageError(`--rate-limit must be required, auto or off, got ${JSON.stringify(rateLimit)}`);
  const baseUrl = values['base-url'] ?? env.PLEXMCP_BASE_URL ?? '';
  if (values['api-key'] && values['api-key-file'])
    throw new CliUsageError('give --api-key or --api-key-file, not both');
  const apiKey = values['api-key'] ?? keyFromFile(values['api-key-file']) ?? env.PLEXMCP_API_KEY ?? '';
  if (!help && !list) {
    if (!baseUrl) throw new CliUsageError('--base-url (or PLEXMCP_BASE_URL) is required');
    if (!apiKey) throw new CliUsageError('--api-key, --api-key-file or PLEXMCP_API_KEY is required');
  }
  let args: Record<string, unknown> | undefined;
  if (values.arguments !== undefined) {
    try {
      args = JSON.parse(values.arguments) as Record<string, unknown>;
    } catch {
      throw new CliUsageError('--arguments must be JSON');
    }
    if (typeof args !== 'object' || args === null || Array.isArray(args))
      throw new CliUsageError('--arguments must be a JSON object');
  }
  const otherOrgApiKey = values['other-org-api-key'] ?? env.PLEXMCP_OTHER_ORG_API_KEY;
  const config: ConformanceConfig = {
    baseUrl,
    apiKey,
    allowWrites: values['allow-writes'] ?? false,
    rateLimit,
    ...(otherOrgApiKey ? { otherOrgApiKey } : {}),
    ...(values['mcp-id'] ? { mcpId: values['mcp-id'] } : {}),
    ...(values.tool ? { tool: values.tool } : {}),
    ...(args ? { arguments: args } : {}),
    ...(checkIds(values.only) ? { only: checkIds(values.only) } : {}),
    ...(checkIds(values.skip) ? { skip: checkIds(values.skip) } : {}),
    ...(values['run-prefix'] ? { runPrefix: values['run-prefix'] } : {}),
  };
  const oversize = positiveInt('oversize-bytes', values['oversize-bytes']);
  if (oversize) config.oversizeBytes = oversize;
  const timeout = positiveInt('timeout', values.timeout);
  if (timeout) config.requestTimeoutMs = timeout;
  const maxBurst = positiveInt('max-burst', values['max-burst']);
  if (maxBurst) config.maxBurst = maxBurst;
  const maxResponseTime = positiveInt('max-response-time', values['max-response-time']);
  if (maxResponseTime) config.maxResponseTimeMs = maxResponseTime;
  if (values.strict) config.strict = true;
  const maxExamples = positiveInt('max-examples', values['max-examples'] ?? env.PLEXMCP_MAX_EXAMPLES);
  if (maxExamples) config.maxExamples = maxExamples;
  const seed = values.seed ?? env.PLEXMCP_SEED;
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed) || !Number.isSafeInteger(Number(seed)))
      throw new CliUsageError(`--seed must be a non-negative integer, got ${JSON.stringify(seed)}`);
    config.seed = Number(seed);
  }
  return {
    config,
    reporter,
    ...(values.output ? { output: values.output } : {}),
    ...(values.har ? { har: values.har } : {}),
    colour: !values['no-color'] && !env.NO_COLOR,
    help,
    list,
  };
}
