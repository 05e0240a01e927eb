/**
 * Every operation that takes an id, asked with another organisation's id: reads always, writes with --allow-writes
 * and only on resources this run created in that organisation (so a deployment that wrongly lets one through changes
 * nothing anybody else owns). Each must answer 404 not_found (openapi.yaml "Roles and scopes").
 */
import { about, cite, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Auth } from '../http/session.js';
import { UNREACHABLE_ENDPOINT } from './fixtures.js';
import { fillPath, listOperations } from './operations.js';

const DOCUMENTED = cite(
  "404 not_found on every operation given another organisation's id, reads and writes",
  section('Roles and scopes'),
);

async function firstId(ctx: CheckContext, auth: Auth, path: string): Promise<Record<string, unknown> | undefined> {
  const reply = await ctx.http.send('GET', path, { auth, query: { per_page: 1 } });
  const items = dataOf<Record<string, unknown>[]>(reply);
  return Array.isArray(items) && typeof items[0]?.id === 'string' ? items[0] : undefined;
}

/**
 * Creates an MCP server, an API key and an invitation (to an `.invalid` address) in the other organisation, removed
 * (withdrawn) with its own key afterwards.
 */
async function createTheirs(ctx: CheckContext): Promise<{ mcp_id?: string; key_id?: string; invite_id?: string }> {
  const made: { mcp_id?: string; key_id?: string; invite_id?: string } = {};
  const bodies: [keyof typeof made, string, string, object][] = [
    ['mcp_id', '/v1/mcps', '/v1/mcps', { name: `${ctx.runPrefix}theirs`, endpoint_url: UNREACHABLE_ENDPOINT }],
    ['key_id', '/v1/api-keys', '/v1/api-keys', { name: `${ctx.runPrefix}theirs` }],
    [
      'invite_id',
      '/v1/organization/members/invite',
      '/v1/organization/invitations',
      { email: `${ctx.runPrefix}theirs@conformance.invalid`.toLowerCase(), role: 'viewer' },
    ],
  ];
  for (const [param, path, collection, json] of bodies) {
    const reply = await ctx.http.send('POST', path, { auth: 'other-org', json });
    const data = dataOf<{ id?: unknown; invite_id?: unknown; key?: unknown; token?: unknown }>(reply);
    if (typeof data?.key === 'string') ctx.addSecret(data.key);
    if (typeof data?.token === 'string') ctx.addSecret(data.token);
    const id = data?.id ?? data?.invite_id;
    if (reply.status !== 201 || typeof id !== 'string') {
      ctx.note(`could not create ${path} in the other organisation (${reply.status}): its write probes are left out`);
      continue;
    }
    const target = `${collection}/${encodeURIComponent(id)}`;
    made[param] = id;
    ctx.cleanup.add(`other-org ${target}`, async () => {
      const r = await ctx.http.send('DELETE', target, { auth: 'other-org' });
      if (r.status >= 300 && r.status !== 404) throw new Error(`DELETE ${target} answered ${r.status}`);
    });
  }
  return made;
}

/** Asks every id-taking operation, as the main organisation, about the other organisation's resources. */
export async function sweepOtherOrgIds(ctx: CheckContext): Promise<void> {
  const theirMember = await firstId(ctx, 'other-org', '/v1/organization/members');
  const read: Record<string, string> = {};
  const theirMcp = await firstId(ctx, 'other-org', '/v1/mcps');
  const theirKey = await firstId(ctx, 'other-org', '/v1/api-keys');
  if (theirMcp) read.mcp_id = String(theirMcp.id);
  if (theirKey) read.key_id = String(theirKey.id);
  if (theirMember) read.user_id = String(theirMember.id);
  const written = ctx.config.allowWrites ? await createTheirs(ctx) : {};
  // Reading an invitation changes nothing: the one this run made there, else any pending one.
  const theirInvite = await ctx.http.send('GET', '/v1/organization/invitations', {
    auth: 'other-org',
    query: { per_page: 1 },
  });
  const pending = dataOf<{ invite_id?: unknown }[]>(theirInvite)?.[0]?.invite_id;
  const inviteId = written.invite_id ?? (typeof pending === 'string' ? pending : undefined);
  if (inviteId) read.invite_id = inviteId;
  for (const op of listOperations(ctx.oracle.contract).filter((o) => o.authenticated && o.path.includes('{'))) {
    const params = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    const changes = op.method !== 'GET';
    const ids: Record<string, string | undefined> = changes ? { ...written } : { ...read };
    if (op.path.includes('{user_id}') && changes) {
      if (op.method === 'DELETE') {
        ctx.note(`${op.operationId}: not probed (removing another organisation's real member is not harmless)`);
        continue;
      }
      if (ctx.config.allowWrites) ids.user_id = read.user_id;
    }
    if (changes && !ctx.config.allowWrites) continue;
    if (params.some((p) => !ids[p])) continue;
    // Bodies that change nothing even if let through: the member's own role, a description.
    const json =
      op.method === 'PATCH'
        ? op.path.includes('{user_id}')
          ? { role: theirMember?.role ?? 'viewer' }
          : { description: 'Created by the conformance suite; safe to delete.' }
        : undefined;
    const reply = await ctx.http.send(op.method, fillPath(op.path, ids as Record<string, string>), {
      ...(json ? { json } : {}),
    });
    ctx.expectError(reply, 404, 'not_found', about(op.operationId, DOCUMENTED), 'other-org-visible');
    ctx.verified('operations with their ids', 1);
  }
}
