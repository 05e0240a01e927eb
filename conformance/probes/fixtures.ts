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

export type Invite = components['schemas']['Invite'];
export type InvitationAccepted = components['schemas']['InvitationAccepted'];

/** An address nobody receives mail at (RFC 6761 reserves `.invalid`), unique to the run. */
export function inviteeEmail(ctx: CheckContext, suffix: string): string {
  return `${ctx.runPrefix}${suffix}@conformance.invalid`.toLowerCase();
}

/**
 * Invites `<prefix><suffix>@conformance.invalid` (openapi.yaml "Invitations"); the token is added to the redaction
 * list and the invitation registered for withdrawal (a 404 then, once accepted or withdrawn, is fine).
 */
export async function createInvitation(
  ctx: CheckContext,
  suffix: string,
  role: 'admin' | 'member' | 'viewer' = 'viewer',
): Promise<{ reply: Reply; invite?: Invite }> {
  const reply = await ctx.http.send('POST', '/v1/organization/members/invite', {
    json: { email: inviteeEmail(ctx, suffix), role },
  });
  if (reply.status !== 201) return { reply };
  const invite = dataOf<Invite>(reply);
  if (typeof invite?.token === 'string') ctx.addSecret(invite.token);
  if (typeof invite?.invite_id !== 'string') return { reply };
  const path = `/v1/organization/invitations/${encodeURIComponent(invite.invite_id)}`;
  ctx.cleanup.add(`invitation ${invite.invite_id}`, async () => {
    const r = await ctx.http.send('DELETE', path);
    if (r.status >= 300 && r.status !== 404) throw new Error(`DELETE ${path} answered ${r.status}`);
  });
  return { reply, invite };
}

/**
 * Accepts an invitation with its token (no API key); the new member is registered for removal and its key added to
 * the redaction list.
 */
export async function acceptInvitation(
  ctx: CheckContext,
  token: string,
): Promise<{ reply: Reply; accepted?: InvitationAccepted }> {
  const reply = await ctx.http.send('POST', '/v1/invitations/accept', { auth: 'none', json: { token } });
  if (reply.status !== 201) return { reply };
  const accepted = dataOf<InvitationAccepted>(reply);
  if (typeof accepted?.api_key?.key === 'string') ctx.addSecret(accepted.api_key.key);
  const userId = accepted?.member?.id;
  if (typeof userId !== 'string') return { reply };
  const path = `/v1/organization/members/${encodeURIComponent(userId)}`;
  ctx.cleanup.add(`member ${userId}`, async () => {
    const r = await ctx.http.send('DELETE', path);
    if (r.status >= 300 && r.status !== 404) throw new Error(`DELETE ${path} answered ${r.status}`);
  });
  return { reply, accepted };
}
