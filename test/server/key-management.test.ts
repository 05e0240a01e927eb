/**
 * Key and member management, every operation × every acting role × targets of higher, equal and lower role, over real
 * HTTP. The expected status of each cell is derived from the rules openapi.yaml states ("Key management" in
 * `info.description`, the operations' descriptions): the role order is the contract's `Role` enum, an operation's
 * minimum role is its `x-required-role` when the contract has one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpScope, Role } from '../../server/store/types.js';
import { asObject, atPointer, operations } from '../contract/spec.js';
import { call, type Harness, startHarness } from '../support/harness.js';

// ---- The rules, read from the contract -------------------------------------------------------------------------

/** `Role`'s enum lists the roles from highest to lowest (owner > admin > member > viewer). */
const ROLE_ORDER = (atPointer('#/components/schemas/Role/enum') as Role[]).slice().reverse();
const rank = (role: Role): number => ROLE_ORDER.indexOf(role);

/** The minimum roles the operations' descriptions state, for a contract without `x-required-role`. */
const STATED_MINIMUM: Record<string, Role> = {
  listApiKeys: 'viewer',
  getApiKey: 'viewer',
  getApiKeyUsage: 'viewer',
  createApiKey: 'member',
  updateApiKey: 'member',
  revokeApiKey: 'member',
  listMembers: 'viewer',
  inviteMember: 'admin',
  updateMember: 'admin',
  removeMember: 'admin',
};

function minimumRole(operationId: string): Role {
  const found = operations().find((op) => op.operation.operationId === operationId);
  if (!found) throw new Error(`openapi.yaml has no operation ${operationId}`);
  const declared = asObject(found.operation)['x-required-role'];
  return typeof declared === 'string' ? (declared as Role) : (STATED_MINIMUM[operationId] as Role);
}

interface Actor {
  label: string;
  /** The role the acting key has; its holder's membership role is `holderRole`. */
  role: Role;
  holderRole: Role;
  scoped: boolean;
}

interface KeyTarget {
  label: string;
  role: Role;
  /** Held by the actor's own member, or by another member of the organisation. */
  own: boolean;
  scope: 'all' | 'actor-mcp' | 'other-mcp';
}

const within = (target: KeyTarget, actor: Actor): boolean => !actor.scoped || target.scope === 'actor-mcp';

/** "Key management": a key manages keys whose role is at most its own and, when scoped, whose scope is within its own;
 * members and viewers manage only their own member's keys. Keys it does not manage are invisible (404, not listed). */
function managesKey(actor: Actor, target: KeyTarget): boolean {
  if (rank(actor.role) < rank('admin') && !target.own) return false;
  return rank(target.role) <= rank(actor.role) && within(target, actor);
}

function expectedKeyStatus(operationId: string, actor: Actor, target: KeyTarget): number {
  if (rank(actor.role) < rank(minimumRole(operationId))) return 403;
  return managesKey(actor, target) ? 200 : 404;
}

function expectedCreateStatus(actor: Actor, role: Role, scope: KeyTarget['scope']): number {
  if (rank(actor.role) < rank(minimumRole('createApiKey'))) return 403;
  const target: KeyTarget = { label: '', role, own: true, scope };
  return rank(role) <= rank(actor.role) && within(target, actor) ? 201 : 403;
}

/** Members: at least the operation's role, a key over every MCP, a target whose role is at most the caller's, and no
 * role granted above the caller's. */
function expectedMemberStatus(operationId: string, actor: Actor, targetRole: Role | undefined, newRole?: Role): number {
  if (rank(actor.role) < rank(minimumRole(operationId))) return 403;
  if (actor.scoped && operationId !== 'listMembers') return 403;
  if (targetRole !== undefined && rank(targetRole) > rank(actor.role)) return 403;
  if (newRole !== undefined && rank(newRole) > rank(actor.role)) return 403;
  return operationId === 'inviteMember' ? 201 : 200;
}

// ---- The matrix ------------------------------------------------------------------------------------------------

const ACTORS: Actor[] = [
  ...ROLE_ORDER.map((role) => ({ label: role, role, holderRole: role, scoped: false })),
  { label: 'member scoped to one MCP', role: 'member', holderRole: 'member', scoped: true },
  { label: 'admin scoped to one MCP', role: 'admin', holderRole: 'admin', scoped: true },
  // The same people acting through a narrower key: an owner's member key is a member, not an owner.
  { label: "owner's member key", role: 'member', holderRole: 'owner', scoped: false },
  { label: "owner's viewer key", role: 'viewer', holderRole: 'owner', scoped: false },
  { label: "owner's admin key", role: 'admin', holderRole: 'owner', scoped: false },
  { label: "owner's member key scoped to one MCP", role: 'member', holderRole: 'owner', scoped: true },
];

function keyTargets(actor: Actor): KeyTarget[] {
  const targets: KeyTarget[] = [];
  for (const role of ROLE_ORDER) {
    for (const scope of ['all', 'actor-mcp', 'other-mcp'] as const) {
      targets.push({ label: `another member's ${role} key (${scope})`, role, own: false, scope });
      // Own keys can only be as high as the holder's membership.
      if (rank(role) <= rank(actor.holderRole))
        targets.push({ label: `own ${role} key (${scope})`, role, own: true, scope });
    }
  }
  return targets;
}

interface Setup {
  orgId: string;
  actorKey: string;
  actorUserId: string;
  actorMcp: string;
  otherMcp: string;
}

describe('key and member management by role', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  /** A fresh organisation (enterprise: no limits in the way) with two MCPs and the actor's key. */
  async function setUp(actor: Actor): Promise<Setup> {
    const org = await h.addOrganization('enterprise');
    const actorMcp = (await h.addMcp({ orgId: org.org.id, name: 'A' })).id;
    const otherMcp = (await h.addMcp({ orgId: org.org.id, name: 'B' })).id;
    const holder = actor.holderRole === 'owner' ? org.owner : (await h.addMember(actor.holderRole, org.org.id)).member;
    const acting = await h.addKey(holder.id, {
      orgId: org.org.id,
      role: actor.role,
      scope: actor.scoped ? [actorMcp] : '*',
      name: 'acting key',
    });
    return { orgId: org.org.id, actorKey: acting.key, actorUserId: holder.id, actorMcp, otherMcp };
  }

  async function addTargetKey(setup: Setup, target: KeyTarget): Promise<string> {
    const holderId = target.own ? setup.actorUserId : (await h.addMember(target.role, setup.orgId)).member.id;
    const scope: McpScope =
      target.scope === 'all' ? '*' : target.scope === 'actor-mcp' ? [setup.actorMcp] : [setup.otherMcp];
    return (await h.addKey(holderId, { orgId: setup.orgId, role: target.role, scope, name: target.label })).row.id;
  }

  for (const actor of ACTORS) {
    it(`API keys, acting as ${actor.label}`, { timeout: 240_000 }, async () => {
      const setup = await setUp(actor);
      const mismatches: string[] = [];
      const check = (what: string, expected: number, got: number) => {
        if (expected !== got) mismatches.push(`${what}: expected ${expected}, got ${got}`);
      };
      const key = setup.actorKey;
      const listed = new Map<string, boolean>();
      for (const target of keyTargets(actor)) {
        const id = await addTargetKey(setup, target);
        listed.set(id, managesKey(actor, target));
        const get = await call(h.baseUrl, 'GET', `/v1/api-keys/${id}`, { key });
        check(`getApiKey ${target.label}`, expectedKeyStatus('getApiKey', actor, target), get.status);
        const usage = await call(h.baseUrl, 'GET', `/v1/api-keys/${id}/usage`, { key });
        check(`getApiKeyUsage ${target.label}`, expectedKeyStatus('getApiKeyUsage', actor, target), usage.status);
        const patch = await call(h.baseUrl, 'PATCH', `/v1/api-keys/${id}`, { key, body: { name: 'renamed' } });
        check(`updateApiKey ${target.label}`, expectedKeyStatus('updateApiKey', actor, target), patch.status);
        const revoke = await call(h.baseUrl, 'DELETE', `/v1/api-keys/${id}`, { key });
        check(`revokeApiKey ${target.label}`, expectedKeyStatus('revokeApiKey', actor, target), revoke.status);
      }
      const list = await call(h.baseUrl, 'GET', '/v1/api-keys?per_page=100', { key });
      check('listApiKeys', 200, list.status);
      const seen = new Set<string>((list.body?.data ?? []).map((k: { id: string }) => k.id));
      for (const [id, visible] of listed) {
        if (seen.has(id) !== visible) mismatches.push(`listApiKeys ${visible ? 'misses' : 'shows'} ${id}`);
      }
      if (list.status === 200) check('listApiKeys total', seen.size, list.body.pagination.total);

      for (const role of ROLE_ORDER) {
        for (const scope of ['all', 'actor-mcp'] as const) {
          const mcps = scope === 'all' ? '*' : [setup.actorMcp];
          const created = await call(h.baseUrl, 'POST', '/v1/api-keys', {
            key,
            body: { name: `new ${role}`, role, permissions: { mcps } },
          });
          check(`createApiKey ${role} (${scope})`, expectedCreateStatus(actor, role, scope), created.status);
        }
      }
      expect(mismatches).toEqual([]);
    });

    it(`members, acting as ${actor.label}`, { timeout: 240_000 }, async () => {
      const setup = await setUp(actor);
      const mismatches: string[] = [];
      const check = (what: string, expected: number, got: number) => {
        if (expected !== got) mismatches.push(`${what}: expected ${expected}, got ${got}`);
      };
      const key = setup.actorKey;
      // Another owner keeps the organisation from ever being down to its last owner here.
      await h.addMember('owner', setup.orgId);
      check(
        'listMembers',
        expectedMemberStatus('listMembers', actor, undefined),
        (await call(h.baseUrl, 'GET', '/v1/organization/members', { key })).status,
      );
      for (const targetRole of ROLE_ORDER) {
        for (const newRole of ROLE_ORDER) {
          const target = (await h.addMember(targetRole, setup.orgId)).member;
          const patch = await call(h.baseUrl, 'PATCH', `/v1/organization/members/${target.id}`, {
            key,
            body: { role: newRole },
          });
          check(
            `updateMember ${targetRole} -> ${newRole}`,
            expectedMemberStatus('updateMember', actor, targetRole, newRole),
            patch.status,
          );
        }
        const target = (await h.addMember(targetRole, setup.orgId)).member;
        const removed = await call(h.baseUrl, 'DELETE', `/v1/organization/members/${target.id}`, { key });
        check(`removeMember ${targetRole}`, expectedMemberStatus('removeMember', actor, targetRole), removed.status);
      }
      const invitable = asObject(atPointer('#/components/schemas/InviteCreate/properties/role') ?? {}).enum as Role[];
      for (const role of invitable) {
        const invited = await call(h.baseUrl, 'POST', '/v1/organization/members/invite', {
          key,
          body: { email: `${role}-${setup.orgId.toLowerCase()}@example.com`, role },
        });
        check(`inviteMember ${role}`, expectedMemberStatus('inviteMember', actor, undefined, role), invited.status);
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe('an organisation keeps an owner and an owner key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('the last active owner key cannot be revoked: 409 conflict, and it still works', async () => {
    // The owner also holds an admin key, so this is not the caller's only key.
    await h.addKey(h.owner.id, { role: 'admin', name: 'second key' });
    const revoke = await call(h.baseUrl, 'DELETE', `/v1/api-keys/${h.ownerKeyRow.id}`, { key: h.ownerKey });
    expect(revoke.status).toBe(409);
    expect(revoke.body.error.code).toBe('conflict');
    expect((await call(h.baseUrl, 'GET', '/v1/organization', { key: h.ownerKey })).status).toBe(200);
    // With a second owner key it can go.
    const second = await h.addKey(h.owner.id, { role: 'owner', name: 'new owner key' });
    expect((await call(h.baseUrl, 'DELETE', `/v1/api-keys/${h.ownerKeyRow.id}`, { key: second.key })).status).toBe(200);
  });

  it('the last owner can be neither demoted nor removed: 409 conflict', async () => {
    const org = await h.addOrganization('enterprise');
    const path = `/v1/organization/members/${org.owner.id}`;
    const demote = await call(h.baseUrl, 'PATCH', path, { key: org.ownerKey, body: { role: 'admin' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('conflict');
    const remove = await call(h.baseUrl, 'DELETE', path, { key: org.ownerKey });
    expect(remove.status).toBe(409);
    expect(remove.body.error.code).toBe('conflict');
  });
});
