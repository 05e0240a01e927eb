/**
 * Resources a check creates: always named with the run prefix, and registered for removal the moment they exist.
 */

import type { components } from '../../generated/schema.js';
import { cite, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Reply } from '../http/session.js';

type McpCreate = components['schemas']['McpCreate'];
type ApiKeyCreate = components['schemas']['ApiKeyCreate'];
export type ApiKeyCreated = components['schemas']['ApiKeyCreated'];
export type Mcp = components['schemas']['Mcp'];

/** An endpoint that can never resolve (RFC 6761 reserves `.invalid`), so no real upstream is ever contacted. */
export const UNREACHABLE_ENDPOINT = 'https://conformance.invalid/mcp';

/** Registers removal of whatever a 2xx creation answered with (also for creations that should have been refused). */
export function registerCreated(ctx: CheckContext, kind: 'mcp' | 'api-key', reply: Reply): string | undefined {
  if (reply.status < 200 || reply.status >= 300) return undefined;
  const data = dataOf<{ id?: unknown; key?: unknown }>(reply);
  if (typeof data?.key === 'string') ctx.addSecret(data.key);
  if (typeof data?.id !== 'string') return undefined;
  const id = data.id;
  const path = kind === 'mcp' ? `/v1/mcps/${encodeURIComponent(id)}` : `/v1/api-keys/${encodeURIComponent(id)}`;
  ctx.cleanup.add(`${kind} ${id}`, async () => {
    const r = await ctx.http.send('DELETE', path);
    // Already gone (404) or already revoked is fine: the point is that nothing stays behind.
    if (r.status >= 300 && r.status !== 404 && r.status !== 409 && r.status !== 410)
      throw new Error(`DELETE ${path} answered ${r.status}`);
  });
  return id;
}

/** Creates an MCP server named `<prefix><suffix>` pointing at an unreachable endpoint. */
export async function createMcp(
  ctx: CheckContext,
  suffix: string,
  extra: Partial<McpCreate> = {},
): Promise<{ reply: Reply; mcp?: Mcp }> {
  const body: McpCreate = {
    name: `${ctx.runPrefix}${suffix}`,
    endpoint_url: UNREACHABLE_ENDPOINT,
    description: 'Created by the conformance suite; safe to delete.',
    auth_type: 'none',
    ...extra,
  };
  const reply = await ctx.http.send('POST', '/v1/mcps', { json: body });
  const id = registerCreated(ctx, 'mcp', reply);
  return id ? { reply, mcp: dataOf<Mcp>(reply) as Mcp } : { reply };
}

/** Creates an API key named `<prefix><suffix>`; the secret is added to the redaction list. */
export async function createApiKey(
  ctx: CheckContext,
  suffix: string,
  extra: Partial<ApiKeyCreate> = {},
): Promise<{ reply: Reply; key?: ApiKeyCreated }> {
  const body: ApiKeyCreate = {
    name: `${ctx.runPrefix}${suffix}`,
    description: 'Created by the conformance suite; safe to revoke.',
    ...extra,
  };
  const reply = await ctx.http.send('POST', '/v1/api-keys', { json: body });
  const id = registerCreated(ctx, 'api-key', reply);
  return id ? { reply, key: dataOf<ApiKeyCreated>(reply) as ApiKeyCreated } : { reply };
}

/** The created resource, or: a skip with the server's own words when the creation was refused for policy reasons
 * (role, plan limits, rate limits), else a failure with evidence. */
export function requireCreated<T>(ctx: CheckContext, what: string, reply: Reply, value: T | undefined): T {
  if (value !== undefined) return value;
  if (reply.status === 403 || reply.status === 429 || reply.status === 409) {
    ctx.skip(`could not create ${what}: the server answered ${reply.status} ${reply.text.slice(0, 160)}`);
  }
  ctx.fail(`could not create ${what}`, {
    reply,
    documented: cite('201 with the created resource (openapi.yaml)', section('Envelope')),
  });
  return ctx.skip(`depends on ${what}, which could not be created`);
}
