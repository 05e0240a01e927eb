/**
 * The suite's configuration from environment variables, for `vitest` (conformance/suite.test.ts) and CI:
 * PLEXMCP_BASE_URL, PLEXMCP_API_KEY, PLEXMCP_ALLOW_WRITES=true, PLEXMCP_OTHER_ORG_API_KEY, PLEXMCP_MCP_ID,
 * PLEXMCP_TOOL, PLEXMCP_ARGUMENTS (JSON), PLEXMCP_RATE_LIMIT=required|auto|off, PLEXMCP_STRICT=true, PLEXMCP_MAX_EXAMPLES and PLEXMCP_SEED (generated
 * inputs), PLEXMCP_CONFORMANCE_ONLY and PLEXMCP_CONFORMANCE_SKIP (comma-separated ids).
 */
import { type ConformanceConfig, checkIds } from './config.js';

/**
 * @example
 * const config = configFromEnv(process.env); // undefined when PLEXMCP_BASE_URL is not set
 */
export function configFromEnv(env: NodeJS.ProcessEnv): ConformanceConfig | undefined {
  const baseUrl = env.PLEXMCP_BASE_URL;
  if (!baseUrl) return undefined;
  const rateLimit =
    env.PLEXMCP_RATE_LIMIT === 'off' || env.PLEXMCP_RATE_LIMIT === 'required' ? env.PLEXMCP_RATE_LIMIT : 'auto';
  const args = env.PLEXMCP_ARGUMENTS ? (JSON.parse(env.PLEXMCP_ARGUMENTS) as Record<string, unknown>) : undefined;
  const only = checkIds(env.PLEXMCP_CONFORMANCE_ONLY);
  const skip = checkIds(env.PLEXMCP_CONFORMANCE_SKIP);
  const maxExamples = envInteger(env, 'PLEXMCP_MAX_EXAMPLES', 1);
  const seed = envInteger(env, 'PLEXMCP_SEED', 0);
  return {
    baseUrl,
    apiKey: env.PLEXMCP_API_KEY ?? '',
    allowWrites: env.PLEXMCP_ALLOW_WRITES === 'true' || env.PLEXMCP_ALLOW_WRITES === '1',
    rateLimit,
    strict: env.PLEXMCP_STRICT === 'true' || env.PLEXMCP_STRICT === '1',
    ...(env.PLEXMCP_OTHER_ORG_API_KEY ? { otherOrgApiKey: env.PLEXMCP_OTHER_ORG_API_KEY } : {}),
    ...(env.PLEXMCP_MCP_ID ? { mcpId: env.PLEXMCP_MCP_ID } : {}),
    ...(env.PLEXMCP_TOOL ? { tool: env.PLEXMCP_TOOL } : {}),
    ...(args ? { arguments: args } : {}),
    ...(only ? { only } : {}),
    ...(skip ? { skip } : {}),
    ...(maxExamples !== undefined ? { maxExamples } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

/** An integer variable of at least `min`, or undefined when unset; anything else is an error naming the variable. */
function envInteger(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value)))
    throw new TypeError(`${name} must be an integer of at least ${min}, got ${JSON.stringify(value)}`);
  return Number(value);
}
