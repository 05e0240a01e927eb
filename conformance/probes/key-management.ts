/**
 * Key management (openapi.yaml "Key management"): a key reads, renames and revokes only keys whose role is at most its
 * own and whose scope lies within its own; any other key is invisible to it (absent from `listApiKeys`, 404 by id).
 * Renames write the key's own description back and revocations aim at keys the run made, so a deployment that wrongly
 * lets one through is caught (2xx) and nothing outside the run changes.
 */
import { type ContractRole, ROLES } from '../../contract/index.js';
import { type Citation, cite, operation, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Reply } from '../http/session.js';
import { KEY_DESCRIPTION } from './role-matrix.js';

/** A key the run made: its secret, id, role and whether it is scoped to some MCP servers. */
export interface MatrixKey {
  label: string;
  key: string;
  id: string;
  role: ContractRole;
  scoped: boolean;
}

export const rank = (role: ContractRole | null) => (role ? ROLES.indexOf(role) : -1);

const HIDDEN = (why: string, operationId: string) =>
  cite(
    `another key is invisible (404 not_found) to a key that may not manage it: ${why}`,
    section('Key management'),
    operation(operationId),
  );

/** Why `caller` may not manage `target`, or undefined when it may. */
function unmanageable(caller: MatrixKey, target: MatrixKey): string | undefined {
  if (rank(target.role) > rank(caller.role)) return `its role ${target.role} is above the caller's ${caller.role}`;
  if (caller.scoped && !target.scoped) return 'it covers every MCP server, the scoped caller only some';
  return undefined;
}

async function listedIds(ctx: CheckContext, key: string): Promise<{ ids: Set<string>; reply?: Reply }> {
  const ids = new Set<string>();
  let last: Reply | undefined;
  for (let page = 1; page <= 20; page++) {
    last = await ctx.http.send('GET', '/v1/api-keys', { auth: { key }, query: { page, per_page: 100 } });
    const items = dataOf<{ id?: unknown }[]>(last);
    if (last.status !== 200 || !Array.isArray(items) || items.length === 0) break;
    for (const item of items) if (typeof item.id === 'string') ids.add(item.id);
    const totalPages = (last.json as { pagination?: { total_pages?: number } }).pagination?.total_pages ?? 1;
    if (page >= totalPages) break;
  }
  return { ids, ...(last ? { reply: last } : {}) };
}

/**
 * Expects `status code` in the error envelope; a wrong status is one finding that names who asked for what, tagged
 * with `kind` like every finding it leads to.
 */
export function expectRefusal(
  ctx: CheckContext,
  reply: Reply,
  refusal: { status: number; code: string; kind: string },
  who: string,
  documented: Citation,
): void {
  if (reply.status !== refusal.status) {
    ctx.expect(false, `${who} answered ${reply.status}, expected ${refusal.status} ${refusal.code}`, {
      reply,
      documented,
      kind: refusal.kind,
    });
  } else ctx.expectError(reply, refusal.status, refusal.code, documented, refusal.kind);
}

/**
 * Every caller against every target it may not manage: read, usage, rename, revoke and the list. Viewers are below
 * `updateApiKey`/`revokeApiKey`'s role, so those answer them 403 forbidden; everyone else gets 404 not_found.
 */
export async function sweepKeyManagement(ctx: CheckContext, keys: readonly MatrixKey[]): Promise<void> {
  for (const caller of keys) {
    const auth = { key: caller.key };
    const hidden = keys.filter((t) => t !== caller && unmanageable(caller, t));
    if (hidden.length === 0) continue;
    const listed = await listedIds(ctx, caller.key);
    for (const target of hidden) {
      const why = unmanageable(caller, target) ?? '';
      const who = `${caller.label} key on the ${target.label} key`;
      const at = `/v1/api-keys/${encodeURIComponent(target.id)}`;
      ctx.expect(!listed.ids.has(target.id), `${who}: listApiKeys lists it (${why})`, {
        ...(listed.reply ? { reply: listed.reply } : {}),
        documented: HIDDEN(why, 'listApiKeys'),
        kind: 'key-management-hole',
      });
      for (const [operationId, method, path, json] of [
        ['getApiKey', 'GET', at, undefined],
        ['getApiKeyUsage', 'GET', `${at}/usage`, undefined],
        ['updateApiKey', 'PATCH', at, { description: KEY_DESCRIPTION }],
        ['revokeApiKey', 'DELETE', at, undefined],
      ] as const) {
        const reply = await ctx.http.send(method, path, { auth, ...(json ? { json } : {}) });
        const belowRole = method !== 'GET' && rank(caller.role) < rank('member');
        const refusal = belowRole
          ? { status: 403, code: 'forbidden', kind: 'key-management-hole' }
          : { status: 404, code: 'not_found', kind: 'key-management-hole' };
        expectRefusal(ctx, reply, refusal, `${who}: ${operationId} (${method} ${path})`, HIDDEN(why, operationId));
        ctx.verified('key-management probes', 1);
      }
    }
  }
}

/**
 * Members above the caller's role are beyond it (openapi.yaml "Key management": admins change only members whose role
 * is at most theirs): writing such a member's own role back is 403 forbidden. Removal is not probed: wrongly let
 * through, it would remove a real member.
 */
export async function sweepMemberManagement(
  ctx: CheckContext,
  keys: readonly MatrixKey[],
  members: readonly { id: string; role: ContractRole }[],
): Promise<void> {
  for (const caller of keys.filter((k) => !k.scoped && rank(k.role) >= rank('admin'))) {
    for (const member of members.filter((m) => rank(m.role) > rank(caller.role))) {
      const path = `/v1/organization/members/${encodeURIComponent(member.id)}`;
      const reply = await ctx.http.send('PATCH', path, { auth: { key: caller.key }, json: { role: member.role } });
      expectRefusal(
        ctx,
        reply,
        { status: 403, code: 'forbidden', kind: 'key-management-hole' },
        `${caller.label} key on a ${member.role} member: updateMember (PATCH ${path})`,
        cite(
          'a member whose role is above the caller’s is beyond it: 403 forbidden',
          section('Key management'),
          operation('updateMember'),
        ),
      );
      ctx.verified('key-management probes', 1);
    }
  }
}
