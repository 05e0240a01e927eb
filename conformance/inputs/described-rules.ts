/**
 * Rules openapi.yaml states in words rather than in a schema keyword, which valid requests must also follow: a
 * generated request breaking one would be refused rightly, and blaming the deployment for that would be a false
 * positive. Each rule names where the contract states it. Resource names carry the run prefix, like everything else
 * the suite creates (see cleanup.ts).
 */
import fc from 'fast-check';
import { isObject, type Json, type JsonObject } from '../../contract/index.js';
import { type Overrides, text } from './valid-values.js';

/** What the run knows when it generates: its name prefix and ids that exist (and may be used) in the organisation. */
export interface Known {
  runPrefix: string;
  /** MCP servers a valid request may name (the organisation's). */
  mcpIds: string[];
  /** Tools of `mcpIds` a valid invocation may name. */
  tools: string[];
}

/**
 * An RFC 3339 date-time or an ISO 8601 date (openapi.yaml "Usage periods": `start_date`, `end_date`), in the past: a
 * range whose other end is left out ends (or starts) now, and a start after the end is refused. The range is fixed,
 * not relative to today, so a seed generates the same dates on every run.
 */
export const usageDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2025-12-31T23:59:59Z'), noInvalidDate: true })
  .chain((d) =>
    fc.constantFrom(d.toISOString(), d.toISOString().slice(0, 10), d.toISOString().replace(/\.\d+Z$/, 'Z')),
  );

/** A future instant for `expires_at`, from a fixed range (so a seed generates the same ones on every run). */
const FUTURE = { min: new Date('2100-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true };

/**
 * Names are prefixed with the run prefix (so leftovers are recognisable) and keep to `maxLength` in code points;
 * upstream endpoints are https URLs under `.invalid` (RFC 6761), so no real upstream is ever called (McpCreate
 * `endpoint_url`: "An http or https URL"); a new key's `expires_at` lies in the future (createApiKey: "`expires_at`
 * must be in the future") and its `permissions.mcps` names the organisation's MCP servers (ApiKeyPermissions).
 */
export function describedOverrides(known: Known, bodySchema: Json | undefined): Overrides {
  const properties = isObject(bodySchema) && isObject(bodySchema.properties) ? bodySchema.properties : {};
  const nameSchema = isObject(properties.name) ? properties.name : {};
  const nameMax = typeof nameSchema.maxLength === 'number' ? nameSchema.maxLength : 100;
  const room = Math.max(1, nameMax - [...known.runPrefix].length);
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
  return {
    name: text(1, room).map((s) => `${known.runPrefix}${s}`),
    endpoint_url: fc
      .tuple(label, fc.webPath(), fc.constantFrom('https', 'http'))
      .map(([host, path, scheme]) => `${scheme}://${host}.conformance.invalid${path}`),
    expires_at: fc.option(fc.date(FUTURE).map((d) => d.toISOString())),
    'permissions.mcps': fc.oneof(
      fc.constant('*'),
      fc
        .uniqueArray(fc.constantFrom(...(known.mcpIds.length ? known.mcpIds : ['*'])), { maxLength: 3 })
        .map((ids) => ids.filter((id) => id !== '*')),
    ),
    // An invocation timeout short enough to expire counts toward the upstream's circuit breaker ("Tool invocation",
    // BadGateway): five in a row would pause the real MCP server the rest of the run invokes (INV checks).
    timeout: fc.option(fc.integer({ min: 10_000, max: 600_000 }), { nil: undefined }),
    // Organisation settings merge into the stored ones and cannot be taken back through the contract: left alone.
    settings: fc.constant(undefined),
    mcp_id: known.mcpIds.length ? fc.oneof(fc.constantFrom(...known.mcpIds), text(1, 128)) : text(1, 128),
    ...(known.tools.length ? { tool: fc.oneof(fc.constantFrom(...known.tools), text(1, 64)) } : {}),
  };
}

const CREDENTIALS: Record<string, string[]> = {
  bearer: ['auth_token'],
  api_key: ['auth_token'],
  basic: ['auth_username', 'auth_password'],
};

/** Whether an upstream header name is one the contract refuses (UpstreamHeaderName x-refused-names/-prefixes). */
function refusedHeader(name: string, schema: Json | undefined): boolean {
  if (!isObject(schema)) return false;
  const lower = name.toLowerCase();
  const names = Array.isArray(schema['x-refused-names']) ? schema['x-refused-names'] : [];
  const prefixes = Array.isArray(schema['x-refused-prefixes']) ? schema['x-refused-prefixes'] : [];
  return names.includes(lower) || prefixes.some((p) => typeof p === 'string' && lower.startsWith(p));
}

/**
 * A generated body made to follow the rules its operation's description states: an `auth_type` comes with the
 * credentials it needs (createMcp: "`bearer` needs `auth_token`; `api_key` needs `auth_token`…; `basic` needs
 * `auth_username` and `auth_password`"), and a refused `auth_header` is left out (UpstreamHeaderName).
 */
export function followDescribedRules(body: unknown, bodySchema: Json | undefined): unknown {
  if (!isObject(body) || !isObject(bodySchema) || !isObject(bodySchema.properties)) return body;
  const out: JsonObject = { ...body };
  const headerSchema = bodySchema.properties.auth_header;
  if (typeof out.auth_header === 'string' && refusedHeader(out.auth_header, headerSchema)) delete out.auth_header;
  const needed = typeof out.auth_type === 'string' ? (CREDENTIALS[out.auth_type] ?? []) : [];
  for (const field of needed) if (out[field] === undefined) out[field] = `conformance-${field}`;
  return out;
}
